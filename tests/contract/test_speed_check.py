"""The shortcuts that make `check` cheap agree with the rules they shorten (#23, Speed).

- ``placeholders.is_placeholder`` rejects most prose by how it starts: generated texts, short and
  long, get the same answer as the whole-text rule; ``placeholders.find`` walks the fields
  directly and finds what walking every path did.
- ``body.parse`` does not read a page as Markdown when no line could be a heading naming a
  section: generated bodies give the same result as reading every one.
- ``model._deep_html`` walks the fields' paths only when some text has enough tags to be deep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract import body, placeholders, reader
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator


def _whole_text_rule(value: str) -> bool:
    """is_placeholder as the rules say it, on the whole text (no shortcut)."""
    ph = placeholders
    text = ph._MARKUP.sub(" ", ph._LIST.sub(" ", ph._HTML_COMMENT.sub(" ", value))).strip()
    if not text or ph._SLOT.match(text):
        return True
    return bool(ph._ONLY_PLACEHOLDER.match(text) or re.split(r"[\s:.!?,;(—–]", text, maxsplit=1)[0] in ph._MARKERS)


_PIECES = st.sampled_from([
    "TODO", "TBD", "tbc", "TBA", "to do", "to  do", "to**do", "to\n- do", "To be decided", "xxx", "XX", "FIXME",
    "fixme", "N/A", "n/a", "na", "NA", "None yet", "none", "placeholder", "Placeholder", "coming soon", "Coming",
    "lorem ipsum", "Lorem", "insert", "Insert the name here", "ınsert x here", "İNSERT x here", "- ", "\n1. ",
    "+ ", "* ", "١. ", " ", "\t", "\n", "\r", "\u00a0", "**", "_", "`", "#", ">", "?", "-", "—", "x", "X", "t", "T",
    "...", "…", "[City]", "[City, State]", ":", ".", "!", ",", "(", "<!-- c -->", "<!--", "-->", "<b>",
    "word", "Customers told us", "Ana Souza", "Today", "Todo lists", "Chen", "Ivan", "Nathan", "prose", "a" * 70,
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
@example("")
@example("  **TBD**  ")
@example("to\n- do")
@example("ınsert it here")
@example("N/A")
@example("Customers told us")
def test_placeholder_start_gate_agrees_with_the_whole_text_rule(value: str) -> None:
    assert placeholders.is_placeholder(value) == _whole_text_rule(value), value


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=4).map("".join), st.lists(_PIECES, min_size=20, max_size=80).map("".join))
def test_placeholder_start_gate_on_long_text(head: str, tail: str) -> None:
    value = head + tail
    assert placeholders.is_placeholder(value) == _whole_text_rule(value), value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_placeholder_start_gate_on_any_text(value: str) -> None:
    assert placeholders.is_placeholder(value) == _whole_text_rule(value), value


def _find_by_paths(data: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    """placeholders.find as it was: every path listed, then looked up."""
    def text_at(path: tuple[str, ...]) -> Any:
        value: Any = data
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            else:
                return None
        return value

    paths = list(placeholders._TEXT_FIELDS) + [("press_release", part) for part in placeholders._PARTS]
    for key in placeholders._NAME_LISTS:
        names = data.get(key)
        if isinstance(names, list):
            paths += [(key, str(i)) for i in range(len(names))]
    quotes = data.get("quotes")
    if isinstance(quotes, list):
        paths += [("quotes", str(i), key) for i in range(len(quotes)) for key in ("text", "name")]
    faq = data.get("faq")
    if isinstance(faq, dict):
        for part in ("external", "internal"):
            items = faq.get(part)
            if isinstance(items, list):
                paths += [("faq", part, str(i), key) for i in range(len(items)) for key in ("question", "answer")]
    for path in paths:
        value = text_at(path)
        if isinstance(value, str) and placeholders.is_placeholder(value):
            yield path, value


_TEXT = st.sampled_from(["TBD", "Real words here.", "", "[City]", "Ana Souza", "TODO: later", "N/A"])
_ANY: st.SearchStrategy[Any] = st.one_of(_TEXT, st.none(), st.integers(), st.lists(_TEXT, max_size=3),
                                         st.dictionaries(st.sampled_from(["text", "name", "x"]), _TEXT, max_size=3))
_QA = st.dictionaries(st.sampled_from(["question", "answer", "id"]), _TEXT | st.none(), max_size=3)
_DATA = st.fixed_dictionaries({}, optional={
    "title": _ANY, "subtitle": _ANY, "owner": _ANY, "reviewers": _ANY, "authors": _ANY,
    "dateline": st.dictionaries(st.sampled_from(["location", "date"]), _TEXT, max_size=2) | _ANY,
    "decision": st.dictionaries(st.sampled_from(["summary", "by"]), _TEXT, max_size=2) | _ANY,
    "press_release": st.dictionaries(st.sampled_from([*placeholders._PARTS, "other"]), _TEXT, max_size=6) | _ANY,
    "quotes": st.lists(st.dictionaries(st.sampled_from(["text", "name", "kind"]), _TEXT, max_size=3) | _TEXT,
                       max_size=3) | _ANY,
    "faq": st.dictionaries(st.sampled_from(["external", "internal", "other"]), st.lists(_QA | _TEXT, max_size=3)
                           | _ANY, max_size=3) | _ANY,
})


@settings(max_examples=500, deadline=None)
@given(_DATA)
def test_find_walks_the_same_paths_as_before(data: dict[str, Any]) -> None:
    assert list(placeholders.find(data)) == list(_find_by_paths(data))


_LINES = st.sampled_from([
    "## Press release", "# FAQ", "## External FAQ ##", "##  Internal FAQ  #", "## FAQ#", "##\tFAQ", "## Appendix",
    "### External FAQ", " ## FAQ", "    ## FAQ", "\t## FAQ", "\r## FAQ", "## FAQ\r", "## Part 1 — Press Release",
    "## 2. FAQ", "## **FAQ**", "## Questions", "#FAQ", "##", "## #", "FAQ", "===", "---", "- - -", "Press release",
    "```", "~~~", "> ## FAQ", "- ## FAQ", "<!--", "-->", "**Why?**", "A paragraph.", "", "", "## Notes {#faq}",
    "## Customer FAQ", "## Q&A", "## Business", "## FAQ \\#",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINES, max_size=12).map("\n".join), st.sampled_from([{}, {"faq": "Questions", "press_release": "**"}]))
@example("## Appendix\n\nNotes.\n", {})
@example("\r## FAQ\n\n### Why?\n\nBecause.\n", {})
@example("## FAQ ##\n\n### Why?\n\nBecause.\n", {})
def test_body_form_gate_gives_what_reading_every_page_gives(text: str, labels: dict[str, str]) -> None:
    fast = body.parse(text, 3, labels)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(body, "_may_name_section", lambda *_: True)
        slow = body.parse(text, 3, labels)
    assert fast == slow, text


def test_front_matter_pages_with_ordinary_headings_are_not_read_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = reader.read  # body.py imports the reader when it first reads a page
    monkeypatch.setattr(reader, "read", lambda text: read.append(text) or original(text))
    assert body.parse("## Appendix\n\nNotes with *Markdown*.\n\n### More\n") is None
    assert read == []
    assert body.parse("## Appendix\n\n## FAQ\n\n### Why?\n\nBecause.\n") is not None
    assert len(read) == 1


def _page(front: str) -> str:
    return f"---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n{front}---\n\nBody.\n"


def test_deep_html_in_a_field_is_still_found() -> None:
    deep = "<div>" * 150 + "x" + "</div>" * 150
    _, problems = load_page("p.md", "docs/p.md", _page(f"subtitle: '{deep}'\ntags: [a, b]\n"), build_validator())
    assert [(p.line, p.field) for p in problems if "nests deeper" in p.message] == [(6, "subtitle")]
    shallow = "<b>x</b> " * 40  # many tags, no depth: walked, nothing found
    _, problems = load_page("p.md", "docs/p.md", _page(f"subtitle: '{shallow}'\n"), build_validator())
    assert not [p for p in problems if "nests deeper" in p.message]
    _, problems = load_page("p.md", "docs/p.md", _page("faq:\n  external:\n  - question: Why?\n    answer: '"
                                                       + deep + "'\n"), build_validator())
    assert [(p.line, p.field) for p in problems if "nests deeper" in p.message] == [(9, "faq.external.0.answer")]
    escaped = "\\x3cdiv>" * 150  # YAML writes each '<' from an escape: the page's text holds none
    _, problems = load_page("p.md", "docs/p.md", _page(f'subtitle: "{escaped}"\n'), build_validator())
    assert [(p.line, p.field) for p in problems if "nests deeper" in p.message] == [(6, "subtitle")]


_YAML = st.sampled_from([
    "a: 1", "b: [x, 'y', 2027-01-01]", "c: &anchor {d: e, f: [1, 2]}", "g: *anchor", "h:\n  <<: *anchor\n  d: z",
    "i: !!str 3", "j: ~", "k: yes", "l:\n  - m: n\n    o: [p, {q: r}]", "s: |\n  block\n  text", "t: 'quoted: x'",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_YAML, min_size=1, max_size=6, unique=True).map("\n".join))
def test_the_loader_without_path_resolvers_composes_what_pyyaml_does(text: str) -> None:
    """frontmatter._Loader answers libyaml's descend/ascend calls with C no-ops: it has no path
    resolvers, so the nodes are PyYAML's own (tags, values, marks)."""
    import yaml

    from mkdocs_prfaq.contract import frontmatter

    assert not frontmatter._Loader.yaml_path_resolvers

    class Plain(frontmatter._Loader):
        descend_resolver = yaml.resolver.BaseResolver.descend_resolver
        ascend_resolver = yaml.resolver.BaseResolver.ascend_resolver

    def shape(node: Any) -> Any:
        value = node.value
        if isinstance(value, list):
            value = [shape(v) if not isinstance(v, tuple) else (shape(v[0]), shape(v[1])) for v in value]
        return (type(node).__name__, node.tag, value, node.start_mark.line, node.end_mark.column)

    try:
        expected = shape(yaml.compose(text, Loader=Plain))
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yaml.compose(text, Loader=frontmatter._Loader)
        return
    assert shape(yaml.compose(text, Loader=frontmatter._Loader)) == expected


_QUOTE_WORDS = st.sampled_from(['"Fast,"', "“Quick.”", "„Gut“", "«Oui»", "said", "added", "Jo", "Lee,", "VP.", "the",
                                "author", "Acme", "Inc.", "—", "-", "*", '"', "it", "works", "'single'", "\u00a0", "\n"])


@given(st.lists(_QUOTE_WORDS, max_size=14).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_the_quote_finder_skips_only_paragraphs_without_an_opening_mark(text: str) -> None:
    """``quotes.in_paragraph`` returns at once for a paragraph with no opening quotation mark:
    the same answers as reading every paragraph."""
    from mkdocs_prfaq.contract import quotes

    fast = quotes.in_paragraph(text)
    saved = quotes._HAS_OPEN
    try:
        quotes._HAS_OPEN = re.compile("")  # every paragraph read in full
        assert quotes.in_paragraph(text) == fast
    finally:
        quotes._HAS_OPEN = saved
