"""The representative simulator: answers, read-backs, behaviours, several claims."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

from sandbox_helpers import find_claim, run_to_representative
from scripted_caller import ScriptedCaller

from payerline.domain.codes import ClaimStatus
from payerline.sandbox import hearing
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.representative import Representative
from payerline.sandbox.scenario import RepBehaviour

BANK = PhraseBank.default()


def rep_texts(caller: ScriptedCaller, name: str) -> list[str]:
    texts = caller.far_text()
    start = next(i for i, t in enumerate(texts) if name in t)
    return texts[start:]


def answer_after(caller: ScriptedCaller, question: str) -> str:
    """Return the far end's sentences between ``question`` and the caller's next turn."""
    turns = caller.turns
    index = next(i for i, t in enumerate(turns) if t.side == "caller" and t.text == question)
    answer = []
    for turn in turns[index + 1 :]:
        if turn.side == "caller":
            break
        answer.append(turn.text)
    return " ".join(answer)


def test_greeting_names_the_representative(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, [])
    name = line.representatives[0].name
    greeting = rep_texts(caller, name)[0]
    assert name in greeting
    assert any(greeting == template.format(name=name) for template in BANK.dialog["greeting"])


def test_answers_come_from_the_records(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    questions = ["What's the status of that claim?", "What's the claim number?",
                 "Can I get a reference number for this call?", "What's the bulk payment amount?"]
    caller, line = run_to_representative(ngs, member, claim, questions)
    status = answer_after(caller, questions[0])
    assert any(word in status for word in BANK.status_words["paid"])
    assert claim.claim_number in hearing.digits_in(answer_after(caller, questions[1]))
    reference = line.representatives[0].reference_number
    assert reference in hearing.characters_in(answer_after(caller, questions[2]))
    refusal = answer_after(caller, questions[3])
    assert any(refusal == t.format(label="bulk payment amount") for t in BANK.dialog["withheld"])
    assert any("representative on claim " + claim.id in entry for entry in line.log)


def test_missing_value_is_said_plainly(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PENDING)
    questions = ["What's the check number?", "How long will it take to process?"]
    caller, _ = run_to_representative(ngs, member, claim, questions)
    no_check = answer_after(caller, questions[0])
    assert any(no_check == t.format(label="check number") for t in BANK.dialog["no_value"])
    days = answer_after(caller, questions[1])
    assert str(claim.expected_processing_days) in hearing.digits_in(days)


def test_not_on_file_claim(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.NOT_ON_FILE)
    question = "What's the timely filing limit?"
    caller, _ = run_to_representative(kentucky, member, claim, [question])
    texts = caller.far_text()
    assert any(t in BANK.dialog["claim_not_on_file"] for t in texts)
    assert "365" in hearing.digits_in(answer_after(caller, question)) or "three hundred sixty-five" in answer_after(caller, question)


def test_readback_confirmed_and_corrected(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    right = f"Let me read that back: paid on {claim.paid_date:%B %d, %Y}, is that correct?"
    wrong = f"Just to confirm, the paid date is {claim.paid_date.replace(day=1 if claim.paid_date.day != 1 else 2):%B %d, %Y}?"
    questions = ["What's the paid date?", right, "What's the paid date?", wrong]
    caller, _ = run_to_representative(ngs, member, claim, questions)
    assert answer_after(caller, right) in BANK.dialog["readback_correct"]
    correction = answer_after(caller, wrong)
    assert correction.startswith(("No, it's", "Actually, it's"))
    assert claim.paid_date in hearing.dates_in(correction)


def test_asks_ssn_and_accepts_refusal(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.DENIED)
    caller, line = run_to_representative(kentucky, member, claim, ["What's the status?"], rep_behaviour=RepBehaviour.ASKS_SSN)
    texts = caller.far_text()
    assert any(t in BANK.dialog["ssn_request"] for t in texts)
    assert any(t in BANK.dialog["ssn_declined"] for t in texts)
    assert any("caller declined to give an SSN" in entry for entry in line.log)
    assert any("representative on claim" in entry for entry in line.log)


def test_self_corrects_one_value(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    questions = ["What's the allowed amount?", "What's the paid date?", "What's the check number?"]
    caller, line = run_to_representative(ngs, member, claim, questions, rep_behaviour=RepBehaviour.SELF_CORRECTS)
    corrected = [entry for entry in line.log if "self-corrects" in entry]
    assert len(corrected) == 1
    joiners = BANK.dialog["self_correction"]
    answers = [answer_after(caller, q) for q in questions]
    assert sum(any(j in a for j in joiners) for a in answers) == 1


def test_spells_phonetically(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    question = "Can I get a reference number for this call?"
    caller, line = run_to_representative(ngs, member, claim, [question, "And your name?"], rep_behaviour=RepBehaviour.SPELLS_PHONETIC)
    reference = line.representatives[0].reference_number
    assert re.search(r"[A-Z]", reference)
    said = answer_after(caller, question)
    assert re.search(r"\b[A-Z] as in \w+", said)
    assert reference in hearing.characters_in(said)
    assert " as in " in answer_after(caller, "And your name?")


def test_groups_digits_in_threes(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    question = "What's the check number?"
    caller, _ = run_to_representative(kentucky, member, claim, [question], rep_behaviour=RepBehaviour.GROUPS_DIGITS)
    said = answer_after(caller, question)
    assert claim.check_number in hearing.digits_in(said)
    groups = re.findall(r"(?:(?:double |triple )?(?:oh|zero|one|two|three|four|five|six|seven|eight|nine) ?)+", said)
    assert said.count(",") >= 2, said
    assert len(groups) >= 3


def test_mumbles_once_then_repeats_clearly(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.DENIED)
    questions = ["What's the status of that claim?", "Sorry, can you repeat that?"]
    caller, line = run_to_representative(ngs, member, claim, questions, rep_behaviour=RepBehaviour.MUMBLES_ONCE)
    mumbled = [t for t in caller.turns if t.side == "far" and t.confidence < 1.0]
    assert len(mumbled) == 1
    assert mumbled[0].text in BANK.dialog["mumble"]
    repeated = answer_after(caller, questions[1])
    assert any(word in repeated for word in BANK.status_words["denied"])


def test_sends_caller_back_to_ivr(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, [], rep_behaviour=RepBehaviour.SENDS_TO_IVR)
    texts = caller.far_text()
    sent = next(i for i, t in enumerate(texts) if t in BANK.dialog["send_to_ivr"])
    assert "For claim status, press 2 or say claim status." in texts[sent + 1 :]
    assert any("sends the caller back to the IVR" in entry for entry in line.log)


def test_second_claim_in_one_call(ngs) -> None:
    claims = [(m, c) for m in ngs.records.members for c in m.claims if c.status != ClaimStatus.NOT_ON_FILE]
    member = next(m for m, _ in claims if sum(1 for mm, _ in claims if mm is m) >= 2)
    first, second = [c for m, c in claims if m is member][:2]
    other = f"I have another claim, date of service {second.service_date_from:%B %d, %Y}."
    caller, line = run_to_representative(ngs, member, first, ["What's the status?", other, "What's the status?"],
                                         extra_claims=[second])
    assert any(f"representative on claim {second.id}" in entry for entry in line.log)
    assert not any("refuses a second claim" in entry for entry in line.log)


def test_sends_to_ivr_gives_reference_first(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    question = "Before you transfer me, can I get a reference number for this call?"
    caller, line = run_to_representative(kentucky, member, claim, [question], rep_behaviour=RepBehaviour.SENDS_TO_IVR)
    said = answer_after(caller, question)
    assert line.representatives[0].reference_number in hearing.characters_in(said)
    texts = caller.far_text()
    assert any(t in BANK.dialog["transferring"] for t in texts)
    assert "Main menu." in texts


def test_repeat_without_answer_replays_last_words(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    question = "I'm sorry, could you repeat that?"
    caller, _ = run_to_representative(ngs, member, claim, [question])
    index = next(i for i, t in enumerate(caller.turns) if t.text == question)
    before = [t.text for t in caller.turns[:index] if t.side == "far"][-1]
    assert answer_after(caller, question) == before


def test_same_date_claims_picked_by_charges(ngs) -> None:
    _, claim = find_claim(ngs, ClaimStatus.PAID)
    twin = claim.model_copy(update={"id": "twin", "claim_number": None, "billed_amount": claim.billed_amount + 100})
    rep = SimpleNamespace(claims=[claim, twin])
    rep.claims_by_number = lambda text: Representative.claims_by_number(rep, text)
    rep.claims_by_date = lambda dates: Representative.claims_by_date(rep, dates)
    served = claim.service_date_from.strftime("%B %d, %Y")
    asked = f"I'm calling about date of service {served}, billed amount ${twin.billed_amount:.2f}."
    assert [found.id for found in Representative.claims_described(rep, asked)] == ["twin", claim.id]
    plain = f"I'm calling about date of service {served}."
    assert [found.id for found in Representative.claims_described(rep, plain)] == [claim.id, "twin"]


def test_no_record_then_field_question_says_no_value(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    dates = {c.service_date_from for m in kentucky.records.members for c in m.claims}
    unused = next(claim.service_date_from + timedelta(days=days) for days in range(1, 60)
                  if claim.service_date_from + timedelta(days=days) not in dates)
    ghost = claim.model_copy(update={"id": "ghost", "service_date_from": unused, "service_date_to": None})
    question = "What's the timely filing limit?"
    caller, _ = run_to_representative(kentucky, member, ghost, [question])
    assert any(t in BANK.dialog["claim_not_on_file"] for t in caller.far_text())
    answer = answer_after(caller, question)
    assert any(answer == t.format(label="timely filing limit") for t in BANK.dialog["no_value"])
