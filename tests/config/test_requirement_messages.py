"""The ``requirements:`` option's problems read as MkDocs' own for the other options: named once
(``option 'requirements': reviewers: ...``), saying what is expected, and about what the user wrote."""
from __future__ import annotations

from tests.conftest import Site

PREFIX = "Config value 'plugins': Plugin 'prfaq' option 'requirements': "
CHECK_PREFIX = "mkdocs-prfaq: error: mkdocs.yml: plugin 'prfaq' option 'requirements': "


def problem(site: Site, options: str) -> tuple[str, str]:
    """The requirement's problem as ``mkdocs build`` and ``mkdocs-prfaq check`` give it."""
    site.proposal("a.md", "draft")
    site.config(options)
    built = site.build()
    assert built.code == 1, built.err
    [line] = [line for line in built.err.splitlines() if "option 'requirements'" in line]
    assert line.startswith(f"ERROR   -  {PREFIX}"), line
    checked = site.check("check")
    assert checked.code == 2, checked.err
    [checked_line] = [line for line in checked.err.splitlines() if "option 'requirements'" in line]
    assert checked_line.startswith(CHECK_PREFIX), checked_line
    message = line.removeprefix(f"ERROR   -  {PREFIX}")
    assert checked_line.removeprefix(CHECK_PREFIX) == message
    return line, message


def test_named_once(site: Site) -> None:
    line, message = problem(site, "requirements:\n  reviewrs: 2")
    assert line.count("requirements") == 1, line
    assert message.startswith("unknown requirement 'reviewrs' (expected one of: subtitle, ")
    assert message.endswith("did you mean 'reviewers'?")
    _, message = problem(site, "requirements: 5")
    assert message == "5 is not a mapping (expected e.g. {external_questions: 3, quotes: [leader, customer]})"


def test_a_count_says_a_whole_number_of_0_or_more(site: Site) -> None:
    for value in ("-1", "3.5", "two"):
        _, message = problem(site, f"requirements:\n  reviewers: {value}")
        shown = {"two": "'two'"}.get(value, value)
        assert message == (f"reviewers: {shown} is not a whole number of 0 or more (expected e.g. 2; "
                           "0 requires none)"), message
    _, message = problem(site, "requirements:\n  external_questions: -3")
    assert message.startswith("external_questions: -3 is not a whole number of 0 or more")


def test_quote_kinds_that_leave_out_a_required_kind_is_a_problem_of_quote_kinds(site: Site) -> None:
    _, message = problem(site, "requirements:\n  quote_kinds: leader")
    assert message == (
        "quote_kinds: [leader] leaves out 'customer', a kind of quote that quotes (by default [leader, customer]) "
        "requires from complete on (expected 'customer' in quote_kinds too, or quotes set to the kinds you allow, "
        "e.g. quotes: [leader])")
    _, message = problem(site, "requirements:\n  quote_kinds: [partner]")
    assert message.startswith("quote_kinds: [partner] leaves out 'leader' and 'customer', ")
    assert message.endswith("e.g. quotes: [partner])")
    # quotes the user wrote: the problem is theirs
    _, message = problem(site, "requirements:\n  quote_kinds: [leader]\n  quotes: [leader, customer]")
    assert message == "quotes: 'customer' is not one of: leader"
    # both written and agreeing: no problem with the options (the proposal's customer quote is one)
    site.config("requirements:\n  quote_kinds: [leader]\n  quotes: [leader]")
    built = site.build()
    assert "option 'requirements'" not in built.err and "quotes.1.kind: unknown value 'customer'" in built.err
