"""A hostile user's front matter (the fourth hostile pass): whole numbers YAML reads that Python
cannot print (more than 4,300 digits: a traceback from wherever a problem quoted them) or that
PyYAML builds in quadratic time (sexagesimal ``1:59:59:...``). Each is one problem line at its
line, in ``check`` and the build alike, and reading them is linear."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.frontmatter import parse
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import Site
from ..linear import NOT_QUADRATIC, growth

VALIDATOR = build_validator()
HEAD = "---\ntitle: T\nstatus: draft\ncreated: 2026-01-01\n"  # lines 1-4
P = "docs/proposals/p.md"
MAX_NUMBER_CHARS = 100  # frontmatter.MAX_NUMBER_CHARS

HUGE = {
    "hexadecimal": "0x" + "f" * 5000,
    "octal": "0" + "7" * 6000,
    "binary": "0b" + "1" * 20000,
    "sexagesimal": "1" + ":59" * 3000,
    "signed": "-0x" + "f" * 5000,
}


def lines(text: str) -> list[str]:
    _, problems = load_page("proposals/p.md", P, text, VALIDATOR)
    return [str(p) for p in problems]


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_a_huge_number_is_one_problem_not_a_traceback(number: str) -> None:
    found = lines(HEAD + f"owner: {number}\n---\n")
    assert found == [f"{P}:5: owner: YAML reads {number[:37]}... as a number of {len(number):,} characters "
                     f"(expected at most {MAX_NUMBER_CHARS}: write it in quotes if it is text)"]


@pytest.mark.parametrize("where", ["tags:\n  - {n}\n", "decision:\n  summary: {n}\n", "extra_key: {n}\n",
                                   "faq:\n  external:\n    - question: Q\n      answer: {n}\n"])
def test_a_huge_number_anywhere(where: str) -> None:
    found = lines(HEAD + "owner: O\n" + where.format(n=HUGE["hexadecimal"]) + "---\n")
    assert any("as a number of 5,002 characters" in line for line in found), found


def test_numbers_of_ordinary_length_are_still_read_as_numbers() -> None:
    assert lines(HEAD + "owner: 0x1f\n---\n") == [
        f'{P}:5: owner: YAML reads 0x1f as a number (expected text: write "0x1f" in quotes)']
    assert lines(HEAD + "owner: 1:30\n---\n") == [
        f'{P}:5: owner: YAML reads 1:30 as a number (expected text: write "1:30" in quotes)']


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["0x", "0b", "0", "1", "-0x", "+1"]),
       st.integers(min_value=1, max_value=6000), st.sampled_from(["f", "1", "7", ":59", "_1"]))
def test_generated_numbers_never_raise(prefix: str, n: int, digit: str) -> None:
    text = HEAD + f"owner: {prefix}{digit * n}\ntags: [{prefix}{digit * n}]\n---\n"
    for line in lines(text):
        assert line.startswith(f"{P}:") and "\n" not in line


def test_sexagesimal_numbers_are_read_in_linear_time() -> None:
    ok, times, _ = growth(lambda n: "---\nowner: 1" + ":59" * n + "\n---\n", parse, 4000, NOT_QUADRATIC)
    assert ok, times


def test_check_and_the_build_say_the_same_line(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.page("p.md", HEAD + "owner: O\nid: p\ntags: [" + HUGE["hexadecimal"] + "]\n---\nBody\n")
    expected = f"{P}:7: tags.0: YAML reads {HUGE['hexadecimal'][:37]}... as a number of 5,002 characters"
    checked = site.check("check")
    built = site.build("--strict")
    assert checked.code == 1 and built.code == 1
    for result in (checked, built):
        assert "Traceback" not in result.text
        assert expected in result.text, result.text[-2000:]


# -- theme keys the theme reads without looking: Material's build ended with a traceback ----------------

@pytest.mark.parametrize(("value", "message"), [
    ("5", "hide: expected a list of names, such as [navigation, toc], got a number"),
    ("{a: b}", "hide: expected a list of names, such as [navigation, toc], got a mapping"),
    ("[toc, 5]", "hide: expected a list of names, such as [navigation, toc], got a list holding a number"),
])
def test_hide_is_a_list_of_names(value: str, message: str) -> None:
    assert lines(HEAD + f"owner: O\nhide: {value}\n---\n") == [
        f"{P}:6: {message} (the theme reads it so: another value stops the build)"]


def test_search_is_a_mapping() -> None:
    assert lines(HEAD + "owner: O\nsearch: 5\n---\n") == [
        f"{P}:6: search: expected a mapping, such as {{exclude: true}} or {{boost: 2}}, got a number "
        "(the theme reads it so: another value stops the build)"]
    assert lines(HEAD + "owner: O\nsearch: {exclude: true}\nhide: [navigation, toc]\n---\n") == []


def test_material_builds_a_page_with_an_unreadable_theme_key_without_a_traceback(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.config("on_invalid: warn\nexclude: [notes.md]", theme="material")
    site.page("p.md", HEAD + "owner: O\nid: p\nhide: 5\nsearch: 7\n---\nBody\n")
    site.page("notes.md", "---\nhide: 5\nsearch: 7\n---\n# Notes\n")  # not a PR/FAQ: not checked, still no traceback
    built = site.build()
    assert built.code == 0 and "Traceback" not in built.text, built.text[-3000:]
    assert f"{P}:7: hide: expected a list of names" in built.text
    assert (site.root / "site" / "proposals" / "notes" / "index.html").exists()
    checked = site.check("check")
    assert checked.code == 1 and f"{P}:7: hide: expected a list of names" in checked.text
