"""Length guidance from Working Backwards: a press release of about a page, an FAQ of at most
about five. Word counts come from the front matter's text; going over a limit is a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Proposal
from .problems import Problem

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MARKUP = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>")  # code spans, link targets and tags are not prose


def count_words(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


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


def check_limits(p: Proposal, limits: Limits) -> list[Problem]:
    """A warning per limit the proposal goes over."""
    found: list[Problem] = []
    for field, count, limit, option in (
        ("press_release", press_release_words(p), limits.press_release_words, "press_release_words"),
        ("faq", faq_words(p), limits.faq_words, "faq_words"),
    ):
        if limit is not None and count > limit:
            found.append(Problem(p.display_path, p.line_of(field), field,
                                 f"{count} words, over the limit of {limit} (limits.{option})"))
    return found
