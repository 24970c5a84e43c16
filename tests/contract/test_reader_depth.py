"""Deep nesting through the one reader (issue 19): markdown-it stops at its nesting limit and takes
the rest of the page into the block it is in. The reader reads such a block again, as deep as
the project's own bound (:data:`.depth.LIMIT` levels, as ``markdown_nesting`` counts them), and
beyond it keeps the block as written and names it at its deepest line; in every case what
follows it is read as usual, every word is kept, and reading stays linear."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract import reader
from mkdocs_prfaq.contract.depth import LIMIT
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..linear import assert_linear

VALIDATOR = build_validator()
FRONT = "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n"
FAQ = "\n## External FAQ\n\n### Why deep?\n\nBecause.\n\n## Internal FAQ\n\n### Who reads it?\n\nThe reader.\n"


def bullets(levels: int, indent: int = 2, marker: str = "-") -> str:
    return "".join(" " * (indent * i) + f"{marker} item {i}\n" for i in range(levels))


def ordered(levels: int) -> str:
    return "".join(" " * (3 * i) + f"1. item {i}\n" for i in range(levels))


def quotes(levels: int) -> str:
    return "".join("> " * (i + 1) + f"item {i}\n" for i in range(levels))


def mixed(levels: int) -> str:
    """A quote holding a list holding a quote ...: two levels a line."""
    return "".join("  " * i + "> - " + f"item {i}\n" for i in range(levels // 2))


def load(text: str) -> tuple[dict[str, object], list[str]]:
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", FRONT + text, VALIDATOR)
    return proposal.data, [f"{p.line}: {p.field}: {p.message}" for p in problems]


def questions(data: dict[str, object]) -> dict[str, list[str]]:
    faq = data.get("faq")
    assert isinstance(faq, dict), data
    return {group: [q["question"] for q in faq.get(group, [])] for group in ("external", "internal")}


READ = {"questions": {"external": ["Why deep?"], "internal": ["Who reads it?"]}}


@pytest.mark.parametrize("levels", [9, 10, 12, 20, 40, 75, LIMIT])
@pytest.mark.parametrize("shape", [bullets, quotes, mixed, lambda n: ordered(2 * n // 3),  # 3 columns a level
                                   lambda n: bullets(n // 2, 4, "*")])
def test_deep_nesting_up_to_the_bound_is_read_and_the_page_goes_on(levels: int, shape: object) -> None:
    assert callable(shape)
    text = shape(levels) + FAQ
    data, problems = load(text)
    assert not problems
    assert questions(data) == READ["questions"]
    doc = reader.read(text)
    assert doc.too_deep == []
    assert [b.kind for b in doc.blocks][1:] == ["heading", "heading", "paragraph", "heading", "heading", "paragraph"]


@pytest.mark.parametrize(("text", "levels"), [
    (bullets(LIMIT + 1), LIMIT + 1), (bullets(150), 150), (quotes(130), 130),
    ("- " * 300 + "x\n", 300), ("> " * 300 + "x\n", 300), ("1. " * 200 + "x\n", 200),
])
def test_deeper_than_the_bound_is_named_at_its_deepest_line_and_the_page_goes_on(text: str, levels: int) -> None:
    page = "Before.\n\n" + text + FAQ
    data, problems = load(page)
    deepest = page.split("\n").index(text.rstrip("\n").split("\n")[-1]) + 1 + FRONT.count("\n")
    assert problems == [f"{deepest}: body: lists or quotes nested {levels} levels deep (expected at most {LIMIT}, "
                        "a level being a '>', a list marker or two columns of indentation); the block is kept as "
                        "written, not read for sections or questions"]
    assert questions(data) == READ["questions"]
    assert "item" not in str(data.get("faq"))


def test_more_deep_blocks_than_are_read_again_name_where_the_rest_is_kept() -> None:
    deep = bullets(12) + "\nBetween.\n\n"
    text = deep * (reader.RECOVERIES + 1) + FAQ
    data, problems = load(text)
    assert len(problems) == 1 and f"more than {reader.RECOVERIES} lists or quotes" in problems[0]
    assert "faq" not in data or not questions(data)["external"]  # kept as written, in the page's Markdown
    doc = reader.read(text)
    assert doc.blocks[-1].end == len(text.rstrip("\n").split("\n"))
    fewer = deep * reader.RECOVERIES + FAQ
    data, problems = load(fewer)
    assert not problems and questions(data) == READ["questions"]


def test_import_reads_past_a_deep_list_and_notes_one_deeper_than_the_bound() -> None:
    original = "## Press release\n\nSkates.\n\n" + bullets(30) + FAQ
    converted = importer.convert(original, name="p.md", today=datetime.date(2026, 1, 1), user="A")
    assert "### Why deep?" in converted.text.split("## External FAQ", 1)[1]
    assert not [n for n in converted.notes if n.field == "body"]
    original = "## Press release\n\nSkates.\n\n" + bullets(LIMIT + 5) + FAQ
    converted = importer.convert(original, name="p.md", today=datetime.date(2026, 1, 1), user="A")
    assert "### Why deep?" in converted.text.split("## External FAQ", 1)[1]
    [note] = [n for n in converted.notes if n.field == "body"]
    assert f"nested {LIMIT + 5} levels deep" in note.message
    assert converted.text.split("\n")[note.line - 1].strip() == f"- item {LIMIT + 4}"


PIECES = st.one_of(
    st.builds(bullets, st.integers(1, LIMIT + 20), st.sampled_from([2, 3, 4]), st.sampled_from(["-", "*", "+"])),
    st.builds(ordered, st.integers(1, 60)),
    st.builds(quotes, st.integers(1, LIMIT + 20)),
    st.builds(mixed, st.integers(2, 80)),
    st.builds(lambda n, m: m * n + "x\n", st.integers(1, 200), st.sampled_from(["- ", "> ", "1. ", "> - "])),
    st.sampled_from(["## External FAQ\n", "### Why x?\n", "Some words.\n", "```\n- a\n```\n", "", "---\n"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(PIECES, st.sampled_from(["\n", ""])), min_size=1, max_size=10))
def test_generated_deep_pages_keep_every_line_and_report_inside_the_page(parts: list[tuple[str, str]]) -> None:
    text = "".join(p + sep for p, sep in parts)
    lines = text.split("\n")
    doc = reader.read(text)
    covered = [i for b in doc.blocks for i in range(b.start, b.end)]
    assert covered == sorted(set(covered))
    assert {i for i, line in enumerate(lines) if line.strip()} <= set(covered)
    for b in doc.blocks:
        assert b.text == "\n".join(lines[b.start : b.end])
    for line, levels, end in doc.too_deep:
        assert 0 <= line < end <= len(lines) and levels > 0
    page = FRONT + text
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    for problem in problems:
        assert 1 <= problem.line <= page.count("\n") + 1, problem
    kept = " ".join(str(v) for v in (proposal.data, proposal.body))
    assert set(re.findall(r"item \d+", text)) <= set(re.findall(r"item \d+", kept))


PAGES = {
    "deep lists, each read again": lambda n: (bullets(30) + "\nBetween.\n\n") * n,
    "one list as deep as the bound": lambda n: "".join(bullets(LIMIT) for _ in range(n)),
    "lines of list markers past the bound": lambda n: ("- " * 300 + "x\n\n") * n,
    "a staircase of indentation": lambda n: "".join("  " * (i % LIMIT) + "- x\n" for i in range(20 * n)),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_deep_pages_read_in_linear_time(page: str) -> None:
    make = PAGES[page]
    assert_linear(make, lambda text: load_page("proposals/p.md", "docs/proposals/p.md", FRONT + text + FAQ,
                                               VALIDATOR), 10)
