"""layout/toc.py: the one table-of-contents code of the plugin (MkDocs' page.toc) and the
extension (Python-Markdown's toc_tokens, which Zensical reads), on plain data."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.toc import AnchorLink

from mkdocs_prfaq.layout import toc
from mkdocs_prfaq.layout.render import Heading


def shape(items: list[Any]) -> list[Any]:
    """(id, level, children) of AnchorLinks or tokens."""
    def one(item: Any) -> Any:
        if isinstance(item, dict):
            return item["id"], item["level"], shape(item["children"])
        return item.id, item.level, shape(item.children)

    return [one(i) for i in items]


def link(anchor: str, level: int, *children: AnchorLink) -> AnchorLink:
    item = AnchorLink(anchor.upper(), anchor, level)
    item.children = list(children)
    return item


def test_nest_puts_each_heading_under_the_nearest_lower_level_before_it() -> None:
    flat = [toc.token(level, f"h{i}", f"H{i}") for i, level in enumerate([2, 3, 3, 2, 4, 3, 1, 2])]
    assert shape(toc.nest_tokens(flat)) == [
        ("h0", 2, [("h1", 3, []), ("h2", 3, [])]),
        ("h3", 2, [("h4", 4, []), ("h5", 3, [])]),
        ("h6", 1, [("h7", 2, [])]),
    ]


@given(st.lists(st.integers(1, 6), max_size=30))
@settings(max_examples=200, deadline=None)
def test_nesting_keeps_every_heading_in_order_under_a_lower_level(levels: list[int]) -> None:
    """Both engines' nesting (tokens and AnchorLinks) keeps each heading once, in document order,
    each child deeper than its parent; the two agree."""
    tokens = toc.nest_tokens([toc.token(level, f"h{i}", "t") for i, level in enumerate(levels)])
    links = toc.page_items([Heading(level, f"h{i}", "t") for i, level in enumerate(levels)], [], AnchorLink)

    def walk(items: list[Any], parent: int) -> list[str]:
        out = []
        for item in items:
            item_id, level, children = item
            assert level > parent or parent == 0
            out += [item_id, *walk(children, level)]
        return out

    assert walk(shape(tokens), 0) == [f"h{i}" for i in range(len(levels))]
    assert shape(links) == shape(tokens)


def test_the_body_goes_under_the_layouts_h1_and_the_listing_after_it() -> None:
    before = [Heading(1, "title", "Title"), Heading(2, "press", "Press")]
    body = [link("own", 1, link("a", 2), link("b", 2, link("c", 3)))]
    after = [Heading(2, "all", "All"), Heading(3, "draft", "Draft")]
    items = toc.page_items(before, body, AnchorLink, after)
    assert shape(items) == [("title", 1, [("press", 2, []), ("a", 2, []), ("b", 2, [("c", 3, [])]),
                                          ("all", 2, []), ("draft", 3, [])])]
    # a page without a layout h1: the body's h1 leads
    assert shape(toc.page_items([], body, AnchorLink)) == shape(body)


def test_only_headings_left_in_the_sanitised_body_are_kept_with_their_ids_as_renamed() -> None:
    body = [link("kept", 2, link("gone", 3, link("under", 4))), link("renamed", 2)]
    html = '<h2 id="kept">Kept <em>x</em></h2><h2 id="renamed-2">Renamed</h2>'
    items = toc.kept_items(body, html, {"renamed": "renamed-2"}, AnchorLink)
    assert shape(items) == [("kept", 2, []), ("renamed-2", 2, [])]
    assert [i.title for i in items] == ["Kept x", "Renamed"]  # as the sanitised heading reads
    # Zensical's tokens: a heading left out leaves its kept children in place
    tokens = [{"level": 2, "id": "kept", "children": [{"level": 3, "id": "gone", "children": [
        {"level": 4, "id": "under", "children": []}]}]}]
    html += '<h4 id="under">Under &amp; over</h4>'
    out = toc.layout_tokens([Heading(1, "title", "Title")], html, {}, tokens)
    assert shape(out) == [("title", 1, [("kept", 2, [("under", 4, [])])])]
    assert out[0]["children"][0]["children"][0]["name"] == "Under & over"


def test_a_listings_headings_follow_the_pages_own() -> None:
    own = [toc.token(1, "page", "Page")]
    out = toc.listing_tokens(own, [Heading(2, "all", "All"), Heading(3, "draft", "Draft")])
    assert shape(out) == [("page", 1, [("all", 2, [("draft", 3, [])])])]
    assert shape(own) == [("page", 1, [])]  # the page's own tokens are not changed
