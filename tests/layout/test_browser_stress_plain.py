"""What a reader saw wrong in the plain mkdocs theme (light and dark), found by looking at
screenshots of the stress proposals of stress_site.py at 390, 768 and 1280 px, asserted on
measured layout."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from ..browser import chromium, contrast, serve
from .stress_site import FACTS, OVERFLOW, PRINTED_WHOLE, build, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("stress_plain")]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build(tmp_path_factory.mktemp("stress-plain") / "src", "mkdocs")) as u:
        yield u


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("width", (390, 768, 1280))
def test_a_wide_table_scrolls_inside_the_column(browser: Any, url: str, width: int) -> None:
    """A table in a proposal wider than the column (8 columns, a long word) pushed the whole page
    sideways: `max-width: 100%` does not hold a table. It scrolls on its own now, as in Material."""
    page = open_page(browser, url + "proposals/wide/", width)
    assert page.evaluate(OVERFLOW) <= 0
    table = page.locator(".prfaq-statusline ~ table").first
    column = page.locator("[role=main]").first.bounding_box()
    box = table.bounding_box()
    assert box["x"] >= column["x"] - 0.5 and box["x"] + box["width"] <= column["x"] + column["width"] + 0.5
    # nothing of it is lost: what does not fit scrolls
    assert table.evaluate("t => t.scrollWidth > t.clientWidth ? getComputedStyle(t).overflowX : 'fits'") in ("auto", "fits")
    page.context.close()


@pytest.mark.parametrize("width", (768, 1280))
def test_the_table_of_contents_stays_in_its_column(browser: Any, url: str, width: int) -> None:
    """The sidebar's table of contents lists the page's title: an unbroken word in it made the
    sidebar as wide as the word, over the status line and the page's text, at 768 px."""
    page = open_page(browser, url + "proposals/wide/", width)
    assert page.evaluate(OVERFLOW) <= 0
    sidebar = page.locator(".bs-sidebar").first.bounding_box()
    main = page.locator("[role=main]").first.bounding_box()
    assert sidebar["x"] + sidebar["width"] <= main["x"] + 0.5, (sidebar, main)
    rights = page.eval_on_selector_all(".bs-sidebar .nav-link", "es => es.map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= sidebar["x"] + sidebar["width"] + 0.5
    page.context.close()


def test_each_fact_keeps_its_label_with_its_value(browser: Any, url: str) -> None:
    """As in Material (test_browser_stress_material.py), in this theme's fonts: at 390 px "Tags: mobile" ran past
    the column after a date kept whole by an inline white-space: nowrap."""
    page = open_page(browser, url + "proposals/wide/", 320)
    problems = []
    for width in range(320, 800, 8):
        page.set_viewport_size({"width": width, "height": 844})
        problems += [f"{width}px: {p}" for p in page.eval_on_selector(".prfaq-facts", FACTS)]
    assert not problems, problems
    page.context.close()


def test_the_index_prints_every_proposal(browser: Any, url: str) -> None:
    """On paper the index lists every proposal: the groups that start collapsed (withdrawn,
    rejected, superseded) printed as their headings alone in this theme (Material opens them
    before printing), and the filters, of no use on paper, took a third of the first page."""
    from pypdf import PdfReader

    page = open_page(browser, url + "proposals/", 1280)
    page.wait_for_selector(".prfaq-filters:not([hidden])")
    assert page.locator(".prfaq-group--withdrawn[open]").count() == 0
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    for title in ("GoneCart", "WideCart", "A page with problems"):
        assert title in text, title
    assert "Sort by" not in text
    page.context.close()


def test_tables_and_code_print_whole(browser: Any, url: str) -> None:
    """As in Material (test_browser_stress_material.py): the table scrolls on screen, on paper it wraps."""
    page = open_page(browser, url + "proposals/wide/", 794)
    page.emulate_media(media="print")
    assert page.locator(".prfaq-statusline ~ table").count() == 1
    assert page.locator(".prfaq-statusline ~ pre").count() == 1
    assert page.evaluate(PRINTED_WHOLE) == []
    page.context.close()


def test_dark_mode_prints_dark_on_light(browser: Any, url: str) -> None:
    """With the reader's system in dark mode, a PR/FAQ printed light grey text (#dee2e6) meant for
    the theme's dark background, which browsers leave off paper: 1.3:1 on the page. Each part's
    text now has 4.5:1 or more on white paper, the index's too (its Stale mark was 2:1); the badge
    prints its own background."""
    page = open_page(browser, url + "proposals/wide/", 794, "dark")
    assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == "dark"
    page.emulate_media(media="print", color_scheme="dark")
    for selector in ("h1", ".prfaq-facts dd", ".prfaq-subtitle", ".prfaq-history-step", ".prfaq-quote figcaption",
                     "#press-release", "#press-release ~ p", ".prfaq-statusline ~ table td"):
        colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
        assert contrast(colour, "rgb(255, 255, 255)") >= 4.5, (selector, colour)
    page.goto(url + "proposals/")
    page.wait_for_load_state("load")
    for selector in ("h1", ".prfaq-table td", ".prfaq-table a", ".prfaq-stale"):
        colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
        assert contrast(colour, "rgb(255, 255, 255)") >= 4.5, (selector, colour)
    page.context.close()
