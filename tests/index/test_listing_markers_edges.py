"""Listing pages (``<!-- prfaq index -->``, ``<!-- prfaq status NAME -->``, ``<!-- prfaq roadmap -->``)
at their edges, the same under MkDocs and Zensical:

a. a status marker naming a status the site does not have is a problem at its line, naming the
   statuses there are (and the nearest), as on_invalid says, never an empty listing in silence;
b. a page at a listing's path (``roadmap.md``) that holds a marker shows the listing its marker asks
   for: the marker wins over the path;
c. a hand-written page under the proposals folder with no front matter and no marker is told that
   it may be a listing page (a marker) or be named in ``exclude``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.lifecycle import DEFAULT
from mkdocs_prfaq.contract.model import listing_problem

from ..conftest import Site
from ..engines.test_zensical import ZENSICAL, valid, zensical, zensical_site

KNOWN = ", ".join(DEFAULT.names)


def unknown(path: str, line: int, status: str, near: str | None) -> str:
    hint = f"; did you mean {near!r}?" if near else ""
    return (f"{path}:{line}: status: the listing marker '<!-- prfaq status {status} -->' names an unknown status, "
            f"so the page lists nothing (expected one of: {KNOWN}){hint}")


# -- a. an unknown status -------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "near"), [("aproved", "approved"), ("in_review", "in-review"),
                                              ("drafts", "draft"), ("zzz", None)])
def test_a_marker_naming_an_unknown_status_is_a_problem_at_its_line(status: str, near: str | None) -> None:
    text = f"# Ours\n\nSome words.\n\n<!-- prfaq status {status} -->\n"
    problem = listing_problem("docs/ours.md", text, DEFAULT)
    assert problem is not None and str(problem) == unknown("docs/ours.md", 5, status, near)


@pytest.mark.parametrize("text", ["# Ours\n\n<!-- prfaq status approved -->\n", "<!-- prfaq roadmap -->\n",
                                  "<!-- prfaq index -->\n", "```\n<!-- prfaq status aproved -->\n```\n",
                                  "# Ours\n"])
def test_a_marker_naming_a_known_status_or_no_status_is_no_problem(text: str) -> None:
    assert listing_problem("docs/ours.md", text, DEFAULT) is None


STATUS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789_-"), min_size=1, max_size=64)


@settings(max_examples=200, deadline=None)
@given(STATUS, st.integers(0, 30), st.sampled_from(["", "---\ntitle: Ours\n---\n"]))
def test_generated_unknown_statuses_are_named_at_their_line(status: str, before: int, front: str) -> None:
    text = front + "words\n\n" * before + f"<!-- prfaq status {status} -->\n"
    problem = listing_problem("docs/ours.md", text, DEFAULT)
    if status in DEFAULT.names:
        assert problem is None
        return
    assert problem is not None
    assert problem.line == front.count("\n") + 2 * before + 1
    assert f"(expected one of: {KNOWN})" in problem.message and status in problem.message


def test_check_and_the_build_name_an_unknown_status_under_the_folder_and_outside(site: Site) -> None:
    site.proposal("a.md", status="approved", title="Alpha Launch")
    site.page("status/aproved.md", "# Approved\n\n<!-- prfaq status aproved -->\n")
    (site.docs / "ours.md").write_text("# Ours\n\nOur words.\n\n<!-- prfaq status in_review -->\n", encoding="utf-8")
    inside = unknown("docs/proposals/status/aproved.md", 3, "aproved", "approved")
    outside = unknown("docs/ours.md", 5, "in_review", "in-review")
    checked = site.check("check")
    assert checked.code == 1 and inside in checked.text, checked.text  # check reads the folder only
    result = site.build()
    assert result.code == 1, result.text
    assert inside in result.text
    site.page("status/aproved.md", "# Approved\n\n<!-- prfaq status approved -->\n")
    result = site.build()
    assert result.code == 1 and outside in result.text and "ERROR" in result.text, result.text
    site.config("on_invalid: warn")
    result = site.build()
    assert result.code == 0 and f"WARNING -  {outside}" in result.text, result.text
    assert site.build("--strict").code == 1


# -- b. the marker wins over the path -------------------------------------------------------------

def test_under_mkdocs_a_listing_path_with_a_marker_shows_the_markers_listing(site: Site) -> None:
    site.proposal("a.md", status="in-review", title="Alpha Launch")
    site.proposal("b.md", status="approved", i=1, title="Beta Launch")
    site.page("roadmap.md", "# Under review\n\nBefore.\n\n<!-- prfaq status in-review -->\n\nAfter.\n")
    site.page("index.md", "# Our roadmap\n\n<!-- prfaq roadmap -->\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    roadmap = site.html("proposals/roadmap/index.html")
    listing = roadmap[roadmap.index("Before."):roadmap.index("After.")]
    assert "Alpha Launch" in listing and "Beta Launch" not in listing, listing
    assert "prfaq-roadmap" not in listing
    index = site.html("proposals/index.html")
    assert "prfaq-roadmap" in index and "Beta Launch" in index and "Alpha Launch" not in index.split("<h1", 1)[1]


# -- c. no front matter, no marker ----------------------------------------------------------------

def test_a_page_with_no_front_matter_and_no_marker_is_told_of_markers_and_exclude(site: Site) -> None:
    site.page("how-to.md", "# How we write proposals\n")
    checked = site.check("check")
    assert checked.code == 1
    line = next(line for line in checked.text.splitlines() if "docs/proposals/how-to.md:1: front matter:" in line)
    assert "no front matter" in line and "<!-- prfaq status NAME -->" in line and "exclude" in line, line


# -- under Zensical -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def zensical_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """One Zensical site (on_invalid: warn) with an unknown status under the folder and outside it,
    and a roadmap.md that asks for a status's listing."""
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installed")
    root = tmp_path_factory.mktemp("zensical-markers")
    zensical_site(root, {
        "proposals/a.md": valid("a", "in-review", 0, title="Alpha Launch"),
        "proposals/b.md": valid("b", "approved", 1, title="Beta Launch"),
        "proposals/roadmap.md": "# Under review\n\nBefore.\n\n<!-- prfaq status in-review -->\n\nAfter.\n",
        "proposals/status/aproved.md": "# Approved\n\n<!-- prfaq status aproved -->\n",
        "ours.md": "# Ours\n\nOur words.\n\n<!-- prfaq status in_review -->\n",
    }, options='on_invalid = "warn"')
    return root, zensical(root)


def test_under_zensical_an_unknown_status_is_named_as_on_invalid_says(zensical_built: tuple[Path, Any]) -> None:
    _, result = zensical_built
    assert result.code == 0, result.text
    for line in (unknown("docs/proposals/status/aproved.md", 3, "aproved", "approved"),
                 unknown("docs/ours.md", 5, "in_review", "in-review")):
        assert f"WARNING -  {line}" in result.text, result.text
    assert "Traceback" not in result.text


def test_under_zensical_the_marker_wins_as_under_mkdocs(zensical_built: tuple[Path, Any]) -> None:
    root, _ = zensical_built
    roadmap = (root / "site" / "proposals" / "roadmap" / "index.html").read_text(encoding="utf-8")
    listing = roadmap[roadmap.index("Before."):roadmap.index("After.")]
    assert "Alpha Launch" in listing and "Beta Launch" not in listing, listing


def test_under_zensical_on_invalid_fail_stops_the_build(tmp_path: Path) -> None:
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installed")
    zensical_site(tmp_path, {"proposals/a.md": valid("a", "in-review", 0),
                             "ours.md": "# Ours\n\n<!-- prfaq status aproved -->\n"})
    result = zensical(tmp_path)
    assert result.code == 1, result.text
    assert f"ERROR   -  {unknown('docs/ours.md', 3, 'aproved', 'approved')}" in result.text, result.text
    assert "Traceback" not in result.text and re.search(r"ERROR   -  prfaq: .*ours\.md", result.text), result.text
