"""Random front matter never crashes the parser or the validator: a clean error or success."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import prfaq_page, proposal_data
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import Site

VALIDATOR = build_validator()
# path:LINE: field: message -- the field never contains ": ", nothing contains a newline.
LINE = re.compile(r"^docs/proposals/p\.md:\d+: (?:(?!: )[^\n])+: [^\n]+$")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.dates().map(str), st.sampled_from(["draft", "in-review", "launched", "2026-13-45", "leader"]),
)
keys = st.one_of(st.sampled_from(["title", "status", "owner", "created", "faq", "quotes", "external",
                                  "internal", "question", "answer", "kind", "dateline", "id", "related",
                                  "superseded_by", "press_release", "decision"]), st.text(max_size=8))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=30)


def assert_clean(text: str) -> None:
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", text, VALIDATOR)
    for problem in problems:
        assert LINE.match(str(problem)), str(problem)
        assert 1 <= problem.line <= text.count("\n") + 2
    assert proposal.valid == (not problems)
    # The accessors used by rendering tolerate any data.
    _ = (proposal.title, proposal.status, proposal.tags, proposal.quotes, proposal.faq("external"),
         proposal.dateline, proposal.press_release, proposal.decision, proposal.customer, proposal.id)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, values, max_size=8))
def test_random_mappings(data: dict[str, Any]) -> None:
    assert_clean("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nbody\n")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_as_front_matter(text: str) -> None:
    assert_clean("---\n" + text + "\n---\nbody\n")


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.text(min_size=1, max_size=6))
def test_random_edits_of_a_real_proposal(position: int, insert: str) -> None:
    text = prfaq_page(proposal_data(1, "in-review"))
    position = min(position, len(text) - 1)
    assert_clean(text[:position] + insert + text[position:])


def test_random_pages_through_the_real_cli(site: Site) -> None:
    rng_pages = ["---\n" + t + "\n---\n" for t in ("{", "a: [", "? [a]\n: b", "!!binary x", "- 1", "'", "a: *x")]
    for i, text in enumerate(rng_pages):
        site.page(f"p{i}.md", text)
    result = site.check("check")
    assert result.code == 1 and "Traceback" not in result.text
    assert len(result.out.splitlines()) >= len(rng_pages)
    for line in result.out.splitlines():
        assert re.match(r"^docs/proposals/p\d\.md:\d+: [^:]+: .+$", line), line


TAGS = ["!!timestamp", "!!bool", "!!int", "!!float", "!!null", "!!str", "!!binary", "!!set", "!!omap", "!!python/none"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TAGS), st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
       st.sampled_from(["title", "created", "tags", "team"]))
def test_explicit_tags_with_any_value(tag: str, value: str, key: str) -> None:
    assert_clean(f"---\ntitle: A\n{key}: {tag} {json.dumps(value)}\n---\nbody\n")
    assert_clean(f"---\ntitle: A\n{key}: {tag} {value}\n---\nbody\n")


def test_explicit_tags_that_do_not_fit_their_value_keep_the_text() -> None:
    for tag, value in (("!!timestamp", "hello"), ("!!timestamp", "2026-04-7x"), ("!!bool", "maybe"), ("!!int", "abc")):
        proposal, _ = load_page("proposals/p.md", "p.md", f"---\ntitle: A\nteam: {tag} {value}\n---\n", VALIDATOR)
        assert proposal.data["team"] == value
