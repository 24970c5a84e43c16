"""`mkdocs serve --dirty`: only the edited page is rendered again, yet everything that shows it
is right after each edit: the page, its index row, its status page, the roadmap, proposals.json
and the search index (whole: every other page keeps its entries)."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

import mkdocs_prfaq
from benchmarks.generate import prfaq_page, proposal_data
from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.contract.lifecycle import DEFAULT
from mkdocs_prfaq.contract.model import Proposal, load_catalog
from mkdocs_prfaq.contract.problems import Problem
from mkdocs_prfaq.contract.schema import build_validator
from mkdocs_prfaq.index.incremental import PageCache, SearchKeeper, options_key, without_excluded
from mkdocs_prfaq.index.listing import by_id, export, export_head, export_item, export_json, item_json, join_export

from ..conftest import BIN, Site
from ..engines.test_adoption import free_port, wait_for


def get(port: int, path: str) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
            return str(r.read().decode())
    except urllib.error.HTTPError as e:
        return f"HTTP {e.code}"
    except OSError:
        return ""


def row(listing: str, href: str) -> str:
    """The index row (or roadmap item) that links to ``href``."""
    start = min(i for i in (listing.find('<div class="prfaq-groups">'), listing.find('<div class="prfaq-roadmap">'),
                            len(listing)) if i >= 0)
    for item in re.findall(r"<tr[ >].*?</tr>|<li>.*?</li>", listing[start:], re.S):
        if f'href="{href}"' in item:
            return str(item)
    return ""


def search_pages(port: int) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in json.loads(get(port, "search/search_index.json"))["docs"]:
        pages.setdefault(entry["location"].partition("#")[0], []).append(entry)
    return pages


@pytest.mark.process
def test_dirty_serve_keeps_every_view_of_an_edited_proposal_right(site: Site) -> None:
    alpha = site.proposal("alpha.md", "launched", title="Alpha first")
    site.proposal("beta.md", "approved", i=1, title="Beta")
    site.proposal("gamma.md", "draft", i=2, title="Gamma")
    (site.docs / "guide.md").write_text("# Guide\n\nHow we write proposals.\n", encoding="utf-8")
    site.config(theme="material")
    port = free_port()
    log = site.root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=site.root,
                                  stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    original = alpha.read_text()

    def edit(text: str, shows: str) -> None:
        alpha.write_text(text)
        assert wait_for(lambda: shows in get(port, "proposals/alpha/")), log.read_text()[-3000:]

    def export() -> dict[str, Any]:
        return {p["id"]: p for p in json.loads(get(port, "proposals/proposals.json"))["proposals"]}

    try:
        assert wait_for(lambda: "Alpha first" in get(port, "proposals/alpha/")), log.read_text()
        before = search_pages(port)
        assert {"proposals/alpha/", "proposals/beta/", "guide/", "proposals/"} <= set(before)

        # the title
        edit(original.replace("Alpha first", "Alpha renamed"), "Alpha renamed")
        index = get(port, "proposals/")
        assert "Alpha renamed" in row(index, "alpha/")
        assert re.search(r'href="beta/"[^>]*>\s*<span class="md-ellipsis">\s*Beta\s*</span>', index), \
            "the navigation names the pages --dirty did not read"
        assert "Alpha renamed" in row(get(port, "proposals/status/launched/"), "../../alpha/")
        assert "Alpha renamed" in row(get(port, "proposals/roadmap/"), "../alpha/")
        assert export()["alpha"]["title"] == "Alpha renamed"
        pages = search_pages(port)
        assert set(pages) == set(before), "the search index stays whole"
        assert pages["proposals/beta/"] == before["proposals/beta/"] and pages["guide/"] == before["guide/"]
        titles = [e["title"] for e in before["proposals/alpha/"]]
        assert [e["title"] for e in pages["proposals/alpha/"]] == [t.replace("Alpha first", "Alpha renamed")
                                                                   for t in titles], "once, not twice"
        assert "Alpha first" not in json.dumps(pages["proposals/alpha/"])

        # the body only: no listing changes (they are not rendered again), the page does
        edit(original.replace("Alpha first", "Alpha renamed").replace("Notes from the customer", "Notes from users"),
             "Notes from users")
        assert "Alpha renamed" in row(get(port, "proposals/"), "alpha/")
        assert "Alpha renamed" in row(get(port, "proposals/status/launched/"), "../../alpha/")
        assert "Notes from users" in json.dumps(search_pages(port)["proposals/alpha/"])

        # the status: it leaves its last status page, which leaves the site
        edit(original.replace("Alpha first", "Alpha renamed").replace("status: launched", "status: approved"),
             "prfaq-badge--approved")
        assert re.search(r'data-status="approved"(?:(?!<details).)*href="alpha/"', get(port, "proposals/"), re.S), \
            "listed in its new status's group"
        assert row(get(port, "proposals/status/approved/"), "../../alpha/")
        assert get(port, "proposals/status/launched/") == "HTTP 404"
        assert export()["alpha"]["status"] == "approved"
        assert "prfaq-badge--approved" in row(get(port, "proposals/roadmap/"), "../alpha/")

        # invalid: no owner
        broken = re.sub(r"^owner: .*\n", "", original, count=1, flags=re.M).replace("Alpha first", "Alpha broken")
        edit(broken, "Alpha broken")
        assert "owner: missing" in log.read_text()
        assert "prfaq-badge--invalid" in get(port, "proposals/alpha/")
        assert "data-invalid" in row(get(port, "proposals/"), "alpha/")
        assert export()["alpha"]["valid"] is False
        assert not row(get(port, "proposals/roadmap/"), "../alpha/"), "only valid proposals are on the roadmap"
        assert get(port, "proposals/status/launched/") == "HTTP 404"
        assert "Alpha broken" in json.dumps(search_pages(port)["proposals/alpha/"])

        # valid again
        edit(original.replace("Alpha first", "Alpha mended"), "Alpha mended")
        assert "prfaq-badge--launched" in get(port, "proposals/alpha/")
        index = get(port, "proposals/")
        assert "Alpha mended" in row(index, "alpha/") and "data-invalid" not in row(index, "alpha/")
        assert "Alpha mended" in row(get(port, "proposals/status/launched/"), "../../alpha/")
        assert "Alpha mended" in row(get(port, "proposals/roadmap/"), "../alpha/")
        assert export()["alpha"]["valid"] is True and export()["alpha"]["title"] == "Alpha mended"
        pages = search_pages(port)
        assert set(pages) >= set(before) and pages["guide/"] == before["guide/"]
        assert "Alpha mended" in json.dumps(pages["proposals/alpha/"])
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


class _Index:
    def __init__(self, name: str, entries: list[dict[str, Any]]) -> None:
        setattr(self, name, entries)


class _Search:
    def __init__(self, name: str, entries: list[dict[str, Any]], prev: bool) -> None:
        self.search_index = _Index(name, entries)
        if prev:
            self.search_index_prev = object()


def test_the_search_index_is_put_back_together_for_both_search_plugins() -> None:
    def entry(url: str, text: str) -> dict[str, Any]:
        return {"location": url, "title": text, "text": text}

    for name, prev in (("_entries", False), ("entries", True)):  # MkDocs' plugin, Material's
        keeper = SearchKeeper()
        urls = ["./", "a/", "b/"]
        first = [entry("./", "home"), entry("a/", "A"), entry("a/#x", "A x"), entry("b/", "B")]
        keeper.begin()
        for url in urls:
            keeper.page_built(url)
        plugin = _Search(name, list(first), prev)
        keeper.complete([("search", plugin)], urls)
        assert getattr(plugin.search_index, name) == first
        keeper.begin()
        keeper.page_built("a/")  # a --dirty rebuild of a/, and c/ is new, b/ is gone
        plugin = _Search(name, [entry("a/", "A2")], prev)
        keeper.complete([("search", plugin)], ["./", "a/", "c/"])
        assert getattr(plugin.search_index, name) == [entry("./", "home"), entry("a/", "A2")]
        assert getattr(plugin, "search_index_prev", None) is None


def test_listing_pages_are_searched_without_their_tables(site: Site) -> None:
    site.proposal("alpha.md", "draft", title="Alpha the unique")
    assert site.build("--strict").code == 0  # the mkdocs theme and MkDocs' own search plugin
    docs = json.loads(site.html("search/search_index.json"))["docs"]
    assert any("Alpha the unique" in d["title"] for d in docs if d["location"].startswith("proposals/alpha/"))
    listings = [d for d in docs if d["location"].partition("#")[0] in ("proposals/", "proposals/status/draft/")]
    assert listings and not any("Alpha the unique" in d["text"] + d["title"] for d in listings)
    assert "Alpha the unique" in site.html("proposals/index.html"), "the page itself lists it"
    html = '<h1>T</h1><div class="x" data-search-exclude><div><div>rows</div></div></div><p>kept</p>'
    assert without_excluded(html) == "<h1>T</h1><p>kept</p>"
    assert without_excluded('<div data-search-excluded="no">kept</div>') == '<div data-search-excluded="no">kept</div>'


def test_page_cache_reuses_unchanged_pages_only(tmp_path: Any) -> None:
    pages = {name: tmp_path / f"{name}.md" for name in ("a", "b")}
    for i, path in enumerate(pages.values()):
        data = proposal_data(i, "draft")
        data["id"] = path.stem
        path.write_text(prfaq_page(data), encoding="utf-8")
    cache, validator = PageCache(), build_validator()

    def load(key: object = "options") -> Any:
        cache.scope(key)
        cache.files({f"proposals/{n}.md": str(p) for n, p in pages.items()})
        sources = [(f"proposals/{n}.md", str(p), lambda p=p: p.read_text(encoding="utf-8")) for n, p in pages.items()]
        return load_catalog(sources, validator, load=cache.load, reuse=cache.reuse)

    first = load()
    assert cache.reused == 0 and not first.problems
    again = load()
    assert cache.reused == 2 and [p is q for p, q in zip(first.proposals, again.proposals, strict=True)] == [True, True]
    pages["a"].write_text(pages["a"].read_text().replace("status: draft", "status: drafty"), encoding="utf-8")
    edited = load()
    assert cache.reused == 1 and edited.proposals[0] is not first.proposals[0] and edited.problems
    assert not edited.proposals[0].valid and edited.proposals[1].valid
    pages["a"].write_text(pages["a"].read_text().replace("status: drafty", "status: draft"), encoding="utf-8")
    mended = load()
    assert not mended.problems and mended.proposals[0].valid
    assert load().proposals[1] is first.proposals[1]
    load("other options")
    assert cache.reused == 0, "other options: every page parsed again"
    assert options_key({"a": 1}, None) != options_key({"a": 2}, None)


# -- what a --dirty rebuild keeps: each listing's rows and each proposal's export item --------

@contextmanager
def served(site: Site) -> Iterator[Callable[[], Any]]:
    """``mkdocs serve --dirty`` without the server, in-process: ``rebuild()`` builds the site
    again as a save does (the configuration read again, the plugin kept) and returns the
    plugin. MkDocs keeps plugins with ``on_startup`` for the whole process; emptied around."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    served_dir = site.root / "served"

    def rebuild() -> Any:
        config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(served_dir))
        if not cache or not getattr(config.plugins["prfaq"], "dirty", False):
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return config.plugins["prfaq"]

    try:
        yield rebuild
    finally:
        cache.clear()


def listings(root: Path) -> dict[str, str]:
    """The listing pages' articles and proposals.json of a built site."""
    out = {"proposals.json": (root / "proposals" / "proposals.json").read_text(encoding="utf-8")}
    for path in [root / "proposals" / "index.html", root / "proposals" / "roadmap" / "index.html",
                 *sorted((root / "proposals" / "status").glob("*/index.html"))]:
        text = path.read_text(encoding="utf-8")
        start = text.find("<article") if "<article" in text else text.index('role="main"')  # Material, mkdocs
        out[str(path.relative_to(root))] = text[start:text.index("</article>" if "<article" in text else "<footer")]
    return out


def fresh_build(site: Site) -> dict[str, str]:
    """The listings of a plain ``mkdocs build`` of the site as it is now (another plugin instance)."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    kept = dict(cache)
    cache.clear()
    try:
        build(load_config(str(site.root / "mkdocs.yml"), site_dir=str(site.root / "fresh")))
    finally:
        cache.clear()
        cache.update(kept)
    return listings(site.root / "fresh")


def test_a_dirty_rebuild_renders_again_only_the_rows_and_export_items_that_changed(site: Site) -> None:
    def launch(day: int) -> dict[str, Any]:  # one quarter on the roadmap
        return {"location": "Berlin", "date": f"2027-05-{day:02}"}

    alpha = site.proposal("alpha.md", "launched", title="Alpha first", dateline=launch(1))
    site.proposal("beta.md", "launched", i=1, title="Beta", dateline=launch(2))
    site.proposal("gamma.md", "approved", i=2, title="Gamma", dateline=launch(3))
    site.proposal("delta.md", "draft", i=3, title="Delta")
    site.config("on_invalid: warn", theme="material")
    original = alpha.read_text()
    served_dir = site.root / "served"
    with served(site) as rebuild:
        plugin = rebuild()
        # each chunk of rows and each row once: the index 3 + 4, the status pages 3 + 4, the
        # roadmap 1 + 3; the export's 4 items
        assert (plugin.rows.made, plugin.items.made) == (7 + 7 + 4, 4)
        assert listings(served_dir) == fresh_build(site)

        def edit(text: str, rows: int, items: int, why: str) -> None:
            alpha.write_text(text)
            assert rebuild() is plugin
            assert listings(served_dir) == fresh_build(site), why
            assert (plugin.rows.made, plugin.items.made) == (rows, items), why

        edit(original.replace("Alpha first", "Alpha <renamed> & co"), 2 + 2 + 2, 1,
             "the title: its row and its chunk on the index, its status page and the roadmap; its item")
        assert "Alpha &lt;renamed&gt; &amp; co" in row((served_dir / "proposals" / "index.html").read_text(), "alpha/")
        edit(original.replace("Alpha first", "Alpha <renamed> & co").replace("Notes from the customer", "Notes"), 0, 0,
             "the body: no row, no item")
        edit(original.replace("status: launched", "status: approved"), 3 + 1 + 2 + 2, 1,
             "the status: on the index its row and both groups' chunks, the chunk it left on its old "
             "status page, its row and chunk on the new one and on the roadmap; its item")
        broken = re.sub(r"^owner: .*\n", "", original, count=1, flags=re.M)
        edit(broken, 3 + 1 + 1, 1, "invalid: on the index its row and chunk under invalid and the chunk it "
             "left; the chunk it left on its status page and the roadmap; its item")
        edit(original, 2 + 2 + 0 + 2, 1, "valid again: its row and chunk on the index, its status page and "
             "the roadmap (rows that were shown before are made again: only the last render is kept)")


def test_a_chunk_of_the_index_is_kept_while_its_rows_are(site: Site) -> None:
    pages = []
    for i in range(130):  # two chunks of the index and of the status page (100 rows each)
        updated = datetime.date(2025, 1, 1) + datetime.timedelta(days=i)
        pages.append(site.page(f"p{i:03}.md", f"---\ntitle: Proposal {i}\nstatus: draft\nowner: Ann\n"
                                              f"created: 2024-12-01\nupdated: {updated}\n---\nBody {i}.\n"))
    site.config("index: true")
    served_dir = site.root / "served"
    with served(site) as rebuild:
        plugin = rebuild()
        assert plugin.rows.made == 2 * (2 + 130)
        for i, chunk in ((129, "the first chunk (newest first)"), (0, "the second chunk")):
            pages[i].write_text(pages[i].read_text().replace(f"title: Proposal {i}\n", f"title: Renamed {i}\n"))
            assert rebuild() is plugin
            assert (plugin.rows.made, plugin.items.made) == (2 * (1 + 1), 1), chunk
            index = (served_dir / "proposals" / "index.html").read_text()
            assert f"Renamed {i}<" in row(index, f"p{i:03}/") and index.count('class="prfaq-chunk prfaq-chunk--lazy"') == 2
        assert listings(served_dir) == fresh_build(site)


def test_a_dirty_rebuild_renders_every_row_again_when_the_templates_change(site: Site) -> None:
    site.proposal("alpha.md", "launched", title="Alpha")
    site.proposal("beta.md", "draft", i=1, title="Beta")
    site.config(theme="material")
    served_dir = site.root / "served"
    with served(site) as rebuild:
        rebuild()
        overrides = site.root / "overrides" / "prfaq"
        overrides.mkdir(parents=True)
        listing = (Path(mkdocs_prfaq.__file__).parent / "templates" / "prfaq" / "listing.html").read_text()
        assert "<td>{{ p.owner }}</td>" in listing
        (overrides / "listing.html").write_text(listing.replace("<td>{{ p.owner }}</td>", "<td>Owner {{ p.owner }}</td>"))
        text = (site.root / "mkdocs.yml").read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
        (site.root / "mkdocs.yml").write_text(text)
        plugin = rebuild()
        index = (served_dir / "proposals" / "index.html").read_text()
        assert row(index, "alpha/").count("<td>Owner ") == 1 and row(index, "beta/").count("<td>Owner ") == 1
        assert (plugin.rows.made, plugin.items.made) == (2 * (2 + 2) + 1 + 1, 0), \
            "every chunk and row made again (index, status pages, roadmap), no export item"
        assert listings(served_dir) == fresh_build(site)


def test_the_export_joined_from_its_items_is_the_export() -> None:
    proposals = []
    for i, status in enumerate(("draft", "launched", "approved")):
        data = json.loads(json.dumps(proposal_data(i, status), default=str))
        data["title"] = f"Ünïcode “{i}” \\ \" \n line"
        proposals.append(Proposal(f"proposals/p{i}.md", f"docs/proposals/p{i}.md", data, {}, "", valid=i != 1))
    problems = {proposals[1].src_path: [Problem("docs/proposals/p1.md", 3, "owner", "owner: missing")]}

    def url(p: Proposal) -> str:
        return f"proposals/{p.id}/"

    labels = merge_labels(None)
    for chosen in (proposals, proposals[:1], []):
        whole = export_json(export(chosen, url, DEFAULT, labels, lambda p: problems.get(p.src_path, [])))
        items = [item_json(export_item(p, url(p), DEFAULT, problems.get(p.src_path, []))) for p in by_id(chosen)]
        assert join_export(export_head(DEFAULT, labels), items) == whole
        assert json.loads(whole)["count"] == len(chosen)


def test_search_reads_no_excluded_element_whatever_its_tag() -> None:
    html = ('<h2 id="q1">2027 Q1</h2><ol class="t" data-search-exclude><li>A<ol><li>x</li></ol></li></ol>'
            '<h2 id="q2">2027 Q2</h2><OL data-search-exclude><li>B</li></OL><p>kept</p>'
            '<img src="a.png" data-search-exclude><p>after</p><olx data-search-exclude>gone</olx>')
    assert without_excluded(html) == '<h2 id="q1">2027 Q1</h2><h2 id="q2">2027 Q2</h2><p>kept</p><p>after</p>'


# -- what review found: the home page's search entry, unread pages' titles, changed options ----

def search_index(root: Path) -> list[dict[str, Any]]:
    docs = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return sorted(docs, key=lambda d: (d["location"], d["title"]))


def nav_titles(page: str) -> list[str]:
    """The link texts of Material's sidebar (its primary navigation, before the page's contents)."""
    start = page.index("md-nav--primary")
    end = page.find("md-nav--secondary", start)
    nav = page[start: end if end != -1 else len(page)]
    return [re.sub(r"<[^>]+>|\s+", " ", t).strip() for t in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def test_dirty_rebuilds_keep_the_home_page_searchable_the_sidebar_titled_and_follow_new_options(site: Site) -> None:
    def launch(day: int) -> dict[str, Any]:
        return {"location": "Berlin", "date": f"2027-05-{day:02}"}

    alpha = site.proposal("alpha.md", "launched", title="Alpha first", dateline=launch(1))
    site.proposal("beta.md", "approved", i=1, title="Beta", dateline=launch(2))
    site.proposal("gamma.md", "draft", i=2, title="Gamma")
    site.config("on_invalid: warn", theme="material")
    served_dir = site.root / "served"
    with served(site) as rebuild:
        plugin = rebuild()
        alpha.write_text(alpha.read_text().replace("Alpha first", "Alpha second"))
        assert rebuild() is plugin
        fresh = site.root / "fresh"
        fresh_build(site)
        assert search_index(served_dir) == search_index(fresh)
        assert any(d["location"] == "" for d in search_index(served_dir))  # the home page
        for page in ("proposals/alpha/index.html", "proposals/index.html", "404.html"):  # the pages made again
            served_page = (served_dir / page).read_text(encoding="utf-8")
            assert "None" not in nav_titles(served_page), page
            assert nav_titles(served_page) == nav_titles((fresh / page).read_text(encoding="utf-8")), page
        # new options: every page laid out with them (beta was not saved), the search index too
        site.config("on_invalid: warn\nlabels:\n  internal_faq: Business FAQ\n  approved: OKAYED", theme="material")
        assert rebuild() is plugin
        fresh_build(site)
        beta = (served_dir / "proposals/beta/index.html").read_text(encoding="utf-8")
        assert "Business FAQ" in beta and "OKAYED" in beta and "Internal FAQ" not in beta
        assert search_index(served_dir) == search_index(fresh)
