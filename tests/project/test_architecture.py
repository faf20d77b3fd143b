"""The package's shape: layers import only downwards, no modules import each other, and
click and MkDocs stay in their adapters. docs/architecture.md draws the same layers."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "scripts" / "fonds"

# Lowest first. A module may import its own layer (never in a cycle) and the layers below.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "diagnostics", "dates", "hierarchy", "model", "terminal", "ids"}),
    frozenset({"reading"}),
    frozenset({"access"}),
    frozenset({"retention", "custody"}),
    frozenset({"checks"}),
    frozenset({"reporters", "paperwork", "reporting", "lookup", "sheets"}),
    frozenset({"changes", "importers", "site", "scaffold"}),
    frozenset({"cli", "plugin", "plugin_pages", "plugin_search", "plugin_serve", "plugin_watch"}),
)
FRAMEWORKS = {"click": {"cli"}, "mkdocs": {"cli", "plugin", "plugin_pages", "plugin_serve"}}
"""Third-party frameworks, and the only top-level names that may import them."""


def module_name(package: Path, path: Path) -> str:
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1] or ["__init__"]
    return ".".join(parts)


def imports(package: Path, path: Path) -> set[str]:
    """What ``path`` imports: modules inside the package by dotted name (no 'fonds.'),
    other top-level packages as '!name'."""
    here = module_name(package, path).split(".")
    base = here if path.name == "__init__.py" else here[:-1]
    base = [] if base == ["__init__"] else base
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                target = [*base[: len(base) - (node.level - 1)], *(node.module or "").split(".")]
            elif node.module and node.module.split(".")[0] == "fonds":
                target = node.module.split(".")[1:]
            else:
                found.add("!" + (node.module or "").split(".")[0])
                continue
            target = [part for part in target if part]
            for alias in node.names:
                inner = ".".join([*target, alias.name])
                found.add(inner if _exists(package, inner) else ".".join(target) or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                found.add(".".join(parts[1:]) or "__init__" if parts[0] == "fonds" else "!" + parts[0])
    return found


def _exists(package: Path, name: str) -> bool:
    path = package.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(name: str) -> int:
    top = name.split(".")[0]
    for index, layer in enumerate(LAYERS):
        if top in layer:
            return index
    raise AssertionError(f"'{top}' is in no layer: add it to LAYERS here and to docs/architecture.md")


def graph(package: Path) -> dict[str, set[str]]:
    return {module_name(package, p): imports(package, p) for p in sorted(package.rglob("*.py"))}


def against_the_layers(package: Path) -> list[str]:
    return sorted(
        f"{name} (layer {layer_of(name)}) imports {target} (layer {layer_of(target)})"
        for name, targets in graph(package).items()
        for target in targets
        if not target.startswith("!") and layer_of(target) > layer_of(name)
    )


def frameworks_outside_adapters(package: Path) -> list[str]:
    return sorted(
        f"{name} imports {target[1:]}"
        for name, targets in graph(package).items()
        for target in targets
        if target[1:] in FRAMEWORKS and name.split(".")[0] not in FRAMEWORKS[target[1:]]
    )


def cycles(package: Path) -> list[list[str]]:
    """Groups of modules that import each other (Tarjan's strongly connected components).
    A package's ``__init__`` importing its own modules is not counted."""
    edges = {
        name: {t for t in targets if not t.startswith("!") and t != name and not t.startswith(name + ".")}
        for name, targets in graph(package).items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_in_a_layer() -> None:
    for name in graph(PACKAGE):
        layer_of(name)


def test_layers_import_only_downwards() -> None:
    wrong = against_the_layers(PACKAGE)
    assert not wrong, "\n".join(wrong)


def test_click_and_mkdocs_stay_in_the_adapters() -> None:
    wrong = frameworks_outside_adapters(PACKAGE)
    assert not wrong, "\n".join(wrong)


def test_no_modules_import_each_other() -> None:
    assert not cycles(PACKAGE), f"modules that import each other: {cycles(PACKAGE)}"


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """A model importing the CLI, a core module importing click, and two modules importing
    each other are each reported: the tests above can fail."""
    package = tmp_path / "fonds"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "cli" / "__init__.py").write_text("")
    (package / "cli" / "base.py").write_text("from ..model import Record\n")
    (package / "model.py").write_text("import click\nfrom .cli.base import main\nfrom . import dates\n")
    (package / "dates.py").write_text("from .model import Record\n")
    assert against_the_layers(package) == ["model (layer 0) imports cli.base (layer 7)"]
    assert frameworks_outside_adapters(package) == ["model imports click"]
    assert cycles(package) == [["cli.base", "model"], ["dates", "model"]] or cycles(package) == [
        ["cli.base", "dates", "model"]
    ]


MAX_LINES = 420


def test_modules_stay_readable() -> None:
    """No module grows past ~400 lines: split it by concept (STYLE.md)."""
    long = sorted(
        f"{path.relative_to(PACKAGE)}: {lines} lines"
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    )
    assert not long, "\n".join(long)
