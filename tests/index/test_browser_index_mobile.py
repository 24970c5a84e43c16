"""The index, a status page and the roadmap as a reader sees them, in headless Chromium: on a phone
(390 px) and a desktop (1280 px), in Material (light and dark) and the mkdocs theme, on a site of
56 proposals. Every field of every proposal is on screen, inside the page's width, not clipped
and not overlapping another; nothing scrolls sideways; the page keeps its height while it is
scrolled; no text is smaller than 12 px; each status group has its own colour and icon."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import prfaq_page, proposal_data, write_site
from mkdocs_prfaq.contract.model import STATUSES

from ..browser import PALETTE, chromium, screenshot, serve

N = 56  # 7 of each built-in status
WIDTHS = (390, 1280)
SHOTS = {("material", 1280, "light"), ("material", 390, "light"), ("material", 390, "dark"), ("mkdocs", 390, "light")}
"""The views `make screenshots` keeps in docs/assets/."""


def build(root: Path, theme: str, n: int = N, write: bool = True) -> Path:
    """A site of ``n`` proposals (benchmarks/generate.py) built in-process; ``write=False``
    builds the site at ``root`` as it is."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = root / "mkdocs.yml"
    if write:
        write_site(root, n, plugin=True, theme=theme)
        text = config.read_text(encoding="utf-8")
        extra = PALETTE if theme == "material" else "  color_mode: auto\n"
        config.write_text(text.replace(f"  name: {theme}\n", f"  name: {theme}\n{extra}", 1), encoding="utf-8")
    cfg = load_config(config_file=str(config))
    mkdocs_build(cfg)
    return Path(cfg.site_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


THEMES = [pytest.param(theme, marks=pytest.mark.xdist_group(f"index_mobile_{theme}")) for theme in ("material", "mkdocs")]
"""A theme's tests run on one xdist worker, which builds that theme's site only (the two themes on two)."""


class Sites:
    """The site of each theme, built and served on first use: ``sites[theme]`` is its URL."""

    def __init__(self, tmp: Path, stack: contextlib.ExitStack) -> None:
        self.tmp, self.stack = tmp, stack
        self.urls: dict[str, str] = {}

    def __getitem__(self, theme: str) -> str:
        if theme not in self.urls:
            self.urls[theme] = self.stack.enter_context(serve(build(self.tmp / theme, theme)))
        return self.urls[theme]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Sites]:
    with contextlib.ExitStack() as stack:
        yield Sites(tmp_path_factory.mktemp("index-mobile"), stack)


# Every problem a reader would see in the listing, as text: [] when there is none.
READER_PROBLEMS = """() => {
  const problems = [], W = innerWidth;
  const clippers = el => {  // the ancestors that clip what overflows them
    const out = [];
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible" || /paint|strict|content/.test(cs.contain)
          || cs.contentVisibility === "auto") out.push(a);
    }
    return out;
  };
  const inside = (r, o) => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
  const textBox = el => { const range = document.createRange(); range.selectNodeContents(el); return range.getBoundingClientRect(); };
  const rows = [...document.querySelectorAll(".prfaq-groups tbody tr")];
  if (rows.length === 0) problems.push("no rows");
  rows.forEach((tr, i) => {
    const name = (tr.querySelector("a") || tr).textContent.slice(0, 40);
    const cells = [...tr.cells].filter(td => td.textContent.trim());
    if (!tr.checkVisibility()) { problems.push(`${name}: row not visible`); return; }
    const boxes = [];
    cells.forEach((td, c) => {
      const r = td.getBoundingClientRect(), t = textBox(td);
      if (!td.checkVisibility({visibilityProperty: true}) || r.width <= 0 || r.height <= 0) problems.push(`${name}: cell ${c} has no size`);
      if (r.left < -1 || r.right > W + 1) problems.push(`${name}: cell ${c} outside the page (${r.left}..${r.right} of ${W})`);
      if (!inside(t, r)) problems.push(`${name}: cell ${c}'s text spills out of it (${JSON.stringify([t.left, t.right, r.left, r.right])})`);
      if (td.scrollWidth > td.clientWidth + 1) problems.push(`${name}: cell ${c} is cut off (${td.scrollWidth} > ${td.clientWidth})`);
      for (const a of clippers(td)) if (!inside(t, a.getBoundingClientRect())) problems.push(`${name}: cell ${c} clipped by ${a.className || a.tagName}`);
      boxes.push([c, t]);
    });
    for (let x = 0; x < boxes.length; x++) for (let y = x + 1; y < boxes.length; y++) {
      const [a, ra] = boxes[x], [b, rb] = boxes[y];
      const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1;
      if (overlap) problems.push(`${name}: cells ${a} and ${b} overlap`);
    }
  });
  // every text in the index, the chart and the filters included, at 12 px or more
  const walker = document.createTreeWalker(document.querySelector(".prfaq-index"), NodeFilter.SHOW_TEXT);
  const small = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el.checkVisibility() || el.closest(".prfaq-visually-hidden")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.add(`${el.tagName.toLowerCase()}.${el.className} ${size}px`);
  }
  small.forEach(s => problems.push(`text under 12px: ${s}`));
  const overflow = document.scrollingElement.scrollWidth - innerWidth;
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
  return problems;
}"""

SCROLL_HEIGHTS = """async () => {
  const heights = [document.scrollingElement.scrollHeight];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
    heights.push(document.scrollingElement.scrollHeight);
  }
  window.scrollTo(0, 0);
  return heights;
}"""


def open_page(browser: Any, url: str, width: int, scheme: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page


def open_every_group(page: Any) -> None:
    """Closed statuses start collapsed: a reader opens them by their header."""
    closed = page.locator(".prfaq-group:not([open])").evaluate_all("gs => gs.map(g => g.dataset.status)")
    assert closed, "closed statuses start collapsed"
    for status in closed:
        page.locator(f".prfaq-group[data-status={status}] > summary").click()
    assert page.locator(".prfaq-group:not([open])").count() == 0


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_every_field_of_every_proposal_is_readable(browser: Any, sites: Sites, theme: str, width: int,
                                                   scheme: str) -> None:
    context, page = open_page(browser, sites[theme] + "proposals/", width, scheme)
    page.locator(".prfaq-filters").wait_for(state="visible")
    if theme == "material":
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    if (theme, width, scheme) in SHOTS:
        screenshot(page, f"prfaq-index-{theme}-{width}-{scheme}.png")
    heights = page.evaluate(SCROLL_HEIGHTS)
    assert len(set(heights)) == 1, f"the page changes height while scrolled: {heights}"
    open_every_group(page)
    assert page.locator(".prfaq-groups tbody tr").count() == N
    assert page.evaluate(READER_PROBLEMS) == []
    heights = page.evaluate(SCROLL_HEIGHTS)
    assert len(set(heights)) == 1, f"the page changes height while scrolled: {heights}"
    # a full-page screenshot shows every row: nothing is left unrendered
    assert page.evaluate("[...document.querySelectorAll('.prfaq-chunk')].every(c => "
                         "getComputedStyle(c).contentVisibility !== 'auto')")
    context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_a_phone_sees_each_proposal_as_a_card_that_names_its_fields(browser: Any, sites: Sites,
                                                                      theme: str) -> None:
    context, page = open_page(browser, sites[theme] + "proposals/status/draft/", 390, "light")
    row = page.locator(".prfaq-groups tbody tr").first
    title, owner = row.locator("td").nth(0), row.locator("td").nth(1)
    # the title has the card's whole width; the fields follow, below it, each with its name
    assert title.bounding_box()["width"] > 300
    assert owner.bounding_box()["y"] > title.bounding_box()["y"] + title.bounding_box()["height"] - 1
    named = row.locator("td").evaluate_all("tds => tds.slice(1, 5).map(td => getComputedStyle(td, '::before').content)")
    assert named == ['"Owner"', '"Created"', '"Updated"', '"Target launch"'], named
    assert not page.locator(".prfaq-table thead").is_visible()
    problems = page.evaluate(READER_PROBLEMS)
    assert problems == []
    context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_status_groups_differ_by_colour_and_icon(browser: Any, sites: Sites, theme: str) -> None:
    context, page = open_page(browser, sites[theme] + "proposals/", 1280, "light")
    looks = page.locator(".prfaq-group > summary").evaluate_all("""ss => ss.map(s => {
        const before = getComputedStyle(s, '::before');
        return [s.parentElement.dataset.status, before.backgroundColor, before.maskImage || before.webkitMaskImage,
                getComputedStyle(s.parentElement).borderTopColor, parseFloat(getComputedStyle(s.querySelector('h2')).fontSize)];
    })""")
    assert [s for s, *_ in looks] == list(STATUSES)
    assert len({colour for _, colour, *_ in looks}) >= 6, "each status its colour"  # two built-in greys
    assert len({icon for _, _, icon, *_ in looks}) == len(STATUSES), "each status its icon"
    assert all(border == colour for _, colour, _, border, _ in looks), "the group's border is its status's colour"
    assert all(size >= 12 for *_, size in looks)
    # no Status column in a group of one status; a draft's launch is a target, a launched one's the day
    headers = page.locator(".prfaq-group").evaluate_all(
        "gs => gs.map(g => [...g.querySelectorAll('thead th')].map(th => th.textContent))")
    assert all("Status" not in h for h in headers)
    by_status = dict(zip(STATUSES, headers, strict=True))
    assert by_status["draft"][4] == "Target launch" and by_status["launched"][4] == "Launched"
    assert by_status["approved"][4] == "Launch"
    # one count per status: the chart's bars; the filter chips do not repeat it
    assert page.locator(".prfaq-bars li").count() == len(STATUSES)
    assert page.locator(".prfaq-chip span, .prfaq-counts").count() == 0
    context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_roadmap_fits_a_phone(browser: Any, sites: Sites, theme: str) -> None:
    context, page = open_page(browser, sites[theme] + "proposals/roadmap/", 390, "light")
    assert page.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 0
    sizes = page.locator(".prfaq-roadmap li").evaluate_all(
        "lis => lis.flatMap(li => [...li.querySelectorAll('*')].map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert sizes and min(sizes) >= 12, min(sizes)
    context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_a_group_of_over_a_hundred_on_a_phone(browser: Any, tmp_path_factory: pytest.TempPathFactory,
                                              theme: str) -> None:
    """Its later chunks (laid out only on screen, with no header row of their own) are cards too,
    every field readable once scrolled to, and the page keeps the height it had once seen."""
    root = tmp_path_factory.mktemp(f"big-{theme}")
    write_site(root, 0, plugin=True, theme=theme)
    for i in range(130):
        (root / "docs" / "proposals" / f"d{i:03d}.md").write_text(prfaq_page(proposal_data(i, "draft")), encoding="utf-8")
    site_dir = build(root, theme, write=False)
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    with serve(site_dir) as url:
        page.goto(url + "proposals/status/draft/")
        page.locator(".prfaq-filters").wait_for(state="visible")
        assert page.locator(".prfaq-chunk--lazy").count() == 2
        seen = page.evaluate(SCROLL_HEIGHTS)  # every chunk on screen once: its height is known
        assert seen[-1] == page.evaluate("document.scrollingElement.scrollHeight")
        heights = page.evaluate(SCROLL_HEIGHTS)
        assert len(set(heights)) == 1, f"the page changes height while scrolled again: {heights}"
        assert page.evaluate(READER_PROBLEMS) == []
        widths = page.locator(".prfaq-chunk").evaluate_all(
            "cs => cs.map(c => Math.round(c.querySelector('tbody tr td').getBoundingClientRect().width))")
        assert min(widths) > 300, widths  # each title across its card, in the first chunk and after
    context.close()
