"""The shape of the project: imports point one way, modules stay small, the eval sets stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("index", "assistant", "webui", "evals", "benchmarks", "training", "llmserver")
MOST_LINES = 400
# The edges that gather the sets: the command lines, and the summary's sets and figures.
GATHERERS = {
    "evals.__main__",
    "evals.calibration",
    "evals.confidence_fit",
    "evals.figures",
    "evals.realtimeqa",
    "evals.results",
    "evals.summary",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for path in sorted(
        [PROJECT / "app.py", *(p for package in PACKAGES for p in (PROJECT / package).rglob("*.py"))]
    )
}
# What each layer may import of the others: `index/` is below the assistant, the assistant below
# the web UI and the app, and nothing of the product imports the evals, benchmarks or training.
BELOW = {
    "index": set(),
    "assistant": {"index"},
    "webui": {"index", "assistant"},
    "app": {"index", "assistant", "webui"},
}


def imports(name: str) -> set[str]:
    """The project's modules that a module names in any import statement, at any depth.

    Example: 'from evals import console' -> {'evals.console'}; 'from evals.runner import judge'
    -> {'evals.runner'} (the packages on the way are initialised by Python, not named).
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            targets = [
                f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            bits = target.split(".")
            known = next(
                (".".join(bits[:i]) for i in range(len(bits), 0, -1) if ".".join(bits[:i]) in MODULES), None
            )
            if known is not None and known != name:
                found.add(known)
    return found


def circles() -> list[list[str]]:
    """Every group of modules that import one another, round and round (Tarjan's algorithm)."""
    graph = {name: imports(name) for name in MODULES}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(name: str) -> None:
        order[name] = low[name] = len(order)
        stack.append(name)
        for other in graph[name]:
            if other not in order:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], order[other])
        if low[name] == order[name]:
            group = []
            while (top := stack.pop()) != name:
                group.append(top)
            if group:
                found.append(sorted([name, *group]))

    for name in graph:
        if name not in order:
            visit(name)
    return found


def test_project__has_no_import_circles():
    assert circles() == []


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_project__imports_point_one_way(layer):
    leaks = {
        (name, target)
        for name in MODULES
        if name.split(".")[0] == layer
        for target in imports(name)
        if target.split(".")[0] not in BELOW[layer] | {layer}
    }
    assert leaks == set()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_project__every_module_stays_under_the_line_limit(name):
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MOST_LINES


def test_project__has_no_utils_module():
    assert not [name for name in MODULES if "util" in name.rsplit(".", 1)[-1]]


@pytest.mark.parametrize(("one", "other"), [("seeds", "realnews"), ("realnews", "seeds")])
def test_evals__a_set_package_never_imports_the_other(one, other):
    leaks = {
        (name, target)
        for name in MODULES
        if name.startswith(f"evals.{one}")
        for target in imports(name)
        if target.startswith(f"evals.{other}")
    }
    assert leaks == set()


def test_evals__the_core_imports_no_set_package_except_the_edges_that_gather_them():
    core = [
        name
        for name in MODULES
        if name.split(".")[0] == "evals" and not name.startswith(("evals.seeds", "evals.realnews"))
    ]
    leaks = {
        (name, target)
        for name in core
        if name not in GATHERERS and name != "evals"
        for target in imports(name)
        if target.startswith(("evals.seeds", "evals.realnews"))
    }
    assert leaks == set()
