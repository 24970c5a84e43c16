"""The pages the plugin adds to a site and the links between pages: the index, a page per status,
the roadmap (their paths and titles, and each one's listing filled in), and a proposal's links
to the proposals it names. Plain data in and out; the engine makes the files."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..contract.labels import status_key
from ..contract.lifecycle import INVALID, Lifecycle
from ..contract.model import Catalog, Proposal, listing_of
from ..layout import navstyle
from ..layout.page import text_of
from ..layout.render import Heading, Link, headings
from ..layout.statusstyle import styles, stylesheet
from . import listing as index
from .feed import FEED

log = logging.getLogger("mkdocs.plugins.prfaq")
Listings = dict[str, tuple[str, str]]
"""``src_uri -> (kind, status)`` of the listing pages: the index, status pages and roadmap."""


def generated(directory: str, labels: Mapping[str, str], proposals: list[Proposal],
              lifecycle: Lifecycle) -> dict[str, tuple[str, str, str]]:
    """``src_uri -> (kind, status, title)`` of the listing pages a site gets: the index, the
    roadmap, and a page per status that has valid proposals."""
    pages = {f"{directory}/index.md": ("index", "", labels["all_proposals"]),
             f"{directory}/roadmap.md": ("roadmap", "", labels["roadmap"])}
    for status, n in index.counts(proposals, lifecycle).items():
        if n and status != INVALID:  # invalid proposals are on the index, under no status
            pages[f"{directory}/status/{status}.md"] = ("status", status, labels[status_key(status)])
    return pages


def source(title: str) -> str:
    """The Markdown of a generated listing page: its title and where the listing goes."""
    return f"# {title}\n\n{index.INDEX_MARKER}\n"


def marker(kind: str, status: str = "") -> str:
    """The marker an author writes on a page to ask for a listing (:func:`listing_marker`)."""
    return f"<!-- prfaq {kind}{' ' + status if status else ''} -->"


def kept_page_warning(path: str, kind: str, status: str = "") -> str:
    return (f"prfaq: docs/{path} exists and asks for no listing, so the plugin adds the listing after "
            f"its content (write '{marker(kind, status)}' on the page where the listing goes)")


TESTED_THEMES = ("material", "mkdocs")


def untested_theme(name: str | None) -> str | None:
    """A note for a theme mkdocs-prfaq is not tested with, or None."""
    if name in TESTED_THEMES:
        return None
    return (f"prfaq: theme {name!r} is not one mkdocs-prfaq is tested with ({', '.join(TESTED_THEMES)}); "
            "PR/FAQ pages use plain HTML and prfaq.css")


def listing_page(env: jinja2.Environment, page_html: str, kind: str, status: str, catalog: Catalog,
                 labels: Mapping[str, str], lifecycle: Lifecycle, url: Callable[[Proposal], str],
                 row_html: index.RowHtml = index.render_row, rows_html: index.RowsHtml = index.render_rows,
                 feed: str | None = None) -> tuple[str, list[Heading]]:
    """A listing page's HTML with its listing (at :data:`~.listing.INDEX_MARKER`, else after its
    content), and the listing's headings."""
    proposals = catalog.proposals
    if status:
        proposals = [p for p in proposals if p.status == status and index.is_listed(p, lifecycle)]
    listing = index.listing_html(env, kind, proposals, labels, url, lifecycle, row_html, rows_html, feed=feed)
    found = headings(listing)
    if index.INDEX_MARKER in page_html:
        return page_html.replace(index.INDEX_MARKER, listing, 1), found
    return page_html + listing, found


def links(proposal: Proposal, catalog: Catalog, url: Callable[[str], str | None]) -> dict[str, Link]:
    """The proposals ``proposal`` names (related, superseded by) that have a page: ``url(src_path)``
    gives the link to it from the proposal's page, or None."""
    out = {}
    for ref in [*proposal.related, proposal.superseded_by]:
        target = catalog.by_id.get(ref)
        link = url(target.src_path) if target is not None else None
        if target is not None and link is not None:
            out[ref] = Link(target.title, link)
    return out


def file_url(files: Mapping[str, Any]) -> Callable[[Proposal], str]:
    """A proposal's URL from its file in ``files`` (by ``src_path``), or ''."""
    def url(p: Proposal) -> str:
        return f.url if (f := files.get(p.src_path)) else ""

    return url


def generate(directory: str, labels: Mapping[str, str], catalog: Catalog, lifecycle: Lifecycle,
             exists: Callable[[str], bool], export: Callable[[], str], feed: Callable[[], str] | None,
             listings: Listings, find: Callable[[str], Any] = lambda _: None) -> Iterator[tuple[str, str, bool]]:
    """The files the site gets, as ``(src_uri, content, listing page)``: the index, a page per
    status that has proposals, the roadmap (each noted in ``listings``; one the author wrote,
    ``exists``, is kept and filled, with a warning when its Markdown (its file, ``find(path)``) holds
    no listing marker; one that holds a marker shows the listing its marker asks for, as under
    Zensical), ``proposals.json`` and the ``feed`` of status changes."""
    for path, (kind, status, title) in generated(directory, labels, catalog.proposals, lifecycle).items():
        if not exists(path):
            yield path, source(title), True
        elif (marker := listing_of(text_of(find(path)))) is not None:
            kind, status = marker[0], marker[1]  # the marker wins over the path ('roadmap.md' may list a status)
        elif kind != "index":
            log.warning(kept_page_warning(path, kind, status))
        listings[path] = (kind, status)
    yield f"{directory}/proposals.json", export(), False
    if feed is not None and not exists(f"{directory}/{FEED}"):  # status changes (feed.py)
        yield f"{directory}/{FEED}", feed(), False


ASSETS = Path(__file__).parent.parent / "assets"
CSS = "assets/prfaq/prfaq.css"
STATUS_CSS = "assets/prfaq/statuses.css"
"""Generated from the site's lifecycle: each status's badge, chart bar and navigation dot."""
JS = "assets/prfaq/index.js"


def stylesheets(layout: bool, listings: bool, material: bool) -> list[str]:
    """The site's stylesheets the plugin adds (``extra_css``)."""
    return ([CSS, STATUS_CSS] if layout or listings else []) + ([navstyle.PATH] if material else [])


def assets(layout: bool, listings: bool, lifecycle: Lifecycle, labels: Mapping[str, str],
           exists: Callable[[str], bool]) -> Iterator[tuple[str, str | None, str | None]]:
    """The stylesheets and script the site gets, as ``(src_uri, file to copy, content)``; a copy in
    the theme's custom_dir (``exists``) wins."""
    for asset, wanted in ((CSS, layout or listings), (JS, listings)):
        if wanted and not exists(asset):
            yield asset, str(ASSETS / Path(asset).name), None
    if (layout or listings) and not exists(STATUS_CSS):  # and the listing's column names
        yield STATUS_CSS, None, stylesheet(lifecycle) + index.column_css(labels)


def listing_marker(markdown: str) -> tuple[str, str, str] | None:
    """A page that asks for a listing (``<!-- prfaq index -->``, ``<!-- prfaq status NAME -->``,
    ``<!-- prfaq roadmap -->``): its kind, status, and Markdown with :data:`~.listing.INDEX_MARKER` there."""
    marker = listing_of(markdown)
    if marker is None:
        return None
    kind, status, start, end = marker
    return kind, status, f"{markdown[:start]}{index.INDEX_MARKER}{markdown[end:]}"


def material_statuses(lifecycle: Lifecycle, labels: Mapping[str, str], known: Mapping[str, str] | None
                      ) -> dict[str, str]:
    """Material's ``extra.status``: it shows ``page.meta.status`` in the navigation for the
    statuses it knows, and prints the label unescaped (MkDocs' Jinja does not autoescape)."""
    return {name: html.escape(label) for name, label, _, _ in styles(lifecycle, labels)} | dict(known or {})


def watched(schema: str | None, custom_dir: str | None) -> list[str]:
    """What ``mkdocs serve`` rebuilds on: the site schema, and the overrides of the plugin's
    templates and stylesheet (MkDocs watches the theme's folders only with --watch-theme)."""
    folders = [Path(custom_dir) / "prfaq", Path(custom_dir) / "assets" / "prfaq"] if custom_dir else []
    return ([schema] if schema else []) + [str(folder) for folder in folders if folder.is_dir()]
