"""The body form: a PR/FAQ written in Markdown under conventional sections.

``## Press release``, ``## External FAQ``, ``## Internal FAQ`` (or ``## FAQ`` with or without
``### External FAQ`` / ``### Internal FAQ``) are read into the same data as the front-matter form
(``press_release``, ``dateline``, ``quotes``, ``faq``), each value with the body line it came
from; every other section stays Markdown, in order (docs/writing-in-markdown.md).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str, ...]
"""A field's path with list indexes as strings, like the front matter's (``faq.external.0``)."""

PRESS_RELEASE = {"press release", "pr", "working backwards", "the press release"}
EXTERNAL = {"external faq", "customer faq", "public faq", "customer questions", "external questions",
            "customer faqs", "external faqs"}
INTERNAL = {"internal faq", "internal/technical faq", "internal / technical faq", "technical faq", "business faq",
            "stakeholder faq", "internal faqs", "internal questions", "internal and technical faq"}
FAQ = {"faq", "faqs", "frequently asked questions", "questions and answers", "q&a"}
PARTS = {
    "summary": "summary", "problem": "problem", "the problem": "problem", "solution": "solution",
    "the solution": "solution", "getting started": "getting_started", "how to get started": "getting_started",
    "how it works": "solution", "closing": "closing", "call to action": "closing", "availability": "getting_started",
}
PART_ORDER = ("summary", "problem", "solution", "getting_started", "closing")

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATTRS = re.compile(r"\s*\{([^{}]*)\}\s*$")
_LABEL = re.compile(r"^\*\*([^*\n]{1,40}?)\s*:?\s*\*\*\s*:?\s*")
_BOLD_LINE = re.compile(r"^\*\*(?!\s)(.+?)\*\*\s*$", re.DOTALL)
_Q_PREFIX = re.compile(r"^(?:Q\d*[:.)]\s*)", re.IGNORECASE)
_A_PREFIX = re.compile(r"^\*{0,2}A\d*[:.)]\*{0,2}\s*", re.IGNORECASE)
_DATELINE = re.compile(r"^\*\*(?P<bold>[^*\n]+?)\*\*\s*[—–-]{1,2}\s*(?P<rest>.*)$", re.DOTALL)
_ATTRIBUTION = re.compile(r"^(?:—|–|--|-|―)\s*(?P<who>.+?)\s*(?:\{(?P<kind>[A-Za-z][\w-]*)\})?\s*$")
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
_DATE_AT_END = re.compile(
    r"(?:,\s*|\s+)(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})"
    r"|(?:\d{4}-\d{2}-\d{2})|(?:\d{4}-\d{2})|(?:[A-Z][a-z]+\.?\s+\d{4}))\s*$")


def normalise(heading: str) -> str:
    """``  External FAQ: `` -> ``external faq``: case, spacing, a trailing colon and ``{...}`` ignored."""
    text = _ATTRS.sub("", heading).strip().rstrip(":").strip()
    return " ".join(text.replace("*", "").replace("_", " ").lower().split())


@dataclass
class _Heading:
    level: int
    text: str
    line: int  # index into the body's lines


@dataclass
class BodyDoc:
    """What the body form gives: data with a line per path, and the Markdown left over."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    rest: str = ""
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    """``(line, field, message)`` of what the sections themselves get wrong."""


def _headings(lines: list[str]) -> list[_Heading]:
    found = []
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)):]:
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = _HEADING.match(line)
        if h:
            found.append(_Heading(len(h.group(1)), h.group(2) or "", i))
    return found


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """``(line index, text)`` of each block between blank lines; a fenced block stays whole."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = start
    fence: str | None = None
    for i in range(start, end):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            current.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            if not current:
                first = i
            current.append(line)
            fence = m.group(1)
            continue
        if not line.strip():
            if current:
                blocks.append((first, "\n".join(current)))
                current = []
            continue
        if current and _HEADING.match(line):  # a heading needs no blank line before it
            blocks.append((first, "\n".join(current)))
            current = []
        if not current:
            first = i
        current.append(line)
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def _is_paragraph(text: str) -> bool:
    first = text.lstrip()
    return not (first.startswith((">", "|", "```", "~~~", "    ", "\t", "<", "![", "#"))
                or re.match(r"^([-*+]|\d+[.)])\s", first))


def parse_date(text: str) -> str:
    """``April 27, 2027`` / ``27 April 2027`` / ``2027-04-27`` -> ``2027-04-27``; ``August 2027``
    -> ``2027-08``; anything else as written (the schema then says what is wrong)."""
    text = text.strip().rstrip(",.")
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    words = text.replace(",", " ").replace(".", " ").split()
    try:
        if len(words) == 3:
            month, day, year = (words[0], words[1], words[2]) if words[0].isalpha() else (words[1], words[0], words[2])
            return datetime.date(int(year), _month(month), int(day)).isoformat()
        if len(words) == 2 and words[0].isalpha():
            return f"{int(words[1]):04d}-{_month(words[0]):02d}"
    except (StopIteration, ValueError):
        pass
    return text


def _month(word: str) -> int:
    """``April`` / ``Apr`` -> 4; StopIteration when it is no month."""
    word = word.lower()
    return _MONTHS.get(word) or next(v for k, v in _MONTHS.items() if len(word) >= 3 and k.startswith(word))


class _Reader:
    def __init__(self, lines: list[str], offset: int) -> None:
        self.lines = lines
        self.offset = offset
        self.doc = BodyDoc()

    def at(self, index: int) -> int:
        """A body line index as a line of the file."""
        return self.offset + index + 1

    def set(self, path: Path, value: Any, index: int) -> None:
        target: Any = self.doc.data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
        self.doc.lines.setdefault(path, self.at(index))

    # -- press release ---------------------------------------------------------------------

    def press_release(self, heading: _Heading, end: int) -> None:
        self.doc.lines[("press_release",)] = self.at(heading.line)
        self.doc.data.setdefault("press_release", {})
        parts: dict[str, tuple[int, list[str]]] = {}
        unlabelled: list[tuple[int, list[str]]] = []
        current: list[str] | None = None
        label: str | None = None
        quotes: list[dict[str, Any]] = []
        sub = [h for h in _headings(self.lines[heading.line + 1 : end])]
        sub_at = {h.line + heading.line + 1: h for h in sub}
        for index, text in _blocks(self.lines, heading.line + 1, end):
            if index in sub_at and normalise(sub_at[index].text) in PARTS:
                label = PARTS[normalise(sub_at[index].text)]
                current = None
                rest = text.split("\n", 1)[1] if "\n" in text else ""
                if not rest.strip():
                    continue
                text, index = rest, index + 1
            if text.lstrip().startswith(">") and self._quote(text, index, quotes):
                continue  # a list or code after a quote still belongs to the part before it
            if not self.doc.data.get("dateline") and not parts and not unlabelled and (m := _DATELINE.match(text)):
                date = _DATE_AT_END.search(m.group("bold"))
                if date:
                    location = m.group("bold")[: date.start()].strip().rstrip(",")
                    self.set(("dateline",), {}, index)
                    self.set(("dateline", "location"), location, index)
                    self.set(("dateline", "date"), parse_date(date.group("date")), index)
                    text = m.group("rest")
            m = _LABEL.match(text) if _is_paragraph(text) else None
            named = PARTS.get(normalise(m.group(1))) if m else None
            if named:  # '**Problem:** ...': this paragraph and the ones after it, up to the next label
                text = text[m.end():] if m else text
                label = named
                current = parts.setdefault(named, (index, []))[1]
                current.append(text)
                continue
            if label:  # everything under a '### Problem' subsection is the problem
                current = parts.setdefault(label, (index, []))[1]
                current.append(text)
                continue
            if current is not None and not _is_paragraph(text):
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

    def _quote(self, text: str, index: int, quotes: list[dict[str, Any]]) -> bool:
        inner = [re.sub(r"^ {0,3}> ?", "", line) for line in text.split("\n")]
        while inner and not inner[-1].strip():
            inner.pop()
        if not inner:
            return False
        m = _ATTRIBUTION.match(_unwrap(inner[-1].strip()))
        if not m or len(inner) < 2:
            return False
        who = _unwrap(m.group("who").strip())
        name, _, role = who.partition(",")
        kind = m.group("kind") or ("leader" if not quotes else "customer")
        n = len(quotes)
        quotes.append({"kind": kind, "name": name.strip(), "role": role.strip(),
                       "text": _unquote("\n".join(inner[:-1]).strip())})
        for key in ("", "kind", "name", "role", "text"):
            self.doc.lines[("quotes", str(n), key) if key else ("quotes", str(n))] = self.at(index)
        self.doc.lines.setdefault(("quotes",), self.at(index))
        return True

    # -- FAQ -------------------------------------------------------------------------------

    def faq(self, part: str, heading: _Heading, start: int, end: int) -> str:
        """Questions between ``start`` and ``end``: headings one level below ``heading``, or
        all-bold paragraphs."""
        items: list[dict[str, Any]] = self.doc.data.setdefault("faq", {}).setdefault(part, [])
        self.doc.lines.setdefault(("faq",), self.at(heading.line))
        self.doc.lines.setdefault(("faq", part), self.at(heading.line))
        sub = {h.line + start: h for h in _headings(self.lines[start:end])}
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

        for index, text in _blocks(self.lines, start, end):
            first, _, rest = text.partition("\n")
            h = sub.get(index)
            if h is not None and h.level == heading.level + 1:
                question(h.text, index, rest)
                continue
            bold = _BOLD_LINE.match(first) if _is_paragraph(text) else None
            if bold and (bold.group(1).rstrip().endswith("?") or _Q_PREFIX.match(bold.group(1))):
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


def _unwrap(text: str) -> str:
    """``*Name, Role*`` -> ``Name, Role``: emphasis around the whole text only."""
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    return text


_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'", "‘": "’"}


def _unquote(text: str) -> str:
    """A quote's text without the quotation marks around it (the layout sets its own)."""
    if len(text) > 2 and text[0] in _QUOTES:
        close = _QUOTES[text[0]]
        alone = text.count(text[0]) == 2 if close == text[0] else text.count(text[0]) == text.count(close) == 1
        if text.endswith(close) and alone:
            return text[1:-1].strip()
    return text


def _kind(heading: str, extra: dict[str, set[str]]) -> str | None:
    name = normalise(heading)
    for kind, names in (("press_release", PRESS_RELEASE), ("external", EXTERNAL), ("internal", INTERNAL),
                        ("faq", FAQ)):
        if name in names or name in extra.get(kind, set()):
            return kind
    return None


def parse(body: str, offset: int = 0, labels: Mapping[str, str] | None = None) -> BodyDoc | None:
    """The body form of ``body`` (which starts on line ``offset + 1`` of its file), or None when
    it has no recognised section (a front-matter-form page: its body is left alone)."""
    if "#" not in body:
        return None
    extra = _label_names(labels or {})
    lines = body.split("\n")
    heads = _headings(lines)
    tops = [h for h in heads if h.level <= 2]
    kinds = [_kind(h.text, extra) for h in tops]
    if not any(kinds):
        return None
    reader = _Reader(lines, offset)
    rest: list[str] = []
    first = tops[0].line if tops else len(lines)
    if "\n".join(lines[:first]).strip():
        rest.append("\n".join(lines[:first]).strip("\n"))
    for n, (h, kind) in enumerate(zip(tops, kinds, strict=True)):
        end = tops[n + 1].line if n + 1 < len(tops) else len(lines)
        if kind is None:
            rest.append("\n".join(lines[h.line : end]).strip("\n"))
        elif kind == "press_release" and ("press_release",) in reader.doc.lines:
            first = reader.doc.lines[("press_release",)]
            reader.doc.errors.append((reader.at(h.line), "press_release",
                                      f"a second press release section (the first is at line {first}; "
                                      f"expected one: this one is kept as an ordinary section)"))
            rest.append("\n".join(lines[h.line : end]).strip("\n"))
        elif kind == "press_release":
            reader.press_release(h, end)
        elif kind in ("external", "internal"):
            rest.append(reader.faq(kind, h, h.line + 1, end))
        else:
            groups = [g for g in _headings(lines[h.line + 1 : end]) if g.level == h.level + 1]
            split = [(g, _kind(g.text, extra)) for g in groups]
            if any(k in ("external", "internal") for _, k in split):
                marks = [g.line + h.line + 1 for g, _ in split]
                rest.append("\n".join(lines[h.line + 1 : marks[0]]).strip("\n"))
                for i, (g, k) in enumerate(split):
                    g_end = marks[i + 1] if i + 1 < len(marks) else end
                    part = k if k in ("external", "internal") else "external"
                    rest.append(reader.faq(part, _Heading(g.level, g.text, marks[i]), marks[i] + 1, g_end))
            else:
                rest.append(reader.faq("external", h, h.line + 1, end))
    doc = reader.doc
    kept = [r for r in rest if r.strip()]
    doc.rest = "\n\n".join(kept) + "\n" if kept else ""
    return doc


def _label_names(labels: Mapping[str, str]) -> dict[str, set[str]]:
    keys = {"press_release": "press_release", "external_faq": "external", "internal_faq": "internal", "faq": "faq"}
    out: dict[str, set[str]] = {}
    for key, kind in keys.items():
        if labels.get(key):
            out.setdefault(kind, set()).add(normalise(labels[key]))
    return out


