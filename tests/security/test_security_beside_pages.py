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


# -- Material's meta plugin: a .meta.yml under the folder is as hostile as the pages beside it --------

SCRIPT = "\"><script>(window.__pwned=window.__pwned||[]).push('{where}')</script>"
BREAK_OUT = "\"]);(window.__pwned=window.__pwned||[]).push('{where}');//"


def meta_file_site(root: Path) -> Site:
    site = Site(root)
    site.config("exclude: [notes.md]", theme="material", extra="  - meta\n  - tags\n")
    (site.docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    site.proposal("a.md", "draft")
    site.proposal("sub/b.md", "draft", i=1)
    site.page("notes.md", "# Notes\n\nNot a PR/FAQ.\n")
    # outside the folder, but Material's meta plugin applies proposals/.meta.yml to every path starting "proposals"
    (site.docs / "proposals-guide.md").write_text("# How we write proposals\n", encoding="utf-8")
    folder = site.docs / "proposals"
    (folder / ".meta.yml").write_text(
        f"description: {json.dumps(SCRIPT.format(where='description'))}\n"
        f"author: {json.dumps(SCRIPT.format(where='author'))}\n"
        f"icon: material/rocket\nmy_key: {json.dumps(SCRIPT.format(where='my_key'))}\nhide: [navigation]\n"
        f"tags: [{json.dumps(SCRIPT.format(where='tags'))}]\n", encoding="utf-8")
    (folder / "sub" / ".meta.yml").write_text(
        f"template: redirect.html\nlocation: {json.dumps(BREAK_OUT.format(where='location'))}\n", encoding="utf-8")
    return site


def test_a_meta_file_under_the_folder_reaches_no_page_as_markup(tmp_path: Path) -> None:
    site = meta_file_site(tmp_path / "meta")
    built = site.build("--strict")
    assert built.code == 0, built.text
    pages = ["tags/index.html", "proposals-guide/index.html", "proposals/a/index.html", "proposals/sub/b/index.html", "proposals/notes/index.html",
             "proposals/index.html", "proposals/status/draft/index.html"]
    for page in pages:
        html = site.html(page)
        assert "<script>(window.__pwned" not in html and "window.location.replace" not in html, page
        assert 'class="md-content"' in html, page  # Material's main.html, not its redirect.html
    a = site.html("proposals/a/index.html")
    assert "push(&#x27;tags" not in a  # a PR/FAQ's tags are its own (the folder's other pages show them as text)
    assert '<meta name="description" content="&quot;&gt;&lt;script&gt;' in a  # a known key: shown, as text
    assert "my_key" not in a and "rocket" not in a  # not a PR/FAQ field, or a theme key the plugin owns
    assert 'data-md-type="navigation" hidden>' in a  # hide: [navigation], a theme key a PR/FAQ may set, applies


@pytest.mark.browser
def test_no_meta_file_runs_script_in_the_browser(tmp_path: Path) -> None:
    site = meta_file_site(tmp_path / "meta")
    assert site.build().code == 0
    with serve(site.root / "site") as url, chromium() as browser:
        page: Any = browser.new_page()
        for path in ("tags/", "proposals-guide/", "proposals/a/", "proposals/sub/b/", "proposals/notes/", "proposals/"):
            page.goto(url + path, wait_until="domcontentloaded", timeout=10_000)
            page.wait_for_timeout(200)
            assert page.evaluate("window.__pwned === undefined"), (path, page.evaluate("window.__pwned"))
            assert page.url.endswith(path), page.url  # no redirect
        page.close()


# -- symbolic links under the folder: MkDocs follows them and publishes what they lead to ---------------

LINKED = ("a symbolic link to {where} would publish that file on the site (a secret of the workspace the site is "
          "built in, such as .env or .git/config); left out of the site (expected the file itself under proposals/: "
          "replace the link with a copy)")


def linked_site(root: Path, options: str = "") -> Site:
    site = Site(root)
    site.config(options)
    site.proposal("ok.md", "draft")
    (site.root / ".env").write_text("AWS_SECRET=ENV-SECRET-1\n", encoding="utf-8")
    (site.root / "secret.md").write_text("---\ntitle: S\nstatus: draft\nowner: O\ncreated: 2026-01-01\n---\n"
                                         "TOKEN=PAGE-SECRET-2\n", encoding="utf-8")
    (site.docs / ".hidden.png").write_bytes(b"\x89PNG\r\n\x1a\nHIDDEN-SECRET-3")
    (site.docs / "assets").mkdir()
    (site.docs / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nLOGO")
    folder = site.docs / "proposals"
    (folder / "env.png").symlink_to("../../.env")
    (folder / "leak.md").symlink_to("../../secret.md")
    (folder / "hidden.png").symlink_to("../.hidden.png")
    (folder / "logo.png").symlink_to("../assets/logo.png")  # inside docs_dir, not hidden: published as MkDocs does
    return site


def test_a_link_out_of_docs_is_one_problem_in_check_and_the_build(tmp_path: Path) -> None:
    site = linked_site(tmp_path / "s")
    expected = {f"docs/proposals/env.png:1: file: {LINKED.format(where='a file outside docs_dir')}",
                f"docs/proposals/leak.md:1: file: {LINKED.format(where='a file outside docs_dir')}",
                f"docs/proposals/hidden.png:1: file: {LINKED.format(where='a hidden file')}"}
    checked, built = site.check("check"), site.build("--strict")
    assert checked.code == 1 and built.code == 1
    for result in (checked, built):
        assert "Traceback" not in result.text
        found = {line.split("-  ", 1)[-1] for line in result.text.splitlines() if "symbolic link" in line}
        assert found == expected, result.text[-3000:]


def test_a_link_out_of_docs_is_never_published(tmp_path: Path) -> None:
    site = linked_site(tmp_path / "s", "on_invalid: warn")
    assert site.build().code == 0
    published = b"".join(p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file())
    for secret in (b"ENV-SECRET-1", b"PAGE-SECRET-2", b"HIDDEN-SECRET-3"):
        assert secret not in published, secret
    assert (site.root / "site" / "proposals" / "logo.png").read_bytes().endswith(b"LOGO")
    assert (site.root / "site" / "proposals" / "ok" / "index.html").exists()


def test_a_proposals_folder_the_site_links_elsewhere_still_builds(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    shared = tmp_path / "shared-proposals"
    (site.docs / "proposals").rename(shared)
    (site.docs / "proposals").symlink_to(shared, target_is_directory=True)
    site.proposal("a.md", "draft")
    (shared / "img.png").write_bytes(b"\x89PNG\r\n\x1a\nIMG")
    assert site.check("check").code == 0
    built = site.build("--strict")
    assert built.code == 0, built.text
    assert (site.root / "site" / "proposals" / "img.png").exists()


# -- awesome-pages: a .pages file under the folder titles the navigation of every page of the site ------

PAGES_FILE = """title: "</title><script>(window.__pwned=window.__pwned||[]).push('section')</script>"
nav:
  - "<img src=x onerror=(window.__pwned=window.__pwned||[]).push('entry')>": a.md
  - ...
  - "a link": "javascript:(window.__pwned=window.__pwned||[]).push('link')"
  - "<b>elsewhere</b>": https://example.com/
"""


def awesome_pages_site(root: Path, theme: str, pages_file: str, options: str = "") -> Site:
    """A site with mkdocs-awesome-pages-plugin, the proposal ``a.md`` and ``pages_file`` as the
    proposals folder's ``.pages``."""
    pytest.importorskip("mkdocs_awesome_pages_plugin", reason="mkdocs-awesome-pages-plugin is not installed")
    site = Site(root)
    site.config(options, theme=theme, extra="  - awesome-pages\n")
    site.proposal("a.md", "draft")
    (site.docs / "proposals" / ".pages").write_text(pages_file, encoding="utf-8")
    return site


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_pages_file_under_the_folder_titles_the_navigation_as_text(tmp_path: Path, theme: str) -> None:
    site = awesome_pages_site(tmp_path / theme, theme, PAGES_FILE, "nav: all")
    site.proposal("sub/b.md", "draft", i=1)
    (site.docs / "proposals" / "sub" / ".pages").write_text(
        "title: \"<svg onload=(window.__pwned=window.__pwned||[]).push('sub')>\"\n", encoding="utf-8")
    built = site.build()
    assert built.code == 0, built.text
    for page in ("index.html", "proposals/a/index.html", "proposals/sub/b/index.html"):
        html = site.html(page)
        for raw in ("<script>(window.__pwned", "<img src=x onerror=(window", "<svg onload=(window", "javascript:"):
            assert raw not in html, (page, raw)
        assert "&lt;img src=x onerror=(window.__pwned=window.__pwned||[]).push(&#x27;entry&#x27;)&gt;" in html, page
        assert "https://example.com/" in html  # a link of its own kind keeps its place, titled as text
