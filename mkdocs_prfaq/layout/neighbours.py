"""What other plugins and Markdown extensions may do on a page under the proposals folder.

A PR/FAQ is written by anyone who can open a pull request, so nothing on a page under the folder
may run as code in the build or pull the workspace's files into the site:

- **mkdocs-macros** renders a page as Jinja (``{{ self.__init__.__globals__... }}`` runs any
  Python): each such page gets ``render_macros: false`` in ``page.meta``, which macros honours
  before anything else, in its default and its opt-in mode alike.
- **markdown-exec** and other custom fences of ``pymdownx.superfences`` run a fence's code
  (```` ```python exec="on" ````): on these pages only the fences ``pymdownx`` itself formats
  (Mermaid, plain ``<pre>``/``<div>``) are recognised; any other custom fence is ignored there
  and its code shows as written.
- **pymdownx.snippets** includes files (``--8<-- ".git/config"``): on these pages only files in
  the folder the site names (the plugin's ``snippets_dir``; by default none) are included, never
  a URL, and every other include is a problem at its line.
- Plugins known to render or include page content that cannot be switched off for one page
  (:data:`UNSTOPPABLE`) get one warning per build.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from ..contract.model import Proposal
from ..contract.problems import Problem
from ..contract.schema import SchemaValidator
from ..contract.validate import THEME_KEYS, schema_keys

MACROS_SWITCH = "render_macros"
"""The ``page.meta`` key mkdocs-macros reads first: ``False`` means it leaves the page alone."""

SAFE_FENCE_MODULES = ("pymdownx.",)
"""Custom fences whose formatter and validator come from these modules only lay out the fence's
text (``fence_code_format``, ``fence_div_format``): they stay on on PR/FAQ pages."""

UNSTOPPABLE = {
    "markdownextradata": "renders every page's Markdown as a Jinja template",
    "include-markdown": "includes any file a page names ({% include-markdown %})",
}
"""Plugins (as named in ``plugins:``) that execute or include page content and offer no per-page
switch: the build warns once that PR/FAQ pages are not protected from them."""

UNSTOPPABLE_EXTENSIONS = {
    "mdx_include": "includes any file or URL a page names ({! file !})",
}
"""Markdown extensions (as named in ``markdown_extensions:``) of the same kind
(``plantuml_markdown`` and ``markdown_include`` are switched off on those pages: :data:`SILENCED`)."""

_WRAPPED = "__prfaq_neighbours__"
MAX_REPORTED = 20
"""Refused includes reported one by one per page; the rest are one line."""


def known_key(validator: SchemaValidator, key: str) -> bool:
    """A front-matter key the site's schema names (or matches with ``patternProperties``), or one
    of the themes' (:data:`~..contract.validate.THEME_KEYS`): what a PR/FAQ's ``page.meta`` may
    carry. Any other key, however ``unknown_keys`` treats it, stays out of ``page.meta``."""
    if key == MACROS_SWITCH:
        return False
    keys = schema_keys(validator)
    return key in keys.names or key in THEME_KEYS or any(re.search(p, key) for p in keys.patterns)


def safe_fence(fn: Any) -> bool:
    """Whether a superfences formatter or validator only lays out the fence's text (pymdownx's own)."""
    return _safe_callable(fn)


def _safe_callable(fn: Any) -> bool:
    if isinstance(fn, functools.partial):
        fn = fn.func
    return str(getattr(fn, "__module__", "") or "").startswith(SAFE_FENCE_MODULES)


class Neighbours:
    """Holds whether the page being rendered is under the proposals folder (:attr:`active`, set
    by the plugin for each page) and switches the other plugins and extensions off for it."""

    def __init__(self, snippets_dir: str | None = None) -> None:
        self.active = False
        self.snippets_dir = os.path.abspath(snippets_dir) if snippets_dir else None

    # -- configuration, once per build ----------------------------------------------------------

    def configure(self, plugins: Iterable[str], mdx_configs: MutableMapping[str, Any],
                  extensions: Iterable[Any] = ()) -> list[str]:
        """Wrap every custom fence that is not pymdownx's own so it is not recognised on a hostile
        page; the warnings to log (once per build) for plugins and Markdown extensions that cannot
        be switched off."""
        fences = mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        for fence in fences if isinstance(fences, list) else []:
            if isinstance(fence, dict):
                self._wrap_fence(fence)
        found = [(f"plugin {name!r}", what) for name in plugins if (what := UNSTOPPABLE.get(name))]
        found += [(f"Markdown extension {name!r}", what) for name in extensions
                  if isinstance(name, str) and (what := UNSTOPPABLE_EXTENSIONS.get(name))]
        return [f"prfaq: {which} {what}, on PR/FAQ pages too, and has no per-page switch: anyone who can change "
                f"a PR/FAQ can use it (remove it, or keep PR/FAQs where it does not run)" for which, what in found]

    def _wrap_fence(self, fence: dict[str, Any]) -> None:
        validator = fence.get("validator")
        fmt = fence.get("format")
        if getattr(validator, _WRAPPED, False):
            return
        if (fmt is None or _safe_callable(fmt)) and (validator is None or _safe_callable(validator)):
            return
        inner = validator

        def guarded(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any],
                    md: Markdown) -> bool:
            if self.active:
                return False
            if inner is None:  # superfences' own default, as it would have used
                from pymdownx.superfences import default_validator  # type: ignore[import-untyped]
                return bool(default_validator(language, inputs, options, attrs, md))
            return bool(inner(language, inputs, options, attrs, md))

        setattr(guarded, _WRAPPED, True)
        fence["validator"] = guarded

    # -- page.meta ------------------------------------------------------------------------------

    def switch_off(self, meta: MutableMapping[str, Any]) -> None:
        """The switches other plugins read from ``page.meta``, set so they leave the page alone."""
        meta[MACROS_SWITCH] = False

    # -- snippets -------------------------------------------------------------------------------

    def extension(self) -> Extension:
        """Restricts pymdownx.snippets on hostile pages (add after the site's extensions)."""
        return _GuardExtension(self)

    def refused(self, path: str) -> bool:
        """An include that is not honoured on a hostile page: any, unless it names a file inside
        :attr:`snippets_dir` (after resolving links and dot segments)."""
        return self.resolve(_file_part(path)) is None

    def resolve(self, path: str) -> str | None:
        """The file an include names, if it is one inside :attr:`snippets_dir` (links resolved),
        and not a hidden one."""
        if self.snippets_dir is None or "://" in path or "\0" in path:
            return None
        base = os.path.realpath(self.snippets_dir)
        target = os.path.realpath(os.path.join(base, path))
        if not (target.startswith(base + os.sep) and os.path.isfile(target)):
            return None
        hidden = any(part.startswith(".") for part in os.path.relpath(target, base).split(os.sep))
        return None if hidden else target  # never .git/config or .env, even under a folder named "."

    def snippet_problems(self, display_path: str, body: str, read_text: Callable[[], str],
                         fields: Iterable[tuple[str, str]] = (), proposal: Proposal | None = None) -> list[Problem]:
        """A problem at the line of each include that a page under the folder asks for and does
        not get: in its body (the line in the file) and in each Markdown field of a PR/FAQ
        (the field's line). Without ``proposal``, a page under the folder that is not a PR/FAQ
        (its ``index.md``, an excluded page), and the problems say so."""
        problems: list[Problem] = []
        found = list(includes(body))
        at: dict[str, list[int]] = {}  # a line's text -> where it is in the file (read only if needed)

        def lines_of(raw: str) -> list[int]:
            if not at:
                for n, line in enumerate(read_text().splitlines(), 1):
                    at.setdefault(line.strip(), []).append(n)
                at.setdefault("", [])
            return at.get(raw.strip(), [])

        if found:
            found = found[:MAX_REPORTED + 1]
            text = read_text()
            offset = text.count("\n", 0, len(text) - len(body)) if body and text.endswith(body) else 0
            for line, _, path in found:
                if self.refused(path):
                    message = self._message(path, proposal is not None)
                    problems.append(Problem(display_path, offset + line, "body", message))
        reported = {p.line for p in problems}
        for key, markdown in fields:
            for _, raw, path in includes(markdown):
                if not self.refused(path):
                    continue
                field_line = proposal.line_of(*key.split(".")) if proposal is not None else 1
                # the include's own line: the first like it from the field's on (a block scalar's
                # line, or the body form's section) not reported yet, else the field's
                candidates = [n for n in lines_of(raw) if n >= field_line]
                free = next((n for n in candidates if n not in reported), None)
                if free is None and candidates:  # the body's, reported already
                    continue
                line = field_line if free is None else free
                reported.add(line)
                problems.append(Problem(display_path, line, key, self._message(path, proposal is not None)))
                if len(problems) > MAX_REPORTED:
                    break
        if len(problems) > MAX_REPORTED:
            first = problems[MAX_REPORTED]
            problems[MAX_REPORTED:] = [Problem(display_path, first.line, first.field,
                                               "more includes not honoured from here on (expected the text itself)")]
        return problems

    def _message(self, path: str, prfaq: bool) -> str:
        shown = path if len(path) <= 120 else path[:117] + "..."
        where = (f"files in snippets_dir ({os.path.basename(self.snippets_dir)!r})" if self.snippets_dir
                 else "the text itself; set the plugin's snippets_dir to allow includes from one folder")
        page = "a PR/FAQ page" if prfaq else "a page under the proposals folder"
        return f"include {shown!r} is not honoured on {page} (expected {where})"


_ALL = re.compile(
    r"""^[ \t]*(?P<escape>;*)(?:(?P<inline>-+8<-+[ \t]+)(?P<path>"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')(?![ \t])"""
    r"""|(?P<block>-+8<-+)(?![ \t]))\r?$""")
_SECTION = re.compile(r"[A-Za-z][-_0-9A-Za-z]*")
_LINES = re.compile(r"(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*")
_LINE_CHARS = frozenset("-0123456789:,")


def _file_part(path: str) -> str:
    """The file of a snippet target, without its ``:section`` or ``:lines`` (``a.md:3:5`` ->
    ``a.md``), in linear time. Only for reporting: the include itself is resolved by
    pymdownx.snippets' own reading, through :meth:`Neighbours.resolve`."""
    head, colon, tail = path.rpartition(":")
    if colon and head and _SECTION.fullmatch(tail):
        return head
    i = len(path)
    while i and path[i - 1] in _LINE_CHARS:
        i -= 1
    j = path.find(":", i)
    if j > 0 and _LINES.fullmatch(path, j):
        return path[:j]
    return path


def includes(markdown: str) -> Iterator[tuple[int, str, str]]:
    """``(line, text, path)`` of each snippet include in ``markdown`` as pymdownx.snippets reads
    them: ``--8<-- "file"`` (any run of ``-``), and each line of a ``--8<--`` block; escaped
    (``;--8<--``) and commented (``;file``) ones are not includes."""
    block = False
    for n, line in enumerate(markdown.splitlines(), 1):
        if "8<-" not in line and not block:
            continue
        m = _ALL.match(line)
        if m:
            if m.group("escape"):
                continue
            if m.group("block"):
                block = not block
                continue
            if block:
                continue
            path = m.group("path")[1:-1].strip()
        elif block:
            path = line.strip()
        else:
            continue
        if path and not path.startswith(";"):
            yield n, line, path


class _GuardExtension(Extension):
    def __init__(self, neighbours: Neighbours) -> None:
        super().__init__()
        self.neighbours = neighbours

    def extendMarkdown(self, md: Markdown) -> None:
        # Around pymdownx.snippets' preprocessor (32), whichever extension registered it and when.
        restrict = _Restrict(md, self.neighbours)
        md.preprocessors.register(restrict, "prfaq_snippets_restrict", 32.5)
        md.preprocessors.register(_Silence(md, self.neighbours), "prfaq_silence", 1000)
        md.preprocessors.register(_Restore(md, restrict), "prfaq_snippets_restore", 31.5)


SILENCED = {"plantuml": "plantuml_markdown", "include": "markdown_include.include"}
"""Preprocessors (registered name: extension) that read files a page names: on a hostile page
they pass its lines through untouched (the diagram or the include line shows as written)."""


class _Silence(Preprocessor):
    """First of all preprocessors: makes each of :data:`SILENCED` a no-op while a hostile page
    renders (its ``run`` wrapped once; the site's own pages are untouched)."""

    def __init__(self, md: Markdown, neighbours: Neighbours) -> None:
        super().__init__(md)
        self.neighbours = neighbours

    def run(self, lines: list[str]) -> list[str]:
        for name in SILENCED:
            if name in self.md.preprocessors:
                processor: Any = self.md.preprocessors[name]
                if not getattr(processor, _WRAPPED, False):
                    processor.run = functools.partial(_unless_active, self.neighbours, processor.run)
                    setattr(processor, _WRAPPED, True)
        return lines


def _unless_active(neighbours: Neighbours, inner: Callable[[list[str]], list[str]], lines: list[str]) -> list[str]:
    return lines if neighbours.active else inner(lines)


_SETTINGS = ("check_paths", "url_download", "auto_append")


class _Restrict(Preprocessor):
    """On a hostile page, pymdownx.snippets as configured except: only files in the site's
    snippets_dir (:meth:`Neighbours.resolve`), no URL, no failing build (the plugin reports each
    refused include itself). :class:`_Restore` puts its settings back after it ran."""

    def __init__(self, md: Markdown, neighbours: Neighbours) -> None:
        super().__init__(md)
        self.neighbours = neighbours
        self.saved: tuple[Any, dict[str, Any]] | None = None

    def run(self, lines: list[str]) -> list[str]:
        snippet: Any = self.md.preprocessors["snippet"] if "snippet" in self.md.preprocessors else None
        if snippet is None or not self.neighbours.active:
            return lines
        self.saved = snippet, {name: getattr(snippet, name) for name in _SETTINGS if hasattr(snippet, name)}
        snippet.check_paths = False
        snippet.url_download = False
        snippet.auto_append = []
        snippet.get_snippet_path = self.neighbours.resolve  # shadows the method, for this page
        return lines


class _Restore(Preprocessor):
    def __init__(self, md: Markdown, restrict: _Restrict) -> None:
        super().__init__(md)
        self.restrict = restrict

    def run(self, lines: list[str]) -> list[str]:
        if self.restrict.saved is not None:
            snippet, settings = self.restrict.saved
            self.restrict.saved = None
            if "get_snippet_path" in vars(snippet):
                del snippet.get_snippet_path
            for name, value in settings.items():
                setattr(snippet, name, value)
        return lines
