"""Generated documents through the one reader, the body form and ``import``: none crashes, every
word the author wrote is still there, and every line reported is a line of the page (issue 19).
Also: what ``import`` writes in front matter (PyYAML's, read back as written), and where
markdown-it (CommonMark, what the body form reads) and Python-Markdown (what MkDocs renders)
differ in ways that matter for a page, pinned."""

from __future__ import annotations

import datetime
import re
from typing import Any

import markdown as python_markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract import body, reader
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

VALIDATOR = build_validator()
FRONT = "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n"
WORDS = ["apple", "banjo", "cobalt", "dingo", "ember", "fjord", "gravel", "hazel", "igloo", "jasper", "kelp",
         "lumen", "mango", "nectar", "opal", "pepper", "quartz", "raven", "saffron", "tundra"]
"""Words no vocabulary knows: the author's own, which nothing may drop."""

word = st.sampled_from(WORDS)
words = st.lists(word, min_size=1, max_size=4).map(" ".join)
SECTION = st.sampled_from(["Press release", "External FAQ", "Internal FAQ", "FAQ", "Part 1 — Press Release",
                           "2. FAQ", "Customers", "Internal", "Working Backwards", "Customer quotes"])


def _heading(level: int, text: str) -> str:
    return "#" * level + " " + text


pieces = st.one_of(
    st.builds(_heading, st.integers(1, 4), SECTION),
    st.builds(_heading, st.integers(1, 5), words),
    st.builds(lambda w: f"{w}?", words).flatmap(lambda q: st.builds(_heading, st.integers(2, 5), st.just(q))),
    st.builds(lambda t, u: f"{t}\n{u * 5}", st.one_of(SECTION, words), st.sampled_from(["=", "-"])),
    words,
    st.builds(lambda w: f"**Why {w}?**", words),
    st.builds(lambda w: f"**Q: {w}?**\n\nA: {w}", words),
    st.builds(lambda w: f"**SEATTLE, WA, April 2, 2027** — {w}", words),
    st.builds(lambda w, n: f'> "{w}"\n> — {n.title()}, {n} lead', words, word),
    st.builds(lambda w, n: f'"{w}," said {n.title()}, {n} lead.', words, word),
    st.builds(lambda w, n, v: f'"{w}," {n.title()} {v}. "{w}."', words, word, st.sampled_from(["added", "says"])),
    st.builds(lambda p, w, n: f'{p}. "{w}" said the {n}. {p}.', words, words, word),
    st.builds(lambda w, n: f'> *"{w}"* — {n}', words, word),
    st.builds(lambda w, n: f'> "{w}"\n\n— {n.title()}, {n} lead', words, word),
    st.builds(lambda w: f"> {w}?", words),
    st.just("##"),
    st.builds(lambda w, info: f"```{info}\n**Why {w}?**\n## {w}\n```", words, st.sampled_from(["", "js", "md"])),
    st.builds(lambda w: f"<!--\n## External FAQ\n{w}\n-->", words),
    st.builds(lambda w: f"<!--\n## External FAQ\n\n### Why hidden {w}?\n\n{w}\n-->", words),
    st.builds(lambda w, info: f"```\n```{info}\n\n**Why fenced {w}?**\n```", words, st.sampled_from(["js", "md"])),
    st.builds(lambda a, b: f"- {a}\n- {b}", words, words),
    st.builds(lambda a, b: f"{a}\n- {b}", words, words),
    st.builds(lambda a, b: f"| {a} |\n|---|\n| {b} |", words, words),
    st.builds(lambda w: f"[{w}]: https://example.com/{w}", word),
    st.builds(lambda w: f"**Problem:** {w}", words),
    st.builds(lambda w: f"`{w} <path>`", words),
    st.just("---"),
)
documents = st.lists(st.tuples(pieces, st.sampled_from(["\n\n", "\n", "\n\n\n"])), min_size=1, max_size=14).map(
    lambda parts: "".join(p + sep for p, sep in parts))


def _found(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w in WORDS}


def _strings(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_strings(v) for v in value)
    return str(value)


def _asked(data: dict[str, Any]) -> str:
    faq = data.get("faq") if isinstance(data.get("faq"), dict) else {}
    return " ".join(str(q.get("question", "")) for part in ("external", "internal")
                    for q in faq.get(part) or [] if isinstance(q, dict))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_through_the_reader_body_form_and_import(text: str) -> None:
    lines = text.split("\n")
    doc = reader.read(text)
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(lines), (b, text)
        assert b.text == "\n".join(lines[b.start : b.end])
    covered = [i for b in doc.blocks for i in range(b.start, b.end)]
    assert covered == sorted(set(covered))
    assert {i for i, line in enumerate(lines) if line.strip()} <= set(covered), text

    page = FRONT + text
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    for problem in problems:
        assert 1 <= problem.line <= page.count("\n") + 1, (str(problem), page)
    kept = _found(_strings(proposal.data) + " " + proposal.body + " " + proposal.preface)
    assert _found(text) <= kept, (_found(text) - kept, text)
    asked = _asked(proposal.data)
    assert "hidden" not in asked and "fenced" not in asked, (asked, text)  # comments and code are opaque

    converted = importer.convert(text, name="p.md", today=datetime.date(2026, 1, 1), user="A")
    written = converted.text.split("\n")
    for note in converted.notes:
        assert 1 <= note.line <= len(written), (note, converted.text)
    assert _found(text) <= _found(converted.text), (_found(text) - _found(converted.text), text, converted.text)
    if "**Why fenced" in text:
        assert "**Why fenced" in converted.text  # still code, as written
    # what import writes is a page the body form reads, with no problem beyond a draft's
    imported, again = load_page("proposals/p.md", "docs/proposals/p.md", converted.text, VALIDATOR)
    for problem in again:
        assert 1 <= problem.line <= len(written), (str(problem), converted.text)
    assert "hidden" not in _asked(imported.data) and "fenced" not in _asked(imported.data), converted.text


# -- front matter by PyYAML ------------------------------------------------------------------------


@pytest.mark.parametrize("title", ['"Yes": it\'s #1 — a: b', "2027", "yes", "- a list?", "Tab\there", "@home & *away*",
                                   "Line\u2028separator", "{braces} [brackets]"])
def test_front_matter_reads_back_as_written(title: str) -> None:
    converted = importer.convert(f"# {title}\n\nSome text.\n", name="p.md", today=datetime.date(2026, 1, 1),
                                 user="O'Brien: \"Ops\"")
    front = yaml.safe_load(converted.text.split("---\n")[1])
    assert front["owner"] == "O'Brien: \"Ops\""
    assert front["title"] == converted.title and isinstance(front["id"], str)
    assert front["created"] == datetime.date(2026, 1, 1)


# -- markdown-it and Python-Markdown: the differences that matter, pinned ---------------------------


def _python_markdown(text: str) -> str:
    return python_markdown.markdown(text, extensions=["tables"])


def test_a_list_directly_under_a_paragraph() -> None:
    """CommonMark (and GitHub) start a list under a paragraph line; Python-Markdown does not. The
    reader sees two blocks, and the body form writes them as two, so the answer renders a list."""
    text = "Three things:\n- one\n- two"
    assert [b.kind for b in reader.read(text).blocks] == ["paragraph", "list"]
    assert "<li>" not in _python_markdown(text)
    answer = body.parse(f"## External FAQ\n\n### What?\n\n{text}\n", 0)
    assert answer is not None
    assert "<li>one</li>" in _python_markdown(answer.data["faq"]["external"][0]["answer"])


def test_list_indentation() -> None:
    """A nested list indented by two spaces is nested in CommonMark, a flat list in Python-Markdown
    (which needs four): the reader sees one list either way, so nothing is split between sections."""
    text = "- a\n  - b\n- c"
    assert [b.kind for b in reader.read(text).blocks] == ["list"]
    assert _python_markdown(text).count("<ul>") == 1
    assert _python_markdown("- a\n    - b\n- c").count("<ul>") == 2


def test_html_blocks() -> None:
    """An HTML block ends at a blank line in CommonMark (and on GitHub), so a heading after a blank
    line inside a ``<div>`` is a heading to the reader, while Python-Markdown keeps the ``<div>``
    raw up to its closing tag. A comment is opaque to both: a FAQ heading in it is no section."""
    text = "<div>\n\n## External FAQ\n\n</div>"
    kinds = [b.kind for b in reader.read(text).blocks]
    assert kinds == ["html", "heading", "html"]
    assert "<h2>" not in _python_markdown(text)
    comment = "<!--\n\n## External FAQ\n\n-->"
    assert [b.kind for b in reader.read(comment).blocks] == ["html"]
    assert "<h2>" not in _python_markdown(comment)


def test_blockquotes_separated_by_a_blank_line() -> None:
    """Two blockquotes in CommonMark, one in Python-Markdown: the body form reads them as one quote."""
    text = '> "We built it.\n\n> Every team deserves it."\n> — Dana Levi, VP'
    assert [b.kind for b in reader.read(text).blocks] == ["blockquote", "blockquote"]
    assert _python_markdown(text).count("<blockquote>") == 1
    doc = body.parse(f"## Press release\n\n**X, May 1, 2027** — s\n\n{text}\n", 0)
    assert doc is not None and len(doc.data["quotes"]) == 1


# -- import on the reader --------------------------------------------------------------------------


def _convert(text: str) -> str:
    return importer.convert(text, name="p.md", today=datetime.date(2026, 1, 1), user="A").text


def test_import_keeps_a_questions_inline_markup_and_splits_a_list_from_its_paragraph() -> None:
    page = _convert("# Noda\n\n## FAQ\n\n### How do I add a file with `noda file add <path>`?\n\nRun it:\n- once\n"
                    "- twice\n\n### **Q: Why *bold*?** {#b}\n\nx\n")
    assert "### How do I add a file with `noda file add <path>`?\n" in page
    assert "Run it:\n\n- once\n- twice" in page
    assert "### Why *bold*? {#b}\n" in page
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems
    assert [q["question"] for q in proposal.faq("external")] == [
        "How do I add a file with `noda file add <path>`?", "Why *bold*?"]


def test_import_reads_numbered_and_setext_sections_and_leaves_comments_and_code_alone() -> None:
    page = _convert("Rocket Skates\n=============\n\nPart 1 — Press Release\n----------------------\n\n"
                    "**SEATTLE, WA, April 2, 2027** — Today.\n\n<!--\n## Internal FAQ\n\n### Hidden?\n\nno\n-->\n\n"
                    "## 2. FAQ\n\n**Why?**\n\nBecause:\n\n```md\n**How?**\n```\n")
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems, problems
    assert proposal.title == "Rocket Skates"
    assert [q["question"] for q in proposal.faq("external")] == ["Why?"]
    assert proposal.faq("internal") == []
    assert "<!--\n## Internal FAQ" in page and "```md\n**How?**\n```" in page
