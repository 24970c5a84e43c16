"""Review of the theme keys' shapes (e291ac4): a value Material reads as nothing (``hide:`` left
empty, ``search: false``) is no problem; Material tests ``page.meta.hide`` and takes
``page.meta.search or {}`` before it reads either, so such a page built before and still builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import Site

VALIDATOR = build_validator()
HEAD = "---\ntitle: T\nstatus: draft\ncreated: 2026-01-01\nowner: O\n"
P = "docs/proposals/p.md"


def lines(text: str) -> list[str]:
    _, problems = load_page("proposals/p.md", P, text, VALIDATOR)
    return [str(p) for p in problems]


@pytest.mark.parametrize("value", ["", "null", "~", "false", "[]", "{}", "0", "''"])
def test_an_empty_theme_key_is_no_problem(value: str) -> None:
    assert lines(HEAD + f"hide: {value}\nsearch: {value}\n---\n") == []


def test_material_builds_a_page_with_empty_theme_keys(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.config("", theme="material")
    site.page("p.md", HEAD + "id: p\nhide:\nsearch:\n---\nBody\n")
    built = site.build("--strict")
    assert built.code == 0 and "Traceback" not in built.text, built.text[-3000:]
    checked = site.check("check", "--strict")
    assert checked.code == 0, checked.text
