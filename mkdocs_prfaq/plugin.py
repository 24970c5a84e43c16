"""The MkDocs glue: thin event handlers that call the core."""

from __future__ import annotations

import html
import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .config import PrfaqConfig
from .model import Catalog, Proposal
from .problems import summary
from .schema import SchemaConfigError, SchemaValidator
from .site import load_site, site_validator

log = logging.getLogger("mkdocs.plugins.prfaq")

# MkDocs splits front matter off what this returns; the proposal's own was parsed already.
_NO_FRONT_MATTER = "---\n\n---\n"


class PrfaqPlugin(BasePlugin[PrfaqConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog = Catalog()
        self.validator: SchemaValidator | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.catalog = Catalog()  # state is per build: nothing stale survives a rebuild
        if not self.config.enabled:
            return None
        try:
            self.validator = site_validator(self.config.schema)
        except SchemaConfigError as e:
            raise PluginError(f"prfaq: {e}") from None
        return None

    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.validator is None:
            return None
        self.catalog = load_site(files, config.docs_dir, self.config.dir, self.validator)
        problems = self.catalog.problems
        if problems:
            level = logging.ERROR if self.config.on_invalid == "fail" else logging.WARNING
            for problem in problems:
                log.log(level, str(problem))
            if self.config.on_invalid == "fail":
                raise PluginError(f"prfaq: {summary(problems)}")
            log.warning(f"prfaq: {summary(problems)}; building anyway (on_invalid: warn)")
        return None

    def _proposal(self, page: Page) -> Proposal | None:
        return self.catalog.by_src.get(page.file.src_uri)

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
        # MkDocs treats page titles as HTML; a title is plain text.
        meta["title"] = html.escape(proposal.title, quote=False)
        meta["tags"] = proposal.tags
        page.meta = meta
        return None
