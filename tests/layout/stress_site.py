"""A small site of proposals that stress the layout (test_browser_stress_*.py): a title, a subtitle and a
tag with long unbroken words, a long URL, a body table wider than a phone, many tags and facts, a
proposal with problems (``on_invalid: warn``) and a status history from git in which a proposal
in review has gone stale."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import prfaq_page, proposal_data

from ..browser import PALETTE
from ..conftest import mkdocs

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "Antidisestablishmentarianism"
LONG_URL = "https://example.com/a/very/long/path/" + "x" * 120 + "?query=parameter&another=value"
TAGS = ["mobile", "payments", "search", "growth", "platform", "machine-learning", "operations", "retail",
        "internationalisation", "accessibility", "developer-experience", "a-very-long-tag-name-without-spaces"]
TABLE = ("| Metric | Baseline | Target | Notes | Owner | Quarter | Risk | Dependency |\n"
         "|---|---|---|---|---|---|---|---|\n"
         f"| Weekly active customers in the pilot region | 1,200 | 4,800 | {LONG_WORD} | Ana Souza | 2027-Q3 | medium"
         " | payments-platform-team |\n")
CODE = "    def a_long_function(" + ", ".join(f"argument_{i}" for i in range(12)) + "): return argument_11\n"
BODY = f"## Appendix\n\nA long link: {LONG_URL}\n\n{TABLE}\n{CODE}"
# In print: each table and code block of a proposal whole on the page, not cut at a scroll box's
# edge (an element or its ancestors scrolling what does not fit) nor past the page.
PRINTED_WHOLE = """() => {
  const out = [], right = document.documentElement.clientWidth;
  for (const e of document.querySelectorAll('.prfaq-statusline ~ * table, .prfaq-statusline ~ table, .prfaq-statusline ~ * pre, .prfaq-statusline ~ pre')) {
    if (e.getBoundingClientRect().right > right + 0.5) out.push(e.tagName + ' runs past the page');
    for (let el = e; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        out.push(e.tagName + ' cut at the edge of ' + el.tagName + '.' + el.className);
    }
  }
  return out;
}"""

# Each fact's label on the line its value starts on, a wrapped fact flush left, nothing past the
# column: the problems found, as text.
FACTS = """dl => {
  const out = [], left = dl.getBoundingClientRect().left;
  for (const dt of dl.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling, a = dt.getClientRects(), b = dd.getClientRects();
    const label = a[a.length - 1], value = b[0];
    if (label.bottom <= value.top + 2) out.push(dt.textContent + ' ends a line, its value starts the next');
    const prev = dt.previousElementSibling;
    if (prev) { const p = prev.getClientRects(); const last = p[p.length - 1];
      if (a[0].top > last.top + 2 && a[0].left - left > 2) out.push(dt.textContent + ' starts a line indented ' + (a[0].left - left)); }
  }
  const right = dl.getBoundingClientRect().right;
  for (const e of dl.querySelectorAll('*'))
    if (e.getBoundingClientRect().right > right + 0.5) out.push(e.textContent.slice(0, 20) + ' runs out of the column');
  return out;
}"""


def _proposal(i: int, status: str, **changes: Any) -> str:
    data = proposal_data(i, status)
    data.pop("superseded_by", None)
    data.update(changes)
    return prfaq_page(data, BODY)


def _commit(root: Path, day: str) -> None:
    git = shutil.which("git") or "git"
    stamp = f"{day}T10:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (["add", "-A"], ["-c", "user.name=Ana Souza", "-c", "user.email=ana@example.com", "commit", "-q", "-m", day]):
        subprocess.run([git, *args], cwd=root, env=env, check=True, capture_output=True, timeout=60)


def build(root: Path, theme: str) -> Path:
    """The site's sources at ``root`` (a git repository of two commits), built with ``theme``."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    proposals = root / "docs" / "proposals"
    proposals.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    extra = PALETTE if theme == "material" else "  color_mode: auto\n"
    (root / "mkdocs.yml").write_text(
        f"site_name: Visual\ntheme:\n  name: {theme}\n{extra}plugins:\n  - search\n  - prfaq:\n      on_invalid: warn\n"
        "markdown_extensions:\n  - admonition\n  - tables\n  - toc:\n      permalink: true\n", encoding="utf-8")
    long = {"title": f"WideCart helps clinic receptionists ship in minutes with {LONG_WORD} before it ends",
            "subtitle": f"WideCart gives receptionists a one-click way to get their work done. {LONG_URL}",
            "owner": "Maximiliana Bartholomew-Vandersteenhoven", "tags": TAGS}
    subprocess.run([shutil.which("git") or "git", "init", "-q", "-b", "main"], cwd=root, check=True, timeout=60)
    (proposals / "wide.md").write_text(_proposal(1, "draft", **long), encoding="utf-8")
    (proposals / "stale.md").write_text(_proposal(2, "draft"), encoding="utf-8")
    (proposals / "gone.md").write_text(_proposal(3, "withdrawn", title="GoneCart was withdrawn"), encoding="utf-8")
    _commit(root, "2025-01-06")
    (proposals / "wide.md").write_text(_proposal(1, "approved", **long), encoding="utf-8")
    (proposals / "stale.md").write_text(_proposal(2, "in-review"), encoding="utf-8")
    _commit(root, "2025-02-03")
    (proposals / "broken.md").write_text(
        "---\ntitle: A page with problems\nstatus: in-review\nowner: Jo Adams\ncreated: 2026-02-01\n---\n\nOnly a body.\n",
        encoding="utf-8")
    result = mkdocs(["build", "-q"], root)
    assert result.code == 0, result.text
    return root / "site"


OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
"""How far a page scrolls sideways (0 or less: it does not)."""


def open_page(browser: Any, url: str, width: int, scheme: str = "light") -> Any:
    """``url`` in a new context ``width`` px wide (844 high: a phone's), in the colour scheme."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page
