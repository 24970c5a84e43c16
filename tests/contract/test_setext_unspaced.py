"""A setext heading whose text misses the space after its ``#`` marks (``##FAQ`` over ``---``,
``##External FAQ`` over ``===``) is the same mistake as the ATX line ``##External FAQ``: markdown-it
reads a heading named ``##FAQ`` (no section), Python-Markdown a ``## FAQ`` heading the author sees
(and a rule, or a paragraph of ``===``). It is named at its line as the ATX form is, read from
markdown-it's tokens (a setext heading's lines), in ``check`` and the build alike."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.problems import has_controls, shown

from ..linear import assert_linear
from .test_heading_space import FIELDS, PR, QA, SECTION_NAMES, errors, line_of, message
from .test_linear import hang_guard


@pytest.mark.parametrize(("line", "underline", "field", "expected"), [
    ("##FAQ", "---", "faq", "## FAQ"),
    ("##External FAQ", "===", "faq.external", "## External FAQ"),
    ("#FAQ", "===", "faq", "# FAQ"),
    ("###Internal", "---", "faq.internal", "### Internal"),
    ("##Internal FAQ", "-", "faq.internal", "## Internal FAQ"),
    ("   ##External FAQ", "   ---", "faq.external", "## External FAQ"),
])
def test_a_setext_heading_without_its_space_is_named_at_its_line(line: str, underline: str, field: str,
                                                                 expected: str) -> None:
    body = PR + "## Internal FAQ\n\n" + QA + line + "\n" + underline + "\n\n" + QA
    assert errors(body) == [(line_of(body, line), field, message(line.strip(), expected))]


def test_a_line_of_a_setext_headings_text_counts_as_python_markdown_reads_it() -> None:
    body = PR + "## Internal FAQ\n\n" + QA + "Some closing words.\n##External FAQ\n---\n\n" + QA
    assert errors(body) == [(line_of(body, "##External FAQ"), "faq.external",
                             message("##External FAQ", "## External FAQ"))]


@pytest.mark.parametrize("text", [
    "## FAQ\n---", "##Appendix\n---", "#1 priority\n===", "FAQ\n---", "```\n##FAQ\n---\n```", "<!--\n##FAQ\n---\n-->",
    "- ##FAQ\n  ---", "> ##FAQ\n> ---",
])
def test_setext_headings_that_name_no_section_in_either_reading_are_not_named(text: str) -> None:
    body = PR + "## Internal FAQ\n\n" + QA + text + "\n"
    assert [e for e in errors(body) if "not a heading" in e[2]] == []


@st.composite
def unspaced_setext(draw: Any) -> tuple[str, str, str]:
    """``(lines, field, the heading as it should be)``."""
    name = draw(st.sampled_from(SECTION_NAMES))
    written = "".join(c.upper() if draw(st.booleans()) else c for c in name)
    marks = "#" * draw(st.integers(1, 6))
    underline = draw(st.sampled_from("-=")) * draw(st.integers(1, 5)) + " " * draw(st.integers(0, 2))
    return f"{marks}{written}\n{underline}", FIELDS[name], f"{marks} {written}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unspaced_setext(), min_size=1, max_size=4), st.booleans())
def test_generated_unspaced_setext_headings_are_each_named_at_their_line(headings: list[tuple[str, str, str]],
                                                                         after_text: bool) -> None:
    body = PR
    expected = []
    for lines, field, heading in headings:
        if after_text:
            body += "Words before it.\n"
        first = lines.split("\n")[0]
        expected.append((body.count("\n") + 1, field, message(first, heading)))
        body += lines + "\n\n" + QA
    with hang_guard(60):
        got = [e for e in errors(body) if "not a heading" in e[2]]
    assert got == expected, body


@pytest.mark.slow
def test_unspaced_setext_headings_are_found_in_linear_time() -> None:
    assert_linear(lambda n: PR + "##External FAQ\n---\n\n" * n, lambda body: errors(body), 500)


# -- the rule for control characters (problems.shown), its fast path against the regular expression --

CONTROL_RULE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@settings(max_examples=2000, deadline=None)
@given(st.text(st.one_of(st.characters(max_codepoint=0x200), st.sampled_from(["\x85", "\xc2", "\xa9", "\ud800",
                                                                              "\U0001F600", "\u2028", "\x9f", "\x80"])),
               max_size=12))
def test_has_controls_agrees_with_the_rule_and_shown_replaces_each(text: str) -> None:
    assert has_controls(text) == (CONTROL_RULE.search(text) is not None), repr(text)
    assert shown(text) == CONTROL_RULE.sub("\ufffd", text)
