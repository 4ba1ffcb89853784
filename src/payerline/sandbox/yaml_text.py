"""Reading YAML for payer files and IVR maps: safe, strict and located.

The reader keeps dates as strings, so the schema checks what was written.
It rejects duplicate keys at any depth, because YAML would silently keep the
last one. It refuses files with many aliases, because a few nested aliases
can expand to a huge document (an "alias bomb"). Every problem names the
file and its line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

MAX_ALIASES = 50
"""Hand-written payer files need few aliases, if any; more suggests an expansion attack."""

MAX_FILE_BYTES = 5_000_000


class YamlProblem(Exception):
    """A file could not be read as YAML; ``str()`` is the located message."""


class _TextLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as strings and counts aliases."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, kind: str) -> str:
    """Return the UTF-8 text of ``path``; raise YamlProblem naming the path and the fix."""
    try:
        if path.is_dir():
            raise YamlProblem(f"{path}: is a folder, not a {kind}; pass the file itself")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise YamlProblem(f"{path}: larger than {MAX_FILE_BYTES} bytes; a {kind} is a small text file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblem(f"{path}: file not found; check the path") from None
    except OSError as error:
        raise YamlProblem(f"{path}: cannot read the file ({error.strerror}); check its permissions") from None
    if b"\x00" in data:
        raise YamlProblem(f"{path}: is a binary file, not a {kind}; pass a YAML text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlProblem(
            f"{path}:{line}: byte 0x{data[error.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(for example with iconv -f latin1 -t utf-8)"
        ) from None


def _check_duplicates(node: yaml.Node, path: Path, problems: list[str], where: str = "") -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode):
                if key in seen:
                    inside = f" in {where}" if where else ""
                    problems.append(f"{path}:{line}: duplicate key {key!r}{inside} (first at line {seen[key]}); "
                                    "keep one of them or rename one")
                else:
                    seen[key] = line
            _check_duplicates(value_node, path, problems, f"{where}.{key}" if where else str(key))
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _check_duplicates(item, path, problems, f"{where}[{position}]")


def _count_aliases(text: str, path: Path) -> None:
    aliases = 0
    for event in yaml.parse(text, Loader=_TextLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                line = event.start_mark.line + 1
                raise YamlProblem(f"{path}:{line}: more than {MAX_ALIASES} YAML aliases (*name); "
                                  "write the values out instead of referring to anchors")


def _yaml_hint(problem: str) -> str:
    """Return what to do about a PyYAML syntax problem that authors often meet, or nothing."""
    if "'\\t'" in problem:
        return "; indent with spaces, not tabs"
    if "cannot start any token" in problem:
        # "@hangup", "`x`" and "%" start no plain YAML value.
        return "; put the value in quotes, like goto: \"@hangup\""
    if "expected <block end>" in problem or "expected the node content" in problem:
        return "; check the indentation of this line against the lines above it, and do not mix [ ] or { } with - items"
    return ""


def _unclosed_quote_line(text: str, problem_line: int) -> int | None:
    """Return the 1-based line, at or before ``problem_line``, whose quote never closes, or None.

    An unclosed quote runs on into the lines after it, so PyYAML reports a
    problem further down, often as one of indentation. Only a quote that
    starts a value opens one: an apostrophe inside a word ("member's") or
    anything in a comment does not.
    """
    for number, raw in enumerate(text.splitlines()[:problem_line + 1], start=1):
        if _open_quote_at_end(raw):
            return number
    return None


def _open_quote_at_end(line: str) -> bool:
    """Tell whether a quoted value opened on ``line`` is still open at its end."""
    quote = None
    previous = " "
    index = 0
    while index < len(line):
        char = line[index]
        if quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = None
        elif quote == "'":
            if char == "'" and line[index + 1:index + 2] == "'":
                index += 1  # '' is a quote inside a single-quoted value
            elif char == "'":
                quote = None
        elif char == "#" and previous.isspace():
            return False  # the rest is a comment
        elif char in "\"'" and (previous.isspace() or previous in ":-[{,"):
            quote = char
        previous = char
        index += 1
    return quote is not None and not line.rstrip().endswith("\\")


def compose_and_load(text: str, path: Path) -> tuple[yaml.Node | None, object]:
    """Return the node tree (for line numbers) and the data of ``text``.

    Raises:
        YamlProblem: not YAML, too many aliases, or duplicate keys (all listed).
    """
    try:
        _count_aliases(text, path)
        root = yaml.compose(text, Loader=_TextLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = str(getattr(error, "problem", None) or error)
        unclosed = _unclosed_quote_line(text, mark.line) if mark else None
        if unclosed is not None:
            raise YamlProblem(f"{path}:{unclosed}: not valid YAML: a quote opened on this line is not closed "
                              f"(the parser noticed at line {mark.line + 1}); close it") from None
        raise YamlProblem(f"{path}{line}: not valid YAML: {problem}{_yaml_hint(problem)}") from None
    problems: list[str] = []
    if root is not None:
        _check_duplicates(root, path, problems)
    if problems:
        raise YamlProblem("\n".join(problems))
    data = yaml.load(text, Loader=_TextLoader)
    return root, data


def line_index(node: yaml.Node, path: tuple = (), index: dict | None = None) -> dict[tuple, int]:
    """Map each path inside the document to its 1-based line number."""
    index = {} if index is None else index
    index[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            line_index(value_node, (*path, key), index)
            index[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            line_index(item, (*path, position), index)
    return index


def line_of(lines: dict[tuple, int], where: tuple) -> int | None:
    """Return the line of ``where``, or of its nearest enclosing path that has one."""
    probe = tuple(where)
    while probe not in lines and probe:
        probe = probe[:-1]
    return lines.get(probe)
