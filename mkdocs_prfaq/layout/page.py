"""How each page under the proposals folder is shown, one page at a time: a PR/FAQ's Markdown
with its fields, its HTML sanitised and laid out with its table of contents and anchors; every
other page under the folder sanitised and kept from running what it says.

Works on the engine's page as plain data (``page.file.src_uri``, ``page.file.content_string``,
``page.meta``, ``page.toc``, ``page.present_anchor_ids``); the engine gives the table of
contents' types (``make_item``, ``make_toc``: MkDocs' ``AnchorLink`` and ``TableOfContents``),
how to render a field on its own, and what stops the build (``stop``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import jinja2
import markdown as md

from ..contract.depth import NESTING
from ..contract.lifecycle import Lifecycle
from ..contract.limits import Words
from ..contract.model import Proposal, is_proposal, listing_problem
from ..contract.problems import Problem, summary
from . import toc
from .compose import BODY, Composed, compose, fill, heading_ids
from .fields import Field, FieldSplitter, collect
from .neighbours import Neighbours
from .offsite import images_problem
from .pagemeta import folder_meta, page_meta, settle
from .render import Heading, Link, build_view, template_problem
from .sanitize import Sanitizer

log = logging.getLogger("mkdocs.plugins.prfaq")

# MkDocs splits front matter off what on_page_read_source returns; the proposal's was parsed
# already. A body whose first line looks like MultiMarkdown metadata gets an empty front matter,
# so MkDocs reads no metadata from it (mkdocs.utils.meta.META_RE).
_NO_FRONT_MATTER = "---\n\n---\n"
_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


def markdown_source(body: str) -> str:
    """What MkDocs is given to read of a PR/FAQ: its ``body``, with an empty front matter when MkDocs
    would take its first line for MultiMarkdown metadata."""
    return _NO_FRONT_MATTER + body if _META_LINE.match(body) else body


class PageComposer:
    """A PR/FAQ page's HTML from its rendered Markdown, for any engine: its fields split off and
    sanitised one by one, images from other hosts and HTML nested too deep reported, the layout's
    templates filled. The MkDocs plugin (:class:`PageLayout`) and the Python-Markdown extension
    (Zensical) both lay a page out through :meth:`compose_page`; each engine says how a line
    reaches the user (``report(level, line)``) and what stops the build (``stop``)."""

    def __init__(self, env: jinja2.Environment, *, labels: dict[str, str], lifecycle: Lifecycle, sanitize: bool,
                 fail: bool, serving: bool, sanitizer: Sanitizer, markdown: tuple[list[Any], dict[str, Any]],
                 stop: Callable[[str], NoReturn], report: Callable[[int, str], None] = log.log) -> None:
        self.env, self.labels, self.lifecycle = env, labels, lifecycle
        self.sanitize, self.fail, self.serving, self.sanitizer = sanitize, fail, serving, sanitizer
        self.markdown_options, self.stop, self.report = markdown, stop, report
        self._fallback: md.Markdown | None = None

    def compose_page(self, src: str, html: str, proposal: Proposal, fields: list[Field], splitter: FieldSplitter, *,
                     problems: list[Problem], words: Words, links: dict[str, Link], index_url: str | None,
                     status_url: str | None, permalink: str | None) -> Composed:
        """A PR/FAQ's page (``src``: its path under the docs folder; ``html``: its body and
        ``fields`` rendered in one pass, joined by ``splitter``): the fields and body in the
        layout's templates, sanitised."""
        body_html, fields_html = splitter.split(
            html, fields, self.render_alone,
            self.sanitizer.clean if self.sanitize else str, self.sanitizer.clean_field if self.sanitize else None)
        if self.sanitizer.removed:
            self.report(logging.WARNING, str(images_problem(proposal.display_path, self.sanitizer.removed)))
            self.sanitizer.removed.clear()
        nesting = self.nesting(proposal, problems)
        view = build_view(proposal, labels=self.labels, fields_html=fields_html,
                          body_html=BODY if body_html.strip() else "", links=links, words=words,
                          permalink=permalink, index_url=index_url, status_url=status_url,
                          lifecycle=self.lifecycle, problems=problems + nesting)
        try:
            return fill(compose(self.env, view), body_html)
        except jinja2.TemplateError as e:
            self.stop(f"prfaq: {src}: {template_problem(e)}")

    def nesting(self, proposal: Proposal, problems: list[Problem]) -> list[Problem]:
        """HTML of the page nested too deep to sanitise (left out): a problem, as on_invalid says."""
        problem = self.sanitizer.nesting_problem(proposal.display_path)
        if problem is None or any(NESTING in p.message for p in problems):
            return []  # none, or reported when the page was read
        self.report(logging.ERROR if self.fail else logging.WARNING, str(problem))
        if self.fail and not self.serving:
            self.stop(f"prfaq: {summary([problem])}")
        return [problem]

    def listing_status(self, display: str, status: str, text: Callable[[], str]) -> None:
        """A listing page the catalog does not read (outside the proposals folder, its ``index.md``,
        an excluded page) whose marker names a ``status`` the site does not have: a problem, as
        on_invalid says. ``text``: the page's file as written (for its lines), read only then."""
        if not status or self.lifecycle.get(status) is not None:
            return
        problem = listing_problem(display, text(), self.lifecycle)
        if problem is None:
            return
        self.report(logging.ERROR if self.fail else logging.WARNING, str(problem))
        if self.fail and not self.serving:
            self.stop(f"prfaq: 1 problem in the listing page {problem.shown_path}")

    def render_alone(self, text: str) -> str:
        """A field that a neighbour's unclosed fence swallowed, rendered on its own."""
        if self._fallback is None:
            extensions, configs = self.markdown_options
            self._fallback = md.Markdown(extensions=extensions, extension_configs=configs)
        self._fallback.reset()
        return str(self._fallback.convert(text))


class PageLayout(PageComposer):
    """One MkDocs build's layout of the pages under the folder (the options, templates and
    sanitiser of that build), and what it carries from a page's Markdown to its HTML (its fields)."""

    def __init__(self, env: jinja2.Environment, *, labels: dict[str, str], lifecycle: Lifecycle, layout: bool,
                 sanitize: bool, fail: bool, serving: bool, sanitizer: Sanitizer, splitter: FieldSplitter,
                 neighbours: Neighbours, permalink: str | None, known: Callable[[str], bool],
                 markdown: tuple[list[Any], dict[str, Any]], make_item: toc.MakeItem[Any],
                 make_toc: Callable[[list[Any]], Any], stop: Callable[[str], NoReturn]) -> None:
        super().__init__(env, labels=labels, lifecycle=lifecycle, sanitize=sanitize, fail=fail, serving=serving,
                         sanitizer=sanitizer, markdown=markdown, stop=stop)
        self.layout, self.splitter, self.neighbours = layout, splitter, neighbours
        self.permalink, self.known = permalink, known
        self.make_item, self.make_toc = make_item, make_toc
        self.fields: dict[str, list[Field]] = {}
        self.own_meta: dict[str, tuple[dict[str, Any], bool]] = {}
        """Each page's metadata under the folder as the plugin set it, and whether it is a PR/FAQ's."""

    # -- Markdown --------------------------------------------------------------------------

    def proposal_markdown(self, page: Any, markdown: str, proposal: Proposal, listed: bool) -> str | None:
        """A PR/FAQ's metadata for the theme, and its Markdown with each field marked (None: as it is)."""
        page.meta = page_meta(proposal, listed=listed, known=self.known)
        self.neighbours.switch_off(page.meta)
        self.own_meta[page.file.src_uri] = dict(page.meta), True
        fields = collect(proposal) if self.layout else []
        self.includes(page, proposal.body, proposal.display_path, proposal, fields)
        if not self.layout:
            return None
        self.fields[page.file.src_uri] = fields
        return self.splitter.join(markdown, fields)

    def folder_markdown(self, page: Any, markdown: str, display: str) -> None:
        """Another page under the folder: not a PR/FAQ, but as hostile as one."""
        page.meta = folder_meta(page.meta)
        self.neighbours.switch_off(page.meta)
        self.own_meta[page.file.src_uri] = dict(page.meta), False
        self.includes(page, markdown, display)

    def keep_meta(self, page: Any) -> None:
        """Any page's metadata before other plugins see it (a page under the folder's is set by
        :meth:`proposal_markdown` or :meth:`folder_markdown` next)."""
        self.own_meta[page.file.src_uri] = dict(page.meta), False

    def settled_meta(self, page: Any, folder: str) -> None:
        """After the plugins that merge metadata files into a page's (Material's ``meta``, at its
        priority 50), a page under the folder gets back the metadata the plugin set
        (:func:`.pagemeta.settle`); so does a page outside it that a metadata file under the folder
        reached (Material's meta plugin applies ``proposals/.meta.yml`` to every page whose path
        starts with ``proposals``: ``proposals-guide.md`` too)."""
        src = page.file.src_uri
        own = self.own_meta.get(src)
        if own is None:
            return
        if not src.startswith(f"{folder}/"):
            merged = page.meta.get("__extends")
            if not (isinstance(merged, list)
                    and any(isinstance(path, str) and path.replace("\\", "/").startswith(f"{folder}/")
                            for path in merged)):
                return
        settle(page.meta, own[0], self.known if own[1] else None)

    def marked_listing(self, page: Any, display: str, status: str, options: Any) -> None:
        """A listing page's marker (``<!-- prfaq status NAME -->``): a status the site lacks is a
        problem here for a page the catalog does not read (the catalog reports the others);
        ``options``: the plugin's (``dir``, ``exclude``)."""
        if not is_proposal(page.file.src_uri, options.dir, options.exclude):
            self.listing_status(display, status, lambda: text_of(page.file))

    def includes(self, page: Any, body: str, display: str, proposal: Proposal | None = None,
                 fields: list[Field] | None = None) -> None:
        """Each include pymdownx.snippets is not let to make on a page under the folder: a problem."""
        for problem in self.neighbours.snippet_problems(display, body, lambda: page.file.content_string,
                                                         fields or [], proposal):
            log.warning(str(problem))

    # -- HTML ------------------------------------------------------------------------------

    def body_toc(self, page: Any, html: str) -> None:
        """The page's table of contents as its sanitised HTML has its headings."""
        page.toc = self.make_toc(toc.kept_items(page.toc, html, {}, self.make_item))

    def folder_html(self, page: Any, html: str, keep: str) -> str:
        """Another page under the folder (the index, an excluded page), sanitised around ``keep``."""
        html = self.sanitizer.clean_around(html, keep)
        self.body_toc(page, html)
        return html

    def validated_html(self, page: Any, html: str, proposal: Proposal, problems: list[Problem]) -> str:
        """A PR/FAQ that is only validated (``layout: false``): the author's HTML, sanitised."""
        html = self.sanitizer.clean(html)
        self.nesting(proposal, problems)
        self.body_toc(page, html)
        return html

    def laid_out(self, page: Any, html: str, proposal: Proposal, *, problems: list[Problem], words: Words,
                 links: dict[str, Link], index_url: str | None, status_url: str | None) -> str:
        """A PR/FAQ's page: its fields and body in the layout's templates, sanitised."""
        composed = self.compose_page(page.file.src_uri, html, proposal, self.fields.pop(page.file.src_uri, []),
                                     self.splitter, problems=problems, words=words, links=links,
                                     index_url=index_url, status_url=status_url, permalink=self.permalink)
        body = toc.kept_items(page.toc, composed.body_html, composed.renamed, self.make_item)
        page.toc = self.make_toc(toc.page_items(composed.before, body, self.make_item))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(heading_ids(composed))
        return composed.html

    def listing_toc(self, page: Any, found: list[Heading]) -> None:
        """A listing page's table of contents: its own headings, then the listing's."""
        page.toc = self.make_toc(toc.page_items([], list(page.toc), self.make_item, found))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(h.id for h in found)


def permalink(mdx_configs: Mapping[str, Any]) -> str | None:
    """The ``toc`` extension's permalink symbol, as the layout's headings show it (None: no permalinks)."""
    value = mdx_configs.get("toc", {}).get("permalink")
    if value is True:
        return "¶"
    return str(value) if value else None


def text_of(file: Any) -> str:
    """The Markdown of a page's file (MkDocs' ``File``), or '' for none or one that cannot be
    read (MkDocs says so itself when it reads it)."""
    try:
        return str(file.content_string) if file is not None else ""
    except (OSError, UnicodeDecodeError):
        return ""
