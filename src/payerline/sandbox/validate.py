"""``payerline sandbox validate FILE...``: check payer files and IVR maps and list every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from payerline.payers.directory import IVR_MAP_SUFFIX
from payerline.sandbox.payer_file import validate_payer_file


def problems_of(path: Path) -> list[str]:
    """Return the problems of a payer file, or of an IVR map when the name ends in ``.ivr-map.yaml``."""
    if path.suffix.lower() == ".json":
        # A call request is JSON, while payer files and IVR maps are YAML.
        return [f"{path}: a JSON file is neither a payer file (*.payer.yaml) nor an IVR map (*.ivr-map.yaml); "
                f"`payerline call --request {path}` checks a request before it dials"]
    if path.name.endswith(IVR_MAP_SUFFIX):
        from payerline.payers.map_check import validate_ivr_map_file

        return validate_ivr_map_file(path)
    return validate_payer_file(path)


def main(paths: list[str]) -> int:
    """Validate each file; print problems to stderr. Returns 0 when all are valid, else 1."""
    if not paths:
        print("usage: payerline sandbox validate FILE.payer.yaml|FILE.ivr-map.yaml [FILE...]", file=sys.stderr)
        return 2
    failed = 0
    for name in paths:
        problems = problems_of(Path(name))
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr, flush=True)
        else:
            # Flushed, so "valid" lines and problems keep their order when both streams go to one place.
            print(f"{name}: valid", flush=True)
    if failed:
        print(f"{failed} of {len(paths)} files are invalid", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
