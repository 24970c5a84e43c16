"""Each proposal's status in Material's navigation, from one stylesheet.

Material draws a status marker beside a navigation entry whose page has ``meta.status``. The
navigation is rendered on every page, so with every proposal in it that is N markers on each of
N pages: N² template calls, a third of a 300-proposal build. Instead the plugin keeps the
status out of the navigation and writes one stylesheet, ``assets/prfaq/nav-status.css``, that
marks the links to proposals by their ``href``: O(N) to generate, and the same for every page.

A page's navigation links are relative to the page (``../b/`` from ``proposals/a/``,
``proposals/b/`` from the home page), so the stylesheet lists, for each proposal, every href
under which a page of the site links to it, computed from the folders the site's pages are in
(:class:`Hrefs`). The selectors match whole hrefs (``[href="../b/"]``, never a suffix), and an
href that two pages would read as two different targets (``../b/`` from ``proposals/x/`` and
from ``other/x/``, when both folders have a ``b``) is left out: such a link goes unmarked rather
than marked wrongly. The current page's own entry (``./``) keeps Material's marker: the plugin
shows ``meta.status`` to the page's own template only, and to the navigation a proposal's
metadata reads as empty (:class:`NavMeta`), which makes its entries cheaper than a plain page's.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PATH = "assets/prfaq/nav-status.css"

_DOT = ('url(\'data:image/svg+xml;charset=utf-8,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="12" r="6"/></svg>\')')
_WARN = ('url(\'data:image/svg+xml;charset=utf-8,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
         '<path d="M12 2 1 21h22L12 2zm-1 7h2v6h-2V9zm0 8h2v2h-2v-2z"/></svg>\')')
"""An invalid page's marker: a warning sign, so it differs from a status by shape, not only colour."""
_DARK = '[data-md-color-scheme="slate"]'


class NavMeta(dict[str, Any]):
    """A proposal's ``page.meta`` while other pages render their navigation: without
    ``status``, and false. Material's navigation asks each entry's metadata for an icon, a
    subtitle and a status, each ask behind ``nav_item.meta and ...``; a PR/FAQ page has none
    of them (the plugin drops ``icon`` and ``subtitle``, the stylesheet shows the status), so a
    false metadata answers all three at once, for N entries on each of N pages. Everything
    else reads it as the dict it is (``page.title`` reads its ``title``)."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        super().__init__((k, v) for k, v in meta.items() if k != "status")

    def __bool__(self) -> bool:
        return False


def _parts(path: str) -> list[str]:
    """The segments of a URL path as MkDocs compares them (``mkdocs.utils._norm_parts``)."""
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []


def _folder(url: str) -> list[str]:
    """The folder a page's relative links start from: its URL, less a last segment that has a
    dot (``a/b.html`` is in ``a``, ``a/b/`` is ``a/b``), as :func:`mkdocs.utils.get_relative_url`."""
    folder, _, last = url.rpartition("/")
    return _parts(folder if "." in last else url)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    depths: dict[int, int] = field(default_factory=dict)
    """How many pages' folders lie this many segments below this one."""


class Hrefs:
    """Every href under which MkDocs writes a link to a page (``normalize_url`` of its URL
    relative to the current page), for the pages a site renders, without rendering them.

    The pages' folders go into a tree whose nodes count the folders below them by depth. The
    href from folder F to URL U is ``../`` once per segment of F past their common prefix, then
    U's segments past it, so U's hrefs are read off the nodes along U: O(depth) per URL.
    """

    def __init__(self, page_urls: Iterable[str]) -> None:
        self.root = _Node()
        for url in page_urls:
            parts = _folder(url)
            node = self.root
            for i in range(len(parts) + 1):
                node.depths[len(parts) - i] = node.depths.get(len(parts) - i, 0) + 1
                if i < len(parts):
                    node = node.children.setdefault(parts[i], _Node())

    def of(self, url: str) -> set[str]:
        """The hrefs by which the pages link to ``url`` (``./`` and ``.``, a page's link to
        itself, included)."""
        dest = _parts(url)
        slash = "/" if url.endswith("/") else ""
        found: set[str] = set()
        node: _Node | None = self.root
        for common in range(len(dest) + 1):
            assert node is not None
            child = node.children.get(dest[common]) if common < len(dest) else None
            for up, n in node.depths.items():
                # folders below this node but not below the next one along the URL
                if n - (child.depths.get(up - 1, 0) if child is not None and up else 0) > 0:
                    found.add(("/".join([".."] * up + dest[common:]) or ".") + slash)
            if child is None:
                break
            node = child
        return found


def marked_hrefs(page_urls: Sequence[str], marked: Mapping[str, str]) -> dict[str, list[str]]:
    """``{state: hrefs}``: the hrefs of the pages in ``marked`` (URL -> state) that no page of
    the site (``page_urls``, every page rendered) would read as another page."""
    hrefs = Hrefs(page_urls)
    owner: dict[str, str | None] = {}
    for url in dict.fromkeys([*page_urls, *marked]):
        for href in hrefs.of(url):
            owner[href] = url if owner.get(href, url) == url else None  # None: two pages share it
    out: dict[str, list[str]] = {}
    for url, state in marked.items():
        found = sorted(h for h in hrefs.of(url) if owner.get(h) == url and h not in (".", "./"))
        out.setdefault(state, []).extend(found)
    return out


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string: quotes, backslashes, and every character outside
    printable ASCII escaped (``\\22 ``), so no text ends the string, the rule or the sheet."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isprintable() and ch not in '"\\<>&\'':
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def css_ident(name: str) -> str:
    """``name`` as a CSS identifier fragment: letters, digits, ``-`` and ``_`` kept, anything else
    escaped (status names are slugs already; this is a second fence)."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else f"\\{ord(ch):x} " for ch in name)


def stylesheet(by_state: Mapping[str, Sequence[str]], styles: Iterable[tuple[str, str, str]],
               invalid: str = "invalid") -> str:
    """``nav-status.css``: a coloured dot after each marked link of Material's navigation (a
    warning sign for ``invalid``), in the colours ``styles`` gives as ``(state, colour, dark
    colour)`` (hex colours, validated with the site's statuses), light and dark scheme."""
    lines = ["/* mkdocs-prfaq: the status of each PR/FAQ in Material's navigation (generated on every build). */"]
    colours = [(css_ident(s), c, d) for s, c, d in styles if _HEX.match(c) and _HEX.match(d)]
    if not any(by_state.values()) or not colours:
        return lines[0] + "\n"
    lines.append("body { " + " ".join(f"--prfaq-nav-{s}: {c};" for s, c, _ in colours) + " }")
    lines.append(f"{_DARK} {{ " + " ".join(f"--prfaq-nav-{s}: {d};" for s, _, d in colours) + " }")
    lines.append("a.md-nav__link::after { content: var(--prfaq-nav, none); flex-shrink: 0; width: 1.125em; "
                 "height: 1.125em; background-color: var(--prfaq-nav-colour); "
                 f"-webkit-mask: var(--prfaq-nav-mark, {_DOT}) center / contain no-repeat; "
                 f"mask: var(--prfaq-nav-mark, {_DOT}) center / contain no-repeat; }}")
    known = {s for s, _, _ in colours}
    for state, hrefs in by_state.items():
        ident = css_ident(state)
        if not hrefs or ident not in known:
            continue
        links = ",".join(f"[href={css_string(h)}]" for h in hrefs)
        mark = f" --prfaq-nav-mark: {_WARN};" if state == invalid else ""
        lines.append(f"a.md-nav__link:is({links}) {{ --prfaq-nav: \"\"; "
                     f"--prfaq-nav-colour: var(--prfaq-nav-{ident});{mark} }}")
    return "\n".join(lines) + "\n"


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def arrange(items: list[Any], index_src: str, roadmap_src: str, status_srcs: Sequence[str],
            status_title: str) -> bool:
    """The plugin's generated pages where a reader looks for them in a navigation MkDocs made
    from the folders (``items``, changed in place): in the section that holds the index, the
    index first, then the roadmap, then the status pages' section (titled ``status_title``, its
    pages in the lifecycle's order, ``status_srcs``), then the rest in MkDocs' order. Whether
    anything was found to arrange. The title is the site's ``by_status`` label, plain text
    (:func:`plain_titles` escapes it)."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    def src(item: Any) -> str | None:
        return item.file.src_uri if isinstance(item, Page) else None

    order = {s: i for i, s in enumerate(status_srcs)}

    def is_status_section(item: Any) -> bool:
        return (isinstance(item, Section) and bool(item.children)
                and all(src(child) in order for child in item.children))

    def visit(level: list[Any]) -> bool:
        if any(src(item) in (index_src, roadmap_src) for item in level):
            first = [i for i in level if src(i) == index_src] + [i for i in level if src(i) == roadmap_src]
            statuses = [i for i in level if is_status_section(i)]
            for section in statuses:
                section.children.sort(key=lambda child: order[src(child) or ""])
                section.title = status_title  # escaped with every title under the folder (plain_titles)
            level[:] = first + statuses + [i for i in level if i not in first and i not in statuses]
            return True
        return any(visit(item.children) for item in level if isinstance(item, Section))

    return visit(items)


_NAV_SCHEMES = ("", "http", "https", "mailto")


def plain_titles(items: list[Any], directory: str) -> None:
    """The navigation's titles for what lies under the proposals folder as text (``items``, in
    place): themes print a section's, a page's and a link's title unescaped (MkDocs' Jinja does not
    autoescape), and those titles come from the folder (its folders' names, and what a plugin reads
    there: awesome-pages' ``.pages`` names a section, retitles a page, adds a link) or from the
    site's labels (the status pages' section). A section is the folder's when every page in it is;
    a link in such a section keeps its place only with an ``http(s)``, ``mailto`` or relative URL
    (``javascript:`` goes)."""
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    prefix = directory.strip("/") + "/"

    def inside(item: Any) -> bool | None:
        """Whether ``item`` lies under the folder (None: it holds no page)."""
        if isinstance(item, Page):
            return bool(item.file.src_uri.startswith(prefix))
        if isinstance(item, Section):
            found = {inside(child) for child in item.children} - {None}
            return None if not found else found == {True}
        return None

    def visit(level: list[Any], folder: bool) -> None:
        for item in list(level):
            mine = inside(item)
            if isinstance(item, Section):
                theirs = mine is True or (folder and mine is None)
                if theirs and isinstance(item.title, str):
                    item.title = html.escape(item.title)
                visit(item.children, theirs)
            elif isinstance(item, Page):
                if mine and isinstance(item.title, str):  # set by a navigation's entry, not by the page
                    item.title = html.escape(item.title)
            elif isinstance(item, Link) and folder:
                # as a browser reads the href the theme prints it into: references first (`javascript&colon;`)
                url = "".join(html.unescape(str(item.url)).split())
                scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
                if scheme not in _NAV_SCHEMES:
                    level.remove(item)
                    continue
                item.title = html.escape(str(item.title))
                item.url = html.escape(str(item.url))  # printed into href as it is: `"` would end the attribute

    visit(items, False)


def pages_of(items: list[Any]) -> list[Any]:
    """The pages of a navigation's items, in order (what MkDocs' ``Navigation.pages`` holds)."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    out: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out.extend(pages_of(item.children))
    return out
