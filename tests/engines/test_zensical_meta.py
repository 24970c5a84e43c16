"""What a PR/FAQ page gives Zensical's metadata: Zensical hands every page's metadata to every
other page's navigation, so each key costs the build time in the square of the site's size. The
page gives the title and the status (the navigation's dot), the tags only when the site lists
Zensical's ``tags`` plugin; the layout shows the rest."""

from __future__ import annotations

import re
from pathlib import Path

from .test_zensical import article, valid, zensical, zensical_site


def _built(tmp_path: Path, extra: str = "") -> Path:
    pages = {"proposals/one.md": valid("one", "draft", 1, tags=["payments"]),
             "proposals/two.md": valid("two", "approved", 2, tags=["search"])}
    root = zensical_site(tmp_path, pages, extra=extra)
    result = zensical(root)
    assert result.code == 0, result.text
    return root


def test_the_theme_gets_the_title_and_status_but_no_tags_without_the_tags_plugin(tmp_path: Path) -> None:
    root = _built(tmp_path)
    full = (root / "site" / "proposals" / "one" / "index.html").read_text(encoding="utf-8")
    assert "md-status--approved" in full  # the other proposal's dot in this page's navigation
    assert "md-status--draft" in full
    assert 'class="md-tags' not in full and 'class="md-tag"' not in full
    assert "payments" in article(root, "proposals/one/index.html")  # the layout shows the tags


def test_with_the_tags_plugin_the_theme_shows_the_tags(tmp_path: Path) -> None:
    root = _built(tmp_path, extra="[project.plugins.tags]\n")
    full = (root / "site" / "proposals" / "one" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-tags' in full and re.search(r'class="md-tag[^"]*"[^>]*>\s*payments\s*<', full)
    assert "md-status--approved" in full
