"""Schema validation: one actionable line per problem, with the line of the offending key."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.generate import STATUSES, prfaq_page, proposal_data
from mkdocs_prfaq.contract.model import Proposal, cross_check, load_page
from mkdocs_prfaq.contract.schema import build_validator

VALIDATOR = build_validator()


def check(data: dict[str, Any], path: str = "docs/proposals/p.md") -> list[str]:
    _, problems = load_page("proposals/p.md", path, prfaq_page(data), VALIDATOR)
    return [str(p) for p in problems]


def complete(status: str) -> dict[str, Any]:
    data = proposal_data(3, status)
    if status == "superseded":
        data["superseded_by"] = "other"
    return data


@pytest.mark.parametrize("status", STATUSES)
def test_a_complete_proposal_of_every_status_is_valid(status: str) -> None:
    assert check(complete(status)) == []


def test_a_thin_draft_is_valid() -> None:
    assert check({"title": "T", "status": "draft", "owner": "O", "created": "2026-01-01"}) == []


def test_missing_required_fields_point_at_the_first_line() -> None:
    assert check({"title": "T"}) == [
        "docs/proposals/p.md:1: status: missing (a required field)",
        "docs/proposals/p.md:1: owner: missing (a required field)",
        "docs/proposals/p.md:1: created: missing (a required field)",
    ]


def test_requirements_grow_with_status() -> None:
    thin = {"title": "T", "status": "in-review", "owner": "O", "created": "2026-01-01"}
    problems = check(thin)
    for field in ("subtitle", "dateline", "press_release", "quotes", "faq", "reviewers"):
        assert f"docs/proposals/p.md:1: {field}: missing (status 'in-review' requires it)" in problems
    assert any("decision: missing (status 'approved' requires it)" in p for p in check(dict(thin, status="approved")))
    launched = check(dict(complete("approved"), status="launched"))
    assert launched == ["docs/proposals/p.md:1: launched: missing (status 'launched' requires it)"]
    assert check(dict(complete("draft"), status="superseded")) == [
        "docs/proposals/p.md:1: superseded_by: missing (status 'superseded' requires it)"
    ]


def test_too_few_questions_names_the_status_and_the_line() -> None:
    data = complete("in-review")
    data["faq"]["internal"] = data["faq"]["internal"][:1]
    [problem] = check(data)
    text = prfaq_page(data).splitlines()
    line = int(problem.split(":")[1])
    assert text[line - 1].strip() == "internal:"
    assert problem.endswith("faq.internal: 1 question, status 'in-review' needs at least 3")


def test_quotes_need_a_leader_and_a_customer() -> None:
    data = complete("approved")
    data["quotes"] = [q for q in data["quotes"] if q["kind"] == "leader"]
    assert [p.split(": ", 1)[1] for p in check(data)] == [
        "quotes: needs a quote with kind 'customer' (status 'approved' requires it)"
    ]


def test_wrong_types_unknown_status_bad_dates_and_typos() -> None:
    data = complete("draft")
    data.update(owner=["a", "b"], status="in-progress", created="2026-13-45", updated="yesterday")
    data["faq"]["external"][0] = {"questoin": "Q?", "answer": "A"}
    data["press_release"]["sumary"] = "typo"
    messages = [p.split(": ", 1)[1] for p in check(data)]
    assert "owner: expected text, got a list" in messages
    assert any(m.startswith("status: unknown status 'in-progress' (expected one of: draft, in-review") for m in messages)
    assert "created: '2026-13-45' is not a valid date, there is no month 13 (expected YYYY-MM-DD)" in messages
    assert "updated: 'yesterday' is not a valid date (expected YYYY-MM-DD)" in messages
    assert any(m.startswith("faq.external.0.questoin: unknown key") and "did you mean 'question'?" in m for m in messages)
    assert any(m.startswith("press_release.sumary: unknown key") and "did you mean 'summary'?" in m for m in messages)


def test_unknown_top_level_keys_are_allowed() -> None:
    assert check(dict(complete("draft"), team="growth", hide=["toc"])) == []


def test_bad_id_and_empty_text() -> None:
    messages = [p.split(": ", 1)[1] for p in check(dict(complete("draft"), id="My Idea", owner=""))]
    assert "id: 'My Idea' is not valid (expected an id: lowercase letters and digits, with single '-' or '_' between them)" in messages
    assert "owner: is empty (expected text)" in messages


def proposal(id_: str, **data: Any) -> Proposal:
    return Proposal(f"proposals/{id_}.md", f"docs/proposals/{id_}.md", data, {("related",): 9, ("related", "0"): 10, ("related", "1"): 11}, "")


def test_cross_checks_unique_ids_and_dangling_references() -> None:
    a = proposal("a", superseded_by="a")
    b = proposal("b", related=["a", "podgeni"])
    c = proposal("c", id="a")
    d = proposal("podgenie", superseded_by="nothing")
    assert [str(p) for p in cross_check([a, b, c, d])] == [
        "docs/proposals/c.md:1: id: id 'a' is used by both docs/proposals/c.md and docs/proposals/a.md "
        "(expected a unique id)",
        "docs/proposals/a.md:1: superseded_by: a proposal cannot supersede itself (expected another proposal's id)",
        "docs/proposals/b.md:11: related.1: no proposal has id 'podgeni' (expected the id of another PR/FAQ); did you mean 'podgenie'?",
        "docs/proposals/podgenie.md:1: superseded_by: no proposal has id 'nothing' (expected the id of another PR/FAQ)",
    ]
