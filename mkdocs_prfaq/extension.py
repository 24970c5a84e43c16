"""The Python-Markdown extension ``prfaq``: PR/FAQ layouts and checks wherever Python-Markdown
renders a page with its context, which is how Zensical renders every page.

``markdown_extensions: [prfaq]`` (or ``[project.markdown_extensions.prfaq]`` in
``zensical.toml``). The options are the plugin's, read from the same file (``plugins: - prfaq:``
or ``[project.plugins.prfaq]``), so a site states them once. Under MkDocs the plugin does this
work and the extension leaves every page alone: one ``mkdocs.yml`` listing both serves both
engines, and MkDocs never lays a page out twice.

Zensical gives an extension the page being rendered (its path under ``docs_dir``, URL and front
matter) through its ``rendering_context`` preprocessor, and the site's configuration. With them:

- a PR/FAQ page (every page under the plugin's ``dir`` but its ``index.md`` and ``exclude``) is
  checked and laid out as under MkDocs: the same model, problems, templates, sanitiser, anchors;
- every other page under that folder is sanitised;
- a page holding ``<!-- prfaq index -->`` (``<!-- prfaq status NAME -->``, ``<!-- prfaq roadmap -->``)
  shows that listing there;
- the site's proposals are read once per process (again when one of them changed), so every
  problem of every page is printed at the first page rendered; with ``on_invalid: fail`` the build
  then stops (exit 1) with those lines and a summary, no traceback.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import posixpath
import re
import secrets
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NoReturn

import jinja2
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .config import lifecycle_of
from .contract.labels import merge_labels, status_key
from .contract.lifecycle import INVALID
from .contract.limits import Limits, Words, check_limits, measure
from .contract.model import Catalog, Proposal, is_proposal, listing_of
from .contract.problems import Problem, escape
from .contract.schema import SchemaConfigError
from .index import history, pages
from .index import listing as index
from .index.feed import FEED
from .layout.fields import Field, FieldSplitter, collect
from .layout.inline import narrow_inline
from .layout.neighbours import safe_fence
from .layout.page import PageComposer
from .layout.pagemeta import folder_meta, page_meta
from .layout.render import make_environment, template_problem
from .layout.sanitize import Sanitizer
from .layout.toc import layout_tokens, listing_tokens

MARK = "prfaq-build-failed"
"""In the message of the exception that stops a Zensical build (see :func:`_excepthook`)."""

THEME_META = ("title", "status")
"""The metadata a PR/FAQ page gives Zensical: what its theme shows of another page (the title, the
status's dot in the navigation), and ``tags`` when the site lists Zensical's ``tags`` plugin (which
shows and indexes them; the layout shows them anyway). Zensical hands every page's metadata to
every other page's navigation: each key costs the build time in the square of the site's size (at
1,000 proposals the people and dates cost 14 s of a 27 s build, the tags 7 s); the layout shows
the rest on the page."""

_EXECUTING = ("macros", "snippet", "include_markdown", "include-markdown", "markdownextradata", "table_reader",
              "plantuml", "include")
"""Preprocessors (Zensical's and pymdownx's) that run or include what a page says: never on a
proposal's page (its text may be an attacker's)."""


EMPTY = "PRFAQEMPTYPAGE"
"""What an empty page is converted as (see :meth:`PrfaqExtension.extendMarkdown`); taken out again."""


class BuildFailed(Exception):
    """The site has invalid PR/FAQs and ``on_invalid: fail``: the lines were printed already."""


@dataclass
class SiteState:
    """What every page of one site needs, made once per process (and again when a proposal changes)."""

    root_dir: str
    docs_dir: str
    config_file: str
    plugin: Any
    use_directory_urls: bool
    theme_dirs: list[str]
    theme_meta: tuple[str, ...] = THEME_META
    markdown: tuple[list[Any], dict[str, Any]] = ([], {})
    """The site's Markdown extensions and their options, but this one: a field rendered on its own."""
    fingerprint: tuple[tuple[str, int, int], ...] = ()
    stamps: set[tuple[str, int, int]] = field(default_factory=set)
    catalog: Catalog = field(default_factory=Catalog)
    words: dict[str, Words] = field(default_factory=dict)
    reported: bool = False
    git: history.Reader = field(default_factory=history.Reader)
    """The status history from git: one ``git log`` per build (per ``HEAD`` under ``zensical serve``)."""

    def __post_init__(self) -> None:
        from .site import site_validator

        self.lifecycle = lifecycle_of(self.plugin)
        try:
            self.validator = site_validator(self.plugin.schema, self.lifecycle)
        except SchemaConfigError as e:
            _fail([f"prfaq: {e}"])
        self.labels = merge_labels(self.plugin.labels, self.lifecycle)
        self.limits = Limits(self.plugin.limits.press_release_words, self.plugin.limits.faq_words)
        self.env = make_environment(self.theme_dirs)
        self.sanitizer = Sanitizer(remote_images=self.plugin.remote_images)
        self.nonce = secrets.token_hex(8)
        self.composer = PageComposer(  # the MkDocs plugin's layout of a page (layout/page.py)
            self.env, labels=self.labels, lifecycle=self.lifecycle, sanitize=self.plugin.sanitize,
            fail=self.plugin.on_invalid == "fail", serving=_serving(), sanitizer=self.sanitizer,
            markdown=self.markdown, stop=_stop, report=_report_line)

    # -- the proposals ---------------------------------------------------------------------

    def files(self) -> list[Any]:
        from .site import disk_files

        return disk_files(self.docs_dir, self.plugin.dir)

    def refresh(self, src: str | None = None) -> Catalog:
        """The site's proposals, read again when a file under the folder changed. With ``src`` (a
        proposal's page): only when that page changed since it was read, or is new; a page costs
        one ``stat``, not a walk of the folder."""
        if src is not None and self.reported:
            path = os.path.join(self.docs_dir, *src.split("/"))
            if _stamp(path) in self.stamps:
                return self.catalog
        files = self.files()
        stamp = tuple(_stamp(f.abs_src_path) for f in files)
        if stamp != self.fingerprint or not self.reported:
            self.stamps = set(stamp)
            from .site import load_site

            self.catalog = load_site(files, self.docs_dir, self.plugin.dir, self.validator,
                                     max_chars=self.plugin.limits.front_matter_chars, labels=self.labels,
                                     exclude=self.plugin.exclude, unknown_keys=self.plugin.unknown_keys,
                                     lifecycle=self.lifecycle)
            self.fingerprint = stamp
            self.words = {}
            if note := history.update(self.git, self.catalog.proposals, self.docs_dir, self.plugin.dir,
                                      self.lifecycle, self.plugin.history):
                _emit(f"INFO    -  prfaq: {escape(note)}")
            self._report()
        return self.catalog

    def _report(self) -> None:
        for p in self.catalog.proposals:
            words = self.words[p.src_path] = measure(p, self.limits)
            _emit(*(f"WARNING -  {w}" for w in check_limits(p, words, self.limits)))
        self.reported = True
        from .site import report

        if stop := report(self.catalog, fail=self.plugin.on_invalid == "fail", serving=_serving(),
                          emit=_report_line, engine="zensical"):
            _fail([], stop)

    def feed(self, page_src: str) -> str | None:
        """The link from the page ``page_src`` to the feed of status changes (``<dir>/feed.xml``, which
        ``mkdocs-prfaq export`` writes beside ``proposals.json`` after the build), as the MkDocs index
        links the one the plugin writes: with ``history`` on (else there is no feed)."""
        if not self.plugin.history:
            return None
        return posixpath.relpath(f"{self.plugin.dir}/{FEED}", posixpath.dirname(page_src) or ".")

    def display(self, src: str) -> str:
        """A page's path as the site's problems name it (relative to the working directory)."""
        return _display(self.docs_dir, src)

    def text(self, src: str) -> str:
        """A page's file as written, or '' when it cannot be read (as the MkDocs plugin reads one)."""
        from .site import read_page

        return read_page(self.docs_dir, src)

    # -- URLs ------------------------------------------------------------------------------

    def url(self, src: str, page_src: str) -> str | None:
        """A link from the page ``page_src`` to the page ``src`` (if it is on disk), as a page's
        Markdown links it: to the source file, relative to the page's own. Zensical turns such
        links into the target's URL as it serves it (and checks that the target exists)."""
        if not os.path.isfile(os.path.join(self.docs_dir, src)):
            return None
        return posixpath.relpath(src, posixpath.dirname(page_src) or ".")


_SITES: dict[tuple[str, str], SiteState] = {}
_LOCK = threading.Lock()


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return path, 0, -1
    return path, st.st_mtime_ns, st.st_size


def _serving() -> bool:
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def _emit(*lines: str) -> None:
    """Lines for the user, on stderr. ``zensical build`` prints its own report ("No issues found")
    when it has written the site, after the pages render: the lines wait until the build is over
    (the process's exit, or the excepthook of a failed build), so that report does not land among
    them. ``zensical serve`` never ends: there they are printed at once."""
    if _serving():
        for line in lines:
            print(line, file=sys.stderr)
    else:
        _PENDING.extend(lines)


def _flush() -> None:
    lines = list(_PENDING)
    _PENDING.clear()
    for line in lines:
        print(line, file=sys.stderr)
    sys.stderr.flush()


_PENDING: list[str] = []
atexit.register(_flush)


def _report_line(level: int, line: str) -> None:
    """A line the shared core (``site.report``, ``layout/page.py``) logs under MkDocs."""
    _emit(("ERROR   -  " if level >= logging.ERROR else "INFO    -  " if level < logging.WARNING else "WARNING -  ")
          + line)


def _stop(headline: str) -> NoReturn:
    _fail([], headline)


def _fail(lines: list[str], headline: str = "") -> NoReturn:
    _emit(*lines)
    _install_excepthook()
    _HEADLINE[:] = [headline or (lines[0] if lines else "")]
    raise BuildFailed(f"{MARK}: {headline or (lines[0] if lines else '')}")


def site_state(config: dict[str, Any]) -> SiteState:
    """The state of the site Zensical renders (its configuration as Zensical parsed it)."""
    from .siteconfig import CONFIG_FILES, ConfigError, read_site_config

    _install_excepthook()
    root = str(config.get("root_dir") or os.getcwd())
    docs = str(config.get("docs_dir") or "docs")
    key = (root, docs)
    with _LOCK:
        state = _SITES.get(key)
        if state is not None:
            return state
        # Zensical looks for zensical.toml first, then mkdocs.yml
        names = ("zensical.toml", *(n for n in CONFIG_FILES if n != "zensical.toml"))
        path = next((os.path.join(root, n) for n in names if os.path.isfile(os.path.join(root, n))), "")
        if not path:
            _fail([f"prfaq: no zensical.toml or mkdocs.yml in {escape(root)} (expected the site's config file)"])
        try:
            site = read_site_config(path)
        except ConfigError as e:
            _fail([f"prfaq: {e}"])
        for note in site.reading_notes():
            _emit(f"WARNING -  {note}")
        from .site import folder_linked_out

        if (linked := folder_linked_out(site.docs_dir, site.plugin.dir)) is not None:  # the folder reads as empty
            _emit(f"WARNING -  {linked}")
        theme_dirs = [str(d) for d in config.get("theme_dirs") or [] if isinstance(d, str)]
        state = _SITES[key] = SiteState(root, site.docs_dir, path, site.plugin, site.use_directory_urls, theme_dirs,
                                        (*THEME_META, "tags") if _tags_plugin(config) else THEME_META,
                                        _others(config))
        return state


def _others(config: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The site's Markdown extensions but this one and Zensical's page context, with their options."""
    names = [e for e in config.get("markdown_extensions") or [] if e != "prfaq" and not isinstance(e, PrfaqExtension)
             and getattr(e, "name", "") != "zensical.extensions.context"]
    return names, dict(config.get("mdx_configs") or {})


def _macros(config: dict[str, Any]) -> bool:
    """Whether the site lists Zensical's macros extension (or mkdocs-macros)."""
    return any("macros" in str(getattr(e, "name", e)) for e in config.get("markdown_extensions") or [])


def _tags_plugin(config: dict[str, Any]) -> bool:
    """Whether the site lists Zensical's ``tags`` plugin (Zensical keeps its instances, one per
    listing of the plugin, under ``plugins.tags.config``)."""
    plugins = config.get("plugins")
    tags = plugins.get("tags") if isinstance(plugins, dict) else None
    return bool(tags.get("config") if isinstance(tags, dict) else tags)


# -- the extension ---------------------------------------------------------------------------

def _context(md: Markdown) -> Any:
    """Zensical's ``rendering_context`` preprocessor (page, config), or None (MkDocs, plain Markdown)."""
    for processor in md.preprocessors:
        if getattr(processor, "name", "") == "rendering_context" and hasattr(processor, "page"):
            return processor
    return None


@dataclass
class _Page:
    state: SiteState
    src: str
    proposal: Proposal | None = None
    fields: list[Field] = field(default_factory=list)
    in_folder: bool = False
    listing: tuple[str, str] | None = None
    whole: bool = False
    """The tree is complete: from now on the postprocessors see the whole page (before, the
    ``toc`` extension runs them on each heading's text)."""


class PrfaqExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.splitter = FieldSplitter()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.splitter.extension().extendMarkdown(md)
        holder: list[_Page | None] = [None]
        md.preprocessors.register(_Pre(md, self.splitter, holder), "prfaq", 100)
        md.treeprocessors.register(_Whole(md, holder), "prfaq_whole", -1000)
        md.postprocessors.register(_Post(md, self.splitter, holder), "prfaq", 1)
        narrow_inline(md, lambda: holder[0] is not None)  # a page it lays out: the inline patterns it can match
        convert = md.convert
        depth = [0]

        def guarded_convert(source: str) -> str:
            if depth[0]:  # Markdown another extension converts inside this page's: left as it is
                return convert(source)
            depth[0] += 1
            try:
                context = _context(md)
                if context is not None and _under_folder(context):
                    lock_down(md)
                # Python-Markdown returns '' for an empty page before any preprocessor runs: a PR/FAQ
                # written all in front matter has no body, yet its layout is the whole page.
                return convert(source if source.strip() else EMPTY)
            finally:
                depth[0] -= 1

        md.convert = guarded_convert  # type: ignore[method-assign]

    def reset(self) -> None:
        self.splitter.active = False


def _under_folder(context: Any) -> bool:
    state = site_state(context.config)
    return str(context.page.path).replace(os.sep, "/").startswith(state.plugin.dir + "/")


def lock_down(md: Markdown) -> None:
    """Before a page under the proposals folder converts (every page of it may be an attacker's):
    this page's own Markdown instance loses every preprocessor that runs or includes what the page
    says (:data:`_EXECUTING`) and every superfences custom fence that is not pymdownx's own
    (markdown-exec's, which run code): such fences show as written. Zensical makes a Markdown
    instance per page, so the site's other pages keep them."""
    for name in _EXECUTING:
        if name in md.preprocessors:
            md.preprocessors.deregister(name)
    fences: Any = md.preprocessors["fenced_code_block"] if "fenced_code_block" in md.preprocessors else None
    extension = getattr(fences, "extension", None)
    entries = getattr(extension, "superfences", None)
    if isinstance(entries, list):
        entries[:] = [f for f in entries if not isinstance(f, dict) or f.get("name") == "superfences" or _lays_out(f)]


def _lays_out(entry: dict[str, Any]) -> bool:
    """Whether a superfences entry only lays out its text: its format and validator (as superfences
    wraps them: ``_fmt`` and ``validator`` of its partials) are pymdownx's own."""
    fmt = getattr(entry.get("formatter"), "keywords", {}).get("_fmt", entry.get("formatter"))
    validator = getattr(entry.get("validator"), "keywords", {}).get("validator", entry.get("validator"))
    return (fmt is None or safe_fence(fmt)) and (validator is None or safe_fence(validator))


def makeExtension(**kwargs: Any) -> PrfaqExtension:
    return PrfaqExtension(**kwargs)


class _Pre(Preprocessor):
    def __init__(self, md: Markdown, splitter: FieldSplitter, holder: list[_Page | None]) -> None:
        super().__init__(md)
        self.splitter = splitter
        self.holder = holder

    def run(self, lines: list[str]) -> list[str]:
        self.holder[0] = None
        self.splitter.active = False
        if lines == [EMPTY]:
            lines = []
        context = _context(self.md)
        if context is None:  # MkDocs: the plugin lays the page out
            return lines
        state = site_state(context.config)
        src = str(context.page.path).replace(os.sep, "/")
        folder = state.plugin.dir
        page = _Page(state, src, in_folder=src.startswith(folder + "/"))
        text = "\n".join(lines)
        marker = listing_of(text)
        if not page.in_folder and marker is None:  # the site's other pages: nothing to do
            return lines
        self.holder[0] = page
        if page.in_folder:  # a PR/FAQ's is replaced below; the folder's other pages choose no template either
            cleaned = folder_meta(context.page.meta)
            context.page.meta.clear()
            context.page.meta.update(cleaned)
        catalog = state.refresh(None if marker is not None else src)
        if marker is not None:
            kind, status, start, end = marker
            page.listing = (kind, status)
            if not is_proposal(src, folder, state.plugin.exclude):  # the catalog reads those: a status it lacks?
                state.composer.listing_status(state.display(src), status, functools.partial(state.text, src))
            text = f"{text[:start]}PRFAQLISTING{state.nonce}{text[end:]}"
            return text.split("\n")
        proposal = catalog.by_src.get(src) if is_proposal(src, folder, state.plugin.exclude) else None
        if proposal is None:
            return lines
        page.proposal = proposal
        meta = context.page.meta
        # What themes read of a page (title, status, tags, authors, dates): Zensical hands every
        # page's metadata to every other page's navigation, so the whole front matter (the press
        # release, the FAQ) would cost the build time in the square of the site's size.
        safe = page_meta(proposal, listed=index.is_listed(proposal, state.lifecycle), keys=state.theme_meta)
        safe = {k: v for k, v in safe.items() if k in state.theme_meta}
        meta.clear()
        meta.update(safe)
        if _macros(context.config):  # its switch, for a Markdown instance the lock-down does not reach
            meta["render_macros"] = False
        if not state.plugin.layout:
            return proposal.body.split("\n")
        self.splitter.active = True
        page.fields = collect(proposal)
        return self.splitter.join(proposal.body, page.fields).split("\n")


class _Whole(Treeprocessor):
    def __init__(self, md: Markdown, holder: list[_Page | None]) -> None:
        super().__init__(md)
        self.holder = holder

    def run(self, root: Any) -> None:
        if self.holder[0] is not None:
            self.holder[0].whole = True


class _Post(Postprocessor):
    def __init__(self, md: Markdown, splitter: FieldSplitter, holder: list[_Page | None]) -> None:
        super().__init__(md)
        self.splitter = splitter
        self.holder = holder

    def run(self, text: str) -> str:
        page = self.holder[0]
        if page is None or not page.whole:
            return text
        state = page.state
        try:
            if page.listing is not None:
                return self._listing(page, text, *page.listing)
            if page.proposal is not None and state.plugin.layout:
                return self._layout(page, page.proposal, text)
        except jinja2.TemplateError as e:
            _fail([f"ERROR   -  prfaq: {escape(page.src)}: {template_problem(e)}"])
        if page.in_folder and state.plugin.sanitize:
            text = state.sanitizer.clean(text)
            if page.proposal is not None:  # only validated (layout: false): as the plugin's validated_html
                state.composer.nesting(page.proposal, state.catalog.problems_of(page.proposal))
        return text

    def _layout(self, page: _Page, p: Proposal, rendered: str) -> str:
        state, folder = page.state, page.state.plugin.dir
        listed = index.is_listed(p, state.lifecycle)
        composed = state.composer.compose_page(
            escape(page.src), rendered, p, page.fields, self.splitter, problems=state.catalog.problems_of(p),
            words=state.words.get(p.src_path) or measure(p, state.limits),
            links=pages.links(p, state.catalog, functools.partial(state.url, page_src=page.src)),
            index_url=state.url(f"{folder}/index.md", page.src),
            status_url=state.url(f"{folder}/status/{p.status}.md", page.src) if listed else None,
            permalink=_permalink(self.md))
        # Zensical takes the table of contents from md.toc_tokens
        self.md.toc_tokens = layout_tokens(  # type: ignore[attr-defined]
            composed.before, composed.body_html, composed.renamed, getattr(self.md, "toc_tokens", []))
        return composed.html

    def _listing(self, page: _Page, text: str, kind: str, status: str) -> str:
        state = page.state

        def url(p: Proposal) -> str:
            return state.url(p.src_path, page.src) or ""

        if page.in_folder and state.plugin.sanitize:
            text = state.sanitizer.clean(text)
        # where the MkDocs plugin's listing goes (index/pages.py): the marker the page asked for, else the end
        text = text.replace(f"<p>PRFAQLISTING{state.nonce}</p>", index.INDEX_MARKER, 1)
        html, found = pages.listing_page(state.env, text, kind, status, state.catalog, state.labels, state.lifecycle,
                                         url, feed=state.feed(page.src) if kind == "index" else None)
        self.md.toc_tokens = listing_tokens(getattr(self.md, "toc_tokens", []), found)  # type: ignore[attr-defined]
        return html


def _permalink(md: Markdown) -> str | None:
    toc = getattr(md, "treeprocessors", None)
    processor = toc["toc"] if toc is not None and "toc" in toc else None
    value = getattr(processor, "use_permalinks", None)
    if value is True or value == "True":
        return "¶"
    return str(value) if value and value != "False" else None


# -- a failed build: the problem lines, no traceback -------------------------------------------

_HOOKED = False
_HEADLINE: list[str] = []
_METADATA_ERROR = re.compile(r"error reading page metadata '(.+)': (.+)")
"""How Zensical's own front matter reader fails the build (before or after this extension saw the page)."""


def _install_excepthook() -> None:
    global _HOOKED
    if _HOOKED:
        return
    _HOOKED = True
    previous: Callable[..., Any] = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = str(value)
        unreadable = _METADATA_ERROR.search(text.split("\n", 1)[0])
        if MARK not in text and unreadable is None:
            _flush()
            previous(kind, value, tb)
            return
        if unreadable is not None:
            _unreadable(*unreadable.groups())
        _flush()
        headline = text.split(f"{MARK}: ", 1)[1].split("\n", 1)[0] if MARK in text else ""
        headline = headline or (_HEADLINE[0] if _HEADLINE else "")
        if headline:
            print(f"ERROR   -  {headline}", file=sys.stderr)
        # the interpreter exits with 1

    sys.excepthook = hook


def _unreadable(src: str, why: str) -> None:
    """Zensical could not read a page's front matter: its reader runs before and beside the pages'
    rendering and stops the build with a traceback, at times before this extension saw a proposal.
    One line instead; before it, this extension's own report on the site's proposals if it has not
    given it yet (its reader explains a YAML mistake with the line it is on)."""
    state = _current_state()
    if state is not None and not state.reported:
        try:
            state.refresh()
        except BuildFailed:
            pass  # its lines and headline are pending
    path = state.display(src) if state is not None else _display(str(_zensical_config().get("docs_dir") or "docs"), src)
    explained = state is not None and any(p.path == path for p in state.catalog.problems)
    if explained:
        _emit(f"ERROR   -  prfaq: Zensical cannot read the front matter of {escape(path)} (its problems are "
              f"above) and stops the build")
    else:
        _emit(f"ERROR   -  {Problem(path, 1, 'front matter', f'Zensical cannot read it: {why}')} "
              f"(expected YAML that Zensical's reader accepts)")


def _display(docs_dir: str, src: str) -> str:
    """The path of the page ``src`` (under ``docs_dir``) as the site's problems name it."""
    from .site import shown_path

    return shown_path(os.path.normpath(os.path.join(docs_dir, *src.split("/"))), os.getcwd())


def _current_state() -> SiteState | None:
    """The site's state: made already, or from Zensical's configuration (None if that fails)."""
    if _SITES:
        return next(iter(_SITES.values()))
    config = _zensical_config()
    if not config:
        return None
    try:
        return site_state(config)
    except BuildFailed:
        return None


def _zensical_config() -> dict[str, Any]:
    try:
        from zensical.config import get_config

        config = get_config()
    except Exception:  # not under Zensical, or its configuration is not read yet
        return {}
    return config if isinstance(config, dict) else {}


__all__ = ["INVALID", "BuildFailed", "PrfaqExtension", "makeExtension", "site_state", "status_key"]
