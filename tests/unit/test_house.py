"""The rules of the house (docs/architecture.md), read from the code itself: no import cycles,
short modules, packages at the top, only public Typer and Click API, and every package
saying what it holds and what it may import."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.helpers import ROOT

PACKAGE = ROOT / "balint_cli"
MOST_LINES = 420
TOP_MODULES = {"__init__.py", "__main__.py", "errors.py", "i18n.py"}
# Typer's own internals (which it may change in any release): its vendored Click, and the
# names balint once patched.
PRIVATE_NAMES = ("build_runtime_param", "display_type_rich", "RuntimeParam", "TypeDescriptor")


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path, name: str) -> Iterator[str]:
    """Every module an import in the file names, inside functions too, as written.

    An import under `if TYPE_CHECKING:` never runs (it is for the type checker alone), so it
    cannot make a cycle: it is passed over.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package the file is in
                here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join([*here[: len(here) - node.level + 1], *filter(None, [base])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Which of the package's modules each one imports, the packages an import runs too."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target in _imports(path, name):
            while target and target not in modules:  # `from a.b import c`: c may be a name
                target = target.rpartition(".")[0]
            while target:  # importing a.b.c runs a/__init__ and a/b/__init__ first
                if target != name and target in modules:
                    graph[name].add(target)
                target = target.rpartition(".")[0]
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle, as the modules along it (one per group of modules caught in one)."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(graph):
        trail, on_trail = [(start, iter(sorted(graph[start])))], [start]
        while trail:
            node, following = trail[-1]
            step = next(following, None)
            if step is None:
                trail.pop()
                on_trail.pop()
                done.add(node)
            elif step in on_trail:
                cycle = on_trail[on_trail.index(step) :]
                if not any(set(cycle) <= set(known) for known in found):
                    found.append(cycle)
            elif step not in done:
                trail.append((step, iter(sorted(graph[step]))))
                on_trail.append(step)
    return found


MODULES = _modules()


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert _cycles(_graph()) == []


def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text('"""A package."""\n')
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def late() -> None:\n    from pkg.a import x\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from pkg import a\n")  # fmt: skip
    assert _cycles(_graph(package)) == [["pkg.a", "pkg.b"]]


@pytest.mark.parametrize("name", sorted(MODULES), ids=str)
def test_no_module_is_over_420_lines(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MOST_LINES, f"{name} has {lines} lines"


def test_the_top_of_the_package_holds_packages_and_four_modules() -> None:
    top = {path.name for path in PACKAGE.glob("*.py")}
    assert top <= TOP_MODULES, f"modules at the top: {sorted(top - TOP_MODULES)}"


@pytest.mark.parametrize("name", sorted(MODULES), ids=str)
def test_no_private_typer_or_click_name_is_used(name: str) -> None:
    source = MODULES[name].read_text(encoding="utf-8")
    for module in _imports(MODULES[name], name):
        root, *rest = module.split(".")
        if root in ("typer", "click"):
            assert not any(part.startswith("_") for part in rest), f"{name} imports {module}"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            private = node.value.id in ("typer", "click") and node.attr.startswith("_")
            assert not private, f"{name} uses {node.value.id}.{node.attr}"
    for private_name in PRIVATE_NAMES:
        assert private_name not in source, f"{name} names {private_name}"


@pytest.mark.parametrize(
    "package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")), ids=lambda p: p.name
)
def test_every_package_says_what_it_holds_and_what_it_may_import(package: Path) -> None:
    said = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert said, f"{package.relative_to(ROOT)} has no docstring"
    if package != PACKAGE:
        assert "May import" in said, f"{package.relative_to(ROOT)} does not say what it imports"
