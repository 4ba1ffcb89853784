"""``payerline sandbox validate FILE...``: check payer files and IVR maps and list every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from payerline.payers.directory import IVR_MAP_SUFFIX
from payerline.sandbox.payer_file import validate_payer_file


def problems_of(path: Path) -> list[str]:
    """Return the problems of a payer file, or of an IVR map when the name ends in ``.ivr-map.yaml``."""
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
                print(problem, file=sys.stderr)
        else:
            print(f"{name}: valid")
    if failed:
        print(f"{failed} of {len(paths)} files are invalid", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
