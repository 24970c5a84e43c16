"""Backstage TechDocs (docs/techdocs.md): the guide's commands build a site with techdocs-core and
prfaq in a fresh virtualenv, and its index, shown the way the TechDocs reader shows a page (its
DOMPurify pass: no script, no style element, no stylesheet but Material's own), is the complete
list of proposals without filters."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.generate import prfaq_page, proposal_data

from ..browser import chromium, serve
from ..conftest import ROOT, Venv
from ..docs.test_docs import run_guide

SAFE_LINK = re.compile(r"main\.[A-Fa-f0-9]{8}\.min\.css$|^https://fonts\.(googleapis|gstatic)\.com")
"""The only <link>s the reader keeps (backstage plugins/techdocs, transformers/html/hooks/links.ts)."""


class TechDocsReader(HTMLParser):
    """A page as Backstage's TechDocs reader keeps it: DOMPurify with FORBID_TAGS ['style'] and its
    default dropping of <script> and of event-handler attributes and javascript: URLs; <link> kept
    only for Material's main stylesheet and Google Fonts; <meta> only for a refresh redirect."""

    DROP_WITH_CONTENT = ("script", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: str | None = None

    def _keep(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        values = {k: v or "" for k, v in attrs}
        if tag == "link":
            return bool(SAFE_LINK.search(values.get("href", "")))
        if tag == "meta":
            return values.get("http-equiv", "").lower() == "refresh" and "url=" in values.get("content", "")
        return True

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str = ">") -> str:
        kept = [(k, v) for k, v in attrs if not k.startswith("on") and
                not (k in ("href", "src", "action", "xlink:href") and (v or "").strip().lower().startswith("javascript:"))]
        rendered = "".join(f' {k}="{html.escape(v or "", quote=True)}"' if v is not None else f" {k}" for k, v in kept)
        return f"<{tag}{rendered}{close}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag in self.DROP_WITH_CONTENT:
            self.skipping = tag
        elif self._keep(tag, attrs):
            self.out.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in self.DROP_WITH_CONTENT and self._keep(tag, attrs):
            self.out.append(self._tag(tag, attrs, "/>"))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping:
                self.skipping = None
            return
        if tag not in ("link", "meta"):
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    @classmethod
    def clean(cls, page: str) -> str:
        reader = cls()
        reader.feed(page)
        reader.close()
        return "".join(reader.out)


def as_techdocs_shows_it(site: Path, into: Path) -> Path:
    shutil.copytree(site, into)
    for page in into.rglob("*.html"):
        page.write_text(TechDocsReader.clean(page.read_text(encoding="utf-8")), encoding="utf-8")
    return into


@pytest.mark.process
@pytest.mark.browser
def test_techdocs_guide_builds_and_the_index_is_a_complete_list_without_scripts(
        tmp_path: Path, wheel: Path, techdocs_venv: Venv) -> None:
    folder = tmp_path / "payments-service"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Payments service\n")
    run_guide(ROOT / "docs" / "techdocs.md", folder, wheel, techdocs_venv)
    site = folder / "site"
    assert (site / "techdocs_metadata.json").is_file(), "techdocs-core ran"
    # a closed status too, which the index shows collapsed
    data = proposal_data(3, "rejected")
    data["id"] = "dropped"
    (folder / "docs" / "proposals" / "dropped.md").write_text(prfaq_page(data), encoding="utf-8")
    build = techdocs_venv.run([str(techdocs_venv.bin / "mkdocs"), "build", "--strict"], folder)
    assert build.code == 0, build.text
    index = (site / "proposals" / "index.html").read_text()
    assert "assets/prfaq/prfaq.css" in index and "assets/prfaq/index.js" in index
    reader = as_techdocs_shows_it(site, tmp_path / "reader")
    shown = (reader / "proposals" / "index.html").read_text()
    assert "<script" not in shown and "<style" not in shown and "prfaq.css" not in shown
    assert re.search(r'<link rel="stylesheet" href="[./]*assets/stylesheets/main\.[0-9a-f]{8}\.min\.css"', shown)
    titles = {"Quiet Hours holds every non-urgent notification until you finish focusing",
              "Receipt Snap files an expense report from a photo of the receipt", str(data["title"])}

    with chromium() as browser:
        with serve(site) as url:  # as MkDocs built it: the filters are there
            page = browser.new_page()
            page.goto(url + "proposals/")
            page.wait_for_selector(".prfaq-filters:not([hidden])", state="visible")
            page.close()
        with serve(reader) as url:  # as the TechDocs reader shows it
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.goto(url + "proposals/")
            assert page.locator(".prfaq-filters").is_hidden(), "no filters without index.js"
            rows = page.locator(".prfaq-index tbody tr")
            assert rows.count() == 3
            listed = {(rows.nth(i).locator("td a").first.text_content() or "").strip() for i in range(3)}
            assert listed == titles
            for title in titles - {str(data["title"])}:
                assert page.locator(".prfaq-index").get_by_role("link", name=title).is_visible()
            closed = page.locator('details[data-status="rejected"]')
            assert closed.get_attribute("open") is None
            link = page.locator(".prfaq-index").get_by_role("link", name=str(data["title"]))
            assert not link.is_visible()
            closed.locator("summary").click()  # <details> opens without script
            assert link.is_visible()
            counts = page.locator(".prfaq-count").all_inner_texts()
            assert sorted(counts) == ["1", "1", "1"]
            # a PR/FAQ page: the whole document, readable, without the plugin's stylesheet
            page.goto(url + "proposals/example-front-matter/")
            for heading in ("External FAQ", "Internal FAQ", "Will I miss something urgent?"):
                assert page.get_by_role("heading", name=heading).first.is_visible(), heading
            assert page.get_by_text("We built Quiet Hours because").is_visible()
            assert page.get_by_text("Dana Levi").first.is_visible()
            context.close()
