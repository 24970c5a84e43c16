"""The fourth hostile pass under Zensical: a page under the proposals folder that is not a PR/FAQ
(a page the plugin's ``exclude`` names, the folder's ``index.md``) chooses no template either. Its
``template: redirect.html`` with a ``location`` that closes the script's string ran script under
Zensical (the MkDocs plugin dropped both already)."""

from __future__ import annotations

import json
from pathlib import Path

from .test_zensical import ZENSICAL, pytestmark, zensical, zensical_site  # noqa: F401

BREAK_OUT = "\"]);(window.__pwned=window.__pwned||[]).push('{where}');//"
SCRIPT = "\"><script>(window.__pwned=window.__pwned||[]).push('{where}')</script>"


def hostile_meta(where: str) -> str:
    return (f"template: redirect.html\nlocation: {json.dumps(BREAK_OUT.format(where=where))}\n"
            f"description: {json.dumps(SCRIPT.format(where=where))}\nicon: material/rocket\n")


def test_the_folders_other_pages_choose_no_template(tmp_path: Path) -> None:
    root = zensical_site(tmp_path / "z", {
        "proposals/notes.md": f"---\n{hostile_meta('notes')}---\n# Notes\n\nNot a PR/FAQ.\n",
        "proposals/index.md": f"---\n{hostile_meta('index')}---\n# Proposals\n\n<!-- prfaq index -->\n",
    }, options='exclude = ["notes.md"]')
    result = zensical(root)
    assert result.code == 0, result.text
    for page in ("proposals/notes/index.html", "proposals/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "location.replace" not in html and "<script>(window.__pwned" not in html, page
        assert '"]);(window.__pwned' not in html, page
        assert "md-content" in html, page  # the theme's page, not its redirect
