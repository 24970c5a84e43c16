"""`mkdocs-prfaq check` and `schema`: same checks as the build, exit codes 0/1/2, three formats."""

from __future__ import annotations

import json

from ..conftest import Site


def test_clean_site_exits_0(site: Site) -> None:
    site.proposal("a.md", "approved")
    result = site.check("check")
    assert result.code == 0, result.text
    assert result.out == "" and "1 PR/FAQ checked, no problems" in result.err


def test_problems_exit_1_one_line_each_with_summary(site: Site) -> None:
    site.proposal("a.md", "in-review", subtitle=None, reviewers=[])
    site.page("b.md", "---\n- not a mapping\n---\n")
    result = site.check("check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "docs/proposals/a.md:1: subtitle: missing (status 'in-review' requires it)",
        f"docs/proposals/a.md:{result.out.splitlines()[1].split(':')[1]}: reviewers: 0 reviewers, status 'in-review' needs at least 1",
        "docs/proposals/b.md:2: front matter: front matter is a list (expected a mapping of keys to values)",
    ]
    assert result.err.strip() == "3 problems in 2 PR/FAQs"


def test_paths_limit_the_report_but_cross_checks_see_every_page(site: Site) -> None:
    site.proposal("a.md", "draft", related=["b"])
    site.proposal("b.md", "draft")
    site.page("c.md", "---\ntitle: C\n---\n")
    assert site.check("check", "docs/proposals/a.md").code == 0
    assert site.check("check", "docs/proposals/a.md", "docs/index.md").code == 2  # names no PR/FAQ
    result = site.check("check", "docs/proposals/c.md")
    assert result.code == 1 and all(line.startswith("docs/proposals/c.md:") for line in result.out.splitlines())


def test_json_format(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.page("b.md", "---\ntitle: B\nstatus: draft\nowner: O\ncreated: 2026-02-30\n---\n")
    result = site.check("check", "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["checked"] == 2
    assert report["problems"] == [{
        "path": "docs/proposals/b.md", "line": 5, "field": "created",
        "message": "'2026-02-30' is not a valid date, February has 28 days in 2026 (expected YYYY-MM-DD)",
    }]


def test_github_format(site: Site) -> None:
    site.page("b.md", "---\ntitle: B\nstatus: draft\nowner: O\n---\n")
    result = site.check("check", "--format", "github")
    assert result.code == 1
    assert result.out.strip() == (
        "::error file=docs/proposals/b.md,line=1,title=PR/FAQ created::created: missing (a required field)"
    )


def test_usage_and_config_errors_exit_2(site: Site) -> None:
    assert site.check("check", "-f", "nope.yml").code == 2
    assert site.check("frobnicate").code == 2
    assert site.check("check", "--format", "xml").code == 2
    (site.root / "bad.schema.json").write_text('{"type": 12}', encoding="utf-8")
    site.config("schema: bad.schema.json")
    result = site.check("check")
    assert result.code == 2 and "invalid JSON Schema" in result.err and "Traceback" not in result.text
    site.config("on_invalid: sometimes")
    result = site.check("check")
    assert result.code == 2 and "on_invalid" in result.text and "Traceback" not in result.text


def test_check_without_the_plugin_enabled_uses_defaults(site: Site) -> None:
    (site.root / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    site.page("b.md", "---\ntitle: B\n---\n")
    result = site.check("check")
    assert result.code == 1 and "does not enable the prfaq plugin" in result.err


def test_schema_command_prints_the_effective_schema(site: Site) -> None:
    bundled = json.loads(site.check("schema").out)
    assert bundled["$id"].endswith("/v1.schema.json")
    (site.root / "ours.schema.json").write_text('{"required": ["team"]}', encoding="utf-8")
    site.config("schema: ours.schema.json")
    assert json.loads(site.check("schema").out) == {"required": ["team"]}
    assert json.loads(site.check("schema", "--bundled").out) == bundled
