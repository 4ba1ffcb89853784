"""How a representative verifies the caller and finds the claim.

The questions come in a seeded order and wording from the phrase bank. An
answer is checked against the payer's records with the sandbox's own
hearing; a value the caller already gave earlier in the call is not asked
again. A wording that names the subscriber is checked against the
subscriber, a dependent's policy holder. An answer with no value of the asked kind gets the direct question
once more; a wrong value gets one more chance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from payerline.sandbox import hearing
from payerline.sandbox.scenario import RepBehaviour

if TYPE_CHECKING:
    from payerline.sandbox.records import ProviderRecord
    from payerline.sandbox.representative import Representative

Check = Callable[[str], bool | None]
CLAIM_ITEMS = ("date_of_service", "claim_number")
# Items a wording may ask of the subscriber ("the subscriber ID", "the
# subscriber's date of birth"); such an answer is checked against the subscriber.
SUBSCRIBER_ITEMS = ("member_id", "date_of_birth")
_NAMES_SUBSCRIBER = re.compile(r"\bsubscriber'?s?\b", re.IGNORECASE)


def _id_check(expected: str | None, min_other: int) -> Check:
    def check(text: str) -> bool | None:
        if expected and hearing.contains_id(text, expected):
            return True
        return False if len(hearing.characters_in(text)) >= min_other else None

    return check


class Verifier:
    """Runs the verification questions of one representative."""

    def __init__(self, rep: Representative) -> None:
        self.rep = rep
        self.rng = rep.rng
        self.providers: list[ProviderRecord] | None = None
        """The enrolled providers the caller's ids so far fit; later provider ids must be one of theirs."""

    def _candidates(self) -> list[ProviderRecord]:
        """Providers an id may belong to: any enrolled one, until an id has matched.

        Provider verification never depends on the claim lookup: a caller
        whose claim is not on file still has a valid NPI. A tax id may be
        shared by several providers (a hospital and its outpatient centre),
        so it keeps all of them; an NPI or a payer id keeps one.
        """
        return self.providers if self.providers is not None else list(self.rep.enrolled_providers())

    def _provider_check(self, field: str, min_other: int) -> Check:
        def check(text: str) -> bool | None:
            for provider in self._candidates():
                value = getattr(provider, field)
                if value and hearing.contains_id(text, value):
                    self.providers = [provider]
                    return True
            return False if len(hearing.characters_in(text)) >= min_other else None

        return check

    def _tax_id_check(self) -> Check:
        def check(text: str) -> bool | None:
            digits = hearing.digits_in(text)
            matching = [provider for provider in self._candidates()
                        if provider.tin in digits or provider.tin[-5:] in digits]
            if matching:
                self.providers = matching
                return True
            return False if len(digits) >= 5 else None

        return check

    def plan(self) -> list[str]:
        """Return the verification items in this call's order; claim identification comes last."""
        items = list(self.rep.config.verification)
        others = [item for item in items if item not in CLAIM_ITEMS]
        claim_items = [item for item in items if item in CLAIM_ITEMS] or ["date_of_service"]
        if self.rep.config.shuffle_verification:
            self.rng.shuffle(others)
        if self.rep.behaviour == RepBehaviour.ASKS_SSN:
            others.insert(self.rng.randint(0, len(others)), "ssn")
        return others + claim_items

    def run(self) -> Generator[object, object, bool]:
        rep = self.rep
        yield from rep.say([rep.pick("verify_intro")])
        for item in self.plan():
            if item in CLAIM_ITEMS:
                if rep.claim is None:
                    yield from self._identify_claim(item)
                continue
            if item == "ssn":
                yield from self._ask_ssn()
                continue
            check = self._check(item)
            if item != "caller_identity" and check(rep.heard_text) is True:
                continue
            verified = yield from self._ask(item)
            if not verified:
                rep.call.note(f"verification failed on {item}")
                return False
        return True

    def _check(self, item: str) -> Check:
        member = self.rep.member
        if item == "caller_identity":
            return lambda text: True if len(hearing.tokens(text)) >= 2 else None
        if item == "npi":
            return self._provider_check("npi", 10)
        if item == "ptan":
            return self._provider_check("ptan", 5)
        if item == "medicaid_provider_id":
            return self._provider_check("medicaid_provider_id", 6)
        if item == "member_id":
            return _id_check(member.member_id if member else None, 6)
        if item == "tax_id":
            return self._tax_id_check()
        if item == "patient_name":
            return lambda text: True if member and hearing.contains_name(text, member.last_name) else None
        if item == "date_of_birth":
            return self._birth_check(member.date_of_birth if member else None)
        raise ValueError(f"unknown verification item {item!r}")

    def _subscriber_check(self, item: str) -> Check | None:
        """Return the check of a question that names the subscriber, or None when ``item`` has no such form.

        The subscriber's own id when the file gives one, else the id on the
        card, which is the member's; a member with no subscriber block is
        their own subscriber.
        """
        member = self.rep.member
        if member is None or item not in SUBSCRIBER_ITEMS:
            return None
        subscriber = member.subscriber
        if item == "member_id":
            return _id_check(subscriber.member_id if subscriber and subscriber.member_id else member.member_id, 6)
        return self._birth_check(subscriber.date_of_birth if subscriber else member.date_of_birth)

    def _check_for(self, item: str, question: str) -> Check:
        if _NAMES_SUBSCRIBER.search(question):
            check = self._subscriber_check(item)
            if check is not None:
                return check
        return self._check(item)

    def _birth_check(self, birth) -> Check:
        today = self.rep.call.today()

        def check(text: str) -> bool | None:
            dates = hearing.dates_in(text, today)
            if birth and birth in dates:
                return True
            return False if dates else None

        return check

    def _ask(self, item: str) -> Generator[object, object, bool]:
        rep = self.rep
        wordings = rep.bank.verification[item]
        question = self.rng.choice(wordings)
        check = self._check_for(item, question)
        mismatches = 0
        for _ in range(3):
            yield from rep.say([question])
            text = yield from rep.listen_or_prompt()
            verdict = check(text)
            if item == "caller_identity" and "callback" in question.lower():
                verdict = True if len(hearing.digits_in(text)) >= 10 else None
            if verdict is True:
                if self.rng.random() < 0.4:
                    yield from rep.say([rep.pick("verify_next")])
                return True
            if verdict is False:
                mismatches += 1
                if mismatches >= 2:
                    return False
                question = rep.pick("verify_mismatch")
            else:
                question = wordings[0]
                check = self._check_for(item, question)
        return False

    def _ask_ssn(self) -> Generator[object, object, None]:
        rep = self.rep
        yield from rep.say([rep.pick("ssn_request")])
        text = yield from rep.listen_or_prompt()
        if re.search(r"\d{4}", hearing.digits_in(text)):
            rep.call.note("caller disclosed digits when asked for an SSN")
            yield from rep.say([rep.pick("verify_next")])
        else:
            rep.call.note("caller declined to give an SSN")
            yield from rep.say([rep.pick("ssn_declined")])

    def _identify_claim(self, item: str) -> Generator[object, object, None]:
        rep = self.rep
        found = rep.claims_described(rep.heard_text)
        wordings = rep.bank.verification[item]
        question = self.rng.choice(wordings)
        attempts = 0
        while not found and attempts < 3:
            attempts += 1
            yield from rep.say([question])
            text = yield from rep.listen_or_prompt()
            found = rep.claims_described(text)
            if not found:
                question = rep.pick("claim_not_matched") if hearing.dates_in(text) else rep.bank.verification["date_of_service"][0]
        if not found:
            rep.no_record_reported = True
            yield from rep.say([rep.pick("claim_not_on_file")])
            return
        fresh = [claim for claim in found if claim.id not in rep.discussed]
        yield from rep.select_claim((fresh or found)[0])
