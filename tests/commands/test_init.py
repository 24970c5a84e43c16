"""`mkdocs-prfaq init`: a working proposals site from an empty folder, or the plugin added to an
existing mkdocs.yml by inserting lines, never overwriting a file."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest
from mkdocs.config import load_config

from mkdocs_prfaq.commands.starter import InitError, add_plugin

from ..conftest import BIN, Result, Site, mkdocs
from ..conftest import prfaq as prfaq_cli
from ..engines.test_adoption import free_port, wait_for


def prfaq(cwd: Path, *args: str) -> Result:
    return prfaq_cli(list(args), cwd)


def only_insertions(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if it changed or removed any."""
    ops = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [op for op in ops if op.startswith("- ")], "\n".join(ops)
    return [op[2:] for op in ops if op.startswith("+ ")]


@pytest.mark.process
def test_init_makes_an_empty_folder_a_site_that_checks_and_builds(tmp_path: Path) -> None:
    result = prfaq(tmp_path, "init", "proposals-site")
    assert result.code == 0, result.text
    assert result.out.splitlines() == [
        "wrote proposals-site/mkdocs.yml",
        "wrote proposals-site/docs/index.md",
        "wrote proposals-site/docs/proposals/example-front-matter.md",
        "wrote proposals-site/docs/proposals/example-markdown-body.md",
    ]
    assert "next: cd proposals-site && mkdocs serve" in result.err
    root = tmp_path / "proposals-site"
    config = load_config(str(root / "mkdocs.yml"))
    assert config.theme.name == "material" and list(config.plugins) == ["material/search", "prfaq"]
    body = (root / "docs" / "proposals" / "example-markdown-body.md").read_text()
    assert "\n## Press release\n" in body and "\n## External FAQ\n" in body and "faq:" not in body
    front = (root / "docs" / "proposals" / "example-front-matter.md").read_text()
    assert "\nfaq:\n" in front and "## Press release" not in front
    check = prfaq(root, "check")
    assert check.code == 0 and "2 PR/FAQs checked, no problems" in check.err, check.text
    build = mkdocs(["build", "--strict"], root)
    assert build.code == 0, build.text
    site = root / "site"
    export = json.loads((site / "proposals" / "proposals.json").read_text())
    assert {p["id"]: p["status"] for p in export["proposals"]} == {
        "example-front-matter": "in-review", "example-markdown-body": "draft"}
    # both forms render the same layout: dateline, quotes, both FAQs with anchored questions
    for name in ("example-front-matter", "example-markdown-body"):
        html = (site / "proposals" / name / "index.html").read_text()
        for part in ("prfaq-dateline", "prfaq-quote--leader", "prfaq-quote--customer", 'id="external-faq"',
                     'id="internal-faq"'):
            assert part in html, (name, part)
    home = (site / "index.html").read_text()
    assert 'href="proposals/"' in home and 'href="proposals/roadmap/"' in home
    # and mkdocs serve serves it
    port = free_port()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def index() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/proposals/", timeout=5) as r:
                return str(r.read().decode())
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Receipt Snap files an expense report" in index())
    finally:
        server.terminate()
        server.wait(timeout=30)

    # again: nothing is overwritten, and it says so
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "site" not in p.parts}
    again = prfaq(root, "init")
    assert again.code == 0, again.text
    assert "already enables prfaq" in again.err and "already has pages; no examples added" in again.err
    assert {p: p.read_bytes() for p in before} == before


EXISTING = [
    ("no plugins",
     "# Our docs\nsite_name: Handbook  # the title\ntheme:\n  name: material\n",
     ["plugins:", "  - search", "  - prfaq"]),
    ("a block list with options and comments",
     "site_name: Handbook\nplugins:\n  # the search box\n  - search:\n      lang: en\n  # end of plugins\n\nnav:\n  - index.md\n",
     ["  - prfaq"]),
    ("a zero-indented list",
     "site_name: Handbook\nplugins:\n- search\nmarkdown_extensions:\n- toc\n",
     ["- prfaq"]),
    ("a flow list", "site_name: Handbook\nplugins: [search]  # keep it short\n", None),
    ("an empty flow list", "site_name: Handbook\nplugins: []\n", None),
    ("a mapping", "site_name: Handbook\nplugins:\n    search: {}\n", ["    prfaq: {}"]),
    ("no value (MkDocs' default, search)", "site_name: Handbook\nplugins:\n", ["  - search", "  - prfaq"]),
    ("no final newline", "site_name: Handbook\nplugins:\n  - search", ["  - prfaq"]),
]


@pytest.mark.parametrize(("shape", "text", "added"), EXISTING, ids=[e[0] for e in EXISTING])
def test_add_plugin_inserts_lines_and_changes_nothing_else(tmp_path: Path, shape: str, text: str,
                                                           added: list[str] | None) -> None:
    edited, _ = add_plugin(text)
    if added is not None:
        assert only_insertions(text, edited) == added
    else:  # a flow list gains one item on its line
        assert edited.splitlines()[0] == text.splitlines()[0] and len(edited.splitlines()) == 2
        assert edited.splitlines()[1].startswith(("plugins: [search, prfaq]", "plugins: [prfaq]"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text(edited)
    plugins = list(load_config(str(tmp_path / "mkdocs.yml")).plugins)
    assert "prfaq" in plugins
    searching = any(p.endswith("search") for p in plugins)
    assert searching == (shape != "an empty flow list"), "search stays exactly where it was on"


def test_add_plugin_keeps_windows_line_endings() -> None:
    text = "site_name: Handbook\r\nplugins:\r\n  - search\r\n"
    edited, _ = add_plugin(text)
    assert edited == text + "  - prfaq\r\n"


@pytest.mark.parametrize("text", ["plugins: !ENV [PLUGINS]\n", "plugins: [search,\n  tags]\n",
                                  "plugins:\n  - search\nplugins:\n  - tags\n"])
def test_add_plugin_refuses_shapes_it_cannot_extend(text: str) -> None:
    with pytest.raises(InitError):
        add_plugin(text)


def test_init_adds_the_plugin_and_examples_to_an_existing_site(tmp_path: Path) -> None:
    original = ("# The handbook\nsite_name: Handbook\n\ndocs_dir: pages  # not docs/\ntheme:\n  name: mkdocs\n"
                "nav:\n  - Home: index.md\n")
    (tmp_path / "mkdocs.yml").write_text(original)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text("# Handbook\n")
    result = prfaq(tmp_path, "init")
    assert result.code == 0, result.text
    assert result.out.splitlines() == [
        "added plugins: search and prfaq in mkdocs.yml",
        "wrote pages/proposals/example-front-matter.md",
        "wrote pages/proposals/example-markdown-body.md",
    ]
    assert "explicit nav: add '- proposals/index.md'" in result.err
    assert only_insertions(original, (tmp_path / "mkdocs.yml").read_text()) == ["plugins:", "  - search", "  - prfaq"]
    assert (tmp_path / "pages" / "index.md").read_text() == "# Handbook\n"
    assert not list(tmp_path.glob(".mkdocs.yml*")), "no temporary file left behind"
    build = mkdocs(["build", "--strict"], tmp_path)
    assert build.code == 0, build.text
    assert (tmp_path / "site" / "proposals" / "example-front-matter" / "index.html").is_file()


def test_init_keeps_what_exists_and_refuses_what_it_cannot_do_safely(tmp_path: Path) -> None:
    # a file where the folder should be
    (tmp_path / "file").write_text("x")
    refused = prfaq(tmp_path, "init", "file")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "not a folder" in refused.err
    # an example already there is kept, the other written
    site = tmp_path / "site"
    (site / "docs" / "proposals").mkdir(parents=True)
    (site / "docs" / "README.md").write_text("# Readme\n")
    mine = site / "docs" / "proposals" / "example-front-matter.md"
    mine.write_text("---\ntitle: Mine\nstatus: draft\nowner: Me\ncreated: 2026-01-01\nid: mine\n---\n")
    # (a page in the folder means no examples at all)
    result = prfaq(site, "init")
    assert result.code == 0, result.text
    assert "already has pages; no examples added" in result.err
    assert not (site / "docs" / "index.md").exists(), "README.md is the home page already"
    assert "kept docs/index.md (exists)" in result.out
    assert mine.read_text().startswith("---\ntitle: Mine")
    # a mkdocs.yml that is a symlink is never edited through
    linked = tmp_path / "linked"
    (linked / "docs").mkdir(parents=True)
    (linked / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "real.yml").write_text("site_name: Real\n")
    os.symlink(tmp_path / "real.yml", linked / "mkdocs.yml")
    refused = prfaq(linked, "init")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "is a symlink; not editing it" in refused.err
    assert (tmp_path / "real.yml").read_text() == "site_name: Real\n"
    # a proposals folder that is a symlink is not written through
    other = tmp_path / "other"
    (other / "docs").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", other / "docs" / "proposals")
    refused = prfaq(other, "init")
    assert refused.code == 2 and "is a symlink" in refused.err and not list((tmp_path / "elsewhere").iterdir())
    # a mkdocs.yml MkDocs cannot read: one line, nothing written
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "mkdocs.yml").write_text("site_name: [unclosed\n")
    refused = prfaq(broken, "init")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "Traceback" not in refused.err
    assert sorted(p.name for p in broken.iterdir()) == ["mkdocs.yml"]


def test_new_scaffolds_the_fields_a_site_schema_requires(site: Site) -> None:
    import yaml

    from mkdocs_prfaq.contract.schema import BUNDLED_ID

    schema = {
        "allOf": [{"$ref": BUNDLED_ID},
                  {"if": {"properties": {"status": {"const": "in-review"}}}, "then": {"required": ["budget"]}}],
        "required": ["team", "cost centre"],
        "properties": {
            "team": {"description": "The owning\nteam.\u2028", "enum": ["growth", "platform", "payments"]},
            "cost centre": {"type": "string"},
            "budget": {"type": "integer", "description": "In euros."},
        },
    }
    (site.root / "ours.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site.config("schema: ours.schema.json")
    made = site.check("new", "Hello world", "--owner", "Ana")
    assert made.code == 0 and "fill in the empty fields" in made.err, made.text
    page = site.docs / "proposals" / "hello-world.md"
    text = page.read_text()
    assert 'team: ""  # TODO: The owning team. (one of: growth, platform, payments)\n' in text
    assert '"cost centre": ""  # TODO: your site\'s schema requires it\n' in text
    assert "budget" not in text, "required from in-review on only"
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["team"] == "" and front["cost centre"] == "" and front["title"] == "Hello world"
    failing = site.check("check")
    assert failing.code == 1 and "hello-world.md:" in failing.out and "team" in failing.out, failing.text
    page.write_text(text.replace('team: ""', "team: growth").replace('"cost centre": ""', '"cost centre": CC-1'))
    passing = site.check("check")
    assert passing.code == 0, passing.text
    review = site.check("new", "Review me", "--owner", "Ben", "--status", "in-review")
    assert review.code == 0, review.text
    text = (site.docs / "proposals" / "review-me.md").read_text()
    assert "budget: null  # TODO: In euros.\n" in text and 'team: ""' in text


def test_init_adds_no_examples_to_a_site_with_its_own_schema(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "ours.schema.json").write_text('{"required": ["team"]}')
    config = "site_name: S\nplugins:\n  - prfaq:\n      schema: ours.schema.json\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    result = prfaq(tmp_path, "init")
    assert result.code == 0, result.text
    assert result.out == "" and "sets the plugin's 'schema'" in result.err and "already enables prfaq" in result.err
    assert (tmp_path / "mkdocs.yml").read_text() == config and not (tmp_path / "docs" / "proposals").exists()


def test_init_adds_the_plugin_where_the_site_lists_a_plugin_not_installed_here(tmp_path: Path) -> None:
    """As `check` and `new` do, init reads mkdocs.yml without importing the plugins it names (the
    CI machine has awesome-pages; this one does not)."""
    from mkdocs_prfaq.commands.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nplugins:\n  - search\n  - awesome-pages\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    assert config.read_text(encoding="utf-8") == "site_name: X\nplugins:\n  - search\n  - awesome-pages\n  - prfaq\n"
    assert (tmp_path / "docs" / "proposals" / "example-front-matter.md").is_file()
