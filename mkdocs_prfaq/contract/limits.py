"""Length guidance from Working Backwards: a press release of about a page, an FAQ of at most
about five. Word counts come from the front matter's text. Going over a limit is advice while a
proposal is a draft (a status of the ``thin`` level: the page shows its counts) and a warning from
in-review on, in the build and in ``mkdocs-prfaq check`` alike (both fail on it under ``--strict``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import Any

from .lifecycle import Lifecycle
from .model import Proposal
from .problems import Problem

# Code spans, link targets and tags are not prose. Each alternative stops at the next character
# that could start another match, so a text of many unclosed '<' or '](' is scanned once, not
# once per opening character.
_MARKUP = re.compile(r"`[^`]*`|\]\([^)\]]*\)|<[^<>]+>")


_SHAPE = bytes(32 if chr(c).isspace() else 120 for c in range(256))
"""Each ASCII character as ``b" "`` where ``str.split`` splits on it, else as ``b"x"``."""


def count_words(text: str) -> int:
    """Words as a reader counts them (``wc -w``), leaving out code, link targets and markup."""
    if "`" in text or "<" in text or ("]" in text and "](" in text):
        text = _MARKUP.sub(" ", text)
    if text.isascii():  # len(text.split()) without a string per word: each word starts after a space or at 0
        shape = text.encode("ascii").translate(_SHAPE)
        return shape.count(b" x") + shape.startswith(b"x")
    return len(text.split())


def _press_release_texts(p: Proposal) -> list[str]:
    texts = [p.subtitle, *p.press_release.values()]
    texts += [q["text"] for q in p.quotes if isinstance(q.get("text"), str)]
    return texts


def _faq_texts(p: Proposal) -> list[str]:
    return [qa[k] for part in ("external", "internal") for qa in p.faq(part) for k in ("question", "answer")
            if isinstance(qa.get(k), str)]


def press_release_words(p: Proposal) -> int:
    return sum(count_words(t) for t in _press_release_texts(p))


def faq_words(p: Proposal) -> int:
    return sum(count_words(t) for t in _faq_texts(p))


def _most_words_in(parts: list[dict[str, Any]]) -> int:
    """At least :func:`most_words` of the values of ``parts`` that are text (each value's length
    counted, without a loop in Python, as long as every value has one)."""
    try:
        return (sum(map(len, chain.from_iterable(map(dict.values, parts)))) + sum(map(len, parts))) // 2
    except TypeError:  # a value without a length (a number, null)
        return most_words([v for part in parts for v in part.values() if isinstance(v, str)])


def most_words(texts: list[str]) -> int:
    """A bound no count of ``texts`` can exceed, without counting: a text of n characters holds
    at most (n + 1) // 2 words (each word but the last is followed by whitespace), and taking out
    code, link targets and tags (:func:`count_words`) only shortens it; summed, at most
    (characters + texts) // 2."""
    return (sum(map(len, texts)) + len(texts)) // 2


@dataclass(frozen=True)
class Limits:
    press_release_words: int | None = 600
    faq_words: int | None = 2500


@dataclass(frozen=True)
class Words:
    """A proposal's length, and whether it goes over the site's limits."""

    press_release: int
    faq: int
    press_release_over: bool
    faq_over: bool


def measure(p: Proposal, limits: Limits) -> Words:
    pr, faq = press_release_words(p), faq_words(p)
    return Words(
        pr, faq,
        limits.press_release_words is not None and pr > limits.press_release_words,
        limits.faq_words is not None and faq > limits.faq_words,
    )


def advisory(p: Proposal, lifecycle: Lifecycle) -> bool:
    """Whether the limits are only advice for this proposal: while it is a draft (its status is
    of the ``thin`` level), or its status is none of the site's (a problem of its own)."""
    status = lifecycle.get(p.status)
    return status is None or status.level == "thin"


def over_limits(p: Proposal, limits: Limits, lifecycle: Lifecycle) -> list[Problem]:
    """What :func:`check_limits` gives for :func:`measure`'s counts (``mkdocs-prfaq check``, which
    shows no counts), counting only a part whose :func:`most_words` could go over its limit."""
    if advisory(p, lifecycle):
        return []
    pr = faq = 0
    if limits.press_release_words is not None:
        texts = _press_release_texts(p)
        if most_words(texts) > limits.press_release_words:
            pr = sum(count_words(t) for t in texts)
    if limits.faq_words is not None and _most_words_in([*p.faq("external"), *p.faq("internal")]) > limits.faq_words:
        faq = faq_words(p)
    over = Words(pr, faq, limits.press_release_words is not None and pr > limits.press_release_words,
                 limits.faq_words is not None and faq > limits.faq_words)
    return check_limits(p, over, limits) if over.press_release_over or over.faq_over else []


def check_limits(p: Proposal, words: Words, limits: Limits, lifecycle: Lifecycle | None = None) -> list[Problem]:
    """A warning per limit the proposal goes over; none while the limits are advice for it
    (:func:`advisory`, given the site's ``lifecycle``)."""
    found: list[Problem] = []
    if lifecycle is not None and advisory(p, lifecycle):
        return found
    if words.press_release_over:
        found.append(Problem(p.display_path, p.line_of("press_release"), "press_release",
                             f"{words.press_release} words, over the limit of {limits.press_release_words} "
                             "(limits.press_release_words)"))
    if words.faq_over:
        found.append(Problem(p.display_path, p.line_of("faq"), "faq",
                             f"{words.faq} words, over the limit of {limits.faq_words} (limits.faq_words)"))
    return found
