"""`mkdocs-prfaq init` on the Zensical guide's "same site under both engines": a mkdocs.yml that
lists the prfaq Markdown extension gets what Zensical needs besides it (the guide said init writes
it, but init wrote it only where a zensical.toml was), and a mkdocs.yml beside no docs/ folder
gets one, as a zensical.toml does."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..conftest import mkdocs, prfaq
from ..docs.test_docs import DOCS, blocks

LISTINGS = ["index.md", "roadmap.md", *(f"status/{s}.md" for s in (
    "draft", "in-review", "approved", "launched", "deferred", "rejected", "withdrawn", "superseded"))]


def _both_engines_yml() -> str:
    [block] = [b for b in blocks(DOCS / "zensical.md") if b.title == "mkdocs.yml"]
    assert "  - prfaq\n" in block.text.split("markdown_extensions:", 1)[1]
    return block.text


def test_init_writes_zensicals_pages_and_assets_for_a_mkdocs_yml_listing_the_extension(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(_both_engines_yml(), encoding="utf-8")
    result = prfaq(["init"], tmp_path)
    assert result.code == 0, result.text
    written = result.out.splitlines()
    for name in LISTINGS:
        assert f"wrote docs/proposals/{name}" in written, result.out
    for name in ("prfaq.css", "statuses.css", "index.js"):
        assert f"wrote docs/assets/prfaq/{name}" in written, result.out
    assert "<!-- prfaq index -->" in (tmp_path / "docs" / "proposals" / "index.md").read_text()
    assert "<!-- prfaq status approved -->" in (tmp_path / "docs" / "proposals" / "status" / "approved.md").read_text()
    notes = result.err.splitlines()
    assert notes[-1].startswith("next: mkdocs serve"), notes
    [add] = [n for n in notes if n.startswith("for Zensical, add to mkdocs.yml: ")]
    assert add == ("for Zensical, add to mkdocs.yml: extra_css: [assets/prfaq/prfaq.css, assets/prfaq/statuses.css];"
                   " extra_javascript: [assets/prfaq/index.js]")
    # what the guide shows it printing, and the lines it says to add
    shown = next(b for b in blocks(DOCS / "zensical.md") if b.lang == "text" and "for Zensical, add to" in b.text)
    printed = result.out.splitlines() + result.err.splitlines()
    for line in shown.text.splitlines():
        assert line == "..." or line in printed, (line, printed)
    [added] = [b for b in blocks(DOCS / "zensical.md") if b.title == "mkdocs.yml (added)"]
    # the lines it names, added as written, and MkDocs builds the site (its own copies, once)
    extra = "".join(f"{part.strip()}\n" for part in add.split(": ", 1)[1].split(";"))
    assert yaml.safe_load(extra) == yaml.safe_load(added.text) == {"extra_css": ["assets/prfaq/prfaq.css", "assets/prfaq/statuses.css"],
                                     "extra_javascript": ["assets/prfaq/index.js"]}
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write(extra)
    built = mkdocs(["build", "--strict"], tmp_path)
    assert built.code == 0, built.text
    index = (tmp_path / "site" / "proposals" / "index.html").read_text()
    assert len(re.findall(r'href="[^"]*assets/prfaq/prfaq\.css"', index)) == 1
    assert "example-markdown-body" in index
    again = prfaq(["init"], tmp_path)  # never over a file; the lines are there now
    assert again.code == 0 and not any(line.startswith("wrote ") for line in again.out.splitlines()), again.text
    assert "for Zensical" not in again.err, again.err


def test_init_writes_no_zensical_files_for_a_mkdocs_only_site(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - search\n", encoding="utf-8")
    result = prfaq(["init"], tmp_path)
    assert result.code == 0, result.text
    assert not (tmp_path / "docs" / "proposals" / "index.md").exists()
    assert not (tmp_path / "docs" / "assets").exists() and "Zensical" not in result.err


def test_init_makes_the_docs_folder_a_mkdocs_yml_names(tmp_path: Path) -> None:
    """A mkdocs.yml written by hand, before any page: init used to stop at "docs_dir: 'docs' is not
    an existing folder"; it makes the folder, as for a zensical.toml or a new site."""
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - search\n", encoding="utf-8")
    result = prfaq(["init"], tmp_path)
    assert result.code == 0, result.text
    assert (tmp_path / "docs" / "proposals" / "example-markdown-body.md").is_file()
    assert result.out.splitlines()[0] == "wrote docs/index.md" and (tmp_path / "docs" / "index.md").is_file()
    built = mkdocs(["build", "--strict"], tmp_path)
    assert built.code == 0 and (tmp_path / "site" / "index.html").is_file(), built.text
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "mkdocs.yml").write_text("site_name: S\ndocs_dir: pages\n", encoding="utf-8")
    refused = prfaq(["init"], elsewhere)  # a docs_dir named: not made, the error as before
    assert refused.code == 2 and "docs_dir: 'pages' is not an existing folder" in refused.err, refused.text
    assert not (elsewhere / "pages").exists() and not (elsewhere / "docs").exists()


def test_init_leaves_no_docs_folder_where_it_stops(tmp_path: Path) -> None:
    """A mkdocs.yml init will not edit (a symlink): one line, and the folder it made for the pages
    is gone again, so nothing is written."""
    (tmp_path / "real.yml").write_text("site_name: S\nplugins:\n  - search\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "mkdocs.yml").symlink_to(tmp_path / "real.yml")
    result = prfaq(["init"], site)
    assert result.code == 2 and "is a symlink" in result.err and result.err.count("\n") == 1, result.text
    assert sorted(p.name for p in site.iterdir()) == ["mkdocs.yml"]


def test_a_command_run_outside_any_site_says_how_to_make_one(tmp_path: Path) -> None:
    for command in (["check"], ["new", "PodGenie"], ["export"]):
        result = prfaq(command, tmp_path)
        assert result.code == 2 and result.err.splitlines() == [
            "mkdocs-prfaq: error: mkdocs.yml: no such config file (use -f to name your mkdocs.yml or zensical.toml; "
            "`mkdocs-prfaq init` makes a site)"], result.text
    assert list(tmp_path.iterdir()) == []


def test_init_on_a_bare_zensical_toml_says_what_to_add_in_lines_that_paste(tmp_path: Path) -> None:
    """Each note names one place in zensical.toml and what goes there, with no '#' comment that
    would swallow the rest of a pasted line; pasted as it says, Zensical's config reads them."""
    import tomllib

    (tmp_path / "zensical.toml").write_text('[project]\nsite_name = "P"\n', encoding="utf-8")
    result = prfaq(["init"], tmp_path)
    assert result.code == 0, result.text
    notes = result.err.splitlines()
    under = [n for n in notes if n.startswith("add to zensical.toml, under [project]: ")]
    table = [n for n in notes if n.startswith("add to zensical.toml, as a table of its own: ")]
    assert len(under) == 1 and len(table) == 1 and "#" not in under[0], notes
    lines = under[0].split(": ", 1)[1].split("; ")
    text = '[project]\nsite_name = "P"\n' + "".join(f"{line}\n" for line in lines) + "\n" + \
        table[0].split(": ", 1)[1] + "\n"
    config = tomllib.loads(text)["project"]
    assert config["extra_css"] == ["assets/prfaq/prfaq.css", "assets/prfaq/statuses.css"]
    assert config["extra_javascript"] == ["assets/prfaq/index.js"] and config["markdown_extensions"] == {"prfaq": {}}
    for asset in ("prfaq.css", "statuses.css", "index.js"):
        assert (tmp_path / "docs" / "assets" / "prfaq" / asset).is_file()
