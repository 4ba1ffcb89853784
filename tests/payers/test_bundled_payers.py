"""Every bundled sandbox payer: its file, its records and its IVR map.

Each payer file must validate, name its source, hold enough synthetic
records to cover every claim status, and agree with its IVR map, since the
two describe the same phone line.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from payerline.domain.codes import ClaimStatus
from payerline.domain.identifiers import npi_check_digit_valid
from payerline.domain.request import LineOfBusiness
from payerline.payers.directory import bundled_payers_dir, ivr_map_path, payer_file_paths
from payerline.payers.ivr_map import IvrMap, MenuStep, load_ivr_map
from payerline.sandbox.payer_file import Node, PayerFile, load_payer_file, validate_payer_file
from payerline.sandbox.records import ClaimRecord

PATHS = payer_file_paths(bundled_payers_dir())
IDS = [path.name.removesuffix(".payer.yaml") for path in PATHS]
MIN_MEMBERS = 20
# Medicare enrolls each beneficiary in their own right, so Medicare payers
# have no dependents; every other line of business does.
WITHOUT_DEPENDENTS = {LineOfBusiness.MEDICARE, LineOfBusiness.MEDICARE_ADVANTAGE}
# The adjustment codes the payer files may use: the project's list of
# claim adjustment reason codes and remittance advice remark codes.
KNOWN_CARCS = frozenset({
    "1", "2", "3", "4", "11", "16", "18", "22", "23", "26", "27", "29", "31", "45", "50", "96", "97",
    "109", "119", "151", "167", "170", "181", "185", "197", "198", "204", "236", "242", "252",
})
KNOWN_RARCS = frozenset({"N130", "MA130", "N290", "M80", "N381", "MA04", "N4"})
PROVIDER_SLOTS = {"npi", "ptan", "tin", "tin_last5", "medicaid_provider_id"}
MAX_WALK_STEPS = 60


@cache
def payer(payer_id: str) -> PayerFile:
    return load_payer_file(bundled_payers_dir() / f"{payer_id}.payer.yaml")


@cache
def ivr_map(payer_id: str) -> IvrMap:
    path = ivr_map_path(bundled_payers_dir(), payer_id)
    assert path is not None, f"{payer_id} has no IVR map; add {payer_id}.ivr-map.yaml beside its payer file"
    return load_ivr_map(path)


def claims(payer_file: PayerFile) -> list[ClaimRecord]:
    return [claim for member in payer_file.records.members for claim in member.claims]


def test_six_payers_are_bundled() -> None:
    assert set(IDS) >= {"ngs-medicare", "kentucky-medicaid", "noridian-jf-partb", "cgs-dme-jc",
                        "first-coast", "humana"}


# --- the payer files --------------------------------------------------------


@pytest.mark.parametrize("payer_id", IDS)
def test_payer_file_validates(payer_id: str) -> None:
    assert validate_payer_file(bundled_payers_dir() / f"{payer_id}.payer.yaml") == []


@pytest.mark.parametrize("payer_id", IDS)
def test_source_is_named_and_invented_parts_marked(payer_id: str) -> None:
    source = payer(payer_id).source
    text = (bundled_payers_dir() / f"{payer_id}.payer.yaml").read_text(encoding="utf-8")
    assert source.guide.strip()
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", source.date)
    assert "# invented" in text or "invented:" in text


@pytest.mark.parametrize("payer_id", IDS)
def test_enough_members(payer_id: str) -> None:
    assert len(payer(payer_id).records.members) >= MIN_MEMBERS


@pytest.mark.parametrize("payer_id", IDS)
def test_every_claim_status_appears(payer_id: str) -> None:
    statuses = {claim.status for claim in claims(payer(payer_id))}
    assert statuses == set(ClaimStatus)


@pytest.mark.parametrize("payer_id", IDS)
def test_dependents_where_the_line_has_them(payer_id: str) -> None:
    payer_file = payer(payer_id)
    dependents = [member for member in payer_file.records.members if member.subscriber is not None]
    if payer_file.line_of_business in WITHOUT_DEPENDENTS:
        assert dependents == []
    else:
        assert len(dependents) >= 2


def test_bundle_has_dependents() -> None:
    assert any(member.subscriber for payer_id in IDS for member in payer(payer_id).records.members)


@pytest.mark.parametrize("payer_id", IDS)
def test_denials_carry_known_codes(payer_id: str) -> None:
    denials = [claim for claim in claims(payer(payer_id))
               if claim.status in (ClaimStatus.DENIED, ClaimStatus.PARTIALLY_PAID)]
    assert len(denials) >= 2
    for claim in denials:
        assert claim.adjustment_group_code in {"CO", "PR", "OA", "PI", "CR"}, claim.id
        assert claim.carc_codes, claim.id
        assert set(claim.carc_codes) <= KNOWN_CARCS, claim.id
        assert set(claim.rarc_codes) <= KNOWN_RARCS, claim.id


@pytest.mark.parametrize("payer_id", IDS)
def test_amounts_are_consistent(payer_id: str) -> None:
    for claim in claims(payer(payer_id)):
        if None not in (claim.paid_amount, claim.patient_responsibility, claim.allowed_amount):
            assert claim.paid_amount + claim.patient_responsibility == claim.allowed_amount, claim.id
        if claim.allowed_amount is not None:
            assert claim.allowed_amount <= claim.billed_amount, claim.id
        if claim.lines:
            assert sum((line.billed_amount for line in claim.lines), Decimal(0)) == claim.billed_amount, claim.id
        for line in claim.lines:
            if line.paid_amount is not None and line.allowed_amount is not None:
                assert line.paid_amount <= line.allowed_amount, claim.id


@pytest.mark.parametrize("payer_id", IDS)
def test_some_claims_have_line_detail(payer_id: str) -> None:
    assert sum(1 for claim in claims(payer(payer_id)) if claim.lines) >= 5


@pytest.mark.parametrize("payer_id", IDS)
def test_every_npi_passes_the_check_digit(payer_id: str) -> None:
    payer_file = payer(payer_id)
    npis = {provider.npi for provider in payer_file.records.providers}
    npis |= {claim.billing_npi for claim in claims(payer_file)}
    for npi in npis:
        assert npi_check_digit_valid(npi), npi


@pytest.mark.parametrize("payer_id", IDS)
def test_member_ids_have_the_line_shape(payer_id: str) -> None:
    payer_file = payer(payer_id)
    for member in payer_file.records.members:
        if payer_file.line_of_business == LineOfBusiness.MEDICARE:
            assert re.fullmatch(r"[1-9][A-Z][A-Z0-9]\d[A-Z][A-Z0-9]\d[A-Z]{2}\d{2}", member.member_id)
        else:
            assert member.member_id.isdigit(), member.member_id


# --- the IVR maps ----------------------------------------------------------


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_names_the_payer(payer_id: str) -> None:
    assert ivr_map(payer_id).payer_id == payer(payer_id).payer_id


def collect_nodes(payer_file: PayerFile) -> list[Node]:
    return [node for node in payer_file.ivr.menus.values() if node.type == "collect"]


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_login_ids_are_collected(payer_id: str) -> None:
    collected = {node.slot for node in collect_nodes(payer(payer_id))} & PROVIDER_SLOTS
    assert {login.value for login in ivr_map(payer_id).login_ids} <= collected


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_speech_matches_the_file(payer_id: str) -> None:
    payer_file = payer(payer_id)
    options = [*payer_file.ivr.global_options,
               *(option for node in payer_file.ivr.menus.values() for option in node.options)]
    speech = any(option.say for option in options) or any(node.input.speech for node in collect_nodes(payer_file))
    assert ivr_map(payer_id).accepts_speech == speech


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_date_formats_match(payer_id: str) -> None:
    inputs = ivr_map(payer_id).inputs
    dates = [node for node in collect_nodes(payer(payer_id)) if node.slot in ("dos_from", "dos_to")]
    assert dates
    for node in dates:
        assert node.input.date_format == inputs.date_format.value
        spoken = node.input.spoken_date_format
        assert (spoken or None) == (inputs.spoken_date_format.value if inputs.spoken_date_format else None)


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_name_and_tin_entry_match(payer_id: str) -> None:
    inputs = ivr_map(payer_id).inputs
    nodes = collect_nodes(payer(payer_id))
    last_names = [node for node in nodes if node.slot == "last_name"]
    slots = {node.slot for node in nodes}
    for node in last_names:
        assert node.input.truncate == inputs.last_name_letters
    assert inputs.tin_digits == (5 if "tin_last5" in slots else 9)
    if "dos_to" in slots:
        assert inputs.date_of_service_range


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_terminator_matches_entries(payer_id: str) -> None:
    terminator = ivr_map(payer_id).inputs.terminator
    for node in collect_nodes(payer(payer_id)):
        if (node.input.terminator or "") == terminator:
            continue
        # An entry that differs from the map must say so, or end on its own.
        prompt = " ".join(node.say).lower()
        if node.input.terminator == "#":
            assert "pound" in prompt, node.say
        else:
            assert node.input.length is not None or node.input.max_length is not None, node.say


def _global_target(payer_file: PayerFile, key: str) -> str | None:
    for option in payer_file.ivr.global_options:
        if option.key == key:
            return option.goto
    return None


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_shortcuts_are_global_options(payer_id: str) -> None:
    payer_file = payer(payer_id)
    shortcuts = ivr_map(payer_id).shortcuts
    if shortcuts.main_menu:
        assert _global_target(payer_file, shortcuts.main_menu) == payer_file.ivr.main
    if shortcuts.repeat:
        assert _global_target(payer_file, shortcuts.repeat) == "@repeat"
    if shortcuts.representative:
        target = _global_target(payer_file, shortcuts.representative)
        assert target is not None
        assert payer_file.ivr.menus[target].type == "transfer"


def walk(payer_file: PayerFile, steps: list[MenuStep]) -> list[str]:
    """Follow the IVR from its start, choosing each step's key at each menu; return the nodes passed.

    Entries and lookups take their success path. Once the steps are used
    up, the walk stops at the next menu or transfer.
    """
    ivr = payer_file.ivr
    node_id, remaining, passed = ivr.start, list(steps), []
    for _ in range(MAX_WALK_STEPS):
        node = ivr.menus[node_id]
        passed.append(node_id)
        if node.type == "transfer" or (node.type == "menu" and not remaining):
            return passed
        if node.type == "menu":
            step = remaining.pop(0)
            targets = [option.goto for option in [*node.options, *ivr.global_options] if option.key == step.key]
            assert targets, f"menu {node_id} offers no key {step.key!r}"
            node_id = targets[0]
        else:
            assert node.next is not None, f"node {node_id} ends the walk"
            node_id = node.next
    raise AssertionError(f"walk did not reach a menu or transfer within {MAX_WALK_STEPS} nodes: {passed}")


@pytest.mark.parametrize("payer_id", IDS)
def test_claim_status_path_reaches_search(payer_id: str) -> None:
    payer_file = payer(payer_id)
    passed = walk(payer_file, ivr_map(payer_id).paths.claim_status)
    lookups = [payer_file.ivr.menus[node_id].lookup for node_id in passed]
    assert "claims" in lookups or any(
        payer_file.ivr.menus[node_id].slot in ("member_id", "claim_number") for node_id in passed
    )


@pytest.mark.parametrize("payer_id", IDS)
def test_representative_path_reaches_transfer(payer_id: str) -> None:
    payer_file = payer(payer_id)
    passed = walk(payer_file, ivr_map(payer_id).paths.representative)
    assert payer_file.ivr.menus[passed[-1]].type == "transfer"


@pytest.mark.parametrize("payer_id", IDS)
def test_ivr_map_readout_keys_are_offered(payer_id: str) -> None:
    payer_file = payer(payer_id)
    readout = ivr_map(payer_id).readout
    for step in (readout.details, readout.next_claim):
        if step is None:
            continue
        menus = [node for node in payer_file.ivr.menus.values() if node.type == "menu"]
        assert any(
            any(option.key == step.key and step.say in option.say for option in node.options) for node in menus
        ), step


def test_bundled_maps_have_payer_files() -> None:
    maps = sorted(Path(bundled_payers_dir()).glob("*.ivr-map.yaml"))
    assert {path.name.removesuffix(".ivr-map.yaml") for path in maps} == set(IDS)
