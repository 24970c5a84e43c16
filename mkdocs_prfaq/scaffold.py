"""`mkdocs-prfaq new`: a new PR/FAQ page with the front matter its status needs.

A draft gets its four required fields and, commented out, every section later statuses ask for.
A later status gets those sections as empty placeholders: the page fails `check` with one clear
line per placeholder until each is filled, then passes.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import yaml

from .model import DECIDED, FULL


def slug(title: str) -> str:
    """An ASCII file name and id from a title: ``PodGenie: Transcripts!`` -> ``podgenie-transcripts``."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:60].rstrip("-") or "proposal"


def _scalar(value: str) -> str:
    """A YAML scalar for ``value`` on one line (quoted when YAML needs it)."""
    dumped = yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
    return dumped.removesuffix("\n...\n").strip()


_SECTIONS = """\
subtitle: ""  # who the customer is and the most important benefit, in one sentence
reviewers: []  # who reviews the document, e.g. [Dana Levi]
dateline:
  location: ""  # e.g. SEATTLE, WA
  date: ""  # the imagined launch date, YYYY-MM-DD
  # outlet: BUSINESS WIRE
press_release:
  summary: ""  # the opening paragraph: if the reader reads nothing else
  problem: ""  # the problem, from the customer's point of view
  solution: ""  # how the product solves it
  getting_started: ""  # how a customer gets started
  # closing: ""  # closing and call to action
quotes:
  - kind: leader
    name: ""  # a company leader: why we built it
    role: ""
    text: ""
  - kind: customer
    name: ""  # a believable customer
    role: ""
    text: ""
faq:
  external:  # what customers and press would ask (at least 3)
    - question: ""
      answer: ""
    - question: ""
      answer: ""
    - question: ""
      answer: ""
  internal:  # what the business would ask: market, economics, risks, dependencies (at least 3)
    - question: ""
      answer: ""
    - question: ""
      answer: ""
    - question: ""
      answer: ""
# customer:  # the five customer questions
#   who: ""
#   problem: ""
#   benefit: ""
#   evidence: ""
#   experience: ""
"""

_DECISION = """\
decision:
  date: ""  # YYYY-MM-DD
  by: []  # who decided
  summary: ""  # what was decided and why
"""


def has_placeholders(status: str) -> bool:
    """Whether :func:`page` leaves empty fields that `check` reports until they are filled."""
    return status in FULL or status in DECIDED or status == "superseded"


def page(title: str, *, owner: str, status: str, id_: str, today: datetime.date | None = None) -> str:
    """The text of a new PR/FAQ page."""
    day = (today or datetime.date.today()).isoformat()
    lines = [
        "---",
        f"title: {_scalar(title)}",
        f"status: {status}",
        f"owner: {_scalar(owner)}",
        f"created: {day}",
        f"updated: {day}",
        f"id: {id_}",
        "authors: []",
        "tags: []",
    ]
    if status in FULL:
        lines.append(_SECTIONS.rstrip("\n"))
    else:
        lines.append("# From status in-review on, a PR/FAQ also needs these (uncomment and fill in):")
        lines += [f"# {line}" if line and not line.startswith("#") else line for line in _SECTIONS.splitlines()]
    if status in DECIDED:
        lines.append(_DECISION.rstrip("\n"))
    if status == "launched":
        lines.append('launched: ""  # when it actually launched, YYYY-MM-DD')
    if status == "superseded":
        lines.append('superseded_by: ""  # the id of the proposal that replaces this one')
    lines += ["---", "", "## Notes", "", "Research, links and the appendix, in Markdown.", ""]
    return "\n".join(lines)
