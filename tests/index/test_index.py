"""The proposals index: generated pages and JSON in real builds, both URL styles, navigation."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from benchmarks.generate import proposal_data
from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.contract.model import Proposal
from mkdocs_prfaq.index.listing import INDEX_MARKER, export, listing_html
from mkdocs_prfaq.layout.render import make_environment

from ..conftest import ROOT, Site

EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "proposals-export.schema.json").read_text())


def make(site: Site) -> None:
    site.proposal("old-draft.md", "draft", i=1, created="2024-01-01", updated="2026-01-01", tags=["ml"], owner="Ana")
    site.proposal("new-draft.md", "draft", i=2, created="2024-01-01", updated="2026-06-01", tags=["ops"], owner="Ben")
    site.proposal("shipped.md", "launched", i=3, dateline={"location": "X", "date": "2027-02-10"}, tags=["ml"])
    site.proposal("ok.md", "approved", i=4, dateline={"location": "X", "date": "2026-11-30"})
    site.proposal("no.md", "rejected", i=5)
    site.proposal("gone.md", "superseded", i=6, superseded_by="shipped")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def resolve(site_dir: Path, page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("directory_urls", [True, False])
def test_index_groups_counts_order_and_links(site: Site, directory_urls: bool) -> None:
    make(site)
    site.config(theme="material", extra=f"use_directory_urls: {str(directory_urls).lower()}\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    out = site.root / "site"
    index = out / "proposals" / ("index.html")
    page = index.read_text()
    groups_found = re.findall(r'<details class="prfaq-group prfaq-group--([\w-]+)" data-status="\1"( open)?>', page)
    assert groups_found == [("draft", " open"), ("approved", " open"), ("launched", " open"),
                            ("rejected", ""), ("superseded", "")]
    assert re.search(r'id="status-draft">Draft <span class="prfaq-count">2</span>', page)
    draft = page[page.index('id="status-draft"'):page.index('id="status-approved"')]
    assert draft.index("new-draft") < draft.index("old-draft"), "newest first"
    assert "id=\"prfaq-chart-title\" class=\"prfaq-visually-hidden\">Proposals: Draft 2, Approved 1, Launched 1, Rejected 1, Superseded 1<" in page
    assert "data-search-exclude" in page
    # every link on the index, the status pages and the roadmap resolves to a real file
    suffix = "index.html" if directory_urls else ""
    pages = [index, *(out / "proposals" / "status").glob(f"*/{suffix}" if directory_urls else "*.html")]
    pages.append(out / "proposals" / ("roadmap/index.html" if directory_urls else "roadmap.html"))
    assert len(pages) == 1 + 5 + 1
    for p in pages:
        parser = Links()
        parser.feed(p.read_text())
        internal = [h for h in parser.hrefs if not h.startswith(("http", "#", "mailto:"))]
        assert internal
        for href in internal:
            assert resolve(out, p, href).is_file(), (p, href)
    # status pages only for statuses with proposals
    assert not (out / "proposals" / "status" / ("in-review/index.html" if directory_urls else "in-review.html")).exists()


def test_roadmap_by_quarter_and_export(site: Site) -> None:
    make(site)
    assert site.build("--strict").code == 0
    page = site.html("proposals/roadmap/index.html")
    roadmap = page[page.index('class="prfaq-roadmap"'):]
    assert roadmap.index('id="q-2026-q4"') < roadmap.index('id="q-2027-q1"')  # an id may not start with a digit (CSS selectors)
    assert "November 30, 2026" in roadmap and "February 10, 2027" in roadmap
    assert "old-draft" not in roadmap
    data = json.loads(site.html("proposals/proposals.json"))
    jsonschema.validate(data, EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [p["id"] for p in data["proposals"]] == sorted(["old-draft", "new-draft", "shipped", "ok", "no", "gone"])
    gone = next(p for p in data["proposals"] if p["id"] == "gone")
    assert gone["superseded_by"] == "shipped" and gone["url"] == "proposals/gone/"
    for p in data["proposals"]:
        assert (site.root / "site" / p["url"] / "index.html").is_file()
    # never written into docs/
    assert sorted(x.name for x in (site.docs / "proposals").iterdir()) == sorted(
        ["old-draft.md", "new-draft.md", "shipped.md", "ok.md", "no.md", "gone.md"])


def test_the_authors_index_is_kept(site: Site) -> None:
    make(site)
    site.page("index.md", f"# Our proposals\n\nRead this first.\n\n{INDEX_MARKER}\n\n## After the list\n\nFooter text.\n")
    assert site.build("--strict").code == 0
    page = site.html("proposals/index.html")
    assert page.index("Read this first.") < page.index("prfaq-groups") < page.index("Footer text.")
    site.page("index.md", "# Our proposals\n\nNo marker here.\n")
    assert site.build("--strict").code == 0
    page = site.html("proposals/index.html")
    assert page.index("No marker here.") < page.index("prfaq-groups")


def nav_titles(page: str) -> list[str]:
    nav = page[page.index('class="md-nav md-nav--primary"'):page.index('class="md-content"')]
    return re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)


def test_navigation_modes(site: Site) -> None:
    make(site)
    site.config(theme="material")
    assert site.build("--strict").code == 0
    titles = nav_titles(site.html("index.html"))
    assert "Roadmap" in titles and "Draft" in titles and any("helps" in t for t in titles), "all: 6 <= nav_limit"
    site.config("nav: index", theme="material")
    assert site.build("--strict").code == 0
    page = site.html("index.html")
    assert not any("helps" in t for t in nav_titles(page)) and "Roadmap" in nav_titles(page)
    # out of the navigation, proposals still have prev/next in the index's order and links back
    newer = site.html("proposals/new-draft/index.html")
    assert 'href="../old-draft/"' in newer and 'class="prfaq-backlink" href="../"' in newer
    assert 'href="../status/draft/"' in newer
    site.config("nav_limit: 3", theme="material")
    assert site.build("--strict").code == 0
    assert not any("helps" in t for t in nav_titles(site.html("index.html"))), "auto: 6 > nav_limit"
    site.config("nav: all", theme="material", extra="nav:\n  - Home: index.md\n  - proposals/shipped.md\n  - proposals/roadmap.md\n")
    assert site.build().code == 0
    assert len(nav_titles(site.html("index.html"))) == 3, "an explicit nav is the author's"


def test_material_integration_status_and_tags(site: Site) -> None:
    make(site)
    site.config(theme="material", extra="")
    text = (site.root / "mkdocs.yml").read_text().replace("  - prfaq\n", "  - tags\n  - prfaq\n")
    (site.root / "mkdocs.yml").write_text(text)
    assert site.build("--strict").code == 0
    shipped = site.html("proposals/shipped/index.html")
    # the page's own navigation entry has Material's status marker; the others are marked by
    # nav-status.css, one stylesheet instead of a marker per entry per page
    assert 'class="md-status md-status--launched"' in shipped and 'title="Launched"' in shipped
    assert "md-status" not in site.html("index.html")
    assert '[href="proposals/shipped/"]' in site.html("assets/prfaq/nav-status.css")
    assert 'class="md-tag' in shipped and ">ml<" in shipped


@pytest.mark.slow
def test_index_size_at_ten_thousand_proposals() -> None:
    as_parsed = [json.loads(json.dumps(proposal_data(i), default=str)) for i in range(10_000)]  # dates as text
    proposals = [Proposal(f"proposals/p{i}.md", f"docs/proposals/p{i}.md", d, {}, "") for i, d in enumerate(as_parsed)]
    labels = merge_labels(None)
    html = listing_html(make_environment(), "index", proposals, labels, lambda p: f"{p.id}/")
    assert html.count("<tr>") == 10_000 + 8  # a header row per status group
    assert html.count("<td>2025-") >= 10_000
    assert len(html.encode()) <= 3_300_000, len(html.encode())  # "about 3 MB": half of it is the text itself
    exported = export(proposals, lambda p: f"proposals/{p.id}/")
    assert exported["count"] == 10_000
