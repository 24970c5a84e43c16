"""Lay out a PR/FAQ page from its model and its rendered Markdown fields, with Jinja templates.

Templates live in ``mkdocs_prfaq/templates/prfaq/`` and are looked up in the theme's folders
first, so ``<custom_dir>/prfaq/faq.html`` overrides the FAQ. Everything from front matter is
escaped by Jinja's autoescape; only the HTML that Markdown rendered (already sanitised) is
marked safe.
"""

from __future__ import annotations

import datetime
import html
import os
import re
import traceback
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..contract.labels import status_key
from ..contract.lifecycle import DEFAULT, INVALID, Lifecycle
from ..contract.limits import Words
from ..contract.model import Proposal, as_text
from ..contract.vocabulary import MONTHS
from .fields import CUSTOMER_PARTS, PRESS_RELEASE_PARTS
from .sanitize import safe_id

TEMPLATES = Path(__file__).parent.parent / "templates"
PAGE_TEMPLATE = "prfaq/page.html"

_MONTHS = MONTHS


def long_date(iso: str) -> str:
    """``2027-04-27`` -> ``April 27, 2027`` (press-release style), ``2027-04`` -> ``April 2027``;
    anything else as it is."""
    if isinstance(iso, str) and len(iso) == 7 and iso[4] == "-" and iso[:4].isdigit() and iso[5:].isdigit() \
            and 1 <= int(iso[5:]) <= 12:
        return f"{_MONTHS[int(iso[5:]) - 1]} {iso[:4]}"
    try:
        d = datetime.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


_NOT_WORD = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """A URL fragment for a heading, like Python-Markdown's toc: ``How much?`` -> ``how-much``."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _DASHES.sub("-", _NOT_WORD.sub("", text).strip()) or "section"


_BETWEEN_TAGS = re.compile(r"(?<=[>}])[ \t]*\n\s*(?=[<{])")


_INCLUDE = re.compile(r'\{%-?\s*include\s+"(prfaq/[\w.-]+\.html)"\s*-?%\}')


class _CompactLoader(jinja2.FileSystemLoader):
    """Drops the line breaks between tags in the bundled templates' source: the HTML stays the
    same to a reader, and carries no whitespace-only text nodes for search indexers to walk
    through. A site's own template (``custom_dir``) is read as written, so that the line a
    problem names in it is the line in its file.

    A bundled template's ``{% include %}`` of another bundled template is replaced by that
    template's source (an include costs a lookup and a new context, on every page). Includes of a
    template the site overrides stay includes, so an override behaves, and reports errors, as
    Jinja's own include would."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if _bundled(filename):
            source = _INCLUDE.sub(lambda m: self._inline(environment, m), source)
            return _BETWEEN_TAGS.sub("", source), filename, uptodate
        return source, filename, uptodate  # a site's own keeps its lines, so a problem names the right one

    def _inline(self, environment: jinja2.Environment, include: re.Match[str]) -> str:
        source, filename, _ = self.get_source(environment, include.group(1))
        return source if _bundled(filename) else include.group(0)


def _bundled(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(TEMPLATES.resolve())


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's own per-user cache of compiled templates in the temp dir (compiling the page
    template takes longer than laying out a hundred pages). Keyed by each template's source, so
    an edited override is compiled afresh; without a safe temp dir, no cache."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern="mkdocs-prfaq-%s.cache")
    except (OSError, RuntimeError):  # pragma: no cover - no usable temp dir
        return None


def make_environment(theme_dirs: Sequence[str] = ()) -> jinja2.Environment:
    """One environment per build (``mkdocs serve`` makes a new one for each rebuild), so the
    templates are not checked for changes on every page."""
    loader = _CompactLoader([*theme_dirs, str(TEMPLATES)])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.ChainableUndefined, auto_reload=False,
                             bytecode_cache=_bytecode_cache())
    env.filters["long_date"] = long_date
    env.globals["days_text"] = days_text
    return env


def theme_shows_tags(plugins: Mapping[str, Any]) -> bool:
    """Whether Material's ``tags`` plugin shows each page's tags above it (from ``page.meta``,
    which a PR/FAQ's tags are in): then the page's header leaves them out, not to show them twice."""
    tags = plugins.get("material/tags") or plugins.get("tags")
    if tags is None or type(tags).__module__.split(".")[0] != "material":
        return False
    options = getattr(tags, "config", None)
    return bool(getattr(options, "enabled", True) and getattr(options, "tags", True))


@dataclass
class Link:
    title: str
    url: str


@dataclass
class Question:
    id: str
    question: str
    answer: Markup


@dataclass
class Quote:
    kind: str
    name: str
    role: str
    text: Markup


@dataclass
class TimelineStep:
    """A step of the page's status history, as its timeline shows it."""

    status: str
    label: str
    date: str
    days: int
    commit: str | None
    author: str
    created: bool
    partial: bool
    pending: bool
    current: bool
    decision: bool
    """The decision (``decision`` in front matter) was made at this step: the current one of a decided status."""


def timeline(p: Proposal, labels: dict[str, str], decided: bool) -> list[TimelineStep]:
    """``p.history`` (:mod:`..index.history`) as the page's timeline; empty without one."""
    if p.history is None:
        return []
    steps = p.history.steps
    return [TimelineStep(s.status, labels.get(status_key(s.status), s.status), s.date, s.days, s.commit, s.author,
                         s.created, s.partial, s.pending, i == len(steps) - 1,
                         decided and i == len(steps) - 1 and s.status == p.status)
            for i, s in enumerate(steps)]


def days_text(labels: dict[str, str], days: int | None, partial: bool = False) -> str:
    """``41 days``, ``1 day``, ``at least 41 days`` (a shallow clone's oldest commit)."""
    if days is None:
        return ""
    key = "days_at_least" if partial else "day" if days == 1 else "days"
    return labels.get(key, "{count} days").format(count=days)


@dataclass
class PageView:
    """What the templates see: plain text (escaped by Jinja) and rendered Markdown (Markup)."""

    p: Proposal
    labels: dict[str, str]
    status: str
    """The proposal's status, or ``invalid`` when the page has problems (whatever it claims)."""
    status_label: str
    title_id: str
    fields: dict[str, Markup]
    external: list[Question]
    internal: list[Question]
    leader_quotes: list[Quote]
    customer_quotes: list[Quote]
    related: list[Link]
    superseded_by: Link | None
    index_url: str | None
    status_url: str | None
    words: Words
    permalink: str | None
    body: Markup
    pr: dict[str, Markup] = field(default_factory=dict)
    """Rendered press-release parts by name: summary, problem, solution, getting_started, closing."""
    customer: dict[str, Markup] = field(default_factory=dict)
    """Rendered answers to the five customer questions, in order, only those answered."""
    decision_summary: Markup = field(default_factory=Markup)
    problems: list[str] = field(default_factory=list)
    """The page's problems, one line each as the build log prints them (plain text)."""
    superseded: bool = False
    """The status names a successor (``superseded``): the page says by what."""
    decision_kind: str = ""
    """The admonition a decision shows in (``success``, ``warning``, ``failure``), '' for none."""
    timeline: list[TimelineStep] = field(default_factory=list)
    """The status history from git, oldest first (history.html); empty without one."""

    @property
    def invalid(self) -> bool:
        return self.status == INVALID


def _inline(rendered: Markup | None) -> Markup | None:
    """A question's rendered Markdown as inline HTML: the inside of its one paragraph (None when
    it rendered as anything else, a heading or a list: then it shows as the text written)."""
    if rendered is None:
        return None
    inner = str(rendered).strip()
    if not (inner.startswith("<p>") and inner.endswith("</p>")) or "<p" in inner[3:]:
        return None
    return Markup(inner[3:-4])  # noqa: S704 - rendered and sanitised Markdown


def faq_questions(p: Proposal, part: str, fields: dict[str, Markup], taken: set[str],
                  suffixes: dict[str, int] | None = None) -> list[Question]:
    suffixes = {} if suffixes is None else suffixes
    out = []
    for i, qa in enumerate(p.faq(part)):
        question: str = as_text(qa.get("question"))
        shown = _inline(fields.get(f"faq.{part}.{i}.question"))
        if shown is not None:  # rendered and sanitised Markdown: the slug is of its text
            question, text = shown, html.unescape(_TAGS.sub("", shown))
        else:
            text = question
        explicit = as_text(qa.get("id"))
        anchor = base = safe_id(explicit) if explicit else slugify(text)
        n = suffixes.get(base, 2)
        while anchor in taken:  # each base resumes at its last suffix: linear in identical questions
            anchor, n = f"{base}-{n}", n + 1
        suffixes[base] = n
        taken.add(anchor)
        out.append(Question(anchor, question, fields.get(f"faq.{part}.{i}.answer", Markup(""))))
    return out


def build_view(
    p: Proposal,
    *,
    labels: dict[str, str],
    fields_html: dict[str, str],
    body_html: str,
    links: dict[str, Link],
    words: Words,
    permalink: str | None = None,
    index_url: str | None = None,
    status_url: str | None = None,
    lifecycle: Lifecycle = DEFAULT,
    problems: Sequence[object] = (),
) -> PageView:
    """What the page template sees. A page with ``problems`` (or a status that is not one of
    the ``lifecycle``'s) shows as invalid: an 'Invalid' badge, not a status, and no decision."""
    fields = {k: Markup(v) for k, v in fields_html.items()}  # noqa: S704 - rendered, sanitised Markdown
    quotes = [
        Quote(str(q.get("kind", "")), as_text(q.get("name")), as_text(q.get("role")),
              fields.get(f"quotes.{i}.text", Markup("")))
        for i, q in enumerate(p.quotes)
    ]
    title_id = slugify(p.title)
    status = lifecycle.get(p.status)
    invalid = status is None or bool(problems) or not p.valid
    taken = {title_id, "press-release", "faq", "external-faq", "internal-faq", "customer", "appendix"}
    suffixes: dict[str, int] = {}
    return PageView(
        p=p,
        labels=labels,
        status=INVALID if invalid else p.status,
        status_label=labels["invalid"] if invalid else labels.get(status_key(p.status), p.status),
        title_id=title_id,
        fields=fields,
        external=faq_questions(p, "external", fields, taken, suffixes),
        internal=faq_questions(p, "internal", fields, taken, suffixes),
        leader_quotes=[q for q in quotes if q.kind == "leader"],
        customer_quotes=[q for q in quotes if q.kind != "leader"],
        related=[links[r] for r in p.related if r in links],
        superseded_by=links.get(p.superseded_by) if p.superseded_by else None,
        index_url=index_url,
        status_url=status_url,
        words=words,
        permalink=permalink,
        body=Markup(body_html),  # noqa: S704 - the page body MkDocs rendered
        pr={k: fields[f"press_release.{k}"] for k in ("preface", *PRESS_RELEASE_PARTS)
            if f"press_release.{k}" in fields},
        customer={k: fields[f"customer.{k}"] for k in CUSTOMER_PARTS if f"customer.{k}" in fields},
        decision_summary=fields.get("decision.summary", Markup("")),
        problems=[str(e) for e in problems],
        superseded=status is not None and not invalid and status.superseded,
        decision_kind=status.decision_kind if status is not None and not invalid and status.decided else "",
        timeline=timeline(p, labels, status is not None and not invalid and status.decided and bool(p.decision)),
    )


TEMPLATE_NAMES = ("page", "problems", "header", "history", "press_release", "quote", "faq", "customer", "index",
                  "listing", "roadmap")


def _shown(filename: str) -> str:
    try:
        return os.path.relpath(filename) if os.path.isabs(filename) else filename
    except ValueError:  # pragma: no cover - another drive on Windows
        return filename


def _override_line(error: jinja2.TemplateError) -> tuple[str, int] | None:
    """Where in a site's own template (from ``custom_dir``) rendering failed: the innermost frame
    of the traceback Jinja gives its templates' code (their file, their line)."""
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        name = frame.filename
        if name.endswith(".html") and frame.lineno and os.path.isfile(name) and not _bundled(name):
            found = (_shown(name), frame.lineno)
    return found


def template_problem(error: jinja2.TemplateError) -> str:
    """One line for a template that does not compile or render: ``file:line: template: what``."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = _shown(error.filename or error.name or "template")
        return f"{where}:{error.lineno}: template: {error.message} (expected a valid Jinja template)"
    message = error.message or type(error).__name__
    override = _override_line(error)
    if override is not None:
        return f"{override[0]}:{override[1]}: template: {message} (expected a template that renders this page)"
    return f"template: {message}"


def check_templates(env: jinja2.Environment, used: Sequence[str]) -> list[str]:
    """Compile the templates a build renders (``used``: ``page``, ``index``, ``roadmap``) and
    every template the site overrides, once, up front: a problem per broken one. The bundled
    parts are compiled inside the page or index that inlines them."""
    assert env.loader is not None
    problems = []
    for name in TEMPLATE_NAMES:
        template = f"prfaq/{name}.html"
        try:
            if name not in used and _bundled(env.loader.get_source(env, template)[1] or ""):
                continue
            env.get_template(template)
        except jinja2.TemplateError as e:
            problems.append(template_problem(e))
    return problems


def render_page(env: jinja2.Environment, view: PageView, template: str = PAGE_TEMPLATE) -> str:
    return env.get_template(template).render(view=view, p=view.p, labels=view.labels)


_HEADING = re.compile(r"<h([1-6])[^>]*? id=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.DOTALL)
_HEADERLINK = re.compile(r"<a\b[^>]*class=\"headerlink\"[^>]*>.*?</a>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Heading:
    level: int
    id: str
    title: str  # HTML-escaped text, as MkDocs' table of contents expects


def headings(rendered: str) -> list[Heading]:
    """The headings (with ids) of rendered, sanitised HTML, in order, for the page's table of
    contents. Themes print a TOC item's title and URL unescaped: the id is taken as it stands
    (ids are made of slug characters where they are made) and the title is the heading's text,
    escaped again, so neither can carry markup."""
    found = []
    for m in _HEADING.finditer(rendered):
        inner = html.unescape(_TAGS.sub("", _HEADERLINK.sub("", m.group(3)))).strip()
        found.append(Heading(int(m.group(1)), safe_id(m.group(2)), html.escape(inner)))
    return found


_ID = re.compile(r' id="([^"]*)"')  # as nh3, Markdown and the templates write attributes: a literal to search for


def element_ids(rendered: str) -> set[str]:
    """Every element id in rendered HTML."""
    return set(_ID.findall(rendered))


def separate_ids(body_html: str, taken: set[str]) -> tuple[str, dict[str, str]]:
    """``body_html`` with every id that the layout already uses renamed (``faq`` -> ``faq-2``),
    and the links to it within the body, so no id is on a page twice (a body's own ``## FAQ``
    beside the layout's FAQ): ``(html, {old: new})``."""
    clashes = element_ids(body_html) & taken
    if not clashes:
        return body_html, {}
    used = taken | element_ids(body_html)
    renamed = {}
    for old in sorted(clashes):
        n = 2
        while f"{old}-{n}" in used:
            n += 1
        renamed[old] = new = f"{old}-{n}"
        used.add(new)
    pattern = re.compile(r'\b(id="|href="#)(' + "|".join(re.escape(old) for old in renamed) + r')"')
    return pattern.sub(lambda m: f'{m.group(1)}{renamed[m.group(2)]}"', body_html), renamed
