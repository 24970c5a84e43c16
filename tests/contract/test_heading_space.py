"""A line that would be a section's heading but for the space after its ``#`` marks
(``##External FAQ``) is no heading in CommonMark, so the body form does not see the section, while
Python-Markdown renders it as one, so the author sees a heading: it is a problem at its line,
``path:LINE: faq.external: "##External FAQ" is not a heading: put a space after the #s (expected
"## External FAQ")``, for every section name the reader knows, at any level (a FAQ group's or a
press-release part's from ``###`` down), and never for a line that is no heading in either
(in a fenced block, an HTML comment, indented code, ``#1 priority``). It is an error, as the body
form's other mistakes in its sections are (a second press release, an attribution outside its
quote); a ``missing`` of the same section does not repeat it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.body import parse
from mkdocs_prfaq.contract.vocabulary import EXTERNAL, FAQ, INTERNAL, PRESS_RELEASE

from ..conftest import Site
from ..linear import assert_linear
from .test_body_quotes import page
from .test_linear import hang_guard

DATELINE = "**SEATTLE, WA, April 27, 2027** — Today we launch skates.\n\n"
PR = "## Press release\n\n" + DATELINE + "The problem.\n\n"
QA = "### Why?\n\nBecause.\n\n"


def errors(body: str, labels: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    doc = parse(body, 0, labels)
    return doc.errors if doc is not None else []


def line_of(body: str, text: str) -> int:
    """The 1-based line of the first line of ``body`` that is ``text``."""
    return body.split("\n").index(text) + 1


def message(written: str, expected: str) -> str:
    return f'"{written}" is not a heading: put a space after the #s (expected "{expected}")'


@pytest.mark.parametrize(("line", "field", "expected"), [
    ("##External FAQ", "faq.external", "## External FAQ"),
    ("##Internal FAQ", "faq.internal", "## Internal FAQ"),
    ("##FAQ", "faq", "## FAQ"),
    ("#FAQ", "faq", "# FAQ"),
    ("###FAQ", "faq", "### FAQ"),
    ("######External FAQ", "faq.external", "###### External FAQ"),
    ("##Customer FAQ", "faq.external", "## Customer FAQ"),
    ("##Frequently Asked Questions", "faq", "## Frequently Asked Questions"),
    ("##2. FAQ", "faq", "## 2. FAQ"),
    ("##External FAQ ##", "faq.external", "## External FAQ ##"),
    ("##External FAQ {#ext}", "faq.external", "## External FAQ {#ext}"),
    ("   ##External FAQ", "faq.external", "## External FAQ"),
    ("##**External FAQ**", "faq.external", "## **External FAQ**"),
    ("###Internal", "faq.internal", "### Internal"),
    ("###Problem", "press_release.problem", "### Problem"),
    ("####Getting started", "press_release.getting_started", "#### Getting started"),
])
def test_a_section_heading_without_its_space_is_named_at_its_line(line: str, field: str, expected: str) -> None:
    body = PR + "## Internal FAQ\n\n" + QA + line + "\n\n" + QA
    assert errors(body) == [(line_of(body, line), field, message(line.strip(), expected))]


def test_a_page_whose_every_section_misses_its_space_is_still_read_for_them() -> None:
    body = "##Press release\n\n" + DATELINE + "##FAQ\n\n" + QA
    assert errors(body) == [(1, "press_release", message("##Press release", "## Press release")),
                            (line_of(body, "##FAQ"), "faq", message("##FAQ", "## FAQ"))]


def test_a_line_inside_a_paragraph_counts_as_python_markdown_reads_it() -> None:
    body = PR + "## Internal FAQ\n\n" + QA + "Some closing words.\n##External FAQ\n\n" + QA
    assert errors(body) == [(line_of(body, "##External FAQ"), "faq.external",
                             message("##External FAQ", "## External FAQ"))]


def test_the_sites_own_labels_are_section_names() -> None:
    labels = {"external_faq": "Customer questions"}
    body = PR + "##Customer questions\n\n" + QA
    assert errors(body, labels) == [(line_of(body, "##Customer questions"), "faq.external",
                                     message("##Customer questions", "## Customer questions"))]


@pytest.mark.parametrize("text", [
    "```\n##External FAQ\n```", "~~~md\n##FAQ\n~~~", "<!--\n##External FAQ\n-->", "    ##External FAQ",
    "- ##External FAQ", "> ##External FAQ", "#1 priority", "#hashtag", "##Appendix", "#######FAQ", "#", "##",
    "#Internal", "##Problem", "## External FAQ", "##\tExternal FAQ", "Text ##External FAQ",
])
def test_lines_that_are_no_section_heading_in_either_reading_are_not_named(text: str) -> None:
    body = PR + "## Internal FAQ\n\n" + QA + text + "\n"
    assert [e for e in errors(body) if "not a heading" in e[2]] == []


SECTION_NAMES = sorted(EXTERNAL | INTERNAL | FAQ | PRESS_RELEASE)
FIELDS = {**dict.fromkeys(EXTERNAL, "faq.external"), **dict.fromkeys(INTERNAL, "faq.internal"),
          **dict.fromkeys(FAQ, "faq"), **dict.fromkeys(PRESS_RELEASE, "press_release")}


@st.composite
def unspaced(draw: Any) -> tuple[str, str, str, str]:
    """``(line, field, the line as a heading, the name)``."""
    name = draw(st.sampled_from(SECTION_NAMES))
    written = "".join(c.upper() if draw(st.booleans()) else c for c in name)
    marks = "#" * draw(st.integers(1, 6))
    indent = " " * draw(st.integers(0, 3))
    closing = draw(st.sampled_from(["", " #", " ##", ":"]))
    return f"{indent}{marks}{written}{closing}", FIELDS[name], f"{marks} {written}{closing}", name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unspaced(), min_size=1, max_size=4), st.booleans())
def test_generated_unspaced_section_headings_are_each_named_at_their_line(lines: list[tuple[str, str, str, str]],
                                                                          in_paragraph: bool) -> None:
    body = PR
    expected = []
    for line, field, heading, _ in lines:
        if in_paragraph:
            body += "Words before it.\n"
        expected.append((body.count("\n") + 1, field, message(line.strip(), heading)))
        body += line + "\n\n" + QA
    with hang_guard(60):
        got = [e for e in errors(body) if "not a heading" in e[2]]
    assert got == expected, body


@pytest.mark.parametrize("underline", ["", "\n---", "\n==="], ids=["atx", "setext-dashes", "setext-equals"])
def test_check_and_the_build_name_it_once_and_fail(site: Site, underline: str) -> None:
    """In review, the External FAQ that was not read is named once, not as missing as well, written
    on its own line or over a setext underline."""
    text = page("Commuters lose an hour a day.", "The skates fold.", "Order at example.com.",
                '"We built it," said Dana Levi, VP Product.', '"I got my hour back," said Sam Rivera, rider.')
    text = text.replace("## External FAQ", "##External FAQ" + underline)
    line = text.split("\n").index("##External FAQ") + 1
    site.page("p.md", text)
    expected = f'docs/proposals/p.md:{line}: faq.external: {message("##External FAQ", "## External FAQ")}'
    result = site.check("check")
    assert result.code == 1, result.text
    assert expected in result.text
    assert "faq.external: missing" not in result.text and "faq: missing" not in result.text
    assert "1 problem" in result.text, result.text
    result = site.build()
    assert result.code != 0 and expected in result.text, result.text


def test_a_draft_is_told_too(site: Site) -> None:
    site.page("d.md", "---\ntitle: D\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n##FAQ\n\n" + QA)
    result = site.check("check")
    assert result.code == 1 and f'docs/proposals/d.md:8: faq: {message("##FAQ", "## FAQ")}' in result.text, \
        result.text


LINEAR = {
    "unspaced headings": lambda n: "##External FAQ\n\n" * n,
    "unspaced lines in one paragraph": lambda n: "##External FAQ\n" * n,
    "hashes that name nothing": lambda n: "##Nothing here\n" * n,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
def test_unspaced_headings_are_found_in_linear_time(name: str) -> None:
    make = LINEAR[name]
    assert_linear(lambda n: PR + make(n), parse, 500)
