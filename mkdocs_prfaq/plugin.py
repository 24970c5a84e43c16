"""The MkDocs glue: thin event handlers that call the core."""

from __future__ import annotations

import functools
import logging
import os
from typing import Any, NoReturn

import jinja2
from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from .config import PrfaqConfig, lifecycle_of, missing_dir
from .contract.labels import merge_labels
from .contract.lifecycle import DEFAULT
from .contract.limits import Limits, Words
from .contract.model import Catalog, Proposal
from .contract.schema import SchemaConfigError, SchemaValidator
from .index import feed, history, pages
from .index import listing as index
from .index import nav as navigation
from .index.session import Session
from .layout import navstyle, reference
from .layout.fields import FieldSplitter
from .layout.neighbours import Neighbours, known_key
from .layout.page import PageLayout, markdown_source, permalink
from .layout.render import check_templates, make_environment, template_problem, theme_shows_tags
from .layout.sanitize import Sanitizer
from .site import display_path, load_site, report, site_validator, stopped_warnings

log = logging.getLogger("mkdocs.plugins.prfaq")

_MKDOCS_VERSION = tuple(int(x) for x in mkdocs_version.split(".")[:2] if x.isdigit())


class PrfaqPlugin(BasePlugin[PrfaqConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog = Catalog()
        self.validator: SchemaValidator | None = None
        self.env: jinja2.Environment | None = None
        self.splitter, self.neighbours = FieldSplitter(), Neighbours()
        self.layout: PageLayout | None = None
        """How this build shows the pages under the folder (layout/page.py)."""
        self.words: dict[str, Words] = {}
        self.listings: pages.Listings = {}
        self.files: dict[str, File] = {}
        """The proposals' files, by ``src_path``."""
        self.labels: dict[str, str] = {}
        self.lifecycle, self.limits = DEFAULT, Limits()
        self.session = Session()
        """What ``mkdocs serve`` and ``--dirty`` keep across rebuilds (index/session.py)."""
        self.rows, self.items = self.session.rows, self.session.items
        self.held = navigation.HeldMeta()
        self.nav_css: File | None = None
        self.in_nav: list[str] = []
        """The proposals in the navigation (``src_uri``)."""

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    # -- configuration and loading ---------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.session.start(command, dirty)
        if _MKDOCS_VERSION < (1, 6):
            raise PluginError(f"prfaq: mkdocs-prfaq needs MkDocs 1.6 or later (or ProperDocs), found {mkdocs_version}")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # State is per build: nothing stale survives a rebuild under `mkdocs serve`.
        self.catalog, self.words, self.listings, self.files = Catalog(), {}, {}, {}
        if not self.config.enabled:
            return None
        if (note := pages.untested_theme(config.theme.name)) is not None:
            log.info(note)
        if (missing := missing_dir(config.docs_dir, self.config.dir)) is not None:
            log.warning(f"prfaq: option 'dir': {missing}")  # a typo would check nothing (--strict fails)
        self.lifecycle = lifecycle_of(self.config)
        try:  # under `mkdocs serve`, the same options and schema make the same validator (incremental.py)
            self.validator = self.session.site_validator(dict(self.config), self.config.schema, functools.partial(
                site_validator, self.config.schema, self.lifecycle))
        except SchemaConfigError as e:
            raise PluginError(f"prfaq: {e}") from None
        self.labels = merge_labels(self.config.labels, self.lifecycle)
        self.limits = Limits(self.config.limits.press_release_words, self.config.limits.faq_words)
        self.env = make_environment(config.theme.dirs)
        self.env.globals["theme_shows_tags"] = theme_shows_tags(config.plugins)  # Material's tags plugin
        used = (["page"] if self.config.layout else []) + (["index", "roadmap"] if self.config.index else [])
        if broken := check_templates(self.env, used) if used else []:
            for line in broken:
                log.error(f"prfaq: {line}")
            raise PluginError(f"prfaq: {len(broken)} template(s) do not compile")
        self.neighbours = Neighbours(self.config.snippets_dir and os.path.join(
            os.path.dirname(config.config_file_path or "."), self.config.snippets_dir))
        extensions: list[Any] = config.markdown_extensions  # names or Extension instances
        extensions += [self.neighbours.extension()] + ([self.splitter.extension()] if self.config.layout else [])
        for sheet in pages.stylesheets(self.config.layout, self.config.index, config.theme.name == "material"):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        if self.config.index and pages.JS not in config.extra_javascript:
            config.extra_javascript.append(pages.JS)
        self.session.layout(self.env)  # a change of options or templates lays out every page again under --dirty
        if config.theme.name == "material":  # the statuses' labels in Material's navigation
            config.extra["status"] = pages.material_statuses(self.lifecycle, self.labels, config.extra.get("status"))
        self.layout = PageLayout(
            self.env, labels=self.labels, lifecycle=self.lifecycle, layout=self.config.layout,
            sanitize=self.config.sanitize, fail=self.config.on_invalid == "fail", serving=self.session.serving,
            sanitizer=Sanitizer(remote_images=self.config.remote_images), splitter=self.splitter,
            neighbours=self.neighbours, permalink=permalink(config.mdx_configs), known=functools.partial(
                known_key, self.validator), markdown=(config.markdown_extensions, config.mdx_configs),
            make_item=AnchorLink, make_toc=TableOfContents, stop=_stop)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for path in pages.watched(self.config.schema, config.theme.custom_dir) if self.config.enabled else ():
            server.watch(path)  # the site schema, the overrides of the plugin's templates and stylesheet
        return server

    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        self.nav_css = None
        self.session.files(files)
        if not self.config.enabled or self.validator is None:
            return None
        self.catalog = load_site(files, config.docs_dir, self.config.dir, self.validator,
                                 max_chars=self.config.limits.front_matter_chars, labels=self.labels,
                                 max_bytes=self.config.limits.page_bytes,
                                 exclude=self.config.exclude, unknown_keys=self.config.unknown_keys,
                                 lifecycle=self.lifecycle, load=self.session.load, reuse=self.session.reuse,
                                 active=self.config.sanitize)
        if stop := report(self.catalog, fail=self.config.on_invalid == "fail", serving=self.session.serving):
            for early in stopped_warnings(self.catalog, files, self.config, self.lifecycle, config.docs_dir,
                                          self.neighbours):  # the pages' own warnings, named as check names them
                log.warning(str(early))
            raise PluginError(stop)
        self.words = self.session.words(self.catalog.proposals, self.limits, self.lifecycle)  # once per serve
        for warning in self.neighbours.configure(config.plugins.keys(), config.mdx_configs, config.markdown_extensions):
            log.warning(warning)
        if note := history.update(self.session.git_history, self.catalog.proposals, config.docs_dir, self.config.dir,
                                  self.lifecycle, self.config.history):
            log.info(f"prfaq: {note}")
        for src in self.catalog.unreadable:  # reported; MkDocs would fail on it (and serve would hang)
            if (unreadable := files.get_file_from_path(src)) is not None:
                files.remove(unreadable)
        uris = files.src_uris
        self.files = {p.src_path: f for p in self.catalog.proposals if (f := uris.get(p.src_path)) is not None}
        self.session.proposal_files(self.files.values())
        exists = functools.partial(_exists, files)
        for path, source, content in pages.assets(self.config.layout, self.config.index, self.lifecycle, self.labels,
                                                  exists):  # a file to copy or a content: one of them
            files.append(File.generated(config, path, abs_src_path=source, content=content))  # type: ignore[call-overload]
        url = pages.file_url(self.files)
        self.session.begin(self.catalog, url, self.env, (config.use_directory_urls, self.config.dir))
        if self.config.index:  # the index, status pages, roadmap, proposals.json, the feed (pages.py)
            d, export = self.config.dir, functools.partial(self.session.export_json, self.catalog, url, self.lifecycle,
                                                            self.labels)
            history_feed = functools.partial(feed.feed_xml, self.catalog.proposals, url, self.labels,
                                             site_name=config.site_name, site_url=config.site_url, directory=d)
            for path, content, page in pages.generate(d, self.labels, self.catalog, self.lifecycle,
                                                      exists, export, history_feed if self.config.history else None,
                                                      self.listings, files.get_file_from_path):
                # in an explicit nav where listed, not missed where not
                inclusion = InclusionLevel.NOT_IN_NAV if page and config.nav else InclusionLevel.UNDEFINED
                files.append(File.generated(config, path, content=content, inclusion=inclusion))
        self.session.listing_files(self.listings, files.get_file_from_path, self.catalog.proposals, self.lifecycle)
        if config.theme.name == "material" and files.get_file_from_path(navstyle.PATH) is None:
            self.nav_css = File.generated(config, navstyle.PATH, content="")  # filled in on_nav
            files.append(self.nav_css)
        return files

    def _nav_shaped(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        shaped = None
        if self.config.enabled and not config.nav:  # an explicit nav is the author's
            proposals = self.catalog.proposals
            shaped = navigation.shape(
                nav, self.config.dir, self.listings, self.labels["by_status"],
                navigation.mode(self.config.nav, len(proposals), self.config.nav_limit), proposals,
                functools.partial(self.session.index_order, proposals, self.lifecycle),
                lambda src: f.page if (f := self.files.get(src)) is not None else None)
        shown = (shaped or nav).pages
        self.in_nav = [src for page in shown if (src := page.file.src_uri) in self.files]
        if self.nav_css is not None:  # navstyle.py: the status of the proposals in the navigation
            self.nav_css.content_string = navigation.status_css(
                ((page.url, p) for page in shown if (p := self._proposal(page)) is not None),
                lambda: [f.url for f in files.documentation_pages()], self.lifecycle, self.labels)
        return shaped

    @event_priority(-100)  # after other plugins made the navigation (awesome-pages reads a .pages file there)
    def _nav_titles(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled:
            navstyle.plain_titles(nav.items, self.config.dir)

    on_nav = CombinedEvent(_nav_shaped, _nav_titles)

    # -- pages (layout/page.py) -------------------------------------------------------------

    def _proposal(self, page: Page) -> Proposal | None:
        return self.catalog.by_src.get(page.file.src_uri)

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        proposal = self._proposal(page)  # its front matter was parsed already
        return None if proposal is None else markdown_source(proposal.body)

    @event_priority(100)  # before other plugins (e.g. Material's tags) read page.meta
    def _markdown_first(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        proposal, src = self._proposal(page), page.file.src_uri
        self.splitter.active = self.neighbours.active = self.config.enabled and src.startswith(f"{self.config.dir}/")
        if self.config.enabled and self.layout is not None:
            self.layout.keep_meta(page)  # for _markdown_settled
        if proposal is not None and self.layout is not None:
            return self.layout.proposal_markdown(page, markdown, proposal, index.is_listed(proposal, self.lifecycle))
        if self.neighbours.active and self.layout is not None:
            self.layout.folder_markdown(page, markdown, display_path(page.file, page.file.src_dir or ""))
        if self.config.index and (marker := pages.listing_marker(markdown)) is not None:  # <!-- prfaq index -->...
            kind, status, markdown = marker
            self.listings.setdefault(src, (kind, status))
            if self.layout is not None:  # a status the site lacks?
                self.layout.marked_listing(page, display_path(page.file, config.docs_dir), status, self.config)
        if not reference.MARKER.search(markdown):
            return markdown
        return reference.fill(markdown, self.config.schema, self.lifecycle, self.labels, PrfaqConfig)

    @event_priority(49)  # after Material's meta plugin (50) merged a folder's .meta.yml into page.meta
    def _markdown_settled(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.layout is not None:
            self.layout.settled_meta(page, self.config.dir)

    on_page_markdown = CombinedEvent(_markdown_first, _markdown_settled)

    @event_priority(-50)  # after other plugins changed the body's HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.env is None or self.layout is None:
            return None
        proposal, src = self._proposal(page), page.file.src_uri
        in_folder = src.startswith(f"{self.config.dir}/")
        if self.config.sanitize and proposal is None and in_folder:
            html = self.layout.folder_html(page, html, index.INDEX_MARKER)  # the index, excluded pages...
        if (listing := self.listings.get(src)) is not None:
            return self._listing(html, page, *listing)
        if proposal is None:
            return html if in_folder and self.config.sanitize else None
        problems = self.catalog.problems_of(proposal)
        if not self.config.layout:  # only validating: the page is still the author's HTML
            return self.layout.validated_html(page, html, proposal, problems) if self.config.sanitize else None

        def url(path: str, among: Any = files.get_file_from_path) -> str | None:
            return file.url_relative_to(page.file) if (file := among(path)) is not None else None

        d, listed = self.config.dir, index.is_listed(proposal, self.lifecycle)
        return self.layout.laid_out(
            page, html, proposal, problems=problems, words=self.words[proposal.src_path],  # measured in on_files
            links=pages.links(proposal, self.catalog, functools.partial(url, among=self.files.get)),
            index_url=url(f"{d}/index.md"), status_url=url(f"{d}/status/{proposal.status}.md") if listed else None)

    def _listing(self, html: str, page: Page, kind: str, status: str) -> str:
        assert self.env is not None and self.layout is not None
        url = self.session.proposal_url(page.file.src_uri, self.files, lambda file: file.url_relative_to(page.file))
        row_html, rows_html = self.session.row_html(page.file.src_uri)
        feed_url = get_relative_url(f"{self.config.dir}/{feed.FEED}", page.file.url) if self.config.history else None
        try:
            html, found = pages.listing_page(self.env, html, kind, status, self.catalog, self.labels, self.lifecycle,
                                             url, row_html, rows_html, feed=feed_url)
        except jinja2.TemplateError as e:
            _stop(f"prfaq: {page.file.src_uri}: {template_problem(e)}")
        self.layout.listing_toc(page, found)
        return html

    # -- the navigation's status markers and `--dirty` rebuilds (navstyle.py, session.py) ---

    @event_priority(-100)  # after other plugins' last look at every page (Material's tags: on_env)
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Every page is read: each proposal's ``page.meta`` is held back from Material's
        navigation (nav-status.css marks the links instead); its own page gets it back."""
        self.held.clear()
        self.session.pages_read(files.documentation_pages(inclusion=lambda _: True), self.catalog.by_src,
                                lambda page: page.read_source(config))
        if self.nav_css is not None:  # only Material's navigation reads other pages' metadata
            self.held.hold((src, self.files[src].page) for src in self.in_nav)
        return None

    @event_priority(100)  # before other plugins read the page's metadata and content
    def _context_first(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.held.give_back(page.file.src_uri, page)  # Material marks the page's own entry
        self.session.page_built(page, page.file.src_uri in self.listings)
        return None

    @event_priority(-100)
    def _context_last(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.session.page_content(page)
        return None

    on_page_context = CombinedEvent(_context_first, _context_last)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        self.held.hold_again(page.file.src_uri, page)
        return None

    @event_priority(50)  # before other plugins (the search plugin writes its index)
    def on_post_build(self, config: MkDocsConfig) -> None:
        self.held.restore(lambda src: self.files[src].page)  # every page's metadata as it was, for later plugins
        self.session.built(config.plugins.items())


def _stop(message: str) -> NoReturn:
    raise PluginError(message)


def _exists(files: Files, path: str) -> bool:
    return files.get_file_from_path(path) is not None
