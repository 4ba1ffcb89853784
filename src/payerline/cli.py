"""The ``payerline`` command.

Exit codes: 0 success; 1 the work ran but failed (a demo call did not match
the payer's records, or ``sandbox validate`` found a problem); 2 a usage error
(bad option, invalid request, payer file or IVR map, unusable output path);
130 interrupted. Expected errors print one message to stderr and no traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import payerline
from payerline.clock import RealClock, VirtualClock
from payerline.domain.codes import Outcome
from payerline.domain.result import ClaimResult
from payerline.domain.transcript import Transcript
from payerline.errors import PayerFileError, RequestValidationError, UsageError

if TYPE_CHECKING:
    from datetime import datetime

    from payerline.domain.request import ClaimStatusRequest
    from payerline.evaluation.runner import CallRun, EvalPayer

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so ``main`` owns the exit code.

    An unknown option is reported before missing required ones: ``eval --bogus``
    should name ``--bogus``, not list the options it lacks.
    """

    _arg_strings: list[str] = []

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # "eval --payer X" must not be taken as "--payers X": an option is matched only when spelled in full.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        self._arg_strings = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        unknown = self._unknown_options()
        if unknown and "required" in message:
            message = f"unknown option {', '.join(unknown)}"
        raise UsageError(f"{self.prog}: {message}\nrun '{self.prog} --help' for the options")

    def _unknown_options(self) -> list[str]:
        known = set(self._option_string_actions)
        return [text for text in self._arg_strings
                if text.startswith("-") and text != "-" and not _is_number(text)
                and text.split("=", 1)[0] not in known
                and not (not text.startswith("--") and text[:2] in known)]  # -vv, -v2


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; pass a fraction such as 0.05") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is outside 0..1; pass a fraction of words such as 0.05")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


# The mix is drawn in memory before the first call, so a count far beyond any useful run would fill memory
# before any progress line. 100,000 calls take two to three hours on one core (docs/benchmarks.md).
MAX_SCENARIOS = 100_000


def _scenario_count(text: str) -> int:
    value = _positive(text)
    if value > MAX_SCENARIOS:
        raise argparse.ArgumentTypeError(f"{value} is more than {MAX_SCENARIOS:,} calls; split the run over several seeds")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every ``payerline`` subcommand."""
    parser = _Parser(prog="payerline", description="AI phone agent that calls health-insurance payers.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log call progress to stderr (-vv for debug detail)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser,
                                     title="commands")

    demo = commands.add_parser("demo", help="one claim-status call per bundled sandbox payer")
    demo.add_argument("--out", type=Path, default=Path("out/demo"), help="output folder (default out/demo)")

    call = commands.add_parser("call", help="one claim-status call against a sandbox payer")
    call.add_argument("--payer", required=True, help="payer id, such as ngs-medicare")
    call.add_argument("--request", required=True, type=Path, help="claim-status request JSON file")
    call.add_argument("--out", type=Path, default=Path("out/calls"), help="output folder (default out/calls)")
    call.add_argument("--payers", type=Path, help="payer directory (default: the bundled payers)")
    call.add_argument("--start", help="call start, ISO 8601 with a UTC offset "
                      "(default: 10:00 payer time on the Tuesday after the payer's latest record date)")
    call.add_argument("--seed", type=int, default=1, help="sandbox seed (default 1)")

    evaluate = commands.add_parser("eval", help="run seeded scenarios and score the results")
    evaluate.add_argument("--scenarios", type=_scenario_count, required=True,
                          help=f"number of calls (1 to {MAX_SCENARIOS})")
    evaluate.add_argument("--seed", type=int, required=True, help="seed of the scenario mix")
    evaluate.add_argument("--payers", type=Path, help="payer directory (default: the bundled payers)")
    evaluate.add_argument("--no-ivr-maps", action="store_true", help="run the agent without IVR maps")
    evaluate.add_argument("--asr-noise", type=_rate, default=0.0,
                          help="fraction of far-end words perturbed as speech recognition would (0..1)")
    evaluate.add_argument("--json", required=True, type=Path, help="where to write the report")
    evaluate.add_argument("--save-failures", type=Path, metavar="DIR",
                          help="write each inexact call's results, transcript and sandbox log under DIR")

    sandbox = commands.add_parser("sandbox", help="sandbox payer tools")
    sandbox_commands = sandbox.add_subparsers(dest="sandbox_command", metavar="SUBCOMMAND", required=True,
                                              parser_class=_Parser, title="subcommands")
    validate = sandbox_commands.add_parser(
        "validate", help="check sandbox payer files and IVR maps and report each problem")
    validate.add_argument("files", nargs="+", help="payer files (*.payer.yaml) and IVR maps (*.ivr-map.yaml)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``payerline`` command line; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exit_request:
        # --help and --version print and ask to exit; turn that into a return code.
        return int(exit_request.code or 0)
    logging.basicConfig(
        level={0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG),
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return _dispatch(args)
    except PayerFileError as error:
        print(f"error: {_payer_file_error_text(error)}", file=sys.stderr)
        return EXIT_USAGE
    except RequestValidationError as error:
        if len(error.problems) == 1:
            print(f"error: invalid call request: {error.problems[0]}", file=sys.stderr)
        else:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _payer_file_error_text(error: PayerFileError) -> str:
    """Say "invalid IVR map" for a map, and give its problems with their lines when they can be found."""
    if not error.path.endswith(".ivr-map.yaml"):
        if len(error.problems) == 1:
            return f"invalid payer file: {error.problems[0]}"
        return str(error)
    from payerline.payers.map_check import validate_ivr_map_file

    located = validate_ivr_map_file(Path(error.path))
    problems = located or [f"{error.path}: {problem}" for problem in error.problems]
    if len(problems) == 1:
        return f"invalid IVR map: {problems[0]}"
    return f"{error.path}: invalid IVR map:\n  " + "\n  ".join(problems)


# -- output paths ------------------------------------------------------------------


def _nearest_existing(path: Path) -> Path:
    probe = path.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def _can_write_in(folder: Path) -> bool:
    """Return whether a file can be created in ``folder`` (tried, since permissions alone can mislead)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def check_output_dir(path: Path, option: str) -> None:
    """Raise UsageError unless ``path`` is, or can be created as, a writable folder."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{option} {path} is a file, not a folder; pass a folder path")
    existing = _nearest_existing(path)
    if not existing.is_dir():
        raise UsageError(f"{option} {path}: {existing} is a file, so no folder can be made inside it; "
                         "pass another folder path")
    if not _can_write_in(existing):
        raise UsageError(f"{option} {path}: folder {existing} is not writable; pass a folder you can write to")


def check_output_file(path: Path, option: str) -> None:
    """Raise UsageError unless a file can be written at ``path``."""
    if path.is_dir():
        raise UsageError(f"{option} {path} is a folder; pass a file path such as {path / 'report.json'}")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{option} {path} is not writable; pass a file you can write to")
    existing = _nearest_existing(path.parent)
    if not existing.is_dir():
        raise UsageError(f"{option} {path}: {existing} is a file, so nothing can be written inside it; "
                         "pass a path in a folder")
    if not _can_write_in(existing):
        raise UsageError(f"{option} {path}: folder {existing} is not writable; pass a path you can write to")


def check_ivr_maps(folder: Path | None) -> None:
    """Raise UsageError naming the first invalid IVR map in a user's payer folder, with its lines.

    The bundled maps are checked by the tests; a user's may be unreadable
    (binary, Latin-1) or broken, and must not end in a traceback.
    """
    if folder is None or not folder.is_dir():
        return
    from payerline.payers.map_check import validate_ivr_map_file

    for path in sorted(folder.glob("*.ivr-map.yaml")):
        problems = validate_ivr_map_file(path)
        if len(problems) == 1:
            raise UsageError(f"invalid IVR map: {problems[0]}")
        if problems:
            raise UsageError(f"{path}: invalid IVR map:\n  " + "\n  ".join(problems))


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return run_demo(args.out)
    if args.command == "call":
        return run_one_call(
            payer_id=args.payer, request_path=args.request, out=args.out,
            payers_dir=args.payers, start=args.start, seed=args.seed,
        )
    if args.command == "eval":
        return run_eval(
            scenarios=args.scenarios, seed=args.seed, payers_dir=args.payers,
            use_ivr_maps=not args.no_ivr_maps, asr_noise=args.asr_noise, json_path=args.json,
            failures_dir=args.save_failures,
        )
    from payerline.sandbox.validate import main as validate_main

    return validate_main(list(args.files))


# -- output helpers ------------------------------------------------------------


def format_duration(seconds: float) -> str:
    """Return ``seconds`` as mm:ss (minutes may exceed 59)."""
    whole = int(round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return a plain-text table with left-aligned columns."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in (headers, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _field_text(result: ClaimResult, name: str) -> str:
    observed = getattr(result.fields, name)
    return "-" if observed is None else str(observed.value)


def _field_json(result: ClaimResult | None, name: str) -> object:
    """Return a field's value for JSON: None (null) when the call did not get it."""
    observed = getattr(result.fields, name) if result is not None else None
    if observed is None:
        return None
    value = observed.value
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def unused_folder(folder: Path) -> Path:
    """Return ``folder``, or ``folder-2``, ``folder-3``... when it already exists, so no call overwrites another."""
    candidate, number = folder, 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{folder.name}-{number}")
    return candidate


def write_call_files(folder: Path, results: Sequence[ClaimResult], transcript: Transcript | None) -> None:
    """Write ``result.json`` (a list, one result per claim) and ``transcript.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = [json.loads(result.model_dump_json()) for result in results]
    (folder / "result.json").write_text(json.dumps(documents, indent=2) + "\n", encoding="utf-8")
    if transcript is not None:
        (folder / "transcript.json").write_text(transcript.model_dump_json(indent=2) + "\n", encoding="utf-8")


# -- demo ------------------------------------------------------------------------

DEMO_HEADERS = ("payer", "outcome", "status", "paid", "reference", "length", "wall", "check")


def run_demo(out: Path, payer_ids: Sequence[str] | None = None) -> int:
    """Run one claim-status call per bundled payer; print a table and write the files.

    ``payer_ids`` limits the demo to those payers (tests use it to stay fast).
    """
    from payerline.evaluation.demo import plan_demo_call
    from payerline.evaluation.mix import call_week_start
    from payerline.evaluation.payer_set import load_eval_payers
    from payerline.evaluation.runner import default_harness, run_planned_call

    check_output_dir(out, "--out")
    harness = default_harness()
    payers = load_eval_payers(None)
    week_start = call_week_start([eval_payer.profile for eval_payer in payers])
    rows: list[list[str]] = []
    calls: list[dict[str, object]] = []
    all_right = True
    for eval_payer in payers:
        if payer_ids is not None and eval_payer.profile.payer_id not in payer_ids:
            continue
        planned = plan_demo_call(eval_payer.profile, week_start)
        run = run_planned_call(planned, eval_payer, harness)
        write_call_files(out / run.call_id, run.results, run.transcript)
        first = run.results[0] if run.results else None
        if run.score.exact:
            check = "matches records"
        elif run.error:
            check = "error"
        else:
            check = "differs"
        all_right = all_right and run.score.exact
        rows.append([
            run.payer_id,
            first.outcome.value if first else "error",
            _field_text(first, "claim_status") if first else "-",
            _field_text(first, "paid_amount") if first else "-",
            _field_text(first, "reference_number") if first else "-",
            format_duration(run.simulated_s),
            f"{run.wall_s:.2f}s",
            check,
        ])
        calls.append({
            "call_id": run.call_id,
            "payer_id": run.payer_id,
            "outcomes": [result.outcome.value for result in run.results],
            "claim_status": _field_json(first, "claim_status"),
            "paid_amount": _field_json(first, "paid_amount"),
            "reference_number": _field_json(first, "reference_number"),
            "simulated_seconds": round(run.simulated_s, 3),
            "wall_seconds": round(run.wall_s, 4),
            "matches_records": run.score.exact,
            "error": run.error,
            "differences": [difference.as_dict() for difference in run.score.differences],
        })
    print(format_table(DEMO_HEADERS, rows))
    summary = {"calls": calls, "all_match_records": all_right}
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {len(calls)} calls to {out}/<call_id>/ and {out / 'summary.json'}")
    if not all_right:
        print("some calls did not match the payer's records; see summary.json for what differed",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


# -- one call --------------------------------------------------------------------


def run_one_call(
    *, payer_id: str, request_path: Path, out: Path, payers_dir: Path | None, start: str | None, seed: int,
) -> int:
    """Validate one request file, run it against one sandbox payer and write its files."""
    from payerline.domain.request import load_request, validate_request_dates
    from payerline.evaluation.payer_set import load_eval_payers
    from payerline.evaluation.runner import default_harness, with_versions
    from payerline.evaluation.single_call import parse_start, scenario_for_request

    check_output_dir(out, "--out")
    try:
        request = load_request(request_path)
    except RequestValidationError as error:
        if all(problem.startswith(f"{request_path}:") for problem in error.problems):
            raise
        raise RequestValidationError([f"{request_path}: {problem}" for problem in error.problems]) from error
    date_problems = validate_request_dates(request, RealClock().now().date())
    if date_problems:
        raise RequestValidationError([f"{request_path}: {problem}" for problem in date_problems])
    if request.payer_id != payer_id:
        raise UsageError(
            f"request {request_path} is for payer {request.payer_id!r} but --payer is {payer_id!r}; "
            "make them match"
        )
    check_ivr_maps(payers_dir)
    payers = {eval_payer.profile.payer_id: eval_payer for eval_payer in load_eval_payers(payers_dir, only=payer_id)}
    if payer_id not in payers:
        where = "the bundled payers" if payers_dir is None else f"payer folder {payers_dir}"
        raise UsageError(f"payer {payer_id!r} is not in {where} (known payers: {', '.join(sorted(payers))}); "
                         "pass the folder that holds its file with --payers DIR")
    eval_payer = payers[payer_id]
    _check_request_fits_payer(request, request_path, eval_payer)
    call_start = parse_start(start, eval_payer.profile)
    _warn_service_after_start(request, call_start)
    scenario = scenario_for_request(request, eval_payer.profile, call_start, seed)

    # A second call of the same request and start goes to "<call_id>-2", and its results carry that id too.
    folder = unused_folder(out / scenario.scenario_id)
    call_id = folder.name
    harness = default_harness()
    clock = VirtualClock(scenario.start)
    line = harness.make_line(eval_payer.payer, scenario, clock, None)
    try:
        output = harness.run_call(
            request, line, clock, call_id=call_id,
            ivr_map=eval_payer.ivr_map, payer_file_version=eval_payer.payer.version,
        )
    finally:
        line.close()
    results = [with_versions(result, eval_payer.payer, eval_payer.ivr_map) for result in output.results]
    write_call_files(folder, results, output.transcript)

    for result in results:
        detail = f"status {_field_text(result, 'claim_status')}"
        if result.reason is not None:
            retry = "retry may help" if result.retryable else "do not retry unchanged"
            detail += f", reason {result.reason.value} ({retry})"
        if result.missing_fields:
            detail += f", missing {', '.join(result.missing_fields)}"
        print(f"claim {result.claim_index + 1}: {result.outcome.value}: {detail}")
    print(f"call {call_id}: {format_duration(output.simulated_s)} simulated; "
          f"wrote {folder / 'result.json'} and {folder / 'transcript.json'}")
    # A script can distinguish a call that completed every claim from one that left work for a person.
    return EXIT_OK if all(result.outcome is Outcome.COMPLETED for result in results) else EXIT_FAILED


def _check_request_fits_payer(request: ClaimStatusRequest, request_path: Path, eval_payer: EvalPayer) -> None:
    """Refuse, before dialing, a request the payer's line would reject for sure."""
    from payerline.payers import missing_inputs

    payer_line = eval_payer.payer.line_of_business
    if request.line_of_business != payer_line:
        raise UsageError(
            f"request {request_path} has line_of_business {request.line_of_business.value!r} but payer "
            f"{request.payer_id!r} serves {payer_line.value!r}; fix line_of_business or call the right payer"
        )
    missing = missing_inputs(request, eval_payer.ivr_map)
    if missing:
        raise UsageError(
            f"request {request_path} lacks {', '.join(missing)}, which the phone menu of payer {request.payer_id!r} "
            "asks for before giving claim data; add it to the request"
        )


def _warn_service_after_start(request: ClaimStatusRequest, call_start: datetime) -> None:
    for index, claim in enumerate(request.claims):
        if claim.service_date_from > call_start.date():
            print(f"warning: call start {call_start.isoformat()} is before claims[{index}].service_date_from "
                  f"{claim.service_date_from}; the payer cannot have that claim yet (pass a later --start)",
                  file=sys.stderr)


# -- eval ------------------------------------------------------------------------


def save_failure(folder: Path, run: CallRun) -> None:
    """Write an inexact eval call's results, transcript, sandbox log and differences into ``folder``."""
    write_call_files(folder, run.results, run.transcript)
    (folder / "sandbox-log.txt").write_text("\n".join(run.sandbox_log) + "\n", encoding="utf-8")
    differences = [difference.as_dict() for difference in run.score.differences]
    document = {"call_id": run.call_id, "payer_id": run.payer_id, "condition": run.condition,
                "rep_behaviour": run.rep_behaviour, "error": run.error, "differences": differences}
    (folder / "differences.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def run_eval(
    *, scenarios: int, seed: int, payers_dir: Path | None, use_ivr_maps: bool, asr_noise: float, json_path: Path,
    failures_dir: Path | None = None,
) -> int:
    """Run ``scenarios`` seeded calls, report progress to stderr and write the JSON report."""
    from payerline.evaluation.mix import draw_mix, mix_summary
    from payerline.evaluation.payer_set import load_eval_payers
    from payerline.evaluation.report import build_report
    from payerline.evaluation.runner import default_harness, run_planned_call

    # Check the output paths first, so a long eval never ends in an unwritable report.
    check_output_file(json_path, "--json")
    if failures_dir is not None:
        check_output_dir(failures_dir, "--save-failures")
    if use_ivr_maps:
        check_ivr_maps(payers_dir)
    payers = load_eval_payers(payers_dir, use_ivr_maps=use_ivr_maps)
    by_id = {eval_payer.profile.payer_id: eval_payer for eval_payer in payers}
    planned = draw_mix([eval_payer.profile for eval_payer in payers], scenarios, seed)
    harness = default_harness()

    # The eval is not core call code, so it may time itself on the wall clock.
    started = time.perf_counter()
    step = max(1, scenarios // 20)
    runs = []
    for number, call in enumerate(planned, start=1):
        run = run_planned_call(call, by_id[call.scenario.payer_id], harness, asr_noise_rate=asr_noise)
        runs.append(run)
        if failures_dir is not None and not run.score.exact:
            save_failure(failures_dir / run.call_id, run)
        if number % step == 0 or number == scenarios:
            exact = sum(1 for run in runs if run.score.exact)
            print(f"eval: {number}/{scenarios} calls, {exact} exact, {time.perf_counter() - started:.1f}s elapsed",
                  file=sys.stderr)
    wall_s = time.perf_counter() - started

    options = {
        "scenarios": scenarios, "seed": seed,
        "payers": str(payers_dir) if payers_dir else "bundled",
        "ivr_maps": use_ivr_maps, "asr_noise": asr_noise,
        "payer_versions": {payer_id: by_id[payer_id].payer.version for payer_id in sorted(by_id)},
        "agent_version": payerline.__version__,
    }
    map_versions = {payer_id: (by_id[payer_id].ivr_map.version if by_id[payer_id].ivr_map else None)
                    for payer_id in by_id}
    report = build_report(runs, options=options, mix=mix_summary(planned), wall_seconds=wall_s,
                          ivr_map_versions=map_versions)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"{report['exact_calls']}/{report['calls']} calls exact, field accuracy {report['field_accuracy']}, "
          f"{report['simulated_seconds']:.0f} s simulated in {wall_s:.1f} s; report in {json_path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
