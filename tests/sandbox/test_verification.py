"""Which record a representative's verification question is checked against."""

from __future__ import annotations

import random
from datetime import date
from types import SimpleNamespace

from sandbox_helpers import bundled

from payerline.sandbox.records import MemberRecord
from payerline.sandbox.verification import Verifier


def dependent() -> MemberRecord:
    payer = bundled("humana")
    return next(m for m in payer.records.members if m.subscriber is not None and m.subscriber.member_id)


def verifier_for(member: MemberRecord) -> Verifier:
    call = SimpleNamespace(today=lambda: date(2026, 12, 4))
    rep = SimpleNamespace(rng=random.Random(1), member=member, enrolled_providers=lambda: [], call=call)
    return Verifier(rep)


def spoken(value: date) -> str:
    return f"It's {value.strftime('%m/%d/%Y')}."


def test_subscriber_birth_date_checked_against_subscriber() -> None:
    member = dependent()
    check = verifier_for(member)._check_for("date_of_birth", "What's the subscriber's date of birth?")
    assert check(spoken(member.subscriber.date_of_birth)) is True
    assert check(spoken(member.date_of_birth)) is False


def test_patient_birth_date_checked_against_patient() -> None:
    member = dependent()
    check = verifier_for(member)._check_for("date_of_birth", "And the patient's DOB?")
    assert check(spoken(member.date_of_birth)) is True
    assert check(spoken(member.subscriber.date_of_birth)) is False


def test_subscriber_id_checked_against_subscriber() -> None:
    member = dependent()
    verifier = verifier_for(member)
    check = verifier._check_for("member_id", "What's the subscriber ID, including the prefix?")
    assert check(f"The subscriber ID is {member.subscriber.member_id}.") is True
    assert check(f"The member ID is {member.member_id}.") is False
    member_check = verifier._check_for("member_id", "Can I get the member ID?")
    assert member_check(f"The member ID is {member.member_id}.") is True


def test_subscriber_without_own_id_uses_card_id() -> None:
    member = dependent()
    member = member.model_copy(update={"subscriber": member.subscriber.model_copy(update={"member_id": None})})
    check = verifier_for(member)._check_for("member_id", "What's the subscriber ID, including the prefix?")
    assert check(f"The ID is {member.member_id}.") is True


def test_own_subscriber_checked_against_member() -> None:
    member = dependent().model_copy(update={"subscriber": None})
    check = verifier_for(member)._check_for("date_of_birth", "What's the subscriber's date of birth?")
    assert check(spoken(member.date_of_birth)) is True


def test_two_digit_birth_year_is_the_past_century_when_20yy_is_still_ahead() -> None:
    member = dependent().model_copy(update={"date_of_birth": date(1951, 11, 5)})
    check = verifier_for(member)._check_for("date_of_birth", "And the patient's DOB?")
    assert check("It's 11/05/51.") is True
    assert check("It's 11/05/1951.") is True
