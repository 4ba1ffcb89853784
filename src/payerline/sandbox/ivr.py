"""The IVR engine: plays a payer file's phone tree node by node.

Each node type has a handler that yields line operations and returns the
next node id, or an :class:`IvrExit` when the caller leaves the IVR (a
transfer to a person, or a disconnect). Attempt counting, time-outs and
fallbacks follow the node's settings, then ``ivr.defaults``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from payerline.sandbox import hearing, keypad, lookup, readout
from payerline.sandbox.ops import Heard, Listen
from payerline.sandbox.payer_file import InputSpec, Node, Option
from payerline.sandbox.scenario import FaultKind

if TYPE_CHECKING:
    from payerline.sandbox.call import CallScript

IvrStep = Generator[object, object, "str | IvrExit"]


# Each of these slots identifies the member one way, so storing one clears the other.
_MEMBER_KEYS = {"ssn": "member_id", "member_id": "ssn"}


@dataclass(frozen=True)
class IvrExit:
    """The caller's way out of the IVR: ``transfer`` (to ``department``) or ``hangup``."""

    kind: str
    department: str | None = None


class Disconnect(Exception):
    """The far end ends the call after its last message."""


def _completes(keys: list[str]) -> Callable[[str], bool]:
    """Return a test of whether typed keys select one of ``keys`` or can no longer match."""

    def is_complete(typed: str) -> bool:
        longer = [key for key in keys if key.startswith(typed) and key != typed]
        return not longer

    return is_complete


class IvrRunner:
    """Runs the phone tree of one call."""

    def __init__(self, call: CallScript) -> None:
        self.call = call
        self.ivr = call.payer.ivr
        self.defaults = call.payer.ivr.defaults
        self._lookup_failures: dict[str, int] = {}

    def run(self, node_id: str) -> Generator[object, object, IvrExit]:
        """Play the tree from ``node_id`` until the caller leaves it."""
        while True:
            if node_id == "@hangup":
                return IvrExit("hangup")
            node = self.ivr.menus[node_id]
            self.call.note(f"ivr {node.type} {node_id}")
            if node.data_option and not self.call.data_open():
                yield from self.call.ivr_say(self.call.payer.hours.data_closed_message)
                node_id = self.call.payer.hours.data_closed_goto
                continue
            handler = getattr(self, f"_{node.type}")
            result = yield from handler(node_id, node)
            if isinstance(result, IvrExit):
                return result
            node_id = result

    # -- shared steps ------------------------------------------------------

    def _timeout_s(self, node: Node) -> float:
        return node.timeout_s or self.defaults.timeout_s

    def _menu_listen(self, options: list[Option], timeout_s: float, speech: bool) -> Listen:
        keys = [o.key for o in [*options, *self.ivr.global_options] if o.key]
        return Listen(
            first_timeout_s=timeout_s,
            inter_key_timeout_s=self.defaults.inter_digit_timeout_s,
            speech=speech,
            is_complete=_completes(keys),
        )

    def _match(self, options: list[Option], heard: Heard, *, globals_allowed: bool = True) -> str | None:
        pool = [*options, *(self.ivr.global_options if globals_allowed else [])]
        if heard.speech is not None:
            for option in pool:
                if any(hearing.contains_phrase(heard.speech, phrase) for phrase in option.say):
                    return option.goto
            return None
        for option in pool:
            if option.key is not None and heard.keys == option.key:
                return option.goto
        return None

    def _give_up(self, node: Node, heard: Heard, attempts: int) -> Generator[object, object, str | None]:
        """Say the no-input or invalid message; after the last attempt, return the fallback target."""
        if attempts >= (node.max_attempts or self.defaults.max_attempts):
            fallback = node.on_max_attempts or self.defaults.on_max_attempts
            self.call.note(f"max attempts reached; going to {fallback.goto}")
            yield from self.call.ivr_say(fallback.say, error=True)
            return fallback.goto
        if heard.empty:
            yield from self.call.ivr_say(node.no_input_say or self.defaults.no_input_say, error=True)
        else:
            yield from self.call.ivr_say(node.invalid_say or self.defaults.invalid_say, error=True)
        return None

    # -- node handlers --------------------------------------------------

    def _message(self, node_id: str, node: Node) -> IvrStep:
        yield from self.call.ivr_say(node.say, barge_in=node.barge_in)
        return node.next

    def _menu(self, node_id: str, node: Node) -> IvrStep:
        attempts = 0
        speech = any(option.say for option in [*node.options, *self.ivr.global_options])
        while True:
            yield from self.call.ivr_say(node.say, barge_in=node.barge_in)
            heard = yield self._menu_listen(node.options, self._timeout_s(node), speech)
            target = self._match(node.options, heard)
            if target == "@repeat":
                continue
            if target is not None:
                self.call.note(f"menu {node_id} chose {target}")
                return target
            attempts += 1
            fallback = yield from self._give_up(node, heard, attempts)
            if fallback is not None:
                return fallback

    def _collect(self, node_id: str, node: Node) -> IvrStep:
        spec = node.input
        attempts = 0
        while True:
            yield from self.call.ivr_say(node.say, barge_in=node.barge_in)
            heard = yield Listen(
                first_timeout_s=spec.first_digit_timeout_s or self.defaults.first_digit_timeout_s,
                inter_key_timeout_s=spec.inter_digit_timeout_s or self.defaults.inter_digit_timeout_s,
                terminator=spec.terminator if spec.keypad else None,
                max_keys=_key_count(spec),
                speech=spec.speech,
                keys=spec.keypad,
            )
            entry = keypad.decode(spec, heard, self.call.today())
            target = self._match(node.options, heard, globals_allowed=entry is None)
            if target == "@repeat":
                continue
            if target is not None:
                return target
            if entry is None:
                attempts += 1
                self.call.note(f"collect {node_id} rejected an entry")
                fallback = yield from self._give_up(node, heard, attempts)
                if fallback is not None:
                    return fallback
                continue
            if node.confirm is not None:
                confirmed = yield from self._confirm(node, entry)
                if confirmed is None:
                    attempts += 1
                    fallback = yield from self._give_up(node, Heard(), attempts)
                    if fallback is not None:
                        return fallback
                    continue
                if not confirmed:
                    continue
            slots = self.call.session.slots
            slots[node.slot] = entry
            if node.slot == "dos_from":
                slots.pop("dos_to", None)  # A new from-date starts a new range, so a stale to-date must not widen it.
            if node.slot in _MEMBER_KEYS:
                # An SSN entered after a member id replaces it (and the other way round): the search uses the
                # last one, and the records contain no SSNs.
                slots.pop(_MEMBER_KEYS[node.slot], None)
            self.call.note(f"collect {node_id} stored {node.slot}")
            return node.next

    def _confirm(self, node: Node, entry: keypad.Entry) -> Generator[object, object, bool | None]:
        """Read the entry back; returns True (correct), False (re-enter) or None (no valid answer)."""
        confirm = node.confirm
        options = [Option(key=confirm.yes_key, say=confirm.yes_say, goto="yes"),
                   Option(key=confirm.no_key, say=confirm.no_say, goto="no")]
        speech = node.input.speech
        for attempt in range(1, (node.max_attempts or self.defaults.max_attempts) + 1):
            prompt = [text.format(entry=entry.spoken) for text in confirm.prompt]
            yield from self.call.ivr_say(prompt, barge_in=node.barge_in)
            heard = yield self._menu_listen(options, self._timeout_s(node), speech)
            answer = self._match(options, heard, globals_allowed=False)
            if answer is None and heard.speech is not None:
                if hearing.is_yes(heard.speech):
                    answer = "yes"
                elif hearing.is_no(heard.speech):
                    answer = "no"
            if answer is not None:
                return answer == "yes"
            if attempt < (node.max_attempts or self.defaults.max_attempts):
                yield from self.call.ivr_say(self.defaults.invalid_say if heard.keys else self.defaults.no_input_say, error=True)
        return None

    def _lookup(self, node_id: str, node: Node) -> IvrStep:
        if self.call.fault_pending(FaultKind.SYSTEMS_DOWN):
            self.call.note("fault systems_down at an IVR lookup")
            yield from self.call.ivr_say(self.call.payer.faults.systems_down_say or self.call.bank.dialog["systems_down_recording"])
            raise Disconnect("systems down")
        session = self.call.session
        records = self.call.payer.records
        if node.lookup == "provider":
            session.provider = lookup.find_provider(records, session)
            found = session.provider is not None
        elif node.lookup == "member":
            session.member = lookup.find_member(records, session)
            found = session.member is not None
        else:
            if node.counts_inquiry:
                session.inquiries += 1
                limit = self.ivr.max_inquiries
                if limit is not None and session.inquiries > limit:
                    self.call.note("inquiry limit reached")
                    yield from self.call.ivr_say(self.ivr.inquiry_limit.say if self.ivr.inquiry_limit else [])
                    return self.ivr.inquiry_limit.goto if self.ivr.inquiry_limit else "@hangup"
            session.claims = lookup.find_claims(records, session)
            # A claim number serves one search. The next search uses what the caller enters next.
            session.slots.pop("claim_number", None)
            found = bool(session.claims)
        self.call.note(f"lookup {node.lookup} {'found' if found else 'not found'}")
        if found:
            self._lookup_failures[node_id] = 0
            return node.next
        failures = self._lookup_failures.get(node_id, 0) + 1
        self._lookup_failures[node_id] = failures
        if failures >= (node.max_attempts or self.defaults.max_attempts):
            fallback = node.on_max_attempts or self.defaults.on_max_attempts
            yield from self.call.ivr_say(fallback.say, error=True)
            return fallback.goto
        yield from self.call.ivr_say(node.not_found.say)
        return node.not_found.goto

    def _readout(self, node_id: str, node: Node) -> IvrStep:
        session = self.call.session
        bank = self.call.bank
        if node.source == "claims":
            sentences = readout.claims_readout(node.readout, session.claims, bank)
        else:
            npi = session.provider.npi if session.provider else None
            claims = [c for m in self.call.payer.records.members for c in m.claims if c.billing_npi == npi]
            build = readout.payment_floor_readout if node.source == "payment_floor" else readout.remittance_readout
            sentences = build(node.readout, claims, bank)
        yield from self.call.ivr_say(sentences, barge_in=node.barge_in)
        return node.next

    def _transfer(self, node_id: str, node: Node) -> IvrStep:
        yield from self.call.ivr_say(node.say)
        return IvrExit("transfer", node.department)

    def _hangup(self, node_id: str, node: Node) -> IvrStep:
        yield from self.call.ivr_say(node.say)
        return IvrExit("hangup")


def _key_count(spec: InputSpec) -> int | None:
    """Return the key count that ends an entry with no terminator, or None to wait for the time-out.

    A letter keyed by the star scheme takes several keys, so such entries end only on a terminator.
    """
    if spec.terminator is not None or spec.kind in ("alphanumeric", "name") and spec.letters != "key":
        return None
    return spec.length or spec.max_length
