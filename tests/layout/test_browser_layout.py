"""PR/FAQ pages in a real headless Chromium: both themes, desktop and phone widths, light and
dark palettes, FAQ permalinks, print pagination, and scripts in front matter that never run."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser import chromium, contrast, screenshot, serve
from ..conftest import ROOT, mkdocs

# one worker builds the docs site in both themes once (the module's fixtures), and runs them all
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser_layout")]

PAGE = "proposals/front-matter-contract/"
# An element's text colour and the first opaque background behind it (alpha blended onto it).
TEXT_AND_BACKGROUND = """e => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let [r, g, b, a = 1] = parse(getComputedStyle(e).color);
  let el = e, bg = null;
  while (el) { const c = parse(getComputedStyle(el).backgroundColor);
    if (c.length && (c[3] === undefined || c[3] > 0.5)) { bg = c; break; } el = el.parentElement; }
  bg = bg || [255, 255, 255];
  const mix = (x, y) => Math.round(x * a + y * (1 - a));
  return [`rgb(${mix(r, bg[0])}, ${mix(g, bg[1])}, ${mix(b, bg[2])})`, `rgb(${bg[0]}, ${bg[1]}, ${bg[2]})`];
}"""
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def build_docs(tmp: Path, theme: str) -> Path:
    """The project's own docs site, built with the given theme."""
    site = tmp / f"site-{theme}"
    if theme == "material":
        config = ROOT / "mkdocs.yml"
    else:
        config = tmp / "mkdocs-plain.yml"
        config.write_text(
            f"site_name: plain\ndocs_dir: {ROOT / 'docs'}\ntheme:\n  name: mkdocs\n  color_mode: auto\n"
            "plugins:\n  - search\n  - prfaq\nmarkdown_extensions:\n  - admonition\n  - toc:\n      permalink: true\n",
            encoding="utf-8")
    result = mkdocs(["build", "-q", "-f", str(config), "-d", str(site)], ROOT)
    assert result.code == 0, result.text
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("browser")
    material, plain = build_docs(tmp, "material"), build_docs(tmp, "mkdocs")
    with serve(material) as m, serve(plain) as p:
        yield {"material": m, "mkdocs": p}


@pytest.mark.parametrize("theme", ("material", "mkdocs"))
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_fits_and_shows_every_part(browser: Any, sites: dict[str, str], theme: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(sites[theme] + PAGE)
    page.wait_for_load_state("load")
    if theme == "material":
        expected = "slate" if scheme == "dark" else "default"
        assert page.eval_on_selector("body", "b => b.getAttribute('data-md-color-scheme')") == expected
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of horizontal overflow"
    badge = page.locator(".prfaq-badge").first
    assert badge.is_visible() and badge.inner_text().strip().endswith("Launched")
    colours = badge.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert contrast(*colours) >= 4.5, colours
    for selector in (".prfaq-facts dd", ".prfaq-subtitle", ".prfaq-quote figcaption", "h4", ".prfaq-tag"):
        fg, bg = page.locator(selector).first.evaluate(TEXT_AND_BACKGROUND)
        assert contrast(fg, bg) >= 4.5, (selector, fg, bg)
    quotes = page.locator("figure.prfaq-quote")
    assert quotes.count() == 2
    for i in range(2):
        assert quotes.nth(i).is_visible()
        box = quotes.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    leader, customer = (quotes.nth(i).locator("blockquote").evaluate("e => getComputedStyle(e).borderLeftColor")
                        for i in range(2))
    assert leader != customer, "leader and customer quotes look the same"
    questions = page.locator(":is(#external-faq, #internal-faq) ~ h4")
    assert questions.count() == 6
    for i in range(questions.count()):
        assert questions.nth(i).is_visible()
    screenshot(page, f"prfaq-{theme}-{width}-{scheme}.png")
    context.close()


@pytest.mark.parametrize("theme", ("material", "mkdocs"))
def test_faq_anchor_scrolls_to_its_question(browser: Any, sites: dict[str, str], theme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    anchor = "what-are-we-not-building"
    page.goto(sites[theme] + PAGE + "#" + anchor)
    page.wait_for_load_state("load")
    # In the upper half of the window (the last questions of a page cannot reach its very top),
    # below a fixed header: the page scrolled to the question.
    page.wait_for_function(f"Math.abs(document.getElementById('{anchor}').getBoundingClientRect().top) < 350")
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 350
    assert page.evaluate("window.scrollY") > 500
    page.close()


@pytest.mark.parametrize("theme", ("material", "mkdocs"))
def test_print_puts_the_faq_on_a_later_page(browser: Any, sites: dict[str, str], theme: str) -> None:
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(sites[theme] + PAGE)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    assert page.locator("#faq").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    texts = [p.extract_text() for p in pdf.pages]
    first_pr = next(i for i, t in enumerate(texts) if "Press release" in t)
    first_faq = next(i for i, t in enumerate(texts) if "External FAQ" in t)
    assert first_pr == 0, "the press release starts on the first page"
    assert first_faq > first_pr
    # the whole press release, quotes and closing included, fits the first page
    for text in ("SEATTLE, WA", "Maintainer, mkdocs-prfaq", "Priya Raman", "mkdocs-prfaq is open source"):
        assert text in texts[0], text
    # no navigation chrome on paper
    assert "Getting started" not in texts[0] and "Table of contents" not in texts[0]
    page.close()


def test_scripts_in_front_matter_never_run(browser: Any, tmp_path: Path) -> None:
    from ..conftest import Site

    site = Site(tmp_path / "xss")
    site.config(theme="material")
    payload = "<script>window.__pwned=1</script><img src=x onerror='window.__pwned=2'>"
    site.proposal("evil.md", "in-review", title=f"Evil {payload}", owner=payload, tags=[payload],
                  quotes=[{"kind": "leader", "name": payload, "role": payload, "text": payload},
                          {"kind": "customer", "name": "C", "role": "R", "text": "[click me](javascript:window.__pwned=3)"}],
                  faq={"external": [{"question": payload, "answer": payload}] * 3,
                       "internal": [{"question": "Q", "answer": "x\n{: onclick=\"window.__pwned=4\" }"}] * 3})
    assert site.build().code == 0
    with serve(site.root / "site") as url:
        page = browser.new_page()
        page.goto(url + "proposals/evil/")
        page.wait_for_load_state("load")
        page.get_by_text("click me").click()
        page.get_by_text("onclick").last.click()
        assert page.evaluate("window.__pwned === undefined")
        assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
        page.close()
