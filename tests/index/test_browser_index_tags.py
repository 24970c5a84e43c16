"""The index's tag chips in headless Chromium: at desktop widths (1024 and 1280 px), in Material
and the mkdocs theme, with the history's "In status" column shown, an ordinary tag
(``compatibility``, ``notifications``) is one whole word in its chip, never broken inside it; only
a single token longer than about 20 characters may wrap. The title column keeps its share
(test_browser_index_polish.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser import chromium, screenshot, serve
from ..conftest import Site
from ..index.test_browser_index_mobile import PALETTE, READER_PROBLEMS, open_every_group, open_page
from .test_browser_index_polish import commit_long_ago

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser_index_tags"),
              pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]

WORDS = ["compatibility", "navigation", "integrations", "notifications", "accessibility", "localization",
         "observability", "documentation", "authentication"]
"""Ordinary tags: one word each, 10 to 14 characters."""
LONG = "internationalisation-and-localisation"
STATUSES = ["draft", "in-review", "approved", "launched", "deferred", "rejected", "withdrawn"]


def tag_site(root: Path, theme: str) -> Path:
    """Proposals in every status tagged with ``WORDS`` (and one with ``LONG``), committed to git
    long ago: the index shows its "In status" column."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = Site(root)
    extra = PALETTE if theme == "material" else "  color_mode: auto\n"
    site.config("", theme=theme)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"  name: {theme}\n", f"  name: {theme}\n{extra}", 1),
                      encoding="utf-8")
    for i, status in enumerate(STATUSES * 2):
        tags = [WORDS[(i + k) % len(WORDS)] for k in range(3)] + ([LONG] if i == 0 else [])
        site.proposal(f"p{i}.md", status, i=i, tags=tags)
    commit_long_ago(root)
    cfg = load_config(config_file=str(config))
    mkdocs_build(cfg)
    return Path(cfg.site_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("index-tags")
    material, plain = tag_site(tmp / "material", "material"), tag_site(tmp / "mkdocs", "mkdocs")
    with serve(material) as m, serve(plain) as p:
        yield {"material": m, "mkdocs": p}


# Each tag chip of the open groups: its text, how many line boxes it has, its width, and whether the
# table (not the cards) is shown; a chip broken inside a word has 2 or more line boxes.
CHIPS = """() => {
  const table = getComputedStyle(document.querySelector('.prfaq-table thead, .prfaq-table colgroup')).display !== 'none';
  const chips = [...document.querySelectorAll('.prfaq-group[open] td:nth-child(6) i')].map(i => {
    const lines = new Set([...i.getClientRects()].map(r => Math.round(r.top)));
    const range = document.createRange(); range.selectNodeContents(i);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return {text: i.textContent, boxes: i.getClientRects().length, lines: Math.max(lines.size, tops.size),
            width: i.getBoundingClientRect().width, cell: i.parentElement.clientWidth};
  });
  const th = document.querySelector('.prfaq-table thead th');
  return {table, chips, title: th ? th.getBoundingClientRect().width : 0,
          width: document.querySelector('.prfaq-table').getBoundingClientRect().width,
          columns: document.querySelector('.prfaq-table thead').querySelectorAll('th').length};
}"""


@pytest.mark.parametrize("theme", ("material", "mkdocs"))
@pytest.mark.parametrize("width", (1024, 1280))
def test_ordinary_tags_are_whole_words_in_their_chips(browser: Any, sites: dict[str, str], theme: str,
                                                      width: int) -> None:
    context, page = open_page(browser, sites[theme] + "proposals/", width, "light")
    page.locator(".prfaq-filters").wait_for(state="visible")
    open_every_group(page)
    screenshot(page, f"prfaq-index-tags-{theme}-{width}.png")
    found = page.evaluate(CHIPS)
    assert found["table"], "a table at desktop widths"
    assert found["columns"] == 7, "the history's In status column is shown"
    chips = found["chips"]
    assert {c["text"] for c in chips} == {*WORDS, LONG}
    broken = sorted({(c["text"], c["lines"], round(c["width"]), c["cell"]) for c in chips
                     if c["text"] in WORDS and c["lines"] > 1})
    assert broken == [], (width, theme, broken)
    assert next(c["lines"] for c in chips if c["text"] == LONG) > 1, "a long single token still wraps"
    # no chip wider than its cell
    assert [c for c in chips if c["width"] > c["cell"] + 1] == []
    assert page.evaluate(READER_PROBLEMS) == []
    context.close()
