"""What ``zensical build`` prints with the ``prfaq`` extension: the problems come after Zensical's
own report ("No issues found"), never among it, and a front matter that Zensical's own reader
cannot read stops the build with one line, not a Python traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_zensical import valid, zensical, zensical_site

BAD = "---\ntitle: Bad\nstatus: in-review\nowner: Ana\ncreated: 2026-01-05\n---\n\nHello\n"
TAB = "---\ntitle: Tab\n\tstatus: draft\n---\n\nBody\n"


def _ours(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(("ERROR   -  ", "WARNING -  "))]


@pytest.mark.parametrize("mode", ["fail", "warn"])
def test_the_problems_come_after_zensicals_own_report(tmp_path: Path, mode: str) -> None:
    pages = {f"proposals/p{i}.md": valid(f"p{i}", "draft", i) for i in range(1, 6)}
    root = zensical_site(tmp_path, {**pages, "proposals/bad.md": BAD}, options=f'on_invalid = "{mode}"')
    result = zensical(root)
    assert result.code == (1 if mode == "fail" else 0), result.text
    lines = result.err.splitlines()
    ours = [i for i, line in enumerate(lines) if "docs/proposals/bad.md" in line]
    assert ours, result.err
    report = [i for i, line in enumerate(lines) if "issues found" in line.lower() or "issue" in line.lower()]
    assert all(i < ours[0] for i in report), result.err
    assert ours == list(range(ours[0], ours[-1] + 1)), result.err  # one block, nothing between
    assert "Traceback" not in result.text


@pytest.mark.parametrize("where", ["proposals/tab.md", "other.md"])
def test_a_front_matter_zensical_cannot_read_stops_the_build_with_one_line(tmp_path: Path, where: str) -> None:
    root = zensical_site(tmp_path, {"proposals/ok.md": valid("ok", "draft", 1), "proposals/bad.md": BAD,
                                    where: TAB})
    result = zensical(root)
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and "RuntimeError" not in result.text, result.text
    ours = _ours(result.err)
    assert any(line.startswith("ERROR   -  docs/proposals/bad.md:1: subtitle: missing") for line in ours), ours
    if where == "other.md":
        assert any(line.startswith("ERROR   -  docs/other.md:1: front matter: Zensical cannot read it: ")
                   for line in ours), ours
    else:  # the extension's own reader explains it, with its line
        assert any(line.startswith("ERROR   -  docs/proposals/tab.md:3: front matter: invalid YAML: ")
                   for line in ours), ours
    assert any("problems in" in line for line in ours), ours
