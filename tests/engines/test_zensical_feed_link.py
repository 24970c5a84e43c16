"""The Zensical index links the feed of status changes as the MkDocs index does: with ``history``
on, every page that holds ``<!-- prfaq index -->`` links ``<dir>/feed.xml``, which
``mkdocs-prfaq export`` writes beside ``proposals.json`` after ``zensical build`` (docs/zensical.md,
docs/ci.md); with ``history: false`` there is no feed and no link. Built with ``zensical build``."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from ..conftest import Site, prfaq
from .test_zensical import ZENSICAL, valid, zensical, zensical_site

FEED_LINK = re.compile(r'<p class="prfaq-feed"><a href="([^"]+)" type="application/atom\+xml">')
INDEXES = {"proposals/index.md": "proposals/index.html", "all.md": "all/index.html",
           "deep/er/list.md": "deep/er/list/index.html"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two Zensical sites, with the history on (the default) and off, each with the index marker
    on three pages at three depths, built, and then exported as the CI recipe does."""
    if not ZENSICAL.exists():
        pytest.skip("zensical is not installed")
    built = {}
    for name, options in (("history", ""), ("no-history", "history = false")):
        root = tmp_path_factory.mktemp(f"zensical-feed-{name}")
        zensical_site(root, {"proposals/a.md": valid("a", "approved", 0, title="Alpha Launch"),
                             "all.md": "# All\n\n<!-- prfaq index -->\n",
                             "deep/er/list.md": "# All\n\nOurs.\n\n<!-- prfaq index -->\n"}, options=options)
        result = zensical(root)
        assert result.code == 0 and "Traceback" not in result.text, result.text
        exported = prfaq(["export"], root)
        assert exported.code == 0, exported.text
        built[name] = root
    return built


def test_each_index_links_the_feed_that_export_writes(sites: dict[str, Path]) -> None:
    root = sites["history"]
    feed = root / "site" / "proposals" / "feed.xml"
    assert feed.is_file() and "<feed" in feed.read_text(encoding="utf-8")
    for src, html in INDEXES.items():
        page = (root / "site" / html).read_text(encoding="utf-8")
        links = FEED_LINK.findall(page)
        assert len(links) == 1, (src, page[:3000])
        target = posixpath.normpath(posixpath.join(posixpath.dirname(html), links[0]))
        assert target == "proposals/feed.xml", (src, links[0])


def test_without_history_there_is_no_feed_and_no_link(sites: dict[str, Path]) -> None:
    root = sites["no-history"]
    assert not (root / "site" / "proposals" / "feed.xml").exists()
    for html in INDEXES.values():
        assert not FEED_LINK.search((root / "site" / html).read_text(encoding="utf-8")), html


def test_the_link_is_the_one_the_mkdocs_index_has(sites: dict[str, Path], site: Site) -> None:
    site.proposal("a.md", "approved", title="Alpha Launch")
    assert site.build().code == 0
    mkdocs = FEED_LINK.findall(site.html("proposals/index.html"))
    zensical_index = FEED_LINK.findall((sites["history"] / "site" / "proposals" / "index.html").read_text("utf-8"))
    assert mkdocs == zensical_index == ["feed.xml"]
