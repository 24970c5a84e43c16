"""The site's navigation with proposals in it: the generated pages arranged, the proposals left
out of it when there are many (``nav: index``), their status markers (:mod:`~..layout.navstyle`).

Works on MkDocs' navigation objects as plain data (a navigation's ``items`` and ``pages``, a
page's ``file.src_uri``, ``url`` and ``meta``, a section's ``children``); MkDocs' event
machinery stays in the plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from typing import Any

from ..contract.lifecycle import INVALID, Lifecycle
from ..contract.model import Proposal
from ..layout import navstyle
from ..layout.statusstyle import styles
from .listing import by_status, is_listed


def chain(pages: Sequence[Any]) -> None:
    """Previous/next links along ``pages``."""
    for before, after in zip([None, *pages], [*pages, None], strict=True):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before


def mode(option: str, proposals: int, limit: int) -> str:
    """``all`` (every proposal in the navigation) or ``index`` (none), as the ``nav`` option says."""
    if option == "auto":
        return "index" if proposals > limit else "all"
    return option


def arrange(nav: Any, directory: str, listings: Mapping[str, tuple[str, str]], status_title: str) -> bool:
    """The index first in its section, then the roadmap and the status pages (:func:`.navstyle.arrange`);
    whether there was anything to arrange."""
    statuses = [p for p, (kind, _) in listings.items() if kind == "status"]
    if not navstyle.arrange(nav.items, f"{directory}/index.md", f"{directory}/roadmap.md", statuses, status_title):
        return False
    nav.pages = navstyle.pages_of(nav.items)
    chain(nav.pages)
    return True


def shape(nav: Any, directory: str, listings: Mapping[str, tuple[str, str]], status_title: str, shown: str,
          proposals: Iterable[Proposal], order: Callable[[], Sequence[str]], page_of: Callable[[str], Any]) -> Any:
    """The navigation MkDocs made from the folders with the generated pages arranged
    (:func:`arrange`), and with ``shown == "index"`` the proposals left out (:func:`prune`, in
    ``order()``); None when it is unchanged."""
    arranged = arrange(nav, directory, listings, status_title)
    if shown == "all":
        return nav if arranged else None
    prune(nav, proposals, order(), page_of)
    return nav


def prune(nav: Any, proposals: Iterable[Proposal], order: Sequence[str], page_of: Callable[[str], Any]) -> None:
    """The navigation without the proposals; out of it, they link to each other in ``order``
    (their ``src_path`` in the index's order; ``page_of`` gives a proposal's page, or None)."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    left_out = {p.src_path for p in proposals}

    def kept(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, Page) and item.file.src_uri in left_out:
                continue
            if isinstance(item, Section):
                item.children = kept(item.children)
            out.append(item)
        return out

    nav.items = kept(nav.items)
    nav.pages = [p for p in nav.pages if p.file.src_uri not in left_out]
    chain(nav.pages)
    chain([page for src in order if (page := page_of(src)) is not None])


def index_order(proposals: Iterable[Proposal], lifecycle: Lifecycle) -> list[str]:
    """The proposals' ``src_path`` in the index's order."""
    return [p.src_path for ps in by_status(proposals, lifecycle).values() for p in ps]


def status_css(pages: Iterable[tuple[str, Proposal]], page_urls: Callable[[], Sequence[str]], lifecycle: Lifecycle,
               labels: Mapping[str, str]) -> str:
    """:mod:`.navstyle`'s stylesheet: the status of the proposals in the navigation (``(url,
    proposal)`` of each), by the hrefs under which the site's pages (``page_urls()``) link to them."""
    marked = {url: p.status if is_listed(p, lifecycle) else INVALID for url, p in pages}
    if not marked:
        return navstyle.stylesheet({}, [])
    by_state = navstyle.marked_hrefs(page_urls(), marked)
    return navstyle.stylesheet(by_state, [(s, c, d) for s, _, c, d in styles(lifecycle, labels)], INVALID)


class HeldMeta:
    """Each proposal's ``page.meta``, held back from Material's navigation while other pages
    render (:class:`.navstyle.NavMeta`); its own page, and every plugin after the build, get it back."""

    def __init__(self) -> None:
        self.held: dict[str, MutableMapping[str, Any]] = {}

    def clear(self) -> None:
        self.held = {}

    def hold(self, pages: Iterable[tuple[str, Any]]) -> None:
        """Hold back the metadata of these pages (``(src_uri, page)``; a page may be None)."""
        for src, page in pages:
            if page is not None and page.meta:
                self.held[src] = page.meta
                page.meta = navstyle.NavMeta(page.meta)

    def give_back(self, src: str, page: Any) -> None:
        """The page ``src`` is rendered: its own metadata (Material marks its own entry)."""
        if src in self.held:
            page.meta = self.held[src]

    def hold_again(self, src: str, page: Any) -> None:
        if src in self.held:
            page.meta = navstyle.NavMeta(page.meta)

    def restore(self, page_of: Callable[[str], Any]) -> None:
        """Every page's metadata as it was, for later plugins."""
        for src, meta in self.held.items():
            if (page := page_of(src)) is not None:
                page.meta = meta
