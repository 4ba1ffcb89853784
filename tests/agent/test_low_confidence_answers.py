"""Representative replies heard at low recogniser confidence: the agent requests them once more."""

from __future__ import annotations

from collections.abc import Callable

from payerline.agent.session import run_call
from payerline.clock import VirtualClock
from payerline.telephony.events import Utterance
from tests.agent.scripted_payer import START, ScriptedLine, full_rep, main_menu_nodes, make_request

REPEAT_REQUEST = "Sorry, the line broke up. Could you repeat that?"


class NoisyOnceLine(ScriptedLine):
    """A scripted line whose first utterance matching ``garbled`` arrives misheard at confidence 0.4."""

    def __init__(self, clock: VirtualClock, garbled: Callable[[str], str | None], **kwargs: object) -> None:
        super().__init__(clock, **kwargs)  # type: ignore[arg-type]
        self.garbled = garbled
        self.used = False

    def _emit(self, event: object) -> None:
        if isinstance(event, Utterance) and not self.used:
            misheard = self.garbled(event.text)
            if misheard is not None:
                self.used = True
                event = Utterance(misheard, event.start_s, event.end_s, confidence=0.4)
        super()._emit(event)  # type: ignore[arg-type]


def run(garbled: Callable[[str], str | None], **rep_changes: object):
    clock = VirtualClock(START)
    line = NoisyOnceLine(clock, garbled, nodes=main_menu_nodes(), representative=full_rep(**rep_changes))
    output = run_call(make_request(), line, clock, call_id="call-1")
    return output, line


def test_low_confidence_answer_repeated_clean() -> None:
    def garbled(text: str) -> str | None:
        return "Denial reason code ninety-six." if text.startswith("Denial reason code") else None

    rep = full_rep()
    output, line = run(garbled, answers=[(r"repeat that", "Denial reason code ninety-seven."), *rep.answers])
    carc_codes = output.results[0].fields.carc_codes
    assert line.used
    assert REPEAT_REQUEST in line.agent_said
    assert list(carc_codes.value) == ["97"]
    assert carc_codes.confidence > 0.4


def test_unrepeated_answer_keeps_doubtful_value() -> None:
    def garbled(text: str) -> str | None:
        return "Denial reason code ninety-six." if text.startswith("Denial reason code") else None

    output, line = run(garbled)
    carc_codes = output.results[0].fields.carc_codes
    assert REPEAT_REQUEST in line.agent_said
    assert list(carc_codes.value) == ["96"]
    assert carc_codes.confidence <= 0.4


def test_clean_call_is_not_asked_to_repeat() -> None:
    output, line = run(lambda text: None)
    assert not line.used
    assert REPEAT_REQUEST not in line.agent_said


def test_volunteered_number_merged_across_hearings() -> None:
    clean = "The group code is CO, contractual obligation, and the check number is one two three four five six seven."

    def garbled(text: str) -> str | None:
        return clean.replace("four ", "") if text == clean else None

    rep = full_rep()
    answers = [(r"repeat that|group code", clean), *rep.answers]
    output, line = run(garbled, answers=answers)
    assert line.used
    assert REPEAT_REQUEST in line.agent_said
    assert output.results[0].fields.check_number.value == "1234567"
