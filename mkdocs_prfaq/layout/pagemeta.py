"""A PR/FAQ page's metadata as the engine and its theme see it (``page.meta``)."""

from __future__ import annotations

import html
from collections.abc import Callable, Collection
from typing import Any

from ..contract.lifecycle import INVALID
from ..contract.model import Proposal

THEME_KEYS = ("template", "location", "icon", "social")
"""Page metadata that changes how a theme renders the page itself: Material's ``redirect.html``
template prints ``location`` into a script, ``icon`` and ``social`` name files the theme loads
(a missing one stops the build). The plugin owns a PR/FAQ page's layout."""


def page_meta(proposal: Proposal, *, listed: bool = True, known: Callable[[str], bool] = lambda _: True,
              keys: Collection[str] | None = None) -> dict[str, Any]:
    """``page.meta`` for a PR/FAQ page: only the ``known`` fields (a switch another plugin reads,
    such as mkdocs-macros' ``render_macros``, is not one), and with ``keys`` only those. Themes
    print metadata unescaped (Material's description, author and title, MkDocs' title), so every
    string in it is HTML-escaped. A page that is not ``listed`` under its status (it has problems)
    has the status ``invalid`` (Material's navigation shows it so)."""
    meta: dict[str, Any] = {k: escaped(v) for k, v in proposal.data.items()
                            if k not in THEME_KEYS and known(k) and (keys is None or k in keys)}
    meta["title"] = html.escape(proposal.title)
    meta["tags"] = [html.escape(t) for t in proposal.tags]
    meta["status"] = proposal.status if listed else INVALID
    # The press-release subheading is not a page subtitle: Material would print it in the nav.
    meta.pop("subtitle", None)
    return meta


def escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value
