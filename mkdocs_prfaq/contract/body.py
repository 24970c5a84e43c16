"""The body form: a PR/FAQ written in Markdown under conventional sections.

``## Press release``, ``## External FAQ``, ``## Internal FAQ`` (or ``## FAQ`` with or without
``### External FAQ`` / ``### Internal FAQ``) are read into the same data as the front-matter form
(``press_release``, ``dateline``, ``quotes``, ``faq``), each value with the body line it came
from; every other section stays Markdown, in order (docs/writing-in-markdown.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it is imported when a page is first read as Markdown
    from . import reader as markdown
from .problems import shown
from .quotes import Quote, attributed, in_paragraph
from .vocabulary import (
    CLOSE_QUOTES,
    CUSTOMER_ROLE,
    DATE,
    EXTERNAL,
    FAQ,
    GROUPS,
    INTERNAL,
    OPEN_QUOTES,
    PART_ORDER,
    PARTS,
    PRESS_RELEASE,
    audience,
    normalise,
    parse_date,
    section_name,
)

__all__ = [
    "EXTERNAL",
    "FAQ",
    "GROUPS",
    "INTERNAL",
    "PARTS",
    "PART_ORDER",
    "PRESS_RELEASE",
    "BodyDoc",
    "attribution",
    "normalise",
    "parse",
    "parse_date",
    "repeats_unspaced",
    "search_end",
]

Path = tuple[str, ...]
"""A field's path with list indexes as strings, like the front matter's (``faq.external.0``)."""

_ATTRS = re.compile(r"\{([^{}]*)\}\s*$")  # a heading's attribute list; the spaces before it are stripped
# Spaces around a label's colon are bounded: two unbounded runs side by side try every split of
# a long run of spaces (quadratic), and a label is a word or two.
_LABEL = re.compile(r"^\*\*([^*\n]{1,40}?)[ \t]{0,3}:?[ \t]{0,3}\*\*[ \t]{0,3}:?\s*")
_BOLD_LINE = re.compile(r"^\*\*(?!\s)(.+?)\*\*\s*$", re.DOTALL)
_Q_PREFIX = re.compile(r"^(?:Q\d*[:.)]\s*)", re.IGNORECASE)
_A_PREFIX = re.compile(r"^\*{0,2}A\d*[:.]\*{0,2}[ \t]+")  # 'A: ...', never 'A.I.' or 'A) a list'
_DATELINE = re.compile(r"^\*\*(?P<bold>[^*\n]+?)\*\*(?:\s*[—–-]{1,2}\s*|[ \t]*(?:\n|$))(?P<rest>.*)$", re.DOTALL)
_ATTRIBUTION = re.compile(r"(?:—|–|--|-|―)\s*(?P<who>.*)", re.DOTALL)
_KIND = re.compile(r"\{(?P<kind>[A-Za-z][\w-]*)\}")
_SPEAKER_MARKDOWN = 300
"""An attribution up to this long has its emphasis, code and link marks taken out (a name and role
are plain text); a longer one, no name and role, is kept as written."""


def attribution(line: str) -> tuple[str, str | None] | None:
    """``— Name, Role {kind}`` -> ``('Name, Role', 'kind')``; None for a line that is none.
    Linear in the line, whatever runs of spaces it holds."""
    m = _ATTRIBUTION.match(line.strip())
    if m is None:
        return None
    who, kind = m.group("who").rstrip(), None
    if who.endswith("}"):
        k = search_end(_KIND, who, 64)
        if k is not None and k.end() == len(who):
            who, kind = who[: k.start()].rstrip(), k.group("kind")
    return (who, kind) if who else None


_SAME_LINE = re.compile(r"^(?P<said>.*[" + CLOSE_QUOTES + r"](?:\*\*|__|\*|_)?)[ \t]*(?:[,.][ \t]*)?"
                        r"(?P<who>(?:—|–|--|―)[ \t]*\S.*)$")
"""A quotation's last line with its attribution after it: ``"...," — Name, Role`` (the dash no list
opens)."""
_CLOSE_THEN_DASH = re.compile(r"[" + CLOSE_QUOTES + r"][*_]{0,2}[ \t]*(?:[,.][ \t]*)?(?:—|–|--|―)")


_DATE_AT_END = re.compile(rf"(?:,\s*|\s+)(?P<date>{DATE})\s*$")
_SOME_DATE_AT_END = re.compile(r",[ \t]*(?P<date>[^,*\n]{0,40}?\d{4})[ \t]*$")
"""What a dateline ends with when it is no date the body form reads (``Marchember 3, 2027``,
``03/03/2027``): taken as written, so the page names the dates it reads."""


@dataclass
class _Heading:
    level: int
    text: str
    line: int  # index into the body's lines
    index: int = 0  # index into the body's blocks


@dataclass
class _Piece:
    """A block as the sections read it: its first line, its text as written, and its kind
    (:class:`.reader.Block`)."""

    line: int
    text: str
    kind: str
    heading: _Heading | None = None


@dataclass
class BodyDoc:
    """What the body form gives: data with a line per path, and the Markdown left over."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    rest: str = ""
    preface: str = ""
    """What the press release holds before its dateline (a headline, ``FOR IMMEDIATE RELEASE``,
    an image), as written: the layout shows it there."""
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    """``(line, field, message)`` of what the sections themselves get wrong."""
    not_faq: list[tuple[int, str, str]] = field(default_factory=list)
    """``(line, heading, headings expected)`` of each section that reads like a FAQ (its name
    says questions, or it asks some) under a heading that names none: what a missing FAQ is
    reported as, at that heading (:func:`explain_missing`)."""
    unspaced: set[str] = field(default_factory=set)
    """The fields of the sections written as a heading with no space after its ``#`` marks
    (``##External FAQ``, :func:`_unspaced`): each is a problem of its own, which a
    ``missing`` of the same field would only repeat."""


class _Reader:
    def __init__(self, read: markdown.Document, offset: int) -> None:
        self.lines = read.lines
        self.blocks = read.blocks
        self.offset = offset
        self.doc = BodyDoc()
        self.leader_spoke = False
        """A quote of the press release read so far is the leader's (the next are customers')."""

    def at(self, index: int) -> int:
        """A body line index as a line of the file."""
        return self.offset + index + 1

    def set(self, path: Path, value: Any, index: int) -> None:
        target: Any = self.doc.data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
        self.doc.lines.setdefault(path, self.at(index))

    def line_of(self, block: int) -> int:
        """The first line of a block (the end of the body past the last one)."""
        return self.blocks[block].start if block < len(self.blocks) else len(self.lines)

    def source(self, start: int, end: int) -> str:
        """The body's lines from block ``start`` up to block ``end``, as written."""
        return "\n".join(self.lines[self.line_of(start) : self.line_of(end)]).strip("\n")

    def pieces(self, start: int, end: int) -> list[_Piece]:
        """Blocks ``start`` to ``end`` as pieces; blockquotes separated only by blank lines are
        one, as Python-Markdown renders them (their text the lines between, as written)."""
        out: list[_Piece] = []
        n = start
        while n < end:
            b = self.blocks[n]
            if b.kind == "blockquote":
                m = n
                while m + 1 < end and self.blocks[m + 1].kind == "blockquote":
                    m += 1
                out.append(_Piece(b.start, "\n".join(self.lines[b.start : self.blocks[m].end]), "blockquote"))
                n = m + 1
                continue
            heading = _Heading(b.level, b.content, b.start, n) if b.kind == "heading" else None
            out.append(_Piece(b.start, b.text, b.kind, heading))
            n += 1
        return out

    # -- press release ---------------------------------------------------------------------

    def press_release(self, heading: _Heading, end: int) -> str:
        """The press release's parts, dateline and quotes; returns what comes before the dateline
        (a headline, ``FOR IMMEDIATE RELEASE``, an image), kept as written."""
        self.doc.lines[("press_release",)] = self.at(heading.line)
        self.doc.data.setdefault("press_release", {})
        parts: dict[str, tuple[int, list[str]]] = {}
        unlabelled: list[tuple[int, list[str]]] = []
        current: list[str] | None = None
        label: str | None = None
        quotes: list[dict[str, Any]] = []
        pieces = self.pieces(heading.index + 1, end)
        dated = next((k for k, p in enumerate(pieces) if p.kind == "paragraph" and _dateline(p.text)), None)
        preface: list[str] = []
        if dated:  # what comes before the dateline and before any part's label or subsection
            first = next((k for k, p in enumerate(pieces[:dated]) if _part_of(p)), dated)
            preface = [p.text for p in pieces[:first]]
            pieces = pieces[first:]
        skip = -1
        for k, piece in enumerate(pieces):
            if k == skip:
                continue
            index, text, paragraph = piece.line, piece.text, piece.kind == "paragraph"
            if piece.heading is not None and normalise(piece.heading.text) in PARTS:
                label = PARTS[normalise(piece.heading.text)]
                current = None
                continue
            if piece.kind == "blockquote":
                outside = pieces[k + 1] if k + 1 < len(pieces) else None
                if outside is not None and _attribution_alone(outside) and _said_nothing(text):
                    # '— Name, Role' under the quote but outside its '>' block: the quote it ends,
                    # and a problem at its line
                    n = len(quotes)
                    self._quotes(f"{text}\n> {outside.text.strip()}", index, quotes)
                    said_at = self.at(outside.line)
                    for key in ("kind", "name", "role"):
                        self.doc.lines[("quotes", str(n), key)] = said_at
                    self.doc.errors.append((said_at, f"quotes.{n}", f"the attribution {outside.text.strip()!r} is "
                                            "outside the quote's '>' block (expected it on the quote's last line: "
                                            f"'> {outside.text.strip()}')"))
                    skip = k + 1
                    continue
                leftover = self._quotes(text, index, quotes)
                if leftover is None or (leftover == text and self._quoted_prose(text, index, quotes)):
                    continue  # a list or code after a quote still belongs to the part before it
                text = leftover
            if paragraph and not self.doc.data.get("dateline") and (found := _dateline(text)):
                location, date, text = found
                self.set(("dateline",), {}, index)
                self.set(("dateline", "location"), location, index)
                self.set(("dateline", "date"), parse_date(date), index)
                if not text.strip():
                    continue
            m = _LABEL.match(text) if paragraph else None
            named = PARTS.get(normalise(m.group(1))) if m else None
            if named:
                text = text[m.end():] if m else text
            if paragraph:  # '"...," said Name, Role.': a quote, in its place; the prose around it stays
                prose = self._prose_quotes(piece.text, text, index, quotes)
                if prose is None:
                    if named:
                        label = named
                        current = parts.setdefault(named, (index, []))[1]
                    continue  # only quotes: a list or code after them belongs to the part before
                text = prose
            if named:  # '**Problem:** ...': this paragraph and the ones after it, up to the next label
                label = named
                current = parts.setdefault(named, (index, []))[1]
                current.append(text)
                continue
            if label:  # everything under a '### Problem' subsection is the problem
                current = parts.setdefault(label, (index, []))[1]
                current.append(text)
                continue
            if current is not None and not paragraph:
                current.append(text)  # a list, table or code after its paragraph
                continue
            current = [text]
            unlabelled.append((index, current))
        # Unlabelled paragraphs fill the parts left, in order; with five or more, the last is the
        # closing and every one past the solution is getting started. None is ever dropped.
        if len(unlabelled) >= 5 and "closing" not in parts:
            parts["closing"] = unlabelled.pop()
        free = [p for p in PART_ORDER[:4] if p not in parts]
        last: list[str] | None = None
        for index, texts in unlabelled:
            if free:
                name = free.pop(0)
                parts[name] = (index, texts)
                last = texts
            else:
                target = parts["getting_started"][1] if "getting_started" in parts else last
                if target is None:  # every part was labelled: extra prose joins the closing, or the summary
                    target = parts["closing" if "closing" in parts else "summary"][1]
                target.extend(texts)
        for name in PART_ORDER:
            if name in parts:
                index, texts = parts[name]
                self.set(("press_release", name), "\n\n".join(texts).strip(), index)
        if quotes:
            self.doc.data["quotes"] = quotes
        return "\n\n".join(preface)

    def _quotes(self, text: str, index: int, quotes: list[dict[str, Any]]) -> str | None:
        """The attributed quotes of a blockquote, each ended by its attribution line; returns the
        blockquote's text after its last attribution (None when there is none), or the whole
        text when it has no attribution at all (then it is no quote, only text). Linear in the
        blockquote: what a quote said is joined once, when its attribution is found."""
        from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
        lines = text.split("\n")
        inner: list[str] = []
        source: list[int] = []  # the blockquote's line each inner line is on
        first: str | None = None  # the first line of the quote being read: a quotation mark opens it?
        for k, line in enumerate(lines):
            unquoted = markdown.quote_line(line)
            stripped = unquoted.strip()
            if first is not None and attribution(_unwrap(stripped)):
                first = None
            elif first is None and stripped:
                first = stripped
            opened = first is not None and first.lstrip("*_").startswith(tuple(OPEN_QUOTES))
            same = _SAME_LINE.match(unquoted) if opened and _CLOSE_THEN_DASH.search(unquoted) else None
            if same and attribution(same.group("who")):  # '> "..." — Name, Role' on one line: two lines
                inner += [same.group("said"), same.group("who")]
                source += [k, k]
                first = None
            else:
                inner.append(unquoted)
                source.append(k)
        start, found, said_something = 0, False, False
        for i, line in enumerate(inner):
            stripped = line.strip()
            m = attribution(_unwrap(stripped)) if said_something else None
            said = "\n".join(inner[start:i]).strip() if m else ""
            if not (m and said):
                said_something = said_something or bool(stripped)
                continue
            # the words a reader sees, as a quote in prose gives them (`host of *Small Business Hour*`
            # without its marks: the name and role are plain text), and no NUL, no control character;
            # only a speaker's length is read as Markdown (a hostile line of marks costs what it did)
            who = _unwrap(m[0].strip())
            if len(who) <= _SPEAKER_MARKDOWN and any(c in who for c in "*_`["):
                who = markdown.plain(who)
            who = shown(who)
            name, _, role = who.partition(",")
            kind = m[1] or _kind_of(name, role, self.leader_spoke)
            n = len(quotes)
            quote = {"kind": kind, "name": name.strip(), "role": role.strip(), "text": _unquote(said)}
            if not quote["role"]:
                del quote["role"]  # a name alone: the role is missing, which a draft may be
            quotes.append(quote)
            self.leader_spoke = self.leader_spoke or quote["kind"] == "leader"
            opens = next(j for j in range(start, i) if inner[j].strip())  # not the blank line before it
            where, said_at = self.at(index + source[opens]), self.at(index + source[i])
            for key in ("", "text"):
                self.doc.lines[("quotes", str(n), key) if key else ("quotes", str(n))] = where
            for key in ("kind", "name", "role"):  # written on the attribution line
                self.doc.lines[("quotes", str(n), key)] = said_at
            self.doc.lines.setdefault(("quotes",), where)
            start, found, said_something = i + 1, True, False
        if not found:
            return text
        left = "\n".join(lines[source[start]:]).strip() if start < len(inner) else ""
        return left if left.strip("> \n") else None

    def _quoted_prose(self, text: str, index: int, quotes: list[dict[str, Any]]) -> bool:
        """A blockquote with no attribution line that is one quote in prose (``> "...," said Jo,
        VP.``), as ``import`` reads one: the quotation at its start, nothing after the speaker."""
        from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
        lines = [markdown.quote_line(line) for line in text.split("\n")]
        quote = attributed(" ".join(" ".join(lines).split()), anywhere=False)
        if quote is None or quote.after or quote.before:
            return False
        first = next((k for k, line in enumerate(lines) if line.strip()), 0)
        named = next((k for k, line in enumerate(lines) if quote.name and quote.name in " ".join(line.split())), first)
        self._add_quote(quote, self.at(index + first), self.at(index + named), quotes)
        return True

    def _add_quote(self, q: Quote, where: int, said_at: int, quotes: list[dict[str, Any]]) -> None:
        """A quote read in prose, its quotation at line ``where`` and its speaker at ``said_at``."""
        n = len(quotes)
        quote = {"kind": _kind_of(q.name, q.role, self.leader_spoke), "name": q.name, "role": q.role,
                 "text": _unquote(q.text)}
        if not quote["role"]:
            del quote["role"]  # a name alone: the role is missing, which a draft may be
        quotes.append(quote)
        self.leader_spoke = self.leader_spoke or quote["kind"] == "leader"
        for key in ("", "text"):
            self.doc.lines[("quotes", str(n), key) if key else ("quotes", str(n))] = where
        for key in ("kind", "name", "role"):
            self.doc.lines[("quotes", str(n), key)] = said_at
        self.doc.lines.setdefault(("quotes",), where)

    def _prose_quotes(self, written: str, text: str, index: int, quotes: list[dict[str, Any]]) -> str | None:
        """The quotes a paragraph of the press release writes in prose (:func:`.quotes.in_paragraph`,
        as ``import`` reads them), each at the line its quotation opens on and its speaker at the
        line that names them; returns the paragraph's prose around them (each stretch a paragraph
        of its own), the whole text when it has none, None when it is only quotes. ``text`` is
        the end of the paragraph ``written`` (after a dateline or a label) that is read."""
        found = in_paragraph(text)
        if not found:
            return text
        skipped = len(written) - len(text)  # text is what the paragraph ends with

        def line(offset: int) -> int:
            return self.at(index + written.count("\n", 0, skipped + offset))

        prose: list[str] = []
        last = 0
        for f in found:
            prose.append(text[last : f.start])
            last = f.end
            self._add_quote(f.quote, line(f.start), line(f.speaker), quotes)
        prose.append(text[last:])
        kept = [p.strip() for p in prose if p.strip()]
        return "\n\n".join(kept) if kept else None

    # -- FAQ -------------------------------------------------------------------------------

    def faq(self, part: str, heading: _Heading, start: int, end: int) -> str:
        """Questions in blocks ``start`` to ``end``: headings one level below ``heading``, or
        all-bold paragraphs; before any of those, a deeper heading that asks (``#### Why?``)."""
        items: list[dict[str, Any]] = self.doc.data.setdefault("faq", {}).setdefault(part, [])
        self.doc.lines.setdefault(("faq",), self.at(heading.line))
        self.doc.lines.setdefault(("faq", part), self.at(heading.line))
        pieces = self.pieces(start, end)
        answers: list[list[str]] = []
        preamble: list[str] = []

        def question(text: str, index: int, rest: str) -> None:
            qid = None
            m = _ATTRS.search(text)
            if m and m.group(1).strip().startswith("#"):
                qid = m.group(1).strip()[1:].split()[0]
                text = text[: m.start()]
            n = len(items)
            items.append({"question": _Q_PREFIX.sub("", text.strip()).strip(), "answer": ""})
            for key in ("", "question", "answer"):
                self.doc.lines[("faq", part, str(n), key) if key else ("faq", part, str(n))] = self.at(index)
            if qid:
                items[-1]["id"] = qid
                self.doc.lines[("faq", part, str(n), "id")] = self.at(index)
            answers.append([rest] if rest.strip() else [])

        # A heading one level below that has headings beneath it and asks nothing is a topic
        # ('### Pricing' over '#### How much?'): its questions carry its name. One pass, from the end.
        topics: set[int] = set()
        deeper = False
        for sub in reversed([p.heading for p in pieces if p.heading is not None]):
            if sub.level <= heading.level + 1:
                if sub.level == heading.level + 1 and deeper and "?" not in sub.text:
                    topics.add(sub.index)
                deeper = False
            elif sub.level == heading.level + 2:
                deeper = True
        topic: str | None = None
        asked_at = 0  # the level of the heading the last question was
        for piece in pieces:
            text, index, h = piece.text, piece.line, piece.heading
            if h is not None and h.index in topics:
                topic = _ATTRS.sub("", h.text).strip()
                continue
            if h is not None and h.level == heading.level + 1:
                topic = None
                question(h.text, index, "")
                asked_at = h.level
                continue
            if h is not None and topic is not None and h.level == heading.level + 2:
                question(f"{topic}: {h.text}", index, "")
                asked_at = h.level
                continue
            if h is not None and topic is None and h.level > heading.level + 1 and _asks(h.text) \
                    and (not answers or asked_at == h.level):
                question(h.text, index, "")  # '#### Why?' before any '###': a question, in its place
                asked_at = h.level
                continue
            first, _, rest = text.partition("\n")
            bold = _BOLD_LINE.match(first) if piece.kind == "paragraph" else None
            if bold and ("?" in bold.group(1) or _Q_PREFIX.match(bold.group(1))):
                question(bold.group(1), index, rest)
                continue
            if not answers:
                preamble.append(text)
            else:
                answers[-1].append(text)
        for item, texts in zip(items[len(items) - len(answers):], answers, strict=True):
            text = "\n\n".join(t.strip("\n") for t in texts).strip()
            item["answer"] = _A_PREFIX.sub("", text, count=1)
        return "\n\n".join(preamble)

    def asks(self, start: int, end: int, level: int) -> bool:
        """Whether blocks ``start`` to ``end`` hold a question: a heading below ``level`` that
        asks, or an all-bold paragraph that does."""
        for b in self.blocks[start:end]:
            if b.kind == "heading" and b.level > level and _asks(b.content):
                return True
            bold = _BOLD_LINE.match(b.text.partition("\n")[0]) if b.kind == "paragraph" else None
            if bold and ("?" in bold.group(1) or _Q_PREFIX.match(bold.group(1))):
                return True
        return False



def _kind_of(name: str, role: str, leader_spoke: bool) -> str:
    """A quote's kind when its attribution names none: a customer's when its role (or, without
    one, its speaker) names a customer, or when a leader has spoken already; else the leader's."""
    if leader_spoke or CUSTOMER_ROLE.search(role or name):
        return "customer"
    return "leader"


def _attribution_alone(piece: _Piece) -> bool:
    """A paragraph that is only an attribution line (``— Jo Lee, VP Product``): a dash that no
    list opens, then a speaker."""
    text = piece.text.strip()
    return piece.kind == "paragraph" and "\n" not in text and text.startswith(("—", "–", "--", "―")) \
        and attribution(_unwrap(text)) is not None


def _said_nothing(text: str) -> bool:
    """Whether a blockquote says something and has no attribution line of its own (its words are
    a quote waiting for one), as :meth:`_Reader._quotes` reads it."""
    from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
    said = False
    for line in text.split("\n"):
        stripped = markdown.quote_line(line).strip()
        if said and attribution(_unwrap(stripped)):
            return False
        said = said or bool(stripped)
    return said


def _asks(heading: str) -> bool:
    """Whether a heading's text is a question: it ends in ``?`` or opens with ``Q:``."""
    text = _ATTRS.sub("", heading).strip()
    return text.endswith("?") or bool(_Q_PREFIX.match(text))


def _part_of(piece: _Piece) -> str | None:
    """The part a piece names: a ``### Problem`` subsection or a ``**Problem:**`` label."""
    if piece.heading is not None:
        return PARTS.get(normalise(piece.heading.text))
    m = _LABEL.match(piece.text) if piece.kind == "paragraph" else None
    return PARTS.get(normalise(m.group(1))) if m else None


def search_end(pattern: re.Pattern[str], text: str, window: int = 80) -> re.Match[str] | None:
    """``pattern.search(text)`` for a match that ends the text (a date: a few words), tried only
    in its last ``window`` characters: linear whatever the text (a search over all of it
    backtracks over every run of spaces)."""
    end = len(text.rstrip())
    return pattern.search(text, max(0, end - window), end)


def _dateline(text: str) -> tuple[str, str, str] | None:
    """``**SEATTLE, WA, April 27, 2027** — Today...`` -> ``(location, date, the rest)``."""
    m = _DATELINE.match(text)
    date = (search_end(_DATE_AT_END, m.group("bold")) or search_end(_SOME_DATE_AT_END, m.group("bold"))) if m else None
    if m is None or date is None:
        return None
    location = m.group("bold")[: date.start()].strip().rstrip(",—–-").strip()
    return location, date.group("date"), m.group("rest")


def _unwrap(text: str) -> str:
    """``*Name, Role*`` -> ``Name, Role``: emphasis around the whole text only."""
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    return text


_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'", "‘": "’"}


def _unquote(text: str) -> str:
    """A quote's text without the quotation marks around it (the layout sets its own); emphasis
    around the marks stays around the words (``*"Great."*`` -> ``*Great.*``)."""
    for mark in ("**", "__", "*", "_"):
        inner = text[len(mark) : -len(mark)]
        if len(text) > 2 * len(mark) + 2 and text.startswith(mark) and text.endswith(mark) and inner[0] in _QUOTES \
                and not inner.startswith(("*", "_")) and not inner.endswith(("*", "_")):
            unquoted = _unquote(inner)
            return f"{mark}{unquoted}{mark}" if unquoted != inner else text
    if len(text) > 2 and text[0] in _QUOTES:
        close = _QUOTES[text[0]]
        alone = text.count(text[0]) == 2 if close == text[0] else text.count(text[0]) == text.count(close) == 1
        if text.endswith(close) and alone:
            return text[1:-1].strip()
    return text


def _kind(heading: str, extra: dict[str, set[str]]) -> str | None:
    name, written = section_name(heading), normalise(heading)
    for kind, names in (("press_release", PRESS_RELEASE), ("external", EXTERNAL), ("internal", INTERNAL),
                        ("faq", FAQ)):
        if name in names or name in extra.get(kind, set()) or written in extra.get(kind, set()):
            return kind
    return None


class _LineStart:
    """A pattern tried at the start of every line, as ``(?m)^pattern`` would be, but found by a
    search for the newline before it (a fast scan for one character), where ``^`` in MULTILINE
    mode is tried at every position of the text: the first line is matched on its own. In
    ``pattern``, the end of a line is written ``(?=\\n|\\Z)`` and a line's text ``[^\\n]``.
    (``tests/contract/test_speed_body_reader.py`` compares each with its MULTILINE rule.)"""

    def __init__(self, pattern: str) -> None:
        self.first = re.compile(pattern)
        self.after = re.compile("\n" + pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return self.first.match(text) or self.after.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        m = self.first.match(text)
        if m is not None:
            yield m
        yield from self.after.finditer(text, m.end() if m is not None else 0)


_MAY_HAVE_SECTION = _LineStart(r" {0,3}(?:#|=+[ \t]*(?=\n|\Z)|-+[ \t]*(?=\n|\Z))")
"""A line that may be a heading (``#``, or a setext underline): without one, no section."""


_SETEXT_UNDERLINE = _LineStart(r" {0,3}(?:=+|-+)[ \t]*(?=\n|\Z)")
_ATX_TOP = _LineStart(r" {0,3}#{1,2}(?=[ \t\n]|\Z)([^\n]*)")
"""A line that may be a heading of level 1 or 2 (``#``, ``##``), and its text after the marks."""


_UNSPACED = _LineStart(r" {0,3}(#{1,6})(?=[^ \t\n#])([^\n]*)")
"""A line that would be an ATX heading but for the space after its marks (``##External FAQ``): no
heading in CommonMark, a heading in Python-Markdown."""
_SECTION_FIELDS = {"press_release": "press_release", "external": "faq.external", "internal": "faq.internal",
                   "faq": "faq"}


def _unspaced_field(marks: str, text: str, extra: dict[str, set[str]]) -> str | None:
    """The field a heading's text names when it is written with no space after its ``#`` marks:
    a section's at any level (``#FAQ``, ``##External FAQ``, a site's label), a FAQ group's or a
    press-release part's from ``###`` down (``###Internal``, ``###Problem``); None for any other
    text (``#1 priority``, ``#hashtag``)."""
    written = text.rstrip(" \t").rstrip("#").strip()
    if not written or len(written) > 200:
        return None
    kind = _kind(written, extra)
    if kind is not None:
        return _SECTION_FIELDS[kind]
    if len(marks) < 3:
        return None
    name = section_name(written)
    group = next((k for k in ("external", "internal") if name in GROUPS[k] or name in extra.get(k, set())), None)
    if group is not None:
        return _SECTION_FIELDS[group]
    part = PARTS.get(normalise(written))
    return f"press_release.{part}" if part else None


def _clip(line: str) -> str:
    """A line as a message quotes it: up to 80 characters, else its first 76 and "..."."""
    return line if len(line) <= 80 else line[:76] + "..."


def _unspaced(read: markdown.Document, extra: dict[str, set[str]]) -> list[tuple[int, str, str]]:
    """``(line index, field, message)`` of each line that would be a heading naming a section but
    for a missing space after its ``#`` marks (``##External FAQ``): CommonMark reads it as a
    paragraph's text, so the body form does not see the section, while Python-Markdown renders it
    as a heading, so the author sees one. Only lines of paragraphs and of a setext heading's text
    count (``##FAQ`` over ``---`` is a heading named ``##FAQ`` to markdown-it, ``## FAQ`` and a rule to
    Python-Markdown), never a line in a fenced block, an HTML comment or a list. Linear in the page."""
    found = []
    for block in read.blocks:
        if (block.kind != "paragraph" and not (block.kind == "heading" and block.setext)) or "#" not in block.text:
            continue
        for k in range(block.start, block.end):
            m = _UNSPACED.first.match(read.lines[k]) if "#" in read.lines[k][:4] else None
            name = _unspaced_field(m.group(1), m.group(2), extra) if m else None
            if m is None or name is None:
                continue
            written, expected = _clip(read.lines[k].strip()), _clip(f"{m.group(1)} {m.group(2).strip()}")
            found.append((k, name, f'"{written}" is not a heading: put a space after the #s (expected "{expected}")'))
    return found


def _may_name_section(body: str, extra: dict[str, set[str]]) -> bool:
    """Whether ``body`` may hold a heading that names a section: False only when no line could
    be one (most front-matter pages: ``## Appendix``), so those are not read as Markdown. A page
    with a setext underline (``---`` is one, or a rule) is always read. A line that looks like a
    heading but is not one (in a fenced block) only costs the reading: the reader decides."""
    text = body.replace("\r\n", " \n").replace("\r", " ") if "\r" in body else body  # as the reader reads it
    for m in _ATX_TOP.finditer(text):  # first: a body-form page names its first section at once
        rest = m.group(1)
        # the heading's text as the parser takes it: with or without a closing run of '#'
        for written in (rest.strip(), rest.rstrip(" \t").rstrip("#").strip()):
            if _kind(written, extra) is not None:
                return True
    if _SETEXT_UNDERLINE.search(text) is not None:
        return True
    for m in _UNSPACED.finditer(text):  # '##External FAQ': named as a problem, so the page is read
        if _unspaced_field(m.group(1), m.group(2), extra):
            return True
    return False


def parse(body: str, offset: int = 0, labels: Mapping[str, str] | None = None) -> BodyDoc | None:
    """The body form of ``body`` (which starts on line ``offset + 1`` of its file), or None when
    it has no recognised section (a front-matter-form page: its body is left alone)."""
    if not _MAY_HAVE_SECTION.search(body):
        return None
    extra = _label_names(labels or {})
    if not _may_name_section(body, extra):
        return None
    from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
    read = markdown.read(body)
    tops = [_Heading(b.level, b.content, b.start, n) for n, b in enumerate(read.blocks)
            if b.kind == "heading" and b.level <= 2]
    kinds = [_kind(h.text, extra) for h in tops]
    reader = _Reader(read, offset)
    for line, levels, end in read.too_deep:
        reader.doc.errors.append((reader.at(line), "body", _too_deep(levels, reader.at(end - 1))))
    for line, name, message in _unspaced(read, extra):  # '##External FAQ': a heading for Python-Markdown only
        reader.doc.errors.append((reader.at(line), name, message))
        reader.doc.unspaced.add(name)
    if not any(kinds):  # no section: the page is left alone, but what the reader could not read is named
        return BodyDoc(rest=body, errors=reader.doc.errors, unspaced=reader.doc.unspaced) if reader.doc.errors \
            else None
    expected = ", ".join(dict.fromkeys([*FAQ_HEADINGS, *(labels[k] for k in ("external_faq", "internal_faq", "faq")
                                                          if labels and labels.get(k))]))
    rest: list[str] = []
    rest.append(reader.source(0, tops[0].index))
    n = 0
    while n < len(tops):
        h, kind = tops[n], kinds[n]
        # A recognised section runs to the next heading of its level or above, or the next that
        # names a section ('# FAQ' may hold '## Question?'; '# Press release' ends at
        # '## External FAQ'); any other section to the next top-level heading.
        following = n + 1
        if kind is not None:
            while following < len(tops) and tops[following].level > h.level and kinds[following] is None:
                following += 1
        end = tops[following].index if following < len(tops) else len(read.blocks)
        if kind is None:
            if _reads_like_faq(reader, h, end):
                reader.doc.not_faq.append((reader.at(h.line), _ATTRS.sub("", h.text).strip(), expected))
            rest.append(reader.source(h.index, end))
        elif kind == "press_release" and ("press_release",) in reader.doc.lines:
            first_line = reader.doc.lines[("press_release",)]
            reader.doc.errors.append((reader.at(h.line), "press_release",
                                      f"a second press release section (the first is at line {first_line}; "
                                      f"expected one: this one is kept as an ordinary section)"))
            rest.append(reader.source(h.index, end))
        elif kind == "press_release":
            reader.doc.preface = reader.press_release(h, end)  # what came before its dateline
        elif kind in ("external", "internal"):
            rest.append(reader.faq(kind, h, h.index + 1, end))
        else:
            rest.extend(_faq_section(reader, h, end, extra))
        n = following
    doc = reader.doc
    # A part the status requires but the body lacks is reported at its section's heading.
    if ("press_release",) in doc.lines:
        for key in ("dateline", "quotes"):
            doc.lines.setdefault((key,), doc.lines[("press_release",)])
    if ("faq",) in doc.lines:
        for part in ("external", "internal"):
            doc.lines.setdefault(("faq", part), doc.lines[("faq",)])
    kept = [r for r in rest if r.strip()]
    doc.rest = "\n\n".join(kept) + "\n" if kept else ""
    return doc


def _too_deep(levels: int, last: int) -> str:
    """What a block nested deeper than the reader reads is told (:attr:`.reader.Document.too_deep`)."""
    from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
    if levels > markdown.DEEPEST:
        return (f"lists or quotes nested {levels} levels deep (expected at most {markdown.DEEPEST}, a level being a "
                "'>', a list marker or two columns of indentation); the block is kept as written, not read for "
                "sections or questions")
    return (f"more than {markdown.RECOVERIES} lists or quotes nested deeper than {markdown.MAX_NESTING // 2} levels "
            f"in one page (expected at most {markdown.RECOVERIES}); the page from here to line {last} is kept as "
            "written, not read for sections or questions")


FAQ_HEADINGS = ("External FAQ", "Internal FAQ", "FAQ")
"""The FAQ headings a message names (the site's labels besides); :data:`.vocabulary.EXTERNAL`,
:data:`.vocabulary.INTERNAL` and :data:`.vocabulary.FAQ` hold every spelling read."""
_FAQ_WORDS = re.compile(r"\b(?:faqs?|questions?|q\s?&\s?a|asked|answers?)\b")


def _reads_like_faq(reader: _Reader, h: _Heading, end: int) -> bool:
    """Whether a section no name recognises reads like a FAQ: its heading speaks of questions
    (``## Questions customers ask``) or it asks some."""
    return bool(_FAQ_WORDS.search(normalise(h.text))) or reader.asks(h.index + 1, end, h.level)


def explain_missing(written: BodyDoc, field_name: str, message: str) -> tuple[int, str] | None:
    """A FAQ field reported ``missing (...)`` on a page whose body has a section that reads like
    a FAQ under a heading no name recognises: ``(that heading's line, a message naming it and the
    headings that are)``, once per such section; None otherwise."""
    if not written.not_faq or not message.startswith("missing (") or field_name not in ("faq", "faq.external",
                                                                                         "faq.internal"):
        return None
    # the whole FAQ missing: every such heading is named; one group missing: the next one
    named = written.not_faq[:] if field_name == "faq" else written.not_faq[:1]
    del written.not_faq[: len(named)]
    line, _, expected = named[0]
    because = message.removeprefix("missing (").removesuffix(")")
    shown = [repr(h if len(h) <= 60 else h[:56] + "...") for _, h, _ in named[:5]]
    if len(named) > 5:
        shown.append(f"{len(named) - 5} more")
    headings = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    verb = "is not a FAQ heading" if len(shown) == 1 else "are not FAQ headings"
    return line, f"{headings} {verb}, so {field_name} is missing ({because}; expected one of: {expected})"


def repeats_unspaced(written: BodyDoc, field_name: str, message: str) -> bool:
    """Whether a field reported ``missing (...)`` is a section (or holds one) that the page writes
    as a heading with no space after its ``#`` marks, which is reported already."""
    return message.startswith("missing (") and any(f == field_name or f.startswith(field_name + ".")
                                                   for f in written.unspaced)


def _faq_section(reader: _Reader, h: _Heading, end: int, extra: dict[str, set[str]]) -> list[str]:
    """A ``## FAQ``: its external and internal groups, or, with none, its questions as external.
    Any other subsection beside the groups is kept as written; questions before the first group
    are external (the FAQ's undivided part), in their place."""
    blocks = reader.blocks
    groups = [_Heading(b.level, b.content, b.start, n) for n, b in enumerate(blocks[h.index + 1 : end], h.index + 1)
              if b.kind == "heading" and b.level == h.level + 1]
    named = [(g, _group(g.text, extra)) for g in groups]
    if not any(kind for _, kind in named):
        return [reader.faq("external", h, h.index + 1, end)]
    first = groups[0].index
    if reader.asks(h.index + 1, first, h.level):
        kept = [reader.faq("external", h, h.index + 1, first)]
    else:
        kept = [reader.source(h.index + 1, first)]
    for i, (g, kind) in enumerate(named):
        g_end = groups[i + 1].index if i + 1 < len(groups) else end
        if kind is None:
            kept.append(reader.source(g.index, g_end))
        else:
            kept.append(reader.faq(kind, g, g.index + 1, g_end))
    return kept


def _group(heading: str, extra: dict[str, set[str]]) -> str | None:
    name, written = section_name(heading), normalise(heading)
    for kind in ("external", "internal"):
        if name in GROUPS[kind] or written in GROUPS[kind] or written in extra.get(kind, set()):
            return kind
    return audience(heading)  # '### For the people deciding whether to build it'


def _label_names(labels: Mapping[str, str]) -> dict[str, set[str]]:
    keys = {"press_release": "press_release", "external_faq": "external", "internal_faq": "internal", "faq": "faq"}
    out: dict[str, set[str]] = {}
    for key, kind in keys.items():
        if labels.get(key):
            out.setdefault(kind, set()).add(normalise(labels[key]))
    return out


