"""Errors in the author's words for the body form (issue 19): each mistake is one line at the
line where it is, naming what was written and what is expected, never a parser's own words.
Mistakes whose reading belongs to the body-form reader (contract/body.py) are reported by it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import cli
from mkdocs_prfaq.contract import frontmatter

from ..conftest import Site

FRONT = ("---\ntitle: Rocket Skates\nstatus: in-review\nowner: Ana Souza\ncreated: 2026-01-01\n"
         "subtitle: Skates that get you there first.\nreviewers: [Bo Chen]\n---\n\n")
PRESS = ("## Press release\n\n**SEATTLE, WA, March 3, 2027** — Today Acme launches Rocket Skates.\n\n"
         "Commuters lose an hour a day.\n\nRocket Skates double your speed.\n\n"
         "> \"We built them for every commuter.\"\n> — Jo Lee, VP Product\n\n"
         "Order a pair at acme.example.\n\n"
         "> \"I get to work in half the time.\"\n> — Sam Rivera, Commuter\n\n")
EXTERNAL = "## External FAQ\n\n### How fast?\n\nTwice.\n\n### How much?\n\n$99.\n\n### Where?\n\nOnline.\n\n"
INTERNAL = "## Internal FAQ\n\n### Why now?\n\nBatteries.\n\n### Cost?\n\nLow.\n\n### Risk?\n\nFalls.\n"
PAGE = FRONT + PRESS + EXTERNAL + INTERNAL
PYYAML = ("while parsing", "while scanning", "expected <", "did not find expected", "found unexpected", "found unknown",
          "could not find")
"""PyYAML's own words, which an author should never have to read."""


def check(site: Site, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, list[str], int]:
    """`check` on a site holding one page: its exit code, its problem lines, and how many
    lines the page has (each problem's line must be inside it)."""
    site.page("skates.md", text)
    capsys.readouterr()
    code = cli.main(["check", "-f", str(site.root / "mkdocs.yml")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line.split("docs/proposals/", 1)[1] for line in out.splitlines() if "docs/proposals/" in line], \
        text.count("\n") + 1


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_page_used_below_is_clean(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, _ = check(site, capsys, PAGE)
    assert (code, problems) == (0, [])


# -- messages made outside the reader ------------------------------------------------------------

def test_decision_given_as_text_lists_the_fields_it_needs(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("status: in-review", "status: approved").replace(
        "reviewers: [Bo Chen]\n", "reviewers: [Bo Chen]\ndecision: Approved at the March review\n")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    assert problems == [f"skates.md:{line_of(text, 'decision:')}: decision: expected a mapping with the fields date, "
                        "by, summary, got text (each field on its own indented line under decision:)"]


@pytest.mark.parametrize(("line", "fix"), [
    ("subtitle: 'Don't wait for the bus'", '''subtitle: "Don't wait for the bus"'''),
    ('title: "The "best" skates"', '''title: "The \\"best\\" skates"'''),
    ('title: "Rocket" Skates', '''title: "\\"Rocket\\" Skates"'''),
    ("title: 'Tis the season for skates", '''title: "'Tis the season for skates"'''),
    ("owner: 'O'Brien'", '''owner: "O'Brien"'''),
])
def test_a_quote_or_apostrophe_that_breaks_yaml_gets_the_plugins_own_message(
        site: Site, capsys: pytest.CaptureFixture[str], line: str, fix: str) -> None:
    key = line.split(":", 1)[0]
    text = "\n".join(line if row.startswith(f"{key}:") else row for row in PAGE.split("\n"))
    code, problems, _ = check(site, capsys, text)
    assert code == 1 and len(problems) == 1, problems
    [problem] = problems
    assert problem.startswith(f"skates.md:{line_of(text, line)}: front matter: invalid YAML: the value of {key!r} "
                              "starts with "), problem
    assert problem.endswith(f"(quote the value: {fix})"), problem
    for pyyaml in PYYAML:
        assert pyyaml not in problem
    assert frontmatter.parse_yaml(fix + "\n").errors == []  # the fix it gives is valid YAML


def test_a_list_item_with_an_apostrophe(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("reviewers: [Bo Chen]", "reviewers:\n  - 'O'Brien'")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    assert problems == [f"skates.md:{line_of(text, '- ')}: front matter: invalid YAML: this list item starts with an "
                        """apostrophe, so YAML ends the text at the next one and cannot read "Brien'" after it """
                        """(quote the value: - "O'Brien")"""]


@given(quote=st.sampled_from(["'", '"']),
       rest=st.text(st.sampled_from(["'", '"', "\\", "a", "b", " ", "n", "x", "1", ",", "é"]), min_size=1, max_size=16),
       lead=st.sampled_from(["subtitle: ", "  - "]))
@settings(max_examples=300, deadline=None)
def test_generated_quoted_values_never_give_pyyamls_words(quote: str, rest: str, lead: str) -> None:
    """A value that opens with a quote, then any run of quotes, apostrophes, backslashes and
    words: whatever YAML makes of it, a problem is the plugin's own line, at the value's line,
    and the fix it gives is valid YAML."""
    value = quote + rest
    key = "subtitle:" if lead.startswith("subtitle") else "reviewers:"
    parsed = frontmatter.parse_yaml(f"title: A\n{'' if key == 'subtitle:' else key + chr(10)}{lead}{value}\nstatus: draft\n")
    for error in parsed.errors:
        assert "\n" not in error.message
        assert 2 <= error.line <= 4
        for pyyaml in PYYAML:
            assert pyyaml not in error.message, (value, error)
        fix = error.message.rsplit("(quote the value: ", 1)
        if len(fix) == 2 and fix[1].endswith(")"):
            assert frontmatter.parse_yaml(f"x:\n{fix[1][:-1]}\n" if fix[1].startswith("- ") else fix[1][:-1] + "\n").errors == []


def test_a_date_the_dateline_cannot_read_names_the_forms_it_reads(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("March 3, 2027", "Marchember 3, 2027")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    [problem] = problems
    assert problem.startswith(f"skates.md:{line_of(text, '**SEATTLE')}: dateline.date: ")
    assert "is not a date the dateline can read" in problem
    assert problem.endswith("(expected March 3, 2027, 3 March 2027, Mar 3rd 2027, 2027-03-03, or a month: March 2027)")
    assert "YYYY-MM-DD" not in problem


def test_a_front_matter_date_still_asks_for_yyyy_mm_dd(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("created: 2026-01-01", "created: 2026-02-30")
    code, problems, _ = check(site, capsys, text)
    assert code == 1 and problems[0].endswith("(expected YYYY-MM-DD)"), problems


@pytest.mark.parametrize(("old", "new", "field", "value"), [
    ("owner: Ana Souza", "owner: TBD", "owner", "TBD"),
    ("reviewers: [Bo Chen]", "reviewers: [TBD]", "reviewers.0", "TBD"),
    ("reviewers: [Bo Chen]", "reviewers: [Hannah Brooks, TODO]", "reviewers.1", "TODO"),
    ("reviewers: [Bo Chen]", "reviewers: ['[Reviewer name]']", "reviewers.0", "[Reviewer name]"),
    ("owner: Ana Souza", "owner: N/A", "owner", "N/A"),
])
def test_placeholder_people_from_in_review_on(site: Site, capsys: pytest.CaptureFixture[str],
                                              old: str, new: str, field: str, value: str) -> None:
    text = PAGE.replace(old, new)
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    assert problems == [f"skates.md:{line_of(text, new)}: {field}: placeholder text {value!r} (status 'in-review' "
                        "needs the real text)"]
    code, problems, _ = check(site, capsys, text.replace("status: in-review", "status: draft"))
    assert (code, problems) == (0, []), "a draft may hold placeholders"


@pytest.mark.parametrize("name", ["Todd Brooks", "Nadia", "To Do Nguyen"])
def test_real_names_are_not_placeholders(site: Site, capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, problems, _ = check(site, capsys, PAGE.replace("owner: Ana Souza", f"owner: {name}").replace(
        "reviewers: [Bo Chen]", f"reviewers: [{name}]"))
    assert (code, problems) == (0, [])


# -- messages the body-form reader makes (contract/body.py) ----------------------------------------

def test_an_unrecognised_faq_heading_is_named(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("## External FAQ", "## Questions customers ask")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    [problem] = problems
    assert problem.startswith(f"skates.md:{line_of(text, '## Questions customers ask')}: ")
    assert "'Questions customers ask' is not a FAQ heading" in problem
    for heading in ("External FAQ", "Internal FAQ", "FAQ"):
        assert heading in problem.split("is not a FAQ heading", 1)[1]


def test_a_leader_attribution_outside_the_quote_block_says_so(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("> — Jo Lee, VP Product", "\n— Jo Lee, VP Product")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    [problem] = problems
    assert problem.startswith(f"skates.md:{line_of(text, '— Jo Lee')}: ")
    assert "outside the quote" in problem and "'>'" in problem


def test_a_dateline_with_a_numeric_date_names_the_forms(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    text = PAGE.replace("March 3, 2027", "03/03/2027")
    code, problems, _ = check(site, capsys, text)
    assert code == 1
    [problem] = problems
    assert problem.startswith(f"skates.md:{line_of(text, '**SEATTLE')}: dateline.date: '03/03/2027'")
    assert problem.endswith("(expected March 3, 2027, 3 March 2027, Mar 3rd 2027, 2027-03-03, or a month: March 2027)")


def test_lines_stay_inside_the_page(site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every mistake above, at once: each problem's line is a line of the page."""
    text = (PAGE.replace("owner: Ana Souza", "owner: TBD").replace("reviewers: [Bo Chen]", "reviewers: [Bo, TODO]")
            .replace("March 3, 2027", "Marchember 3, 2027"))
    code, problems, lines = check(site, capsys, text)
    assert code == 1 and len(problems) == 3, problems
    for problem in problems:
        assert 1 <= int(problem.split(":")[1]) <= lines
