"""A ``dir`` that names no folder under docs_dir (a typo: ``proposal``) checks nothing and would
publish the real folder's pages as plain Markdown: one warning naming the option, with a did-you-
mean, in the build (failing ``--strict``), in ``check`` (failing ``check --strict``) and for
Zensical (read_site_config's notes). The default folder may be missing (a site with no PR/FAQ yet)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.config import missing_dir, normalise_dir
from mkdocs_prfaq.siteconfig import read_site_config

from ..conftest import Site

LINE = "'proposal' is no folder under docs_dir, so no page is read as a PR/FAQ (expected the folder that holds " \
       "the PR/FAQs; did you mean 'proposals'?)"


def test_a_dir_naming_no_folder_warns_in_the_build_and_check(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.config("dir: proposal")
    built = site.build("--strict")
    assert built.code == 1 and f"WARNING -  prfaq: option 'dir': {LINE}" in built.err, built.text
    assert "Traceback" not in built.text
    assert site.build().code == 0  # a warning, not an error: the site builds without --strict
    checked = site.check("check")
    assert checked.code == 0 and f"warning: mkdocs.yml: plugin 'prfaq' option 'dir': {LINE}" in checked.err
    assert "0 PR/FAQs checked, no problems; 1 warning" in checked.err
    strict = site.check("check", "--strict")
    assert strict.code == 1 and "(--strict: failing on them, as mkdocs build --strict does)" in strict.err


def test_the_default_folder_and_an_existing_one_are_quiet(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.config("dir: proposals")
    assert "option 'dir'" not in site.build("--strict").text
    shutil.rmtree(site.docs / "proposals")
    site.config()
    built = site.build("--strict")
    assert built.code == 0 and "option 'dir'" not in built.text
    assert "option 'dir'" not in site.check("check").text


def test_zensical_reads_the_same_warning(site: Site) -> None:
    site.proposal("a.md", "draft")
    (site.root / "zensical.toml").write_text('[project]\nsite_name = "T"\n\n[project.plugins.prfaq]\ndir = "proposal"\n',
                                            encoding="utf-8")
    notes = read_site_config(str(site.root / "zensical.toml")).reading_notes()
    dirs = [n for n in notes if "option 'dir'" in n]
    assert len(dirs) == 1 and dirs[0].endswith(f"zensical.toml: plugin 'prfaq' option 'dir': {LINE}"), notes


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_any_missing_name_gives_one_printable_line(name: str) -> None:
    try:
        directory = normalise_dir(name)
    except ValueError:
        return
    with tempfile.TemporaryDirectory() as docs:
        (Path(docs) / "proposals").mkdir()
        line = missing_dir(docs, directory)
        if directory == "proposals":
            assert line is None
        else:
            assert line is not None and "\n" not in line and line.isprintable(), line
