"""``statuses:`` and ``requirements:`` are MkDocs config classes (#23): each status is read by a
``StatusConfig`` and the requirements by a ``SubConfig`` of ``RequirementsConfig``, in the
plugin's words, with the same results and the same first error as the lifecycle's own readers
(:func:`parse_statuses`, :func:`parse_requirements`) on generated options."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import config_options as c

from mkdocs_prfaq.config import PrfaqConfig, RequirementsConfig, StatusConfig, lifecycle_of
from mkdocs_prfaq.contract.lifecycle import (
    REQUIREMENT_KEYS,
    STATUS_SETTINGS,
    LifecycleError,
    make,
    parse_requirements,
    parse_statuses,
)
from mkdocs_prfaq.layout.reference import config_options

VALUES = st.sampled_from([
    None, True, False, 0, 2, -1, 1.5, "", "x", "thin", "complete", "complet", "closed", "launched", "#fff", "#1d6b35",
    "#12345g", "red", "2 weeks", "30", "a while", [], ["leader"], ["leader", "leader"], ["partner"], ["summary"],
    ["who", "benefit"], ["getting-started"], ["superseded_by"], "superseded_by", {"a": 1}, "Under review"])
NAMES = st.sampled_from(["draft", "in-review", "review", "done", "rejected", "superseded", "status", "invalid",
                         "In Review", "a</style>"])
STATUS = st.one_of(VALUES, st.dictionaries(st.sampled_from([*STATUS_SETTINGS, "colur", "lvl"]), VALUES, max_size=3))
REQUIREMENTS = st.one_of(VALUES, st.dictionaries(st.sampled_from([*REQUIREMENT_KEYS, "reviewer"]), VALUES,
                                                 max_size=3))


def read(options: dict[str, Any]) -> tuple[list[str], Any]:
    config = PrfaqConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    return [f"{key}: {error}" for key, error in failed], None if failed else lifecycle_of(config)


def own(statuses: Any, requirements: Any) -> tuple[list[str], Any]:
    try:
        parsed = parse_statuses(statuses) if statuses is not None else None
    except LifecycleError as e:
        return [f"statuses: {e}"], None
    try:
        return [], make(parsed, parse_requirements(requirements))
    except LifecycleError as e:
        return [f"requirements: {e}"], None


@settings(max_examples=400, deadline=None)
@given(statuses=st.one_of(st.none(), VALUES, st.dictionaries(NAMES, STATUS, max_size=3)), requirements=REQUIREMENTS)
def test_the_config_classes_read_as_the_lifecycle_does(statuses: Any, requirements: Any) -> None:
    options: dict[str, Any] = {}
    if statuses is not None:
        options["statuses"] = statuses
    if requirements is not None:
        options["requirements"] = requirements
    assert read(options) == own(statuses, requirements)


def test_they_are_mkdocs_config_classes() -> None:
    schema = dict(PrfaqConfig._schema)
    assert isinstance(schema["requirements"], c.SubConfig) and schema["requirements"].config_class is RequirementsConfig
    assert [key for key, _ in RequirementsConfig._schema] == list(REQUIREMENT_KEYS)
    assert sorted(key for key, _ in StatusConfig._schema) == sorted(STATUS_SETTINGS)
    # the configuration reference lists each requirement with its default
    rows = {name: default for name, default, _ in config_options(PrfaqConfig)}
    assert rows["requirements.reviewers"] == "`1`" and rows["requirements.subtitle"] == "`true`"
    assert "requirements" not in rows and "statuses" in rows


def test_the_hints_stay() -> None:
    assert read({"statuses": {"review": {"colur": "#fff"}}})[0] == [
        "statuses: status 'review': unknown setting 'colur' (expected one of: label, colour, dark_colour, level, "
        "open, requires, stale_after); did you mean 'colour'?"]
    assert read({"requirements": {"reviewrs": 2}})[0] == [
        "requirements: unknown requirement 'reviewrs' (expected one of: subtitle, dateline, "
        "reviewers, press_release, quotes, quote_kinds, external_questions, internal_questions, customer); "
        "did you mean 'reviewers'?"]
    assert read({"requirements": {"reviewers": "two"}})[0] == [
        "requirements: reviewers: 'two' is not a whole number of 0 or more (expected e.g. 2; 0 requires none)"]
