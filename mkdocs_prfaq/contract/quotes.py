"""Quotes written in prose, as ``import`` and the body form both read them: a quotation and its
attribution in a paragraph (``"...," said Name, Role.``, ``"...," Surname added.``, ``"...," Name
says.``, ``"..." — Name, Role``, ``"...," said the author.``), at its start or opening a later
sentence, with the prose around it kept; the words are :mod:`.vocabulary`'s (:data:`.vocabulary.SAID`,
:func:`.vocabulary.speaker`, :data:`.vocabulary.OPEN_QUOTES`). :func:`attributed` finds one
quote in a paragraph flattened to one line, :func:`in_paragraph` every quote of a paragraph as
written, with where each is.

Who may speak: a quotation that ends its sentence (``,`` ``.`` ``!`` ``?`` inside its marks, or a
``,`` after them) takes any attribution verb; a quoted term (``"Undo"``) only ``said`` / ``says``
(:data:`.vocabulary.TERM_VERBS`), other verbs after it narrate (``"Undo" adds Undo History.``).
The speaker is a name, someone unnamed (``the author``), or, after ``said`` / ``says`` and a
quotation that ends its sentence, a name in lowercase (``said bell hooks``,
:func:`.vocabulary.lowercase_name`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import vocabulary
from .problems import shown

__all__ = ["QUOTE_STARTS_TRIED", "Found", "Quote", "attributed", "in_paragraph", "speaker_of", "unwrap"]

_QUESTION_ID_ANY = re.compile(r"\{#[^{}]*\}$")
_OPEN_Q = vocabulary.OPEN_QUOTES
_HAS_OPEN = re.compile("[" + _OPEN_Q + "]")
_CLOSE_Q = vocabulary.CLOSE_QUOTES
_EM = r"(?P<em>\*\*|__|\*|_)?"
_Q1 = (r"(?P<q1>" + _EM + r"[" + _OPEN_Q + r"](?!\s)[^" + _CLOSE_Q + r"]+[" + _CLOSE_Q + r"](?:\s+[" + _OPEN_Q
       + r"](?!\s)[^" + _CLOSE_Q + r"]+[" + _CLOSE_Q + r"])*(?(em)(?P=em)))")
"""A quotation, maybe in emphasis (``*"..."*``), up to a closing mark: never across a closing mark that
narration follows (``"It is fast." The team agreed. "I got my hour back," said Sam.`` is Sam's second
quotation only); quotations one after the other (``"It is fast." "And it folds," said Jo.``) are one."""
_CLOSED = re.compile(r"[,.!?…][" + _CLOSE_Q + r"](?:\*\*|__|\*|_)?$")
"""A quotation that ends with its own punctuation inside the marks (``"...,"``, ``"...?"``)."""
_VERB = r"(?:" + "|".join(re.escape(v) for v in sorted(vocabulary.SAID, key=len, reverse=True)) + r")"
_SAID = re.compile(r"^" + _Q1 + r"\s*[,.]?\s+" + _VERB + r"\s+(?P<tail>\S.*)$", re.DOTALL)
"""``"...," said Name, Role. ...``: the speaker and what follows them are the tail."""
_SAID_AFTER = re.compile(
    r"^" + _Q1 + r"\s*,?\s+(?P<who>[^" + _OPEN_Q + _CLOSE_Q + r"\n]{1,200}?),?\s+"
    r"(?!according to)" + _VERB + r"(?P<tail>(?:[.,!:;]\s*.*)?)$", re.DOTALL)
"""``"...," Surname added.`` / ``"...," Name, Role, says. ...``."""
_DASHED = re.compile(r"^" + _Q1 + r"\s*[,.]?\s*(?:—|–|--|-|―)\s*(?P<tail>\S.*)$", re.DOTALL)
_BARE = re.compile(r"^(?P<q1>[" + _OPEN_Q + r"][^" + _CLOSE_Q + r"]+[" + _CLOSE_Q + r"])\s+"
                   r"(?P<who>[A-Z][^\"“”\n]{1,150}?)\.?\s*$",
                   re.DOTALL)
_QUOTE_START = re.compile(r"(?:^|(?:(?<=[.!?:])|(?<=[.!?][" + _CLOSE_Q + r"]))\s+)(?=(?:\*\*|__|\*|_)?["
                          + _OPEN_Q + r"])")
"""Where a quotation may open a sentence: the paragraph's start, or after a sentence's end (``... fast.``,
``... "light."``)."""
QUOTE_STARTS_TRIED = 8
"""A paragraph's sentences that open with a quotation tried as an attributed quote, at most
(each try reads the rest of the paragraph once: linear in it)."""


@dataclass
class Quote:
    text: str
    name: str
    role: str
    kind: str | None = None
    before: str = ""
    """Prose of the paragraph before the quote (``... the needs of users. "My system ..." said Miguel``)."""
    after: str = ""
    """Prose of the paragraph after the attribution."""
    start: int = 0
    """Where the quotation opens in the text :func:`attributed` read."""


def unwrap(text: str) -> str:
    """``*Name, Role*`` -> ``Name, Role``: emphasis around the whole text only."""
    text = text.strip()
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark):-len(mark)].strip()
    return text


def speaker_of(text: str, *, role_required: bool = False) -> tuple[str, str] | None:
    """``Name, Role`` (or ``Name at Company``) as name and role; ``Name`` or ``the author`` as a
    name and no role (None with ``role_required``)."""
    from . import reader as markdown  # markdown-it: imported when a page is first read as Markdown
    who = shown(markdown.plain(_QUESTION_ID_ANY.sub("", unwrap(" ".join(text.split())).rstrip())).strip())
    if "{" in who or "}" in who:
        return None
    return vocabulary.speaker(who, role_required=role_required)


def _joined_quote(q1: str, q2: str | None) -> str:
    """``"A," said X. "B."`` as the one quote ``"A. B."`` (emphasis around either kept around it)."""
    em1, inner1 = _emphasis(q1)
    first = inner1[1:-1].strip()
    if first.endswith(","):
        first = first[:-1] + "."
    if not q2:
        return f"{em1}{inner1[0]}{first}{inner1[-1]}{em1}"
    em2, inner2 = _emphasis(q2)
    return f"{em1 or em2}{inner1[0]}{first} {inner2[1:-1].strip()}{inner1[-1]}{em1 or em2}"


def _emphasis(quoted: str) -> tuple[str, str]:
    """``*"A"*`` -> ``('*', '"A"')``."""
    for mark in ("**", "__", "*", "_"):
        if len(quoted) > 2 * len(mark) + 1 and quoted.startswith(mark) and quoted.endswith(mark):
            return mark, quoted[len(mark):-len(mark)]
    return "", quoted


_CONTINUED = re.compile(r"^(?:\*\*|__|\*|_)?[" + _OPEN_Q + r"][^" + _CLOSE_Q + r"]*[" + _CLOSE_Q +
                        r"](?:\*\*|__|\*|_)?[.!?]?$",
                        re.DOTALL)


_QUOTATION_NEXT = re.compile(r"[,:.]\s+(?=(?:\*\*|__|\*|_)?[" + _OPEN_Q + r"])")


_COMPANY_END = re.compile(r"\b(?i:" + "|".join(vocabulary.COMPANY_ABBREVIATIONS) + r")\.(?=\s+[A-Z])")
"""``Inc.`` before a capitalised word: the role ends there (``CEO of Acme Inc. Pre-orders open today.``)."""


def _sentence(quotation: str, rest: str) -> bool:
    """Whether a quotation ends a sentence: its own ``,`` ``.`` ``!`` ``?`` inside the marks
    (``"...,"``), or a ``,`` / ``.`` right after them (``"...", said Jo``); a quoted term
    (``"Undo"``) has none."""
    return bool(_CLOSED.search(quotation, max(0, len(quotation) - 4))) or rest.lstrip()[:1] in (",", ".")


def _bare(quotation: str, text: str, anywhere: bool) -> bool:
    """Whether a quotation and the words after it (``"..." Name, Role``) may be a quote and its
    speaker: a quotation that ends its sentence, or one in a blockquote that is one quote
    (``anywhere`` false), or one whose words after it are no sentence (no ``.`` at the end:
    ``"It is fast" Sam Rivera, early user``); a quoted term opening a narrator's sentence is none
    (``"Undo" Pro, the paid tier, adds history.``)."""
    return _sentence(quotation, "") or not anywhere or not text.rstrip().endswith(".")


def _speaker_and_rest(tail: str, *, lowercase: bool = False) -> tuple[tuple[str, str] | None, str | None, str]:
    """The tail after an attribution's verb or dash: ``(speaker, a quotation that continues the
    quote, prose after it)``. The speaker's words end at the first sentence's end (a company's
    ``Inc.`` before a capitalised word ends one) or at a quotation that follows them (``said Jo,
    "and B."``). No speaker when the words name no one (:func:`.vocabulary.named_speaker`); a
    participle phrase after the name (``said Jo, pointing at the door.``) is prose, not a role.
    With ``lowercase``, a name in lowercase names someone (:func:`.vocabulary.lowercase_name`)."""
    quoting = _QUOTATION_NEXT.search(tail)
    end = vocabulary.sentence_end(tail)
    company = _COMPANY_END.search(tail)
    cut = min((x for x in (quoting.start() if quoting else None, end, company.end() - 1 if company else None)
               if x is not None), default=None)
    who, rest = (tail, "") if cut is None else (tail[: cut + 1], tail[cut + 1 :].strip())
    narration = vocabulary.narration_start(who)
    named = _named(speaker_of(who[:narration]), lowercase=lowercase) if narration else None
    if named:  # 'said Jo Lee during the beta.': the name ends where narration starts, which is prose
        who, rest = who[:narration], tail[narration:].strip()
    found = named or _named(speaker_of(who), lowercase=lowercase)
    if found and found[1] and vocabulary.participle(found[1]) and "," in who:
        return (found[0], ""), None, tail[tail.index(",") + 1 :].strip()
    if named:
        return found, None, rest
    cont = _continuation(rest)
    return found, cont, "" if cont else rest


def _named(who: tuple[str, str] | None, *, lowercase: bool = False) -> tuple[str, str] | None:
    """A speaker that names someone (:func:`.vocabulary.named_speaker`; with ``lowercase`` also
    a name in lowercase, :func:`.vocabulary.lowercase_name`), else None."""
    if not who:
        return None
    return who if vocabulary.named_speaker(who[0]) or (lowercase and vocabulary.lowercase_name(who[0])) else None


def _continuation(rest: str) -> str | None:
    """What follows an attribution when it is one quotation that goes on with the quote
    (``"B."``, ``"B".``), as that quotation; None for prose."""
    if not rest or not _CONTINUED.match(rest):
        return None
    return rest[:-1] if rest[-1] in ".!?" and rest[-2] in _CLOSE_Q + "*_" else rest


def attributed(flat: str, *, anywhere: bool) -> Quote | None:
    """An attributed quotation in a paragraph (one line, single spaces): at its start, or (with
    ``anywhere``) opening a later sentence, the prose before it kept in ``before``. Without
    ``anywhere`` the text is a blockquote, one quote or none: a quotation with no end punctuation
    takes any attribution verb there (``> "It is fast" added Jo.``)."""
    for n, start in enumerate(_QUOTE_START.finditer(flat)):
        if n >= QUOTE_STARTS_TRIED or (start.start() and not anywhere):
            return None
        at = start.end()
        text = flat[at:]
        for pattern in (_SAID, _SAID_AFTER, _DASHED):
            m = pattern.match(text)
            if not m or (pattern is _DASHED and at):
                continue
            if pattern is _DASHED:
                who, cont, after = _speaker_and_rest(m.group("tail"))
            else:
                end = m.end("q1")
                sentence = _sentence(m.group("q1"), text[end : end + 2])  # flat: one space at most before a ','
                speech = text[m.end("who") if pattern is _SAID_AFTER else end : m.start("tail")].strip(" ,.") \
                    in vocabulary.TERM_VERBS  # the verb
                if pattern is _SAID:
                    if not (sentence or speech or not anywhere):  # a blockquote is one quote: any verb
                        continue  # '"Undo" adds Undo History.': a quoted term, a narrator's verb and its object
                    who, cont, after = _speaker_and_rest(m.group("tail"), lowercase=sentence and speech)
                else:
                    if not sentence:
                        continue  # '"Do not disturb" mode, as the settings page says.': no quotation's end
                    who = _named(speaker_of(m.group("who")), lowercase=speech)
                    after = m.group("tail").lstrip(".,!:;").strip()
                    if who and who[1] and vocabulary.participle(who[1]):
                        continue
                    cont = _continuation(after)
                    after = "" if cont else after
            if who:
                return Quote(_joined_quote(m.group("q1"), cont), who[0], who[1], before=flat[:at].strip(),
                             after=after, start=at)
        if not at:
            m = _BARE.match(text)
            who = _named(speaker_of(m.group("who"), role_required=True)) if m and _bare(m.group("q1"), text, anywhere) \
                else None
            if m and who:
                return Quote(_joined_quote(m.group("q1"), None), who[0], who[1])
    return None




@dataclass
class Found:
    """A quote of a paragraph as written (:func:`in_paragraph`): where its quotation opens and
    where the prose after its attribution starts (offsets into the paragraph's text), and where
    its speaker is named."""

    quote: Quote
    start: int
    end: int
    speaker: int


def in_paragraph(text: str) -> list[Found]:
    """Every attributed quote of a paragraph, in order (at most :data:`QUOTE_STARTS_TRIED`): the
    first at the paragraph's start or opening a later sentence, each next one in the prose after
    the one before (``"A," said Jo. "B," said Sam.``). The prose between them is ``text`` between
    one's ``end`` and the next one's ``start``, as written. Linear in the paragraph."""
    if not _HAS_OPEN.search(text):  # every form opens with a quotation mark: most paragraphs have none
        return []
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    flat = " ".join(text[a:b] for a, b in words)
    starts: list[int] = []  # where each word starts in the flattened text
    at = 0
    for a, b in words:
        starts.append(at)
        at += b - a + 1

    def written(offset: int) -> int:
        """A flattened text's offset as an offset of ``text``."""
        if not words or offset >= len(flat):
            return len(text)
        k = bisect.bisect_right(starts, offset) - 1
        a, b = words[k]
        return min(a + offset - starts[k], b)

    found: list[Found] = []
    rest, base = flat, 0  # the flattened text still to read, and where it starts in ``flat``
    for _ in range(QUOTE_STARTS_TRIED):
        quote = attributed(rest, anywhere=True)
        if quote is None:
            break
        start = base + quote.start
        end = len(flat) - len(quote.after) if quote.after else len(flat)
        named = flat.find(quote.name, start, end) if quote.name else -1
        found.append(Found(quote, written(start), written(end), written(named if named >= 0 else start)))
        if not quote.after:
            break
        rest, base = quote.after, end
    return found
