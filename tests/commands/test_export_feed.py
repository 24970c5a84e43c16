"""``mkdocs-prfaq export -o``: the feed of status changes is written beside the export as
``feed.xml``, so an export named ``feed.xml`` is refused before anything is written (it was
written, then lost under the feed, without a word)."""

from __future__ import annotations

import json

from ..conftest import Site


def test_an_export_named_feed_xml_is_refused_and_nothing_is_written(site: Site) -> None:
    site.config()
    site.proposal("a.md", status="in-review")
    out = site.root / "out" / "feed.xml"
    result = site.check("export", "-o", str(out))
    assert result.code != 0, result.text
    assert "written beside the export as feed.xml" in result.text and "Traceback" not in result.text
    assert not out.exists()


def test_an_export_writes_the_feed_beside_it(site: Site) -> None:
    site.config()
    site.proposal("a.md", status="in-review")
    out = site.root / "out" / "all.json"
    result = site.check("export", "-o", str(out))
    assert result.code == 0, result.text
    assert json.loads(out.read_text(encoding="utf-8"))["proposals"][0]["id"] == "a"
    assert (site.root / "out" / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")
