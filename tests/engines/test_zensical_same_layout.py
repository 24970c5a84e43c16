"""One page layout for both engines: the same PR/FAQ pages built by MkDocs (the plugin) and by
Zensical (the extension) give the same laid-out HTML, both going through ``layout/page.py``.

The project's own example proposals (a front-matter page and body-form pages, with related
proposals, quotes, FAQs and a status page to link to), built once by each engine with the same
theme (Material, which Zensical's theme follows) and ``toc`` options. Compared: each page's
content from its status line to the end of the article, whitespace between tags ignored (each
engine indents its template differently); the theme's own frame is not the layout's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT, mkdocs
from .test_zensical import ZENSICAL, zensical

EXAMPLES = ["zensical.md", "markdown-body.md", "status-history.md", "chat-notifications.md", "markdown-sections.md"]
"""Pages with no link outside the proposals folder (MkDocs and Zensical report a dead link each
their own way); between them: front matter and the body form, related and superseded proposals,
quotes, both FAQs, a decision."""

TOC = "[project.markdown_extensions.toc]\npermalink = true\n"


def _docs(root: Path) -> None:
    docs = root / "docs"
    (docs / "proposals" / "status").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for path in (ROOT / "docs" / "proposals").glob("*.md"):
        if path.name != "index.md":  # every proposal, so the related ones are there to link to
            shutil.copy(path, docs / "proposals" / path.name)
    (docs / "proposals" / "index.md").write_text("# Proposals\n\n<!-- prfaq index -->\n", encoding="utf-8")
    for status in ("draft", "in-review", "approved", "launched", "rejected", "deferred", "withdrawn", "superseded"):
        (docs / "proposals" / "status" / f"{status}.md").write_text(
            f"# {status}\n\n<!-- prfaq status {status} -->\n", encoding="utf-8")


def _layout(root: Path, src: str) -> str:
    """A proposal's laid-out content: from its status line to the end of the article."""
    page = (root / "site" / "proposals" / Path(src).stem / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.DOTALL)
    assert m, src
    article = m.group(1)
    start = article.find('<p class="prfaq-statusline"')
    assert start >= 0, article[:2000]
    return re.sub(r">\s+<", "><", article[start:]).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    z = tmp_path_factory.mktemp("same-zensical")
    _docs(z)
    (z / "zensical.toml").write_text(
        f'[project]\nsite_name = "Same"\n\n{TOC}\n[project.markdown_extensions.prfaq]\n\n[project.plugins.prfaq]\n',
        encoding="utf-8")
    result = zensical(z)
    assert result.code == 0, result.text
    m = tmp_path_factory.mktemp("same-mkdocs")
    _docs(m)
    (m / "mkdocs.yml").write_text(
        "site_name: Same\ntheme:\n  name: material\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
        "plugins:\n  - prfaq:\n      history: false\n", encoding="utf-8")
    result = mkdocs(["build"], m)
    assert result.code == 0, result.text
    return m, z


@pytest.mark.parametrize("src", EXAMPLES)
def test_a_proposal_is_laid_out_the_same_by_both_engines(built: tuple[Path, Path], src: str) -> None:
    m, z = built
    under_mkdocs, under_zensical = _layout(m, src), _layout(z, src)
    assert 'class="prfaq-badge' in under_mkdocs and 'class="prfaq-facts"' in under_mkdocs, under_mkdocs[:2000]
    assert under_zensical == under_mkdocs


def test_both_engines_link_the_same_proposals_and_status_page(built: tuple[Path, Path]) -> None:
    """The links the layout makes (``index/pages.py``): to a related proposal and the status page."""
    m, z = built
    page = _layout(z, "markdown-sections.md")
    assert 'href="../front-matter-contract/"' in page  # superseded by
    assert 'href="../status/superseded/"' in page
    assert page == _layout(m, "markdown-sections.md")
