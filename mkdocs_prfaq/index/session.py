"""The state one ``mkdocs serve`` (or ``--dirty``) process keeps across its rebuilds, in one
object the plugin's hooks hand off to (the parts are in :mod:`.incremental`).

Under ``mkdocs build`` it keeps nothing: every method then does what a first build does. It
works on MkDocs' files as plain data (a file's ``src_uri``, ``abs_src_path``, ``abs_dest_path``,
``url``, ``generated_by``; ``is_modified`` is set on the files whose output ``--dirty`` must
write again); MkDocs' event machinery stays in the plugin.
"""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

import jinja2

from ..contract.lifecycle import Lifecycle
from ..contract.limits import Limits, Words, check_limits, measure
from ..contract.model import Catalog, Proposal
from ..contract.problems import Problem
from ..layout.render import TEMPLATE_NAMES
from . import history
from . import listing as index
from .incremental import (
    Kept,
    KeptGroup,
    Listed,
    PageCache,
    SearchKeeper,
    listed_keys,
    listing_key,
    options_key,
    remove_stale,
    without_excluded,
)
from .nav import index_order

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.prfaq")
LISTING_TEMPLATES = ("prfaq/index.html", "prfaq/listing.html", "prfaq/roadmap.html")
EXPORT = "proposals.json"


def template_sources(env: jinja2.Environment | None, names: Iterable[str]) -> list[str]:
    """The sources of the templates ``names`` as the site's theme and custom_dir give them."""
    if env is None or env.loader is None:
        return []
    sources = []
    for name in names:
        try:
            sources.append(env.loader.get_source(env, name)[0])
        except jinja2.TemplateNotFound:
            pass
    return sources


def _measure(proposal: Proposal, limits: Limits, lifecycle: Lifecycle) -> tuple[Words, list[Problem]]:
    words = measure(proposal, limits)
    return words, check_limits(proposal, words, limits, lifecycle)


class Session:
    """What ``mkdocs serve`` keeps between builds (the plugin object lives for the process):
    the validator and the parsed pages while the options are the same, the search index, the
    listings' rows and the export's items, the generated pages' outputs."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.page_cache = PageCache()
        self.search_keeper = SearchKeeper()
        self.rows, self.items, self.urls = Kept(), Kept(), Kept()
        """Each listing's rows as HTML, each proposal's item of proposals.json, each listing's
        links to the proposals (``--dirty``)."""
        self.validator: Any = None
        self.validator_scope: Hashable = None
        self.pages_scope: Hashable = None
        """What every PR/FAQ page's layout depends on besides the page (the options, the schema,
        the layout's templates), as at the last build."""
        self.pages_changed = False
        self.generated: set[str] = set()
        """Output paths of the generated pages of the last build (``--dirty`` removes stale ones)."""
        self.generated_now: set[str] = set()
        self.page_urls: list[str] = []
        self.listing_keys: dict[str, Hashable] = {}
        self.listed: dict[str, Listed] = {}
        """What a listing can show of each proposal (``--dirty``, :func:`~.incremental.listed_keys`)."""
        self.templates: list[str] = []
        """The sources of the listing templates (``--dirty``: a listing's key, the scope of :attr:`rows`)."""
        self.export_key: Hashable = None
        self.export_text = ""
        self.nav_order: tuple[Hashable, list[str]] = (None, [])
        """What the index showed of the proposals (``--dirty``), and their order on it."""
        self.git_history = history.Reader()
        self.full_content: str | None = None

    def start(self, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    # -- configuration ---------------------------------------------------------------------

    def site_validator(self, options: Mapping[str, Any], schema: str | None, make: Callable[[], T]) -> T:
        """``make()``, or under ``mkdocs serve`` the validator it made for the same options and
        schema (:func:`~.incremental.options_key`). Starts the build's scope of parsed pages."""
        scope = options_key(options, schema) if self.serving else None
        if scope is None or scope != self.validator_scope or self.validator is None:
            self.validator, self.validator_scope = None, None
            self.validator = make()
            self.validator_scope = scope
        if self.serving:  # parsed pages are reused between rebuilds while the options are the same
            self.page_cache.scope(scope)
        return self.validator  # type: ignore[no-any-return]

    def layout(self, env: jinja2.Environment) -> None:
        """The layout's templates as this build has them: a change lays out every page again."""
        if not self.serving:
            return
        scope = (self.validator_scope, tuple(template_sources(env, (f"prfaq/{n}.html" for n in TEMPLATE_NAMES))))
        self.pages_changed = self.pages_scope is not None and scope != self.pages_scope
        self.pages_scope = scope

    # -- the files -------------------------------------------------------------------------

    def files(self, files: Iterable[Any]) -> None:
        """This build's files (``src_uri``, ``abs_src_path``): where :meth:`reuse` looks."""
        self.generated_now = set()
        if self.serving:
            self.page_cache.files({f.src_uri: f.abs_src_path for f in files})

    @property
    def load(self) -> Callable[..., tuple[Proposal, list[Problem]]] | None:
        """:meth:`.PageCache.load` under ``mkdocs serve``, else None."""
        return self.page_cache.load if self.serving else None

    @property
    def reuse(self) -> Callable[[str, str], tuple[Proposal, list[Problem]] | None] | None:
        return self.page_cache.reuse if self.serving else None

    def remember(self, proposal: Proposal, what: str, compute: Callable[[], T]) -> T:
        """:meth:`.PageCache.remember`: computed once per serve while the page is unchanged."""
        return self.page_cache.remember(proposal, what, compute)

    def words(self, proposals: Iterable[Proposal], limits: Limits, lifecycle: Lifecycle) -> dict[str, Words]:
        """Each proposal's words, measured against the ``limits`` (a warning for each over),
        once per serve while its page is unchanged."""
        words = {}
        for proposal in proposals:
            words[proposal.src_path], warnings = self.remember(proposal, "words", functools.partial(
                _measure, proposal, limits, lifecycle))
            for warning in warnings:
                log.warning(str(warning))
        return words

    def proposal_files(self, files: Iterable[Any]) -> None:
        """``--dirty`` builds changed files only: after a change of options or templates, every
        proposal's page (``files``) changed."""
        if self.dirty and self.pages_changed:
            for file in files:
                setattr(file, "is_modified", lambda: True)  # noqa: B010

    def begin(self, catalog: Catalog, url: Callable[[Proposal], str], env: jinja2.Environment | None,
              urls_scope: Hashable) -> None:
        """``--dirty``: what listings and the export show of each proposal (:mod:`.incremental`)."""
        if not self.dirty:
            return
        self.listed = listed_keys(self.page_cache, catalog.proposals, catalog.problems_of, url)
        self.templates = template_sources(env, LISTING_TEMPLATES)
        self.rows.begin((self.page_cache.key, tuple(self.templates)))
        self.items.begin(self.page_cache.key)
        self.urls.begin(urls_scope)

    def listing_files(self, listings: Mapping[str, tuple[str, str]], file_of: Callable[[str], Any],
                      proposals: Iterable[Proposal], lifecycle: Lifecycle) -> None:
        """``--dirty``: the generated listing pages of this build (``file_of(src_uri)``), each
        written again only when what it can show changed."""
        if not self.dirty:
            return
        self.generated_now = {f.abs_dest_path for path in listings if (f := file_of(path)) is not None
                              and f.generated_by is not None}
        if listings:
            self._dirty_listings(listings, file_of, proposals, lifecycle)

    def _dirty_listings(self, listings: Mapping[str, tuple[str, str]], file_of: Callable[[str], Any],
                        proposals: Iterable[Proposal], lifecycle: Lifecycle) -> None:
        """Each listing page is written again when what it can show changed (:func:`~.incremental.listing_key`),
        only then (an author's own index.md too, which --dirty would otherwise leave as it was)."""
        templates, keys = self.templates, self.listed
        roadmap = getattr(lifecycle, "roadmap", None)
        before, self.listing_keys = self.listing_keys, {}
        by_status: dict[str, list[Listed]] = {}
        for p in proposals:
            by_status.setdefault(p.status, []).append(keys[p.src_path])
        for path, (kind, status) in listings.items():
            # the proposals it may list: a status page those of its status, the roadmap those
            # of the roadmap's statuses, valid or not (a superset of what they show)
            if kind == "index":
                shown = list(keys.values())
            elif kind == "status":
                shown = by_status.get(status, [])
            else:
                shown = [k for s, ks in by_status.items() if roadmap is None or s in roadmap for k in ks]
            key = self.listing_keys[path] = listing_key(self.page_cache, templates, path, shown)
            if (file := file_of(path)) is not None:
                modified = key != before.get(path) or not os.path.isfile(file.abs_dest_path)
                setattr(file, "is_modified", lambda modified=modified: modified)  # noqa: B010
        self.rows.retain(listings)
        self.urls.retain(listings)

    # -- the listings and the export -------------------------------------------------------

    def export_json(self, catalog: Catalog, url: Callable[[Proposal], str], lifecycle: Lifecycle,
                    labels: Mapping[str, str]) -> str:
        """proposals.json: under ``--dirty``, made again only when what it shows of the proposals
        (their data, validity, problems, URLs; the options) changed, from each proposal's item as
        it was unless that proposal changed."""
        if not self.dirty:
            return index.export_json(index.export(catalog.proposals, url, lifecycle, labels, catalog.problems_of))
        key = listing_key(self.page_cache, (), EXPORT, self.listed.values())
        if key != self.export_key or not self.export_text:
            item = self.items.group(EXPORT)

            def made(p: Proposal) -> str:
                return index.item_json(index.export_item(p, url(p), lifecycle, catalog.problems_of(p)))

            items = [item(self.listed[p.src_path], functools.partial(made, p)) for p in index.by_id(catalog.proposals)]
            self.export_text = index.join_export(index.export_head(lifecycle, labels), items)
            self.export_key = key
        return self.export_text

    def proposal_url(self, page: str, files: Mapping[str, Any], relative_url: Callable[[Any], str]
                     ) -> Callable[[Proposal], str]:
        """A listing page's link to a proposal: ``relative_url(file)`` of its file in ``files``
        (by ``src_path``), under ``--dirty`` worked out once per serve for each target."""
        relative = self.urls.group(page) if self.dirty else None

        def url(p: Proposal) -> str:
            file = files.get(p.src_path)
            if file is None:
                return ""
            if relative is None:
                return relative_url(file)
            return relative(file.url, functools.partial(relative_url, file))  # type: ignore[no-any-return]

        return url

    def row_html(self, page: str) -> tuple[index.RowHtml, index.RowsHtml]:
        """What a listing page's templates call for a row and for rows: under ``--dirty``, each
        row and chunk as it was unless its proposals changed (:class:`~.incremental.Kept`)."""
        if not (self.dirty and self.listed):
            return index.render_row, index.render_rows
        kept = self.rows.group(page)
        return functools.partial(self._kept_row, kept), functools.partial(self._kept_rows, kept)

    def _row_key(self, r: index.Row) -> Hashable:
        """What a row shows: its proposal (:func:`~.incremental.listed_keys`), its link, its status."""
        return self.listed.get(r.p.src_path), r.url, r.status_label, r.invalid

    def _kept_row(self, kept: KeptGroup, r: index.Row, macro: Callable[[index.Row], Any]) -> Any:
        """A row of a listing (the template's macro), as it was while it shows the same."""
        return kept((getattr(macro, "name", ""), self._row_key(r)), functools.partial(macro, r))

    def _kept_rows(self, kept: KeptGroup, rows: list[index.Row], macro: Callable[..., Any], *args: Any) -> Any:
        """Rows of a listing rendered together (a chunk of the index, a quarter of the roadmap),
        as they were while each shows the same; their rows are kept with them."""
        keys = tuple(map(self._row_key, rows))
        found: list[Hashable] = []

        def make() -> tuple[Any, list[Hashable]]:
            asked, kept.asked = kept.asked, found
            try:
                return macro(rows, *args), found
            finally:
                kept.asked = asked

        made, made_of = kept((getattr(macro, "name", ""), args, keys), make)
        kept.keep(made_of)
        return made

    def index_order(self, proposals: list[Proposal], lifecycle: Lifecycle) -> list[str]:
        """The proposals in the index's order (:func:`~.nav.index_order`), under ``--dirty``
        worked out again only when what the index shows of them changed."""
        key = tuple(self.listed.values()) if self.dirty else None
        if key is None or key != self.nav_order[0]:
            self.nav_order = key, index_order(proposals, lifecycle)
        return self.nav_order[1]

    # -- the end of a build ----------------------------------------------------------------

    def pages_read(self, files: Iterable[Any], by_src: Mapping[str, Proposal], read: Callable[[Any], None]) -> None:
        """Every page is read (``files``: the site's documentation pages' files, ``file.page``).
        Notes their URLs for the search index; under ``--dirty`` a page MkDocs did not read is
        titled (it would be None in the navigation): a proposal from the catalog, without
        reading it again, any other page by ``read(page)`` as MkDocs would."""
        self.search_keeper.begin()
        files = list(files)
        # as the pages' own URLs read (the search index's locations): '' for the home page, not './'
        self.page_urls = [file.page.url if file.page is not None else file.url for file in files]
        if not self.dirty:
            return
        for file in files:
            page = file.page
            if page is None or page.markdown is not None:
                continue
            proposal = by_src.get(file.src_uri)
            if proposal is not None:
                page.markdown, page.meta = "", {"title": html.escape(proposal.title)}
            else:
                try:
                    read(page)
                except (OSError, ValueError):
                    page.markdown = ""

    def page_built(self, page: Any, listing: bool) -> None:
        """A page is built (``page.url``): the search plugin is about to read its content (a
        ``listing`` page's without its table of every proposal, until :meth:`page_content`)."""
        self.search_keeper.page_built(page.url)
        if listing and page.content:
            self.full_content, page.content = page.content, without_excluded(page.content)

    def page_content(self, page: Any) -> None:
        """The page's whole content back, for the plugins after the search plugin."""
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None

    def built(self, plugins: Iterable[tuple[str, Any]]) -> None:
        """``--dirty``: MkDocs built only the pages whose source changed: the search index gets the
        others' entries back, and a status page that is no longer generated leaves the served site."""
        if not self.dirty:
            return
        self.search_keeper.complete(plugins, self.page_urls)
        if self.serving:
            remove_stale(self.generated, self.generated_now)
        self.generated = self.generated_now
