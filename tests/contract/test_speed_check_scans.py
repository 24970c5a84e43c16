"""`check`'s cheaper scans agree with the rules they replace (#23, Speed).

- ``depth.markdown_nesting`` searches for a newline followed by a deep prefix (and the first line
  on its own) instead of trying ``^`` at every position: generated pages give the same
  ``(line, levels)`` as the MULTILINE rule.
- ``frontmatter._Loader.resolve`` answers lists and mappings without PyYAML's resolver, and plain
  text by its first character or a cache: every kind and style gets PyYAML's ``SafeLoader`` tag.
- ``compiled`` checks ``type: string`` with its length bounds in one call, and properties without
  patterns or ``additionalProperties`` without trying patterns: both agree with jsonschema.
"""

from __future__ import annotations

import re

import jsonschema
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from mkdocs_prfaq.contract import frontmatter
from mkdocs_prfaq.contract.compiled import compile_schema
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


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=6),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
                     max_leaves=8)


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.none(), st.integers(0, 4)), st.one_of(st.none(), st.integers(0, 4)), st.booleans(), _JSON)
def test_string_lengths_and_named_properties_agree_with_jsonschema(low: int | None, high: int | None, described: bool,
                                                                    value: object) -> None:
    string: dict[str, object] = {"type": "string"}
    if low is not None:
        string["minLength"] = low
    if high is not None:
        string["maxLength"] = high
    if described:
        string["description"] = "text"
    schema = {"type": "object", "properties": {"a": string, "b": {"type": "array", "items": string}}}
    check = compile_schema(schema, {}, None)
    assert check is not None
    for doc in (value, {"a": value}, {"b": [value]}, {"c": value, "a": value}):
        assert check(doc) == jsonschema.Draft202012Validator(schema).is_valid(doc), (schema, doc)


_TREE = {"$id": "https://example.com/tree", "$ref": "#/$defs/node",
         "$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"},
                                                             "name": {"$ref": "#/$defs/name"},
                                                             "alias": {"$ref": "#/$defs/name"}}},
                   "name": {"type": "string", "minLength": 1}}}


@settings(max_examples=400, deadline=None)
@given(st.recursive(_JSON, lambda inner: st.dictionaries(st.sampled_from(["child", "name", "alias"]), inner, max_size=3),
                    max_leaves=10))
def test_references_called_directly_agree_with_jsonschema(value: object) -> None:
    check = compile_schema(_TREE, {}, None)
    assert check is not None
    assert check(value) == jsonschema.Draft202012Validator(_TREE).is_valid(value), value
