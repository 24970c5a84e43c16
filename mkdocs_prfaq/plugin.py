"""The MkDocs glue: thin event handlers that call the core."""

from __future__ import annotations

import functools
import html
import logging
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from .config import PrfaqConfig, lifecycle_of
from .contract.depth import NESTING
from .contract.labels import merge_labels, status_key
from .contract.lifecycle import DEFAULT, INVALID
from .contract.limits import Limits, Words, check_limits, measure
from .contract.model import Catalog, Proposal, listing_of
from .contract.problems import Problem, summary
from .contract.schema import BUNDLED_ID, SchemaConfigError, SchemaValidator, load_schema_file
from .index import feed, history
from .index import listing as index
from .index.incremental import (
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
from .layout import navstyle, reference
from .layout.compose import BODY, compose, fill, heading_ids
from .layout.fields import Field, FieldSplitter, collect
from .layout.neighbours import Neighbours, known_key
from .layout.offsite import images_problem
from .layout.pagemeta import THEME_KEYS, escaped, page_meta
from .layout.render import (
    TEMPLATE_NAMES,
    Heading,
    Link,
    build_view,
    check_templates,
    headings,
    make_environment,
    template_problem,
    theme_shows_tags,
)
from .layout.sanitize import Sanitizer
from .layout.statusstyle import styles, stylesheet
from .site import display_path, load_site, site_validator

log = logging.getLogger("mkdocs.plugins.prfaq")

# MkDocs splits front matter off what on_page_read_source returns; the proposal's was parsed
# already. A body whose first line looks like MultiMarkdown metadata gets an empty front matter,
# so MkDocs reads no metadata from it (mkdocs.utils.meta.META_RE).
_NO_FRONT_MATTER = "---\n\n---\n"
_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")
ASSETS = Path(__file__).parent / "assets"
CSS = "assets/prfaq/prfaq.css"
STATUS_CSS = "assets/prfaq/statuses.css"
"""Generated from the site's lifecycle: each status's badge, chart bar and navigation dot."""
JS = "assets/prfaq/index.js"
_TESTED_THEMES = ("material", "mkdocs")
_MKDOCS_VERSION = tuple(int(x) for x in mkdocs_version.split(".")[:2] if x.isdigit())


class PrfaqPlugin(BasePlugin[PrfaqConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog = Catalog()
        self.validator: SchemaValidator | None = None
        self.validator_scope: Hashable = None
        self.pages_scope: Hashable = None
        """Under ``mkdocs serve``: what every PR/FAQ page's layout depends on besides the page (the
        options, the schema, the layout's templates), as at the last build."""
        self.pages_changed = False
        self.splitter = FieldSplitter()
        self.fields: dict[str, list[Field]] = {}
        self.words: dict[str, Words] = {}
        self.listings: dict[str, tuple[str, str]] = {}
        """src_uri -> (kind, status) of the index, status and roadmap pages."""
        self.files: dict[str, File] = {}
        self.env: jinja2.Environment | None = None
        self.labels: dict[str, str] = {}
        self.lifecycle = DEFAULT
        self.limits = Limits()
        self._fallback: md.Markdown | None = None
        self.serving = False
        self.permalink: str | None = None
        self.sanitizer = Sanitizer()
        self.neighbours = Neighbours()
        """Other plugins and extensions, switched off on pages under the folder (neighbours.py)."""
        # Kept across the rebuilds of `mkdocs serve` (see incremental.py).
        self.dirty = False
        self.page_cache = PageCache()
        self.search_keeper = SearchKeeper()
        self.generated: set[str] = set()
        """Output paths of the generated pages of the last build (`--dirty` removes stale ones)."""
        self.held_meta: dict[str, MutableMapping[str, Any]] = {}
        """src_uri -> page.meta of a proposal, held back from Material's navigation (navstyle.py)."""
        self.nav_css: File | None = None
        self.generated_now: set[str] = set()
        self.page_urls: list[str] = []
        self.full_content: str | None = None
        self.listing_keys: dict[str, Hashable] = {}
        self.listed: dict[str, Listed] = {}
        self.export_key: Hashable = None
        self.in_nav: list[str] = []
        """The proposals in the navigation (``src_uri``)."""
        self.nav_order: tuple[Hashable, list[str]] = (None, [])
        """What the index showed of the proposals (``--dirty``), and their order on it."""
        self.export_text = ""
        self.rows, self.items, self.urls = Kept(), Kept(), Kept()
        """Each listing's rows as HTML, each proposal's item of proposals.json, each listing's
        links to the proposals (``--dirty``)."""
        self.git_history = history.Reader()
        self.templates: list[str] = []
        """The sources of the listing templates (``--dirty``: a listing's key, the scope of :attr:`rows`)."""

    # -- configuration and loading ---------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if _MKDOCS_VERSION < (1, 6):
            raise PluginError(f"prfaq: mkdocs-prfaq needs MkDocs 1.6 or later (or ProperDocs), found {mkdocs_version}")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # State is per build: nothing stale survives a rebuild under `mkdocs serve`.
        self.catalog, self.fields, self.words, self.listings, self.files = Catalog(), {}, {}, {}, {}
        self._fallback = None
        if not self.config.enabled:
            return None
        if config.theme.name not in _TESTED_THEMES:
            log.info(f"prfaq: theme {config.theme.name!r} is not one mkdocs-prfaq is tested with "
                     f"({', '.join(_TESTED_THEMES)}); PR/FAQ pages use plain HTML and prfaq.css")
        self.lifecycle = lifecycle_of(self.config)
        # under `mkdocs serve`, the same options and schema make the same validator (incremental.py)
        scope = options_key(dict(self.config), self.config.schema) if self.serving else None
        if scope is None or scope != self.validator_scope or self.validator is None:
            self.validator, self.validator_scope = None, None
            try:
                self.validator = site_validator(self.config.schema, self.lifecycle)
            except SchemaConfigError as e:
                raise PluginError(f"prfaq: {e}") from None
            self.validator_scope = scope
        self.labels = merge_labels(self.config.labels, self.lifecycle)
        self.limits = Limits(self.config.limits.press_release_words, self.config.limits.faq_words)
        self.env = make_environment(config.theme.dirs)
        self.env.globals["theme_shows_tags"] = theme_shows_tags(config.plugins)  # Material's tags plugin
        used = (["page"] if self.config.layout else []) + (["index", "roadmap"] if self.config.index else [])
        if used:
            broken = check_templates(self.env, used)
            if broken:
                for line in broken:
                    log.error(f"prfaq: {line}")
                raise PluginError(f"prfaq: {len(broken)} template(s) do not compile")
        self.permalink = _permalink(config)
        self.sanitizer = Sanitizer(remote_images=self.config.remote_images)
        self.neighbours = Neighbours(self.config.snippets_dir and os.path.join(
            os.path.dirname(config.config_file_path or "."), self.config.snippets_dir))
        extensions: list[Any] = config.markdown_extensions  # names or Extension instances
        extensions.append(self.neighbours.extension())
        if self.config.layout:
            extensions.append(self.splitter.extension())
        if self.config.layout or self.config.index:
            for sheet in (CSS, STATUS_CSS):
                if sheet not in config.extra_css:
                    config.extra_css.append(sheet)
        if self.config.index and JS not in config.extra_javascript:
            config.extra_javascript.append(JS)
        if config.theme.name == "material" and navstyle.PATH not in config.extra_css:
            config.extra_css.append(navstyle.PATH)
        if self.serving:  # a change of options or templates lays out every page again under --dirty
            pages_scope = (scope, tuple(self._templates(f"prfaq/{name}.html" for name in TEMPLATE_NAMES)))
            self.pages_changed = self.pages_scope is not None and pages_scope != self.pages_scope
            self.pages_scope = pages_scope
        if self.serving:  # parsed pages are reused between rebuilds while the options are the same
            self.page_cache.scope(scope)
        if config.theme.name == "material":
            # Material shows page.meta.status in the navigation for statuses it knows, and prints
            # the label unescaped (MkDocs' Jinja does not autoescape).
            known = config.extra.get("status") or {}
            shown = {name: html.escape(label) for name, label, _, _ in styles(self.lifecycle, self.labels)}
            config.extra["status"] = shown | known
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the site schema or an override of the plugin's templates or stylesheet
        changes (MkDocs watches the theme's folders only with --watch-theme)."""
        if not self.config.enabled:
            return server
        if self.config.schema:
            server.watch(self.config.schema)
        if config.theme.custom_dir:
            for folder in (Path(config.theme.custom_dir) / "prfaq", Path(config.theme.custom_dir) / "assets" / "prfaq"):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        self.nav_css, self.generated_now = None, set()
        if not self.config.enabled or self.validator is None:
            return None
        if self.serving:
            self.page_cache.files({f.src_uri: f.abs_src_path for f in files})
        self.catalog = load_site(files, config.docs_dir, self.config.dir, self.validator,
                                 max_chars=self.config.limits.front_matter_chars, labels=self.labels,
                                 max_bytes=self.config.limits.page_bytes,
                                 exclude=self.config.exclude, unknown_keys=self.config.unknown_keys,
                                 lifecycle=self.lifecycle, load=self.page_cache.load if self.serving else None,
                                 reuse=self.page_cache.reuse if self.serving else None, active=self.config.sanitize)
        self._report()
        for warning in self.neighbours.configure(config.plugins.keys(), config.mdx_configs, config.markdown_extensions):
            log.warning(warning)
        if note := history.update(self.git_history, self.catalog.proposals, config.docs_dir, self.config.dir,
                                  self.lifecycle, self.config.history):
            log.info(f"prfaq: {note}")
        for src in self.catalog.unreadable:  # reported; MkDocs would fail on it (and serve would hang)
            if (unreadable := files.get_file_from_path(src)) is not None:
                files.remove(unreadable)
        uris = files.src_uris
        self.files = {p.src_path: f for p in self.catalog.proposals if (f := uris.get(p.src_path)) is not None}
        if self.dirty and self.pages_changed:  # --dirty builds changed files only: these all changed
            for file in self.files.values():
                setattr(file, "is_modified", lambda: True)  # noqa: B010
        for asset, wanted in ((CSS, self.config.layout or self.config.index), (JS, self.config.index)):
            if wanted and files.get_file_from_path(asset) is None:  # a custom_dir copy wins
                files.append(File.generated(config, asset, abs_src_path=str(ASSETS / Path(asset).name)))
        if (self.config.layout or self.config.index) and files.get_file_from_path(STATUS_CSS) is None:
            files.append(File.generated(config, STATUS_CSS, content=stylesheet(self.lifecycle)
                                        + index.column_css(self.labels)))  # and the listing's column names
        if self.dirty:  # what listings and the export show of each proposal (incremental.py)
            self.listed = listed_keys(self.page_cache, self.catalog.proposals, self.catalog.problems_of,
                                      lambda p: file.url if (file := self.files.get(p.src_path)) else "")
            self.templates = self._listing_templates()
            self.rows.begin((self.page_cache.key, tuple(self.templates)))
            self.items.begin(self.page_cache.key)
            self.urls.begin((config.use_directory_urls, self.config.dir))
        if self.config.index:
            self._generate(files, config)
        self.generated_now = {f.abs_dest_path for path in self.listings if (f := files.get_file_from_path(path))
                              and f.generated_by is not None}
        if self.dirty and self.listings:
            self._dirty_listings(files)
        if config.theme.name == "material" and files.get_file_from_path(navstyle.PATH) is None:
            self.nav_css = File.generated(config, navstyle.PATH, content="")  # filled in on_nav
            files.append(self.nav_css)
        return files

    def _dirty_listings(self, files: Files) -> None:
        """``--dirty`` renders a page whose source is newer than its output; a listing page's
        source is its proposals, so it is rendered when what it can show of them changed, and
        only then (an author's own index.md too, which --dirty would otherwise leave as it was)."""
        templates, keys = self.templates, self.listed
        roadmap = getattr(self.lifecycle, "roadmap", None)
        before, self.listing_keys = self.listing_keys, {}
        by_status: dict[str, list[Listed]] = {}
        for p in self.catalog.proposals:
            by_status.setdefault(p.status, []).append(keys[p.src_path])
        for path, (kind, status) in self.listings.items():
            # the proposals it may list: a status page those of its status, the roadmap those
            # of the roadmap's statuses, valid or not (a superset of what they show)
            if kind == "index":
                shown = list(keys.values())
            elif kind == "status":
                shown = by_status.get(status, [])
            else:
                shown = [k for s, ks in by_status.items() if roadmap is None or s in roadmap for k in ks]
            key = self.listing_keys[path] = listing_key(self.page_cache, templates, path, shown)
            if (file := files.get_file_from_path(path)) is not None:
                modified = key != before.get(path) or not os.path.isfile(file.abs_dest_path)
                setattr(file, "is_modified", lambda modified=modified: modified)  # noqa: B010
        self.rows.retain(self.listings)
        self.urls.retain(self.listings)

    def _listing_templates(self) -> list[str]:
        return self._templates(("prfaq/index.html", "prfaq/listing.html", "prfaq/roadmap.html"))

    def _templates(self, names: Iterable[str]) -> list[str]:
        """The sources of the templates ``names`` as the site's theme and custom_dir give them."""
        if self.env is None or self.env.loader is None:
            return []
        templates = []
        for name in names:
            try:
                templates.append(self.env.loader.get_source(self.env, name)[0])
            except jinja2.TemplateNotFound:
                pass
        return templates

    def _report(self) -> None:
        for warning in self.catalog.warnings:  # unknown keys (unknown_keys: warn): an error under --strict
            log.warning(str(warning))
        problems = self.catalog.problems
        if problems:
            level = logging.ERROR if self.config.on_invalid == "fail" else logging.WARNING
            for problem in problems:
                log.log(level, str(problem))
            if self.config.on_invalid == "fail" and not self.serving:
                raise PluginError(f"prfaq: {summary(problems)}")
            if self.serving and self.config.on_invalid == "fail":
                # MkDocs' dev server holds every request while a build fails; keep previewing instead.
                log.error(f"prfaq: {summary(problems)}; serving anyway (mkdocs build stops here)")
            else:
                log.warning(f"prfaq: {summary(problems)}; building anyway (on_invalid: warn)")
        for proposal in self.catalog.proposals:
            words, warnings = self.page_cache.remember(  # unchanged pages: once per serve
                proposal, "words", functools.partial(self._measure, proposal))
            self.words[proposal.src_path] = words
            for warning in warnings:
                log.warning(str(warning))

    def _measure(self, proposal: Proposal) -> tuple[Words, list[Problem]]:
        words = measure(proposal, self.limits)
        return words, check_limits(proposal, words, self.limits, self.lifecycle)

    def _generate(self, files: Files, config: MkDocsConfig) -> None:
        """The index, a page per status that has proposals, the roadmap, and proposals.json:
        generated files, never written into docs/. A page the author wrote is kept."""
        d = self.config.dir
        pages = {f"{d}/index.md": ("index", "", self.labels["all_proposals"]),
                 f"{d}/roadmap.md": ("roadmap", "", self.labels["roadmap"])}
        totals = index.counts(self.catalog.proposals, self.lifecycle)
        for status, n in totals.items():
            if n and status != INVALID:  # invalid proposals are on the index, under no status
                pages[f"{d}/status/{status}.md"] = ("status", status, self.labels[status_key(status)])
        for path, (kind, status, title) in pages.items():
            if files.get_file_from_path(path) is None:  # in an explicit nav where listed, not missed where not
                inclusion = InclusionLevel.NOT_IN_NAV if config.nav else InclusionLevel.UNDEFINED
                files.append(File.generated(config, path, content=f"# {title}\n\n{index.INDEX_MARKER}\n",
                                            inclusion=inclusion))
            elif kind != "index":
                log.warning(f"prfaq: docs/{path} exists, so it is not generated; the plugin fills it at "
                            f"'{index.INDEX_MARKER}' (or after its content)")
            self.listings[path] = (kind, status)
        files.append(File.generated(config, f"{d}/proposals.json", content=self._export_json()))
        if self.config.history and files.get_file_from_path(f"{d}/{feed.FEED}") is None:  # status changes (feed.py)
            files.append(File.generated(config, f"{d}/{feed.FEED}", content=feed.feed_xml(
                self.catalog.proposals, lambda p: f.url if (f := self.files.get(p.src_path)) else "", self.labels,
                site_name=config.site_name, site_url=config.site_url, directory=d)))

    def _export_json(self) -> str:
        """proposals.json: under ``--dirty``, made again only when what it shows of the proposals
        (their data, validity, problems, URLs; the options) changed, from each proposal's item as
        it was unless that proposal changed."""
        def url(p: Proposal) -> str:
            return f.url if (f := self.files.get(p.src_path)) else ""

        if not self.dirty:
            return index.export_json(index.export(self.catalog.proposals, url, self.lifecycle, self.labels,
                                                  self.catalog.problems_of))
        key = listing_key(self.page_cache, (), "proposals.json", self.listed.values())
        if key != self.export_key or not self.export_text:
            item = self.items.group("proposals.json")
            items = [item(self.listed[p.src_path], functools.partial(self._export_item, p, url(p)))
                     for p in index.by_id(self.catalog.proposals)]
            self.export_text = index.join_export(index.export_head(self.lifecycle, self.labels), items)
            self.export_key = key
        return self.export_text

    def _export_item(self, p: Proposal, url: str) -> str:
        return index.item_json(index.export_item(p, url, self.lifecycle, self.catalog.problems_of(p)))

    # -- navigation ------------------------------------------------------------------------

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        pruned = self._nav(nav, config)
        self.in_nav = [src for page in (pruned or nav).pages if (src := page.file.src_uri) in self.files]
        if self.nav_css is not None:
            self.nav_css.content_string = self._nav_stylesheet((pruned or nav).pages, files)
        return pruned

    def _nav_stylesheet(self, in_nav: list[Page], files: Files) -> str:
        """navstyle.py: the status of the proposals in the navigation, by the hrefs of their links."""
        marked = {}
        for page in in_nav:
            proposal = self._proposal(page)
            if proposal is not None:
                marked[page.url] = proposal.status if index.is_listed(proposal, self.lifecycle) else INVALID
        if not marked:
            return navstyle.stylesheet({}, [])
        by_state = navstyle.marked_hrefs([f.url for f in files.documentation_pages()], marked)
        return navstyle.stylesheet(by_state, [(s, c, d) for s, _, c, d in styles(self.lifecycle, self.labels)], INVALID)

    def _nav(self, nav: Navigation, config: MkDocsConfig) -> Navigation | None:
        if not self.config.enabled or config.nav:  # an explicit nav is the author's
            return None
        arranged = self._arrange(nav)
        mode = self.config.nav
        if mode == "auto":
            mode = "index" if len(self.catalog.proposals) > self.config.nav_limit else "all"
        if mode == "all":
            return nav if arranged else None
        proposals = {p.src_path for p in self.catalog.proposals}

        def prune(items: list[Any]) -> list[Any]:
            kept = []
            for item in items:
                if isinstance(item, Page) and item.file.src_uri in proposals:
                    continue
                if isinstance(item, Section):
                    item.children = prune(item.children)
                kept.append(item)
            return kept

        nav.items = prune(nav.items)
        nav.pages = [p for p in nav.pages if p.file.src_uri not in proposals]
        _chain(nav.pages)
        # Out of the navigation, proposals link to each other in the index's order (under
        # --dirty worked out again only when what the index shows of them changed).
        key = tuple(self.listed.values()) if self.dirty else None
        if key is None or key != self.nav_order[0]:
            self.nav_order = key, [p.src_path for ps in index.by_status(self.catalog.proposals, self.lifecycle).values()
                                   for p in ps]
        chain = [f.page for src in self.nav_order[1] if (f := self.files.get(src)) is not None and f.page is not None]
        _chain(chain)
        return nav

    def _arrange(self, nav: Navigation) -> bool:
        """The index first in its section, then the roadmap and the status pages (navstyle.py)."""
        d, statuses = self.config.dir, [p for p, (kind, _) in self.listings.items() if kind == "status"]
        if not navstyle.arrange(nav.items, f"{d}/index.md", f"{d}/roadmap.md", statuses, self.labels["by_status"]):
            return False
        nav.pages = navstyle.pages_of(nav.items)
        _chain(nav.pages)
        return True

    # -- pages -----------------------------------------------------------------------------

    def _proposal(self, page: Page) -> Proposal | None:
        return self.catalog.by_src.get(page.file.src_uri)

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        proposal = self._proposal(page)
        if proposal is None:
            return None
        if _META_LINE.match(proposal.body):  # MkDocs would take it for MultiMarkdown metadata
            return _NO_FRONT_MATTER + proposal.body
        return proposal.body

    @event_priority(100)  # before other plugins (e.g. Material's tags) read page.meta
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        proposal = self._proposal(page)
        self.splitter.active = self.neighbours.active = self.config.enabled and self._in_folder(page)
        if proposal is None:
            if self.neighbours.active:  # not a PR/FAQ, but as hostile as one
                page.meta = {k: escaped(v) for k, v in page.meta.items() if k not in THEME_KEYS}
                self.neighbours.switch_off(page.meta)
                self._includes(page, markdown)
            if self.config.index and (marker := listing_of(markdown)) is not None:  # <!-- prfaq index --> etc.
                kind, status, start, end = marker
                self.listings.setdefault(page.file.src_uri, (kind, status))
                markdown = f"{markdown[:start]}{index.INDEX_MARKER}{markdown[end:]}"
            return self._references(markdown) if reference.MARKER.search(markdown) else markdown
        page.meta = page_meta(proposal, listed=index.is_listed(proposal, self.lifecycle), known=self._known)
        self.neighbours.switch_off(page.meta)
        fields = collect(proposal) if self.config.layout else []
        self._includes(page, proposal.body, proposal, fields)
        if not self.config.layout:
            return None
        self.fields[page.file.src_uri] = fields
        return self.splitter.join(markdown, fields)

    def _in_folder(self, page: Page) -> bool:
        return page.file.src_uri.startswith(f"{self.config.dir}/")

    def _known(self, key: str) -> bool:
        return self.validator is not None and known_key(self.validator, key)

    def _includes(self, page: Page, body: str, proposal: Proposal | None = None, fields: list[Field] | None = None
                  ) -> None:
        """Each include pymdownx.snippets is not let to make on a page under the folder: a problem."""
        display = proposal.display_path if proposal else display_path(page.file, page.file.src_dir or "")
        for problem in self.neighbours.snippet_problems(display, body, lambda: page.file.content_string,
                                                         fields or [], proposal):
            log.warning(str(problem))

    @event_priority(-50)  # after other plugins changed the body's HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.env is None:
            return None
        if self.config.sanitize and self._proposal(page) is None and self._in_folder(page):
            html = self.sanitizer.clean_around(html, index.INDEX_MARKER)  # the index, excluded pages...
            page.toc = TableOfContents(_body_items(page.toc, html, {}))
        listing = self.listings.get(page.file.src_uri)
        if listing is not None:
            return self._listing(html, page, *listing)
        proposal = self._proposal(page)
        if proposal is None:
            return html if self._in_folder(page) and self.config.sanitize else None
        if not self.config.layout:  # only validating: the page is still the author's HTML
            if not self.config.sanitize:
                return None
            html = self.sanitizer.clean(html)
            self._nesting(proposal)
            page.toc = TableOfContents(_body_items(page.toc, html, {}))
            return html
        fields = self.fields.pop(page.file.src_uri, [])
        body_html, fields_html = self.splitter.split(
            html, fields, lambda text: self._render_alone(text, config),
            self.sanitizer.clean if self.config.sanitize else str,
            self.sanitizer.clean_field if self.config.sanitize else None)
        if self.sanitizer.removed:
            log.warning(str(images_problem(proposal.display_path, self.sanitizer.removed)))
            self.sanitizer.removed.clear()
        nesting = self._nesting(proposal)
        view = build_view(
            proposal,
            labels=self.labels,
            fields_html=fields_html,
            body_html=BODY if body_html.strip() else "",
            links=self._links(proposal, page, files),
            words=self.words[proposal.src_path],  # measured for every proposal in _report
            permalink=self.permalink,
            index_url=self._url(f"{self.config.dir}/index.md", page, files),
            status_url=self._url(f"{self.config.dir}/status/{proposal.status}.md", page, files)
            if index.is_listed(proposal, self.lifecycle) else None,
            lifecycle=self.lifecycle,
            problems=self.catalog.problems_of(proposal) + nesting,
        )
        with _rendering(page):
            composed = fill(compose(self.env, view), body_html)
        page.toc = _toc(composed.before, _body_items(page.toc, composed.body_html, composed.renamed))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(heading_ids(composed))
        return composed.html

    def _nesting(self, proposal: Proposal) -> list[Problem]:
        """HTML of the page nested too deep to sanitise (left out): a problem, as on_invalid says."""
        problem = self.sanitizer.nesting_problem(proposal.display_path)
        if problem is None or any(NESTING in p.message for p in self.catalog.problems_of(proposal)):
            return []  # none, or reported when the page was read
        fail = self.config.on_invalid == "fail"
        log.log(logging.ERROR if fail else logging.WARNING, str(problem))
        if fail and not self.serving:
            raise PluginError(f"prfaq: {summary([problem])}")
        return [problem]

    def _references(self, markdown: str) -> str:
        """Reference tables where a page asks for them: ``<!-- prfaq:reference schema -->``."""
        def table(m: Any) -> str:
            kind = m.group(1)
            if kind == "schema":
                bundled = self.lifecycle.schema()  # the site's statuses and status rules
                schema = load_schema_file(self.config.schema) if self.config.schema else bundled
                return reference.schema_markdown(schema, {BUNDLED_ID: bundled})
            if kind == "config":
                return reference.config_markdown(PrfaqConfig)
            return reference.labels_markdown(self.labels)

        return reference.MARKER.sub(table, markdown)

    def _listing(self, html: str, page: Page, kind: str, status: str) -> str:
        assert self.env is not None
        proposals = self.catalog.proposals
        if status:
            proposals = [p for p in proposals if p.status == status and index.is_listed(p, self.lifecycle)]

        relative = self.urls.group(page.file.src_uri) if self.dirty else None

        def url(p: Proposal) -> str:
            file = self.files.get(p.src_path)
            if file is None:
                return ""
            if relative is None:
                return file.url_relative_to(page.file)
            return relative(file.url, functools.partial(file.url_relative_to, page.file))  # once per serve

        row_html: index.RowHtml = index.render_row
        rows_html: index.RowsHtml = index.render_rows
        if self.dirty and self.listed:  # each row and chunk as it was unless its proposals changed (incremental.py)
            kept = self.rows.group(page.file.src_uri)
            row_html = functools.partial(self._kept_row, kept)
            rows_html = functools.partial(self._kept_rows, kept)
        feed_url = get_relative_url(f"{self.config.dir}/{feed.FEED}", page.file.url) if self.config.history else None
        with _rendering(page):
            listing = index.listing_html(self.env, kind, proposals, self.labels, url, self.lifecycle, row_html,
                                         rows_html, feed=feed_url)
        found = headings(listing)
        page.toc = _toc([], list(page.toc), found)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(h.id for h in found)
        if index.INDEX_MARKER in html:
            return html.replace(index.INDEX_MARKER, listing, 1)
        return html + listing

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

        html, made_of = kept((getattr(macro, "name", ""), args, keys), make)
        kept.keep(made_of)
        return html

    def _url(self, path: str, page: Page, files: Files) -> str | None:
        file = files.get_file_from_path(path)
        return file.url_relative_to(page.file) if file is not None else None

    def _links(self, proposal: Proposal, page: Page, files: Files) -> dict[str, Link]:
        links = {}
        for ref in [*proposal.related, proposal.superseded_by]:
            target = self.catalog.by_id.get(ref)
            file = self.files.get(target.src_path) if target else None
            if target is not None and file is not None:
                links[ref] = Link(target.title, file.url_relative_to(page.file))
        return links

    def _render_alone(self, text: str, config: MkDocsConfig) -> str:
        if self._fallback is None:
            self._fallback = md.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self._fallback.reset()
        return str(self._fallback.convert(text))

    # -- the navigation's status markers and `--dirty` rebuilds (navstyle.py, incremental.py) --

    @event_priority(-100)  # after other plugins' last look at every page (Material's tags: on_env)
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Every page is read: each proposal's ``page.meta`` is held back from Material's
        navigation (nav-status.css marks the links instead); its own page gets it back."""
        self.held_meta = {}
        self.search_keeper.begin()
        # as the pages' own URLs read (the search index's locations): '' for the home page, not './'
        self.page_urls = [f.page.url if f.page is not None else f.url
                          for f in files.documentation_pages(inclusion=lambda _: True)]
        if self.dirty:  # a page --dirty did not read is titled None in the navigation
            for file in files.documentation_pages(inclusion=lambda _: True):
                page = file.page
                if page is None or page.markdown is not None:
                    continue
                proposal = self.catalog.by_src.get(file.src_uri)
                if proposal is not None:  # its title from the catalog, without reading it again
                    page.markdown, page.meta = "", {"title": html.escape(proposal.title)}
                else:  # the site's own pages and the index, status pages and roadmap: read as MkDocs would
                    try:
                        page.read_source(config)
                    except (OSError, ValueError):
                        page.markdown = ""
        if self.nav_css is None:
            return None
        for src in self.in_nav:  # only Material's navigation reads other pages' metadata
            page = self.files[src].page
            if page is not None and page.meta:
                self.held_meta[src] = page.meta
                page.meta = navstyle.NavMeta(page.meta)
        return None

    @event_priority(100)  # before other plugins read the page's metadata and content
    def _context_first(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.search_keeper.page_built(page.url)
        if page.file.src_uri in self.held_meta:
            page.meta = self.held_meta[page.file.src_uri]  # Material marks the page's own entry
        if page.file.src_uri in self.listings and page.content:
            # the search plugin reads a listing page without its table of every proposal
            self.full_content, page.content = page.content, without_excluded(page.content)
        return None

    @event_priority(-100)
    def _context_last(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return None

    on_page_context = CombinedEvent(_context_first, _context_last)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri in self.held_meta:
            page.meta = navstyle.NavMeta(page.meta)
        return None

    @event_priority(50)  # before other plugins (the search plugin writes its index)
    def on_post_build(self, config: MkDocsConfig) -> None:
        for src, meta in self.held_meta.items():  # every page's metadata as it was, for later plugins
            if (page := self.files[src].page) is not None:
                page.meta = meta
        if not self.dirty:
            return
        # MkDocs built only the pages whose source changed: the search index gets the others'
        # entries back, and a status page that is no longer generated leaves the served site.
        self.search_keeper.complete(config.plugins.items(), self.page_urls)
        if self.serving:
            remove_stale(self.generated, self.generated_now)
        self.generated = self.generated_now


def _body_items(items: Iterable[AnchorLink], body_html: str, renamed: dict[str, str]) -> list[AnchorLink]:
    """The body's table-of-contents items whose heading is in the sanitised body, titled with
    that heading's text (Markdown's own titles come from before sanitising), with the ids that
    :func:`separate_ids` renamed."""
    titles = {h.id: h.title for h in headings(body_html)}

    def keep(item: AnchorLink) -> AnchorLink | None:
        anchor = renamed.get(item.id, item.id)
        if anchor not in titles:
            return None
        kept = AnchorLink(titles[anchor], anchor, item.level)
        kept.children = [c for c in map(keep, item.children) if c is not None]
        return kept

    return [k for k in map(keep, items) if k is not None]


@contextmanager
def _rendering(page: Page) -> Iterator[None]:
    """A template that fails while rendering ``page``: one line naming the page, no traceback."""
    try:
        yield
    except jinja2.TemplateError as e:
        raise PluginError(f"prfaq: {page.file.src_uri}: {template_problem(e)}") from None


def _chain(pages: list[Page]) -> None:
    """Previous/next links along ``pages``."""
    for before, after in zip([None, *pages], [*pages, None], strict=True):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before


def _toc(found: list[Heading], body: list[AnchorLink], after: list[Heading] | None = None) -> TableOfContents:
    """A table of contents from the layout's headings, the body's own items, then more headings;
    everything below the page's h1 when it has one."""
    roots: list[AnchorLink] = []
    stack: list[AnchorLink] = []

    def add(item: AnchorLink) -> None:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)

    for h in found:
        add(AnchorLink(h.title, h.id, h.level))
    def under_h1(item: AnchorLink) -> None:
        (roots[0].children if roots and roots[0].level == 1 else roots).append(item)

    for item in body:
        if item.level == 1 and not roots:
            roots.append(item)
            continue
        for child in (item.children if item.level == 1 else [item]):
            under_h1(child)
    for h in after or []:
        under_h1(AnchorLink(h.title, h.id, h.level))
    return TableOfContents(roots)


def _permalink(config: MkDocsConfig) -> str | None:
    value = config.mdx_configs.get("toc", {}).get("permalink")
    if value is True:
        return "¶"
    return str(value) if value else None
