"""A PR/FAQ page put together from its rendered pieces: engine-neutral, shared by the MkDocs
plugin and the Python-Markdown extension (Zensical).

Markdown renders the page's body and every field in one pass (:mod:`.fields`); the pieces are
sanitised one by one, then the page template lays them out and the body goes in its place,
with any id the layout already uses renamed in the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from .render import Heading, PageView, element_ids, headings, render_page, separate_ids

BODY = "<!--prfaq:body-->"
"""Where the page template puts the body (``view.body``) before it is filled in."""


@dataclass
class Composed:
    html: str
    """The whole page's content."""
    before: list[Heading]
    """The layout's headings above the body (title, press release, FAQ questions...)."""
    body_html: str
    """The body as it stands on the page (ids renamed)."""
    renamed: dict[str, str]
    """Ids of the body renamed because the layout uses them: ``{old: new}``."""


def compose(env: jinja2.Environment, view: PageView) -> Composed:
    """Render ``view`` (whose ``body`` is :data:`BODY` when the page has a body: the body's HTML is
    passed as ``body_html`` to :func:`fill`)."""
    layout = render_page(env, view)
    if view.problems and "prfaq-problems" not in layout:  # an override of page.html left them out
        layout = render_page(env, view, "prfaq/problems.html") + layout
    return Composed(layout, headings(layout.partition(BODY)[0]), "", {})


def fill(composed: Composed, body_html: str) -> Composed:
    """The layout with the body in its place, its clashing ids renamed."""
    before, _, _ = composed.html.partition(BODY)
    body_html, renamed = separate_ids(body_html, element_ids(before))
    return Composed(composed.html.replace(BODY, body_html, 1), composed.before, body_html, renamed)


def heading_ids(composed: Composed) -> Sequence[str]:
    """Every heading id the page shows (for link validation)."""
    return [*(h.id for h in composed.before), *composed.renamed.values()]
