"""Placeholder text where a real answer is due: ``TBD``, ``TODO``, ``XXX``, ``lorem ipsum``,
``N/A``, a template's ``[City, State]`` slot, or Markdown with no words. A draft may hold them;
from the complete level on (``in-review``) each is a problem, as a missing field is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_WORDS = r"tbd|tbc|tba|todo|to ?do|xxx+|fixme|n/?a|none yet|placeholder|coming soon|\?+|\.{3}|…|-+|" \
         r"to be (?:decided|determined|written|confirmed)|lorem ipsum\b.*|insert [^.]{0,40} here"
_PLACEHOLDER = re.compile(rf"^(?:{_WORDS})(?:[:.!]\s*.*)?$", re.IGNORECASE | re.DOTALL)
_ONLY_PLACEHOLDER = re.compile(rf"^(?:{_WORDS})[.!]?$", re.IGNORECASE | re.DOTALL)
_SLOT = re.compile(r"^(?:\[[^\]\n]{1,80}\]\s*[,–—-]?\s*)+$")
_MARKUP = re.compile(r"[*_`>#\s]+")
_MARKERS = {"TODO", "TBD", "XXX", "FIXME", "TBC", "TBA"}
"""Words that make a whole text a placeholder when it starts with them (``TODO write it``,
``TBD — waiting on legal``, ``TBD (Ana)``)."""
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TEXT_FIELDS = (("title",), ("subtitle",), ("owner",), ("dateline", "location"), ("decision", "summary"))
_NAME_LISTS = ("reviewers", "authors")
"""Lists of people: ``reviewers: [TBD]`` or ``[Hannah Brooks, TODO]`` hold a placeholder."""
_PARTS = ("summary", "problem", "solution", "getting_started", "closing")


_PREFIX = 200
"""A text longer than this is judged by its start alone when that start holds enough words."""
_HEAD = re.compile(r"[\s:.!?,;(—–]")
_LIST = re.compile(r"(?m)^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+")
"""A list item's marker: ``- TBD`` is the word TBD."""


_MAYBE = re.compile(r"[*_`>#\s]*(?:\Z|[^A-Za-z]|(?i:t[bo]|xx|fi|n|pl|co|lo|in))")
"""How a text that may be a placeholder starts, after the markup the rules below drop: with
nothing, a character that is no ASCII letter (a slot's '[', '?', '-', a list's number, an HTML
comment, any other script), or the first two letters of a placeholder word (``TBD``, ``to do``,
``xxx``, ``FIXME``, ``N/A``, ``placeholder``, ``coming soon``, ``lorem ipsum``, ``insert``).
Every placeholder word needs two letters side by side (or is ``N/A``, ``n``), and what the rules
drop between two letters turns into a space, so a text that starts otherwise is prose: 'Customers
told us', 'Ana Souza' (a hypothesis test checks this against the whole-text rule)."""


def is_placeholder(value: str) -> bool:
    """Text that stands in for an answer: empty Markdown, a placeholder word alone (``TBD``,
    ``TODO: write this``), or a template slot (``[City, State]``)."""
    if _MAYBE.match(value) is None:
        return False
    if len(value) > _PREFIX and "<!--" not in value:
        # Long prose: only its first word can make it a placeholder (``TODO: ...``), unless it
        # opens like a slot, a run of ?, -, x or dots, lorem ipsum or 'insert ... here', which
        # the whole text decides. 60 characters of words are more than any placeholder word.
        start = _MARKUP.sub(" ", _LIST.sub(" ", value[:_PREFIX])).strip()
        if len(start) >= 60 and start[0] not in "[?-.…xX" and not start[:12].lower().startswith(("lorem", "insert")):
            return _HEAD.split(start, maxsplit=1)[0] in _MARKERS
    text = _MARKUP.sub(" ", _LIST.sub(" ", _HTML_COMMENT.sub(" ", value))).strip()
    if not text:
        return True
    if _SLOT.match(text):
        return True
    head = _HEAD.split(text, maxsplit=1)[0]  # written in capitals: 'Todo lists' is prose
    return bool(_ONLY_PLACEHOLDER.match(text) or head in _MARKERS)


def find(data: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(path, text)`` of every text field of a PR/FAQ that holds placeholder text."""
    def checked(path: tuple[str, ...], value: Any) -> Iterator[tuple[tuple[str, ...], str]]:
        if isinstance(value, str) and is_placeholder(value):
            yield path, value

    for key, *inner in _TEXT_FIELDS:
        value = data.get(key)
        if inner:
            value = value.get(inner[0]) if isinstance(value, dict) else None
        yield from checked((key, *inner), value)
    press_release = data.get("press_release")
    if isinstance(press_release, dict):
        for part in _PARTS:
            yield from checked(("press_release", part), press_release.get(part))
    for key in _NAME_LISTS:
        names = data.get(key)
        if isinstance(names, list):
            for i, name in enumerate(names):
                yield from checked((key, str(i)), name)
    quotes = data.get("quotes")
    if isinstance(quotes, list):
        for i, quote in enumerate(quotes):
            if isinstance(quote, dict):
                for field in ("text", "name"):
                    yield from checked(("quotes", str(i), field), quote.get(field))
    faq = data.get("faq")
    if isinstance(faq, dict):
        for part in ("external", "internal"):
            items = faq.get(part)
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict):
                        for field in ("question", "answer"):
                            yield from checked(("faq", part, str(i), field), item.get(field))
