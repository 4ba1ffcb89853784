"""Located validation of IVR map files, for ``payerline sandbox validate`` and error messages.

``payerline.payers.ivr_map.load_ivr_map`` loads a map for a call. This module
reports every problem of a map file with its line. Like payer files, maps
with duplicate keys or many aliases are refused.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
from pydantic import ValidationError

from payerline.payers.directory import IVR_MAP_SUFFIX
from payerline.payers.ivr_map import IvrMap, ivr_map_json_schema
from payerline.sandbox.payer_file import format_path as _location
from payerline.sandbox.payer_file import schema_leaves, schema_message
from payerline.sandbox import yaml_text


def _schema_problems(data: object, path: Path, lines: dict[tuple, int]) -> list[str]:
    """Return the schema problems of a map, one per value, in file order, worded as for payer files."""
    validator = jsonschema.Draft202012Validator(ivr_map_json_schema())
    found: dict[tuple, tuple[int, str]] = {}
    errors = [leaf for error in validator.iter_errors(data) for leaf in schema_leaves(error)]
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - known):
                found[(*where, key)] = (yaml_text.line_of(lines, (*where, key)) or 0,
                                        f"unknown key {key!r}; remove it or fix its spelling "
                                        f"(allowed here: {', '.join(sorted(known))})")
            continue
        # One problem per value: "1 is not of type 'string'" and "'1' was expected" say the same thing twice, and
        # the type error comes with the fix ("put it in quotes").
        if where not in found or error.validator == "type":
            found[where] = (yaml_text.line_of(lines, where) or 0, schema_message(error))
    ordered = sorted(found.items(), key=lambda item: (item[1][0], [str(part) for part in item[0]]))
    return [f"{path}:{line}: {_location(where)}: {message}" for where, (line, message) in ordered]


def validate_ivr_map_file(path: Path) -> list[str]:
    """Return every problem of the IVR map at ``path``, each as ``path:line: where: what`` (empty when valid)."""
    path = Path(path)
    try:
        text = yaml_text.read_text(path, "IVR map")
        root, data = yaml_text.compose_and_load(text, path)
    except yaml_text.YamlProblem as problem:
        return str(problem).split("\n")
    lines = yaml_text.line_index(root) if root is not None else {}
    schema_problems = _schema_problems(data, path, lines)
    if schema_problems:
        return schema_problems
    try:
        ivr_map = IvrMap.model_validate(data)
    except ValidationError as error:
        return [f"{path}:{yaml_text.line_of(lines, tuple(item['loc']))}: {_location(item['loc'])}: {item['msg']}"
                for item in error.errors()]
    expected = f"{ivr_map.payer_id}{IVR_MAP_SUFFIX}"
    if path.name != expected:
        line = yaml_text.line_of(lines, ("payer_id",))
        return [f"{path}:{line}: payer_id {ivr_map.payer_id!r} does not match the file name; "
                f"rename the file {expected} or fix payer_id"]
    return []
