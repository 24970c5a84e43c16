"""The index's filters in headless Chromium: chips, tag, text, sort, URL state, reload, history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser import chromium, screenshot, serve
from ..conftest import Site

# one worker builds the site and starts Chromium once (the module's fixture), and runs them all
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser_index")]


@pytest.fixture(scope="module")
def index_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    site = Site(tmp_path_factory.mktemp("index") / "site")
    site.config(theme="material")
    owners = ["Ana", "Ben", "Chen"]
    statuses = ["draft", "in-review", "approved", "launched", "deferred", "rejected", "withdrawn"]
    for i in range(30):
        status = statuses[i % len(statuses)]
        tags = ["ml"] if i % 3 == 0 else ["ops"] if i % 3 == 1 else ["ml", "ops"]
        site.proposal(f"p{i:02d}.md", status, i=i, owner=owners[i % 3], tags=tags,
                      title=f"Proposal {i:02d} {'rocket' if i % 5 == 0 else 'plain'}",
                      created="2024-01-01", updated=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}")
    result = site.build("--strict")
    assert result.code == 0, result.text
    with chromium() as browser, serve(site.root / "site") as url:
        yield browser, url + "proposals/"


def visible_titles(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "tbody td:first-child a", "els => els.filter(e => e.checkVisibility()).map(e => e.textContent)")


def test_filters_drive_the_rows_and_the_url(index_url: tuple[Any, str]) -> None:
    browser, url = index_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.locator(".prfaq-filters").wait_for(state="visible")
    assert len(visible_titles(page)) == 30 - 8  # rejected and withdrawn start collapsed
    page.get_by_role("checkbox", name="Draft").check()
    page.get_by_role("checkbox", name="Approved").check()
    page.wait_for_url("**?status=draft,approved")
    titles = visible_titles(page)
    assert len(titles) == 5 + 4
    page.locator("select[name=tag]").select_option("ml")
    page.locator("input[name=q]").fill("rocket")
    expected = sorted(f"Proposal {i:02d} rocket" for i in range(30)
                      if i % 7 in (0, 2) and i % 3 != 1 and i % 5 == 0)
    assert sorted(visible_titles(page)) == expected
    assert "status=draft,approved" in page.url and "tag=ml" in page.url and "text=rocket" in page.url
    assert page.locator(".prfaq-results").inner_text().startswith(f"{len(expected)} of 30")
    screenshot(page, "prfaq-index-filtered.png")
    # the URL reproduces the view
    shared = page.url
    page.goto(shared)
    page.locator(".prfaq-filters").wait_for(state="visible")
    assert sorted(visible_titles(page)) == expected
    assert page.get_by_role("checkbox", name="Draft").is_checked() and page.locator("input[name=q]").input_value() == "rocket"
    # back: to the view before the tag was chosen (typing replaces the URL in place, so the
    # text went with the tag's entry); forward: the filtered view again
    page.go_back()
    page.wait_for_url("**?status=draft,approved")
    assert len(visible_titles(page)) == 9
    assert page.locator("select[name=tag]").input_value() == "" and page.locator("input[name=q]").input_value() == ""
    page.go_forward()
    page.wait_for_function("location.search.includes('text=rocket')")
    assert sorted(visible_titles(page)) == expected
    page.close()


def test_closed_groups_open_when_filtered_and_sort_by_title(index_url: tuple[Any, str]) -> None:
    browser, url = index_url
    page = browser.new_page()
    page.goto(url + "?status=rejected&sort=title")
    page.locator(".prfaq-filters").wait_for(state="visible")
    assert page.locator(".prfaq-group--rejected").get_attribute("open") is not None
    titles = visible_titles(page)
    assert titles == sorted(titles) and len(titles) == 4
    page.locator("select[name=sort]").select_option("created")
    assert "sort=created" in page.url
    page.close()


def test_keyboard_and_labels(index_url: tuple[Any, str]) -> None:
    browser, url = index_url
    page = browser.new_page()
    page.goto(url)
    page.locator(".prfaq-filters").wait_for(state="visible")
    for name in ("owner", "tag", "q", "sort"):
        control = page.locator(f"[name={name}]")
        assert control.evaluate("e => !!e.closest('label')"), name
    page.locator("input[name=status][value=launched]").focus()
    page.keyboard.press("Space")
    page.wait_for_url("**?status=launched")
    assert page.locator("input[name=status][value=launched]").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "status"
    page.close()


def test_without_javascript_the_list_is_complete(index_url: tuple[Any, str], tmp_path: Path) -> None:
    browser, url = index_url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert not page.locator(".prfaq-filters").is_visible()
    assert page.locator("tbody tr").count() == 30
    context.close()


def test_index_fits_a_phone(index_url: tuple[Any, str]) -> None:
    browser, url = index_url
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    screenshot(page, "prfaq-index-390.png")
    page.close()


def test_sort_and_filter_across_chunks_of_a_large_group(index_url: tuple[Any, str], tmp_path: Path) -> None:
    browser = index_url[0]  # one Playwright per module
    site = Site(tmp_path / "big")
    site.config(theme="mkdocs", extra="")
    for i in range(230):
        site.proposal(f"d{i:03d}.md", "draft", i=i, title=f"Item {(i * 37) % 230:03d}", created="2024-01-01", updated=f"2026-01-{1 + i % 28:02d}")
    assert site.build().code == 0
    with serve(site.root / "site") as url:
        page = browser.new_page()
        page.goto(url + "proposals/?sort=title")
        page.locator(".prfaq-filters").wait_for(state="visible")
        assert page.locator(".prfaq-chunk").count() == 3
        titles = page.eval_on_selector_all("tbody td:first-child a", "els => els.map(e => e.textContent)")
        assert titles == sorted(titles) and len(titles) == 230
        assert page.eval_on_selector_all(".prfaq-chunk", "els => els.map(e => e.querySelectorAll('tr').length)") == [101, 100, 30]
        page.locator("input[name=q]").fill("item 113")
        shown = page.eval_on_selector_all(
            "tbody tr", "els => els.filter(e => e.checkVisibility()).map(e => e.textContent + ' ' + e.querySelector('a').href)")
        assert shown and any(row.startswith("Item 113") for row in shown)
        assert all("113" in row.lower() and "item" in row.lower() for row in shown)
        page.locator("input[name=q]").fill("no such proposal anywhere")
        assert page.locator(".prfaq-results").inner_text() == "No proposal matches these filters."
        assert page.eval_on_selector_all(".prfaq-chunk", "els => els.map(e => e.hidden)") == [False, True, True]
