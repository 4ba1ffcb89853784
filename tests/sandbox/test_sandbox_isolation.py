"""The sandbox stays independent of the agent it tests."""

from __future__ import annotations

import ast
from pathlib import Path

import payerline.sandbox

SANDBOX_DIR = Path(payerline.sandbox.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_sandbox_never_imports_agent() -> None:
    modules = sorted(SANDBOX_DIR.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        agent_imports = [name for name in imported_modules(module) if name.startswith("payerline.agent")]
        assert agent_imports == [], f"{module.name} imports {agent_imports}"
