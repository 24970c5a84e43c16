"""What docs/zensical.md says of a front matter Zensical's own reader rejects, checked against the
real ``zensical build``: one line, not a traceback, when Zensical renders a page in that build; with
its cache warm and only the unreadable page changed, Zensical stops before the extension is loaded
(no page renders), and its own error names the page, as the guide now says."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import Result
from .test_zensical import ZENSICAL, valid, zensical_site

pytestmark = [pytest.mark.process,
              pytest.mark.skipif(not ZENSICAL.exists() and os.environ.get("CI") != "true",
                                 reason="zensical is not installed (pip install -e '.[test]')")]

UNCLOSED = '---\ntitle: "x\nstatus: draft\n---\n'


def build(root: Path, *args: str) -> Result:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_COLOR"] = "1"
    proc = subprocess.run([str(ZENSICAL), "build", *args], cwd=root, capture_output=True, text=True, env=env,
                          timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def test_an_unreadable_front_matter_after_a_cached_build(tmp_path: Path) -> None:
    root = zensical_site(tmp_path, {"proposals/ok.md": valid("ok", "draft", 1)})
    first = build(root, "--clean")
    assert first.code == 0, first.text
    (root / "docs" / "proposals" / "bad.md").write_text(UNCLOSED, encoding="utf-8")
    warm = build(root)  # every other page in Zensical's cache: none renders, the extension never loads
    assert warm.code == 1, warm.text
    if "Traceback" in warm.text:  # Zensical's own words, as docs/zensical.md shows them
        assert "RuntimeError: error reading page metadata 'proposals/bad.md': " in warm.err, warm.text
    clean = build(root, "--clean")  # what the guide says to run: one line per problem
    assert clean.code == 1 and "Traceback" not in clean.text, clean.text
    assert any(line.startswith("ERROR   -  docs/proposals/bad.md:2: front matter: invalid YAML: ")
               for line in clean.err.splitlines()), clean.err
