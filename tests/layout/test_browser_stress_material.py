"""What a reader saw wrong in Material (light and slate), found by looking at screenshots of a site
of stress proposals (stress_site.py) at 390, 768 and 1280 px, each asserted on measured layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..browser import chromium, contrast, serve
from .stress_site import FACTS, OVERFLOW, PRINTED_WHOLE, build, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("stress_material")]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build(tmp_path_factory.mktemp("stress") / "src", "material")) as u:
        yield u


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("width", (390, 768, 1280))
def test_roadmap_entries_wrap_inside_the_page(browser: Any, url: str, width: int) -> None:
    """A subtitle holding a long URL made its roadmap entry (a flex item, min-width: auto) as wide
    as the URL: the whole roadmap scrolled sideways, at every width."""
    page = open_page(browser, url + "proposals/roadmap/", width)
    assert page.locator(".prfaq-timeline small").count() >= 1
    assert page.evaluate(OVERFLOW) <= 0
    column = page.locator(".prfaq-timeline").first.bounding_box()
    for box in page.eval_on_selector_all(".prfaq-timeline li > *", "es => es.map(e => e.getBoundingClientRect().right)"):
        assert box <= column["x"] + column["width"] + 0.5
    page.context.close()


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_invalid_chip_has_the_invalid_colour(browser: Any, url: str, scheme: str) -> None:
    """Every status chip's dot is its status's colour; the Invalid chip's was the text colour
    (black, white in slate) while its group and bar are red."""
    page = open_page(browser, url + "proposals/", 1280, scheme)
    page.wait_for_selector(".prfaq-filters:not([hidden])")
    dot = page.eval_on_selector(".prfaq-chip--invalid", "e => getComputedStyle(e, '::after').backgroundColor")
    group = page.eval_on_selector(".prfaq-group--invalid", "e => getComputedStyle(e).borderTopColor")
    text = page.eval_on_selector(".prfaq-chip--invalid", "e => getComputedStyle(e).color")
    assert dot == group != text
    page.context.close()


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_stale_mark_is_drawn_as_designed(browser: Any, url: str, scheme: str) -> None:
    """The Stale mark is an outlined word in the warning colour. Material's `.md-typeset mark`
    (yellow, blue in slate) outranked `.prfaq-stale`: a highlight of another colour per palette."""
    page = open_page(browser, url + "proposals/", 1280, scheme)
    mark = page.locator(".prfaq-stale").first
    style = mark.evaluate("e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor, s.borderTopColor]; }")
    over = page.evaluate("getComputedStyle(document.body).getPropertyValue('--prfaq-over').trim()")
    colour = page.evaluate("c => { const e = document.createElement('i'); e.style.color = c; document.body.append(e);"
                           " const got = getComputedStyle(e).color; e.remove(); return got; }", over)
    assert style[0] == colour == style[2], style
    assert style[1] == "rgba(0, 0, 0, 0)", style
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast(style[0], background) >= 4.5
    page.context.close()


@pytest.mark.parametrize("scheme", ("light",))
def test_each_fact_keeps_its_label_with_its_value(browser: Any, url: str, scheme: str) -> None:
    """The facts under the title (Owner: ..., Created: ...) wrap as one paragraph. A label ended a
    line with its value on the next ("Updated:" / "2026-08-28"), and the gap after a value, an
    inline-block of its own, began the next line, indenting it. Measured at every 8 px from a
    small phone to a tablet, where the wraps fall in different places; nothing runs out of the column
    (a date kept whole by white-space: nowrap took the line break after it, pushing "Tags: mobile"
    past the edge)."""
    page = open_page(browser, url + "proposals/wide/", 320, scheme)
    problems = []
    for width in range(320, 800, 8):
        page.set_viewport_size({"width": width, "height": 844})
        problems += [f"{width}px: {p}" for p in page.eval_on_selector(".prfaq-facts", FACTS)]
    assert not problems, problems
    page.context.close()


# The focused element's focus indicator (its outline, or the outline of the label around it, as a
# chip draws its checkbox's focus) and its edge, each blended onto the first opaque background
# behind it: [what, outline colour, border colour, background].
FOCUS = """() => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const e = document.activeElement, label = e.closest('label');
  let bg = null;
  for (let el = e.parentElement; el && !bg; el = el.parentElement) {
    const c = parse(getComputedStyle(el).backgroundColor); if (c.length && (c[3] === undefined || c[3] > 0.5)) bg = c; }
  bg = bg || [255, 255, 255];
  const blend = css => { const [r, g, b, a = 1] = parse(css); const m = (x, y) => Math.round(x * a + y * (1 - a));
    return `rgb(${m(r, bg[0])}, ${m(g, bg[1])}, ${m(b, bg[2])})`; };
  const shows = el => { const s = getComputedStyle(el); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1; };
  const ring = shows(e) ? e : (label && shows(label) ? label : null);
  return [e.tagName + ' ' + (e.name || ''), ring ? blend(getComputedStyle(ring).outlineColor) : null,
          blend(getComputedStyle(e).borderTopColor), `rgb(${bg[0]}, ${bg[1]}, ${bg[2]})`, e.type || ''];
}"""


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_every_filter_shows_keyboard_focus(browser: Any, url: str, scheme: str) -> None:
    """Tabbing through the index's filters: each chip, select and the text field shows where the
    focus is, in a colour of 3:1 or more on its background, and each field's edge is seen (3:1).
    The text field showed no focus at all (Material sets outline: none on inputs), and the
    fields' edges were Material's lightest grey (1.2:1)."""
    page = open_page(browser, url + "proposals/", 1280, scheme)
    page.wait_for_selector(".prfaq-filters:not([hidden])")
    page.focus(".prfaq-feed a")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('.prfaq-filters') !== null"):
            break
        what, ring, border, background, kind = page.evaluate(FOCUS)
        seen.append(what)
        assert ring is not None, f"{what}: no focus indicator"
        assert contrast(ring, background) >= 3, (what, ring, background)
        if kind != "checkbox":
            assert contrast(border, background) >= 3, (what, border, background)
    assert {"SELECT owner", "SELECT tag", "INPUT q", "SELECT sort", "INPUT status"} <= set(seen), seen
    page.context.close()


def test_tables_and_code_print_whole(browser: Any, url: str) -> None:
    """A proposal's table wider than the paper printed cut at the edge of Material's scroll box
    (its last columns lost), as did a long line of code in the mkdocs theme."""
    page = open_page(browser, url + "proposals/wide/", 794)
    page.emulate_media(media="print")
    assert page.locator(".prfaq-statusline ~ * table").count() == 1
    assert page.evaluate(PRINTED_WHOLE) == []
    page.context.close()


# Each step of the status history that begins a line: how far its status word is from the
# history's left edge, less the arrow before it (a probe of the same font measures "→").
HISTORY_INDENTS = """ol => {
  const left = ol.getBoundingClientRect().left, out = [];
  let top = null;
  for (const li of ol.children) {
    const r = li.getBoundingClientRect();
    if (top !== null && r.top > top + 2) {
      const probe = document.createElement('span'); probe.textContent = '\\u2192'; li.append(probe);
      const arrow = probe.getBoundingClientRect().width; probe.remove();
      out.push(li.querySelector('.prfaq-history-status').getBoundingClientRect().left - left - arrow);
    }
    top = r.top;
  }
  return out;
}"""


def test_a_wrapped_history_step_starts_flush_left(browser: Any, url: str) -> None:
    """The status history wraps on a phone; the step that begins the second line began with the
    arrow's left margin, indenting that line by half an em. Only the space after the arrow is left."""
    page = open_page(browser, url + "proposals/wide/", 320)
    indents = []
    for width in range(320, 520, 20):
        page.set_viewport_size({"width": width, "height": 844})
        indents += page.eval_on_selector(".prfaq-history", HISTORY_INDENTS)
    assert indents, "the history never wrapped"
    size = page.eval_on_selector(".prfaq-history", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert max(indents) <= 0.5 * size + 1, (indents, size)
    page.context.close()
