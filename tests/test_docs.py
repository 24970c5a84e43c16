"""The docs as a new user meets them: every command and YAML block runnable as written, the getting
started guide run block by block in an empty folder against the built wheel, and the reference
tables committed in docs/reference/ current."""

from __future__ import annotations

from pathlib import Path

from mkdocs_prfaq import reference

from .conftest import ROOT, Site

DOCS = ROOT / "docs"


# -- generated reference tables ----------------------------------------------------------------

def test_the_reference_tables_committed_in_docs_are_current() -> None:
    pages = sorted((DOCS / "reference").glob("*.md"))
    with_tables = [p for p in pages if reference.END in p.read_text(encoding="utf-8")]
    assert {p.name for p in with_tables} >= {"configuration.md", "front-matter.md"}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert reference.refresh(text, reference.bundled_table) == text, \
            f"docs/reference/{path.name}: a generated table is stale; run `make reference`"


def test_make_reference_rewrites_a_stale_table_and_check_reports_it(tmp_path: Path) -> None:
    page = tmp_path / "options.md"
    page.write_text("# Options\n\n<!-- prfaq:reference labels -->\n\n| stale |\n\n<!-- /prfaq:reference -->\n\n"
                    "Quoted in text, `<!-- prfaq:reference config -->` stays as it is.\n", encoding="utf-8")
    assert reference.main(["--check", str(page)]) == 1
    assert reference.main([str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "| stale |" not in text and "| `internal_faq` |" in text and text.count(reference.END) == 1
    assert "`<!-- prfaq:reference config -->` stays" in text
    assert reference.main(["--check", str(page)]) == 0
    assert reference.refresh(text, reference.bundled_table) == text


def test_the_build_replaces_a_committed_table_with_the_sites_own(site: Site) -> None:
    (site.root / "ours.schema.json").write_text(
        '{"allOf": [{"$ref": "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"}],'
        ' "required": ["team"], "properties": {"team": {"description": "Owning team."}}}', encoding="utf-8")
    site.config("schema: ours.schema.json")
    committed = reference.refresh("<!-- prfaq:reference schema -->\n", reference.bundled_table)
    (site.docs / "ref.md").write_text(
        "# Ref\n\nThe marker `<!-- prfaq:reference schema -->` documents your schema.\n\n" + committed, encoding="utf-8")
    result = site.build("--strict")
    assert result.code == 0, result.text
    page = site.html("ref/index.html")
    assert page.count("<table>") == 1 and "<code>team</code>" in page and "Owning team." in page
    assert "<code>&lt;!-- prfaq:reference schema --&gt;</code> documents" in page
