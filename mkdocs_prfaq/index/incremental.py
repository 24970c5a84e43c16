"""What keeps one edit quick under ``mkdocs serve --dirty`` on a large site.

MkDocs' dev server rebuilds the whole site on every save: parsing and validating every PR/FAQ,
rendering every page. With ``--dirty`` it renders only the pages whose source is newer than
their output (and every generated page: the index, status pages, roadmap and export are
generated on each build, so they always show the edit). What is left for the plugin:

- :class:`PageCache`: the parsed and validated pages of the previous build, reused for every
  page whose text is unchanged (the whole site is still cross-checked on each build);
- :class:`SearchKeeper`: the search plugin indexes only the pages it saw built, so the index
  would lose every other page; it is put back together from the entries of earlier builds;
- :func:`remove_stale`: a status page that no longer has proposals is not generated, and its
  old output would otherwise stay in the served site;
- :func:`without_excluded`: what the search plugin reads of a listing page, without the table
  of every proposal that it would parse on each build only to leave it out;
- :func:`listing_key`: the index, a status page or the roadmap is rendered again only when what
  it can show changed (its proposals' data, validity, problems or URLs, the templates, the
  options): an edit to a proposal's title renders the index and its status page, not the
  other status pages; an edit to its body renders none of them;
- :class:`Kept`: and then only what changed in them: each table of up to 100 rows and each row
  of a listing, each quarter and entry of the roadmap (the templates' macros), each proposal's
  item of ``proposals.json``, is kept while what it shows is the same.

The plugin object lives for the whole ``mkdocs serve`` process (it has ``on_startup``), so all
of this is per process and starts empty; ``mkdocs build`` does not use it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..contract.model import Proposal, load_page
from ..contract.problems import Problem

log = logging.getLogger("mkdocs.plugins.prfaq")
T = TypeVar("T")


@dataclass
class _Loaded:
    digest: bytes
    folder: Any
    proposal: Proposal
    problems: list[Problem]
    stat: tuple[int, int, int] | None = None
    """The file's (mtime_ns, size, inode) before it was read."""
    memo: dict[str, Any] = field(default_factory=dict)


class PageCache:
    """Parsed and validated pages across the rebuilds of one process, by page: reused, without
    reading the file, when its modification time, size and inode are those it had when it was
    last read (:meth:`reuse`), else when its text is (compared by a 128-bit BLAKE2 digest,
    :meth:`load`); in both cases only while its displayed path is the same and the plugin's
    options and site schema (:meth:`scope`) have not changed."""

    def __init__(self) -> None:
        self.key: Hashable = None
        self.previous: dict[str, _Loaded] = {}
        self.current: dict[str, _Loaded] = {}
        self.paths: Mapping[str, str | None] = {}
        self.stats: dict[str, tuple[int, int, int] | None] = {}
        self.reused = 0

    def scope(self, key: Hashable) -> None:
        """Start a build whose pages validate as ``key`` says (options, schema): pages of a
        build under another key are parsed again."""
        self.previous = self.current if key == self.key else {}
        self.current, self.key, self.reused, self.stats = {}, key, 0, {}

    def files(self, paths: Mapping[str, str | None]) -> None:
        """Where this build's pages are on disk (``src_path -> abs_src_path``), for :meth:`reuse`."""
        self.paths = paths

    def reuse(self, src_path: str, display_path: str) -> tuple[Proposal, list[Problem]] | None:
        """The previous build's result for a page whose file has not changed since it was read."""
        path = self.paths.get(src_path)
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        stat = self.stats[src_path] = (st.st_mtime_ns, st.st_size, st.st_ino) if st is not None else None
        before = self.previous.get(src_path)
        if stat is None or before is None or before.stat != stat or before.proposal.display_path != display_path:
            return None
        self.reused += 1
        before.proposal.valid = not before.problems  # the cross-check may have changed it
        self.current[src_path] = before
        return before.proposal, list(before.problems)

    def load(self, src_path: str, display_path: str, text: str, validator: Any,
             **options: Any) -> tuple[Proposal, list[Problem]]:
        """:func:`~.model.load_page`, or its result for the same text in the previous build."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        folder = options.get("folder")
        before = self.previous.get(src_path)
        stat = self.stats.get(src_path)  # taken before the text was read: a later change shows
        if before is not None and before.digest == digest and before.folder == folder \
                and before.proposal.display_path == display_path:
            self.reused += 1
            before.proposal.valid = not before.problems  # the cross-check may have changed it
            before.stat = stat
            self.current[src_path] = before
            return before.proposal, list(before.problems)
        proposal, problems = load_page(src_path, display_path, text, validator, **options)
        self.current[src_path] = _Loaded(digest, folder, proposal, list(problems), stat)
        return proposal, problems

    def remember(self, proposal: Proposal, what: str, compute: Callable[[], T]) -> T:
        """``compute()`` for ``proposal``, computed once while the page is unchanged (what it
        depends on besides the page must be in the :meth:`scope`, as the plugin's options are)."""
        entry = self.current.get(proposal.src_path)
        if entry is None or entry.proposal is not proposal:
            return compute()
        if what not in entry.memo:
            entry.memo[what] = compute()
        return entry.memo[what]  # type: ignore[no-any-return]


def options_key(options: Mapping[str, Any], schema_path: str | None) -> Hashable:
    """What a page's validation depends on besides its text: the plugin's options and the site
    schema's bytes (read: the file may change while its name does not)."""
    schema = b""
    if schema_path:
        try:
            with open(schema_path, "rb") as f:
                schema = f.read()
        except OSError:
            schema = b"unreadable"
    return (repr(sorted(options.items(), key=lambda kv: kv[0])), hashlib.blake2b(schema, digest_size=16).digest())


# -- the search index ---------------------------------------------------------------------------

def _search_entries(plugins: Iterable[tuple[str, Any]]) -> tuple[Any, list[dict[str, Any]]] | tuple[None, None]:
    """The search plugin and its list of entries: MkDocs' (``search_index._entries``) or
    Material's (``search_index.entries``)."""
    for _, plugin in plugins:
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                return plugin, entries
    return None, None


class SearchKeeper:
    """The search index of a ``--dirty`` build made whole: each page built this time brings its
    fresh entries, every other page its entries from the build that last built it."""

    def __init__(self) -> None:
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.built: set[str] = set()

    def begin(self) -> None:
        self.built = set()

    def page_built(self, url: str) -> None:
        self.built.add(url)

    def complete(self, plugins: Iterable[tuple[str, Any]], page_urls: Iterable[str]) -> None:
        """Put the index of the search plugin (before it writes it) back together, in the
        order of ``page_urls`` (every page of the site); pages gone from the site drop out."""
        plugin, entries = _search_entries(plugins)
        if plugin is None or entries is None:
            return
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            location = entry.get("location") if isinstance(entry, dict) else None
            if isinstance(location, str):
                fresh.setdefault(location.partition("#")[0], []).append(entry)
        kept: dict[str, list[dict[str, Any]]] = {}
        whole: list[dict[str, Any]] = []
        for url in page_urls:
            page = fresh.get(url, []) if url in self.built else self.entries.get(url, [])
            kept[url] = page
            whole.extend(page)
        self.entries = kept
        entries[:] = whole
        if hasattr(plugin, "search_index_prev"):
            # Material merges the previous index itself, assuming one page was rebuilt; the
            # index is whole already.
            plugin.search_index_prev = None


_EXCLUDED = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*\sdata-search-exclude[\s>=/]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def without_excluded(html: str) -> str:
    """``html`` less every element marked ``data-search-exclude`` (the index's table, the
    roadmap's lists): what a search plugin should index of a listing page. Material's skips
    those elements but parses them first (the index of 1,000 proposals is 1,000 table rows, on
    every rebuild); MkDocs' own would index them."""
    out, at = [], 0
    while (m := _EXCLUDED.search(html, at)) is not None:
        out.append(html[at:m.start()])
        name = m.group(1).lower()
        depth, end = 0, len(html)
        if name in _VOID:
            end = html.find(">", m.start()) + 1 or len(html)
        for tag in () if name in _VOID else _tags(name).finditer(html, m.start()):
            depth += -1 if tag.group().startswith("</") else 1
            if depth == 0:
                end = tag.end()
                break
        at = end
    out.append(html[at:])
    return "".join(out)


@functools.lru_cache(maxsize=32)
def _tags(name: str) -> re.Pattern[str]:
    """The opening and closing tags of one element name."""
    return re.compile(rf"<{re.escape(name)}(?=[\s>/])|</{re.escape(name)}\s*>", re.I)


Listed = tuple[str, bytes, bool, str, tuple[str, ...], Any]
"""What a listing can show of one proposal (:func:`listed_keys`)."""


def listed_keys(cache: PageCache, proposals: Iterable[Proposal], problems: Callable[[Proposal], Sequence[Any]],
                url: Callable[[Proposal], str]) -> dict[str, Listed]:
    """``src_path -> key`` of what a listing can show of each proposal: its data (as a digest,
    computed once while the page is unchanged), validity, URL and problems (not its body: an
    edit to the body changes no listing), and its status history. Compared as they are: a few tuples per proposal, no
    hashing on each build."""
    keys = {}
    for p in proposals:
        data = cache.remember(p, "data", lambda p=p: hashlib.blake2b(  # type: ignore[misc]
            repr(p.data).encode("utf-8", "surrogatepass"), digest_size=16).digest())
        found = problems(p)
        keys[p.src_path] = (p.src_path, data, p.valid, url(p), tuple([str(e) for e in found]) if found else (),
                            p.history)
    return keys


def listing_key(cache: PageCache, templates: Iterable[str], page: str, keys: Iterable[Listed]) -> Hashable:
    """One listing page's key: the options (the cache's scope), the listing templates' sources,
    the page, and the keys of the proposals it may list (:func:`listed_keys`), in order."""
    return (cache.key, page, tuple(templates), tuple(keys))


_MISSING: Any = object()


class Kept:
    """Values worked out from a few inputs, kept across the rebuilds of ``mkdocs serve --dirty``:
    each listing's rows and chunks of rows as HTML, each proposal's item of ``proposals.json``.
    Values are kept in groups (one per listing page, one for the export), each under the key of
    what it was made from; a group keeps what its last use asked for (and what its user
    :meth:`KeptGroup.keep` s), so nothing stale piles up; every group starts over when the scope
    (the options, the templates) changes."""

    def __init__(self) -> None:
        self.scope: Hashable = _MISSING
        self.groups: dict[str, dict[Hashable, Any]] = {}
        self.made = 0
        """Values made (not found) since :meth:`begin`."""

    def begin(self, scope: Hashable) -> None:
        if scope != self.scope:
            self.groups, self.scope = {}, scope
        self.made = 0

    def retain(self, names: Iterable[str]) -> None:
        """Forget the groups not named (a status page that left the site)."""
        names = set(names)
        self.groups = {name: group for name, group in self.groups.items() if name in names}

    def group(self, name: str) -> KeptGroup:
        """One use of a group: what it does not ask for is forgotten."""
        now: dict[Hashable, Any] = {}
        group = KeptGroup(self, self.groups.get(name, {}), now)
        self.groups[name] = now
        return group


class KeptGroup:
    """One use of a group of :class:`Kept` values."""

    def __init__(self, kept: Kept, before: dict[Hashable, Any], now: dict[Hashable, Any]) -> None:
        self.kept, self.before, self.now = kept, before, now
        self.asked: list[Hashable] | None = None
        """Where the keys asked for are noted, while not None (what a value is made of)."""

    def __call__(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept under ``key``, else ``make()``."""
        if self.asked is not None:
            self.asked.append(key)
        value = self.now.get(key, _MISSING)
        if value is _MISSING:
            value = self.before.get(key, _MISSING)
            if value is _MISSING:
                value = make()
                self.kept.made += 1
            self.now[key] = value
        return value  # type: ignore[no-any-return]

    def keep(self, keys: Iterable[Hashable]) -> None:
        """Keep these values too (those a kept value was made from: a chunk's rows)."""
        for key in keys:
            if key not in self.now and (value := self.before.get(key, _MISSING)) is not _MISSING:
                self.now[key] = value


def remove_stale(before: Iterable[str], now: Iterable[str], exists: Callable[[str], bool] = os.path.isfile) -> None:
    """Remove the outputs of generated pages of an earlier build that this build no longer
    generates (a status page whose last proposal changed status)."""
    for path in set(before) - set(now):
        if exists(path):
            try:
                os.remove(path)
            except OSError as e:  # pragma: no cover - the served folder is MkDocs' temp dir
                log.debug(f"prfaq: could not remove {path}: {e}")
