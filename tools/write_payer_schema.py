"""Write src/payerline/schemas/payer-file.v1.json from the payer-file models.

Usage: python tools/write_payer_schema.py. A test checks the committed file
matches the models, so run this after changing payer_file.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from payerline.sandbox.payer_file import json_schema  # noqa: E402

if __name__ == "__main__":
    path = ROOT / "src" / "payerline" / "schemas" / "payer-file.v1.json"
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
