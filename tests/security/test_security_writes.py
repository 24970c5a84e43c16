"""`new`, `init` and `import` write only inside the site's folder (where its mkdocs.yml is), and
`init` edits mkdocs.yml only when the edit adds the plugin entry and changes nothing else.

A ``docs_dir`` of ``../x`` or an absolute path elsewhere, or a symlink on the way from the site's
folder (``docs/``, a folder above it, the proposals folder) would have them write outside the
site; each is refused with one line, before anything is written (:func:`.writes.site_folder`).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mkdocs_prfaq.commands.cli import main

from ..conftest import Result

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@contextlib.contextmanager
def inside(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def prfaq(root: Path, *argv: str) -> Result:
    """The CLI, in-process, in ``root``."""
    out, err = io.StringIO(), io.StringIO()
    with inside(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Result(code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and symlink (its target) under ``folder``, symlinks not followed."""
    found: dict[str, bytes | str] = {}
    for base, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found


def config(root: Path, docs_dir: str | None, *, plugin: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    lines = ["site_name: Test", *([f"docs_dir: '{docs_dir}'"] if docs_dir is not None else []),
             "plugins:", "  - search", *(["  - prfaq"] if plugin else [])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_command(command: str, root: Path, tmp_path: Path) -> Result:
    if command == "new":
        return prfaq(root, "new", "Rocket Skates", "--owner", "Ana")
    if command == "import":
        original = tmp_path / "orig"
        original.mkdir(exist_ok=True)
        (original / "img.png").write_bytes(PNG)
        (original / "skates.md").write_text("# Rocket Skates\n\n## Press release\n\nHello.\n\n![I](img.png)\n",
                                            encoding="utf-8")
        return prfaq(root, "import", str(original / "skates.md"))
    return prfaq(root.parent, "init", root.name)


COMMANDS = ["new", "import", "init"]


def one_refusal(result: Result, *words: str) -> None:
    assert result.code == 2, result.text
    assert result.out == "" and result.err.count("\n") == 1, result.text
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.text


# -- docs_dir outside the site -------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["relative", "absolute"])
def test_a_docs_dir_outside_the_site_is_refused(tmp_path: Path, command: str, how: str) -> None:
    root = tmp_path / "site"
    outside = tmp_path / "x"
    (outside / "proposals").mkdir(parents=True)
    (outside / "index.md").write_text("# Home\n", encoding="utf-8")
    config(root, "../x" if how == "relative" else str(outside), plugin=command != "init")
    before, elsewhere = snapshot(root), snapshot(outside)
    result = run_command(command, root, tmp_path)
    one_refusal(result, "is outside the site's folder", "not writing there")
    assert snapshot(root) == before and snapshot(outside) == elsewhere  # mkdocs.yml too, for init


@pytest.mark.parametrize("command", ["new", "import"])
def test_an_absolute_docs_dir_inside_the_site_is_used(tmp_path: Path, command: str) -> None:
    root = tmp_path / "site"
    (root / "content" / "proposals").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    config(root, str(root / "content"))
    result = run_command(command, root, tmp_path)
    assert result.code == 0, result.text
    assert (root / "content" / "proposals" / "rocket-skates.md").is_file()


# -- a symlink on the way ------------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("link", ["docs", "content"])
def test_a_symlinked_docs_folder_or_a_folder_above_it_is_refused(tmp_path: Path, command: str, link: str) -> None:
    root = tmp_path / "site"
    outside = tmp_path / "elsewhere"
    docs = outside / "docs" if link == "content" else outside
    (docs / "proposals").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    root.mkdir()
    if link == "docs":
        (root / "docs").symlink_to(outside, target_is_directory=True)
        docs_dir = None
    else:  # docs_dir: content/docs, where content is a symlink
        (root / "content").symlink_to(outside, target_is_directory=True)
        docs_dir = "content/docs"
    if not (command == "init" and link == "docs"):  # init in a folder without mkdocs.yml: a new site
        config(root, docs_dir, plugin=command != "init")
    before, elsewhere = snapshot(root), snapshot(outside)
    result = run_command(command, root, tmp_path)
    one_refusal(result, f"{link} is a symlink; not writing through it (make it a real folder)")
    assert snapshot(root) == before and snapshot(outside) == elsewhere


def test_init_of_a_new_site_whose_docs_is_a_symlink_writes_nothing(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "index.md").write_text("# Theirs\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "docs").symlink_to(outside, target_is_directory=True)
    result = prfaq(tmp_path, "init", "site")
    one_refusal(result, "site/docs is a symlink")
    assert not (tmp_path / "site" / "mkdocs.yml").exists()  # refused before the first write
    assert snapshot(outside) == {"index.md": b"# Theirs\n"}


@pytest.mark.parametrize("command", ["new", "import"])
def test_the_existing_check_of_a_symlinked_proposals_folder_still_holds(tmp_path: Path, command: str) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (root / "docs" / "proposals").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    config(root, None)
    result = run_command(command, root, tmp_path)
    one_refusal(result, "docs/proposals is a symlink; not writing through it (make it a real folder, "
                "or choose another --dir)")
    assert snapshot(tmp_path / "elsewhere") == {}


# -- init edits mkdocs.yml only to add the plugin --------------------------------------------------

def init_site(tmp_path: Path, text: str, **others: str) -> Path:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name, content in others.items():
        (root / name.replace("_", ".")).write_text(content, encoding="utf-8")
    return root


def read(root: Path) -> dict[str, object]:
    from mkdocs_prfaq.siteconfig import read_yaml_config

    return read_yaml_config(str(root / "mkdocs.yml"), keep_tags=True)


REFUSED = [
    ("a key spelled with an escape (a second plugins key)",
     'site_name: T\n"plug\\x69ns":\n  - search:\n      lang: fr\n', {}),
    ("plugins from INHERIT, with options",
     "INHERIT: base.yml\nsite_name: T\n", {"base_yml": "plugins:\n  - search:\n      lang: fr\n"}),
    ("plugins from INHERIT, another plugin",
     "INHERIT: base.yml\nsite_name: T\n", {"base_yml": "plugins:\n  - search\n  - material/offline\n"}),
    ("an alias of the plugins list",
     "site_name: T\nplugins: &p\n  - search\nextra:\n  used: *p\n", {}),
]


@pytest.mark.parametrize(("shape", "text", "others"), REFUSED, ids=[r[0] for r in REFUSED])
def test_init_refuses_an_edit_that_would_change_more_than_the_plugin_entry(
        tmp_path: Path, shape: str, text: str, others: dict[str, str]) -> None:
    root = init_site(tmp_path, text, **others)
    before = snapshot(root)
    result = prfaq(tmp_path, "init", "site")
    one_refusal(result, "site/mkdocs.yml: ", "add '- prfaq' under plugins: yourself")
    assert snapshot(root) == before  # no example pages either


KEPT = [
    ("a double-quoted plugins key with options",
     'site_name: T\n"plugins":\n  - search:\n      lang: fr\n', [("search", {"lang": "fr"}), "prfaq"]),
    ("a single-quoted plugins key", "site_name: T\n'plugins': [search]\n", ["search", "prfaq"]),
    ("a flow list whose comment holds ]", "site_name: T\nplugins: [search]  # see [the docs] and ]\n",
     ["search", "prfaq"]),
    ("INHERIT whose plugins are MkDocs' default", "INHERIT: base.yml\nsite_name: T\n", ["search", "prfaq"]),
    ("anchors and aliases elsewhere",
     "site_name: T\nx-lang: &lang fr\nplugins:\n  - search:\n      lang: *lang\nextra:\n  lang: *lang\n",
     [("search", {"lang": "fr"}), "prfaq"]),
    ("!ENV tags", "site_name: !ENV [PRFAQ_TEST_UNSET_NAME, T]\nplugins:\n  - search:\n      "
     "lang: !ENV [PRFAQ_TEST_UNSET_LANG, fr]\n", None),
    ("!!python/name tags", "site_name: T\nplugins:\n  - search\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
     "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
     "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n", ["search", "prfaq"]),
]


@pytest.mark.parametrize(("shape", "text", "plugins"), KEPT, ids=[k[0] for k in KEPT])
def test_init_adds_the_plugin_and_keeps_every_other_setting_and_comment(
        tmp_path: Path, shape: str, text: str, plugins: list[object] | None) -> None:
    root = init_site(tmp_path, text, base_yml="site_name: Base\n")
    before = read(root)
    result = prfaq(tmp_path, "init", "site")
    assert result.code == 0, result.text
    edited = (root / "mkdocs.yml").read_text(encoding="utf-8")
    after = read(root)
    assert {k: v for k, v in after.items() if k != "plugins"} == {k: v for k, v in before.items() if k != "plugins"}
    kept = [line for line in text.splitlines() if "plugins" not in line]
    assert all(line in edited.splitlines() for line in kept), edited  # every other line, comments too
    if "#" in text:
        assert "# see [the docs] and ]" in edited
    if plugins is not None:
        assert after["plugins"] == [p if isinstance(p, str) else dict([p]) for p in plugins]
    else:
        assert str(after["plugins"]).count("prfaq") == 1


def test_init_refuses_an_edit_that_cuts_text_even_when_the_settings_read_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text check behind the edit: a comment cut (the data would not show it) is refused."""
    from mkdocs_prfaq.commands import starter

    root = init_site(tmp_path, "site_name: T\nplugins: [search]  # see [the docs]\n")
    before = snapshot(root)
    monkeypatch.setattr(starter, "add_plugin", lambda text: (text.replace("]  # see [the docs]", ", prfaq]"),
                                                             "prfaq to plugins"))
    result = prfaq(tmp_path, "init", "site")
    one_refusal(result, "site/mkdocs.yml: adding the plugin would change its text, not only add to it")
    assert snapshot(root) == before


def test_init_refuses_a_symlinked_proposals_folder_before_editing_mkdocs_yml(tmp_path: Path) -> None:
    root = init_site(tmp_path, "site_name: T\nplugins:\n  - search\n")
    (tmp_path / "elsewhere").mkdir()
    (root / "docs" / "proposals").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    before = snapshot(root)
    result = prfaq(tmp_path, "init", "site")
    one_refusal(result, "site/docs/proposals is a symlink; not writing through it")
    assert snapshot(root) == before and snapshot(tmp_path / "elsewhere") == {}
