"""Review of the navigation's links under the folder (0be8a59): a theme prints a link's URL into
``href`` as written, and a browser reads character references there, so ``javascript&colon;...``
in awesome-pages' ``.pages`` is a ``javascript:`` link on every page of the site; the scheme is
read as the browser reads it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from .test_security_beside_pages import awesome_pages_site

PAGES_FILE = """nav:
  - a.md
  - "one": "javascript&colon;(window.__pwned=window.__pwned||[]).push('colon')"
  - "two": "javascript&#58;(window.__pwned=window.__pwned||[]).push('58')"
  - "three": "java&Tab;script&#x3A;(window.__pwned=window.__pwned||[]).push('tab')"
  - "four": "&#106;avascript:(window.__pwned=window.__pwned||[]).push('106')"
  - "kept": "https://example.com/?a=1&b=2"
"""


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k == "href" and v is not None]  # references read, as a browser does


def hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html)
    return ["".join(h.split()).lower() for h in parser.hrefs]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_pages_file_link_with_a_character_reference_in_its_scheme_goes(tmp_path: Path, theme: str) -> None:
    site = awesome_pages_site(tmp_path / theme, theme, PAGES_FILE)
    built = site.build()
    assert built.code == 0, built.text
    for page in ("index.html", "proposals/a/index.html"):
        found = hrefs(site.html(page))
        assert not [h for h in found if h.startswith("javascript:")], (page, found)
        assert any(h.startswith("https://example.com/") for h in found), page  # an https link keeps its place


QUOTED = """nav:
  - a.md
  - "out": 'https://x.example/"><script>(window.__pwned=window.__pwned||[]).push("out")</script>'
  - "attr": 'x.md" onmouseover="(window.__pwned=window.__pwned||[]).push(1)'
"""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[dict[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.attrs.append(dict(attrs))
        self.scripts += tag == "script"


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_pages_file_link_url_stays_inside_its_href(tmp_path: Path, theme: str) -> None:
    site = awesome_pages_site(tmp_path / theme, theme, QUOTED)
    built = site.build()
    assert built.code == 0, built.text
    for page in ("index.html", "proposals/a/index.html"):
        html = site.html(page)
        links = _Links()
        links.feed(html)
        assert not any("onmouseover" in a for a in links.attrs), page
        out = [a["href"] for a in links.attrs if (a.get("href") or "").startswith("https://x.example/")]
        assert out == ['https://x.example/"><script>(window.__pwned=window.__pwned||[]).push("out")</script>'], page
        assert "<script>(window.__pwned" not in html, page
