"""The MkDocs glue: thin event handlers that call the core."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .config import PrfaqConfig
from .fields import Field, FieldSplitter, collect
from .labels import merge_labels
from .limits import Limits, Words, check_limits, measure
from .model import Catalog, Proposal
from .problems import summary
from .render import Link, build_view, headings, make_environment, render_page
from .schema import SchemaConfigError, SchemaValidator
from .site import load_site, site_validator

log = logging.getLogger("mkdocs.plugins.prfaq")

# MkDocs splits front matter off what on_page_read_source returns; the proposal's was parsed already.
_NO_FRONT_MATTER = "---\n\n---\n"
CSS = "assets/prfaq/prfaq.css"
_CSS_SOURCE = Path(__file__).parent / "assets" / "prfaq.css"
_BODY = "<!--prfaq:body-->"


class PrfaqPlugin(BasePlugin[PrfaqConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog = Catalog()
        self.validator: SchemaValidator | None = None
        self.splitter = FieldSplitter()
        self.fields: dict[str, list[Field]] = {}
        self.words: dict[str, Words] = {}
        self.env: jinja2.Environment | None = None
        self.labels: dict[str, str] = {}
        self.limits = Limits()
        self._fallback: md.Markdown | None = None

    # -- configuration and loading ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.catalog = Catalog()  # state is per build: nothing stale survives a rebuild
        self.fields = {}
        self.words = {}
        self._fallback = None
        if not self.config.enabled:
            return None
        try:
            self.validator = site_validator(self.config.schema)
        except SchemaConfigError as e:
            raise PluginError(f"prfaq: {e}") from None
        self.labels = merge_labels(self.config.labels)
        self.limits = Limits(self.config.limits.press_release_words, self.config.limits.faq_words)
        self.env = make_environment(config.theme.dirs)
        if self.config.layout and CSS not in config.extra_css:
            config.extra_css.append(CSS)
        return config

    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.validator is None:
            return None
        self.catalog = load_site(files, config.docs_dir, self.config.dir, self.validator)
        self._report()
        if self.config.layout and files.get_file_from_path(CSS) is None:  # a custom_dir copy wins
            files.append(File.generated(config, CSS, abs_src_path=str(_CSS_SOURCE)))
        return files

    def _report(self) -> None:
        problems = self.catalog.problems
        if problems:
            level = logging.ERROR if self.config.on_invalid == "fail" else logging.WARNING
            for problem in problems:
                log.log(level, str(problem))
            if self.config.on_invalid == "fail":
                raise PluginError(f"prfaq: {summary(problems)}")
            log.warning(f"prfaq: {summary(problems)}; building anyway (on_invalid: warn)")
        for proposal in self.catalog.proposals:
            words = self.words[proposal.src_path] = measure(proposal, self.limits)
            for warning in check_limits(proposal, words, self.limits):
                log.warning(str(warning))

    def _proposal(self, page: Page) -> Proposal | None:
        return self.catalog.by_src.get(page.file.src_uri)

    # -- pages -----------------------------------------------------------------------------

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        proposal = self._proposal(page)
        if proposal is None:
            return None
        return _NO_FRONT_MATTER + proposal.body

    @event_priority(100)  # before other plugins (e.g. Material's tags) read page.meta
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        proposal = self._proposal(page)
        if proposal is None:
            return None
        meta: dict[str, Any] = dict(proposal.data)
        meta["title"] = html.escape(proposal.title, quote=False)  # MkDocs treats titles as HTML
        meta["tags"] = proposal.tags
        # The press-release subheading is not a page subtitle: Material would print it in the nav.
        meta.pop("subtitle", None)
        page.meta = meta
        if not self.config.layout:
            return None
        fields = collect(proposal)
        self.fields[page.file.src_uri] = fields
        return self.splitter.join(markdown, fields)

    @event_priority(-50)  # after other plugins changed the body's HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        proposal = self._proposal(page)
        if proposal is None or not self.config.layout or self.env is None:
            return None
        fields = self.fields.pop(page.file.src_uri, [])
        body_html, fields_html = self.splitter.split(html, fields, lambda text: self._render_alone(text, config))
        view = build_view(
            proposal,
            labels=self.labels,
            fields_html=fields_html,
            body_html=_BODY if body_html.strip() else "",
            links=self._links(proposal, page, files),
            words=self.words.get(proposal.src_path) or measure(proposal, self.limits),
            permalink=_permalink(config),
        )
        layout = render_page(self.env, view)
        self._set_toc(page, layout, body_html)
        return layout.replace(_BODY, body_html, 1)

    def _links(self, proposal: Proposal, page: Page, files: Files) -> dict[str, Link]:
        links = {}
        for ref in [*proposal.related, proposal.superseded_by]:
            target = self.catalog.by_id.get(ref)
            file = files.get_file_from_path(target.src_path) if target else None
            if target is not None and file is not None:
                links[ref] = Link(target.title, file.url_relative_to(page.file))
        return links

    def _render_alone(self, text: str, config: MkDocsConfig) -> str:
        if self._fallback is None:
            self._fallback = md.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        self._fallback.reset()
        return str(self._fallback.convert(text))

    def _set_toc(self, page: Page, layout: str, body_html: str) -> None:
        """The page's table of contents: the layout's headings, then the body's own."""
        before, _, _ = layout.partition(_BODY)
        found = headings(before)
        body_items = [item for item in page.toc if f'id="{item.id}"' in body_html]
        flat = [AnchorLink(h.title, h.id, h.level) for h in found]
        roots: list[AnchorLink] = []
        stack: list[AnchorLink] = []
        for item in flat:
            while stack and stack[-1].level >= item.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(item)
            stack.append(item)
        for item in body_items:  # the appendix's headings, under the page's h1
            for child in (item.children if item.level == 1 else [item]):
                (roots[0].children if roots else roots).append(child)
        page.toc = TableOfContents(roots)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(h.id for h in found)


def _permalink(config: MkDocsConfig) -> str | None:
    value = config.mdx_configs.get("toc", {}).get("permalink")
    if value is True:
        return "¶"
    return str(value) if value else None
