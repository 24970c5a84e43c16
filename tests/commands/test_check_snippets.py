"""`mkdocs-prfaq check` reports each pymdownx.snippets include that a PR/FAQ asks for and would not
get (layout/neighbours.py), at the same line, field and words as `mkdocs build` does, and as a
warning: `check --strict` fails where `mkdocs build --strict` does. Both run in-process."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import cli

from ..commands.test_check_agrees import outcomes
from ..conftest import Site

SNIPPETS = "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [{root}]\n"
INCLUDE = re.compile(r"(?P<page>[\w-]+\.md):(?P<line>\d+): (?P<field>[\w.]+): (?P<message>(?:include|more includes) .*)")


def reported(text: str) -> set[tuple[str, ...]]:
    """Each refused include a log or check's output names: (page, line, field, message)."""
    return {m.group("page", "line", "field", "message") for m in INCLUDE.finditer(text)}


def snippet_site(root: Path, options: str = "") -> Site:
    site = Site(root)
    site.config(options, extra=SNIPPETS.format(root=root))
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n  token = GIT-TOKEN-123\n", encoding="utf-8")
    (root / "secret.txt").write_text("SECRET-456\n", encoding="utf-8")
    return site


def fields_page(site: Site) -> Path:
    """A PR/FAQ with includes in its body, a block scalar of its press release and an FAQ answer."""
    return site.page("fields.md", (
        "---\ntitle: Fields\nstatus: draft\nowner: A\ncreated: 2026-01-01\npress_release:\n"
        "  summary: |\n    Intro.\n\n    --8<-- \".git/config\"\nfaq:\n  external:\n    - question: Why?\n"
        "      answer: |\n        --8<--\n        secret.txt\n        --8<--\n---\n\nBody.\n\n"
        "--8<-- \"secret.txt\"\n"))


def test_check_reports_each_refused_include_where_the_build_does(tmp_path: Path) -> None:
    site = snippet_site(tmp_path / "site")
    fields_page(site)
    site.page("bf.md", "---\ntitle: Body form\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n"
                       '## Press release\n\n--8<-- "secret.txt"\n\n**BERLIN, January 4, 2027** - Today.\n\n'
                       '## FAQ\n\n### Why?\n\n--8<-- ".git/config"\n')
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    assert "SECRET-456" not in site.html("proposals/fields/index.html")
    built, checked = reported(codes.build_log), reported(codes.check_err)
    assert built == checked, (built, checked)
    lines = {(page, int(line), field) for page, line, field, _ in checked}
    assert {("fields.md", 10, "press_release.summary"), ("fields.md", 16, "faq.external.0.answer"),
            ("fields.md", 22, "body")} <= lines, lines
    assert {line for page, line, _ in lines if page == "bf.md"} == {10, 18}, lines
    assert "warning: " in codes.check_err and "not honoured on a PR/FAQ page" in codes.check_err


def test_check_reports_them_in_json_and_for_github(tmp_path: Path) -> None:
    site = snippet_site(tmp_path / "site")
    fields_page(site)
    config = str(site.root / "mkdocs.yml")
    for fmt in ("json", "github"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert cli.main(["check", "-f", config, "--format", fmt]) == 0
        if fmt == "json":
            warnings = json.loads(out.getvalue())["warnings"]
            assert sorted(w["line"] for w in warnings if w["message"].startswith("include ")) == [10, 16, 22], warnings
        else:
            assert out.getvalue().count("::warning file=") == 3, out.getvalue()
    # a PATH names the page: its includes are still reported
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert cli.main(["check", "-f", config, "--strict", str(site.docs / "proposals" / "fields.md")]) == 1
    assert len(reported(err.getvalue())) == 3, err.getvalue()


def test_snippets_dir_files_are_not_reported_by_either(tmp_path: Path) -> None:
    site = snippet_site(tmp_path / "site", "snippets_dir: shared")
    shared = site.root / "shared"
    shared.mkdir()
    (shared / "legal.md").write_text("LEGAL-TEXT-789\n", encoding="utf-8")
    site.proposal("ok.md", "draft", press_release={"summary": 'Intro.\n\n--8<-- "legal.md"\n'})
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 0, 0, 0), codes
    assert "LEGAL-TEXT-789" in site.html("proposals/ok/index.html")
    site.proposal("bad.md", "draft", i=1, press_release={"summary": 'Intro.\n\n--8<-- "../secret.txt"\n'})
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    assert reported(codes.build_log) == reported(codes.check_err) != set()
    assert "files in snippets_dir ('shared')" in codes.check_err


def test_layout_false_reports_the_body_only_in_both(tmp_path: Path) -> None:
    """Without the layout a field's Markdown is never rendered: only the body's includes are asked for."""
    site = snippet_site(tmp_path / "site", "layout: false")
    fields_page(site)
    codes = outcomes(site.root)
    checked = reported(codes.check_err)
    assert reported(codes.build_log) == checked and {(page, line, field) for page, line, field, _ in checked} == {
        ("fields.md", "22", "body")}, checked


# -- generated pages -----------------------------------------------------------------------------

TARGETS = st.sampled_from(['".git/config"', "'secret.txt'", '"https://example.com/x"', '"shared/ok.md"',
                           '"ok.md"', '"ok.md:1:1"'])
PLACES = st.sampled_from(["body", "summary", "answer", "quote"])
PAGE = st.lists(st.tuples(PLACES, TARGETS, st.sampled_from(["--8<--", "-8<-", ";--8<--", "block"])),
                max_size=4)


def generated_page(site: Site, i: int, spec: list[tuple[str, str, str]]) -> None:
    parts: dict[str, list[str]] = {"body": [], "summary": [], "answer": [], "quote": []}
    for place, target, form in spec:
        parts[place].append(f"--8<--\n{target[1:-1]}\n--8<--" if form == "block" else f"{form} {target}")
    changes: dict[str, Any] = {}
    if parts["summary"]:
        changes["press_release"] = {"summary": "Today.\n\n" + "\n\n".join(parts["summary"]) + "\n"}
    if parts["answer"]:
        changes["faq"] = {"external": [{"question": "Q?", "answer": "\n\n".join(parts["answer"]) + "\n"}],
                          "internal": []}
    if parts["quote"]:
        changes["quotes"] = [{"kind": "leader", "name": "A", "role": "B", "text": "\n\n".join(parts["quote"]) + "\n"}]
    page = site.proposal(f"p{i}.md", "draft", i=i, **changes)
    if parts["body"]:
        page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n\n".join(parts["body"]) + "\n", encoding="utf-8")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(PAGE, min_size=1, max_size=2), snippets_dir=st.booleans())
def test_generated_includes_are_reported_alike(pages: list[list[tuple[str, str, str]]], snippets_dir: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = snippet_site(Path(tmp) / "site", "snippets_dir: shared" if snippets_dir else "")
        (site.root / "shared").mkdir()
        (site.root / "shared" / "ok.md").write_text("OK\n", encoding="utf-8")
        for i, spec in enumerate(pages):
            generated_page(site, i, spec)
        codes = outcomes(site.root)
        assert (codes.check, codes.check_strict) == (codes.build, codes.build_strict), codes
        assert reported(codes.build_log) == reported(codes.check_err), codes


@pytest.mark.parametrize("count", [0, 30])
def test_many_includes_are_bounded_in_check_too(tmp_path: Path, count: int) -> None:
    from mkdocs_prfaq.layout.neighbours import MAX_REPORTED

    site = snippet_site(tmp_path / "site")
    page = site.proposal("many.md", "draft")
    page.write_text(page.read_text(encoding="utf-8") + "".join(f'\n--8<-- "f{i}.txt"\n' for i in range(count)),
                    encoding="utf-8")
    codes = outcomes(site.root)
    assert reported(codes.build_log) == reported(codes.check_err)
    assert len(reported(codes.check_err)) == (MAX_REPORTED + 1 if count else 0)


def test_the_folders_other_pages_are_reported_by_both(tmp_path: Path) -> None:
    """Its index.md and the pages the plugin's ``exclude`` names are as hostile as a PR/FAQ: the
    build refuses their includes too, after their front matter, and check says so alike."""
    site = snippet_site(tmp_path / "site", "exclude: ['notes/*']")
    site.proposal("ok.md", "draft")
    site.page("index.md", '---\ntitle: Proposals\n---\n\n# Proposals\n\n--8<-- "secret.txt"\n')
    site.page("notes/todo.md", '# Notes\n\n--8<--\n.git/config\n--8<--\n')
    (site.docs / "plain.md").write_text('# Plain\n\n--8<-- "secret.txt"\n', encoding="utf-8")  # the site's own
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    checked = reported(codes.check_err)
    assert reported(codes.build_log) == checked
    assert {(page, line, field) for page, line, field, _ in checked} == {("index.md", "7", "body"),
                                                                         ("todo.md", "4", "body")}, checked
    assert "SECRET-456" in site.html("plain/index.html") and "SECRET-456" not in site.html("proposals/index.html")


def test_a_zensical_site_has_no_snippets_on_those_pages_and_neither_reports_it(tmp_path: Path) -> None:
    """Under Zensical each page under the folder converts without pymdownx.snippets (the include
    line shows as written) and `zensical build` says nothing: neither does check."""
    from ..engines.test_zensical import ZENSICAL, valid, zensical, zensical_site

    page = valid("leak", "draft", 0) + '\n--8<-- "secret.txt"\n'
    root = zensical_site(tmp_path / "z", {"proposals/leak.md": page},
                         extra='\n[project.markdown_extensions."pymdownx.snippets"]\nbase_path = ["."]\n')
    (root / "secret.txt").write_text("SECRET-456\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(["check", "-f", str(root / "zensical.toml"), "--strict"])
    assert code == 0 and "include" not in err.getvalue(), err.getvalue()
    if not ZENSICAL.exists():
        return
    result = zensical(root)
    assert result.code == 0, result.text
    assert "include" not in result.text and "SECRET-456" not in (root / "site" / "proposals" / "leak" / "index.html"
                                                                  ).read_text(encoding="utf-8")
