"""A refused pymdownx.snippets include names the kind of page it is on: "a PR/FAQ page" for a
proposal, "a page under the proposals folder" for the folder's other pages (its index.md, those the
plugin's ``exclude`` names), in ``mkdocs build`` and ``mkdocs-prfaq check`` alike."""

from __future__ import annotations

from pathlib import Path

from ..commands.test_check_agrees import outcomes
from .test_check_snippets import reported, snippet_site


def test_each_refused_include_names_its_kind_of_page(tmp_path: Path) -> None:
    site = snippet_site(tmp_path / "site", "exclude: ['notes/*']")
    site.page("ok.md", '---\ntitle: OK\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n--8<-- "secret.txt"\n')
    site.page("index.md", '---\ntitle: Proposals\n---\n\n# Proposals\n\n--8<-- "secret.txt"\n')
    site.page("notes/todo.md", '# Notes\n\n--8<--\n.git/config\n--8<--\n')
    codes = outcomes(site.root)
    built, checked = reported(codes.build_log), reported(codes.check_err)
    assert built == checked
    folder_page = "is not honoured on a page under the proposals folder (expected the text itself; "
    prfaq_page = "is not honoured on a PR/FAQ page (expected the text itself; "
    assert {(page, line, field, message.split(" ", 2)[2].split("set the")[0]) for page, line, field, message
            in checked} == {("ok.md", "8", "body", prfaq_page), ("index.md", "7", "body", folder_page),
                            ("todo.md", "4", "body", folder_page)}, checked
    assert "PR/FAQ" not in "".join(line for line in codes.build_log.splitlines() if "index.md:7" in line)
