"""Load a site's proposals from MkDocs' list of files (or the same list read from disk,
:func:`disk_files`): shared by the plugin, the CLI and the Python-Markdown extension."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, InclusionLevel

from .contract.frontmatter import MAX_CHARS
from .contract.lifecycle import DEFAULT, Lifecycle
from .contract.model import (
    MARKDOWN_EXTENSIONS,
    PAGE_BYTES,
    Catalog,
    Proposal,
    Source,
    TooLarge,
    is_proposal,
    load_catalog,
)
from .contract.problems import Problem, summary
from .contract.schema import SchemaValidator, build_validator, display_name, load_schema_file

if TYPE_CHECKING:
    from .config import PrfaqConfig

log = logging.getLogger("mkdocs.plugins.prfaq")


def display_path(file: File, docs_dir: str, cwd: str | None = None) -> str:
    """The page's path as a person finds it: relative to the working directory (``cwd``, else
    the current one) when inside it."""
    return shown_path(file.abs_src_path or os.path.join(docs_dir, file.src_path), cwd or os.getcwd())


@functools.lru_cache(maxsize=1 << 16)
def shown_path(path: str, cwd: str) -> str:
    """A file's path relative to ``cwd`` when inside it, else as given (cached: once per page and
    working directory, as ``mkdocs serve`` asks again on every rebuild)."""
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def _read(file: File, max_bytes: int | None) -> str:
    """A page's text; a file over ``max_bytes`` is not read (:class:`~.model.TooLarge`)."""
    if max_bytes is not None and file.abs_src_path and not file.generated_by:
        try:
            size = os.path.getsize(file.abs_src_path)
        except OSError:
            size = 0  # reading it says why
        if size > max_bytes:
            raise TooLarge(size)
    return file.content_string


def proposal_sources(files: Iterable[File], docs_dir: str, directory: str, exclude: Iterable[str] = (),
                     max_bytes: int | None = None) -> list[Source]:
    """The PR/FAQs among a site's files: pages under ``directory`` but those the plugin's
    ``exclude`` names and those MkDocs leaves out of the site (``exclude_docs``; ``draft_docs``
    and ``not_in_nav`` pages are built, so they are checked). A file over ``max_bytes`` is not
    read."""
    exclude, cwd = tuple(exclude), os.getcwd()
    return [
        (f.src_uri, display_path(f, docs_dir, cwd), functools.partial(_read, f, max_bytes))
        for f in files
        if f.is_documentation_page() and f.inclusion != InclusionLevel.EXCLUDED
        and is_proposal(f.src_uri, directory, exclude)
    ]


def _default_exclude() -> Any:
    import pathspec

    return pathspec.gitignore.GitIgnoreSpec.from_lines([".*", "/templates/"])  # MkDocs' own default


def disk_files(docs_dir: str, directory: str, exclude_docs: Any = None) -> list[File]:
    """The Markdown files (and :data:`ACTIVE_SUFFIXES` files, which :func:`load_site` reports)
    under ``docs_dir/directory`` as MkDocs lists them (symlinks followed,
    ``README.md`` left out beside an ``index.md``), each marked excluded when MkDocs' default or
    the site's ``exclude_docs`` (a pathspec) leaves it out: without reading the rest of docs_dir
    or loading MkDocs' configuration."""
    spec = _default_exclude() + exclude_docs if exclude_docs is not None else _default_exclude()
    top = os.path.join(docs_dir, *directory.split("/"))
    files: list[File] = []
    visited: set[str] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a symlink back up the tree
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        rel = os.path.relpath(root, docs_dir).replace(os.sep, "/")
        pages = sorted(n for n in names if n.lower().endswith(MARKDOWN_EXTENSIONS + ACTIVE_SUFFIXES) or "\\" in n
                       or "\\" in rel  # a backslash in a name, whatever the file: a problem (backslashed)
                       or os.path.islink(os.path.join(root, n)))  # a link to a file: a problem where it leads out
        if "index.md" in pages and "README.md" in pages:
            pages.remove("README.md")
        for name in pages:
            src_uri = name if rel == "." else f"{rel}/{name}"
            files.append(ListedFile(src_uri, docs_dir, InclusionLevel.EXCLUDED if spec.match_file(src_uri)
                                    else InclusionLevel.UNDEFINED))
    for src_uri in _meant_inside(docs_dir, directory):
        files.append(ListedFile(src_uri, docs_dir, InclusionLevel.EXCLUDED if spec.match_file(src_uri)
                                else InclusionLevel.UNDEFINED))
    return files


def _meant_inside(docs_dir: str, directory: str) -> list[str]:
    """The Markdown files outside ``directory`` whose path, a backslash read as Windows reads it,
    is inside it (``proposals\\x.md`` beside the folder, a folder ``proposals\\2026``): the
    folders above ``directory`` are listed for names that hold a backslash, and only those walked."""
    prefix = directory.strip("/") + "/"
    found: list[str] = []
    parts = directory.strip("/").split("/")
    for depth in range(len(parts)):
        rel = "/".join(parts[:depth])
        try:
            names = sorted(os.listdir(os.path.join(docs_dir, *parts[:depth])))
        except OSError:
            continue
        for name in names:
            src_uri = f"{rel}/{name}" if rel else name
            if "\\" not in name or not (src_uri.replace("\\", "/") + "/").startswith(prefix[: len(src_uri) + 1]):
                continue
            path = os.path.join(docs_dir, *src_uri.split("/"))
            if not os.path.isdir(path):
                found.append(src_uri)
                continue
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                under = src_uri + "/" + os.path.relpath(root, path).replace(os.sep, "/")
                found += [f"{under.removesuffix('/.')}/{n}" for n in sorted(files)]
    return [f for f in found if f.lower().endswith(MARKDOWN_EXTENSIONS) and f.replace("\\", "/").startswith(prefix)]


class ListedFile(File):
    """A MkDocs ``File`` for a page :func:`disk_files` lists: ``File(path, docs_dir, docs_dir/site,
    True)``, its ``src_uri`` given as the walk makes it ('/'-separated, normalised) rather than
    worked out again through ``PurePath``, most of what making a ``File`` costs."""

    def __init__(self, src_uri: str, docs_dir: str, inclusion: InclusionLevel) -> None:
        self.src_uri = src_uri
        self.src_dir = docs_dir
        self.dest_dir = os.path.join(docs_dir, "site")
        self.use_directory_urls = True
        self.inclusion = inclusion


def read_page(docs_dir: str, src_uri: str) -> str:
    """A page's file as written, read as MkDocs reads one (:func:`.layout.page.text_of`), or ''
    when it cannot be read."""
    from .layout.page import text_of  # only for a page with a problem: check never loads the layout

    return text_of(ListedFile(src_uri, docs_dir, InclusionLevel.UNDEFINED))


ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".cjs", ".xml",
                   ".xsl", ".xslt", ".swf")
"""Files a browser runs script from when they are served from the site (HTML, SVG, XML and XSLT
documents, scripts): under the proposals folder, whoever can add a page could add one, and it
would run on the site's origin; `check` and the build report each one and leave it out of the site."""

_ACTIVE_KINDS = {".svg": "an SVG image", ".svgz": "an SVG image", ".js": "a script", ".mjs": "a script",
                 ".cjs": "a script", ".xml": "an XML document", ".xsl": "an XSLT stylesheet",
                 ".xslt": "an XSLT stylesheet", ".swf": "a Flash file"}


def _served_under(files: Iterable[File], prefix: str) -> Iterator[File]:
    """The files under ``prefix`` (``proposals/``) that the site would publish as they are: not
    those MkDocs leaves out, not those a plugin generates."""
    for f in files:
        if (f.src_uri.startswith(prefix) and f.inclusion != InclusionLevel.EXCLUDED
                and getattr(f, "generated_by", None) is None):
            yield f


def active_files(files: Iterable[File], docs_dir: str, directory: str) -> list[tuple[str, Problem]]:
    """``(src_uri, problem)`` for each file under ``directory`` that could run script on the site
    (:data:`ACTIVE_SUFFIXES`), but those MkDocs leaves out and those a plugin generates."""
    prefix, cwd = directory.strip("/") + "/", os.getcwd()
    found = []
    for f in _served_under(files, prefix):
        suffix = os.path.splitext(f.src_uri)[1].lower()
        if suffix in ACTIVE_SUFFIXES:
            kind = _ACTIVE_KINDS.get(suffix, "an HTML page")
            found.append((f.src_uri, Problem(
                display_path(f, docs_dir, cwd), 1, "file",
                f"{kind} under the proposals folder would be published as it is, and its script would run on the "
                f"site's origin in every reader's browser; left out of the site (expected only PR/FAQ pages and "
                f"images under {prefix}: remove it, or convert it to PNG)")))
    return found


def linked_out(files: Iterable[File], docs_dir: str, directory: str) -> list[tuple[str, Problem]]:
    """``(src_uri, problem)`` for each file under ``directory`` that is, or lies in a folder that
    is, a symbolic link to a file outside ``docs_dir`` or to a hidden one: MkDocs follows links, so
    ``env.png -> ../../.env`` or ``notes.md -> ../../.git/config`` would publish a file of the
    workspace the build runs in (a CI token, a secret). Git commits a link as a link, whoever can
    add a page can add one. One ``lstat`` a file, one ``realpath`` a folder."""
    prefix, cwd = directory.strip("/") + "/", os.getcwd()
    # the proposals folder may itself be a link the site made (docs/proposals -> ../shared): inside it is fine
    bases = [os.path.realpath(os.path.join(docs_dir, *directory.split("/"))), os.path.realpath(docs_dir)]
    folders: dict[str, str | None] = {}  # a folder -> where its files are (None: fine), once a folder
    found = []

    def where(real: str) -> str | None:
        rel = next((r for r in (_inside(real, base) for base in bases) if r is not None), None)
        if rel is None:
            return "a file outside docs_dir"
        return "a hidden file" if any(part.startswith(".") for part in rel.split(os.sep)) else None

    for f in _served_under(files, prefix):
        path = f.abs_src_path
        if not path:
            continue
        if os.path.islink(path):  # one lstat a file
            wrong = where(os.path.realpath(path))
        else:
            folder = os.path.dirname(path)
            if folder not in folders:
                folders[folder] = where(os.path.join(os.path.realpath(folder), "x"))
            wrong = folders[folder]  # MkDocs lists no hidden file: its name needs no look
        if wrong is None:
            continue
        found.append((f.src_uri, Problem(
            display_path(f, docs_dir, cwd), 1, "file",
            f"a symbolic link to {wrong} would publish that file on the site (a secret of the workspace the site "
            f"is built in, such as .env or .git/config); left out of the site (expected the file itself under "
            f"{prefix}: replace the link with a copy)")))
    return found


def folder_linked_out(docs_dir: str, directory: str) -> Problem | None:
    """A warning for Zensical when ``directory`` (or a folder above it under ``docs_dir``) is a
    symbolic link to a folder outside ``docs_dir`` (``docs/proposals -> ../shared``): MkDocs builds
    its pages, Zensical builds none of them, without a word. None where no such link is."""
    docs = os.path.realpath(docs_dir)
    path = docs_dir
    for part in directory.strip("/").split("/"):
        path = os.path.join(path, part)
        if os.path.islink(path) and _inside(os.path.realpath(path), docs) is None:
            return Problem(shown_path(path, os.getcwd()), 1, "folder",
                           "a symbolic link to a folder outside docs_dir: Zensical builds none of its pages, MkDocs "
                           "builds them (expected the folder itself under docs_dir, or a link to a folder inside it)")
    return None


def _inside(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` when it is inside it, else None."""
    rel = os.path.relpath(path, base)
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel) else rel


def backslashed(files: Iterable[File], docs_dir: str, directory: str, exclude: Iterable[str] = ()) -> list[Problem]:
    """A problem for each file under ``directory`` whose path holds a backslash (in its name or a
    folder's), whatever the file: Zensical then builds no page of the site, without a word, and
    Windows cannot check such a file out; MkDocs builds it. Outside ``directory``, a page that
    would be a PR/FAQ if its backslashes were folders (``proposals\\x.md``, as Windows would
    place it) is named too; any other file there is the site's, left alone."""
    prefix, cwd, exclude = directory.strip("/") + "/", os.getcwd(), tuple(exclude)
    return [Problem(display_path(f, docs_dir, cwd), 1, "file",
                    "the file name holds a backslash: Zensical then builds no page of the site, and Windows cannot "
                    "check the file out (expected a name without '\\': rename the file or its folder)")
            for f in files if "\\" in f.src_uri and getattr(f, "generated_by", None) is None
            and (f.src_uri.startswith(prefix) or is_proposal(f.src_uri.replace("\\", "/"), directory, exclude))]


def fields_memo() -> Callable[[Proposal], list[Any]]:
    """:func:`layout.fields.collect`, once per proposal of this run, for the warnings that look
    in the fields for images and snippet includes: none (``[]``) for a proposal whose body and
    fields hold neither ``<`` nor ``![`` (:func:`~..layout.fields.may_hold_markup`), where neither
    warning can find one."""
    from .layout.fields import collect, may_hold_markup

    memo: dict[int, tuple[Proposal, list[Any]]] = {}

    def fields_of(proposal: Proposal) -> list[Any]:
        kept = memo.get(id(proposal))
        if kept is None or kept[0] is not proposal:
            kept = memo[id(proposal)] = (proposal, collect(proposal) if may_hold_markup(proposal) else [])
        return kept[1]
    return fields_of


def build_warnings(proposals: Sequence[Proposal], plugin: PrfaqConfig, lifecycle: Lifecycle,
                   fields_of: Callable[[Proposal], list[Any]] | None = None) -> list[Problem]:
    """What ``mkdocs build`` warns about each PR/FAQ beyond the catalog's warnings: lengths over
    the limits (from in-review on) and images from other hosts that the page would lose."""
    from .contract.limits import Limits, over_limits
    from .layout.offsite import images_problem, offsite_images

    limits = Limits(plugin.limits.press_release_words, plugin.limits.faq_words)
    limited = limits.press_release_words is not None or limits.faq_words is not None
    found: list[Problem] = []
    for proposal in proposals:
        if limited:  # a draft's counts are advice: not counted here; others only where they could be over
            found += over_limits(proposal, limits, lifecycle)
        if plugin.sanitize and plugin.layout:
            removed = offsite_images(proposal, plugin.remote_images, fields_of(proposal) if fields_of else None)
            if removed:
                found.append(images_problem(proposal.display_path, removed))
    return found


def snippet_warnings(catalog: Catalog, files: Iterable[Any], plugin: PrfaqConfig, docs_dir: str, neighbours: Any,
                     markdown_of: Callable[[str], str] | None = None,
                     fields_of: Callable[[Proposal], list[Any]] | None = None) -> list[Problem]:
    """Each pymdownx.snippets include a page under the proposals folder asks for and would not get
    (any, unless it names a file in the plugin's ``snippets_dir``: ``neighbours``, a
    :class:`~.layout.neighbours.Neighbours`), at its line: a PR/FAQ's body and, with the layout,
    each of its Markdown fields; the folder's other pages (its ``index.md``, those the plugin's
    ``exclude`` names) after their front matter (``markdown_of``: the text without it), up to the
    plugin's ``page_bytes``. What the build warns as it renders those pages."""
    from .contract import frontmatter
    from .layout.fields import collect

    def after_front_matter(text: str) -> str:  # as MkDocs takes it off (frontmatter.split), not parsed
        yaml_text, body, _ = frontmatter.split(text)
        return body if yaml_text is not None else text

    markdown_of = markdown_of or after_front_matter
    folder = f"{plugin.dir}/"
    found: list[Problem] = []
    for file in files:
        if not (file.is_documentation_page() and file.inclusion != InclusionLevel.EXCLUDED
                and file.src_uri.startswith(folder)) or file.src_uri in catalog.unreadable:
            continue
        read: Callable[[], str] = functools.partial(getattr, file, "content_string")
        proposal = catalog.by_src.get(file.src_uri)
        if proposal is not None:
            fields = (fields_of or collect)(proposal) if plugin.layout else []
            if "8<-" in proposal.body or any("8<-" in markdown for _, markdown in fields):
                found += neighbours.snippet_problems(proposal.display_path, proposal.body, read, fields, proposal)
            continue
        try:
            if os.path.getsize(file.abs_src_path) > plugin.limits.page_bytes:
                continue  # check reads no page past the limit
            text = read()
        except (OSError, UnicodeDecodeError):
            continue  # the build cannot read it either
        if "8<-" in text:
            found += neighbours.snippet_problems(display_path(file, docs_dir), markdown_of(text), read)
    return found


def stopped_warnings(catalog: Catalog, files: Iterable[Any], plugin: PrfaqConfig, lifecycle: Lifecycle, docs_dir: str,
                     neighbours: Any) -> list[Problem]:
    """What the build would warn about as it renders the pages (lengths over the limits, images
    from other hosts, snippet includes), for a build that stops on the catalog's problems before
    rendering any: it names them too, as ``check`` does."""
    fields_of = fields_memo()
    return sorted([*build_warnings(catalog.proposals, plugin, lifecycle, fields_of),
                   *snippet_warnings(catalog, files, plugin, docs_dir, neighbours, fields_of=fields_of)])


def site_validator(schema_path: str | None, lifecycle: Lifecycle = DEFAULT) -> SchemaValidator:
    """The validator for a site: its own schema if it sets one, else the bundled one; either way
    the bundled schema carries the site's lifecycle (statuses and what each requires)."""
    bundled = lifecycle.schema()
    if schema_path:
        return build_validator(load_schema_file(schema_path), origin=display_name(schema_path), bundled=bundled)
    return build_validator(bundled=bundled)


def load_site(
    files: Iterable[File], docs_dir: str, directory: str, validator: SchemaValidator, *, max_chars: int = MAX_CHARS,
    labels: Mapping[str, str] | None = None, exclude: Iterable[str] = (), unknown_keys: str = "warn",
    lifecycle: Lifecycle = DEFAULT, load: Callable[..., tuple[Proposal, list[Problem]]] | None = None,
    reuse: Callable[[str, str], tuple[Proposal, list[Problem]] | None] | None = None, active: bool = True,
    max_bytes: int | None = PAGE_BYTES,
) -> Catalog:
    """The site's proposals; ``labels`` (the site's section names) are recognised as body-form headings;
    ``load`` stands in for :func:`~.model.load_page` and ``reuse`` skips unchanged pages (a cache under
    ``mkdocs serve``); a page over ``max_bytes`` is one problem, not read. With ``active``
    (``sanitize: true``), each file under the folder that could run script (:func:`active_files`) is a
    problem, and among the files the site leaves out."""
    files = list(files)
    linked = linked_out(files, docs_dir, directory)
    left_out = {src_uri for src_uri, _ in linked}
    sources = proposal_sources(files, docs_dir, directory, exclude, max_bytes)
    catalog = load_catalog([s for s in sources if s[0] not in left_out] if left_out else sources, validator,
                           max_chars=max_chars, labels=labels, unknown_keys=unknown_keys, lifecycle=lifecycle,
                           directory=directory, load=load, reuse=reuse, max_bytes=max_bytes)
    for src_uri, problem in linked:  # never read: neither checked nor shown nor published
        catalog.problems.append(problem)
        catalog.unreadable.add(src_uri)
        catalog.others[problem.path] = "file"
    if active:
        for src_uri, problem in active_files(files, docs_dir, directory):
            catalog.problems.append(problem)
            catalog.unreadable.add(src_uri)
            catalog.others[problem.path] = "file"
    if (named := backslashed(files, docs_dir, directory, exclude)) or active or linked:
        pages = {shown for _, shown, _ in sources}
        catalog.problems.extend(named)
        catalog.others.update((p.path, "file") for p in named if p.path not in pages)
        catalog.problems.sort(key=lambda p: (p.path, p.line))
    return catalog


def report(catalog: Catalog, *, fail: bool, serving: bool, emit: Callable[[int, str], None] = log.log,
           engine: str = "mkdocs") -> str | None:
    """Log the site's warnings and problems, each on its line (``emit(level, line)``: the build's
    log; the Zensical extension prints them itself); what stops the build (``fail``, not
    ``serving``), else None."""
    for warning in catalog.warnings:  # unknown keys (unknown_keys: warn): an error under --strict
        emit(logging.WARNING, str(warning))
    if problems := catalog.problems:
        # Zensical copies a file of docs_dir into the site itself: one the plugin would leave out
        # (a link to a secret, a file that could run script) stops its build, whatever on_invalid says
        kept = engine == "zensical" and any(catalog.others.get(p.path) == "file" for p in problems)
        fail = fail or kept
        for problem in problems:
            emit(logging.ERROR if fail else logging.WARNING, str(problem))
        counted = summary(problems, catalog.others)
        if kept:
            counted += (" (Zensical copies such a file into the site itself, so the build stops even with "
                        "on_invalid: warn)")
        if fail and not serving:
            return f"prfaq: {counted}"
        if fail:  # MkDocs' dev server holds every request while a build fails; keep previewing instead.
            emit(logging.ERROR, f"prfaq: {counted}; serving anyway ({engine} build stops here)")
        else:
            emit(logging.WARNING, f"prfaq: {counted}; building anyway (on_invalid: warn)")
    return None
