"""How the site's statuses look: each badge's text colour chosen for contrast (WCAG), the
``statuses.css`` stylesheet (badges, the index's groups, chips and chart bars, Material's
navigation dots, light and dark) and the ``(name, label, colour, dark colour)`` rows the
navigation stylesheet and the templates use. The statuses themselves, their colours included,
are the lifecycle's (:mod:`mkdocs_prfaq.contract.lifecycle`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..contract.labels import DEFAULT_LABELS, status_key
from ..contract.lifecycle import INVALID, Lifecycle

INVALID_COLOURS = ("#a4001d", "#ffb4ab")
"""The invalid badge's background, light and dark (prfaq.css has them too)."""


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    def channel(i: int) -> float:
        c = int(colour[i:i + 2], 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: str) -> str:
    """White or black, whichever reads better on ``background`` (at least 4.58:1, WCAG AA)."""
    return "#ffffff" if contrast("#ffffff", background) >= contrast("#000000", background) else "#000000"


def styles(lifecycle: Lifecycle, labels: Mapping[str, str] | None = None, *,
           invalid: bool = True) -> list[tuple[str, str, str, str]]:
    """``(name, label, colour, dark colour)`` of each status, in order, then (``invalid``) of
    :data:`~mkdocs_prfaq.contract.lifecycle.INVALID`, how a page with problems shows: for
    stylesheets and Material's navigation. Labels are plain text (escape them where they go into
    HTML); names are slugs and colours ``#rrggbb``, safe in CSS as they are."""
    labels = labels or {}
    out = [(s.name, labels.get(status_key(s.name), s.label), s.colour, s.dark_colour) for s in lifecycle.statuses]
    if invalid:
        out.append((INVALID, labels.get(INVALID, DEFAULT_LABELS[INVALID]), *INVALID_COLOURS))
    return out


_DARK = ('[data-md-color-scheme="slate"] {sel}', '[data-bs-theme="dark"] {sel}')
_DOT = ("url('data:image/svg+xml;charset=utf-8,<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
        "<circle cx=\"12\" cy=\"12\" r=\"6\"/></svg>')")


def stylesheet(lifecycle: Lifecycle) -> str:
    """``assets/prfaq/statuses.css``: each status's badge (text colour chosen for contrast), the
    index's group and filter chip, chart bar and Material navigation dot, light and dark. Names
    are slugs and colours hex colours (both validated), so nothing else can reach the CSS."""
    lines = ["/* mkdocs-prfaq: the site's statuses, generated from its lifecycle (the `statuses` option). */"]
    for s in lifecycle.statuses:
        badge = f".prfaq-badge--{s.name}"
        dark_badge = ", ".join(d.format(sel=badge) for d in _DARK)
        lines += [
            f"{badge} {{ --prfaq-status-bg: {s.colour}; --prfaq-status-fg: {text_on(s.colour)}; }}",
            f"{dark_badge} {{ --prfaq-status-bg: {s.dark_colour}; --prfaq-status-fg: {text_on(s.dark_colour)}; }}",
            f".prfaq-group--{s.name}, .prfaq-chip--{s.name} {{ --prfaq-status-bg: {s.colour}; }}",  # the index's
            ", ".join(d.format(sel=f".prfaq-{kind}--{s.name}") for d in _DARK for kind in ("group", "chip"))
            + f" {{ --prfaq-status-bg: {s.dark_colour}; }}",
            f".prfaq-bar--{s.name} {{ fill: {s.colour}; }}",
            f".md-status--{s.name}::after {{ background-color: {s.colour}; }}",
            f"{_DARK[0].format(sel=f'.md-status--{s.name}::after')} {{ background-color: {s.dark_colour}; }}",
        ]
    dots = ", ".join(f".md-status--{name}::after" for name in (*lifecycle.names, INVALID))
    lines.append(f"{dots} {{ -webkit-mask-image: {_DOT}; mask-image: {_DOT}; }}")
    lines.append(f".md-status--{INVALID}::after {{ background-color: {INVALID_COLOURS[0]}; }}")
    dark_dot = _DARK[0].format(sel=f".md-status--{INVALID}::after")
    lines.append(f"{dark_dot} {{ background-color: {INVALID_COLOURS[1]}; }}")
    return "\n".join(lines) + "\n"
