"""Problems found in PR/FAQ pages, and how they are printed.

One problem is one line: ``path/to/page.md:LINE: field.path: what is wrong (what was expected)``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

FRONT_MATTER = "front matter"

# Characters that could break a line, forge one (a terminal escape, a bidi override) or fail to
# print (a lone surrogate from an undecodable file name): control, format, surrogate, and line
# and paragraph separators. Everything str.splitlines() breaks on is among them.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _is_unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape_char(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


def escape(text: str, *, backslash: bool = False) -> str:
    """``text`` with every unsafe character written as a Python-style escape (``\\n``, ``\\x1b``,
    ``\\u2028``), so it prints as one line of plain text. With ``backslash``, a backslash is
    doubled too, which makes the escaping reversible (for file names, which may hold either)."""
    if text.isprintable() and not (backslash and "\\" in text):
        return text  # the common case: nothing to do
    out = []
    for ch in text:
        if ch == "\\" and backslash:
            out.append("\\\\")
        elif _is_unsafe(ch):
            out.append(_escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""Every C0 and C1 control character but tab, line feed and carriage return, as a regular
expression's character range: what a page never shows raw (:func:`shown`)."""
_CONTROLS = re.compile(f"[{CONTROL_CHARACTERS}]")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2))
"""Every byte of UTF-8 but the C0 controls (tab and line breaks aside), DEL and 0xC2, the first
byte of U+0080..U+00BF, the C1 controls among them."""


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`CONTROL_CHARACTERS`: its UTF-8 bytes stripped
    of every byte that cannot be one, in C (a regular expression's character class reads a page's
    HTML at a tenth of the speed); the regular expression only for text that holds U+0080..U+00BF."""
    found = text.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL_BYTES)
    if not found:
        return False
    return found.count(b"\xc2") != len(found) or _CONTROLS.search(text) is not None


def shown(text: str) -> str:
    """Text as a page shows it: every control character of :data:`CONTROL_CHARACTERS` is U+FFFD,
    as CommonMark makes a NUL (never printed into a page: tab and line breaks aside). For a quote's
    speaker and role read from its attribution (:mod:`.quotes`), every string of a page's front
    matter (:func:`.model.load_page`) and every piece of HTML the sanitiser gives back."""
    return _CONTROLS.sub("\ufffd", text) if has_controls(text) else text


def shown_path(path: str) -> str:
    """A file name as printed: escaped (reversibly), and never starting a line with ``::`` (a
    GitHub Actions workflow command) or blanks: such a relative path is written ``./::x.md``."""
    text = escape(path, backslash=True)
    if text[:1].isspace() or text.lstrip().startswith(":"):
        text = "./" + text
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one PR/FAQ page."""

    path: str
    """The page's path as shown to the user (relative to the working directory when inside it)."""
    line: int
    """1-based line in the page's file."""
    field: str
    """Dotted path of the offending field (``faq.internal.2.answer``), or ``front matter``."""
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: whatever a message quotes, it never breaks the line.
        object.__setattr__(self, "message", " ".join(self.message.split()))

    # The fields keep the real values (``check PATHS`` compares paths; JSON carries them, escaped
    # the JSON way); everything printed as text goes through these, so one problem is one line.
    @property
    def shown_path(self) -> str:
        return shown_path(self.path)

    @property
    def shown_field(self) -> str:
        return escape(self.field)

    @property
    def shown_message(self) -> str:
        return escape(self.message)

    def __str__(self) -> str:
        return f"{self.shown_path}:{self.line}: {self.shown_field}: {self.shown_message}"


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def field_path(path: tuple[str, ...]) -> str:
    """``faq.internal.0.answer``; a key that is not a plain word is quoted (``x."a: b"``)."""
    if not path:
        return FRONT_MATTER
    return ".".join(
        key if _SIMPLE_KEY.match(key) else json.dumps(key).replace(": ", ":\\u0020") for key in path
    )


def summary(problems: Sequence[Problem], others: Mapping[str, str] | None = None) -> str:
    """``3 problems in 2 PR/FAQs``; with ``others`` (a path -> what it is, for paths that are no
    PR/FAQ), ``3 problems in 1 PR/FAQ and 1 listing page``, ``1 problem in 1 file``."""
    counts: dict[str, int] = {"PR/FAQ": 0}
    for path in {p.path for p in problems}:
        kind = others.get(path, "PR/FAQ") if others else "PR/FAQ"
        counts[kind] = counts.get(kind, 0) + 1
    parts = [_plural(n, kind) for kind, n in sorted(counts.items(), key=lambda c: (c[0] != "PR/FAQ", c[0]))
             if n or len(counts) == 1]
    where = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"{_plural(len(problems), 'problem')} in {where}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def _json_escape(match: re.Match[str]) -> str:
    ch = match.group()
    if not _is_unsafe(ch):
        return ch
    cp = ord(ch)
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    cp -= 0x10000
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


_NOT_ASCII = re.compile("[^\x00-\x7e]")  # json.dumps escapes the C0 controls itself
# (written as the ASCII it is not: the class up to U+10FFFF took Python 20-70 ms to compile on every start)


def format_json(problems: Sequence[Problem], checked: int, warnings: Sequence[Problem] = ()) -> str:
    """The real paths, fields and messages; every character that could break or forge a line
    (which ``ensure_ascii=False`` would print as is) is a ``\\uXXXX`` escape: still valid JSON,
    decoding to the same strings. The document's own keys are ASCII, so only strings change."""
    text = json.dumps(
        {"checked": checked, "problems": [asdict(p) for p in problems], "warnings": [asdict(w) for w in warnings]},
        indent=2, ensure_ascii=False,
    )
    return _NOT_ASCII.sub(_json_escape, text)


def _gh_escape(value: str, *, prop: bool = False) -> str:
    # https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: Iterable[Problem], kind: str = "error") -> str:
    """GitHub Actions workflow commands: one ``::error`` (or ``::warning``) annotation per problem."""
    return "\n".join(
        f"::{kind} file={_gh_escape(p.shown_path, prop=True)},line={p.line},"
        f"title={_gh_escape('PR/FAQ ' + p.shown_field, prop=True)}::"
        f"{_gh_escape(p.shown_field + ': ' + p.shown_message)}"
        for p in problems
    )
