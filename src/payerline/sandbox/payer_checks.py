"""Semantic checks of a payer file, beyond what the JSON Schema can say.

Each check yields ``(path, message)``; :mod:`payerline.sandbox.payer_file`
adds the file name and the YAML line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from payerline.domain.codes import ClaimStatus
from payerline.domain.identifiers import npi_check_digit_valid
from payerline.domain.request import Relationship
from payerline.domain.result import REQUIRED_FIELDS
from payerline.sandbox.phrases import PhraseBank

if TYPE_CHECKING:
    from payerline.sandbox.payer_file import Node, PayerFile
    from payerline.sandbox.records import ClaimRecord, MemberRecord, Records

SPECIAL_TARGETS = ("@hangup", "@repeat")

CLAIM_PLACEHOLDERS = frozenset({
    "index", "count", "status", "claim_number", "service_date_from", "service_date_to",
    "received_date", "processed_date", "paid_date", "billed_amount", "allowed_amount",
    "paid_amount", "patient_responsibility", "deductible_amount", "check_number",
    "bulk_payment_amount", "adjustment_group_code", "carc_codes", "rarc_codes",
    "missing_information", "expected_processing_days", "timely_filing_days", "line_count",
})
LINE_PLACEHOLDERS = frozenset({
    "index", "procedure_code", "modifiers", "service_date", "status", "billed_amount",
    "allowed_amount", "paid_amount", "carc_codes", "description",
})
SUMMARY_PLACEHOLDERS = frozenset({"count", "total", "index", "remit_date", "amount", "check_number"})
ENTRY_PLACEHOLDERS = frozenset({"entry"})

_REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "message": ("say", "next"),
    "menu": ("say", "options"),
    "collect": ("say", "input", "slot", "next"),
    "lookup": ("lookup", "next", "not_found"),
    "readout": ("source", "readout", "next"),
    "transfer": (),
    "hangup": (),
}


def semantic_problems(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    """Yield every semantic problem of ``payer`` as (path, message)."""
    yield from _check_timezone(payer)
    yield from _check_hours(payer)
    yield from _check_hold(payer)
    yield from _check_nodes(payer)
    yield from _check_reachability(payer)
    yield from _check_records(payer)
    yield from _check_phrases(payer)


def _check_timezone(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    try:
        ZoneInfo(payer.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield ("timezone",), f"{payer.timezone!r} is not an IANA time zone; use a name like America/Chicago"


def _check_hours(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    if payer.hours is None:
        return
    for section in ("line", "data"):
        for index, window in enumerate(getattr(payer.hours, section) or []):
            if window.open >= window.close:
                yield (("hours", section, index, "close"),
                       f"close {window.close} is not after open {window.open}; "
                       "split a window that crosses midnight into two")
    if payer.hours.data is not None:
        if not payer.hours.data_closed_message:
            yield ("hours", "data_closed_message"), "hours.data is set, so add the message played when data options are closed"
        if payer.hours.data_closed_goto is None:
            yield ("hours", "data_closed_goto"), "hours.data is set, so name the node callers go to when data options are closed"


def _targets(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    """Yield (path, target) for every place that names a node."""
    yield ("ivr", "start"), payer.ivr.start
    yield ("ivr", "main"), payer.ivr.main
    yield ("ivr", "defaults", "on_max_attempts", "goto"), payer.ivr.defaults.on_max_attempts.goto
    if payer.ivr.inquiry_limit is not None:
        yield ("ivr", "inquiry_limit", "goto"), payer.ivr.inquiry_limit.goto
    for index, option in enumerate(payer.ivr.global_options):
        yield ("ivr", "global_options", index, "goto"), option.goto
    if payer.hours is not None and payer.hours.data_closed_goto:
        yield ("hours", "data_closed_goto"), payer.hours.data_closed_goto
    if payer.representatives.send_to_ivr_goto:
        yield ("representatives", "send_to_ivr_goto"), payer.representatives.send_to_ivr_goto
    for node_id, node in payer.ivr.menus.items():
        base = ("ivr", "menus", node_id)
        if node.next:
            yield (*base, "next"), node.next
        for index, option in enumerate(node.options):
            yield (*base, "options", index, "goto"), option.goto
        if node.not_found is not None:
            yield (*base, "not_found", "goto"), node.not_found.goto
        if node.on_max_attempts is not None:
            yield (*base, "on_max_attempts", "goto"), node.on_max_attempts.goto


def _check_nodes(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    nodes = payer.ivr.menus
    for path, target in _targets(payer):
        if target not in nodes and target not in SPECIAL_TARGETS:
            yield path, f"target {target!r} is not a node in ivr.menus; use one of {sorted(nodes)} or @hangup"
        elif target == "@repeat" and "options" not in path and "global_options" not in path:
            yield path, "@repeat replays the current menu, so it works only as an option's goto; name a node or @hangup"
    for node_id, node in nodes.items():
        base = ("ivr", "menus", node_id)
        for key in _REQUIRED_BY_TYPE[node.type]:
            if not getattr(node, key):
                yield (*base, key), f"a {node.type} node needs {key!r}"
        yield from _check_options(base, node)
        yield from _check_global_keys(payer, base, node)
        yield from _check_input(base, node)
        yield from _check_templates(base, node)


def _check_options(base: tuple, node: Node) -> Iterator[tuple[tuple, str]]:
    seen: dict[str, int] = {}
    for index, option in enumerate(node.options):
        if option.key is None and not option.say:
            yield (*base, "options", index), "an option needs a key, spoken phrases (say), or both"
        if option.key is not None:
            if option.key in seen:
                yield (*base, "options", index, "key"), f"key {option.key!r} is already used by options[{seen[option.key]}]"
            seen[option.key] = index


def _check_global_keys(payer: PayerFile, base: tuple, node: Node) -> Iterator[tuple[tuple, str]]:
    """Reject a node option that reuses a global option's key.

    The engine tries the node's options first, so such an option silently
    hides the global one in that node, and a caller who learnt the global key
    gets something else there.
    """
    global_keys = {option.key: index for index, option in enumerate(payer.ivr.global_options) if option.key}
    for index, option in enumerate(node.options):
        if option.key in global_keys:
            global_index = global_keys[option.key]
            yield ((*base, "options", index, "key"),
                   f"key {option.key!r} is also ivr.global_options[{global_index}] "
                   f"(goto {payer.ivr.global_options[global_index].goto}); use another key here, or remove the "
                   "global option and give each menu that offers it its own option")


def _check_input(base: tuple, node: Node) -> Iterator[tuple[tuple, str]]:
    spec = node.input
    if spec is None:
        return
    if not spec.keypad and not spec.speech:
        yield (*base, "input"), "an input must allow the keypad, speech, or both"
    if spec.length is not None and (spec.min_length or spec.max_length):
        yield (*base, "input", "length"), "set either length or min_length/max_length, not both"
    if spec.min_length and spec.max_length and spec.min_length > spec.max_length:
        yield (*base, "input", "min_length"), f"min_length {spec.min_length} is above max_length {spec.max_length}"
    star_keyed = spec.kind in ("alphanumeric", "name") and spec.keypad and spec.letters == "star"
    if (spec.kind in ("digits", "alphanumeric", "name") and spec.terminator is None and spec.length is None
            and spec.max_length is None and not star_keyed):
        yield (*base, "input"), "with no terminator, set length or max_length so the entry can end without a time-out"
    if star_keyed and spec.terminator is None:
        yield (*base, "input", "terminator"), (
            f"{'an' if spec.kind == 'alphanumeric' else 'a'} {spec.kind} entry keyed by the star scheme takes several "
            "keys per letter, so it cannot end on a key count; "
            "add terminator: \"#\"")
    if spec.kind in ("alphanumeric", "name") and spec.keypad and spec.letters == "none":
        yield (*base, "input", "letters"), "a keyed entry with letters needs letters: star or letters: key"
    if node.confirm is not None and node.confirm.yes_key == node.confirm.no_key:
        yield (*base, "confirm", "no_key"), "yes_key and no_key must differ"


def _check_templates(base: tuple, node: Node) -> Iterator[tuple[tuple, str]]:
    if node.confirm is not None:
        for index, text in enumerate(node.confirm.prompt):
            yield from _check_placeholders((*base, "confirm", "prompt", index), text, ENTRY_PLACEHOLDERS)
    if node.readout is None:
        return
    yield from _check_readout_parts(base, node)
    allowed = CLAIM_PLACEHOLDERS if node.source == "claims" else SUMMARY_PLACEHOLDERS
    for key in ("intro", "none", "per_claim", "per_item"):
        for index, text in enumerate(getattr(node.readout, key)):
            yield from _check_placeholders((*base, "readout", key, index), text, allowed)
    for status, texts in node.readout.by_status.items():
        if status not in ClaimStatus.__members__.values():
            yield (*base, "readout", "by_status", status), f"{status!r} is not a claim status; use one of {[s.value for s in ClaimStatus]}"
        for index, text in enumerate(texts):
            yield from _check_placeholders((*base, "readout", "by_status", status, index), text, allowed)
    for index, text in enumerate(node.readout.line):
        yield from _check_placeholders((*base, "readout", "line", index), text, LINE_PLACEHOLDERS)


def _check_readout_parts(base: tuple, node: Node) -> Iterator[tuple[tuple, str]]:
    """Check that a read-out has something to say for each item and uses only its source's keys."""
    readout = node.readout
    if node.source == "claims":
        if not (readout.per_claim or readout.by_status or readout.line):
            yield ((*base, "readout", "per_claim"),
                   "a claims read-out says nothing for each claim found; give per_claim sentences "
                   "(or by_status, or line templates for a line-detail read-out)")
        if readout.per_item:
            yield (*base, "readout", "per_item"), "per_item is for source remittance; use per_claim for claims"
        return
    for key in ("per_claim", "by_status", "line"):
        if getattr(readout, key):
            yield ((*base, "readout", key),
                   f"{key} is read only for source claims; source {node.source} reads intro, none"
                   + (" and per_item" if node.source == "remittance" else ""))
    if node.source == "remittance" and not readout.per_item:
        yield (*base, "readout", "per_item"), "a remittance read-out needs per_item sentences for each payment"


def _edges(payer: PayerFile, node: Node) -> list[str]:
    edges = [node.next] if node.next else []
    edges += [option.goto for option in node.options]
    if node.not_found:
        edges.append(node.not_found.goto)
    if node.on_max_attempts:
        edges.append(node.on_max_attempts.goto)
    return edges


def _check_reachability(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    nodes = payer.ivr.menus
    roots = [payer.ivr.start, payer.ivr.main, payer.ivr.defaults.on_max_attempts.goto]
    roots += [option.goto for option in payer.ivr.global_options]
    if payer.ivr.inquiry_limit:
        roots.append(payer.ivr.inquiry_limit.goto)
    if payer.hours and payer.hours.data_closed_goto:
        roots.append(payer.hours.data_closed_goto)
    if payer.representatives.send_to_ivr_goto:
        roots.append(payer.representatives.send_to_ivr_goto)
    seen: set[str] = set()
    stack = [root for root in roots if root in nodes]
    broken = False
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        targets = _edges(payer, nodes[node_id])
        broken = broken or any(not target.startswith("@") and target not in nodes for target in targets)
        stack.extend(target for target in targets if target in nodes)
    if broken:
        return  # a goto to no node is reported on its own; what it would have reached cannot be judged
    for node_id in nodes:
        if node_id not in seen:
            yield ("ivr", "menus", node_id), f"node {node_id!r} is unreachable from ivr.start; link it or remove it"


# A CPT or HCPCS code (99213, J1885), or an institutional line's revenue code (0120).
_LINE_CODE = re.compile(r"[0-9A-Za-z]\d{3}[0-9A-Za-z]|\d{4}")


def _check_records(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    records = payer.records
    npis = set()
    for index, provider in enumerate(records.providers):
        where = ("records", "providers", index, "npi")
        if not npi_check_digit_valid(provider.npi):
            yield where, (f"NPI {provider.npi!r} fails its check digit; compute it as docs/sandbox-payers.md "
                          "describes, or with payerline.domain.identifiers.npi_with_check_digit")
        if provider.npi[:1] in ("1", "2"):
            yield where, (f"NPI {provider.npi} could be a real provider's (real NPIs start with 1 or 2); "
                          "start it with a digit from 3 to 9 so the file holds only synthetic data")
        if provider.npi in npis:
            yield where, f"NPI {provider.npi} is listed twice"
        npis.add(provider.npi)
        if not re.fullmatch(r"\d{9}", provider.tin):
            yield ("records", "providers", index, "tin"), f"TIN {provider.tin!r} must be 9 digits"
        elif not provider.tin.startswith("00"):
            yield ("records", "providers", index, "tin"), (
                f"TIN {provider.tin} could be a real employer's; start it with 00 so the file holds only synthetic data")
    member_ids: set[str] = set()
    claim_ids: set[str] = set()
    claim_numbers: set[str] = set()
    for m_index, member in enumerate(records.members):
        m_base = ("records", "members", m_index)
        if member.member_id in member_ids:
            yield (*m_base, "member_id"), f"member id {member.member_id} is listed twice"
        member_ids.add(member.member_id)
        if not _SPEAKABLE_ID.fullmatch(member.member_id):
            yield (*m_base, "member_id"), _id_chars_message("member id", member.member_id)
        yield from _check_subscriber(records, m_base, member)
        for c_index, claim in enumerate(member.claims):
            base = (*m_base, "claims", c_index)
            if claim.id in claim_ids:
                yield (*base, "id"), f"claim id {claim.id} is used twice; claim ids must be unique in the file"
            claim_ids.add(claim.id)
            for name in ("claim_number", "check_number"):
                value = getattr(claim, name)
                if value and not _SPEAKABLE_ID.fullmatch(value):
                    yield (*base, name), _id_chars_message(name.replace("_", " "), value)
            if claim.claim_number:
                if claim.claim_number in claim_numbers:
                    yield (*base, "claim_number"), f"claim number {claim.claim_number} is used twice"
                claim_numbers.add(claim.claim_number)
            if claim.billing_npi not in npis:
                yield (*base, "billing_npi"), f"NPI {claim.billing_npi} is not in records.providers; add the provider or fix the NPI"
            yield from _check_claim_values(base, claim)
            for l_index, line in enumerate(claim.lines):
                if not _LINE_CODE.fullmatch(line.procedure_code):
                    yield (*base, "lines", l_index, "procedure_code"), (
                        f"procedure code {line.procedure_code!r} is neither a 5-character CPT or HCPCS code "
                        "(99213, J1885) nor a 4-digit revenue code (0120); write one of those")


def _check_subscriber(records: Records, base: tuple, member: MemberRecord) -> Iterator[tuple[tuple, str]]:
    """Check a dependent's subscriber against the member on file with the subscriber's id, if any.

    A subscriber id that is not on file is allowed: the file needs to hold
    only the members whose claims are asked about.
    """
    subscriber = member.subscriber
    if subscriber is None:
        return
    where = (*base, "subscriber")
    if subscriber.relationship == Relationship.SELF:
        yield (*where, "relationship"), "relationship self means the member is the subscriber; remove subscriber"
    if subscriber.member_id is None:
        return
    if subscriber.member_id == member.member_id:
        yield ((*where, "member_id"),
               f"subscriber member id {subscriber.member_id} is the dependent's own member id; "
               "give the subscriber's id or leave it out")
        return
    on_file = next((m for m in records.members if m.member_id == subscriber.member_id), None)
    if on_file is None:
        return
    same = (on_file.first_name.lower(), on_file.last_name.lower(), on_file.date_of_birth) == (
        subscriber.first_name.lower(), subscriber.last_name.lower(), subscriber.date_of_birth)
    if not same:
        yield ((*where, "member_id"),
               f"member {subscriber.member_id} is on file as {on_file.first_name} {on_file.last_name}, born "
               f"{on_file.date_of_birth}, but this subscriber is {subscriber.first_name} {subscriber.last_name}, "
               f"born {subscriber.date_of_birth}; make them agree or fix the member id")


def _check_hold(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    distribution = payer.hold.distribution
    if distribution.min_s is not None and distribution.max_s is not None and distribution.min_s > distribution.max_s:
        yield (("hold", "distribution", "min_s"),
               f"min_s {distribution.min_s} is above max_s {distribution.max_s}; swap them")


def _check_claim_dates(base: tuple, claim: ClaimRecord) -> Iterator[tuple[tuple, str]]:
    """Check that a claim is received, processed and paid in that order."""
    order = (("received_date", claim.received_date), ("processed_date", claim.processed_date),
             ("paid_date", claim.paid_date))
    known = [(name, value) for name, value in order if value is not None]
    for (earlier_name, earlier), (later_name, later) in zip(known, known[1:], strict=False):
        if later < earlier:
            yield ((*base, later_name),
                   f"{later_name} {later} is before {earlier_name} {earlier}; a claim is received, "
                   "processed and paid in that order")
    last_service = claim.service_date_to or claim.service_date_from
    if claim.service_date_to is not None and claim.service_date_to < claim.service_date_from:
        yield ((*base, "service_date_to"),
               f"service_date_to {claim.service_date_to} is before service_date_from {claim.service_date_from}; "
               "swap them, or drop service_date_to for one day")
    if claim.received_date is not None and claim.received_date < last_service:
        yield ((*base, "received_date"),
               f"received_date {claim.received_date} is before the last date of service {last_service}; "
               "a claim is billed after the service")


_AMOUNT_FIELDS = ("billed_amount", "allowed_amount", "paid_amount", "patient_responsibility", "deductible_amount",
                  "bulk_payment_amount")


def _check_claim_values(base: tuple, claim: ClaimRecord) -> Iterator[tuple[tuple, str]]:
    for field in REQUIRED_FIELDS[claim.status]:
        if field in ("found", "claim_status"):
            continue
        if claim.field_value(field) is None:
            yield (*base, field), f"a {claim.status.value} claim needs {field}; add it to the record"
    yield from _check_claim_dates(base, claim)
    if claim.deductible_amount is not None and (
        claim.patient_responsibility is None or claim.deductible_amount > claim.patient_responsibility
    ):
        yield ((*base, "deductible_amount"),
               f"deductible_amount {claim.deductible_amount} must be part of the patient responsibility "
               f"({claim.patient_responsibility}); set patient_responsibility to at least that amount")
    for field in _AMOUNT_FIELDS:
        amount = getattr(claim, field)
        if amount is not None and (amount < 0 or amount != amount.quantize(Decimal("0.01"))):
            yield (*base, field), f"{field} {amount} must be dollars and cents at or above 0, like \"140.00\""
    for l_index, line in enumerate(claim.lines):
        for field in ("billed_amount", "allowed_amount", "paid_amount"):
            amount = getattr(line, field, None)
            if amount is not None and (amount < 0 or amount != amount.quantize(Decimal("0.01"))):
                yield ((*base, "lines", l_index, field),
                       f"{field} {amount} must be dollars and cents at or above 0, like \"140.00\"")
    for field in ("timely_filing_days", "expected_processing_days"):
        days = getattr(claim, field)
        if days is not None and days <= 0:
            yield (*base, field), f"{field} is {days}; give a whole number of days above 0"
    if claim.allowed_amount is not None and claim.allowed_amount > claim.billed_amount:
        yield ((*base, "allowed_amount"),
               f"allowed_amount {claim.allowed_amount} is above billed_amount {claim.billed_amount}; "
               "a payer allows at most what was billed")
    amounts = (claim.allowed_amount, claim.paid_amount, claim.patient_responsibility)
    if None not in amounts and amounts[1] + amounts[2] != amounts[0]:
        yield ((*base, "allowed_amount"),
               f"paid {amounts[1]} + patient responsibility {amounts[2]} = {amounts[1] + amounts[2]}, "
               f"not the allowed amount {amounts[0]}")
    for code_index, code in enumerate(claim.carc_codes):
        if not re.fullmatch(r"[A-Z]?\d{1,3}", code):
            yield (*base, "carc_codes", code_index), f"CARC {code!r} is not a reason code like 45 or 197"
    for code_index, code in enumerate(claim.rarc_codes):
        if not re.fullmatch(r"[A-Z]{1,2}\d{1,3}", code):
            yield (*base, "rarc_codes", code_index), f"RARC {code!r} is not a remark code like N290 or MA130"
    if claim.adjustment_group_code and claim.adjustment_group_code not in ("CO", "PR", "OA", "PI", "CR"):
        yield (*base, "adjustment_group_code"), f"group code {claim.adjustment_group_code!r} is not one of CO, PR, OA, PI, CR"


# Ids the line reads out and the keypad enters: ASCII letters and digits only ("Å" has no key and no spoken form).
_SPEAKABLE_ID = re.compile(r"[A-Za-z0-9]+")


def _id_chars_message(label: str, value: str) -> str:
    odd = sorted({char for char in value if not _SPEAKABLE_ID.fullmatch(char)})
    return (f"{label} {value!r} contains {', '.join(repr(char) for char in odd)}; use only the letters A to Z and "
            "digits, which a keypad can enter and the line can read out")


def _check_phrases(payer: PayerFile) -> Iterator[tuple[tuple, str]]:
    bank = PhraseBank.default()
    for key, texts in payer.representatives.phrases.items():
        if key not in bank.dialog:
            yield ("representatives", "phrases", key), f"unknown phrase key {key!r}; use one of {sorted(bank.dialog)}"
            continue
        allowed = set().union(*(_placeholders(text) for text in bank.dialog[key]))
        for index, text in enumerate(texts):
            yield from _check_placeholders(("representatives", "phrases", key, index), text, allowed)
    for key, texts in payer.representatives.field_phrases.items():
        if key not in bank.fields:
            yield ("representatives", "field_phrases", key), f"unknown field {key!r}; use one of {sorted(bank.fields)}"
        for index, text in enumerate(texts):
            where = ("representatives", "field_phrases", key, index)
            if text.count("{value}") != 1:
                yield where, "each field phrase needs exactly one {value}"
            yield from _check_placeholders(where, text, {"value"})


def _placeholders(text: str) -> set[str]:
    """Return the ``{placeholders}`` of a sentence. Raises ValueError on a stray brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _check_placeholders(where: tuple, text: str, allowed: Iterable[str]) -> Iterator[tuple[tuple, str]]:
    """Report stray braces, placeholders the sentence's context does not fill, and formatting in a placeholder."""
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text) if name]
    except ValueError as error:
        yield where, f"{error}; write a literal brace as {{{{ or }}}}"
        return
    choices = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    for name, conversion, spec in fields:
        if name not in allowed:
            yield where, f"unknown placeholder {{{name}}}, which is not filled in here; use one of {choices}"
        elif conversion or spec:
            yield where, f"placeholder {{{name}}} carries formatting ({text!r}); write it plainly as {{{name}}}"