"""A dateline whose place is still a placeholder is the template's, not a plan: the draft that
``mkdocs-prfaq new`` writes (``**TBD, June 1, 2027** —``) shows no target launch on the index,
while a draft whose author wrote a place keeps its date. (The roadmap lists approved and launched
proposals only, whose datelines may hold no placeholder.)"""

from __future__ import annotations

import re
from pathlib import Path

from ..conftest import mkdocs, prfaq


def _row(html: str, slug: str) -> list[str]:
    row = re.search(rf'<tr[^>]*><td><a href="[^"]*{slug}/">.*?</tr>', html, re.DOTALL)
    assert row is not None, slug
    return re.findall(r"<td[^>]*>(.*?)</td>", row[0], re.DOTALL)


def test_a_new_drafts_placeholder_dateline_is_no_target_launch(tmp_path: Path) -> None:
    assert prfaq(["init"], tmp_path).code == 0
    assert prfaq(["new", "Placeholder plan", "--owner", "Ana Souza"], tmp_path).code == 0
    assert prfaq(["new", "Real plan", "--owner", "Ana Souza"], tmp_path).code == 0
    page = tmp_path / "docs" / "proposals" / "real-plan.md"
    text = page.read_text(encoding="utf-8")
    assert re.search(r"\*\*TBD, \w+ \d+, \d{4}\*\* ", text), "new writes a placeholder place and a date"
    page.write_text(text.replace("**TBD, ", "**SEATTLE, ", 1), encoding="utf-8")
    assert mkdocs(["build", "--strict"], tmp_path).code == 0
    index = (tmp_path / "site" / "proposals" / "index.html").read_text(encoding="utf-8")
    launch = 4  # title, owner, created, updated, launch
    assert _row(index, "placeholder-plan")[launch].strip() == ""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", _row(index, "real-plan")[launch].strip())
