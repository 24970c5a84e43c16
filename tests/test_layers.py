"""The package's imports run one way (#23): read from the source with ``ast``, nothing imported.

The layers, lowest first; a module may import its own layer and any layer below it:

1. ``contract/``: what a PR/FAQ is, how a page is read and checked. Imports no MkDocs at all.
2. ``layout/``: how a page and the statuses are shown.
3. ``index/``: every proposal at once (listings, history, feed, what ``serve`` keeps).
4. beside ``plugin.py``: ``config.py`` (the plugin's options), ``site.py`` (the site's proposals
   from its files) and ``siteconfig.py`` (a site's config file read without MkDocs).
5. the front ends, which never import each other: ``commands/`` (the CLI), ``plugin.py`` (MkDocs)
   and ``extension.py`` (Zensical and plain Python-Markdown).

From MkDocs, ``layout/``, ``index/``, ``site.py`` and ``commands/`` may use the site's data
(``mkdocs.structure``: files, pages, navigation) and ``config.py`` MkDocs' config classes
(``mkdocs.config``); ``contract/``, ``siteconfig.py`` and ``extension.py`` none; the event and plugin machinery
(``mkdocs.plugins``, ``mkdocs.commands``, ``mkdocs.livereload``, ``mkdocs.exceptions``,
``mkdocs.theme``) is ``plugin.py``'s alone. A cycle counts every import but those under ``if
TYPE_CHECKING:`` (an import inside a function hides a cycle, it does not remove it), and no
module takes another's ``_private`` name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mkdocs_prfaq"
NAME = "mkdocs_prfaq"

LAYERS = {"contract": 1, "layout": 2, "index": 3, "config": 4, "site": 4, "siteconfig": 4,
          "commands": 5, "plugin": 5, "extension": 5}
FRONT_ENDS = ("commands", "plugin", "extension")
MACHINERY = ("mkdocs.plugins", "mkdocs.commands", "mkdocs.livereload", "mkdocs.exceptions", "mkdocs.theme",
             "mkdocs.__main__")
ALLOWED_MKDOCS = {
    "layout": ("mkdocs.structure",),
    "index": ("mkdocs.structure",),
    "site": ("mkdocs.structure",),
    "config": ("mkdocs.config",),
    "commands": ("mkdocs.structure", "mkdocs.utils.meta"),  # check takes a page's front matter off as MkDocs does
    "plugin": ("mkdocs",),
}
"""The MkDocs modules each top-level part may import (``contract`` and the rest: none)."""

EXCEPTIONS: dict[tuple[str, str], str] = {}
"""``(module, imported module)`` pairs allowed against the rules above, each with its reason."""
PRIVATE_EXCEPTIONS: dict[str, str] = {}
"""Private names taken across modules, each with its reason."""


@dataclass
class Module:
    name: str
    path: Path
    """Relative to the package's parent folder (``mkdocs_prfaq/plugin.py``)."""
    imports: dict[str, int] = field(default_factory=dict)
    """Imported module (of the package or MkDocs) -> the line of its first import."""
    private: list[str] = field(default_factory=list)
    """``line: name from module`` for each private name taken from another module."""


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of nodes under ``if TYPE_CHECKING:``."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out.update(id(n) for child in node.body for n in ast.walk(child))
    return out


def read_package(root: Path = PACKAGE) -> dict[str, Module]:
    modules = {_module_name(p, root): Module(_module_name(p, root), p.relative_to(root.parent))
               for p in sorted(root.rglob("*.py"))}
    for mod in modules.values():
        tree = ast.parse((root.parent / mod.path).read_text(encoding="utf-8"), str(mod.path))
        skip = _type_checking_only(tree)
        package = mod.name if mod.path.name == "__init__.py" else mod.name.rpartition(".")[0]
        bound: dict[str, str] = {}
        """Local names bound to a module of the package (``from . import scaffold``)."""
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in (NAME, "mkdocs"):
                        mod.imports.setdefault(alias.name, node.lineno)
                        if alias.asname:
                            bound[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                if source.split(".")[0] not in (NAME, "mkdocs"):
                    continue
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    target = sub if sub in modules else source
                    mod.imports.setdefault(target, node.lineno)
                    if target == sub:
                        bound[alias.asname or alias.name] = sub
                    elif alias.name.startswith("_") and not alias.name.startswith("__"):
                        mod.private.append(f"{node.lineno}: {alias.name} from {source}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                mod.private.append(f"{node.lineno}: {node.value.id}.{node.attr} of {bound[node.value.id]}")
    return modules


def _part(module: str) -> str:
    """The top-level part of the package a module is in (``contract``, ``plugin``, ...)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """The package's import cycles: its strongly connected components of more than one module
    (Tarjan's algorithm), and any module that imports itself."""
    graph = {m: [i for i in mod.imports if i in modules and i != m] for m, mod in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def layering_problems(modules: dict[str, Module]) -> list[str]:
    out = []
    for mod in modules.values():
        here = _part(mod.name)
        for target, line in mod.imports.items():
            if (mod.name, target) in EXCEPTIONS:
                continue
            where = f"{mod.path}:{line}: {mod.name} imports {target}"
            if target.split(".")[0] == "mkdocs":
                allowed = ALLOWED_MKDOCS.get(here, ())
                if not any(target == a or target.startswith(a + ".") for a in allowed):
                    out.append(f"{where} (MkDocs' {target} is not for this layer)")
                elif here != "plugin" and any(target == m or target.startswith(m + ".") for m in MACHINERY):
                    out.append(f"{where} (MkDocs' event and plugin machinery is plugin.py's)")
                continue
            there = _part(target)
            if not there or there == here:
                continue
            if here in FRONT_ENDS and there in FRONT_ENDS:
                out.append(f"{where} (a front end imports another)")
            elif LAYERS.get(there, 0) > LAYERS.get(here, 0):
                out.append(f"{where} (upward: {there} is above {here})")
    return out


@pytest.fixture(scope="module")
def package() -> dict[str, Module]:
    modules = read_package()
    assert f"{NAME}.contract.lifecycle" in modules and f"{NAME}.plugin" in modules
    return modules


def test_every_part_has_a_layer(package: dict[str, Module]) -> None:
    parts = {_part(m) for m in package} - {""}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))


def test_no_import_cycle(package: dict[str, Module]) -> None:
    assert cycles(package) == []


def test_imports_run_down(package: dict[str, Module]) -> None:
    assert layering_problems(package) == []


def test_no_private_name_crosses_modules(package: dict[str, Module]) -> None:
    taken = [f"{m.path}:{p}" for m in package.values() for p in m.private]
    taken = [t for t in taken if t not in PRIVATE_EXCEPTIONS]
    assert taken == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """The reader sees a cycle through a lazy import, an upward import, MkDocs machinery in the
    core and a private name taken, and skips what is imported for type checking only."""
    root = tmp_path / NAME
    for folder in ("contract", "layout", "commands"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "contract" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nfrom .b import B\nif TYPE_CHECKING:\n    from ..layout.v import V\n")
    (root / "contract" / "b.py").write_text("B = 1\ndef f():\n    from .a import _helper\n    return _helper\n")
    (root / "layout" / "v.py").write_text("from mkdocs.plugins import BasePlugin\nfrom ..commands import cli\n"
                                          "V = cli._main\n")
    (root / "commands" / "cli.py").write_text("def _main(): pass\n")
    modules = read_package(root)
    assert cycles(modules) == [[f"{NAME}.contract.a", f"{NAME}.contract.b"]]
    assert f"{NAME}.layout.v" not in modules[f"{NAME}.contract.a"].imports
    problems = [p.split(": ", 1)[1] for p in layering_problems(modules)]
    assert problems == [f"{NAME}.layout.v imports mkdocs.plugins (MkDocs' mkdocs.plugins is not for this layer)",
                        f"{NAME}.layout.v imports {NAME}.commands.cli (upward: commands is above layout)"]
    assert [p for m in modules.values() for p in m.private] == [
        f"3: _helper from {NAME}.contract.a", f"3: cli._main of {NAME}.commands.cli"]
