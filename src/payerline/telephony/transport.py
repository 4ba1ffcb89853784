"""The transport interface between a call session and a far end.

A transport connects one call to a payer line: a sandbox payer on loopback,
or later SIP or Twilio. It turns actions into line activity and line activity
into :mod:`payerline.telephony.events`. The session drives it with a simple
pull loop, so the same agent runs at text fidelity and at audio fidelity.
"""

from __future__ import annotations

from typing import Protocol

from payerline.telephony.actions import Action
from payerline.telephony.events import LineEvent


class CallTransport(Protocol):
    """One phone line, used by one call session."""

    def dial(self, number: str) -> None:
        """Place the call. Raises ``TransportError`` if the line cannot be opened."""
        ...

    def receive(self, timeout_s: float) -> LineEvent:
        """Return the next line event.

        Blocks (on the call's clock) for about ``timeout_s``. If nothing
        happens in that time, returns a ``LineSignal`` of kind ``SILENCE``
        spanning the wait. If far-end speech is under way when the wait runs
        out, returns that utterance when it ends instead, so the agent never
        mistakes a pause mid-sentence for the end of a turn. A wait can
        therefore overrun by up to one utterance. After the call has ended,
        returns ``CallEnded``.
        """
        ...

    def send(self, action: Action) -> None:
        """Perform ``action`` on the line; returns once its audio has been sent.

        Speaking and key presses take line time: the clock advances by their
        duration before this returns.
        """
        ...

    def close(self) -> None:
        """Release the line. Safe to call more than once."""
        ...
