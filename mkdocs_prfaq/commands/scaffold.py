"""`mkdocs-prfaq new`: a new PR/FAQ page with the front matter its status needs.

A draft gets its four required fields and, commented out, every section later statuses ask for.
A later status gets those sections as empty placeholders: the page fails `check` with one clear
line per placeholder until each is filled, then passes.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..contract.lifecycle import DEFAULT, FULL_LEVELS, Lifecycle
from ..contract.schema import deref, rule_statuses
from ..contract.vocabulary import MONTHS
from .writes import NewPageError

GENERATED = ("index", "proposals", "roadmap", "status")
"""Names the plugin generates in the proposals folder (``index.md``, ``roadmap.md``,
``status/<status>.md``, ``proposals.json``): never a new proposal's id."""

GENERATED_FOLDERS = ("status", "proposals.json")
"""What the plugin generates directly in the proposals folder that a folder of proposals would clash with."""

ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
"""The schema's ``slug``: lowercase letters and digits, single ``-`` or ``_`` between them."""

MAX_ID = 100
"""The longest id `new` writes (it is also the file name)."""


def slug(title: str) -> str:
    """An ASCII file name and id from a title: ``PodGenie: Transcripts!`` -> ``podgenie-transcripts``."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:60].rstrip("-") or "proposal"


def id_from_title(title: str) -> str:
    """The id for a title: its slug, with ``-proposal`` added when the slug is a generated page's name."""
    id_ = slug(title)
    return f"{id_}-proposal" if id_ in GENERATED else id_


def check_id(id_: str) -> None:
    """Refuse an id that is not a slug, is too long to be a file name, or names a generated page."""
    if not ID_RE.match(id_):
        raise NewPageError(f"--id {id_!r}: an id is lowercase letters and digits, with single '-' or '_' "
                           "between them (e.g. podgenie-transcripts)")
    if len(id_) > MAX_ID:
        raise NewPageError(f"--id {id_[:20]}...: an id is at most {MAX_ID} characters, this one has {len(id_)}")
    if id_ in GENERATED:
        raise NewPageError(f"--id {id_!r}: the plugin generates a page of that name "
                           f"({', '.join(GENERATED)} are taken); choose another id")


def check_text(what: str, value: str) -> None:
    """Refuse text that cannot be written as UTF-8 (an argument holding bytes that are not UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise NewPageError(f"{what} {value!r}: not valid UTF-8 text") from None


def folder(plugin_dir: str, requested: str | None) -> tuple[str, ...]:
    """The new page's folder under docs_dir, as path parts: the plugin's folder or one inside it.

    ``requested`` (``--dir``) is relative to docs_dir. Anything outside the plugin's folder (``..``,
    an absolute path, another folder) is refused: a page there would never be checked."""
    base = tuple(p for p in plugin_dir.split("/") if p not in ("", "."))
    if not base or ".." in base:
        raise NewPageError(f"the plugin's dir {plugin_dir!r} is not a folder under docs_dir (fix it in mkdocs.yml)")
    if requested is None:
        return base
    check_text("--dir", requested)
    shown = "/".join(base)
    parts = tuple(p for p in requested.split("/") if p not in ("", "."))
    if (os.path.isabs(requested) or requested.startswith("/") or "\\" in requested or ".." in parts
            or parts[: len(base)] != base):
        raise NewPageError(f"--dir {requested!r}: not inside {shown}/, the plugin's folder, so its pages would "
                           f"never be checked; use --dir {shown} or a folder inside it")
    inside = parts[len(base):]
    if inside and inside[0] in GENERATED_FOLDERS:
        raise NewPageError(f"--dir {requested!r}: the plugin generates {shown}/{inside[0]}; choose another folder")
    for part in inside:
        if part.startswith("."):
            raise NewPageError(f"--dir {requested!r}: MkDocs skips folders whose name starts with '.', so its "
                               "pages would never be checked; choose another folder")
        if not part.isprintable():
            raise NewPageError(f"--dir {requested!r}: a folder name may not hold control characters or line breaks")
    return parts


def _quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar on one line: every character round-trips, escaped
    where YAML needs it (line breaks, control characters, U+2028, a BOM)."""
    dumped = yaml.safe_dump(value, default_style='"', width=sys.maxsize, allow_unicode=True)
    return dumped.removesuffix("\n")


_RESOLVER = Resolver()


def _id_scalar(id_: str) -> str:
    """A plain id when YAML reads it back as that string (``podgenie``), else quoted (``"2027"``, ``"yes"``)."""
    tag = _RESOLVER.resolve(ScalarNode, id_, (True, False))  # type: ignore[no-untyped-call]
    plain = ID_RE.match(id_) and tag == "tag:yaml.org,2002:str"
    return id_ if plain else _quoted(id_)


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


def _status_fields(lines: list[str], known: Any, status: str) -> None:
    """Append to a new page's front-matter ``lines`` the empty fields that ``status`` (the site's
    ``known`` status) requires: its decision, launch date, and any field it names."""
    if known.decided:
        lines.append(_DECISION.rstrip("\n"))
    if known.launched:
        lines.append('launched: ""  # when it actually launched, YYYY-MM-DD')
    for name in known.requires:
        if name == "superseded_by":
            lines.append('superseded_by: ""  # the id of the proposal that replaces this one')
        elif not re.search(rf"^{re.escape(name)}:", "\n".join(lines), re.MULTILINE):
            lines.append(f'{name}: ""  # status {status} requires it')


def has_placeholders(status: str, lifecycle: Lifecycle = DEFAULT) -> bool:
    """Whether :func:`page` leaves empty fields that `check` reports until they are filled."""
    known = lifecycle.get(status)
    return known is not None and (known.full or known.decided or bool(known.requires))


def page(title: str, *, owner: str, status: str, id_: str, today: datetime.date | None = None,
         lifecycle: Lifecycle = DEFAULT) -> str:
    """The text of a new PR/FAQ page, with what ``status`` requires in the site's ``lifecycle``
    (with ``status_from: folder`` the page's folder is its status: no ``status`` line)."""
    known = lifecycle.get(status)
    assert known is not None
    day = (today or datetime.date.today()).isoformat()
    full = lifecycle.names_at(FULL_LEVELS)
    lines = [
        "---",
        f"title: {_quoted(title)}",
        *([] if lifecycle.status_from == "folder" else [f"status: {status}"]),
        f"owner: {_quoted(owner)}",
        f"created: {day}",
        f"updated: {day}",
        f"id: {_id_scalar(id_)}",
        "authors: []",
        "tags: []",
    ]
    if known.full:
        lines.append(_SECTIONS.rstrip("\n"))
    else:
        lines.append(f"# From status {full[0] if full else 'in-review'} on, a PR/FAQ also needs these "
                     "(uncomment and fill in):")
        lines += [f"# {line}" if line and not line.startswith("#") else line for line in _SECTIONS.splitlines()]
    _status_fields(lines, known, status)
    lines += ["---", "", "## Notes", "", "Research, links and the appendix, in Markdown.", ""]
    return "\n".join(lines)


_BODY_SECTIONS = """\
## Press release

**TBD, {dateline}** — TBD: the opening paragraph, what launches and for whom; if the reader reads
nothing else, this is it.

TBD: the problem, from the customer's point of view.

TBD: how the product solves it.

> "TBD: why we built it, in a company leader's words."
> — TBD, TBD {{leader}}

TBD: how a customer gets started.

> "TBD: what a believable customer would say."
> — TBD, TBD {{customer}}

## External FAQ

### TBD: what would customers and the press ask?

TBD

### TBD: a second question

TBD

### TBD: a third question

TBD

## Internal FAQ

### TBD: how many customers need this?

TBD

### TBD: what does it cost us to build and run?

TBD

### TBD: what is the biggest risk?

TBD
"""


def body_page(title: str, *, owner: str, status: str, id_: str, today: datetime.date | None = None,
              lifecycle: Lifecycle = DEFAULT) -> str:
    """A new PR/FAQ page in the body form: metadata in front matter (what ``status`` requires
    of it, as :func:`page` writes it), then the press release, quotes and FAQ as Markdown
    sections of ``TBD`` placeholders, which `check` reports from in-review on."""
    day = today or datetime.date.today()
    known = lifecycle.get(status)
    assert known is not None
    front = [
        "---",
        f"title: {_quoted(title)}",
        *([] if lifecycle.status_from == "folder" else [f"status: {status}"]),
        f"owner: {_quoted(owner)}",
        f"created: {day.isoformat()}",
        f"updated: {day.isoformat()}",
        f"id: {_id_scalar(id_)}",
        "authors: []",
        "tags: []",
    ]
    if known.full:
        front += ['subtitle: ""  # who the customer is and the most important benefit, in one sentence',
                  "reviewers: []  # who reviews the document, e.g. [Dana Levi]"]
    _status_fields(front, known, status)
    launch = datetime.date(day.year + (day.month + 6 > 12), (day.month + 5) % 12 + 1, 1)
    dateline = f"{MONTHS[launch.month - 1]} {launch.day}, {launch.year}"
    return "\n".join([*front, "---", "", _BODY_SECTIONS.format(dateline=dateline)])


_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def site_required(schema: Mapping[str, Any], status: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The top-level fields a site's own schema requires of a page of ``status`` (its ``required``,
    that of its ``allOf`` parts, and of its status rules, ``if: {properties: {status: ...}}``), each
    with its schema node. References to the bundled schema are not followed: `new` writes what
    that requires already."""
    names: list[str] = []
    props: dict[str, Any] = {}
    for part in [schema, *[p for p in schema.get("allOf", []) if isinstance(p, Mapping)]]:
        statuses = rule_statuses(part)
        if statuses:
            then = part.get("then", {})
            if status in statuses and isinstance(then, Mapping):
                names += [n for n in then.get("required", []) if isinstance(n, str)]
        if part is schema or not statuses:
            names += [n for n in part.get("required", []) if isinstance(n, str)]
            found = part.get("properties", {})
            if isinstance(found, Mapping):
                props.update({k: v for k, v in found.items() if k not in props})
    return [(name, deref(schema, props.get(name, {}))) for name in dict.fromkeys(names)]


def _placeholder(node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    if kind == "array":
        return "[]"
    if kind == "object":
        return "{}"
    if kind in ("string", None) or "enum" in node:
        return '""'
    return "null"


def _hint(node: Mapping[str, Any]) -> str:
    words = " ".join(str(node.get("description", "")).split())
    words = "".join(c if c.isprintable() else " " for c in words)
    if len(words) > 100:
        words = words[:97].rstrip() + "..."
    choices = node.get("enum")
    if isinstance(choices, list) and choices:
        shown = ", ".join(" ".join(str(c).split()) for c in choices[:10]) + (", ..." if len(choices) > 10 else "")
        words = f"{words} (one of: {shown})" if words else f"one of: {shown}"
    return f"TODO: {words}" if words else "TODO: your site's schema requires it"


def with_site_fields(text: str, schema: Mapping[str, Any] | None, status: str) -> tuple[str, list[str]]:
    """``text`` (a page from :func:`page`) with a placeholder and a TODO hint for each field the
    site's own schema requires at ``status`` that the page does not have yet, and their names."""
    if not schema or not text.startswith("---\n"):
        return text, []
    end = text.find("\n---\n", 3)
    if end < 0:
        return text, []
    front = yaml.safe_load(text[4:end + 1]) or {}
    present = set(front) if isinstance(front, dict) else set()
    lines, added = [], []
    for name, node in site_required(schema, status):
        if name in present:
            continue
        key = name if _KEY.match(name) else _quoted(name)
        lines.append(f"{key}: {_placeholder(node)}  # {_hint(node)}")
        added.append(name)
    if not lines:
        return text, []
    tags = text.find("\ntags: []\n", 0, end + 1)  # beside the other metadata, above the commented sections
    at = tags + len("\ntags: []") if tags >= 0 else end
    return text[: at + 1] + "\n".join(lines) + text[at:], added

