"""The fourth hostile pass: what a site's own options put in front of every reader. Labels are plain
text wherever they are shown (``statusstyle.styles``): the ``by_status`` label titles the status
pages' section of the navigation, which both themes print unescaped on every page of the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..browser import chromium, serve
from ..conftest import Site

PAYLOAD = "</title><script>(window.__pwned=window.__pwned||[]).push('{where}')</script>"


def labelled_site(root: Path, theme: str) -> Site:
    site = Site(root)
    labels = {key: PAYLOAD.format(where=key) for key in ("by_status", "draft", "roadmap", "all_proposals",
                                                         "all_of_status", "proposals")}
    labels["all_of_status"] = "{status} " + labels["all_of_status"]
    site.config(f"labels: {json.dumps(labels)}\nnav: all", theme=theme)
    for i, status in enumerate(("draft", "in-review", "approved")):
        site.proposal(f"p{i}.md", status, i, related=None)
    return site


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_the_by_status_label_is_text_in_the_navigation(tmp_path: Path, theme: str) -> None:
    site = labelled_site(tmp_path / theme, theme)
    built = site.build("--strict")
    assert built.code == 0, built.text
    for page in ("index.html", "proposals/p0/index.html", "proposals/status/draft/index.html"):
        html = site.html(page)
        assert "<script>(window.__pwned" not in html, page
        assert "&lt;/title&gt;&lt;script&gt;(window.__pwned=window.__pwned||[]).push(&#x27;by_status&#x27;)" in html


@pytest.mark.browser
def test_no_label_runs_script_in_the_browser(tmp_path: Path) -> None:
    site = labelled_site(tmp_path / "material", "material")
    assert site.build().code == 0
    with serve(site.root / "site") as url, chromium() as browser:
        page: Any = browser.new_page()
        for path in ("", "proposals/", "proposals/p0/", "proposals/status/draft/", "proposals/roadmap/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned === undefined"), (path, page.evaluate("window.__pwned"))
        page.close()
