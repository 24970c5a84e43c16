"""The compiled fast path agrees with jsonschema on every document, valid or not."""

from __future__ import annotations

import copy
import functools
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import STATUSES, proposal_data
from mkdocs_prfaq.contract.compiled import equal
from mkdocs_prfaq.contract.frontmatter import parse
from mkdocs_prfaq.contract.lifecycle import make, parse_requirements, parse_statuses
from mkdocs_prfaq.contract.schema import BUNDLED_ID, SchemaValidator, build_validator

from ..contract.test_fuzz import values

BUNDLED = build_validator()
EXTENDED = build_validator({
    "allOf": [{"$ref": BUNDLED_ID}],
    "required": ["team"],
    "properties": {"team": {"enum": ["growth", 1, None, True]}, "score": {"type": "integer", "minimum": 0},
                   "labels": {"type": "array", "uniqueItems": True, "maxItems": 3},
                   "links": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"},
                             "patternProperties": {"^x": {"type": "string"}}}},
    "anyOf": [{"required": ["team"]}, {"not": {"required": ["score"]}}],
})
CUSTOM_LIFECYCLE = make(
    parse_statuses({"proposed": "thin", "review": "complete", "approved": "decided", "done": "launched",
                    "rejected": "closed", "in-review": "complete", "superseded": {"requires": ["superseded_by"]}}),
    parse_requirements({"quotes": ["leader", "leader", "customer"], "quote_kinds": ["leader", "customer", "partner"],
                        "internal_questions": 0, "external_questions": 4, "reviewers": 2, "customer": ["who"],
                        "press_release": ["summary", "closing"], "subtitle": False}),
)
CUSTOM = build_validator(bundled=CUSTOM_LIFECYCLE.schema())
"""A generated schema: another lifecycle, relaxed and tightened requirements, minContains."""
CUSTOM_EXTENDED = build_validator({"allOf": [{"$ref": BUNDLED_ID}], "required": ["team"]},
                                  bundled=CUSTOM_LIFECYCLE.schema())


def agree(data: Any, validators: tuple[SchemaValidator, ...] = (BUNDLED, EXTENDED, CUSTOM, CUSTOM_EXTENDED)) -> None:
    for validator in validators:
        assert validator.compiled
        assert validator.is_valid(data) == validator.jsonschema.is_valid(data), data


def test_fast_path_is_used_for_both_schemas_and_falls_back_for_unknown_keywords() -> None:
    assert BUNDLED.compiled and EXTENDED.compiled and CUSTOM.compiled and CUSTOM_EXTENDED.compiled
    fallback = build_validator({"unevaluatedProperties": False, "properties": {"title": {}}})
    assert not fallback.compiled
    assert fallback.is_valid({"title": "x"}) and not fallback.is_valid({"other": 1})


def test_json_equality() -> None:
    assert equal(1, 1.0) and not equal(True, 1) and not equal(0, False) and not equal(None, 0)
    assert equal([1, {"a": None}], [1.0, {"a": None}]) and not equal([1], [1, 2]) and not equal({"a": 1}, [1])


_DROP = object()


def all_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += all_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += all_paths(value, (*prefix, index))
    return found


def edit(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    """Set (or, for _DROP, delete) the value at an existing path."""
    for key in path[:-1]:
        doc = doc[key]
    if value is _DROP:
        del doc[path[-1]]
    else:
        doc[path[-1]] = value


@functools.cache
def parsed(i: int, status: str) -> dict[str, Any]:
    """Proposal ``i`` of ``status`` as front matter reads it: made once, by libyaml's emitter (the
    same text as ``yaml.safe_dump`` for every generated proposal, in an eighth of the time; the
    pure-Python one took a quarter of the test's time), a copy edited by each example."""
    data = parse("---\n" + yaml.dump(proposal_data(i, status), Dumper=yaml.CSafeDumper) + "---\n").data
    assert data is not None
    return data


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(st.integers(0, 50), st.sampled_from(STATUSES), st.sampled_from([None, *CUSTOM_LIFECYCLE.names]),
       st.booleans(), st.data())
def test_agrees_on_edited_proposals(i: int, status: str, renamed: str | None, team: bool,
                                    draw: st.DataObject) -> None:
    data = copy.deepcopy(parsed(i, status))
    if renamed is not None:  # a complete proposal under another lifecycle's status
        data["status"] = renamed
    if team:
        data["team"] = "growth"
    for _ in range(draw.draw(st.integers(1, 3))):
        paths = all_paths(data)
        if not paths:
            break
        path = draw.draw(st.sampled_from(paths))
        edit(data, path, draw.draw(st.one_of(st.just(_DROP), values)))
    agree(data, (BUNDLED, EXTENDED) if renamed is None else (CUSTOM, CUSTOM_EXTENDED))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "status", "owner", "created", "team", "score", "labels",
                                        "links", "faq", "quotes", "id"]), values, max_size=8))
def test_agrees_on_random_documents(data: dict[str, Any]) -> None:
    agree(data)
