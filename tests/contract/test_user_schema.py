"""A site's own schema: extends the bundled one by $ref (no network), or replaces it; a broken
one is a clear configuration error."""

from __future__ import annotations

import json

from ..conftest import Site

BUNDLED_ID = "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"


def extending_schema() -> str:
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/ours.schema.json",
        "allOf": [{"$ref": BUNDLED_ID}],
        "required": ["team"],
        "properties": {"team": {"description": "Owning team.", "enum": ["growth", "platform"]}},
    })


def test_a_site_schema_extends_the_bundled_one_by_ref(site: Site) -> None:
    (site.root / "ours.schema.json").write_text(extending_schema(), encoding="utf-8")
    site.config("schema: ours.schema.json")
    site.proposal("a.md", "draft", team="growth")
    site.proposal("b.md", "in-review", i=1, subtitle=None)
    result = site.build()
    assert result.code == 1
    assert "docs/proposals/b.md:1: team: missing (a required field)" in result.text
    assert "docs/proposals/b.md:1: subtitle: missing (status 'in-review' requires it)" in result.text
    assert "docs/proposals/a.md" not in result.text
    check = site.check("check")
    assert check.code == 1 and check.err.strip() == "2 problems in 1 PR/FAQ"


def test_a_yaml_site_schema_and_a_bundled_sub_schema_ref(site: Site) -> None:
    (site.root / "ours.schema.yml").write_text(
        f"allOf:\n  - $ref: '{BUNDLED_ID}'\nproperties:\n  reviewed_on:\n    $ref: '{BUNDLED_ID}#/$defs/date'\n",
        encoding="utf-8",
    )
    site.config("schema: ours.schema.yml")
    site.proposal("a.md", "draft", reviewed_on="2026-02-31")
    result = site.check("check")
    assert result.code == 1 and "reviewed_on: '2026-02-31' is not a valid date" in result.out


def test_broken_schemas_are_config_errors(site: Site) -> None:
    site.proposal("a.md", "draft")
    cases = {
        "syntax.schema.json": ('{"type": "object",\n  "required": [}', "schema is not valid JSON"),
        "invalid.schema.json": ('{"type": "objekt"}', "invalid JSON Schema"),
        "network.schema.json": ('{"$ref": "https://example.com/elsewhere.json"}', "cannot resolve $ref"),
        "pointer.schema.json": ('{"$ref": "#/$defs/nothing"}', "cannot resolve $ref"),
        "list.schema.json": ("[1, 2]", "must be a JSON object"),
    }
    for name, (text, expected) in cases.items():
        (site.root / name).write_text(text, encoding="utf-8")
        site.config(f"schema: {name}")
        build = site.build()
        assert build.code == 1 and expected in build.text and name in build.text, (name, build.text)
        assert "Traceback" not in build.text
        check = site.check("check")
        assert check.code == 2 and expected in check.err, (name, check.text)
