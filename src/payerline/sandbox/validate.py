"""``payerline sandbox validate FILE...``: check payer files and list every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from payerline.sandbox.payer_file import validate_payer_file


def main(paths: list[str]) -> int:
    """Validate each payer file; print problems to stderr. Returns 0 when all are valid, else 1."""
    if not paths:
        print("usage: payerline sandbox validate FILE.payer.yaml [FILE...]", file=sys.stderr)
        return 2
    failed = 0
    for name in paths:
        problems = validate_payer_file(Path(name))
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr)
        else:
            print(f"{name}: valid")
    if failed:
        print(f"{failed} of {len(paths)} payer files are invalid", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
