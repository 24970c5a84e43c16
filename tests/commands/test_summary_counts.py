"""The summary line counts what has the problems: a listing marker's problem is one of a listing
page, not of a PR/FAQ (``2 problems in 1 PR/FAQ and 1 listing page``), and a file that is no page
(``x.svg``, ``a\\b.png``) is a file; the same under ``mkdocs build``, Zensical and ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_prfaq.contract.problems import Problem, summary

from ..conftest import Site
from ..engines.test_zensical import ZENSICAL, valid, zensical, zensical_site

BAD = "---\ntitle: Bad\nstatus: in-review\nowner: Ana\ncreated: 2026-01-05\n---\n\nHello\n"


def summary_line(text: str) -> str:
    lines = [line for line in text.splitlines() if " problem" in line and " in " in line and ":" not in line[:3]]
    assert lines, text
    return lines[-1].split("prfaq: ")[-1]


@pytest.mark.parametrize(("marker", "count"), [("<!-- prfaq status nonsense -->", "1 problem in 1 listing page"),
                                               ("<!-- prfaq status: nonsense -->", "1 problem in 1 listing page"),
                                               ("<!-- prfaq statuses approved -->", "1 problem in 1 listing page")])
def test_a_listing_marker_problem_is_counted_as_a_listing_page(site: Site, marker: str, count: str) -> None:
    site.proposal("ok.md", "draft", 1)
    site.page("ours.md", f"# Ours\n\n{marker}\n")
    build = site.build()
    assert build.code == 1, build.text
    assert f"ERROR   -  prfaq: {count}" in build.err, build.text
    check = site.check("check")
    assert check.code == 1 and check.err.splitlines()[-1] == count, check.text
    if "status nonsense" not in marker:  # no marker at all: said so at its line
        assert check.out == (f"docs/proposals/ours.md:3: page: {marker!r} is not a listing marker, so the page lists "
                             "nothing (expected '<!-- prfaq index -->', '<!-- prfaq status NAME -->' or "
                             "'<!-- prfaq roadmap -->', alone on its line)\n"), check.text
    assert [line for line in check.out.splitlines() if line] == [
        line.split("ERROR   -  ", 1)[1] for line in build.err.splitlines()
        if line.startswith("ERROR   -  docs/")], (check.text, build.text)


def test_a_listing_page_and_a_pr_faq_are_counted_each_as_what_it_is(site: Site) -> None:
    site.page("bad.md", BAD)
    site.page("ours.md", "# Ours\n\n<!-- prfaq status aproved -->\n")
    build = site.build()
    line = summary_line(build.err)
    assert line.endswith(" in 1 PR/FAQ and 1 listing page"), build.text
    check = site.check("check")
    assert check.err.splitlines()[-1] == line, check.text


def test_a_file_that_is_no_page_is_counted_as_a_file(site: Site) -> None:
    site.page("bad.md", BAD)
    (site.docs / "proposals" / "chart.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    build = site.build()
    line = summary_line(build.err)
    assert line.endswith(" in 1 PR/FAQ and 1 file"), build.text
    assert site.check("check").err.splitlines()[-1] == line


def test_summary_wording() -> None:
    one = Problem("docs/proposals/a.md", 1, "x", "y")
    listing = Problem("docs/proposals/l.md", 3, "status", "y")
    assert summary([one]) == "1 problem in 1 PR/FAQ"
    assert summary([one, one, listing], {"docs/proposals/l.md": "listing page"}) == \
        "3 problems in 1 PR/FAQ and 1 listing page"
    assert summary([listing], {"docs/proposals/l.md": "listing page"}) == "1 problem in 1 listing page"
    three = [one, listing, Problem("docs/proposals/x.svg", 1, "file", "y")]
    assert summary(three, {"docs/proposals/l.md": "listing page", "docs/proposals/x.svg": "file"}) == \
        "3 problems in 1 PR/FAQ, 1 file and 1 listing page"


@pytest.mark.skipif(not ZENSICAL.exists(), reason="zensical is not installed")
def test_zensical_counts_them_alike(tmp_path: Path) -> None:
    root = zensical_site(tmp_path, {"proposals/ok.md": valid("ok", "draft", 1), "proposals/bad.md": BAD,
                                    "proposals/ours.md": "# Ours\n\n<!-- prfaq status: nonsense -->\n"})
    result = zensical(root)
    assert result.code == 1, result.text
    assert summary_line(result.err).endswith(" in 1 PR/FAQ and 1 listing page"), result.text


# -- 4. a backslash in a file name outside the proposals folder ---------------------------------

WHY = ("file: the file name holds a backslash: Zensical then builds no page of the site, and Windows cannot check "
       "the file out (expected a name without '\\': rename the file or its folder)")


def backslash_line(path: str) -> str:
    from mkdocs_prfaq.contract.problems import shown_path

    return f"{shown_path(path)}:1: {WHY}"


@pytest.mark.parametrize("path", ["proposals\\x.md", "proposals\\2026\\x.md", "proposals\\2026/x.md"])
def test_a_page_that_would_be_a_pr_faq_as_windows_reads_its_name_gets_the_folders_line(site: Site, path: str) -> None:
    site.proposal("a.md", "draft")
    target = site.docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(valid("x", "draft", 1), encoding="utf-8")
    check = site.check("check")
    assert check.code == 1, check.text
    assert check.out.splitlines() == [backslash_line("docs/" + path)], check.text
    assert check.err.splitlines()[-1] == "1 problem in 1 file", check.text
    build = site.build()
    assert build.code == 1 and f"ERROR   -  {backslash_line('docs/' + path)}" in build.err, build.text
    assert "ERROR   -  prfaq: 1 problem in 1 file" in build.err, build.text


def test_other_files_with_a_backslash_outside_the_folder_are_left_alone(site: Site) -> None:
    site.proposal("a.md", "draft")
    looks_like_one = valid("n", "draft", 2, title="Looks like a PR/FAQ")
    for path, text in {"notes\\a.md": looks_like_one, "notes/b\\c.md": looks_like_one,
                       "proposals-old\\d.md": looks_like_one, "all\\proposals.md": "# All\n\n<!-- prfaq index -->\n",
                       "proposals\\index.md": "# Index\n"}.items():
        (site.docs / path).parent.mkdir(parents=True, exist_ok=True)
        (site.docs / path).write_text(text, encoding="utf-8")
    (site.docs / "proposals\\x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    check = site.check("check")
    assert check.code == 0 and "backslash" not in check.text, check.text
    build = site.build("--strict")
    assert build.code == 0 and "backslash" not in build.text, build.text
    note = site.html("notes\\a/index.html")
    assert "Looks like a PR/FAQ" in note and "prfaq-statusline" not in note  # a page of the site, as MkDocs makes it
    assert 'href="../proposals/a/"' in site.html("all\\proposals/index.html")  # a listing page, filled


@pytest.mark.skipif(not ZENSICAL.exists(), reason="zensical is not installed")
def test_zensical_builds_no_page_at_all_beside_a_backslashed_name_anywhere(tmp_path: Path) -> None:
    """What the folder's line says of Zensical (0.0.73), wherever the file is: no page is built,
    exit 0, not a word, and the extension never runs (an invalid PR/FAQ beside it is not named).
    Only ``check`` and MkDocs can name such a file; outside the folder they name a page that would
    be a PR/FAQ (above), and leave the site's other files alone."""
    root = zensical_site(tmp_path, {"proposals/bad.md": BAD, "notes/a\\b.md": "# Note\n"})
    result = zensical(root)
    assert result.code == 0 and "bad.md" not in result.text, result.text
    assert not list((root / "site").rglob("*.html")), "Zensical builds pages beside a backslashed name now"
