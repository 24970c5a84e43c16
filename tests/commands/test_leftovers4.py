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
