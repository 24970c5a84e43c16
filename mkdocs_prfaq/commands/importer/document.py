"""One original's text as the text of a page of the body form, for `mkdocs-prfaq import`.

:func:`convert` turns one document into the text of a page written the way
docs/writing-in-markdown.md describes: metadata in front matter, then ``## Press release``
(dateline, parts, quotes), ``## External FAQ`` and ``## Internal FAQ`` (each question a ``###``
heading), then every other section of the original, in order, and what the original's front
matter held that the site does not use. Nothing is dropped but structure: labels that became a
part, headings that became a section, separators.

Nothing here reads or writes files, runs git or knows MkDocs: the caller passes the text, what
git knows about the file (:func:`.files.git_history` asks it), and a function that says whether a
relative image or file may be copied beside the page (:func:`.files.asset_check`);
``mkdocs-prfaq import`` (:mod:`mkdocs_prfaq.commands.cli`) reads, copies (:func:`.files.copy_asset`)
and writes (:mod:`mkdocs_prfaq.commands.writes`).
"""

from __future__ import annotations

import bisect
import datetime
import os
import re
import sys
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ...contract import body, frontmatter, quotes, vocabulary
from ...contract import reader as markdown
from ...contract.model import MARKDOWN_EXTENSIONS, STATUSES
from ...layout.sanitize import is_remote
from ..scaffold import (
    ID_RE,
    MAX_ID,
    id_from_title,
)

PART_ORDER = vocabulary.PART_ORDER
PART_TITLES = vocabulary.PART_TITLES

KEPT_KEYS = ("title", "status", "owner", "created", "updated", "id", "authors", "reviewers", "tags", "subtitle",
             "related", "launched", "superseded_by", "decision", "customer", "dateline", "press_release", "quotes",
             "faq")
"""Front-matter keys of the schema that an imported page keeps (the body form's sections only when
the body does not give them too)."""

# -- names -------------------------------------------------------------------------------------

_LABELS = vocabulary.TEMPLATE_LABELS

_GENERIC = re.compile(r"^(?:the\s+)?(?:pr|press\s+release)\s*(?:[/&-]|and)?\s*faqs?$")
"""A document heading that names the kind of document, no title: ``PR/FAQ``, ``PRFAQ``, ``Press
Release and FAQ``, ``Press Release & FAQ``."""
_QUALIFIED_PR = re.compile(r"^(?:[\w’'-]+\s+){1,3}press\s+release$")
"""A press-release heading with words before it: ``Internal Press Release``, ``Draft Press
Release``, ``Future Intended Press Release``."""
_NAMED_PR = re.compile(r"^press\s+release\s*(?:[-—–:|]|--)\s*(?!faqs?$)\S")
"""A press-release heading with the product's name after it: ``Press Release - Redcar``."""
_PR_FAQ = r"(?:pr\s*[/-]?\s*faqs?|press\s+release\s*(?:[/&]|and)\s*faqs?)"
_TITLE_PREFIX = re.compile(r"^\s*(?:title|headline|heading|" + _PR_FAQ + r")\s*[:\-–—]\s*", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s*[:\-–—|]?\s*\b" + _PR_FAQ + r"\s*$", re.IGNORECASE)
_PAREN = re.compile(r"\([^()]*\)\s*$")  # no leading \s*: a search would try each space of a run


def _name(text: str) -> str:
    """A heading or label as compared: body.normalise, curly apostrophes straight, no ``the``,
    no trailing ``.`` or ``:``."""
    name = body.normalise(text.replace("’", "'")).rstrip(".:").strip()
    return name[4:] if name.startswith("the ") and name[4:] in _LABELS else name


def _label(text: str) -> str | None:
    """What a template label or press-release subheading names (see :data:`_LABELS`), or a part
    the body-form parser knows by that name (``How it works``), or None."""
    name = _name(text)
    found = _LABELS.get(name)
    if found:
        return found
    part = body.PARTS.get(body.normalise(text))
    return part


def _dropped_label(text: str) -> bool:
    """Whether a label is template wording the part's own heading replaces (``Intro paragraph:``),
    rather than words worth keeping (``How it works``)."""
    return _name(text) in _LABELS


@dataclass
class _Names:
    press_release: set[str]
    external: set[str]
    internal: set[str]
    faq: set[str]


def _names(labels: Mapping[str, str] | None) -> _Names:
    names = _Names(set(body.PRESS_RELEASE) | {"blog post", "the blog post", "press release draft"},
                   set(body.EXTERNAL), set(body.INTERNAL), set(body.FAQ))
    for key, attr in (("press_release", "press_release"), ("external_faq", "external"),
                      ("internal_faq", "internal"), ("faq", "faq")):
        if labels and labels.get(key):
            getattr(names, attr).add(body.normalise(labels[key]))
    return names


def _classify(text: str, names: _Names) -> str | None:
    """``pr``, ``external``, ``internal``, ``faq``, ``generic`` (a heading ``PR/FAQ`` with no name)
    or None for any other heading."""
    full = body.normalise(text)
    bare = _PAREN.sub("", text)
    numbered = (vocabulary.section_name(text), vocabulary.section_name(bare))  # '## Part 1 — Press Release'
    for name in dict.fromkeys((full, body.normalise(bare), *numbered)):
        if name in names.press_release or _QUALIFIED_PR.match(name) or _NAMED_PR.match(name):
            return "pr"
        if name in names.external or re.match(r"^(?:external|customer|public)\b.*\bfaqs?$", name):
            return "external"
        if name in names.internal or re.match(r"^(?:internal|technical|business|stakeholder)\b.*\bfaqs?$", name):
            return "internal"
        if name in names.faq:
            return "faq"
    if _GENERIC.match(full) or not _title_name(text):
        return "generic"
    return None


def _title_name(text: str) -> str:
    """A document heading without ``Title:``, ``PRFAQ:`` or a trailing ``PR/FAQ``."""
    text = _plain(text)
    text = _TITLE_PREFIX.sub("", text)
    suffix = body.search_end(_TITLE_SUFFIX, text, 60)  # at the end: linear whatever the spaces before it
    if suffix is not None:
        text = text[: suffix.start()]
    return text.strip(" -–—:|")


_QUESTION_ID = re.compile(r"\{#([A-Za-z][\w-]*)\}\s*$")
_QUESTION_ID_ANY = re.compile(r"\{#[^{}]*\}$")


def _plain(text: str) -> str:
    """Heading or label Markdown as plain text: no emphasis, code marks, ``{#id}`` or link targets
    (read from the reader's inline tokens: linear whatever the text)."""
    text = _QUESTION_ID_ANY.sub("", text.rstrip())
    return markdown.plain(text)


# -- Markdown blocks ---------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_HR = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_JUNK = re.compile(r"^[\s_*]*$")


@dataclass
class _Heading:
    level: int
    text: str
    line: int


@dataclass
class _Block:
    text: str
    line: int


def _fence_open(line: str) -> str | None:
    m = _FENCE.match(line)
    if not m or (m.group(1)[0] == "`" and "`" in m.group(2)):
        return None
    return m.group(1)


def _scan(text: str, offset: int, too_deep: list[tuple[int, int, str]] | None = None) -> list[_Heading | _Block]:
    """Headings and blocks of the original's body, in order, as the reader gives them (a fenced
    block, an HTML block or comment, a list stays whole). ``line`` is the line of the original
    file (``offset`` lines come before ``text``). Blocks nested deeper than the reader reads go
    in ``too_deep``: ``(line of the original, levels, that line)``."""
    items: list[_Heading | _Block] = []
    read = markdown.read(text)
    for line, levels, _ in read.too_deep:
        if too_deep is not None:
            too_deep.append((line + offset + 1, levels, read.lines[line]))
    for b in read.blocks:
        if b.kind == "heading" and not markdown.plain(b.content).strip():
            continue  # an empty heading ('##' alone) separates, names nothing and has no words
        if b.kind == "heading":
            items.append(_Heading(b.level, " ".join(b.content.split("\n")).strip(), b.start + offset + 1))
        else:
            items.append(_Block("\n".join(line.rstrip("\r") for line in b.text.split("\n")), b.start + offset + 1))
    return items


def _junk(text: str) -> bool:
    """A separator (``---``) or a block with nothing to read (``_ _``, whitespace)."""
    return bool(_HR.match(text) or _JUNK.match(text))


def _is_paragraph(text: str) -> bool:
    """The body-form parser's idea of a paragraph: not a list, quote, table, code or HTML."""
    first = text.lstrip()
    return not (first.startswith((">", "|", "```", "~~~", "<", "![")) or text.startswith(("    ", "\t"))
                or re.match(r"^([-*+]|\d+[.)])\s", first))


def _fenced(text: str) -> bool:
    return _fence_open(text.split("\n", 1)[0]) is not None


# -- questions ---------------------------------------------------------------------------------

_Q_PREFIX = vocabulary.Q_PREFIX
_A_PREFIX = vocabulary.A_PREFIX
_BOLD_START = re.compile(r"^(\*\*|__)(?!\s)(?P<inner>.+?)(?<!\s)\1(?P<after>[^\n]*)(?:\n(?P<rest>.*))?$", re.DOTALL)
_PLAIN_Q = re.compile(r"^Q\d*\s*[:.)]\s+\S", re.IGNORECASE)
_ASKS = re.compile(r"\?\s*(?:\([^()]*\)\s*)?$")


def _asks(text: str) -> bool:
    """Whether a line is a question: it ends in ``?``, or in ``?`` and a note in parentheses
    (``Why no X? (And why not Y)``)."""
    return bool(_ASKS.search(text))


def _question(text: str, *, in_faq: bool) -> tuple[str, str] | None:
    """``(question, rest of the block)`` when a block opens with a question: ``**Q: ...?**`` (on
    one line or more), ``**Q:** ...``, ``Q: ...`` and, inside a FAQ, any bold line ending in ``?``."""
    if not _is_paragraph(text) or _fenced(text):
        return None
    m = _BOLD_START.match(text)
    if m and "\n" not in m.group("after"):
        inner = " ".join(m.group("inner").split())
        after = m.group("after").strip().rstrip("\\").strip()
        rest = m.group("rest") or ""
        if re.fullmatch(r"(?:Q\d*|Question)\s*[:.)]?", inner, re.IGNORECASE) and after:
            return after, rest
        prefixed = bool(_Q_PREFIX.match(inner))
        if prefixed or (in_faq and _asks(inner) and (not after or after.startswith(("A:", "A.")))):
            question = _Q_PREFIX.sub("", inner).strip()
            if after:
                rest = after + ("\n" + rest if rest else "")
            return question, rest
    if _PLAIN_Q.match(text):
        lines = text.split("\n")
        asked = [lines[0]]
        for n, line in enumerate(lines[1:], 1):
            if _A_PREFIX.match(line):
                return _Q_PREFIX.sub("", " ".join(asked)).strip(), "\n".join(lines[n:])
            asked.append(line.strip())
        return _Q_PREFIX.sub("", " ".join(asked)).strip(), ""
    return None


def _quoted_question(text: str) -> tuple[str, str] | None:
    """A FAQ's question written as a blockquote of one paragraph that asks (``> Who uses it?``),
    with no answer of its own; None for any other blockquote."""
    lines = [markdown.quote_line(line).strip() for line in text.strip().split("\n")]
    if not lines or len(lines) > 5 or any(not line or line.startswith((">", "#", "- ", "* ", "+ ", "```", "~~~"))
                                          or _LIST_ITEM.match(line) for line in lines):
        return None
    question = " ".join(lines)
    if len(question) > 300 or not _asks(question) or question.startswith(tuple(_OPEN_Q)):
        return None
    return _Q_PREFIX.sub("", question).strip(), ""


def _question_text(text: str) -> str:
    """A question as the page writes it: its inline Markdown kept (code, emphasis, links: the layout
    renders them, and `` `add <path>` `` stays code, never a tag), without ``Q:``, an ``{#id}``, or
    emphasis around the whole question."""
    text = " ".join(_QUESTION_ID_ANY.sub("", text.strip()).split())
    text = _Q_PREFIX.sub("", text).strip()
    inner = _EMPHASIS_WHOLE.match(text)
    if inner and not any(mark in inner.group("inner") for mark in ("**", "__")):
        text = _Q_PREFIX.sub("", inner.group("inner").strip()).strip()
    return text


_EMPHASIS_WHOLE = re.compile(r"^(\*\*|__|\*|_)(?!\s)(?P<inner>.+?)(?<!\s)\1$")


def _strip_answer_label(text: str) -> str:
    """An answer without its ``A:``; a lone ``A:`` line goes."""
    m = _A_PREFIX.match(text)
    if not m:
        return text
    rest = text[m.end():]
    return rest.lstrip("\n") if not rest.split("\n", 1)[0].strip() else rest


_LIST_ITEM = re.compile(r"^([*+-]|\d+[.)])[ \t]+(.*)$")


def _list_faq(blocks: list[str]) -> list[tuple[str, str]] | None:
    """A FAQ written as a nested list: each top-level item a question, its nested items the answer."""
    lines = "\n".join(blocks).split("\n")
    if not lines or not _LIST_ITEM.match(lines[0]):
        return None
    items: list[tuple[list[str], list[str]]] = []
    for line in lines:
        m = _LIST_ITEM.match(line)
        if m:
            bold = _BOLD_START.match(m.group(2).strip())
            if bold and _asks(bold.group("inner")) and not bold.group("rest"):
                # `1. **Do I need SQL?**` (the answer after it, or indented below it)
                after = bold.group("after").strip()
                items.append(([bold.group("inner").strip()], ["    " + after] if after else []))
                continue
            items.append(([m.group(2).strip()], []))
        elif not line.strip():
            if items and items[-1][1]:
                items[-1][1].append("")
        elif line[:1] in (" ", "\t"):
            question, answer = items[-1]
            if answer or _LIST_ITEM.match(line.strip()) or _asks(_plain(" ".join(question))):
                answer.append(line)
            else:
                question.append(line.strip())
        else:
            return None
    if not all(answer for _, answer in items):
        return None
    found = []
    for question, answer in items:
        width = min(len(a) - len(a.lstrip()) for a in answer if a.strip())
        found.append((" ".join(question), "\n".join(a[width:] for a in answer).strip("\n")))
    return found


# -- quotes, dateline --------------------------------------------------------------------------

_OPEN_Q = vocabulary.OPEN_QUOTES
_unwrap = quotes.unwrap
_who = quotes.speaker_of
QUOTE_STARTS_TRIED = quotes.QUOTE_STARTS_TRIED
Quote = quotes.Quote


def _quote(text: str) -> Quote | None:
    """An attributed quote: a blockquote whose last line is ``— Name, Role`` (or a name alone),
    or a paragraph (or blockquote) ``"..." said Name, Role.`` / ``"..." Surname added.`` /
    ``"..." according to the author.`` / ``"..." - Name, Role``; in a paragraph, the quotation
    may open a later sentence (the prose before it is the quote's ``before``), and prose may
    follow the attribution (its ``after``)."""
    quoted = text.lstrip().startswith(">")
    if quoted:
        lines = [re.sub(r"^ {0,3}> ?", "", line) for line in text.split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) >= 2:
            said = body.attribution(_unwrap(lines[-1]))
            if said and not said[0].lstrip().startswith(("-", "—")) and "{" not in said[0] and "}" not in said[0]:
                who = _who(said[0])
                if who and "\n".join(lines[:-1]).strip():
                    kind = said[1]
                    return Quote("\n".join(lines[:-1]).strip(), who[0], who[1], kind)
        text = "\n".join(lines)
    elif not _is_paragraph(text):
        return None
    quote = quotes.attributed(" ".join(text.split()), anywhere=not quoted)
    if quote is not None and quoted and quote.after:
        return None  # a blockquote is one quote or none: its prose is not split from it
    return quote


_DATE = r"(?P<date>" + vocabulary.DATE + r"|\d{4})"  # a year alone: a dateline that names no day or month
_BOLD_DATELINE = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]+?)\1\s*(?P<dash>—|–|--|-|―)\s*(?P<rest>.*)$", re.DOTALL)
_DATE_END = re.compile(r"(?:^|,\s*|\s*(?:—|–|--|-|―)\s*|\s+)" + _DATE + r"\s*$")
_PLAIN_DATELINE = re.compile(
    r"^(?P<loc>[A-Z][^\n*_\[\]]{1,60}?)\s*(?:,|—|–|--|-)\s*" + _DATE + r"\s*(?:—|–|--|-)\s+(?P<rest>\S.*)$", re.DOTALL)


_BOLD_ONLY = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]+?)\1\s*$")


def _lone_dateline(text: str) -> Dateline | None:
    """A paragraph that is only a bold dateline (``**SEATTLE, WA — April 2, 2027**``)."""
    m = _BOLD_ONLY.match(text.strip())
    d = body.search_end(_DATE_END, m.group("inner")) if m else None
    if not m or not d:
        return None
    location = m.group("inner")[: d.start()].strip(" ,—–-")
    date = full_date(d.group("date"))
    when = date or month_date(d.group("date"))
    return Dateline(location, when, month_only=date is None) if when and location else None


def _preface(text: str) -> bool:
    """A line a press release opens with before its headline: a lone dateline, ``FOR IMMEDIATE RELEASE``."""
    m = _BOLD_ONLY.match(text.strip())
    written = _plain(text)
    plain = written.lower()
    return _lone_dateline(text) is not None or (
        "\n" not in text.strip() and len(plain) <= 80 and plain.startswith("for ") and "release" in plain
        and (m is not None or written.upper() == written))


def full_date(text: str) -> datetime.date | None:
    """``April 27, 2027``, ``Apr. 27th 2027``, ``27 April 2027`` or ``2027-04-27`` as a date."""
    found = vocabulary.read_date(text)
    return found[0] if found and not found[1] else None


def month_date(text: str) -> datetime.date | None:
    """``August 2027``, ``Aug. 2027`` or ``2027-08`` as the first day of that month (a dateline of
    month precision, which the body form reads as ``2027-08``)."""
    found = vocabulary.read_date(text)
    return found[0] if found and found[1] else None


@dataclass
class Dateline:
    location: str
    date: datetime.date
    month_only: bool = False
    """The original gives a month and no day (``August 2027``): so does the page."""

    def iso(self) -> str:
        return f"{self.date:%Y-%m}" if self.month_only else self.date.isoformat()

    def markdown(self) -> str:
        return f"**{self.location}, {vocabulary.long_date(self.date, self.month_only)}**"


# -- the document, read --------------------------------------------------------------------------

@dataclass
class _Question:
    text: str
    group: str
    blocks: list[str] = field(default_factory=list)
    level: int = 0
    """The source heading level a heading inside the answer is measured from."""


@dataclass
class _Section:
    heading: str
    blocks: list[str] = field(default_factory=list)
    role: str = "other"
    """``other``; ``title`` (the text under the document's own heading); ``intro`` (text before a
    FAQ's first question); ``preamble`` (text before the first heading); ``generic`` (text under a
    ``# PR/FAQ`` heading when the document names its press release elsewhere)."""
    group: str = ""
    questions_before: int = 0


@dataclass
class _Part:
    part: str
    shown: str | None
    """The original heading, kept as an italic line when it says more than the part's name."""
    heading: str = ""


@dataclass
class _Sub:
    text: str
    quote_kind: str | None = None
    """Set for a quotes heading (``Customer quotes``): the kind of the quotes under it (``any``)."""
    headline: bool = False
    """The original's headline, kept in the text where the front matter's title replaces it."""


@dataclass
class _Prose:
    text: str
    line: int


_PREvent = _Part | _Sub | _Prose


class _Reader:
    """Walks the original's headings and blocks once, sorting them into the press release, the
    FAQ and the other sections."""

    def __init__(self, items: list[_Heading | _Block], names: _Names) -> None:
        self.items = items
        self.kinds = [(_classify(i.text, names) if isinstance(i, _Heading) else None) for i in items]
        self.has_pr = "pr" in self.kinds
        self.title_at = next((n for n, i in enumerate(items)
                              if isinstance(i, _Heading) and i.level == 1 and self.kinds[n] is None), None)
        self.headline: str | None = None
        self.title_name = ""
        self.pr: list[_PREvent] = []
        self.questions: list[_Question] = []
        self.sections: list[_Section] = []
        # where the walk is
        self.mode = "pre"
        self.level = 0
        self.waiting_headline = False
        self.section: _Section | None = None
        self.faq_level = self.group_level = 0
        self.grouped = False
        """Whether the FAQ is divided into groups by headings one level below its own."""
        self.group = "external"
        self.topic: str | None = None
        self.topic_level = 0
        self.question: _Question | None = None
        self.intro: _Section | None = None
        self.intro_heading = ""
        self.generic_pr = False
        """The press release is the text under a ``# Press Release and FAQ`` heading: its
        subheadings are the press release's, up to the FAQ."""
        first = next((n for n, i in enumerate(items) if isinstance(i, _Heading)), None)
        if not self.has_pr and self.title_at is None and (first is None or self.kinds[first] != "generic"):
            self.mode = "implicit"  # no heading names the press release: the text before the first heading is it

    def read(self) -> None:
        for n, item in enumerate(self.items):
            if isinstance(item, _Heading):
                self.heading(n, item)
            else:
                self.block(item)
        self.end_faq()

    # headings

    def heading(self, n: int, h: _Heading) -> None:
        kind = self.kinds[n]
        if self.waiting_headline and kind is None and (self.mode == "pr" or h.level > self.level):
            self.waiting_headline = False
            if self.headline is None:
                self.headline = h.text
            else:
                self.pr.append(_Sub(_plain(h.text)))
            return
        self.waiting_headline = False
        if kind == "pr":
            self.end_faq()
            self.mode, self.level = ("container" if self.nested_pr(n, h.level) else "pr"), h.level
            if self.mode == "pr":
                if self.pr:
                    self.pr.append(_Sub(_plain(h.text)))
                self.waiting_headline = not self.pr
            return
        if kind in ("faq", "external", "internal"):
            self.enter_faq(kind, h)
            return
        if kind == "generic":
            self.end_faq()
            if not self.has_pr:
                self.mode, self.level, self.waiting_headline = "implicit", h.level, not self.pr
                self.generic_pr = True
            else:
                self.new_section(h, role="generic")
            return
        if n == self.title_at:
            self.end_faq()
            self.title_name = _title_name(h.text)
            if not self.has_pr:
                self.mode, self.level = "implicit", h.level
                if self.headline is None:
                    self.headline = h.text
            else:
                self.new_section(h, role="title")
            return
        if self.mode == "pr" and h.level > self.level:
            self.pr_heading(h)
            return
        if self.mode == "implicit" and h.level > self.level and (
                self.generic_pr or _label(h.text) not in (None, "title", "subtitle")):
            self.pr_heading(h)
            return
        if self.mode == "faq" and h.level == self.faq_level + 1 and (
                self.question is None or h.level <= self.question.level):
            # Under '## FAQ', '### Customers' / '### Internal' name its groups, as in the body form;
            # beside them, a heading that asks nothing is a section of its own ('### Open issues').
            short = body.normalise(h.text)
            group = next((k for k in ("external", "internal") if short in body.GROUPS[k]), None)
            if group is not None:
                self.enter_faq(group, h)
                self.grouped = True
                return
            if self.grouped and not _plain(h.text).endswith("?") and not self.is_topic(n, h):
                self.end_faq()
                self.new_section(h)
                return
        if self.mode == "faq" and h.level > self.faq_level:
            self.faq_heading(n, h)
            audience = vocabulary.audience(h.text) if self.topic is not None and h.level == self.faq_level + 1 else None
            if audience is not None:  # '### For the people deciding whether to build it': a group, its words kept
                self.group = audience
            return
        section = self.section
        if self.mode == "other" and section is not None and h.level > self.level and section.role == "other":
            section.blocks.append("#" * min(6, 2 + h.level - self.level) + " " + h.text)
            return
        self.end_faq()
        self.new_section(h)

    def nested_pr(self, n: int, level: int) -> bool:
        """Whether a press-release heading holds another (``## Working Backwards`` > ``### Press release``)."""
        for m in range(n + 1, len(self.items)):
            item = self.items[m]
            if isinstance(item, _Heading):
                if item.level <= level:
                    return False
                if self.kinds[m] == "pr":
                    return True
        return False

    def pr_heading(self, h: _Heading) -> None:
        label = _label(h.text)
        if label and label.startswith("quote:"):
            self.pr.append(_Sub(_plain(h.text), quote_kind=label[6:] or "any"))
        elif label in PART_ORDER:
            self.pr.append(_Part(label, None if _dropped_label(h.text) else _plain(h.text), _plain(h.text)))
        else:
            self.pr.append(_Sub(_plain(h.text)))

    def new_section(self, h: _Heading, role: str = "other") -> None:
        self.mode, self.level = "other", h.level
        self.section = _Section(h.text if role != "generic" else "Introduction", role=role)
        if role != "generic":  # a `# PR/FAQ` heading's text is a section only if there is some
            self.sections.append(self.section)

    # the FAQ

    def enter_faq(self, kind: str, h: _Heading) -> None:
        inside = self.mode == "faq" and kind != "faq" and h.level > self.faq_level
        self.end_faq()
        if not inside:
            self.faq_level = h.level
            self.grouped = False
        self.mode = "faq"
        self.group = "external" if kind == "faq" else kind
        self.group_level = h.level
        self.topic = None
        self.intro_heading = h.text

    def end_group(self) -> None:
        """A FAQ group ends: a nested list where no question was found is the list form of a FAQ."""
        intro, self.intro = self.intro, None
        if intro is None or len(self.questions) != intro.questions_before:
            return
        found = _list_faq(intro.blocks)
        if found:
            self.sections.remove(intro)
            for question, answer in found:
                self.questions.append(_Question(_question_text(question), intro.group, [answer]))

    def end_faq(self) -> None:
        if self.mode == "faq":
            self.end_group()
        self.question = None

    def faq_heading(self, n: int, h: _Heading) -> None:
        q = self.question
        if q is not None and h.level > q.level:
            # the layout shows questions as h4: a heading inside an answer is an h5 or h6
            q.blocks.append("#" * min(6, 4 + h.level - q.level) + " " + h.text)
            return
        if self.topic is not None and h.level > self.topic_level:
            self.ask(h.text, h.level)
            return
        if h.level <= self.group_level:  # beside the groups of a FAQ: back to its undivided part
            self.end_group()
            self.group, self.group_level, self.topic = "external", self.faq_level, None
        if self.topic is not None and h.level <= self.topic_level:
            self.topic = None
        if self.is_topic(n, h):
            self.end_group()
            self.topic, self.topic_level, self.question = _plain(h.text), h.level, None
            self.intro_heading = h.text
            return
        self.ask(h.text, h.level)

    def is_topic(self, n: int, h: _Heading) -> bool:
        """A heading in a FAQ that is no question groups questions (``### Pricing``) when questions
        follow in its own text, or when a deeper heading that asks one follows it at once."""
        if _plain(h.text).endswith("?"):
            return False
        for m in range(n + 1, len(self.items)):
            item = self.items[m]
            if isinstance(item, _Heading):
                return item.level > h.level and m == n + 1 and _plain(item.text).endswith("?")
            if _junk(item.text):
                continue
            return _question(item.text, in_faq=True) is not None
        return False

    def ask(self, text: str, level: int) -> None:
        self.end_group()
        anchor = _QUESTION_ID.search(text)  # '### How much? {#pricing}': links to #pricing keep working
        text = _question_text(text)
        if self.topic:
            text = f"{self.topic}: {text}"
        if anchor is not None:
            text = f"{text} {{#{anchor.group(1)}}}"
        self.question = _Question(text, self.group, level=level)
        self.questions.append(self.question)

    # blocks

    def block(self, b: _Block) -> None:
        text = b.text
        if not (self.waiting_headline and self.mode == "pr" and _preface(text)):
            self.waiting_headline = False
        if self.mode in ("pr", "implicit", "container"):
            asked = _question(text, in_faq=False)
            if asked and self.mode != "container":
                self.mode = "faq"
                self.faq_level = self.group_level = self.level
                self.group, self.topic, self.intro_heading = "external", None, "FAQ"
                self.bold_question(*asked)
            elif not _junk(text):
                self.pr.append(_Prose(text, b.line))
            return
        if self.mode == "faq":
            asked = _question(text, in_faq=True)
            if asked is None and (self.question is None or self.question.blocks):
                asked = _quoted_question(text)  # '> Who uses it?' after an answer, not under a question
            if asked:
                self.bold_question(*asked)
            elif _junk(text):
                pass
            elif self.question is not None:
                self.question.blocks.append(text)
            else:
                if self.intro is None:
                    self.intro = _Section(f"{_plain(self.intro_heading)}: introduction", role="intro",
                                          group=self.group, questions_before=len(self.questions))
                    self.sections.append(self.intro)
                self.intro.blocks.append(text)
            return
        if self.mode == "other" and self.section is not None:
            if self.section not in self.sections:
                self.sections.append(self.section)
            self.section.blocks.append(text)
            return
        if not self.sections or self.sections[0].role != "preamble":  # before the first heading
            self.sections.insert(0, _Section("Introduction", role="preamble"))
        self.sections[0].blocks.append(text)

    def bold_question(self, question: str, rest: str) -> None:
        self.ask(question, (self.topic_level if self.topic else self.group_level) + 1)
        rest = _strip_answer_label(rest.strip("\n"))
        if rest.strip() and self.question is not None:
            self.question.blocks.append(rest)


# -- the press release, sorted into parts --------------------------------------------------------

_LABEL_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z’' /&-]{1,40}?)\s*:[ \t]*(?P<rest>.*)$")
# Spaces around the colon are bounded (a label is a word or two): unbounded runs side by side
# try every split of a long run of spaces.
_BOLD_LABEL = re.compile(r"^(\*\*|__)(?P<label>[^*_\n]{1,40}?)[ \t]{0,3}(?P<colon>[:.])?[ \t]{0,3}\1"
                         r"(?P<after>[ \t]{0,3}:)?[ \t]*")
_EMPHASIS_ONLY = re.compile(r"^(\*\*|__|\*|_)(?!\s)(?P<inner>[\s\S]+?)(?<!\s)\1$")


@dataclass
class _Entry:
    part: str | None
    text: str = ""
    quote: Quote | None = None
    heading: bool = False
    """A bold line standing for a heading of the original: it and the text up to the next one are
    one part when parts are assigned by order."""
    quotes_heading: bool = False


@dataclass
class _Press:
    title: str | None = None
    subtitle: str | None = None
    dateline: Dateline | None = None
    not_a_date: str | None = None
    impossible: bool = False
    """Whether that date names a day that does not exist (``Feb 30, 2027``), rather than a year alone."""
    entries: list[_Entry] = field(default_factory=list)
    named: bool = False
    """Whether the original names any part (a label or a subheading)."""
    preface: list[str] = field(default_factory=list)
    """What opens the press release before its dateline (``FOR IMMEDIATE RELEASE``), as written."""


def _label_segments(text: str) -> list[tuple[str | None, str, str]]:
    """A block split where a line opens with a known label (``Solution:``, ``**Customer quote:**``):
    ``(what the label names, the label as written, the text after it)``; the first segment may
    have no label."""
    if not _is_paragraph(text) or _fenced(text):
        return [(None, "", text)]
    segments: list[tuple[str | None, str, list[str]]] = [(None, "", [])]
    for line in text.split("\n"):
        bold = _BOLD_LABEL.match(line)
        plain = _LABEL_LINE.match(line)
        if bold and (bold.group("colon") or bold.group("after")) and _name(bold.group("label")) in _LABELS:
            segments.append((_LABELS[_name(bold.group("label"))], bold.group(0).strip(), [line[bold.end():]]))
        elif plain and _name(plain.group("label")) in _LABELS:
            segments.append((_LABELS[_name(plain.group("label"))], plain.group("label") + ":", [plain.group("rest")]))
        else:
            segments[-1][2].append(line)
    return [(kind, label, "\n".join(lines).strip("\n")) for kind, label, lines in segments
            if kind is not None or "\n".join(lines).strip()]


def _press(events: list[_PREvent], *, subtitle_allowed: bool, title_known: bool) -> _Press:
    """The press release's text in order, each piece with the part the original names for it."""
    pr = _Press()
    part: str | None = None
    quote_kind: str | None = None
    started = False  # text seen: no subtitle or dateline after that
    heading = ""  # a part's heading not yet shown
    headline: _Entry | None = None  # goes after the dateline, which opens the press release

    def add(entry: _Entry) -> None:
        nonlocal started, heading
        if heading and entry.quote is None and not _is_paragraph(entry.text):
            # the body form reads a part from its first paragraph: code or a list first would
            # fall to another part, so the part opens with its original heading
            pr.entries.append(_Entry(entry.part, f"*{heading}*"))
        heading = ""
        started = True
        pr.entries.append(entry)

    def add_quote(quote: Quote) -> None:
        """A quote in its place: the prose of its paragraph before it, the quote, the prose after
        (which may hold the next quote: ``"A," said Jo. "B," said Sam.``, up to
        :data:`QUOTE_STARTS_TRIED` in a paragraph)."""
        for _ in range(QUOTE_STARTS_TRIED):
            if quote.before:
                add(_Entry(part, quote.before))
            add(_Entry(part, quote=quote))
            following = _quote(quote.after) if quote.after else None
            if following is None:
                break
            following.kind = following.kind or quote.kind
            quote = following
        if quote.after:
            add(_Entry(part, quote.after))

    for event in events:
        if isinstance(event, _Part):
            part, quote_kind, pr.named = event.part, None, True
            if event.shown:
                add(_Entry(part, f"*{event.shown}*"))
            heading = event.heading
            continue
        if isinstance(event, _Sub) and event.headline and not started:
            headline = _Entry(part, f"**{event.text}**", heading=True)
            continue
        if isinstance(event, _Sub):
            quote_kind = event.quote_kind
            add(_Entry(part, f"**{event.text}**", heading=True, quotes_heading=event.quote_kind is not None))
            continue
        for kind, label, text in _label_segments(event.text):
            if kind == "title" and pr.title is None and not title_known and text.strip():
                pr.title = _plain(text)
                continue
            if kind == "subtitle" and pr.subtitle is None and subtitle_allowed and text.strip():
                pr.subtitle = _plain(text)
                continue
            if kind in PART_ORDER:
                part, quote_kind, pr.named = kind, None, True
                kind, label = None, ""
            elif kind is not None and kind.startswith("quote:"):
                quote = _quote(text)
                if quote:
                    quote.kind = kind[6:] or None
                    add_quote(quote)
                    continue
            text = f"{label} {text}".strip() if kind is not None else text
            if not text.strip() or _junk(text):
                continue
            if not started and pr.dateline is None and _preface(text) and _lone_dateline(text) is None:
                pr.preface.append(text)  # FOR IMMEDIATE RELEASE: kept before the dateline, where it was
                continue
            early = not started or (len(pr.entries) == 1 and "\n" not in pr.entries[0].text)  # after a one-liner
            if early and pr.subtitle is None and subtitle_allowed and _is_paragraph(text) and \
                    not (pr.dateline is None and _lone_dateline(text)):
                m = _EMPHASIS_ONLY.match(text.strip())
                if m and "**" not in m.group("inner") and "release" not in m.group("inner").lower():
                    pr.subtitle = _plain(m.group("inner"))
                    continue
            if not started:
                text = _dateline(pr, text)
                if headline is not None and pr.dateline is None:
                    add(headline)
                    headline = None
                if not text.strip():
                    continue
            quote = _quote(text)
            if quote:
                if quote_kind and quote_kind != "any":
                    quote.kind = quote_kind
                add_quote(quote)
                continue
            bold = _BOLD_LABEL.match(text) if _is_paragraph(text) else None
            named = _label(bold.group("label")) if bold else None
            if bold and named in PART_ORDER:
                part, quote_kind, pr.named = named, None, True
                if _dropped_label(bold.group("label")):
                    text = text[bold.end():]
            if text.strip():
                add(_Entry(part, text))
            if headline is not None:
                add(headline)
                headline = None
    if headline is not None:
        add(headline)
    # a quotes heading with nothing but quotes under it has said all it says (the layout labels quotes)
    kept: list[_Entry] = []
    for n, entry in enumerate(pr.entries):
        if entry.quotes_heading:
            after = pr.entries[n + 1:]
            until = next((i for i, e in enumerate(after) if e.heading or e.part != entry.part), len(after))
            if after[:until] and all(e.quote for e in after[:until]):
                continue
        kept.append(entry)
    pr.entries = kept
    return pr


def _dateline(pr: _Press, text: str) -> str:
    """The first paragraph's dateline into ``pr.dateline``; the rest of the paragraph back. The
    date is a day or a month (``**BERLIN, March 2026** —``), as the body form reads it; a bold run
    ending in a year alone stays, not bold."""
    alone = _lone_dateline(text)
    if alone:
        pr.dateline = alone
        return ""
    m = _BOLD_DATELINE.match(text)
    if m:
        inner = m.group("inner")
        d = body.search_end(_DATE_END, inner)
        if d:
            location = inner[: d.start()].strip(" ,—–-")
            date = full_date(d.group("date"))
            when = date or month_date(d.group("date"))
            if when and location:
                pr.dateline = Dateline(location, when, month_only=date is None)
                return m.group("rest")
            pr.not_a_date = inner.strip()
            written = d.group("date")
            pr.impossible = len(written.replace(",", " ").split()) >= 3 or written.count("-") == 2
            return f"{inner.strip()} {m.group('dash')} {m.group('rest')}"
        return text
    p = _PLAIN_DATELINE.match(text)
    if p:
        date = full_date(p.group("date"))
        when = date or month_date(p.group("date"))
        if when:
            pr.dateline = Dateline(p.group("loc").strip(" ,"), when, month_only=date is None)
            return p.group("rest")
    return text


def _short(text: str) -> bool:
    """A one-line paragraph that is no sentence (a byline, ``FOR IMMEDIATE RELEASE``)."""
    return "\n" not in text and len(text) <= 80 and not text.rstrip("*_ ").endswith((".", "!", "?", ":"))


def _assign(pr: _Press) -> bool:
    """Give every entry its part; True when the page must name them with ``###`` subsections.

    Parts the original names are kept, and the text before the first one is the summary.
    Unnamed text is assigned as the body form reads unlabelled paragraphs (summary, problem,
    solution, getting started, and with five or more the last one the closing); that is left to
    the parser when it would read the same (five paragraphs or fewer, no headings, no byline)."""
    entries = pr.entries
    if pr.named:
        for entry in entries:
            entry.part = entry.part or "summary"
        return True
    units: list[list[int]] = []  # as the body form groups unlabelled text
    current: list[int] | None = None
    for n, entry in enumerate(entries):
        if entry.quote is not None:
            current = None
        elif current is not None and not entry.heading and not _is_paragraph(entry.text):
            current.append(n)
        elif current is not None and not entry.heading and any(entries[i].heading for i in current):
            current.append(n)  # a heading's text stays with it
        else:
            current = [n]
            units.append(current)
    plain = len(units) <= 5 and not any(e.heading for e in entries)
    merged: list[list[int]] = []
    for unit in units:
        if merged and len(merged[-1]) == 1 and _short(entries[merged[-1][0]].text) and not entries[unit[0]].heading:
            merged[-1].extend(unit)
            plain = False
        else:
            merged.append(unit)
    names = ["summary", "problem", "solution"][: len(merged)]
    if len(merged) >= 5:
        names += ["getting_started"] * (len(merged) - 4) + ["closing"]
    elif len(merged) == 4:
        names.append("getting_started")
    part_of = {n: name for unit, name in zip(merged, names, strict=True) for n in unit}
    last = "summary"
    for n, entry in enumerate(entries):
        last = part_of.get(n, last)
        entry.part = last
    return not plain


# -- front matter --------------------------------------------------------------------------------

@dataclass
class History:
    """What git knows about the original: its first and last commit dates and first author."""

    created: str | None = None
    updated: str | None = None
    author: str | None = None


def _iso(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", value):
        try:
            return datetime.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _texts(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    return None


def _keep(key: str, value: Any, statuses: Sequence[str]) -> Any:
    """The value of a known key as the page writes it, or None when it does not fit the schema's
    type (it is then kept as text in "Original metadata")."""
    if key in ("title", "owner", "subtitle"):
        return value if isinstance(value, str) and value.strip() else None
    if key in ("created", "updated", "launched"):
        return _iso(value)
    if key == "status":
        return value if value in statuses else None
    if key in ("id", "superseded_by"):
        return value if isinstance(value, str) and ID_RE.match(value) and len(value) <= MAX_ID else None
    if key in ("authors", "reviewers", "tags"):
        return _texts(value)
    if key == "related":
        texts = _texts(value)
        return texts if texts is not None and all(ID_RE.match(t) for t in texts) else None
    return value if isinstance(value, (dict, list)) and value else None


def _day(value: Any) -> Any:
    """``2027-04-27`` as a date (YAML writes it plain, as an author would); anything else as it is."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# -- links and images ----------------------------------------------------------------------------

_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(?P<dest><[^<>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?P<title>\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_IMG_TAG = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])([^\"']+)\2", re.IGNORECASE)
_REF_DEF = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)", re.MULTILINE)


def local_target(dest: str) -> str | None:
    """A link's target as a path relative to the original's folder, or None for a URL, an
    anchor, a site-absolute path, or one that leads outside that folder."""
    dest = dest.strip("<>")
    if not dest or dest.startswith(("#", "/", "\\")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", dest):
        return None
    path = urllib.parse.unquote(re.split(r"[?#]", dest, maxsplit=1)[0])
    parts: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return ".."
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) if parts else None


def _no_assets(_: str, __: str = "") -> str:
    return "not found beside the original"


@dataclass(frozen=True)
class Published:
    """What ``asset`` (:func:`convert`) returns for a file not copied that the site publishes
    already (the original is inside its docs folder): the link points there, with a note."""

    path: str
    """The file's path relative to the page's folder, ``/`` between parts."""
    why: str
    """Why it is not copied."""


Asset = Callable[[str, str], "str | Published | None"]


# -- the page ------------------------------------------------------------------------------------

@dataclass
class Note:
    """Something the import could not carry over as it was: ``line`` of the written page."""

    line: int
    field: str
    message: str


@dataclass
class Converted:
    text: str
    title: str
    id: str
    status: str
    assets: list[tuple[str, str]] = field(default_factory=list)
    """The files to copy: ``(path relative to the original's folder, path relative to the page's
    folder)``; the second is under a folder named after the page's id (``<id>/img/arch.png``), so
    two pages' images never share a path."""
    notes: list[Note] = field(default_factory=list)


class _Page:
    """The page's text, line by line, with notes at the lines they are about."""

    def __init__(self, asset: Asset, remote_images: bool | Sequence[str] = True,
                 folder: str = "", directory_urls: bool = True) -> None:
        self.remote_images = remote_images
        self.directory_urls = directory_urls
        """Whether the page is served at ``<dir>/<id>/`` (MkDocs' ``use_directory_urls``), not ``<dir>/<id>.html``."""
        self.lines: list[str] = []
        self.notes: list[Note] = []
        self.assets: list[tuple[str, str]] = []
        self.asset = asset
        self.folder = folder
        """The page's own folder for what it copies (its id): ``img/a.png`` goes to ``<id>/img/a.png``."""
        self.copied: dict[str, str] = {}
        self.refused: dict[str, str] = {}

    def moved(self, dest: str) -> str:
        """A link's destination as written on the page: a copied file's new path (relative to the
        page's Markdown file), with the original's ``?query`` or ``#fragment``; else as it was."""
        target = local_target(dest)
        if target is None or target not in self.copied:
            return dest
        tail = re.search(r"[?#].*$", dest.strip("<>"))
        return urllib.parse.quote(self.copied[target], safe="/") + (tail.group(0) if tail else "")

    def add(self, text: str, *, links: bool = True) -> None:
        """A block, after a blank line; its relative links and images checked (not in code)."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        if links and not _fenced(text):
            text = self.links(text, len(self.lines) + 1)
        self.lines.extend(text.split("\n"))

    def note(self, field_: str, message: str, line: int | None = None) -> None:
        if line is None:  # the next block's first line, after the blank line before it
            line = len(self.lines) + (2 if self.lines and self.lines[-1] != "" else 1)
        self.notes.append(Note(line, field_, message))

    def links(self, text: str, start: int) -> str:
        code: list[tuple[int, int]] = []
        breaks = [n for n, c in enumerate(text) if c == "\n"]

        def where(pos: int) -> int:
            return start + bisect.bisect_left(breaks, pos)

        def in_code(pos: int) -> bool:
            n = bisect.bisect_right(code, (pos, len(text) + 1)) - 1
            return n >= 0 and code[n][0] <= pos < code[n][1]

        def inline(m: re.Match[str]) -> str:
            dest = m.group("dest")
            if m.group("bang") and not in_code(m.start()):
                self.remote(dest.strip("<>"), where(m.start()))
            why = None if in_code(m.start()) else self.local(dest)
            if why is None:
                if in_code(m.start()):
                    return m.group(0)
                new = self.moved(dest)
                start, end = m.start("dest") - m.start(), m.end("dest") - m.start()
                return m.group(0)[:start] + new + m.group(0)[end:]
            shown = dest.strip("<>")
            if m.group("bang"):
                self.note("image", f"{shown}: {why}; kept as text (copy the image into the site and link it)",
                          where(m.start()))
                alt = f"{m.group('text')}, " if m.group("text").strip() else ""
                return f"*(image not imported: {alt}`{shown}`)*"
            self.note("link", f"{shown}: {why}; kept as text (link to where it is now, e.g. its URL)",
                      where(m.start()))
            return f"{m.group('text')} (`{shown}`)"

        def tag(m: re.Match[str]) -> str:
            if not in_code(m.start()):
                self.remote(m.group(3), where(m.start()))
            why = None if in_code(m.start()) else self.local(m.group(3))
            if why is not None:
                self.note("image", f"{m.group(3)}: {why} (copy the image into the site and link it)", where(m.start()))
                return m.group(0)
            new = self.moved(m.group(3))
            if new != m.group(3) and self.directory_urls:  # MkDocs leaves raw HTML as written: the path
                new = "../" + new  # starts from the page's URL, <dir>/<id>/ (with use_directory_urls)
            return f"{m.group(1)}{m.group(2)}{new}{m.group(2)}"

        def ref(m: re.Match[str]) -> str:
            why = None if in_code(m.start()) else self.local(m.group(2))
            if why is not None:
                self.note("link", f"{m.group(2).strip('<>')}: {why} (link to where it is now, e.g. its URL)",
                          where(m.start()))
                return m.group(0)
            return m.group(1) + (m.group(2) if in_code(m.start()) else self.moved(m.group(2)))

        spans = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)  # code spans: their links stay as written
        code[:] = [(m.start(), m.end()) for m in spans.finditer(text)]
        text = _IMG_TAG.sub(tag, text)
        text = _REF_DEF.sub(ref, text)
        code[:] = [(m.start(), m.end()) for m in spans.finditer(text)]
        breaks[:] = [n for n, c in enumerate(text) if c == "\n"]
        return _INLINE_LINK.sub(inline, text)

    def remote(self, url: str, line: int) -> None:
        """A note for an image from another host that the site's ``remote_images`` removes."""
        allowed = self.remote_images
        if allowed is True or not is_remote(url):
            return
        if allowed is False or not (url.startswith(tuple(allowed)) and "/.." not in url):
            self.note("image", f"{url}: from another host, which this site's pages do not show (allow it with "
                      "remote_images in mkdocs.yml, or copy the image into the docs folder and link it)", line)

    def local(self, dest: str) -> str | None:
        """None when a link can stay (a URL, an anchor, a file copied beside the page), else why not."""
        raw = dest.strip("<>")
        if not raw or raw.startswith(("#", "//")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", raw):
            return None
        if raw.startswith(("/", "\\")):
            return "an absolute path on the original's site"
        target = local_target(raw)
        if target is None:
            return None
        if target == ".." or target.startswith("../"):
            return "outside the original's folder"
        if target.lower().endswith(MARKDOWN_EXTENSIONS):
            return "a page beside the original, not in this site"
        if target in self.copied:
            return None
        if target not in self.refused:
            dest = f"{self.folder}/{target}" if self.folder else target
            why = self.asset(target, dest)
            if why is None:
                self.copied[target] = dest
                self.assets.append((target, dest))
                return None
            if isinstance(why, Published):  # the link points where the site has it, as moved() writes it
                self.copied[target] = why.path
                self.note("link", f"{raw}: {why.why}; linked where this site publishes it already, {why.path}")
                return None
            self.refused[target] = why
        return self.refused[target]


def convert(
    text: str, *, name: str, today: datetime.date, history: History | None = None, user: str = "",
    status: str | None = None, id_: str | None = None, labels: Mapping[str, str] | None = None,
    asset: Asset = _no_assets, statuses: Sequence[str] = STATUSES, status_line: bool = True,
    remote_images: bool | Sequence[str] = True, directory_urls: bool = True,
) -> Converted:
    """One Markdown PR/FAQ as the text of a page in the body form.

    ``name`` is the original's file name (a title of last resort); ``history`` what git knows of
    it and ``user`` who imports it (dates and owner the text does not give); ``status`` and
    ``id_`` what ``--status`` and ``--id`` ask (else the original's, else ``draft`` and a slug of
    the title); ``labels`` the site's section names; ``asset(path, dest)`` is None when the
    file at ``path`` (relative to the original's folder) can be copied to ``dest`` (relative to the
    page's folder: ``<id>/path``, the page's own folder), else why not (or where the site publishes
    it already, :class:`Published`). ``statuses`` are the
    site's (the first is the default); without ``status_line``
    the page's folder says its status (``status_from: folder``); ``remote_images`` is the site's
    option of that name (images from other hosts it would remove get a note); ``directory_urls``
    the site's ``use_directory_urls`` (where a raw HTML image's path starts from).
    """
    history = history or History()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    yaml_text, body_text, _ = frontmatter.split(text)
    meta: dict[str, Any] = {}
    meta_lines: dict[tuple[str, ...], int] = {}
    meta_problem = ""
    if yaml_text is not None:
        parsed = frontmatter.parse_yaml(yaml_text, "", first_line=0)
        if parsed.data is None or parsed.errors:
            meta_problem = parsed.errors[0].message if parsed.errors else "not a mapping"
        else:
            meta, meta_lines = parsed.data, parsed.lines
    offset = text.count("\n", 0, len(text) - len(body_text)) if yaml_text is not None else 0

    too_deep: list[tuple[int, int, str]] = []
    reader = _Reader(_scan(body_text, offset, too_deep), _names(labels))
    reader.read()

    # front matter: what the original's says and the schema knows; the rest kept as text
    kept: dict[str, Any] = {}
    left: list[str] = []
    yaml_lines = (yaml_text or "").rstrip("\n").split("\n")
    if yaml_text is not None and not meta_problem:
        spans = sorted((line, path[0]) for path, line in meta_lines.items() if len(path) == 1)
        keep_lines: set[int] = set()
        for n, (line, key) in enumerate(spans):
            value = _keep(key, meta[key], statuses) if key in KEPT_KEYS else None
            if value is not None:
                kept[key] = value
                keep_lines.update(range(line, spans[n + 1][0] if n + 1 < len(spans) else len(yaml_lines)))
        left = [line for n, line in enumerate(yaml_lines) if n not in keep_lines]
        if not any(line.strip() and not line.lstrip().startswith("#") for line in left):
            left = []

    if "title" in kept and reader.headline and _title_name(reader.headline).lower() not in kept["title"].lower():
        reader.pr.insert(0, _Sub(_plain(reader.headline), headline=True))  # the front matter's title wins
    press = _press(reader.pr, subtitle_allowed="subtitle" not in kept, title_known="title" in kept)
    title_notes: list[tuple[str, str]] = []
    title = kept.get("title") or _title_name(press.title or reader.headline or "") or reader.title_name
    if not title:
        stem = re.sub(r"[-_\s]+", " ", os.path.splitext(os.path.basename(name))[0]).strip()
        title = (stem[:1].upper() + stem[1:]) or "Imported PR/FAQ"
        title_notes.append(("title", f"the original has no headline; the title is its file name {title!r} "
                                     "(write the headline)"))
    for section in reader.sections:
        if section.role != "other" and all(_junk(b) for b in section.blocks):
            section.blocks = []  # a lone `---` under the document's heading: a separator, no section
    subtitle = kept.get("subtitle") or press.subtitle
    for section in reader.sections:
        if section.role == "title":
            if not subtitle and len(section.blocks) == 1 and "\n" not in section.blocks[0] \
                    and _is_paragraph(section.blocks[0]) and len(section.blocks[0]) <= 300:
                subtitle = _plain(section.blocks.pop())
            heading = _title_name(section.heading)
            if not heading or heading.lower() in title.lower():
                section.heading = "Introduction" if section.blocks else ""
    sections = [s for s in reader.sections if s.heading and (s.blocks or s.role == "other" or s.role == "title")]

    chosen_id = id_ or kept.get("id") or id_from_title(title)
    chosen_status = status or kept.get("status") or statuses[0]
    page = _Page(asset, remote_images, chosen_id, directory_urls)
    owner = kept.get("owner") or history.author or user
    front: dict[str, Any] = {"title": title}
    if status_line:
        front["status"] = chosen_status
    front.update(owner=owner, created=_day(kept.get("created") or history.created or today.isoformat()),
                 updated=_day(kept.get("updated") or history.updated or today.isoformat()), id=chosen_id)
    for key in ("authors", "reviewers", "tags"):
        front[key] = list(kept.get(key, []))
    if subtitle:
        front["subtitle"] = subtitle
    in_body = {"press_release": bool(press.entries), "dateline": press.dateline is not None,
               "quotes": any(e.quote for e in press.entries), "faq": bool(reader.questions)}
    moved = [key for key in ("dateline", "press_release", "quotes", "faq") if key in kept and in_body[key]]
    dateline_in_front = False
    if press.dateline and not _dateline_fits(press):
        dateline_in_front = True  # no paragraph to run into: the dateline goes in front matter
        front["dateline"] = {"location": press.dateline.location, "date": _day(press.dateline.iso())}
    for key in ("related", "launched", "superseded_by", "decision", "customer", "dateline", "press_release",
                "quotes", "faq"):
        if key in kept and key not in moved and not (key == "dateline" and dateline_in_front):
            front[key] = _day(kept[key]) if key == "launched" else kept[key]
    # PyYAML writes it: every value quoted where YAML needs it and read back as written
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=sys.maxsize)
    page.lines = ["---", *dumped.rstrip("\n").split("\n"), "---"]
    for field_, message in title_notes:
        page.note(field_, message, 2)
    if not owner:
        owner_line = next(n for n, line in enumerate(page.lines, 1) if line.startswith("owner:"))
        page.note("owner", "no owner in the original, its git history or git config user.name (fill it in)",
                  owner_line)

    if press.entries:
        _write_press(page, press, None if dateline_in_front else press.dateline)

    for group, heading in (("external", "External FAQ"), ("internal", "Internal FAQ")):
        questions = [q for q in reader.questions if q.group == group]
        if questions:
            page.add(f"## {heading}")
        for n, q in enumerate(questions):
            page.add(f"### {q.text}")
            answer = [b for b in q.blocks if b.strip()]
            if answer:
                answer[0] = _strip_answer_label(answer[0])
            answer = [_defuse_question(b) for b in answer if b.strip()]
            if not answer:
                page.note(f"faq.{group}.{n}.answer", "the original has no answer; wrote TODO (answer it)")
                answer = ["TODO"]
            for b in answer:
                page.add(b)

    for section in sections:
        page.add(f"## {section.heading}")
        for b in section.blocks:
            page.add(b)
    for line, levels, written in too_deep:
        page.note("body", f"the original's line {line} is in lists or quotes nested {levels} levels deep, deeper "
                  f"than the reader reads (at most {markdown.DEEPEST}): kept as written, not read for sections or "
                  "questions", _find(page.lines, written.strip()) if written.strip() else None)
    if left or moved or meta_problem:
        page.add("## Original metadata")
        if meta_problem:
            page.note("front matter", f"the original's front matter is not valid YAML ({meta_problem}); kept below "
                      "as text (move what you need into this page's front matter)")
            page.add("The original's front matter (not valid YAML):")
        elif moved:
            page.add(f"The original's front matter, whose {', '.join(moved)} the text gives too (this page uses "
                     "the text):")
        else:
            page.add("The original's front matter also held:")
        shown = yaml_lines if meta_problem or moved else left
        fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", "\n".join(shown))), default=0))
        page.add("\n".join([fence + "yaml", *shown, fence]), links=False)
    page.lines.append("")
    return Converted("\n".join(page.lines), title, chosen_id, chosen_status, page.assets,
                     sorted(page.notes, key=lambda n: n.line))


def _dateline_fits(press: _Press) -> bool:
    """Whether the press release opens with a paragraph for the dateline to run into."""
    first = next((e for e in press.entries if e.quote is None), None)
    if first is None or first.part not in (None, "summary") or first.heading or not _is_paragraph(first.text):
        return False
    label = _BOLD_LABEL.match(first.text)
    return not (label and _label(label.group("label")) in PART_ORDER)


def _write_press(page: _Page, press: _Press, dateline: Dateline | None) -> None:
    explicit = _assign(press)
    page.add("## Press release")
    for text in press.preface:  # before the dateline and any part, as the body form reads it
        page.add(text)
    for part in PART_ORDER if explicit else (None,):
        entries = [e for e in press.entries if part is None or e.part == part]
        if not entries:
            continue
        if part is not None:
            page.add(f"### {PART_TITLES[part]}")
        for entry in entries:
            if entry.quote is not None:
                q = entry.quote
                quoted = "\n".join("> " + line if line.strip() else ">" for line in q.text.split("\n"))
                who = f"{q.name}, {q.role}" if q.role else q.name
                page.add(f"{quoted}\n> — {who}" + (f" {{{q.kind}}}" if q.kind else ""))
            elif dateline is not None:
                page.add(f"{dateline.markdown()} — {entry.text}")
                dateline = None
            else:
                page.add(entry.text)
    if press.not_a_date:
        what = "names a day that does not exist" if press.impossible else "has no day or month"
        page.note("dateline", f"{press.not_a_date!r} {what}; kept as text, not bold (a dateline is "
                  "**PLACE, Month D, YYYY** — then the summary)", _find(page.lines, press.not_a_date))


def _find(lines: list[str], text: str) -> int:
    return next((n + 1 for n, line in enumerate(lines) if text in line), 1)


_BOLD_LINE = re.compile(r"^\*\*(?!\s)(.+?)\*\*\s*$")


def _defuse_question(text: str) -> str:
    """An answer's bold line that the body form would read as a question (``**Why?**``) as a
    heading inside the answer instead."""
    first, _, rest = text.partition("\n")
    m = _BOLD_LINE.match(first) if _is_paragraph(text) else None
    if m and (_asks(m.group(1)) or _Q_PREFIX.match(m.group(1))):
        return f"#### {m.group(1)}" + (f"\n\n{rest}" if rest.strip() else "")
    return text
