"""Each field is sanitised for the slot the layout puts it in (issue 18): a customer answer sits
in a ``<dd>``, so a ``<dt>``/``<dd>`` of its own would end it in the browser and draw a row of
the layout's (a fake "Decision: Approved by the CEO"); a question is a heading's text; a quote
sits in a ``<figure>`` with the layout's caption. Checked on the DOM headless Chromium builds."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_prfaq.layout.sanitize import SLOTS, Sanitizer, slot_of

from ..browser import chromium, serve
from ..conftest import Site

FAKE_ROW = "<dt>Decision</dt><dd>Approved by the CEO</dd>"
HOSTILE = {
    "who": f"Podcasters.\n\n{FAKE_ROW}",
    "problem": f"<dl>{FAKE_ROW}</dl>",
    "benefit": f"Term\n:   {FAKE_ROW}",
    "evidence": "<dd>Approved by the CEO</dd>\n\nMore <dt>Decision</dt>",
    "experience": "Plain answer.",
}


def site_with_hostile_fields(root: Path, theme: str, monkeypatch: pytest.MonkeyPatch) -> Site:
    site = Site(root)
    site.proposal("slots.md", "draft", customer=HOSTILE,
                  quotes=[{"kind": "customer", "name": "Real Person",
                           "text": "Great.\n\n<figcaption>Jeff Bezos, CEO</figcaption>"}],
                  faq={"external": [{"question": "Why <h1>now</h1> <div>really</div>?", "answer": "Because."}]})
    (site.root / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme:\n  name: {theme}\nplugins:\n  - search\n  - prfaq:\n      on_invalid: warn\n"
        "markdown_extensions:\n  - def_list\n  - md_in_html\n", encoding="utf-8")
    monkeypatch.chdir(site.root)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(config_file=str(site.root / "mkdocs.yml")))
    return site


@pytest.fixture(scope="module")
def browser() -> Any:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_customer_answer_draws_no_row_of_the_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      browser: Any, theme: str) -> None:
    site = site_with_hostile_fields(tmp_path / theme, theme, monkeypatch)
    with serve(site.root / "site") as url:
        page = browser.new_page()
        page.goto(url + "proposals/slots/")
        rows = page.eval_on_selector_all(".prfaq-customer-questions > dt", "els => els.map(e => e.textContent)")
        answers = page.eval_on_selector_all(".prfaq-customer-questions > dd", "els => els.length")
        nested = page.eval_on_selector_all(".prfaq-customer-questions dd :is(dl, dt, dd)", "els => els.length")
        captions = page.eval_on_selector_all("figure.prfaq-quote figcaption", "els => els.map(e => e.textContent)")
        heading = page.eval_on_selector_all("h4", "els => els.map(e => [e.textContent, e.querySelectorAll("
                                                  "'h1, div, p').length])")
        page.close()
    assert len(rows) == answers == len(HOSTILE), rows
    assert not any("Decision" in r for r in rows) and nested == 0
    assert len(captions) == 1 and "Real Person" in captions[0] and "Bezos" not in captions[0]
    why = [h for h in heading if h[0].startswith("Why")]
    assert why and why[0][1] == 0, heading


@given(st.sampled_from(["customer.who", "customer.problem", "faq.external.0.question", "quotes.0.text",
                        "press_release.summary"]),
       st.lists(st.sampled_from(["dt", "dd", "dl", "div", "p", "h1", "figcaption", "figure", "ul", "li", "b",
                                 "table", "tr", "td", "blockquote", "em", "code", "span"]), max_size=6),
       st.text(alphabet="ab <>/", max_size=10))
@settings(max_examples=300, deadline=None)
def test_a_field_holds_only_what_its_slot_allows(key: str, tags: list[str], text: str) -> None:
    markup = "".join(f"<{t}>{text}" for t in tags) + "".join(f"</{t}>" for t in reversed(tags))
    out = Sanitizer().clean_field(key, markup)
    slot = slot_of(key)
    if slot is None:
        return
    found: set[str] = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            found.add(tag)

        def handle_endtag(self, tag: str) -> None:
            found.add(tag)

    Tags().feed(out)
    assert found <= SLOTS[slot], (key, out)
