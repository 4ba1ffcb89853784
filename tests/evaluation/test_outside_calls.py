"""Eval calls on outside payer files that once failed, run again one by one.

Each row names an outside set, a call of ``payerline eval --payers DIR
--scenarios 200 --seed 9`` and its ASR noise rate. The call must come out
exact: these are the cases the agent was changed for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from payerline.evaluation.mix import draw_mix
from payerline.evaluation.payer_set import load_eval_payers
from payerline.evaluation.runner import default_harness, run_planned_call

OUTSIDE = Path(__file__).resolve().parents[2] / "eval-payers"

CASES = [
    # The person names another claim than the IVR read; the new number is read back and corrected.
    ("author-189", "s9-00070", 0.05),
    # "A as in apple, to six oh ...": "two" heard as "to" after a spelled letter and a pause.
    ("author-223", "s9-00082", 0.05),
    # "That's I C N two oh two six ...": the label's letters are no part of the number.
    ("author-196", "s9-00007", 0.05),
    # "There are no hospice claims on file ...", then "If you still need help with this claim, press 7" to a person.
    ("author-229", "s9-00022", 0.0),
    # "... cancelled and will be recouped. Date February seventeenth, ...": a bare date after the decision.
    ("author-234", "s9-00034", 0.0),
    # Two claims of one day and charges: the person opens the one the IVR gave the other claim, and is turned.
    ("author-235", "s9-00007", 0.0),
    # The person reads a number other than the request's: the agent names the claim number it asks about.
    ("author-235", "s9-00023", 0.0),
    # "Your charge was ...", and "The full $140 went to the patient's deductible, so the plan paid zero dollars".
    ("author-237", "s9-00001", 0.0),
    # "Client share of cost zero dollars."
    ("author-239", "s9-00097", 0.0),
    # "Amount applied to the member's monthly liability ..." and "Reduction reason: group C O, ...".
    ("author-240", "s9-00057", 0.0),
    ("author-240", "s9-00146", 0.0),
    # "... in the payment run of March twenty-seventh".
    ("author-240", "s9-00104", 0.0),
    # "The student owes twenty dollars."
    ("author-242", "s9-00029", 0.0),
    # "Sorry, it sounds like this is an automated call, and we [don't] help automated callers on this line."
    ("author-229", "s9-00081", 0.05),
    # "... doesn't match our records, so I [can't] discuss it with you."
    ("author-230", "s9-00035", 0.05),
    # "Without the [correct] information I'm not able to release anything on that claim."
    ("author-232", "s9-00069", 0.05),
    # A listing gives claim IDs without status: "To get the status of one of these claims, press 1"; the ID heard is
    # keyed, and the IVR's read-back of it is the claim's number.
    ("author-245", "s9-00004", 0.0),
    ("author-245", "s9-00029", 0.0),
    # The IVR read the keyed claim number back, then its systems went down: no read-out, so no claim number.
    ("author-246", "s9-00016", 0.0),
    # "I C N ..." spelled starts a second claim of the read-out (a paid claim and its adjustment).
    ("author-247", "s9-00036", 0.0),
    # "What date was the claim processed?" "It went through the payment cycle on ...": the date asked for.
    ("author-247", "s9-00052", 0.0),
    # "... cancelled by a void request on February twenty-seventh" and "pending, in process since March sixth".
    ("author-247", "s9-00156", 0.0),
    ("author-247", "s9-00057", 0.0),
    # "Deductible amount four hundred twelve dollars and fifty cents."
    ("author-250", "s9-00079", 0.0),
    # "Plan payment, dollars and cents: ..." and "..., expected March thirteenth".
    ("author-252", "s9-00007", 0.0),
    ("author-252", "s9-00104", 0.0),
    # "For I C N ..., payment was issued on April third, ...": the claim's payment, read after its lines.
    ("author-253", "s9-00020", 0.0),
    # "The system was unable to process your request" right after the last name was keyed: the member not found.
    ("author-253", "s9-00035", 0.0),
    # "The adjustment finaled on February twenty-sixth".
    ("author-254", "s9-00079", 0.0),
    # "Amount ninety-eight dollars and forty cents, expected to be mailed March nineteenth".
    ("author-255", "s9-00075", 0.0),
    # "This claim has been received, on March fourth, ..., and is in process" is received.
    ("author-256", "s9-00013", 0.0),
    # "Detail one, procedure ..., status paid" is a line, not the claim's status.
    ("author-256", "s9-00003", 0.0),
    # "There's no payment voucher for it": no payment, so no person is needed for the paid amount.
    ("author-260", "s9-00050", 0.0),
    # "Payment voucher number V zero zero ..." and "Expected voucher date April eighth".
    ("author-260", "s9-00009", 0.0),
    ("author-260", "s9-00079", 0.0),
    # "Claim status code F 1, payment scheduled."
    ("author-260", "s9-00048", 0.0),
    # "... date of birth as six numbers: month, day, then the last two digits of the year."
    ("author-261", "s9-00002", 0.0),
    # "Where it stands: partially paid."
    ("author-261", "s9-00091", 0.0),
    # "... E F T number eight eight zero ..., for four hundred sixty-two dollars": "for" ends the number.
    ("author-261", "s9-00018", 0.0),
    # "Here are the most recent payments to your office" reads no claim of the request.
    ("author-261", "s9-00114", 0.0),
    # "claim I D E two six zero ...": the label's letters, then a number that starts with a letter.
    ("author-264", "s9-00003", 0.0),
    # "You may bill the patient ...".
    ("author-265", "s9-00057", 0.0),
    # "We only take calls from clinic staff on this line, not automated systems."
    ("author-268", "s9-00071", 0.0),
    # "Reason: group C O, code fifteen, remark M sixty-two."
    ("author-268", "s9-00124", 0.0),
    # "Amount applied, ..." after "applied to the deductible", and "Adjustment code P R one".
    ("author-269", "s9-00034", 0.0),
    ("author-269", "s9-00029", 0.0),
    # "Claims usually appear within five business days of receipt" is no processing time.
    ("author-272", "s9-00011", 0.0),
    # "... date of birth as two digits for month, two for day, and two for year."
    ("author-274", "s9-00003", 0.0),
    # "Amount to member deductible ..." and "Family copay ten dollars."
    ("author-274", "s9-00081", 0.0),
    ("author-275", "s9-00029", 0.0),
    # "Your office billed three hundred forty dollars." answers the question; it asks nothing back.
    ("author-276", "s9-00003", 0.0),
    # Last turns before a hang-up that lost words to noise: "Our are down for maintenance write now ...",
    # "I don't access to claims. You'll to back and the claims option", "we can only help callers on this line".
    ("author-257", "s9-00026", 0.05),
    ("author-230", "s9-00053", 0.05),
    ("author-249", "s9-00091", 0.05),
    # "For the transport on March first, ..., claim number ..., is pending.": the service and its date open the sentence.
    ("author-279", "s9-00057", 0.0),
    # "Claim one, number ..., for three hundred ten dollars in charges."
    ("author-282", "s9-00048", 0.0),
    # "It will appear on the remittance advice dated ..." after an approval, and "cancelled, voided, on the remittance
    # advice dated ...".
    ("author-284", "s9-00038", 0.0),
    ("author-284", "s9-00071", 0.0),
    # A cancelled claim and its replacement share a day and charges: the person opens the first and is turned.
    ("author-281", "s9-00023", 0.0),
    # "Key it in using the number key for each letter", and a mistyped member id that is no other member's.
    ("author-277", "s9-00030", 0.0),
    # "[For] payment amounts, ... by pressing 0" gives no paid amount of zero.
    ("author-278", "s9-00070", 0.05),
    # "Thanks for waiting, this is Tri-County": the payer's name is no representative's name.
    ("author-278", "s9-00109", 0.05),
    # "Member responsibility is [lost] dollars, including zero dollars toward the deductible."
    ("author-280", "s9-00037", 0.05),
    # A person who hangs up right after "that doesn't match" with words lost found no member.
    ("author-277", "s9-00030", 0.05),
    ("author-278", "s9-00030", 0.05),
    # "... paid on March second, following adjudication on February twenty-sixth", and "amount applied" after a comma.
    ("author-285", "s9-00129", 0.0),
    ("author-285", "s9-00079", 0.0),
    # "non-payment status as of ...", "approved for reimbursement on remittance date ...", "Remittance issued ...".
    ("author-287", "s9-00155", 0.0),
    # "applied to the recipient's spend-down obligation, with no reimbursement, on October thirtieth".
    ("author-287", "s9-00161", 0.0),
    # The sandbox representative spells an accented name ("Tomás") by its base letters.
    ("author-291", "s9-00011", 0.0),
    # Noise: "Allow two forty-five days", "approved four payment", "isn't available at the moment. Please try your
    # call again".
    ("author-279", "s9-00050", 0.05),
    ("author-284", "s9-00038", 0.05),
    ("author-282", "s9-00010", 0.05),
    # "Say another visit or press 2 to check a different date for this patient" leads to a cancelled claim's twin.
    ("author-287", "s9-00087", 0.0),
    # "I can only look at one claim per call" after a claim number read back: the person has the twin open.
    ("author-290", "s9-00124", 0.0),
    # A read-out laid out as "Field, estimated processing days. Value, thirty days."
    ("author-293", "s9-00098", 0.0),
    # "... is awaiting its first adjudication cycle", "entered the system on", "approved for payment, amount ...".
    ("author-295", "s9-00020", 0.0),
    ("author-295", "s9-00038", 0.0),
    # "Status. Suspended. April second, twenty twenty-six.": a bare status, then its date.
    ("author-298", "s9-00009", 0.0),
    # Noise: "was paid at zero percent and denied", "Are you a recording? ... to an system".
    ("author-290", "s9-00092", 0.05),
    ("author-290", "s9-00081", 0.05),
    # "We're closed right now" after "You've reached ..."; codes "for claim number ..." after the lines.
    ("author-301", "s9-00120", 0.0),
    ("author-301", "s9-00029", 0.0),
    # "We cut the check zero two zero six, two zero two six" is the paid date; so is "scheduled to be cut on".
    ("author-302", "s9-00082", 0.0),
    ("author-302", "s9-00136", 0.0),
    # "The claim for the visit on ..., number ..., was denied on ..."; "Reason P R one".
    ("author-304", "s9-00091", 0.0),
    ("author-304", "s9-00038", 0.0),
    # "Harborline claim H L two six A zero zero ...": a letter inside the number.
    ("author-305", "s9-00001", 0.0),
    # "Per diem claims usually span several days" names no person.
    ("author-306", "s9-00031", 0.0),
    # "Date on file January thirtieth"; "with payment in the cycle of February twentieth".
    ("author-307", "s9-00001", 0.0),
    ("author-308", "s9-00057", 0.0),
    # "It's showing as received, and I'll go ahead and give you all the amounts ... in one shot."
    ("author-294", "s9-00123", 0.0),
    # "Expected R A date ...", "denied on the R A dated ...".
    ("author-300", "s9-00029", 0.0),
    ("author-300", "s9-00048", 0.0),
    # A speech IVR's "What date of service are you calling about?" right after the birth date is no person.
    ("author-277", "s9-00013", 0.0),
    ("author-277", "s9-00143", 0.0),
]


@pytest.mark.parametrize(("folder", "call_id", "noise"), CASES, ids=[f"{f}-{c}" for f, c, _ in CASES])
def test_outside_call_is_exact(folder: str, call_id: str, noise: float) -> None:
    payers = load_eval_payers(OUTSIDE / folder)
    by_id = {payer.profile.payer_id: payer for payer in payers}
    planned = draw_mix([payer.profile for payer in payers], 200, 9)
    call = next(call for call in planned if call.scenario.scenario_id == call_id)
    run = run_planned_call(call, by_id[call.scenario.payer_id], default_harness(), asr_noise_rate=noise)
    assert run.score.exact, run.score.differences
