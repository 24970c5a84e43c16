"""The front-matter parser: lines, and what MkDocs and PyYAML let through silently."""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import YAML_RE

from mkdocs_prfaq.contract import frontmatter


def errors(text: str) -> list[tuple[int, str, str]]:
    return [(e.line, e.field, e.message) for e in frontmatter.parse(text).errors]


def test_values_keep_their_lines_and_dates_become_iso_strings() -> None:
    page = frontmatter.parse("---\ntitle: A\nfaq:\n  internal:\n    - question: Q\n      answer: A\ncreated: 2026-04-27\n---\nBody\n")
    assert page.errors == []
    assert page.data == {"title": "A", "faq": {"internal": [{"question": "Q", "answer": "A"}]}, "created": "2026-04-27"}
    assert page.lines[("title",)] == 2
    assert page.lines[("faq", "internal")] == 4
    assert page.lines[("faq", "internal", "0")] == 5
    assert page.lines[("faq", "internal", "0", "answer")] == 6
    assert page.line_of(("faq", "internal", "0", "missing")) == 5
    assert page.line_of(("nothing",)) == 1
    assert page.body == "Body\n"


def test_duplicate_keys_are_errors_at_the_second_key() -> None:
    assert errors("---\ntitle: A\nowner: B\ntitle: C\n---\n") == [
        (4, "title", "duplicate key (first at line 2; YAML would silently keep the last)")
    ]
    assert errors("---\nfaq:\n  external: []\n  external: []\n---\n")[0][:2] == (4, "faq.external")


def test_malformed_yaml_is_reported_with_its_line() -> None:
    [(line, field, message)] = errors("---\ntitle: A\nowner: [unclosed\ncreated: x\n---\n")
    assert field == "front matter" and message.startswith("invalid YAML:") and line >= 3


def test_not_a_mapping_empty_unclosed_and_missing() -> None:
    assert errors("---\n- a\n- b\n---\n") == [(2, "front matter", "front matter is a list (expected a mapping of keys to values)")]
    assert errors("---\njust text\n---\n")[0][2].startswith("front matter is a single value")
    assert errors("---\n---\nbody")[0][2] == "front matter is empty"
    assert errors("---\n\n---\nbody")[0][2] == "front matter is empty"
    assert "not closed" in errors("---\ntitle: A\nbody\n")[0][2]
    assert "no front matter" in errors("# Just Markdown\n")[0][2]


def test_front_matter_may_end_the_file_without_newline() -> None:
    page = frontmatter.parse("---\ntitle: A\n---")
    assert page.errors == [] and page.data == {"title": "A"}


def test_invalid_date_is_kept_as_text_for_the_schema_to_report() -> None:
    page = frontmatter.parse("---\ncreated: 2026-13-45\n---\n")
    assert page.errors == [] and page.data == {"created": "2026-13-45"}


def test_alias_bombs_do_not_expand() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    [(_, _, message)] = errors("---\n" + "\n".join(lines) + "\n---\n")
    assert "more than" in message and "aliases" in message


def test_recursive_alias_and_custom_tags_are_errors() -> None:
    assert "recursive" in errors("---\na: &a [*a]\n---\n")[0][2]
    [(line, field, message)] = errors("---\ntitle: A\nx: !!python/object:os.system ls\n---\n")
    assert (line, field) == (3, "x") and "unsupported YAML tag" in message


def test_small_aliases_and_merge_keys_work() -> None:
    page = frontmatter.parse("---\nbase: &b {x: 1}\nc:\n  <<: *b\n  y: 2\nd: *b\n---\n")
    assert page.errors == []
    assert page.data == {"base": {"x": 1}, "c": {"y": 2, "x": 1}, "d": {"x": 1}}


def test_keys_are_text_as_written() -> None:
    page = frontmatter.parse("---\non: yes\n2026: x\n---\n")
    assert page.data == {"on": True, "2026": "x"}


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    assert errors("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    block = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))
    assert isinstance(errors("---\n" + block + "---\n"), list)


LINES = st.lists(st.sampled_from(["---", "--- ", "...", "----", "title: A", "", " ---", "a: |", "  ---", "x\t"]),
                 max_size=8)


@given(LINES, st.booleans())
@settings(max_examples=400, deadline=None)
def test_split_finds_the_front_matter_mkdocs_finds(lines: list[str], final_newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_newline else "")
    yaml_text, body, _ = frontmatter.split(text)
    m = YAML_RE.match(text if text.endswith("\n") else text + "\n")
    if m:
        assert (yaml_text, body) == (m.group(1), (text if text.endswith("\n") else text + "\n")[m.end():])
    else:
        assert yaml_text is None


SCALARS = st.one_of(st.text(max_size=30), st.sampled_from(
    ["yes", "No", "on", "OFF", "true", "~", "null", "", "2026-04-27", "2026-04-27T10:00:00Z", "0x1F", "0o17", "1_000",
     "-.inf", ".NaN", "+3.5e2", "<<", "=", "'quoted'", '"2026-01-01"', "title", "Customers told us"]))


@given(st.lists(SCALARS, min_size=1, max_size=6))
@example(["!"])  # a bare '!' tag: libyaml's empty scalar is a string, PyYAML's pure-Python parser's is null
@settings(max_examples=300, deadline=None)
def test_fast_resolver_tags_scalars_like_pyyaml(values: list[str]) -> None:
    """The loader's shortcuts give the tags of the libyaml composer it is built on (CSafeLoader)."""
    for text in ("\n".join(f"{v}: {v}" for v in values), "\n".join(f"- {v}" for v in values)):
        try:
            expected = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        got = yaml.compose(text, Loader=frontmatter._Loader)
        assert _tags(got) == _tags(expected)


def test_fast_resolver_examples() -> None:
    node = yaml.compose("a: yes\nb: 2026-04-27\nc: text\nd: '3'\ne: 3\nf: ~\n", Loader=frontmatter._Loader)
    assert [v.tag.rsplit(":", 1)[1] for _, v in node.value] == ["bool", "timestamp", "str", "str", "int", "null"]


def _tags(node: yaml.Node | None) -> list[str]:
    if node is None:
        return []
    if isinstance(node.value, list):
        return [node.tag] + [t for item in node.value for n in (item if isinstance(item, tuple) else (item,))
                             for t in _tags(n)]
    return [node.tag]


def test_an_incomplete_escape_in_double_quotes_is_explained_in_the_plugins_words() -> None:
    from mkdocs_prfaq.contract import frontmatter

    for value in ('"\\x"', '"a \\u12"', '"\\U0001"'):
        parsed = frontmatter.parse(f"---\ntitle: T\nsubtitle: {value}\n---\n")
        [error] = parsed.errors
        assert error.line == 3 and "backslash starts an escape" in error.message, error
        assert "hexdecimal" not in error.message and "while parsing" not in error.message
