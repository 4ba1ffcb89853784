"""Benchmark: text-fidelity claim-status calls per second on one core.

Runs seeded eval scenarios (the same mix as ``payerline eval``) in one
process pinned to one CPU, then prints calls per second and simulated
seconds per wall second, with the machine it ran on. Scoring is included in
the timing because the eval pays for it too; loading the payer files is not.

    .venv/bin/python bench/bench_text_calls.py --scenarios 200 --seed 1
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from payerline.evaluation.mix import draw_mix
from payerline.evaluation.payer_set import load_eval_payers
from payerline.evaluation.runner import default_harness, run_planned_call


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pin_to_one_cpu() -> str:
    """Pin this process to its first allowed CPU where the OS supports it; return what was done."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})
    return f"pinned to CPU {first}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=200, help="number of calls (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="scenario mix seed (default 1)")
    parser.add_argument("--asr-noise", type=float, default=0.0, help="ASR noise rate (default 0)")
    args = parser.parse_args()

    # nproc before pinning, so it reports the machine rather than the pinned set.
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip() or "?"
    pinning = pin_to_one_cpu()
    payers = load_eval_payers(None)
    by_id = {payer.profile.payer_id: payer for payer in payers}
    planned = draw_mix([payer.profile for payer in payers], args.scenarios, args.seed)
    harness = default_harness()

    started = time.perf_counter()
    runs = [run_planned_call(call, by_id[call.scenario.payer_id], harness, asr_noise_rate=args.asr_noise)
            for call in planned]
    wall_s = time.perf_counter() - started

    simulated_s = sum(run.simulated_s for run in runs)
    exact = sum(1 for run in runs if run.score.exact)
    errors = sum(1 for run in runs if run.error)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: nproc {nproc}; {cpu_model()}; Python {platform.python_version()}; {pinning}")
    print(f"calls: {len(runs)} ({exact} exact, {errors} raised)")
    print(f"wall: {wall_s:.2f} s; simulated: {simulated_s:.0f} s")
    print(f"calls per second: {len(runs) / wall_s:.1f}")
    print(f"simulated seconds per wall second: {simulated_s / wall_s:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
