"""Provider ids are verified against the enrolled providers, whatever the claim lookup finds."""

from __future__ import annotations

import dataclasses

from sandbox_helpers import facts_for, find_claim, kentucky_member_steps, scenario_for, to_representative
from scripted_caller import ScriptedCaller

from payerline.clock import VirtualClock
from payerline.domain.codes import ClaimStatus
from payerline.sandbox.line import SandboxLine
from payerline.sandbox.phrases import PhraseBank

BANK = PhraseBank.default()


def _call_without_claim(payer, seed: int):
    member, claim = find_claim(payer, ClaimStatus.PAID)
    scenario = scenario_for(payer, member, [], seed=seed)  # the claim lookup found nothing
    line = SandboxLine(payer, scenario, VirtualClock(scenario.start))
    facts = dataclasses.replace(facts_for(payer, member, claim), service_text="January 3, 2001")
    steps = to_representative(kentucky_member_steps(payer, member, claim), "speak with a representative")
    caller = ScriptedCaller(line, steps, facts, ["What's the status of that claim?"]).run()
    return caller, line


def test_correct_provider_ids_pass_when_no_claim_matches(kentucky) -> None:
    for seed in range(1, 6):
        caller, line = _call_without_claim(kentucky, seed)
        failures = [entry for entry in line.log if "verification failed" in entry]
        assert failures == [], (seed, failures)
        assert any(text in BANK.dialog["claim_not_on_file"] for text in caller.far_text()), seed


def test_wrong_npi_still_fails(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    verifier_check = _verifier(kentucky, member)._check("npi")
    assert verifier_check("My NPI is 9 8 7 6 5 4 3 2 1 0.") is False
    enrolled = kentucky.records.providers[-1].npi
    assert verifier_check(f"It's {' '.join(enrolled)}.") is True


def _verifier(payer, member):
    import random
    from types import SimpleNamespace

    from payerline.sandbox.verification import Verifier

    rep = SimpleNamespace(rng=random.Random(1), member=member,
                          enrolled_providers=lambda: list(payer.records.providers))
    return Verifier(rep)


def test_shared_tax_id_keeps_all_providers(kentucky) -> None:
    # A hospital and its outpatient centre bill under one tax id: the tax id must not pick one of them.
    member, _ = find_claim(kentucky, ClaimStatus.PAID)
    first = kentucky.records.providers[0]
    sibling = kentucky.records.providers[-1].model_copy(update={"tin": first.tin})
    providers = [first, sibling]
    verifier = _verifier(kentucky, member)
    verifier.rep.enrolled_providers = lambda: providers
    assert verifier._check("tax_id")(f"The tax ID is {first.tin}.") is True
    assert verifier._check("npi")(f"The NPI is {' '.join(sibling.npi)}.") is True
    assert verifier._check("npi")("My NPI is 9 8 7 6 5 4 3 2 1 0.") is False
