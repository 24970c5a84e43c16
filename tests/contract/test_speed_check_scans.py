"""`check`'s cheaper scans agree with the rules they replace (#23, Speed).

- ``depth.markdown_nesting`` searches for a newline followed by a deep prefix (and the first line
  on its own) instead of trying ``^`` at every position: generated pages give the same
  ``(line, levels)`` as the MULTILINE rule.
- ``frontmatter._Loader.resolve`` answers lists and mappings without PyYAML's resolver, and plain
  text by its first character or a cache: every kind and style gets PyYAML's ``SafeLoader`` tag.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from mkdocs_prfaq.contract import frontmatter
from mkdocs_prfaq.contract.depth import LIMIT, markdown_nesting

_RULE = re.compile(rf"^[ \t>]{{{LIMIT // 2},}}", re.MULTILINE)


def _multiline_rule(text: str, limit: int = LIMIT) -> tuple[int, int] | None:
    """markdown_nesting as it was written: every line start tried by the MULTILINE pattern."""
    for m in _RULE.finditer(text):
        prefix = m.group()
        columns = prefix.count(" ") - prefix.count("> ") + 4 * prefix.count("\t")
        levels = prefix.count(">") + columns // 2
        if levels > limit:
            return text.count("\n", 0, m.start()) + 1, levels
    return None


_PIECES = st.sampled_from([
    " ", "  ", "\t", ">", "> ", " " * 50, " " * 120, "\t" * 30, "> " * 60, ">" * 101, "\n", "\r\n", "\r",
    "x", "- ", "1. ", "text", "\n\n", "\u00a0", "\u2028", "\x0c",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("")
@example(" " * 202)
@example(" " * 202 + "x")
@example("a\n" + " " * 202)
@example("\n" * 3 + "> " * 101)
@example("\t" * 51)
@example(" " * 60 + "\n" + " " * 202)
def test_markdown_nesting_agrees_with_the_multiline_rule(text: str) -> None:
    assert markdown_nesting(text) == _multiline_rule(text), repr(text)


def test_markdown_nesting_finds_deep_lines_past_many_shallow_ones() -> None:
    shallow = ("  " * 40 + "- item\n") * 200
    deep = "> " * 101 + "quote\n"
    text = "---\ntitle: x\n---\n" + shallow + deep + shallow + deep
    assert markdown_nesting(text) == _multiline_rule(text) == (4 + 200, 101)


_SCALARS = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(["1", "0x", "2026-01-02", "-", ".", "inf", "nan", "~", "null", "No", "yes", "on",
                              "true", "<<", "=", "e5", "_", ":", " ", "T", "12:30", "+", "title", "a" * 30]),
             max_size=5).map("".join),
)


@settings(max_examples=1500, deadline=None)
@given(_SCALARS, st.booleans(), st.booleans())
@example("", True, False)
@example("<<", True, False)
@example("2026-01-02", True, False)
@example("true" + "x" * 30, True, False)
def test_resolve_agrees_with_pyyaml(value: str, plain: bool, quoted_implicit: bool) -> None:
    ours, theirs = frontmatter._Loader(""), yaml.SafeLoader("")
    implicit = (plain, quoted_implicit)
    assert ours.resolve(ScalarNode, value, implicit) == theirs.resolve(ScalarNode, value, implicit), value
    assert ours.resolve(ScalarNode, value, implicit) == theirs.resolve(ScalarNode, value, implicit), value  # cached


@pytest.mark.parametrize("kind", [SequenceNode, MappingNode])
@pytest.mark.parametrize("implicit", [True, False])
def test_resolve_lists_and_mappings_as_pyyaml(kind: type, implicit: bool) -> None:
    assert frontmatter._Loader("").resolve(kind, None, implicit) == yaml.SafeLoader("").resolve(kind, None, implicit)
