"""Length guidance from Working Backwards: a press release of about a page, an FAQ of at most
about five. Word counts come from the front matter's text. Going over a limit is advice while a
proposal is a draft (a status of the ``thin`` level: the page shows its counts) and a warning from
in-review on, in the build and in ``mkdocs-prfaq check`` alike (both fail on it under ``--strict``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lifecycle import Lifecycle
from .model import Proposal
from .problems import Problem

# Code spans, link targets and tags are not prose. Each alternative stops at the next character
# that could start another match, so a text of many unclosed '<' or '](' is scanned once, not
# once per opening character.
_MARKUP = re.compile(r"`[^`]*`|\]\([^)\]]*\)|<[^<>]+>")


def count_words(text: str) -> int:
    """Words as a reader counts them (``wc -w``), leaving out code, link targets and markup."""
    if "`" in text or "](" in text or "<" in text:
        text = _MARKUP.sub(" ", text)
    return len(text.split())


def press_release_words(p: Proposal) -> int:
    texts = [p.subtitle, *p.press_release.values()]
    texts += [q["text"] for q in p.quotes if isinstance(q.get("text"), str)]
    return sum(count_words(t) for t in texts)


def faq_words(p: Proposal) -> int:
    return sum(
        count_words(qa[k])
        for part in ("external", "internal")
        for qa in p.faq(part)
        for k in ("question", "answer")
        if isinstance(qa.get(k), str)
    )


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
