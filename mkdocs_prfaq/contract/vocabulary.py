"""What a PR/FAQ's words mean, in one place: section and group names, press-release parts and
the template labels that name them, question and answer labels, the verbs that attribute a quote,
month names and the one date reader. The body form (:mod:`.body`) and ``import``
(:mod:`..commands.importer`) both read documents with these words; the layouts write dates with
:data:`MONTHS`.
"""

from __future__ import annotations

import calendar
import datetime
import re

# -- sections -------------------------------------------------------------------------------------

PRESS_RELEASE = frozenset({"press release", "pr", "working backwards", "the press release"})
EXTERNAL = frozenset({"external faq", "customer faq", "public faq", "customer questions", "external questions",
                      "customer faqs", "external faqs"})
INTERNAL = frozenset({"internal faq", "internal/technical faq", "internal / technical faq", "technical faq",
                      "business faq", "stakeholder faq", "internal faqs", "internal questions",
                      "internal and technical faq"})
FAQ = frozenset({"faq", "faqs", "frequently asked questions", "questions and answers", "q&a"})
GROUPS = {"external": EXTERNAL | {"external", "customer", "customers", "public", "users", "for customers"},
          "internal": INTERNAL | {"internal", "business", "technical", "stakeholders", "team", "internal/technical"}}
"""Group names under a ``## FAQ``: the section names, and their short forms."""

# -- press-release parts --------------------------------------------------------------------------

PART_ORDER = ("summary", "problem", "solution", "getting_started", "closing")
"""The press release's parts, in the order the layouts show them."""
PART_TITLES = {"summary": "Summary", "problem": "Problem", "solution": "Solution",
               "getting_started": "Getting started", "closing": "Closing"}
PARTS = {
    "summary": "summary", "problem": "problem", "the problem": "problem", "solution": "solution",
    "the solution": "solution", "getting started": "getting_started", "how to get started": "getting_started",
    "how it works": "solution", "closing": "closing", "call to action": "closing", "availability": "getting_started",
}
"""Subsection names and ``**Label:**`` names the body form reads as a part."""

TEMPLATE_LABELS: dict[str, str] = {}
for _what, _spellings in {
    "title": ("heading", "headline", "title"),
    "subtitle": ("subheading", "sub-heading", "subtitle", "sub-title", "subhead", "subheadline"),
    "summary": ("summary", "intro", "intro paragraph", "introduction", "introductory paragraph", "opening",
                "opening paragraph", "summary paragraph"),
    "problem": ("problem", "problems", "customer problem", "customer problems", "problem paragraph",
                "the problem", "customer's problem", "customer's problems"),
    "solution": ("solution", "solution paragraph", "our solution", "the solution"),
    "getting_started": ("getting started", "how to get started", "customer's job-to-be-done",
                        "customer job-to-be-done", "customer's job to be done", "customer experience",
                        "the customer experience"),
    "closing": ("closing", "call to action", "closing and call to action", "closing paragraph"),
    "quote:leader": ("leader's quote", "leader quote", "quote from you", "quote from a leader", "leadership quote",
                     "company quote", "spokesperson quote", "your quote", "leader's quotes", "leader quotes"),
    "quote:customer": ("customer quote", "customer's quote", "customer testimonial", "quote from a customer",
                       "customer quotes", "customer testimonials", "testimonials", "customer's quotes"),
    "quote:": ("quote", "quotes"),
}.items():
    for _spelling in _spellings:
        TEMPLATE_LABELS[_spelling] = _what
"""Template labels (``Summary:``, ``Leader's Quote:``) and section names by what they are: a part,
the title, the subtitle, or a quote of a kind (``quote:`` for a quote of no stated kind), as
``import`` reads an original."""

# -- questions, answers, quotes -------------------------------------------------------------------

Q_PREFIX = re.compile(r"^(?:Q\d*|Question\s*\d*)\s*[:.)]\s*", re.IGNORECASE)
"""A question's label: ``Q:``, ``Q1.``, ``Question 2:``."""
A_PREFIX = re.compile(r"^\s*(?:(?:\*\*|__)(?:A\d*|(?i:answer))\s*[:.](?:\*\*|__)|(?:A\d*|(?i:answer))\s*[:.])"
                      r"(?=\s|$)[ \t]*")
"""An answer's label: ``A:``, ``A.``, ``**A:**``, ``Answer:``, followed by a space or the line's end
(never ``A.I. features`` or ``A) free, or B) paid``)."""
SAID = ("said", "says", "added", "adds", "explained", "explains", "noted", "notes", "shared", "shares",
        "commented", "comments", "stated", "states", "continued", "continues")
"""Verbs that attribute a quote in prose: ``"...," said Name, Role.``"""
ATTRIBUTION_DASHES = ("—", "–", "--", "-", "―")
CUSTOMER_ROLE = re.compile(r"\b(?:users?|customers?|clients?|subscribers?|beta testers?|early adopters?|buyers?|"
                           r"shoppers?|patients?|students?)\b", re.IGNORECASE)
"""A quote's role that names a customer (``early user``, ``Customer``): a customer quote whatever its place."""

# -- names as compared ----------------------------------------------------------------------------

_ATTRS = re.compile(r"\{([^{}]*)\}\s*$")
_NUMBERED = re.compile(r"^(?:(?:part|section|chapter|step)\s+(?:\d{1,3}|[ivx]{1,5}|one|two|three|four|five)\b"
                       r"\s{0,3}[:.)—–-]?|\d{1,3}[.)]|[ivx]{1,5}[.)])\s{0,3}(?:[—–-]\s{0,3})?")
"""A section's number before its name: ``Part 1 —``, ``2.``, ``III.``, ``Section 3:``."""


def normalise(heading: str) -> str:
    """``  External FAQ: `` -> ``external faq``: case, spacing, emphasis, a trailing colon and
    ``{...}`` ignored."""
    text = _ATTRS.sub("", heading).strip().rstrip(":").strip()
    return " ".join(text.replace("*", "").replace("_", " ").lower().split())


def section_name(heading: str) -> str:
    """A section heading as compared with the names above, without a number before it:
    ``## Part 1 — Press Release`` and ``## 2. FAQ`` name the press release and the FAQ."""
    name = normalise(heading)
    bare = _NUMBERED.sub("", name, count=1).strip()
    return bare or name


# -- dates ----------------------------------------------------------------------------------------

MONTHS: tuple[str, ...] = tuple(calendar.month_name[1:])
"""``January`` ... ``December`` (Python's own names: English unless a program set another locale)."""
if MONTHS[0] != "January":  # a process that set another locale before this import: the English names
    MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_MONTH_NUMBER = {m.lower(): n for n, m in enumerate(MONTHS, 1)}

DATE = (r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}(?:st|nd|rd|th|\.)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
        r"|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?,?\s+\d{4}|\d{4}-\d{2})")
"""The dates a dateline may give (a regular expression, no group): ``April 27, 2027``,
``Apr. 27th 2027``, ``27 April 2027``, ``27. April 2027``, ``2027-04-27``, and a month alone:
``August 2027``, ``Aug. 2027``, ``2027-08``."""
DATE_FORMS = "Month D, YYYY; D Month YYYY; YYYY-MM-DD; Month YYYY; YYYY-MM"
"""The forms :data:`DATE` reads, as a message names them."""
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")


def month(word: str) -> int | None:
    """``April`` / ``Apr`` / ``Apr.`` / ``Sept`` -> its number; None when it is no month."""
    word = word.lower().rstrip(".")
    if word in _MONTH_NUMBER:
        return _MONTH_NUMBER[word]
    return next((v for k, v in _MONTH_NUMBER.items() if len(word) >= 3 and k.startswith(word)), None)


def read_date(text: str) -> tuple[datetime.date, bool] | None:
    """A dateline's date as ``(date, month_only)``: ``April 27, 2027`` -> ``(2027-04-27, False)``,
    ``August 2027`` / ``2027-08`` -> ``(2027-08-01, True)``; None when it names no day or month
    that exists (``Feb 30, 2027``, ``2027``, ``Smarch 3, 2027``)."""
    text = text.strip().rstrip(",.").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text), False
        m = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if m:
            return datetime.date(int(m.group(1)), int(m.group(2)), 1), True
        words = _ORDINAL.sub(r"\1", text).replace(",", " ").replace(".", " ").split()
        if len(words) == 3:
            month_word, day, year = (words[0], words[1], words[2]) if words[0][:1].isalpha() else \
                (words[1], words[0], words[2])
            number = month(month_word)
            if number and day.isdigit() and year.isdigit() and len(year) == 4:
                return datetime.date(int(year), number, int(day)), False
        if len(words) == 2 and words[0][:1].isalpha() and words[1].isdigit() and len(words[1]) == 4:
            number = month(words[0])
            if number:
                return datetime.date(int(words[1]), number, 1), True
    except ValueError:
        return None
    return None


def parse_date(text: str) -> str:
    """``April 27, 2027`` / ``27 April 2027`` / ``2027-04-27`` -> ``2027-04-27``; ``August 2027``
    -> ``2027-08``; anything else as written (the schema then says what is wrong)."""
    text = text.strip().rstrip(",.")
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    found = read_date(text)
    if found is None:
        return text
    date, month_only = found
    return f"{date:%Y-%m}" if month_only else date.isoformat()


def long_date(date: datetime.date, month_only: bool = False) -> str:
    """``April 27, 2027`` (press-release style), or ``April 2027``."""
    name = MONTHS[date.month - 1]
    return f"{name} {date.year}" if month_only else f"{name} {date.day}, {date.year}"
