"""A listing page the author wrote (the roadmap, a status page) is kept and filled: one that asks
for its listing with a marker builds ``--strict`` without a word, as under Zensical; one without a
marker gets its listing after its content and one warning that names the marker to write."""

from __future__ import annotations

from ..conftest import Site


def test_marked_listing_pages_build_strict_with_the_listing_at_the_marker(site: Site) -> None:
    site.config()
    site.proposal("a.md", status="in-review", title="Alpha Launch")
    site.proposal("b.md", status="approved", i=1, title="Beta Launch")
    site.page("roadmap.md", "# Our roadmap\n\nBefore.\n\n<!-- prfaq roadmap -->\n\nAfter.\n")
    site.page("status/in-review.md", "# Being reviewed\n\n<!-- prfaq status in-review -->\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    assert "exists" not in result.text
    roadmap = site.html("proposals/roadmap/index.html")
    content = roadmap[roadmap.index("Before."):]  # the page's own content, past the navigation
    assert "Beta Launch" in content[:content.index("After.")]
    assert "Alpha Launch" in site.html("proposals/status/in-review/index.html")


def test_an_unmarked_listing_page_is_filled_after_its_content_with_one_warning(site: Site) -> None:
    site.config("exclude: [roadmap.md, status/in-review.md]")  # else they are PR/FAQs without front matter
    site.proposal("a.md", status="in-review", title="Alpha Launch")
    site.proposal("b.md", status="approved", i=1, title="Beta Launch")
    site.page("roadmap.md", "# Our roadmap\n\nOur words.\n")
    site.page("status/in-review.md", "# Being reviewed\n")
    result = site.build()
    assert result.code == 0, result.text
    warnings = [line for line in result.text.splitlines() if "asks for no listing" in line]
    assert len(warnings) == 2, result.text
    assert any("docs/proposals/roadmap.md" in w and "<!-- prfaq roadmap -->" in w for w in warnings)
    assert any("<!-- prfaq status in-review -->" in w for w in warnings)
    roadmap = site.html("proposals/roadmap/index.html")
    assert "Beta Launch" in roadmap[roadmap.index("Our words."):]
    assert site.build("--strict").code != 0
