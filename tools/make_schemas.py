"""Write the JSON Schemas of the request, result and transcript models into the package.

The committed files in ``src/payerline/schemas/`` are generated from the
pydantic models in ``payerline.domain.request``, ``payerline.domain.result``
and ``payerline.domain.transcript``. A test fails when they drift. Run after
changing any of those models::

    .venv/bin/python tools/make_schemas.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from payerline.domain.request import ClaimStatusRequest
from payerline.domain.result import RESULT_SCHEMA_VERSION, ClaimResult
from payerline.domain.transcript import TRANSCRIPT_SCHEMA_VERSION, Transcript

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "src" / "payerline" / "schemas"
# A URN, not a URL: the schemas ship inside the package and are never fetched.
SCHEMA_ID_BASE = "urn:payerline:schema:"
REQUEST_SCHEMA_VERSION = "1"  # the request's own schema_version


def _schema(model: type[BaseModel], name: str, version: str, title: str,
            mode: str = "serialization") -> dict[str, object]:
    schema = model.model_json_schema(mode=mode)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_BASE}{name}:{version}",
        **schema,
        "title": title,
    }


def render_schemas() -> dict[str, str]:
    """Return each schema file's name and its exact text."""
    schemas = {
        # A request is input, so its schema is the validation one: what a caller may send.
        f"claim-status-request.v{REQUEST_SCHEMA_VERSION}.json": _schema(
            ClaimStatusRequest, "claim-status-request", REQUEST_SCHEMA_VERSION,
            "payerline claim-status request (one call about one or more claims)", mode="validation",
        ),
        f"claim-status-result.v{RESULT_SCHEMA_VERSION}.json": _schema(
            ClaimResult, "claim-status-result", RESULT_SCHEMA_VERSION,
            "payerline claim-status result (one claim of one call)",
        ),
        f"transcript.v{TRANSCRIPT_SCHEMA_VERSION}.json": _schema(
            Transcript, "transcript", TRANSCRIPT_SCHEMA_VERSION, "payerline call transcript",
        ),
    }
    return {name: json.dumps(schema, indent=2, sort_keys=False) + "\n" for name, schema in schemas.items()}


def main() -> int:
    for name, text in render_schemas().items():
        path = SCHEMA_DIR / name
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
