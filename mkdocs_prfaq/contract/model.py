"""The proposals of a site: each PR/FAQ parsed once, validated, and checked against the others.

Nothing here knows about MkDocs; the plugin, the CLI and the Python-Markdown extension all load a
site with :func:`load_catalog` (through :func:`mkdocs_prfaq.site.load_site`).
"""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import body, frontmatter, placeholders
from .depth import LIMIT, NESTING, markdown_nesting, too_deep
from .lifecycle import DECISION_LEVELS, FULL_LEVELS, Lifecycle
from .lifecycle import DEFAULT as DEFAULT_LIFECYCLE
from .problems import FRONT_MATTER, Problem, field_path, has_controls, shown
from .schema import SchemaValidator
from .validate import SUGGEST_MAX_LENGTH, SUGGEST_PER_PAGE, closest_hint, page_errors, short

if TYPE_CHECKING:
    from ..index.history import History

STATUSES: tuple[str, ...] = DEFAULT_LIFECYCLE.names
"""The built-in lifecycle's statuses (a site may have its own: :mod:`.lifecycle`)."""
FULL = tuple(DEFAULT_LIFECYCLE.names_at(FULL_LEVELS))
"""Built-in statuses that need the whole document (the schema's status rules say the same)."""
DECIDED = tuple(DEFAULT_LIFECYCLE.names_at(DECISION_LEVELS))
"""Built-in statuses that need a decision."""
CLOSED = tuple(s.name for s in DEFAULT_LIFECYCLE.statuses if not s.open)


def as_text(value: Any) -> str:
    """``value`` if it is text, else ``''``: front matter of the wrong type reads as empty."""
    return value if isinstance(value, str) else ""


def as_texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass
class Proposal:
    """One PR/FAQ page: its front matter as data (dates as ISO strings) and its Markdown body.

    The accessors tolerate invalid data (``on_invalid: warn`` still renders the page): a field
    of the wrong type reads as empty. They are computed once: ``data`` does not change after
    loading.
    """

    src_path: str
    """Path under ``docs_dir``, with forward slashes: ``proposals/podgenie.md``."""
    display_path: str
    """Path as shown in problems: ``docs/proposals/podgenie.md``."""
    data: dict[str, Any]
    lines: dict[frontmatter.Path, int]
    body: str
    valid: bool = True
    warnings: list[Problem] = field(default_factory=list)
    """What is worth a look but does not stop the build (an unknown key under ``unknown_keys: warn``)."""
    preface: str = ""
    """Body form: what the press release holds before its dateline, as written (shown there)."""
    history: History | None = field(default=None, compare=False, repr=False)
    """Its status history from git (:mod:`..index.history`), None when git gives none."""
    written: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """The data as written where ``data`` shows a control character as U+FFFD (:func:`shown_data`),
    else None."""

    @cached_property
    def id(self) -> str:
        explicit = self.data.get("id")
        if isinstance(explicit, str) and explicit:
            return explicit
        return posixpath.splitext(posixpath.basename(self.src_path))[0]

    @cached_property
    def title(self) -> str:
        return as_text(self.data.get("title")) or self.id

    @cached_property
    def written_title(self) -> str:
        """The title as written, control characters kept: for the feed, whose XML drops them."""
        return as_text((self.data if self.written is None else self.written).get("title")) or self.id

    @cached_property
    def status(self) -> str:
        """The status as written (or as its folder says, with ``status_from: folder``), ``''`` if
        none: never a default. Whether it is one of the site's is the lifecycle's to say, and a
        page whose status is not is invalid."""
        return as_text(self.data.get("status"))

    @cached_property
    def owner(self) -> str:
        return as_text(self.data.get("owner"))

    @cached_property
    def subtitle(self) -> str:
        return as_text(self.data.get("subtitle"))

    @cached_property
    def created(self) -> str:
        return as_text(self.data.get("created"))

    @cached_property
    def updated(self) -> str:
        return as_text(self.data.get("updated"))

    @cached_property
    def sort_date(self) -> str:
        """``updated``, else ``created``: what 'newest first' means."""
        return self.updated or self.created

    @cached_property
    def authors(self) -> list[str]:
        return as_texts(self.data.get("authors"))

    @cached_property
    def reviewers(self) -> list[str]:
        return as_texts(self.data.get("reviewers"))

    @cached_property
    def tags(self) -> list[str]:
        return as_texts(self.data.get("tags"))

    @cached_property
    def related(self) -> list[str]:
        return as_texts(self.data.get("related"))

    @cached_property
    def superseded_by(self) -> str:
        return as_text(self.data.get("superseded_by"))

    @cached_property
    def launched(self) -> str:
        return as_text(self.data.get("launched"))

    @cached_property
    def dateline(self) -> dict[str, str]:
        return {k: v for k, v in _mapping(self.data.get("dateline")).items() if isinstance(v, str)}

    @cached_property
    def press_release(self) -> dict[str, str]:
        return {k: v for k, v in _mapping(self.data.get("press_release")).items() if isinstance(v, str)}

    @cached_property
    def quotes(self) -> list[dict[str, Any]]:
        return _mappings(self.data.get("quotes"))

    def faq(self, part: str) -> list[dict[str, Any]]:
        return _mappings(_mapping(self.data.get("faq")).get(part))

    @cached_property
    def customer(self) -> dict[str, str]:
        return {k: v for k, v in _mapping(self.data.get("customer")).items() if isinstance(v, str)}

    @cached_property
    def decision(self) -> dict[str, Any]:
        return _mapping(self.data.get("decision"))

    def line_of(self, *path: str) -> int:
        return frontmatter.line_of(self.lines, path)


@dataclass
class Catalog:
    """Every proposal of a site and every problem found in them."""

    proposals: list[Proposal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    """``src_path`` of the files the site leaves out: pages that could not be read (not UTF-8, no
    permission), and files under the folder that could run script (:func:`..site.active_files`)."""
    warnings: list[Problem] = field(default_factory=list)
    """Every page's warnings, in page order."""
    others: dict[str, str] = field(default_factory=dict)
    """``display_path`` -> what it is, for each path with a problem that is no PR/FAQ (a listing
    page, :data:`LISTING_PAGE`; a file that is no page): how the summary line counts it."""

    def __post_init__(self) -> None:
        self.by_id: dict[str, Proposal] = {}
        self.by_src: dict[str, Proposal] = {}
        for p in self.proposals:
            self.by_id.setdefault(p.id, p)
            self.by_src[p.src_path] = p

    @property
    def checked(self) -> int:
        return len(self.proposals)

    def problems_of(self, proposal: Proposal) -> list[Problem]:
        """The problems of one page, in order (cross-checks included)."""
        if not hasattr(self, "_by_page"):
            self._by_page: dict[str, list[Problem]] = {}
            for problem in self.problems:
                self._by_page.setdefault(problem.path, []).append(problem)
        return self._by_page.get(proposal.display_path, [])


def is_proposal(src_path: str, directory: str, exclude: Iterable[str] = ()) -> bool:
    """Every Markdown page under ``<dir>/`` except ``<dir>/index.md`` and the pages ``exclude``
    names (globs relative to ``<dir>/``, see :func:`excluded`) is a PR/FAQ."""
    prefix = directory.strip("/") + "/"
    stem, dot, extension = src_path.rpartition(".")
    return (src_path.startswith(prefix) and dot == "." and "." + extension.lower() in MARKDOWN_EXTENSIONS
            and stem != prefix + "index" and not (exclude and excluded(src_path[len(prefix):], exclude)))


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_UNDECODED = re.compile("[\ud800-\udfff]")
"""What Python makes of the bytes of a file name that are not UTF-8 (``os.fsdecode``: surrogates)."""

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

LISTING_MARKER = re.compile(r"^[ ]{0,3}<!--[ \t]*prfaq[ :](index|roadmap|status[ ]+([a-z0-9_-]{1,64}))[ \t]*-->[ \t]*$",
                            re.MULTILINE)
"""A listing marker, alone on its line: ``<!-- prfaq index -->``, ``<!-- prfaq roadmap -->``,
``<!-- prfaq status in-review -->`` (and the generated pages' ``<!-- prfaq:index -->``). A page
that holds one is a listing (the index, a status page, the roadmap), not a PR/FAQ."""


def listing_of(text: str) -> tuple[str, str, int, int] | None:
    """``(kind, status, start, end)`` of the first listing marker in a page's Markdown, or None.
    A marker counts where Markdown reads it as an HTML block (not inside a fenced or indented
    code block, where a page shows it as an example)."""
    if "prfaq" not in text:
        return None
    html_lines: set[int] | None = None
    line, at = 0, 0
    for m in LISTING_MARKER.finditer(text):
        line, at = line + text.count("\n", at, m.start()), m.start()  # counted once over the text
        if html_lines is None:
            from .reader import read

            html_lines = {n for b in read(text).blocks if b.kind == "html" for n in range(b.start, b.end)}
        if line in html_lines:
            kind = "status" if m.group(1).startswith("status") else m.group(1)
            return kind, m.group(2) or "", m.start(), m.end()
    return None
"""What MkDocs renders as a page (``mkdocs.utils.markdown_extensions``): every one is a PR/FAQ."""


def listing_problem(display_path: str, text: str, lifecycle: Lifecycle) -> Problem | None:
    """A listing page whose marker names a status the site does not have
    (``<!-- prfaq status aproved -->``, which would list nothing): a problem at the marker's line,
    naming the statuses there are and the nearest one; None for any other page."""
    marker = listing_of(text) if "status" in text else None
    if marker is None or marker[0] != "status" or lifecycle.get(marker[1]) is not None:
        return None
    _, status, start, _ = marker
    hint = closest_hint(status, lifecycle.names)
    return Problem(display_path, text.count("\n", 0, start) + 1, "status",
                   f"the listing marker '<!-- prfaq status {status} -->' names an unknown status, so the page "
                   f"lists nothing (expected one of: {', '.join(lifecycle.names)}){hint}")


_MARKER_LIKE = re.compile(r"^[ ]{0,3}<!--[ \t]*prfaq\b[^\n]*", re.MULTILINE)

LISTING_PAGE = "listing page"
"""What a page that is a listing, or meant to be one, is called in the summary line
(:func:`.problems.summary`): its problems are not a PR/FAQ's."""


def marker_problem(display_path: str, text: str) -> Problem | None:
    """A page with no front matter whose HTML comment starts like a listing marker but is none
    (``<!-- prfaq status: approved -->``, ``<!-- prfaq statuses approved -->``): a problem at its
    line (the page is meant as a listing, and lists nothing); None for any other page. Read as
    :func:`listing_of` reads markers: in an HTML block, not in a code block."""
    if "prfaq" not in text or frontmatter.OPEN_RE.match(text) or frontmatter.EMPTY_RE.match(text):
        return None
    html_lines: set[int] | None = None
    line, at = 0, 0
    for m in _MARKER_LIKE.finditer(text):
        line, at = line + text.count("\n", at, m.start()), m.start()
        if html_lines is None:
            from .reader import read

            html_lines = {n for b in read(text).blocks if b.kind == "html" for n in range(b.start, b.end)}
        if line in html_lines:
            return Problem(display_path, line + 1, "page",
                           f"{short(m.group(0).strip())} is not a listing marker, so the page lists nothing (expected "
                           "'<!-- prfaq index -->', '<!-- prfaq status NAME -->' or '<!-- prfaq roadmap -->', alone "
                           "on its line)")
    return None


def excluded(path: str, patterns: Iterable[str]) -> bool:
    """Whether ``path`` (relative to the plugin's folder, with '/') matches one of the globs, or is
    inside a folder one matches: ``*`` and ``?`` stay within a folder name, ``**`` crosses folders,
    ``[abc]`` is one of the characters. ``templates/*`` and ``templates`` both exclude
    ``templates/a.md``; ``README.md`` is the one at the top, ``**/README.md`` every one."""
    return any(_glob(p).match(path) for p in patterns)


@functools.lru_cache(maxsize=512)
def _glob(pattern: str) -> re.Pattern[str]:
    out, i, text = [], 0, pattern.strip().strip("/")
    while i < len(text):
        ch = text[i]
        if text.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if text.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[" and (end := text.find("]", i + 2)) != -1 and "/" not in text[i:end]:
            inner = text[i + 1 : end]
            negate = inner.startswith("!")
            out.append("[" + ("^" if negate else "") + re.escape(inner[1:] if negate else inner) + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + "(?:/.*)?\\Z")


Source = tuple[str, str, Callable[[], str]]
"""``(src_path, display_path, read)``: where a page is and how to read its text."""

PAGE_BYTES = 1 << 20
"""The largest page read as a PR/FAQ (``limits.page_bytes``): 1 MiB, some 150,000 words."""


class TooLarge(Exception):
    """A page's file is over the size limit: raised by a source's ``read`` before reading it."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def too_large(size: int, max_bytes: int) -> str:
    return f"{size:,} bytes, over the {max_bytes:,}-byte limit (limits.page_bytes)"


def load_page(
    src_path: str, display_path: str, text: str, validator: SchemaValidator,
    *, max_chars: int = frontmatter.MAX_CHARS, labels: Mapping[str, str] | None = None,
    unknown_keys: str = "warn", lifecycle: Lifecycle = DEFAULT_LIFECYCLE, folder: str | None = None,
) -> tuple[Proposal, list[Problem]]:
    """Parse and validate one page. Always returns a proposal (``valid`` says if it passed; its
    ``warnings`` hold what does not fail it, such as unknown keys under ``unknown_keys: warn``).

    A page whose front matter expands past ``max_chars`` through YAML aliases (or past
    :data:`~.frontmatter.MAX_VALUES` values) gets one problem and no data: nothing is rendered
    from it.

    The status must be one of the ``lifecycle``'s; with ``status_from: folder`` it is the page's
    first folder under the plugin's (``folder``), and a ``status`` that disagrees is a problem.
    """
    parsed = frontmatter.parse(text, max_chars=max_chars)
    errors = list(parsed.errors)
    preface = ""
    if parsed.data is not None:
        written = body.parse(parsed.body, _body_offset(text, parsed.body), labels)
        if written is not None:
            errors.extend(_merge(parsed, written))
            preface = written.preface
        by_folder = _status_from_folder(parsed, lifecycle, folder) if lifecycle.status_from == "folder" else []
        errors.extend(by_folder)
        try:
            found, warned = page_errors(validator, parsed, unknown_keys)
        except RecursionError:  # a site schema that recurses deeper than Python can follow
            found, warned = [frontmatter.FrontMatterError(1, FRONT_MATTER, "the site schema recurses too "
                             "deeply to check this page (expected a schema whose $refs end sooner)")], []
        if written is not None and "dateline" in written.data:
            found = [_body_date(e) for e in found]
        if written is not None and written.unspaced:  # '##External FAQ' named, not 'missing' too (nor, over
            # a setext underline, as a heading that names no FAQ: so before the next step rewords 'missing')
            found = [e for e in found if not body.repeats_unspaced(written, e.field, e.message)]
        if written is not None and written.not_faq:  # '## Questions customers ask' named, not 'missing'
            found = [_named(written, e) for e in found]
        errors.extend(e for e in found if not (by_folder and e.field == "status"))
        errors.extend(_unknown_status(parsed, lifecycle, {e.field for e in errors}))
        errors.extend(_placeholders(parsed, {e.field for e in errors}, lifecycle))
        errors.extend(_deep_html(parsed, _body_offset(text, parsed.body) + 1,
                                 text if lifecycle.status_from != "folder" else None))
    else:
        warned = []
    problems = [Problem(display_path, e.line, e.field, e.message) for e in errors]
    data, written = parsed.data, None
    # a control character in the data is a YAML escape ("a\\x07b") or in the text itself (the body form)
    if data and ("\\" in text or has_controls(text)) and (shown := shown_data(data)) != data:
        data, written = shown, data
    proposal = Proposal(src_path, display_path, data or {}, parsed.lines, parsed.body, not problems,
                        [Problem(display_path, w.line, w.field, w.message) for w in warned], preface, written=written)
    return proposal, problems


def shown_data(value: Any) -> Any:
    """A page's data as its pages show it (:func:`.problems.shown`): every C0 and C1 control
    character of every string, keys included, is U+FFFD (tab, line feed and carriage return aside).
    Applied once, where a proposal is made of its validated data, so no layout, listing, title or
    ``page.meta`` prints one raw (nh3 drops only NUL); problems quote the value as written."""
    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return shown(value)
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(value)


def _status_from_folder(
    parsed: frontmatter.ParsedPage, lifecycle: Lifecycle, folder: str | None
) -> list[frontmatter.FrontMatterError]:
    """``status_from: folder``: the page's status is its folder's name, put in its data before
    it is validated; a ``status`` in front matter that says otherwise is a problem."""
    assert parsed.data is not None
    names = ", ".join(lifecycle.names)
    written = parsed.data.get("status")
    line = parsed.line_of(("status",))
    if folder is None or lifecycle.get(folder) is None:
        where = (f"it is in folder {short(folder)}, which is not a status" if folder is not None
                 else "it is not in a status folder")
        hint = closest_hint(folder, lifecycle.names) if folder is not None else ""
        return [frontmatter.FrontMatterError(line, "status", f"with status_from: folder, a page's folder is its "
                                             f"status, but {where} (expected one of the folders: {names}){hint}")]
    parsed.data["status"] = folder
    if written is not None and written != folder:
        return [frontmatter.FrontMatterError(line, "status", f"{short(written)} disagrees with the page's folder "
                                             f"{folder!r} (expected {folder!r} or no status: with status_from: "
                                             "folder the folder is the status)")]
    return []


def _unknown_status(
    parsed: frontmatter.ParsedPage, lifecycle: Lifecycle, reported: set[str]
) -> list[frontmatter.FrontMatterError]:
    """A status that is not one of the site's is a problem whatever the schema says (a site
    schema that replaces the bundled one may not list them)."""
    data = parsed.data or {}
    if "status" in reported or lifecycle.get(data.get("status")) is not None:
        return []
    names = ", ".join(lifecycle.names)
    if "status" not in data:
        return [frontmatter.FrontMatterError(1, "status", "missing (a required field)")]
    status = data["status"]
    hint = closest_hint(status, lifecycle.names) if isinstance(status, str) and len(status) <= SUGGEST_MAX_LENGTH \
        else ""
    return [frontmatter.FrontMatterError(parsed.line_of(("status",)), "status",
                                         f"unknown status {short(status)} (expected one of: {names}){hint}")]


def _placeholders(
    parsed: frontmatter.ParsedPage, reported: set[str], lifecycle: Lifecycle = DEFAULT_LIFECYCLE
) -> list[frontmatter.FrontMatterError]:
    """Placeholder text in a proposal that should be complete (:mod:`.placeholders`)."""
    data = parsed.data or {}
    status = data.get("status")
    known = lifecycle.get(status)
    if known is None or not known.full:
        return []
    errors = []
    for path, value in placeholders.find(data):
        name = field_path(path)
        if name not in reported:
            errors.append(frontmatter.FrontMatterError(
                parsed.line_of(path), name,
                f"placeholder text {short(value) if value.strip() else 'with no words'} "
                f"(status {status!r} needs the real text)"))
    return errors


def _deep_html(parsed: frontmatter.ParsedPage, body_line: int, source: str | None = None
               ) -> list[frontmatter.FrontMatterError]:
    """HTML written in the body or a field that nests deeper than the sanitiser reads
    (:mod:`.depth`): found here, so ``check`` says what the build would. ``source``: the page's
    text, when every text in the page's data comes from it (not from its folder's name)."""
    found = []
    if too_deep(parsed.body):
        found.append(frontmatter.FrontMatterError(body_line, "body", f"its {NESTING} (expected at most {LIMIT} "
                                                  "levels of HTML elements)"))
    if not _some_tags(parsed.data, source):
        return found
    stack: list[tuple[frontmatter.Path, Any]] = [((), parsed.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if too_deep(value):
                found.append(frontmatter.FrontMatterError(parsed.line_of(path), field_path(path), f"its {NESTING} "
                                                          f"(expected at most {LIMIT} levels of HTML elements)"))
        elif isinstance(value, dict):
            stack.extend(((*path, str(k)), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, str(i)), v) for i, v in enumerate(value))
    return found


def _some_tags(data: Any, source: str | None = None) -> bool:
    """Whether a text anywhere in ``data`` holds enough '<' to be read by :func:`.depth.too_deep`
    (one walk, no paths: most pages have none, and their fields are not walked again). No text
    holds more '<' than the ``source`` it was read from, YAML aliases included, unless an escape
    (``"\\x3c"``, after a backslash) wrote one: a source with few and no backslash is not walked."""
    enough = LIMIT // 3
    if source is not None and "\\" not in source and source.count("<") <= enough:
        return False
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value.count("<") > enough:
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


BODY_DATES = "March 3, 2027, 3 March 2027, Mar 3rd 2027, 2027-03-03, or a month: March 2027"
"""The dates a dateline of the body form may give (:func:`.body.parse_date`)."""


def _body_date(error: frontmatter.FrontMatterError) -> frontmatter.FrontMatterError:
    """A dateline of the body form whose date it cannot read: the message names the forms it
    reads, not the front matter's YYYY-MM-DD."""
    if error.field != "dateline.date" or not error.message.endswith("(expected YYYY-MM-DD)"):
        return error
    message = error.message.removesuffix("(expected YYYY-MM-DD)").replace(" is not a valid date", " is not a date "
                                                                             "the dateline can read", 1)
    return frontmatter.FrontMatterError(error.line, error.field, f"{message}(expected {BODY_DATES})")


def _named(written: body.BodyDoc, error: frontmatter.FrontMatterError) -> frontmatter.FrontMatterError:
    """A missing FAQ reported at the heading that is no FAQ heading, naming it (:func:`.body.explain_missing`)."""
    explained = body.explain_missing(written, error.field, error.message)
    return error if explained is None else frontmatter.FrontMatterError(explained[0], error.field, explained[1])


def _body_offset(text: str, rest: str) -> int:
    """How many lines of ``text`` come before its body ``rest``."""
    return text.count("\n", 0, len(text) - len(rest)) if rest and text.endswith(rest) else 0


def _merge(parsed: frontmatter.ParsedPage, written: body.BodyDoc) -> list[frontmatter.FrontMatterError]:
    """The body form's sections into the page's data: the same model as front matter. A section
    given in both places keeps the front matter's and is a problem naming both lines."""
    assert parsed.data is not None
    errors = [frontmatter.FrontMatterError(line, name, message) for line, name, message in written.errors]
    for key, value in written.data.items():
        front_faq = parsed.data.get("faq")
        if key == "faq" and isinstance(front_faq, dict) and isinstance(value, dict) \
                and not set(front_faq) & set(value):  # faq.internal in front matter, ## External FAQ below
            front_faq.update(value)
            parsed.lines.update((path, line) for path, line in written.lines.items()
                                if path[0] == "faq" and len(path) > 1)
            continue
        if key in parsed.data:
            front, there = parsed.line_of((key,)), written.lines.get((key,), 1)
            errors.append(frontmatter.FrontMatterError(
                there, key, f"given both in front matter (line {front}) and in the body (line {there}) "
                            f"(expected one of them: remove one)"))
            continue
        parsed.data[key] = value
        parsed.lines.update((path, line) for path, line in written.lines.items() if path[0] == key)
    for path, line in written.lines.items():  # where a part the body lacks is reported: its section
        if path[0] not in parsed.data:
            parsed.lines.setdefault(path, line)
    parsed.body = written.rest
    return errors


SUGGEST_COMPARISONS = 100_000
"""'Did you mean' for dangling ids compares at most this many (dangling id, id) pairs across
the site (about a second at worst), besides :data:`~.validate.SUGGEST_PER_PAGE` per page."""


class _Suggester:
    """'Did you mean' for dangling ids, bounded: each is compared only with the ids whose length
    could reach difflib's 0.6 cutoff (a ratio of 2·matches/total needs lengths within 3:7), each
    distinct one once, and the comparisons add up to at most :data:`SUGGEST_COMPARISONS`; once
    they are spent, dangling ids are reported without a suggestion."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.keys = sorted((len(i), i) for i in ids)
        self.found: dict[str, str] = {}
        self.left = SUGGEST_COMPARISONS

    def __call__(self, ref: str) -> str:
        if ref in self.found:
            return self.found[ref]
        if len(ref) > SUGGEST_MAX_LENGTH:
            return ""
        n, keys = len(ref), self.keys
        lo = bisect.bisect_left(keys, ((3 * n + 6) // 7, ""))  # length at least ceil(3n/7)
        hi = bisect.bisect_left(keys, (7 * n // 3 + 1, ""))  # and at most floor(7n/3)
        if hi - lo > self.left:
            return ""
        self.left -= hi - lo
        suggestion = self.found[ref] = closest_hint(ref, (i for _, i in keys[lo:hi]))
        return suggestion


def cross_check(proposals: list[Proposal]) -> list[Problem]:
    """What one page's schema cannot see: unique ids, and references to other proposals.

    Each distinct dangling id is one problem per page and field, at its first occurrence (a list
    of 19,000 aliases of one wrong id is one line, not 19,000), and its suggestion is bounded
    (:class:`_Suggester`), so this stays linear in the size of the site.
    """
    problems: list[Problem] = []
    first: dict[str, Proposal] = {}
    for p in proposals:
        other = first.setdefault(p.id, p)
        if other is not p:
            # At the `id:` line of the page that claims the id; from two file names, at the later page.
            claims, there = (other, p) if _explicit_id(other) and not _explicit_id(p) else (p, other)
            how = "" if _explicit_id(claims) else " (from the file name)"
            problems.append(Problem(
                claims.display_path, claims.line_of("id") if _explicit_id(claims) else 1, "id",
                f"id {p.id!r}{how} is used by both {claims.display_path} and {there.display_path} "
                f"(expected a unique id{'' if how == '' else ': set id: in one of them'})"))
    suggest = _Suggester(first)

    def dangling(p: Proposal, ref: str, path: tuple[str, ...], again: int, budget: list[int]) -> None:
        suggestion = ""
        if budget[0] > 0:
            budget[0] -= 1
            suggestion = suggest(ref)
        more = f" (and {again:,} more time{'' if again == 1 else 's'} in {path[0]})" if again else ""
        problems.append(
            Problem(p.display_path, p.line_of(*path), ".".join(path),
                    f"no proposal has id {short(ref)} (expected the id of another PR/FAQ){more}{suggestion}")
        )

    for p in proposals:
        budget = [SUGGEST_PER_PAGE]
        if p.superseded_by:
            if p.superseded_by == p.id:
                problems.append(Problem(p.display_path, p.line_of("superseded_by"), "superseded_by",
                                        "a proposal cannot supersede itself (expected another proposal's id)"))
            elif p.superseded_by not in first:
                dangling(p, p.superseded_by, ("superseded_by",), 0, budget)
        raw_related = p.data.get("related")
        bad: dict[str, tuple[int, int]] = {}  # dangling id -> (first index, times listed)
        for i, ref in enumerate(raw_related if isinstance(raw_related, list) else []):
            if isinstance(ref, str) and ref not in first:
                at, times = bad.get(ref, (i, 0))
                bad[ref] = (at, times + 1)
        for ref, (at, times) in bad.items():
            dangling(p, ref, ("related", str(at)), times - 1, budget)
    return problems


def _explicit_id(p: Proposal) -> bool:
    return isinstance(p.data.get("id"), str) and bool(p.data["id"])


def status_folder(src_path: str, directory: str | None) -> str | None:
    """The first folder of ``src_path`` under ``directory`` (``proposals/live/x.md``: ``live``), if any."""
    if directory is None:
        return None
    rest = src_path[len(directory.strip("/")) + 1:] if src_path.startswith(directory.strip("/") + "/") else src_path
    return rest.split("/", 1)[0] if "/" in rest else None


def load_catalog(
    sources: Iterable[Source], validator: SchemaValidator, *, max_chars: int = frontmatter.MAX_CHARS,
    labels: Mapping[str, str] | None = None, unknown_keys: str = "warn", lifecycle: Lifecycle = DEFAULT_LIFECYCLE,
    directory: str | None = None, load: Callable[..., tuple[Proposal, list[Problem]]] | None = None,
    reuse: Callable[[str, str], tuple[Proposal, list[Problem]] | None] | None = None,
    max_bytes: int | None = PAGE_BYTES,
) -> Catalog:
    """Load every page, validate it, and check the pages against each other (``max_chars``,
    ``unknown_keys``, ``lifecycle``: see :func:`load_page`; ``directory``, the plugin's folder,
    for ``status_from: folder``; ``load``, a stand-in for :func:`load_page` with its arguments,
    such as :meth:`.incremental.PageCache.load`; ``reuse(src_path, display_path)``, a page's
    result from an earlier load when it has not changed since, without reading it). A page over
    ``max_bytes`` is one problem, and is neither parsed nor built (as one that cannot be read)."""
    proposals: list[Proposal] = []
    problems: list[Problem] = []
    unreadable: set[str] = set()
    others: dict[str, str] = {}
    for src_path, display_path, read in sorted(sources, key=lambda s: s[0]):
        if _UNDECODED.search(src_path):  # bytes that are not UTF-8: no URL can be made of the name
            problems.append(Problem(display_path, 1, "front matter", "the file name is not UTF-8 (expected a "
                                    "name in UTF-8, as URLs need: rename the file)"))
            unreadable.add(src_path)
            continue
        if _UNPRINTABLE.search(src_path):  # MkDocs' own log lines would print the name as it is
            problems.append(Problem(display_path, 1, "front matter", "the file name holds control or line-break "
                                    "characters (expected printable characters only: rename the file)"))
            unreadable.add(src_path)
            continue
        if reuse is not None and (reused := reuse(src_path, display_path)) is not None:
            proposals.append(reused[0])
            problems.extend(reused[1])
            continue
        try:
            text = read()
            if max_bytes is not None and len(text) > max_bytes // 4 and len(text.encode(errors="replace")) > max_bytes:
                raise TooLarge(len(text.encode(errors="replace")))
        except TooLarge as e:
            problems.append(Problem(display_path, 1, "page", too_large(e.size, max_bytes or 0)))
            unreadable.add(src_path)
            continue
        except (OSError, UnicodeDecodeError) as e:
            reason = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else (e.strerror or str(e))
            problems.append(Problem(display_path, 1, "front matter", f"cannot read the page ({reason})"))
            unreadable.add(src_path)
            continue
        if listing_of(text) is not None:  # the index, a status page or the roadmap, written as a page
            if (unknown := listing_problem(display_path, text, lifecycle)) is not None:
                problems.append(unknown)
                others[display_path] = LISTING_PAGE
            continue
        if (odd := marker_problem(display_path, text)) is not None:  # meant as a listing page
            problems.append(odd)
            others[display_path] = LISTING_PAGE
            continue
        nested = markdown_nesting(text)
        if nested is not None:  # Python-Markdown would recurse too deep: not built
            problems.append(Problem(display_path, nested[0], "page", f"nested {nested[1]:,} levels deep in lists, "
                                    f"quotes or indentation (expected at most {LIMIT}, a level being a '>' or two "
                                    "columns of indentation); the page is not built"))
            unreadable.add(src_path)
            continue
        proposal, page_problems = (load or load_page)(
            src_path, display_path, text, validator, max_chars=max_chars, labels=labels, unknown_keys=unknown_keys,
            lifecycle=lifecycle, folder=status_folder(src_path, directory))
        proposals.append(proposal)
        problems.extend(page_problems)
    cross = cross_check(proposals)
    failed = {problem.path for problem in cross}
    for p in proposals:
        if p.display_path in failed:
            p.valid = False
    problems.extend(cross)
    problems.sort(key=lambda p: (p.path, p.line))
    return Catalog(proposals, problems, unreadable, [w for p in proposals for w in p.warnings], others)
