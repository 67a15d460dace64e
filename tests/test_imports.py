"""The import graph of ``wasteopt``: no circles between modules, no imports inside functions.

Read from the source with :mod:`ast`, not by importing: every ``import`` and ``from ... import`` of a
``wasteopt`` module counts, at module level and inside functions alike (a function-level import still
ties the two modules together; it only hides the circle until the function runs). Relative imports
are resolved, and ``from pkg import name`` points at ``pkg.name`` when that is a module, else at
``pkg``. Imports under ``if TYPE_CHECKING:`` are left out: they never run.

Importing ``wasteopt.a.b`` runs ``wasteopt/a/__init__.py`` first, so it also counts as an import of
``wasteopt.a`` — when that ``__init__`` imports some ``wasteopt`` module (otherwise it cannot be on a
circle) and ``wasteopt.a`` is not a package of the importer itself (those are loaded before it).

See issue 12 item 2.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "wasteopt"
PACKAGE = "wasteopt"

OPTIONAL = {"matplotlib", "distributed", "dask", "playwright", "vrplib"}
"""Optional third-party dependencies (extras in pyproject.toml): these may be imported inside the
function that needs them, so that the rest of wasteopt works without them installed."""

LAZY_MODULES: dict[str, str] = {}
"""Modules whose function-level imports are tolerated, and why (none today)."""


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    line: int
    target: str  # the imported module (a wasteopt module, or the top-level name of another package)
    in_function: bool
    type_checking: bool


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by the name of its ``__init__``)."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, in_function: bool = False, type_checking: bool = False) -> Iterator[tuple[ast.AST, bool, bool]]:
    """Every import statement under ``node`` with whether it is in a function and under TYPE_CHECKING."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function, type_checking
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), in_function, True)
            for statement in child.orelse:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), in_function, type_checking)
        else:
            function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from _walk(child, in_function or function, type_checking)


def _base(module: str, level: int, name: str | None) -> str:
    """The absolute module a (possibly relative) ``from`` names."""
    if level == 0:
        return name or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{name}" if name else package


def _imports(module: str) -> list[Import]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"), filename=str(MODULES[module]))
    found = []
    for node, in_function, type_checking in _walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            assert isinstance(node, ast.ImportFrom)
            base = _base(module, node.level, node.module)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        for target in dict.fromkeys(targets):
            if target.split(".")[0] == PACKAGE:
                assert target in MODULES, f"{MODULES[module]}:{node.lineno}: no module {target}"
            else:
                target = target.split(".")[0]
            found.append(Import(module, node.lineno, target, in_function, type_checking))
    return found


IMPORTS = {module: _imports(module) for module in MODULES}


def _graph() -> dict[str, dict[str, int]]:
    """Module → imported wasteopt module → line of the (first) import; implied package imports included."""
    imports_something = {m for m, found in IMPORTS.items() if any(i.target in MODULES for i in found)}
    graph: dict[str, dict[str, int]] = {m: {} for m in MODULES}
    for module, found in IMPORTS.items():
        own_packages = {".".join(module.split(".")[:k]) for k in range(1, module.count(".") + 2)}  # itself too
        for imp in found:
            if imp.target not in MODULES or imp.type_checking:
                continue
            graph[module].setdefault(imp.target, imp.line)
            parts = imp.target.split(".")
            for k in range(1, len(parts)):
                package = ".".join(parts[:k])
                if package in imports_something and package not in own_packages:
                    graph[module].setdefault(package, imp.line)
    return graph


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One shortest circle through each strongly connected group of modules (Tarjan, then BFS)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph[v]:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)

    cycles = []
    for group in sorted(groups):
        members = set(group)
        start = group[0]
        parent: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in parent:
            following = []
            for v in frontier:
                for w in sorted(graph[v]):
                    if w in members and w not in parent:
                        parent[w] = v
                        following.append(w)
            frontier = following
        path = [start]
        while parent[path[-1]] != start:
            path.append(parent[path[-1]])
        cycles.append([start, *reversed(path[1:]), start])
    return cycles


def _show(cycle: list[str], graph: dict[str, dict[str, int]]) -> str:
    steps = [f"{a} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:])]
    return " → ".join([*steps, cycle[-1]])


def test_no_import_cycles() -> None:
    graph = _graph()
    cycles = _cycles(graph)
    assert not cycles, "import circles between wasteopt modules:\n" + "\n".join(_show(c, graph) for c in cycles)


def _folder(module: str) -> str:
    """The top-level part of wasteopt a module belongs to: ``wasteopt.solve.engine`` → ``wasteopt.solve``."""
    return ".".join(module.split(".")[:2])


def test_no_import_cycles_between_folders() -> None:
    """Data flows one way between the parts of wasteopt too (e.g. scenario → network, never back)."""
    graph: dict[str, dict[str, int]] = {}
    lines: dict[tuple[str, str], str] = {}
    for module, targets in _graph().items():
        graph.setdefault(_folder(module), {})
        for target, line in targets.items():
            a, b = _folder(module), _folder(target)
            if a != b:
                graph[a].setdefault(b, line)
                lines.setdefault((a, b), f"{MODULES[module].relative_to(ROOT.parent)}:{line} imports {target}")
    cycles = _cycles(graph)
    assert not cycles, "import circles between parts of wasteopt:\n" + "\n".join(
        " → ".join(c) + "\n    " + "\n    ".join(lines[a, b] for a, b in zip(c, c[1:])) for c in cycles
    )


def test_no_imports_inside_functions() -> None:
    offending = [
        f"{MODULES[i.module].relative_to(ROOT.parent)}:{i.line}: imports {i.target}"
        for found in IMPORTS.values()
        for i in found
        if i.in_function and not i.type_checking and i.target not in OPTIONAL and i.module not in LAZY_MODULES
    ]
    assert not offending, "imports inside functions (move them to the top; fix the circle they dodge):\n" + "\n".join(offending)


def test_the_walk_finds_what_it_should() -> None:
    """The graph is not empty by mistake: known edges are there, relative imports resolve."""
    graph = _graph()
    assert "wasteopt.scenario.models" in graph["wasteopt.network.travel"]
    assert "wasteopt.scenario.errors" in graph["wasteopt.scenario.loader"]
    assert _cycles({"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"a": 1}}) == [["a", "a"]]
