"""Each proposal's status in Material's navigation comes from one generated stylesheet
(assets/prfaq/nav-status.css) that marks links by their href, not from a marker rendered for
every entry of every page: the hrefs it lists, their escaping, and the colours in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import get_relative_url

from mkdocs_prfaq.layout.navstyle import Hrefs, css_string, marked_hrefs, stylesheet

from ..browser import chromium, serve
from ..conftest import Site

segment = st.sampled_from(["a", "b", "proposals", "status", "x.y", "p%22q"])
url = st.builds(lambda parts, html: ("/".join(parts) + (".html" if html else "/")) if parts else "./",
                st.lists(segment, max_size=4), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(url, min_size=1, max_size=8, unique=True))
def test_hrefs_are_exactly_mkdocs_relative_urls(urls: list[str]) -> None:
    hrefs = Hrefs(urls)
    for target in urls:
        assert hrefs.of(target) == {get_relative_url(target, viewer) for viewer in urls}


def test_an_href_that_two_pages_would_read_differently_is_left_out() -> None:
    pages = ["./", "proposals/", "proposals/a/", "proposals/b/", "other/x/", "other/b/"]
    found = marked_hrefs(pages, {"proposals/b/": "draft", "proposals/a/": "approved"})
    # '../b/' is proposals/b/ from proposals/a/ but other/b/ from other/x/: not marked
    assert "../b/" not in found["draft"] and {"b/", "proposals/b/", "../../proposals/b/"} <= set(found["draft"])
    assert "../a/" in found["approved"], "no other page is reached by '../a/'"
    assert not any(h in ("./", ".") for hs in found.values() for h in hs)


def test_the_stylesheet_escapes_whatever_an_href_holds() -> None:
    hostile = 'x"]{}</style><script>alert(1)</script>\\\n\u2028é'
    css = stylesheet({"draft": [hostile]}, [("draft", "#5c6370", "#d0d4db")])
    rule = next(line for line in css.splitlines() if line.startswith("a.md-nav__link:is("))
    inside = rule[len("a.md-nav__link:is("):rule.index(") {")]
    assert inside == "[href=" + css_string(hostile) + "]"
    assert re.fullmatch(r'\[href="(?:[^"\\]|\\[0-9a-f]+ )*"\]', inside), inside
    assert "\n" not in rule and "<" not in rule
    # colours that are not hex colours never reach the sheet
    assert "red;}" not in stylesheet({"draft": ["a/"]}, [("draft", "red;}", "#000000")])


def test_other_plugins_see_the_whole_metadata_and_the_navigation_none(site: Site) -> None:
    site.proposal("alpha.md", "approved", tags=["ml"])
    site.proposal("beta.md", "draft", i=1)
    site.config("nav: all", theme="material")
    config = load_config(str(site.root / "mkdocs.yml"))
    build(config)
    page = config.plugins["prfaq"].files["proposals/alpha.md"].page
    assert type(page.meta) is dict and page.meta["status"] == "approved" and page.meta["tags"] == ["ml"]
    # each page's own template reads its whole metadata (Material's <title> from meta.title)
    beta = site.html("proposals/beta/index.html")
    beta_title = config.plugins["prfaq"].files["proposals/beta.md"].page.meta["title"]
    assert f"<title>{beta_title} - Test</title>" in beta
    assert re.findall(r'md-status--(\w+)"', beta) == ["draft", "draft"]


def nav_marks(page: Any) -> dict[str, dict[str, str]]:
    """href -> the ::after box of each navigation link (content, colour, mask)."""
    return dict(page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.md-nav--primary a.md-nav__link')].map(a => {
            const s = getComputedStyle(a, '::after');
            return [a.getAttribute('href'), {content: s.content, colour: s.backgroundColor,
                                             mask: s.maskImage || s.webkitMaskImage, width: s.width}];
        }))"""))


@pytest.mark.browser
def test_status_colours_in_materials_navigation_in_chromium(site: Site) -> None:
    site.proposal("alpha.md", "approved")
    site.proposal("beta.md", "draft", i=1)
    site.proposal("sub/gamma.md", "launched", i=2)
    site.proposal('q"uote {x}.md', "deferred", i=4, id="quote-x")  # a file name CSS must escape
    site.page("broken.md", "---\ntitle: Broken\nstatus: draft\n---\nBody\n")  # owner, created missing
    (site.docs / "guide.md").write_text("# Guide\n", encoding="utf-8")
    site.config("on_invalid: warn\nnav: all", theme="material")
    result = site.build()
    assert result.code == 0, result.text
    alpha = site.html("proposals/alpha/index.html")
    # no marker rendered per entry: only the current page's own entry has Material's
    assert re.findall(r'class="md-status md-status--(\w+)"', alpha) == ["approved", "approved"]
    assert 'title="Approved"' in alpha
    assert "md-status" not in site.html("guide/index.html")
    css = (site.root / "site" / "assets" / "prfaq" / "nav-status.css").read_text()
    assert css.count("a.md-nav__link:is(") == 5
    rgb = {"approved": "rgb(29, 107, 53)", "draft": "rgb(92, 99, 112)", "launched": "rgb(21, 87, 160)",
           "deferred": "rgb(106, 76, 156)", "invalid": "rgb(164, 0, 29)"}
    with chromium() as browser, serve(site.root / "site") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for at, links in [
            ("proposals/alpha/", {"../beta/": "draft", "../sub/gamma/": "launched", "../broken/": "invalid",
                                  "../q%22uote%20%7Bx%7D/": "deferred"}),
            ("", {"proposals/alpha/": "approved", "proposals/sub/gamma/": "launched"}),
            ("proposals/sub/gamma/", {"../../alpha/": "approved", "../../broken/": "invalid"}),
            ("proposals/status/draft/", {"../../alpha/": "approved", "../../beta/": "draft"}),
        ]:
            page.goto(url + at)
            marks = nav_marks(page)
            for href, state in links.items():
                mark = marks[href]
                assert mark["content"] != "none" and mark["colour"] == rgb[state], (at, href, mark)
                assert ("path" in mark["mask"]) == (state == "invalid"), "invalid pages: a warning sign"
            for href in ("guide/", "../../guide/", "../../", "./", "../", "../../status/draft/"):
                if href in marks:
                    assert marks[href]["content"] == "none", (at, href)
        # the current page's own entry: Material's marker, in the status colour
        page.goto(url + "proposals/alpha/")
        own = page.evaluate("""() => getComputedStyle(
            document.querySelector('a.md-nav__link--active .md-status'), '::after').backgroundColor""")
        assert own == rgb["approved"]
        # dark scheme: the dark colour of the status
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        assert nav_marks(page)["../beta/"]["colour"] == "rgb(208, 212, 219)"
