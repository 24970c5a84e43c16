"""The proposals index: proposals grouped by status, a roadmap by launch quarter, and the
machine-readable export. Pure functions over the model; URLs are given by the caller."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from ..contract.labels import status_key
from ..contract.lifecycle import DEFAULT, INVALID, LEVELS, Lifecycle
from ..contract.model import Proposal, as_texts
from ..contract.placeholders import is_placeholder
from ..contract.problems import Problem
from ..layout.navstyle import css_string
from ..layout.sanitize import safe_id
from .history import History

EXPORT_VERSION = 1
INDEX_MARKER = "<!-- prfaq:index -->"


@dataclass
class Row:
    """One proposal as the index lists it, with its URL relative to the listing page."""

    p: Proposal
    url: str
    status_label: str = ""
    """The label of the proposal's status (of the status it claims, for an invalid one)."""
    invalid: bool = False

    @property
    def history(self) -> History | None:
        """Its status history from git (days in its status, stale), None without one."""
        return self.p.history

    @property
    def explicit_id(self) -> str | None:
        """The id, when the URL does not already end with it (the index's filter reads it)."""
        stem = self.url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
        return None if stem == self.p.id else self.p.id


@dataclass
class Group:
    status: str
    label: str
    rows: list[Row]
    closed: bool
    """Statuses that are not ``open`` (rejected, withdrawn, superseded) are listed collapsed."""
    level: str = ""
    """The status's requirement level (``thin`` ... ``closed``; '' for the invalid proposals): the
    group's icon, and what its launch dates are (a target, a plan, the day it launched)."""
    launch_label: str = ""
    """The heading of the group's launch dates: a target before a decision, the launch once launched."""


def newest_first(proposals: Iterable[Proposal]) -> list[Proposal]:
    """By ``updated`` (else ``created``), newest first; ties by title, then id, for a stable order."""
    ordered = sorted(proposals, key=lambda p: (p.title.lower(), p.id))
    return sorted(ordered, key=lambda p: p.sort_date, reverse=True)


def label_of(labels: Mapping[str, str], status: str) -> str:
    """A status's label; ``invalid`` is the label of pages with problems."""
    return labels["invalid"] if status == INVALID else labels.get(status_key(status), status)


def is_listed(p: Proposal, lifecycle: Lifecycle) -> bool:
    """Listed under its status: valid, with one of the site's statuses. Every other proposal is
    listed as invalid, never under a status it does not validly have."""
    return p.valid and lifecycle.get(p.status) is not None


def counts(proposals: Iterable[Proposal], lifecycle: Lifecycle = DEFAULT) -> dict[str, int]:
    """Proposals per status: ``invalid`` first, then every status in lifecycle order."""
    found = dict.fromkeys((INVALID, *lifecycle.names), 0)
    for p in proposals:
        found[p.status if is_listed(p, lifecycle) else INVALID] += 1
    return found


def by_status(proposals: Iterable[Proposal], lifecycle: Lifecycle = DEFAULT) -> dict[str, list[Proposal]]:
    """The index's order: the invalid proposals, then every status in lifecycle order, each
    newest first (empty ones too)."""
    found: dict[str, list[Proposal]] = {s: [] for s in (INVALID, *lifecycle.names)}
    for p in proposals:
        found[p.status if is_listed(p, lifecycle) else INVALID].append(p)
    return {s: newest_first(ps) for s, ps in found.items()}


def groups(proposals: Iterable[Proposal], labels: Mapping[str, str], url: Callable[[Proposal], str],
           lifecycle: Lifecycle = DEFAULT) -> list[Group]:
    """Non-empty status groups, invalid proposals first, then in lifecycle order, each newest first."""
    out = []
    for s, ps in by_status(proposals, lifecycle).items():
        if not ps:
            continue
        status = lifecycle.get(s)
        rows = [Row(p, url(p), label_of(labels, p.status) if lifecycle.get(p.status) else "", True) for p in ps] \
            if s == INVALID else [Row(p, url(p), label_of(labels, s)) for p in ps]
        level = status.level if status is not None else ""
        out.append(Group(s, label_of(labels, s), rows, status is not None and not status.open, level,
                         launch_heading(labels, level)))
    return out


def launch_heading(labels: Mapping[str, str], level: str) -> str:
    """What a group's launch dates are: the day it launched, the planned launch of a decided
    proposal, else the launch its press release imagines (a target)."""
    if level == "launched":
        return labels["launched"]
    if level == "decided" or not level:
        return labels["launch_date"]
    return labels["target_launch"]


def shown_launch(p: Proposal) -> str:
    """The launch date a listing shows: the day it launched, else the dateline's (the imagined launch)."""
    return p.launched or launch_date(p)


def column_css(labels: Mapping[str, str]) -> str:
    """CSS for ``statuses.css``: the listing's column names as custom properties (``--prfaq-l-owner:
    "Owner"``), for a narrow screen, where each row is a card that names its fields (prfaq.css),
    and each group's name of its launch dates (by the level its summary carries). Each name is a
    CSS string of escapes (:func:`~mkdocs_prfaq.layout.navstyle.css_string`): no label ends it."""
    names = {"owner": labels["owner"], "created": labels["created"], "updated": labels["updated"],
             "launch": launch_heading(labels, "thin"), "in-status": labels.get("in_status", "In status")}
    lines = [".prfaq-groups { " + " ".join(f"--prfaq-l-{k}: {css_string(v)};" for k, v in names.items()) + " }"]
    for level in ("", *LEVELS):
        launch = launch_heading(labels, level)
        if launch != names["launch"]:
            group = f".prfaq-level--{level or 'invalid'} ~ .prfaq-table-wrap"
            lines.append(f"{group} {{ --prfaq-l-launch: {css_string(launch)}; }}")
    return "\n".join(lines) + "\n"


def launch_date(p: Proposal) -> str:
    """The dateline date (the imagined launch), else the actual launch date, else ''. A dateline
    whose place is still a placeholder (``**TBD, June 1, 2027**``, as ``mkdocs-prfaq new`` writes
    it) is the template's, not a plan: its date is no target on the index or the roadmap."""
    dateline = p.dateline
    if dateline.get("location") and is_placeholder(dateline["location"]):
        return p.launched
    return dateline.get("date", "") or p.launched


def quarter(iso: str) -> str:
    """``2027-04-27`` (or the month ``2027-04``) -> ``2027 Q2``."""
    try:
        d = datetime.date.fromisoformat(iso + "-01" if len(iso) == 7 else iso)
    except ValueError:
        return ""
    return f"{d.year} Q{(d.month - 1) // 3 + 1}"


@dataclass
class Quarter:
    id: str
    label: str
    rows: list[Row]


def roadmap(proposals: Iterable[Proposal], url: Callable[[Proposal], str], undated: str = "No date",
            lifecycle: Lifecycle = DEFAULT) -> list[Quarter]:
    """Valid proposals decided on or launched (levels ``decided`` and ``launched``: approved and
    launched by default) on a timeline by their launch date, grouped by quarter."""
    chosen = [p for p in proposals if p.status in lifecycle.roadmap and p.valid]
    chosen.sort(key=lambda p: (launch_date(p) or "9999", p.title.lower(), p.id))
    quarters: dict[str, list[Row]] = {}
    for p in chosen:
        quarters.setdefault(quarter(launch_date(p)) or undated, []).append(Row(p, url(p)))
    return [Quarter(safe_id("q-" + label.lower().replace(" ", "-")), label, rows) for label, rows in quarters.items()]


def export_item(p: Proposal, url: str, lifecycle: Lifecycle = DEFAULT,
                problems: Iterable[Problem] = ()) -> dict[str, Any]:
    """One proposal as ``proposals.json`` lists it."""
    decision = p.decision
    return {
        "id": p.id,
        "title": p.title,
        "subtitle": p.subtitle or None,
        "status": p.status if lifecycle.get(p.status) is not None else None,
        "valid": p.valid,
        "problems": [{"line": e.line, "field": e.field, "message": e.message} for e in problems],
        "owner": p.owner,
        "authors": p.authors,
        "reviewers": p.reviewers,
        "created": p.created or None,
        "updated": p.updated or None,
        "tags": p.tags,
        "dateline_date": p.dateline.get("date") or None,
        "launched": p.launched or None,
        "decision": {
            "date": decision.get("date") if isinstance(decision.get("date"), str) else None,
            "by": as_texts(decision.get("by")),
            "summary": decision.get("summary") if isinstance(decision.get("summary"), str) else None,
        } if decision else None,
        "superseded_by": p.superseded_by or None,
        "related": p.related,
        "url": url,
        "history": p.history.export() if p.history is not None else None,
    }


def export_head(lifecycle: Lifecycle = DEFAULT, labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``proposals.json`` without its proposals: the version and the site's statuses in order."""
    statuses = [{"name": s.name, "label": label_of(labels, s.name) if labels else s.label, "level": s.level,
                 "open": s.open, "colour": s.colour} for s in lifecycle.statuses]
    return {"version": EXPORT_VERSION, "count": 0, "statuses": statuses, "proposals": []}


def by_id(proposals: Iterable[Proposal]) -> list[Proposal]:
    """The export's order."""
    return sorted(proposals, key=lambda p: p.id)


def export(proposals: Iterable[Proposal], url: Callable[[Proposal], str], lifecycle: Lifecycle = DEFAULT,
           labels: Mapping[str, str] | None = None,
           problems: Callable[[Proposal], list[Problem]] = lambda p: []) -> dict[str, Any]:
    """The machine-readable index (``proposals.json``), ordered by id, with the site's statuses
    in order. A proposal with problems has ``valid: false`` and its ``problems``; its ``status``
    is null unless it is one of the site's."""
    items = [export_item(p, url(p), lifecycle, problems(p)) for p in by_id(proposals)]
    return export_head(lifecycle, labels) | {"count": len(items), "proposals": items}


def export_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def item_json(item: dict[str, Any]) -> str:
    """One item of ``proposals.json`` as :func:`export_json` writes it inside the list, for
    :func:`join_export`."""
    return json.dumps(item, ensure_ascii=False, indent=1, sort_keys=False).replace("\n", "\n  ")


def join_export(head: dict[str, Any], items: list[str]) -> str:
    """``export_json(head | {"count": ..., "proposals": [...]})`` from each item's
    :func:`item_json` (JSON strings hold no line break, so an item is indented by its lines)."""
    text = export_json(head | {"count": len(items), "proposals": []})
    tail = '"proposals": []\n}\n'
    assert text.endswith(tail)
    if not items:
        return text
    return text[:-len(tail)] + '"proposals": [\n  ' + ",\n  ".join(items) + "\n ]\n}\n"


def chart(totals: Mapping[str, int], labels: Mapping[str, str], width: int = 600) -> list[dict[str, Any]]:
    """Bars for the summary chart: one per status with proposals, widths proportional to counts."""
    biggest = max(totals.values(), default=0) or 1
    return [
        {"status": s, "label": label_of(labels, s), "count": n, "width": max(2, round(n / biggest * width))}
        for s, n in totals.items()
        if n
    ]


def render_listing(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)


def render_row(row: Row, macro: Callable[[Row], Any]) -> Any:
    """A row as the listing's template renders it (its ``row`` or ``item`` macro)."""
    return macro(row)


def render_rows(rows: list[Row], macro: Callable[..., Any], *args: Any) -> Any:
    """Rows as the listing's template renders them together (its ``chunk`` or ``items`` macro)."""
    return macro(rows, *args)


RowHtml = Callable[[Row, Callable[[Row], Any]], Any]
"""What the listing templates call for each row: ``row_html(r, row)`` (:func:`render_row`, or a
cache of the rows' HTML under ``mkdocs serve --dirty``)."""
RowsHtml = Callable[..., Any]
"""What they call for a chunk of rows: ``rows_html(rows, chunk, *args)`` (:func:`render_rows`)."""


def listing_html(env: jinja2.Environment, kind: str, proposals: list[Proposal], labels: Mapping[str, str],
                 url: Callable[[Proposal], str], lifecycle: Lifecycle = DEFAULT, row_html: RowHtml = render_row,
                 rows_html: RowsHtml = render_rows, feed: str | None = None) -> str:
    """The HTML of a listing page: ``index`` (with the chart and a link to the ``feed`` of status
    changes, when there is one), ``status`` or ``roadmap``."""
    context: dict[str, Any] = {"labels": labels, "launch": launch_date, "status_label": lambda s: label_of(labels, s),
                               "row_html": row_html, "rows_html": rows_html, "shown_launch": shown_launch,
                               "history": any(p.history is not None for p in proposals)}
    if kind == "roadmap":
        return render_listing(env, "prfaq/roadmap.html",
                              quarters=roadmap(proposals, url, labels["no_date"], lifecycle), **context)
    totals = counts(proposals, lifecycle)
    return render_listing(
        env, "prfaq/index.html",
        groups=groups(proposals, labels, url, lifecycle),
        bars=chart(totals, labels) if kind == "index" else [],
        feed=feed if kind == "index" else None,
        statuses=[(s, label_of(labels, s), n) for s, n in totals.items() if n],
        owners=sorted({p.owner for p in proposals if p.owner}, key=str.lower),
        tags=sorted({t for p in proposals for t in p.tags}, key=str.lower),
        **context,
    )
