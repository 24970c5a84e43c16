"""One reader (issue 19): a page's Markdown is read once by markdown-it-py, and the body form walks
its blocks. What Markdown makes opaque (HTML comments and blocks, fenced code of any info string)
is never a section or a question; setext headings are headings; reading is linear in the page."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

import pytest

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract import body, reader, vocabulary
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..linear import assert_linear

VALIDATOR = build_validator()
FRONT = "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n"


def parse(text: str) -> body.BodyDoc:
    doc = body.parse(text, 0)
    assert doc is not None
    return doc


def questions(doc: body.BodyDoc, part: str = "external") -> list[str]:
    return [q["question"] for q in doc.data.get("faq", {}).get(part, [])]


# -- the reader ----------------------------------------------------------------------------------


def test_blocks_keep_their_lines_and_every_line_is_in_one() -> None:
    text = ("Title\n=====\n\n<!--\n## External FAQ\n-->\n\n```js\n**Q?**\n```\n\n[a]: http://x\n\n"
            "para\n- item\n\n  more\n- two\n\n> q\n\n> r\nlazy\n\n| a | b |\n|---|---|\n| 1 | 2 |\n### H {#x} ###\n")
    doc = reader.read(text)
    assert [(b.kind, b.start, b.end) for b in doc.blocks] == [
        ("heading", 0, 2), ("html", 3, 6), ("fence", 7, 10), ("definition", 11, 12), ("paragraph", 13, 14),
        ("list", 14, 18), ("blockquote", 19, 20), ("blockquote", 21, 23), ("table", 24, 27), ("heading", 27, 28)]
    assert (doc.blocks[0].content, doc.blocks[0].level, doc.blocks[0].setext) == ("Title", 1, True)
    assert (doc.blocks[-1].content, doc.blocks[-1].level) == ("H {#x}", 3)
    assert doc.blocks[2].info == "js"
    lines = text.split("\n")
    covered = [i for b in doc.blocks for i in range(b.start, b.end)]
    assert covered == sorted(set(covered))
    assert {i for i, line in enumerate(lines) if line.strip()} <= set(covered)
    for b in doc.blocks:
        assert b.text == "\n".join(lines[b.start : b.end])


def test_inline_content_comes_from_tokens() -> None:
    doc = reader.read("[a]: https://example.com/a.png\n")
    assert reader.plain("Run `noda file add <path>` **now** [here](x) ![alt][a] \\*", doc) == \
        "Run noda file add <path> now here alt \\*"
    assert [t.type for t in reader.inline("![alt][a]", doc)] == ["image"]
    assert reader.inline("![alt][a]", doc)[0].attrs["src"] == "https://example.com/a.png"


def test_a_carriage_return_does_not_shift_lines() -> None:
    doc = reader.read("a\rb\n\n## H\n")
    assert [(b.kind, b.start) for b in doc.blocks] == [("paragraph", 0), ("heading", 2)]


# -- the vocabulary ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "read"), [
    ("April 27, 2027", "2027-04-27"), ("Apr. 27th 2027", "2027-04-27"), ("27. April 2027", "2027-04-27"),
    ("Sept 3, 2027", "2027-09-03"), ("August 2027", "2027-08"), ("2027-08", "2027-08"),
    ("Feb 30, 2027", "Feb 30, 2027"), ("Smarch 3, 2027", "Smarch 3, 2027")])
def test_one_date_reader(written: str, read: str) -> None:
    assert vocabulary.parse_date(written) == read
    found = vocabulary.read_date(written)
    assert (found is None) == (read == written and written != "2027-08")
    if read != written and len(read) == 10:
        assert importer.full_date(written) == datetime.date.fromisoformat(read)


def test_month_names_come_from_calendar() -> None:
    import calendar
    assert vocabulary.MONTHS == tuple(calendar.month_name[1:])
    assert vocabulary.long_date(datetime.date(2027, 4, 2)) == "April 2, 2027"


@pytest.mark.parametrize("heading", ["Part 1 — Press Release", "1. Press release", "Section 2: The press release",
                                     "II. Press Release"])
def test_numbered_section_headings(heading: str) -> None:
    doc = parse(f"## {heading}\n\n**X, May 1, 2027** — s\n\n## 2. FAQ\n\n### Why?\n\nBecause.\n\n"
                "## Part 3 — Internal FAQ\n\n### How?\n\nSo.\n")
    assert doc.data["press_release"] == {"summary": "s"}
    assert questions(doc) == ["Why?"] and questions(doc, "internal") == ["How?"]


def test_a_numbered_heading_that_names_no_section_is_none() -> None:
    assert body.parse("## 2. Background\n\ntext\n\n## Part 1 — Risks\n\nr\n", 0) is None


# -- defects of the hand-written scanners, fixed by construction ---------------------------------


def test_a_faq_heading_inside_an_html_comment_is_not_the_faq() -> None:
    doc = parse("## Press release\n\n**X, May 1, 2027** — s\n\n<!--\n## External FAQ\n\n### Hidden?\n\nno\n-->\n\n"
                "## Internal FAQ\n\n### Shown?\n\nyes\n")
    assert "external" not in doc.data["faq"]
    assert questions(doc, "internal") == ["Shown?"]
    assert "<!--\n## External FAQ\n\n### Hidden?\n\nno\n-->" in doc.data["press_release"]["summary"]


def test_a_bold_line_in_a_fenced_block_with_an_info_string_is_not_a_question() -> None:
    doc = parse("## External FAQ\n\n### How do I call it?\n\n```js\n**Why?**\n\nconsole.log(1)\n```\n\n"
                "~~~python\n**Q: how?**\n~~~\n")
    assert questions(doc) == ["How do I call it?"]
    answer = doc.data["faq"]["external"][0]["answer"]
    assert "```js\n**Why?**\n\nconsole.log(1)\n```" in answer and "**Q: how?**" in answer
    # a fence's line with an info string never closes it (CommonMark): what follows is still code
    nested = parse("## External FAQ\n\n### How?\n\n````\nExample:\n```js\n\n**Why not?**\n\n```\n````\n")
    assert questions(nested) == ["How?"]
    reopened = parse("## External FAQ\n\n### How?\n\n```\n```js\n\n**Why not?**\n```\n")
    assert questions(reopened) == ["How?"]


def test_only_setext_headings_and_bold_questions() -> None:
    doc = parse("Press release\n=============\n\n**SEATTLE, WA, April 2, 2027** — The summary.\n\n"
                "External FAQ\n------------\n\n**Why?**\n\nBecause.\n\n**Q: How?**\n\nA: So.\n")
    assert doc.data["dateline"] == {"location": "SEATTLE, WA", "date": "2027-04-02"}
    assert doc.data["faq"]["external"] == [{"question": "Why?", "answer": "Because."},
                                           {"question": "How?", "answer": "So."}]


def test_a_deeper_question_before_the_first_question_stays_in_its_group_and_place() -> None:
    doc = parse("## External FAQ\n\n#### Early?\n\nYes.\n\n#### Also early?\n\nYes too.\n\n### Pricing\n\n"
                "#### How much?\n\nFree.\n\n## Internal FAQ\n\n### Why?\n\nBecause.\n")
    assert questions(doc) == ["Early?", "Also early?", "Pricing: How much?"]
    assert "Early" not in doc.rest
    grouped = parse("## FAQ\n\n#### Before the groups?\n\nYes.\n\n### External FAQ\n\n#### A?\n\nx\n\n"
                    "### Internal FAQ\n\n#### B?\n\ny\n")
    assert questions(grouped) == ["Before the groups?", "A?"] and "Before" not in grouped.rest


def test_a_sub_heading_inside_an_answer_stays_in_it() -> None:
    doc = parse("## External FAQ\n\n### Why?\n\nBecause.\n\n#### Details?\n\nMore.\n\n### How?\n\nSo.\n")
    assert questions(doc) == ["Why?", "How?"]
    assert "#### Details?" in doc.data["faq"]["external"][0]["answer"]


def test_a_paragraph_and_the_list_under_it_are_two_blocks_of_the_answer() -> None:
    doc = parse("## External FAQ\n\n### What ships?\n\nThree things:\n- one\n- two\n")
    assert doc.data["faq"]["external"][0]["answer"] == "Three things:\n\n- one\n- two"


# -- linear in the page --------------------------------------------------------------------------


def _steps_linear(times: Sequence[float]) -> bool:
    """Each step of 4x takes far under the 16x a quadratic reader takes (a generous margin on a
    shared machine)."""
    return (times[1] / times[0] < 10 or times[2] / times[1] < 10) and times[2] / times[0] < 100


def _linear(run: Callable[[str], object], make: Callable[[int], str], size: int) -> None:
    """Reading 4x and 16x the text takes about 4x and 16x the CPU time, under a hang guard
    (``tests/linear.py``: measured again before it fails, so a spike of load fails nothing)."""
    assert_linear(make, run, size, _steps_linear, guard=120)


def _load(body_text: str) -> object:
    return load_page("proposals/p.md", "docs/proposals/p.md", FRONT + body_text, VALIDATOR)


def _import(text: str) -> object:
    return importer.convert(text, name="p.md", today=datetime.date(2026, 1, 1), user="A")


WIDE_TABLE = "|" + "a|" * 256 + "\n|" + "-|" * 256 + "\n" + "x\n" * 256 + "\n"
"""1.5 KB that markdown-it's table rule fills out to 65,536 cells, three tokens each."""


def test_a_table_is_its_lines_not_its_cells() -> None:
    """The reader keeps a table as one block of its lines: 40 wide tables of short rows are a
    few tokens each, not 65,536 cells' worth (2.7 GB of tokens, found by review)."""
    text = "## Press release\n\nText.\n\n" + WIDE_TABLE * 40
    document = reader.read(text)
    tables = [b for b in document.blocks if b.kind == "table"]
    assert [(b.start, b.end) for b in tables[:2]] == [(4, 262), (263, 521)]
    assert len(tables) == 40
    assert len(reader._MD.parse(reader._for_parser(text), {})) < 200


BODY_CASES: dict[str, Callable[[int], str]] = {
    "blockquotes between blank lines": lambda n: "## Press release\n\n" + "> a\n\n" * (n // 5),
    "one long unattributed blockquote": lambda n: "## Press release\n\n" + "> said and said\n" * (n // 17),
    "a blockquote of attributions": lambda n: "## Press release\n\n" + "> — a\n>\n" * (n // 8),
    "many topic headings": lambda n: "## External FAQ\n\n" + "### Topic\n\n" * (n // 11),
    "topics over questions": lambda n: "## External FAQ\n\n" + "### Topic\n\n#### Q?\n\na\n\n" * (n // 24),
    "deep questions": lambda n: "## FAQ\n\n" + "#### Q?\n\n" * (n // 9) + "### External FAQ\n",
    # one-line paragraphs each ended by a block, no blank line between (the reader's fast path
    # once looked for a setext underline to the next blank line from each of them)
    "paragraphs ended by headings": lambda n: "## Press release\n\n" + "a\n# h\n" * (n // 6),
    "paragraphs ended by list items": lambda n: "## Press release\n\n" + "a\n* b\n" * (n // 6),
    "paragraphs ended by HTML blocks": lambda n: "## Press release\n\n" + "a\n<div>\n" * (n // 8),
    "wide tables of short rows": lambda n: "## Press release\n\n" + WIDE_TABLE * (n // len(WIDE_TABLE)),
}


@pytest.mark.parametrize("case", list(BODY_CASES))
def test_the_body_form_is_linear(case: str) -> None:
    _linear(_load, BODY_CASES[case], 8_000)


IMPORT_CASES: dict[str, Callable[[int], str]] = {
    "a heading of '\"**a \"'": lambda n: "# " + '"**a "' * (n // 6) + "\n",
    "a run of *": lambda n: "# T\n\n" + "*" * n,
    "a run of _": lambda n: "# T\n\n" + "_" * n,
    "a run of [": lambda n: "# T\n\n" + "[" * n,
    "a run of [a](": lambda n: "# T\n\n" + "[a](" * (n // 4),
    "reference definitions": lambda n: "# T\n\n" + "[a]: b\n" * (n // 7),
    "blockquotes": lambda n: "# T\n\n## Press release\n\n" + "> a\n\n" * (n // 5),
}


@pytest.mark.parametrize("case", list(IMPORT_CASES))
def test_import_is_linear(case: str) -> None:
    _linear(_import, IMPORT_CASES[case], 4_000)
