"""A PR/FAQ page's metadata as the engine and its theme see it (``page.meta``)."""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Mapping, MutableMapping
from typing import Any

from ..contract.lifecycle import INVALID
from ..contract.model import Proposal
from ..contract.validate import theme_value_fits

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
                            if k not in THEME_KEYS and known(k) and (keys is None or k in keys)
                            and theme_value_fits(k, v)}  # `hide: 5` is a problem, and no traceback
    meta["title"] = html.escape(proposal.title)
    meta["tags"] = [html.escape(t) for t in proposal.tags]
    meta["status"] = proposal.status if listed else INVALID
    # The press-release subheading is not a page subtitle: Material would print it in the nav.
    meta.pop("subtitle", None)
    return meta


def folder_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """``page.meta`` for a page under the folder that is not a PR/FAQ (its ``index.md``, a page the
    plugin's ``exclude`` names): as hostile as a PR/FAQ, so no theme key (:data:`THEME_KEYS`:
    Material's ``redirect.html`` prints ``location`` into a script) and every string escaped."""
    return {k: escaped(v) for k, v in meta.items() if k not in THEME_KEYS and theme_value_fits(k, v)}


def escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def settle(meta: MutableMapping[str, Any], own: Mapping[str, Any], known: Callable[[str], bool] | None = None) -> None:
    """``meta`` (a page's metadata, in place) as the plugin set it (``own``, a copy of it) after
    another plugin merged into it: Material's ``meta`` plugin gives every page under a folder the
    keys of that folder's ``.meta.yml`` (``description``, ``template: redirect.html`` with its
    ``location``), a file as hostile as the pages beside it. A key the plugin set keeps the value it
    set; a key added since is dropped when it is one of :data:`THEME_KEYS` or (a PR/FAQ page,
    ``known`` given) not ``known``, else HTML-escaped as the plugin's own are. The meta plugin's
    own bookkeeping (``__extends``) is left as it is."""
    for key in list(meta):
        if key in own:
            if meta[key] != own[key]:
                meta[key] = own[key]
        elif key.startswith("__"):
            continue
        elif key in THEME_KEYS or (known is not None and not known(key)):
            del meta[key]
        else:
            meta[key] = escaped(meta[key])
    for key, value in own.items():
        meta.setdefault(key, value)
