"""Real `mkdocs build` runs in temp dirs: the build fails on an incomplete PR/FAQ, names every
problem at once, never prints a traceback, and never touches the sources."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from ..conftest import Site


def test_valid_site_builds_strict_and_keeps_the_front_matter_out_of_the_page(site: Site) -> None:
    site.proposal("alpha.md", "in-review")
    site.proposal("beta.md", "draft", i=1, related=["alpha"])
    result = site.build("--strict")
    assert result.code == 0, result.text
    page = site.html("proposals/alpha/index.html")
    assert "press_release:" not in page and "status: in-review" not in page
    assert "Appendix" in page


def test_every_problem_in_every_page_is_reported_then_the_build_stops(site: Site) -> None:
    site.page("broken.md", "---\ntitle: A\nowner: [unclosed\n---\nBody\n")
    site.page("dup.md", "---\ntitle: A\ntitle: B\nstatus: draft\nowner: O\ncreated: 2026-01-01\n---\n")
    site.proposal("thin.md", "in-review", faq={"external": [], "internal": [{"question": "Q", "answer": "A"}]})
    sources = {p: p.read_bytes() for p in site.docs.rglob("*.md")}
    result = site.build()
    assert result.code == 1
    assert "Traceback" not in result.text
    assert "docs/proposals/broken.md:3: front matter: invalid YAML" in result.text
    assert "docs/proposals/dup.md:3: title: duplicate key (first at line 2" in result.text
    assert "faq.internal: 1 question, status 'in-review' needs at least 3" in result.text
    assert "faq.external: 0 questions, status 'in-review' needs at least 3" in result.text
    assert "prfaq: 4 problems in 3 PR/FAQs" in result.text
    assert not (site.root / "site" / "proposals" / "thin" / "index.html").exists()
    assert {p: p.read_bytes() for p in site.docs.rglob("*.md")} == sources


def test_malformed_yaml_is_not_silently_rendered_as_text(site: Site) -> None:
    site.page("oops.md", "---\ntitle: A\nstatus: draft\nowner: O\ncreated: 2026-01-01\n: bad\n---\nBody\n")
    result = site.build()
    assert result.code == 1 and "docs/proposals/oops.md:6: front matter: invalid YAML" in result.text


def test_warn_builds_anyway_and_strict_then_fails(site: Site) -> None:
    site.proposal("thin.md", "approved", decision=None)
    site.config("on_invalid: warn")
    result = site.build()
    assert result.code == 0, result.text
    assert "WARNING -  docs/proposals/thin.md:1: decision: missing (status 'approved' requires it)" in result.text
    assert (site.root / "site" / "proposals" / "thin" / "index.html").exists()
    strict = site.build("--strict")
    assert strict.code == 1 and "Aborted with 2 warnings in strict mode!" in strict.text


def test_dangling_links_between_proposals_fail(site: Site) -> None:
    site.proposal("old.md", "superseded", superseded_by="new-thing")
    site.proposal("other.md", "draft", related=["old", "missing"])
    result = site.build()
    assert result.code == 1
    assert "docs/proposals/old.md:" in result.text and "superseded_by: no proposal has id 'new-thing'" in result.text
    assert "related.1: no proposal has id 'missing'" in result.text


def test_duplicate_ids_across_folders_fail(site: Site) -> None:
    site.proposal("2025/podgenie.md", "draft")
    site.proposal("2026/podgenie.md", "draft")
    result = site.build()
    assert result.code == 1
    assert "docs/proposals/2026/podgenie.md:" in result.text
    assert ("id 'podgenie' is used by both docs/proposals/2026/podgenie.md and docs/proposals/2025/podgenie.md "
            "(expected a unique id)") in result.text


def test_the_dir_index_and_pages_outside_dir_are_not_proposals(site: Site) -> None:
    site.page("index.md", "# All proposals\n")
    (site.docs / "notes.md").write_text("# Notes without front matter\n", encoding="utf-8")
    site.proposal("a.md", "draft")
    assert site.build("--strict").code == 0


def test_dir_option_and_disabled_plugin(site: Site) -> None:
    (site.docs / "prfaqs").mkdir()
    (site.docs / "prfaqs" / "x.md").write_text("no front matter\n", encoding="utf-8")
    site.config("dir: /prfaqs/")
    result = site.build()
    assert result.code == 1 and "docs/prfaqs/x.md:1: front matter: no front matter" in result.text
    site.config("dir: prfaqs\nenabled: false")
    assert site.build().code == 0


def test_config_errors_read_like_mkdocs(site: Site) -> None:
    site.config("on_invalid: maybe")
    result = site.build()
    assert result.code == 1 and "on_invalid" in result.text and "Traceback" not in result.text
    site.config("schema: nowhere.json")
    result = site.build()
    assert result.code == 1 and "nowhere.json" in result.text and "Traceback" not in result.text


def test_in_process_build_and_meta_for_other_plugins(site: Site) -> None:
    site.proposal("alpha.md", "launched", title="Alpha <b>bold</b>", tags=["mobile", "b2b"])
    config = load_config(str(site.root / "mkdocs.yml"))
    build(config)
    page = site.html("proposals/alpha/index.html")
    assert "Alpha <b>bold</b>" not in page
    assert "Alpha &lt;b&gt;bold&lt;/b&gt;" in page


def test_in_process_build_raises_abort_on_problems(site: Site) -> None:
    site.page("bad.md", "---\ntitle: A\n---\n")
    config = load_config(str(site.root / "mkdocs.yml"))
    try:
        build(config)
    except Abort as e:
        assert "BuildError" in str(e)
    else:
        raise AssertionError("the build should have stopped")


def test_non_utf8_page_is_a_problem_not_a_crash(site: Site) -> None:
    (site.docs / "proposals" / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    result = site.build()
    assert "Traceback" not in result.text
    assert result.code == 1


def test_serve_style_rebuild_resets_state(site: Site, tmp_path: Path) -> None:
    site.proposal("a.md", "draft")
    site.proposal("b.md", "draft", related=["a"])
    config = load_config(str(site.root / "mkdocs.yml"))
    build(config)
    (site.docs / "proposals" / "a.md").unlink()
    config = load_config(str(site.root / "mkdocs.yml"))
    try:
        build(config)
    except Abort:
        pass
    else:
        raise AssertionError("'b' still refers to the deleted 'a'")


def test_a_body_that_looks_like_multimarkdown_metadata_stays_text(site: Site) -> None:
    site.proposal("alpha.md", "draft")
    path = site.docs / "proposals" / "alpha.md"
    text = path.read_text()
    front, _, _ = text.partition("\n---\n\n")
    path.write_text(front + "\n---\nNote: this line is text, not metadata.\n")
    assert site.build("--strict").code == 0
    assert "Note: this line is text, not metadata." in site.html("proposals/alpha/index.html")
