"""No page can run script: hostile PR/FAQs built into real sites, read by a parser and loaded in
headless Chromium; the sanitiser fed generated payloads; safe Markdown survives sanitising."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.layout.fields import FieldSplitter
from mkdocs_prfaq.layout.sanitize import clean

from ..browser import chromium, serve
from ..conftest import Site
from ..hostile import HEADINGS, PAYLOADS, hostile_page, unsafe

EXTENSIONS = """markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - footnotes
  - tables
  - def_list
  - abbr
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""
MD_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "footnotes", "tables", "def_list", "abbr", "toc",
                 "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
                 "pymdownx.highlight", "pymdownx.inlinehilite"]


def hostile_site(root: Path, theme: str) -> Site:
    site = Site(root)
    for i, payload in enumerate(PAYLOADS):
        site.page(f"hostile-{i}.md", hostile_page(i, payload, ("in-review", "approved", "draft")[i % 3]))
    site.config("on_invalid: warn", theme=theme, extra=EXTENSIONS)
    result = site.build()
    assert result.code == 0 and "Traceback" not in result.text, result.text
    return site


# A theme's site is built once for its three tests, on one xdist worker; the two themes on two.
@pytest.fixture(scope="module", params=[pytest.param(theme, marks=pytest.mark.xdist_group(f"hostile_{theme}"))
                                        for theme in ("material", "mkdocs")])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    return hostile_site(tmp_path_factory.mktemp(f"hostile-{request.param}"), request.param)


def test_hostile_pages_hold_no_script_handler_or_unsafe_url(built: Site) -> None:
    baseline = Counter(unsafe(built.html("index.html")))  # the theme's own frame
    site = built.root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "proposals").rglob("*.html"))
    assert len([p for p in pages if "hostile-" in p]) == len(PAYLOADS)
    for src in pages:
        found = Counter(unsafe(built.html(src)))
        # The theme's frame may hold a <meta>/<link>/<form> more (description, prev/next, the
        # index's filters), never a script or style more.
        extra = [f for f in found - baseline if f not in ("<meta>", "<link>", "<form>")]
        assert not extra, (src, extra)
    if "md-search" in built.html("index.html"):  # Material's search shows titles and text as HTML
        for doc in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
            assert unsafe(doc["title"]) == unsafe(doc["text"]) == [], doc


def test_toc_and_meta_carry_no_markup(built: Site) -> None:
    html = built.html("proposals/hostile-0/index.html")
    assert "<script>alert" not in html
    assert 'content="javascript' not in html and "location.replace" not in html  # not Material's redirect.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the payload is shown as text
    for line in html.splitlines():
        if 'href="#' in line:
            assert "<script" not in line and "onmouseover" not in line.replace("&#x27;", "'").split('href="#')[1][:200]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


HOOKS = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__ran.push(name + ':' + args.join(',')); };
}
const realFetch = window.fetch;
window.fetch = (...args) => {
  const url = new URL(String(args[0] && args[0].url || args[0]), location.href);
  if (url.hostname !== location.hostname) window.__ran.push('fetch:' + url);
  return realFetch(...args);
};
"""


FIRE_EVENTS = """() => {
  for (const e of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'click', 'focus', 'focusin', 'error', 'load', 'toggle']) {
      if (type === 'click' && (e.closest('a[href]') || e.matches('input, label, summary'))) continue;
      e.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
}"""


TABS = 8


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_chromium(built: Site, browser: Any) -> None:
    pages = ["proposals/", "proposals/roadmap/", "proposals/status/in-review/"] + [
        f"proposals/hostile-{i}/" for i in range(len(PAYLOADS))]
    with serve(built.root / "site") as url:
        context = browser.new_context()
        context.add_init_script(HOOKS)
        elsewhere: list[str] = []

        def route(r: Any) -> None:
            elsewhere.append(r.request.url)
            r.abort()

        # only what the served site does not hold comes to Python (to be noted and refused): the
        # site's own requests go to it without a round trip through this process each
        context.route(re.compile("^(?!" + re.escape(url) + ")"), route)
        dialogs: list[str] = []

        def new_page() -> Any:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            return page

        page = new_page()
        page.goto(url)  # the site's home: what the theme itself loads from elsewhere (web fonts, CDN)
        page.wait_for_load_state("networkidle")
        theme = set(elsewhere)
        # TABS tabs load the pages side by side, each tab one page after another as this one
        # would, so that their waits for the network to go idle overlap (Playwright gives every
        # tab focus, as the only one would have)
        tabs = [new_page() for _ in range(TABS)]
        for start in range(0, len(pages), TABS):
            batch = list(zip(pages[start : start + TABS], tabs, strict=False))
            for path, tab in batch:
                tab.goto(url + path, wait_until="commit")
            for _, tab in batch:
                tab.wait_for_load_state("load")
                tab.wait_for_load_state("networkidle")
            for path, tab in batch:
                tab.keyboard.press("Tab")
                tab.evaluate(FIRE_EVENTS)  # any inline handler left would run now
                ran = tab.evaluate("window.__ran")
                assert ran == [] and dialogs == [], (path, ran, dialogs)
                assert tab.evaluate("document.querySelectorAll('base').length") == 0, path
                assert "/proposals/" in tab.url, (path, tab.url)  # no redirect away
        page.goto(url + "proposals/hostile-0/")
        page.wait_for_load_state("networkidle")
        if page.query_selector("input.md-search__input"):  # Material
            from playwright.sync_api import TimeoutError as PlaywrightTimeout

            # its worker indexes first ('Initializing search' goes), and it reads the query on
            # keyup: fill the field, then press a key in it, again if no result shows
            page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
                return m !== null && !/initializ/i.test(m.textContent); }""", timeout=120_000)
            results = 0
            for _ in range(5):
                page.fill("input.md-search__input", "")
                page.fill("input.md-search__input", "question")
                page.press("input.md-search__input", "End")
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=20_000)
                except PlaywrightTimeout:
                    continue
                results = page.eval_on_selector_all(".md-search-result__item", "r => r.length")
                break
        else:  # MkDocs' theme
            page.evaluate("""() => { const i = document.getElementById('mkdocs-search-query');
                i.value = 'question'; i.dispatchEvent(new KeyboardEvent('keyup')); }""")
            page.wait_for_selector("#mkdocs-search-results article", state="attached")
            results = page.eval_on_selector_all("#mkdocs-search-results article", "r => r.length")
        page.evaluate(FIRE_EVENTS)
        assert results > 0 and page.evaluate("window.__ran") == [] and dialogs == []
        context.close()
    assert set(elsewhere) - theme == set(), set(elsewhere) - theme


# -- generated payloads -------------------------------------------------------------------

_HTML = st.sampled_from(["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<svg/onload=alert(1)>",
                         "<base href=//evil/>", "<a href='javascript:alert(1)'>", "<iframe srcdoc='x'>",
                         "<style>*{}</style>", "<div onclick=alert(1)>", "</div>", "<details ontoggle=alert(1) open>",
                         "<a href='&#x6a;avascript:alert(1)'>j</a>", "<form action=//evil>", "<object data=x>",
                         "<input autofocus onfocus=alert(1)>", "<math><mi href=javascript:alert(1)>",
                         "<p style='background:url(javascript:alert(1))'>", "<img src='data:image/svg+xml,x'>"])
_MARKDOWN = st.sampled_from(["`", "``", "\\`", "\\", "```", "~~~", "    ", "\n\n", "\n", "> ", "- ", "1. ", "# ",
                             "[x]", "(javascript:alert(1))", "[r]: javascript:alert(1)\n", "[r]", "<mailto:",
                             "<https:", "//", ">", "{", "}", "{#", '"', "'", " onclick=alert(1)", "{: onclick=x }",
                             "*", "_", "!", "[", "]", "(", ")", "!!! note\n    ", "??? x\n    ", "=== \"t\"\n    ",
                             "[^1]", "[^1]: ", "<div markdown>", ":smile:", "- [x] ", "|a|b|\n|-|-|\n|", "&lt;",
                             "&#60;", "<!--", "-->", "<![CDATA[", "javascript:alert(1)", "vbscript:x", "data:x"])
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)
payloads = st.lists(st.one_of(_HTML, _MARKDOWN, _TEXT), min_size=1, max_size=14).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=payloads, fields=st.lists(payloads, min_size=1, max_size=3))
def test_generated_payloads_never_survive_sanitising(body: str, fields: list[str]) -> None:
    splitter = FieldSplitter()
    splitter.active = True
    md = markdown.Markdown(extensions=[*MD_EXTENSIONS, splitter.extension()])
    named = [(f"f{i}", text) for i, text in enumerate(fields)]

    def alone(text: str) -> str:
        md.reset()
        return md.convert(text)

    rendered = alone(splitter.join(body, named))
    body_html, fields_html = splitter.split(rendered, named, alone, clean)
    for piece in [body_html, *fields_html.values()]:
        assert unsafe(piece) == [], (piece, body, fields)
        assert clean(piece) == piece  # balanced and stable: nothing left to take out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_HTML, _MARKDOWN, _TEXT), max_size=20).map("".join))
def test_clean_output_has_no_handler_script_or_unsafe_url(text: str) -> None:
    assert unsafe(clean(text)) == []


# -- safe Markdown survives -----------------------------------------------------------------

RICH = """
!!! note "A note"
    Admonition text.

??? tip "Details"
    Hidden text.

=== "One"
    Tab one.

=== "Two"
    Tab two.

<div markdown class="grid">
*Markdown in HTML*
</div>

A footnote[^1] and :smile: and `inline` code.

[^1]: The note.

| Left | Centre | Right |
|:-----|:------:|------:|
| a    | b      | c     |

```python
print("hello")
```

- [x] done
- [ ] to do

Term
:   Definition

[Link](https://example.com){ .external title="Example" } and ![Image](pic.png){ width="40" }

## A heading { #custom-id .special }
"""


def test_safe_markdown_survives_sanitising(site: Site) -> None:
    site.proposal("rich.md", "draft")
    path = site.docs / "proposals" / "rich.md"
    path.write_text(path.read_text(encoding="utf-8") + RICH, encoding="utf-8")
    (site.docs / "plain.md").write_text("# Plain\n" + RICH, encoding="utf-8")
    for folder in (site.docs, site.docs / "proposals"):
        (folder / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.config("", theme="material", extra=EXTENSIONS)
    assert site.build("--strict").code == 0
    proposal, plain = site.html("proposals/rich/index.html"), site.html("plain/index.html")
    for expected in ['class="admonition note"', "<details", 'class="tabbed-set', 'type="radio"', "<label",
                     'class="grid"', 'class="footnote"', 'class="footnote-ref"', 'class="twemoji"', "viewBox=",
                     'class="highlight"', 'type="checkbox"', "task-list-item", "<dl>", "<dd>",
                     'href="https://example.com"', 'class="external"', 'title="Example"', 'width="40"',
                     'id="custom-id"', 'class="special"', "<table>", "<code>inline</code>", 'src="../pic.png"']:
        assert expected in plain, expected
        if expected == 'class="external"':  # a class no Markdown extension makes: not on a proposal (#18)
            assert expected not in proposal.split('class="md-content"')[1]
            continue
        assert expected in proposal, expected
    assert 'align="center"' in proposal and 'style="text-align' not in proposal.split('class="md-content"')[1]


def test_sanitize_false_keeps_raw_html(site: Site) -> None:
    site.proposal("raw.md", "draft")
    path = site.docs / "proposals" / "raw.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n<span style="color: red">red</span>\n', encoding="utf-8")
    assert site.build().code == 0
    assert '<span style="color: red">' not in site.html("proposals/raw/index.html")
    site.config("sanitize: false")
    assert site.build().code == 0
    assert '<span style="color: red">red</span>' in site.html("proposals/raw/index.html")


def test_pages_outside_the_proposals_folder_are_left_alone(site: Site) -> None:
    (site.docs / "notes.md").write_text('# Notes\n\n<span style="color: red">red</span>\n', encoding="utf-8")
    assert site.build().code == 0
    assert '<span style="color: red">red</span>' in site.html("notes/index.html")


def test_attr_list_ids_are_slug_characters(site: Site) -> None:
    site.proposal("ids.md", "draft")
    path = site.docs / "proposals" / "ids.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n\n".join(HEADINGS) + "\n", encoding="utf-8")
    site.config("", extra="markdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n")
    assert site.build().code == 0
    html = site.html("proposals/ids/index.html")
    ids = re.findall(r'(?:id="|href="#)([^"]*)"', html)
    assert "x" in ids and "heading" in ids and len(ids) > 30
    assert all(re.fullmatch(r"[\w.:-]*", i) for i in ids), ids
    assert "<script>alert" not in html and "onmouseover=" not in html


# -- found by review -------------------------------------------------------------------------


def test_theme_ids_cannot_be_claimed(site: Site) -> None:
    site.proposal("ids.md", "draft")
    path = site.docs / "proposals" / "ids.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n<p id="__config">{}</p>\n\n## Config {#__search}\n\n'
                    '<div id="mkdocs-search-results">x</div>\n\n=== "Tab"\n    In a tab.\n', encoding="utf-8")
    site.config("", theme="material", extra="markdown_extensions:\n  - attr_list\n  - md_in_html\n"
                "  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n")
    assert site.build("--strict").code == 0
    html = site.html("proposals/ids/index.html")
    assert html.count('id="__config"') == 1 and 'id="user-__config"' in html  # the theme's own, and the page's
    assert 'id="user-__search"' in html and 'id="user-mkdocs-search-results"' in html
    assert 'id="__tabbed_1_1"' in html  # pymdownx.tabbed keeps its own


def test_layout_false_still_sanitises(site: Site) -> None:
    site.proposal("plain.md", "draft")
    path = site.docs / "proposals" / "plain.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n",
                    encoding="utf-8")
    site.config("layout: false")
    assert site.build().code == 0
    html = site.html("proposals/plain/index.html")
    assert "alert(1)" not in html and "onerror" not in html and '<img src="x">' in html


def test_every_markdown_extension_is_a_pr_faq(site: Site) -> None:
    site.page("evil.markdown", "---\ntitle: E\nstatus: bogus\nowner: A\ncreated: 2026-01-01\n---\n\n"
              "<script>alert('ext')</script>\n")
    result = site.check("check")
    assert result.code == 1 and "docs/proposals/evil.markdown:3: status:" in result.out, result.text
    site.config("on_invalid: warn")
    assert site.build().code == 0
    assert "alert('ext')" not in site.html("proposals/evil/index.html")


def test_word_count_is_linear(site: Site) -> None:
    site.proposal("many.md", "draft", subtitle="<" * 240_000 + "](" * 100_000)
    result = site.build(timeout=120)  # quadratic: over 100 s
    assert result.code == 0, result.text


def test_identical_questions_are_linear(site: Site) -> None:
    site.proposal("same.md", "draft", faq={"external": [{"question": "Same?", "answer": "a"}] * 3000})
    result = site.build(timeout=120)
    assert result.code == 0, result.text
    assert 'id="same-3000"' in site.html("proposals/same/index.html")


def test_theme_keys_in_front_matter_cannot_break_the_build(site: Site) -> None:
    site.proposal("icon.md", "draft", icon="nope/none", social={"cards_layout": "../../x"}, template="x.html")
    site.config("", theme="material")
    result = site.build()
    assert result.code == 0 and "Traceback" not in result.text, result.text


def test_a_file_name_with_a_line_break_is_a_problem_and_not_built(site: Site) -> None:
    site.proposal("a\nWARNING -  forged.md", "draft")
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text
    assert "forged" not in "".join(line for line in result.text.splitlines() if line.startswith("WARNING"))
    assert "the file name holds control or line-break characters" in result.text
