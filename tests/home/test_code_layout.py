"""The code's layout holds as the README says ("Which way imports run").

Read from the source with `ast`, so nothing is imported: site -> apps; every app may import
home and home imports no other app; casestudies imports roadmap, never the reverse; no import
cycle between modules; at most 10 project imports inside functions, each saying why; and the
things there is one way of are not written a second time.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("site", "home", "roadmap", "casestudies", "events", "search")
# Which apps each app may import (besides itself). `site` is configuration: it may import any.
ALLOWED = {
    "home": set(),
    "roadmap": {"home"},
    "casestudies": {"home", "roadmap"},
    "events": {"home"},
    "search": {"home"},
    "site": {"home", "roadmap", "casestudies", "events", "search"},
}
MAX_DEFERRED_IMPORTS = 10
DEFERRED_COMMENT = "# deferred import:"


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[dotted.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path):
    """(imported module, line, inside a function?) for every project import in `module`,
    leaving out imports made only for type checkers."""
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    in_function: set[int] = set()
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            in_function.update(id(inner) for inner in ast.walk(node) if inner is not node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in PACKAGES:
                continue
            target = _resolve(name)
            if target and target != module:
                yield target, node.lineno, id(node) in in_function


GRAPH: dict[str, set[str]] = defaultdict(set)
DEFERRED: list[tuple[str, int, str]] = []
for _module, _path in MODULES.items():
    for _target, _line, _inside in _imports(_module, _path):
        GRAPH[_module].add(_target)
        if _inside:
            DEFERRED.append((_module, _line, _target))


def test_the_modules_were_found():
    """The checks below read real code (a wrong root would make them pass on nothing)."""
    assert {"home.models", "roadmap.models", "casestudies.models", "events.models"} <= set(MODULES)
    assert sum(len(targets) for targets in GRAPH.values()) > 100


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_each_app_imports_only_the_apps_it_may(app):
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if module.split(".")[0] == app
        for target in targets
        if target.split(".")[0] not in ALLOWED[app] | {app}
    )
    assert wrong == [], f"{app} may import only {sorted(ALLOWED[app])}: {wrong}"


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycles_between_modules():
    assert _cycles() == []


def test_the_cycle_check_sees_a_cycle():
    saved = {module: set(GRAPH[module]) for module in ("roadmap.models", "roadmap.page_context")}
    GRAPH["roadmap.models"].add("roadmap.page_context")
    GRAPH["roadmap.page_context"].add("roadmap.models")
    try:
        assert any("roadmap.models" in group for group in _cycles())
    finally:
        GRAPH.update(saved)


def test_imports_inside_functions_are_few_and_say_why():
    assert len(DEFERRED) <= MAX_DEFERRED_IMPORTS, DEFERRED
    unexplained = []
    for module, line, target in DEFERRED:
        lines = MODULES[module].read_text().splitlines()
        nearby = "\n".join(lines[max(0, line - 5) : line])  # the comment may cover a few lines
        if DEFERRED_COMMENT not in nearby:
            unexplained.append(f"{module}:{line} imports {target}")
    assert unexplained == [], f"say why with '{DEFERRED_COMMENT} ...' on or above the line"


@pytest.mark.parametrize(
    ("what", "pattern", "the_one_place"),
    [
        (
            "taxonomy terms in a language",
            r"def (localized|localised)_terms\b|def terms_in\b",
            ["home.models.taxonomy"],
        ),
        ("the same-origin guard", r"def (is_same_origin|same_origin_post)\b", ["home.security"]),
        ("BLOCK_TEMPLATES", r"^BLOCK_TEMPLATES\s*=", ["home.blocks.base"]),
        ("a hand-written active locale", r"language_code=(translation\.)?get_language\(\)", []),
        ("a private Django JSON escape", r"_json_script_escapes", []),
        ("a hand-written query string tag", r"def query_?string\b", []),
    ],
)
def test_one_way_to_do_each_thing(what, pattern, the_one_place):
    found = sorted(
        module
        for module, path in MODULES.items()
        if re.search(pattern, path.read_text(), flags=re.MULTILINE)
    )
    assert found == the_one_place, f"{what} is written in {found}"


@pytest.mark.parametrize("app", ["home", "roadmap", "casestudies", "events"])
def test_signal_handlers_live_in_signal_handlers_py(app):
    wired = [
        module
        for module, path in MODULES.items()
        if module.split(".")[0] == app
        and re.search(r"@receiver\(|\.connect\(", path.read_text())
        and not module.endswith(".signal_handlers")
    ]
    assert wired == []
