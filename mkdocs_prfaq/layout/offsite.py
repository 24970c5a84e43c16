"""Images from other hosts on a PR/FAQ page: the build removes them (unless ``remote_images``
allows them) and warns; ``mkdocs-prfaq check`` finds the same ones without building, so that
``check --strict`` fails where ``mkdocs build --strict`` does."""

from __future__ import annotations

from collections.abc import Sequence

from markdown import Markdown

from ..contract.model import Proposal
from ..contract.problems import Problem
from .fields import collect
from .sanitize import Sanitizer


def images_problem(path: str, removed: Sequence[str]) -> Problem:
    """The warning for a page whose images from other hosts were removed (``removed``: their URLs)."""
    return Problem(path, 1, "images", f"{len(removed)} image(s) from other hosts removed, first "
                   f"{removed[0][:200]!r} (expected images in the docs folder; set remote_images: true to show them)")


def offsite_images(proposal: Proposal, remote_images: bool | Sequence[str],
                   fields: Sequence[tuple[object, str]] | None = None) -> list[str]:
    """The URLs of the images from other hosts that the build would remove from the page: its
    body and every Markdown field, rendered in one pass (reference definitions reach across
    fields, as in the page's own pass) with Python-Markdown's defaults, then sanitised with the
    site's ``remote_images``. Extensions the site adds are not loaded (``check`` imports none).
    ``fields``: the proposal's Markdown fields, when the caller has collected them already."""
    if remote_images is True:
        return []
    texts = [t for t in (proposal.body, *(text for _, text in (collect(proposal) if fields is None else fields))) if t]
    if not any("![" in t or ("<" in t and "<img" in t.lower()) for t in texts):  # lower() only with a '<' to find
        return []
    sanitizer = Sanitizer(remote_images=remote_images)
    sanitizer.clean(Markdown().convert("\n\n".join(texts)))
    return sanitizer.removed
