"""Why the far end hung up, when its last turn reached the agent with words missing.

The texts are last turns from eval calls on outside payer files with
recognition noise. Each was heard as no fault at all, and the call came back
as "information incomplete" instead of the reason the far end gave.
"""

from __future__ import annotations

import pytest

from payerline.agent.prompts import Cue, analyze_prompt, hangup_cue

_FAULTS = {Cue.AUTOMATED_REFUSED, Cue.SYSTEMS_DOWN, Cue.WRONG_DEPARTMENT}


@pytest.mark.parametrize(("text", "person", "cue"), [
    ("Our are down for maintenance write now. Please try again in the little while. Goodbye.", False,
     Cue.SYSTEMS_DOWN),
    ("We're sorry, ClearPoint's claim isn't available at the moment. Please try your call again Goodbye.", False,
     Cue.SYSTEMS_DOWN),
    ("Oh, you've the auto physical damage, I don't access to claims. You'll to back and the claims option. Goodbye.",
     True, Cue.WRONG_DEPARTMENT),
    ("Oh, you've reached the help line, I have access to claims. You'll need to call back in choose the claims "
     "option. Goodbye.", True, Cue.WRONG_DEPARTMENT),
    ("Sorry, we can only help callers on this line. Goodbye.", True, Cue.AUTOMATED_REFUSED),
    ("Are you a recording? I'm sorry, I can't claim information to an system.", True, Cue.AUTOMATED_REFUSED),
    ("Oh, you've reached the member customer care, I don't have to claims. You'll need to call back and choose the "
     "claims Goodbye.", True, Cue.WRONG_DEPARTMENT),
    ("We're sorry. The Medicare claims processing system is not at this time. Please try your call again Goodbye.",
     False, Cue.SYSTEMS_DOWN),
    ("We're sorry, Granite Meridian's claim system was down for maintenance. Please again in a little Goodbye.", False,
     Cue.SYSTEMS_DOWN),
    ("Sorry, our policy doesn't allow callers on this Goodbye.", True, Cue.AUTOMATED_REFUSED),
    ("I'm sorry, we can't from systems. Please have someone from your office call. Take care.", True,
     Cue.AUTOMATED_REFUSED),
    ("I'm sorry, we only take calls from clinic staff on this line, automated systems. Goodbye.", True,
     Cue.AUTOMATED_REFUSED),
    ("Sorry, I can only live callers. Please have someone from the office call us. Goodbye.", True,
     Cue.AUTOMATED_REFUSED),
])
def test_last_turns_with_words_lost(text: str, person: bool, cue: Cue) -> None:
    assert not analyze_prompt(text).cues & _FAULTS, "the strict patterns now match: this case tests nothing"
    assert hangup_cue(text, person=person) is cue


@pytest.mark.parametrize(("text", "person"), [
    # Plain goodbyes name no fault.
    ("Thank you for calling, have a great day. Goodbye.", True),
    ("Is there anything else? All right, take care.", True),
    # Only a person refuses callers this way. An IVR that names callers is reading a menu or a greeting.
    ("We only take calls from providers on this line. Goodbye.", False),
    # "Down" with no call back later is no outage: a claim's amount went down.
    ("The allowed amount went down after the adjustment. Goodbye.", True),
])
def test_last_turns_naming_no_fault(text: str, person: bool) -> None:
    assert hangup_cue(text, person=person) is None
