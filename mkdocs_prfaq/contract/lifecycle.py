"""The site's own process: its statuses in order, what each one requires, and the schema rules
that say so.

A status carries a requirement *level*:

- ``thin``: only the base fields (title, status, owner, created), like a draft;
- ``complete``: the whole document (press release, quotes, FAQ, reviewers: see
  :class:`Requirements`), like a proposal in review;
- ``decided``: complete, and a ``decision``, like an approved one;
- ``launched``: decided, and a ``launched`` date;
- ``closed``: a ``decision``, content may be thin, like a rejected or deferred one.

A status may also require more top-level fields (``superseded`` requires ``superseded_by``).
The status enum and the ``allOf`` if/then rules of the bundled schema are generated from the
lifecycle and the requirements (:meth:`Lifecycle.schema`); with the defaults that is the bundled
schema as shipped (a test checks the generator gives the same rules).

A status's colours are data here (the ``colour`` option, checked, and its tint for dark
schemes); how they are shown (text colours chosen for contrast, the stylesheets) is
:mod:`mkdocs_prfaq.layout.statusstyle`'s.
"""

from __future__ import annotations

import copy
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

LEVELS = ("thin", "complete", "decided", "launched", "closed")
FULL_LEVELS = ("complete", "decided", "launched")
"""Levels that need the whole document."""
DECISION_LEVELS = ("decided", "launched", "closed")
"""Levels that need a decision."""
ROADMAP_LEVELS = ("decided", "launched")
"""Levels whose proposals are on the roadmap (decided to build, or built)."""
LEVEL_HELP = {
    "thin": "only the base fields (title, status, owner, created)",
    "complete": "the whole document (press release, quotes, FAQ, reviewers)",
    "decided": "the whole document and a decision",
    "launched": "the whole document, a decision and the launch date",
    "closed": "a decision; the content may be thin",
}
INVALID = "invalid"
"""Not a status: how a page with problems shows (badge, index group, Material's navigation)."""
STATUS_FROM = ("front_matter", "folder")

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
"""A status name: lowercase letters and digits, single ``-`` or ``_`` between them (it becomes
a CSS class, a file name and a URL)."""
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

PRESS_RELEASE_PARTS = ("summary", "problem", "solution", "getting_started", "closing")
CUSTOMER_PARTS = ("who", "problem", "benefit", "evidence", "experience")


class LifecycleError(ValueError):
    """A ``statuses`` or ``requirements`` option that cannot be used; the message says why, in one line."""


def hex_colour(value: object, what: str) -> str:
    """A CSS hex colour (``#1d6b35`` or ``#1d6``) as ``#rrggbb``; anything else, CSS included, is refused."""
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise LifecycleError(f"{what}: {value!r} is not a colour (expected a hex colour such as '#1d6b35')")
    text = value.strip().lower()
    if len(text) == 4:
        text = "#" + "".join(ch * 2 for ch in text[1:])
    return text


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def tint(colour: str, amount: float = 0.6) -> str:
    """``colour`` mixed with white: the badge of a dark colour scheme."""
    return "#" + "".join(f"{round(v + (255 - v) * amount):02x}" for v in _rgb(colour))


def title_case(name: str) -> str:
    """``pre-draft`` -> ``Pre-draft``, ``in_review`` -> ``In review``."""
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Status:
    """One status of the site's lifecycle."""

    name: str
    label: str
    colour: str
    """Badge background (``#rrggbb``) in light colour schemes; bars and navigation dots too."""
    dark_colour: str
    """Badge background in dark colour schemes."""
    level: str = "thin"
    open: bool = True
    """Listed expanded in the index; a closed status's group starts collapsed."""
    requires: tuple[str, ...] = ()
    """Top-level fields this status requires besides its level's."""
    stale_after: int | None = None
    """Days a proposal may stay in this status before the index marks it stale (None: never)."""

    @property
    def full(self) -> bool:
        return self.level in FULL_LEVELS

    @property
    def decided(self) -> bool:
        return self.level in DECISION_LEVELS

    @property
    def launched(self) -> bool:
        return self.level == "launched"

    @property
    def on_roadmap(self) -> bool:
        return self.level in ROADMAP_LEVELS

    @property
    def decision_kind(self) -> str:
        """The admonition a decision shows in: ``success`` for a go, ``warning`` for a closed
        status still open (deferred), ``failure`` for a closed one (rejected)."""
        if self.level in ROADMAP_LEVELS:
            return "success"
        return "warning" if self.open else "failure"

    @property
    def superseded(self) -> bool:
        """A status that names its successor: the page shows a 'superseded by' banner."""
        return "superseded_by" in self.requires


@dataclass(frozen=True)
class Requirements:
    """What the ``complete`` level (and every level above it) requires."""

    subtitle: bool = True
    dateline: bool = True
    reviewers: int = 1
    press_release: tuple[str, ...] = ("summary", "problem", "solution", "getting_started")
    quotes: tuple[str, ...] = ("leader", "customer")
    """A quote of each kind; a kind listed twice needs two quotes of that kind."""
    quote_kinds: tuple[str, ...] = ("leader", "customer")
    """The kinds a quote may have, at every status."""
    external_questions: int = 3
    internal_questions: int = 3
    customer: tuple[str, ...] = ()
    """Answers to the five customer questions that are required (who, problem, benefit, evidence, experience)."""


_DEFAULT_STATUSES = (
    Status("draft", "Draft", "#5c6370", "#d0d4db", "thin"),
    Status("in-review", "In review", "#8a5300", "#f5c16c", "complete", stale_after=30),
    Status("approved", "Approved", "#1d6b35", "#8fd6a3", "decided"),
    Status("launched", "Launched", "#1557a0", "#9cc3f5", "launched"),
    Status("deferred", "Deferred", "#6a4c9c", "#cbb8f0", "closed", open=True),
    Status("rejected", "Rejected", "#b3261e", "#f4a29c", "closed", open=False),
    Status("withdrawn", "Withdrawn", "#5b5b5b", "#cfcfcf", "thin", open=False),
    Status("superseded", "Superseded", "#7a4a22", "#e0b48c", "thin", open=False, requires=("superseded_by",)),
)
_BY_NAME = {s.name: s for s in _DEFAULT_STATUSES}
_LEVEL_COLOURS = {"thin": "draft", "complete": "in-review", "decided": "approved", "launched": "launched",
                  "closed": "rejected"}
"""A status without a colour takes the built-in status of its name, else of its level."""


@dataclass(frozen=True)
class Lifecycle:
    """The site's statuses in order, and what each requires."""

    statuses: tuple[Status, ...] = _DEFAULT_STATUSES
    requirements: Requirements = field(default_factory=Requirements)
    status_from: str = "front_matter"
    """``front_matter`` (a page's ``status``) or ``folder`` (``<dir>/<status>/page.md``)."""

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.statuses)

    @cached_property
    def by_name(self) -> dict[str, Status]:
        return {s.name: s for s in self.statuses}

    def get(self, name: object) -> Status | None:
        return self.by_name.get(name) if isinstance(name, str) else None

    @property
    def is_default(self) -> bool:
        return self.statuses == _DEFAULT_STATUSES and self.requirements == Requirements()

    def names_at(self, levels: Iterable[str]) -> list[str]:
        wanted = set(levels)
        return [s.name for s in self.statuses if s.level in wanted]

    @cached_property
    def roadmap(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.statuses if s.on_roadmap)

    def schema(self) -> dict[str, Any]:
        """The bundled schema with this lifecycle's status enum, quote kinds and status rules (a
        fresh copy: callers may change it)."""
        return copy.deepcopy(_schema(self))


DEFAULT = Lifecycle()


# -- options ----------------------------------------------------------------------------------

def _unknown(word: str, options: Iterable[str]) -> str:
    from .validate import closest_hint

    return closest_hint(word, list(options))


STATUS_SETTINGS = ("label", "colour", "dark_colour", "level", "open", "requires", "stale_after")
"""What a status of the ``statuses`` option may set."""
CHECK_ORDER = ("level", "label", "colour", "dark_colour", "open", "requires", "stale_after")
"""The order a status's settings are checked in: the first problem is the one reported."""
_DURATION = re.compile(r"^(\d{1,5})\s*(days?|weeks?|d|w)?$")


def parse_days(value: object, what: str) -> int | None:
    """A duration in days: ``30``, ``30 days``, ``6 weeks``; ``null`` (or ``false``) for none."""
    if value is None or value is False:
        return None
    m = _DURATION.match(str(value).strip().lower()) if isinstance(value, (int, str)) and value is not True else None
    if m is None:
        raise LifecycleError(f"{what}: {value!r} is not a duration (expected a number of days or weeks, "
                             "e.g. '30 days' or '6 weeks', or null for none)")
    n = int(m.group(1))
    return n * 7 if (m.group(2) or "d").startswith("w") else n


def status_name(raw_name: object) -> str:
    """A key of the ``statuses`` option as a status name, or why it cannot be one."""
    name = str(raw_name)
    if not SLUG.match(name) or len(name) > 40:
        raise LifecycleError(f"status {name!r} is not a status name (expected lowercase letters and digits "
                             "with single '-' or '_' between them, at most 40 characters, e.g. 'in-review')")
    if name == INVALID:
        raise LifecycleError(f"status {name!r} is reserved: it is how a page with problems is shown "
                             "(expected another name)")
    return name


def status_settings(name: str, raw: object) -> Mapping[Any, Any]:
    """A status's settings as a mapping: ``null`` is none, a word is its level."""
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"level": raw}
    if isinstance(raw, Mapping):
        return raw
    raise LifecycleError(f"status {name!r}: {raw!r} is not a mapping (expected e.g. "
                         "{level: complete, label: Review, colour: '#8a5300'})")


def unknown_setting(name: str, key: object) -> LifecycleError:
    """The error for a setting a status does not have, with the one it looks like."""
    return LifecycleError(f"status {name!r}: unknown setting {str(key)!r} (expected one of: "
                          f"{', '.join(STATUS_SETTINGS)}){_unknown(str(key), STATUS_SETTINGS)}")


def check_setting(name: str, key: str, value: object) -> Any:
    """One setting of status ``name`` (one of :data:`STATUS_SETTINGS`), checked and in the form
    :func:`build_status` takes; a :class:`LifecycleError` says, in one line, what is wrong."""
    if key == "level":
        if value not in LEVELS:
            raise LifecycleError(f"status {name!r}: level {value!r} is not a level (expected one of: "
                                 f"{', '.join(LEVELS)}){_unknown(str(value), LEVELS)}")
        return value
    if key == "label":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise LifecycleError(f"status {name!r}: label {value!r} is not text (expected e.g. {title_case(name)!r})")
        return " ".join(str(value).split())
    if key in ("colour", "dark_colour"):
        return hex_colour(value, f"status {name!r}: {key}")
    if key == "open":
        if not isinstance(value, bool):
            raise LifecycleError(f"status {name!r}: open {value!r} is not true or false (expected open: false "
                                 "for a status whose proposals are listed collapsed)")
        return value
    if key == "requires":
        requires = [value] if isinstance(value, str) else value
        if not isinstance(requires, list) or not all(isinstance(r, str) and FIELD_NAME.match(r) for r in requires):
            raise LifecycleError(f"status {name!r}: requires {requires!r} is not a list of field names "
                                 "(expected e.g. [superseded_by])")
        return tuple(requires)
    if key == "stale_after":
        return parse_days(value, f"status {name!r}: stale_after")
    raise unknown_setting(name, key)


def build_status(name: str, checked: Mapping[str, Any]) -> Status:
    """Status ``name`` from the settings given (checked by :func:`check_setting`); one left out
    is the built-in status's of that name, else the default for the level (a status's colours
    are those of the built-in status of its level when it sets none)."""
    builtin = _BY_NAME.get(name)
    level = checked.get("level", builtin.level if builtin else "thin")
    like = builtin or _BY_NAME[_LEVEL_COLOURS[level] if level != "closed" or checked.get("open") is not True
                               else "deferred"]
    if "colour" in checked:
        colour = checked["colour"]
        dark = like.dark_colour if colour == like.colour else tint(colour)
    else:
        colour, dark = like.colour, like.dark_colour
    return Status(
        name,
        checked.get("label", builtin.label if builtin else title_case(name)),
        colour,
        checked.get("dark_colour", dark),
        level,
        checked.get("open", builtin.open if builtin else level != "closed"),
        checked.get("requires", builtin.requires if builtin else ()),
        checked["stale_after"] if "stale_after" in checked else (builtin.stale_after if builtin else None),
    )


NOT_A_LIFECYCLE = ("expected a mapping of status names, in order, to their settings, e.g. "
                   "{draft: {level: thin}, review: {level: complete, colour: '#8a5300'}}")


def parse_statuses(value: object) -> tuple[Status, ...]:
    """The ``statuses`` option: a mapping of status names, in lifecycle order, to
    ``{label, colour, dark_colour, level, open, requires, stale_after}`` (or just a level)."""
    if not isinstance(value, Mapping) or not value:
        raise LifecycleError(f"{value!r} is not a lifecycle ({NOT_A_LIFECYCLE})")
    out = []
    for raw_name, raw in value.items():
        name = status_name(raw_name)
        settings = status_settings(name, raw)
        for key in settings:
            if key not in STATUS_SETTINGS:
                raise unknown_setting(name, key)
        given = [key for key in CHECK_ORDER if key in settings]
        out.append(build_status(name, {key: check_setting(name, key, settings[key]) for key in given}))
    return tuple(out)


def check_count(value: object, what: str) -> int:
    """A number of things required (``reviewers: 2``), 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise LifecycleError(f"{what}: {value!r} is not a whole number of 0 or more (expected e.g. 2; "
                             "0 requires none)")
    return value


def check_flag(value: object, what: str) -> bool:
    """Whether something is required (``subtitle: false``)."""
    if not isinstance(value, bool):
        raise LifecycleError(f"{what}: {value!r} is not true or false")
    return value


def check_names(value: object, what: str, allowed: Iterable[str] | None, example: str) -> tuple[str, ...]:
    """A list of parts or kinds required (one is a list of one, ``null`` none): each one of
    ``allowed``, or, without ``allowed``, a slug (a quote kind)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LifecycleError(f"{what}: {value!r} is not a list (expected e.g. {example})")
    if allowed is not None:
        options = list(allowed)
        for v in value:
            if v not in options:
                raise LifecycleError(f"{what}: {v!r} is not one of: {', '.join(options)}"
                                     f"{_unknown(v, options)}")
    else:
        for v in value:
            if not SLUG.match(v):
                raise LifecycleError(f"{what}: {v!r} is not a kind (expected lowercase letters "
                                     "and digits, e.g. partner)")
    return tuple(value)


def check_quotes(value: object, kinds: tuple[str, ...], given: bool) -> tuple[str, ...]:
    """``quotes``, each one of ``kinds``. Left out (``given`` false), the built-in quotes must be
    allowed too: a kind ``quote_kinds`` leaves out is then a problem of ``quote_kinds``, the option
    the user wrote, not of the ``quotes`` they never wrote."""
    if not given:
        default = Requirements().quotes
        missing = [kind for kind in dict.fromkeys(default) if kind not in kinds]
        if missing:
            left_out = " and ".join(repr(kind) for kind in missing)
            kept = [kind for kind in default if kind in kinds] or [kinds[0]]
            raise LifecycleError(
                f"quote_kinds: [{', '.join(kinds)}] leaves out {left_out}, a kind of quote that quotes "
                f"(by default [{', '.join(default)}]) requires from complete on (expected {left_out} in "
                f"quote_kinds too, or quotes set to the kinds you allow, e.g. quotes: [{', '.join(kept)}])")
    return check_names(value, "quotes", kinds, "[leader, customer]")


def check_kinds(value: object) -> tuple[str, ...]:
    """``quote_kinds``: at least one kind."""
    kinds = check_names(value, "quote_kinds", None, "[leader, customer]")
    if not kinds:
        raise LifecycleError("quote_kinds is empty (expected at least one kind, e.g. [leader, customer])")
    return kinds


REQUIREMENT_KEYS = ("subtitle", "dateline", "reviewers", "press_release", "quotes", "quote_kinds",
                    "external_questions", "internal_questions", "customer")
"""What the ``requirements`` option may set."""


def unknown_requirement(key: object) -> LifecycleError:
    """The error for a requirement there is not, with the one it looks like."""
    return LifecycleError(f"unknown requirement {str(key)!r} (expected one of: "
                          f"{', '.join(REQUIREMENT_KEYS)}){_unknown(str(key), REQUIREMENT_KEYS)}")


NOT_REQUIREMENTS = "expected e.g. {external_questions: 3, quotes: [leader, customer]}"


def parse_requirements(value: object) -> Requirements:
    """The ``requirements`` option: what the ``complete`` level and up require; keys left out
    keep their defaults."""
    if value is None:
        return Requirements()
    if not isinstance(value, Mapping):
        raise LifecycleError(f"{value!r} is not a mapping ({NOT_REQUIREMENTS})")
    for key in value:
        if key not in REQUIREMENT_KEYS:
            raise unknown_requirement(key)
    base = Requirements()
    kinds = check_kinds(value.get("quote_kinds", list(base.quote_kinds)))
    quotes = check_quotes(value.get("quotes", list(base.quotes)), kinds, "quotes" in value)
    return Requirements(
        subtitle=check_flag(value.get("subtitle", base.subtitle), "subtitle"),
        dateline=check_flag(value.get("dateline", base.dateline), "dateline"),
        reviewers=check_count(value.get("reviewers", base.reviewers), "reviewers"),
        press_release=check_names(value.get("press_release", list(base.press_release)), "press_release",
                                  PRESS_RELEASE_PARTS, "[summary, problem, solution]"),
        quotes=quotes,
        quote_kinds=kinds,
        external_questions=check_count(value.get("external_questions", base.external_questions),
                                       "external_questions"),
        internal_questions=check_count(value.get("internal_questions", base.internal_questions),
                                       "internal_questions"),
        customer=check_names(value.get("customer", list(base.customer)), "customer", CUSTOMER_PARTS,
                             "[who, problem]"),
    )


def make(statuses: tuple[Status, ...] | None = None, requirements: Requirements | None = None,
         status_from: str = "front_matter") -> Lifecycle:
    """The lifecycle of a site's options (None: the built-in ones)."""
    return Lifecycle(statuses or _DEFAULT_STATUSES, requirements or Requirements(), status_from)


# -- the schema ------------------------------------------------------------------------------

def _when(names: list[str]) -> dict[str, Any]:
    condition = {"const": names[0]} if len(names) == 1 else {"enum": names}
    return {"required": ["status"], "properties": {"status": condition}}


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _complete(req: Requirements) -> dict[str, Any]:
    required: list[str] = []
    props: dict[str, Any] = {}
    if req.subtitle:
        required.append("subtitle")
    if req.dateline:
        required.append("dateline")
    if req.press_release:
        required.append("press_release")
        props["press_release"] = {"required": list(req.press_release)}
    if req.quotes:
        required.append("quotes")
        contains = []
        for kind, n in Counter(req.quotes).items():
            what = f"a quote with kind {kind!r}" if n == 1 else f"{n} quotes with kind {kind!r}"
            rule: dict[str, Any] = {"contains": {"description": what, "required": ["kind"],
                                                 "properties": {"kind": {"const": kind}}}}
            if n > 1:
                rule["minContains"] = n
            contains.append(rule)
        props["quotes"] = {"allOf": contains}
    parts = {p: n for p, n in (("external", req.external_questions), ("internal", req.internal_questions)) if n}
    if parts:
        required.append("faq")
        props["faq"] = {"required": list(parts), "properties": {p: {"minItems": n} for p, n in parts.items()}}
    if req.reviewers:
        required.append("reviewers")
        props["reviewers"] = {"minItems": req.reviewers}
    if req.customer:
        required.append("customer")
        props["customer"] = {"required": list(req.customer)}
    return {"required": required, "properties": props} if props else {"required": required}


def rules(lifecycle: Lifecycle) -> list[dict[str, Any]]:
    """The ``allOf`` status rules: the whole document from ``complete`` up, a decision from
    ``decided`` and ``closed``, the launch date at ``launched``, and each status's own fields."""
    out = []
    full = lifecycle.names_at(FULL_LEVELS)
    then = _complete(lifecycle.requirements)
    if full and then["required"]:
        out.append({"description": f"A proposal {_listed(full)} has the whole document.",
                    "if": _when(full), "then": then})
    decided = lifecycle.names_at(DECISION_LEVELS)
    if decided:
        out.append({"description": "A decided proposal records its decision.",
                    "if": _when(decided), "then": {"required": ["decision"]}})
    launched = lifecycle.names_at(["launched"])
    if launched:
        out.append({"description": "A launched proposal records its launch date.",
                    "if": _when(launched), "then": {"required": ["launched"]}})
    for s in lifecycle.statuses:
        if s.requires:
            what = ("A superseded proposal names its successor." if s.requires == ("superseded_by",)
                    else f"A proposal {s.name} has {', '.join(s.requires)}.")
            out.append({"description": what, "if": _when([s.name]), "then": {"required": list(s.requires)}})
    return out


@functools.lru_cache(maxsize=16)
def _schema(lifecycle: Lifecycle) -> dict[str, Any]:
    from .schema import bundled_schema

    schema = bundled_schema()
    if lifecycle.is_default:
        return schema  # the file as shipped, descriptions included
    names = list(lifecycle.names)
    listed = ", ".join(f"{s.name} ({LEVEL_HELP[s.level]})" for s in lifecycle.statuses)
    schema["$defs"]["status"] = {"description": "A lifecycle status of this site.", "enum": names}
    schema["properties"]["status"]["description"] = f"Where the proposal is in this site's lifecycle: {listed}."
    kinds = list(lifecycle.requirements.quote_kinds)
    kind = schema["$defs"]["quote"]["properties"]["kind"]
    if kinds != kind["enum"]:
        kind["enum"] = kinds
        kind["description"] = f"The quote's kind: {', '.join(kinds)}."
    full = lifecycle.names_at(FULL_LEVELS)
    who = f"status {_listed(full)}" if full else "no status"
    req = lifecycle.requirements
    schema["properties"]["reviewers"]["description"] = (
        f"Who reviews the document. At least {req.reviewers} for {who}." if req.reviewers
        else "Who reviews the document.")
    schema["properties"]["quotes"]["description"] = (
        f"Quotes in the press release; for {who}: {', '.join(req.quotes)}." if req.quotes
        else "Quotes in the press release.")
    schema["allOf"] = rules(lifecycle)
    return schema
