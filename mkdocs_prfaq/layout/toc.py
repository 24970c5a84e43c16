"""The table of contents of a laid-out page: the layout's headings and the body's own.

One implementation for both engines: MkDocs' ``page.toc`` (items with a title, an id, a level
and children, such as MkDocs' ``AnchorLink``: :func:`page_items`, :func:`kept_items`) and
Python-Markdown's ``md.toc_tokens``, which Zensical reads (dicts: :func:`layout_tokens`,
:func:`listing_tokens`). Both nest a flat list of headings the same way (:func:`nest`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter, itemgetter
from typing import Any, Protocol, TypeVar

from .render import Heading, headings

T = TypeVar("T")


class Item(Protocol):
    """An entry of MkDocs' table of contents (``mkdocs.structure.toc.AnchorLink``)."""

    title: str
    id: str
    level: int
    children: list[Any]


ItemT = TypeVar("ItemT", bound=Item)
MakeItem = Callable[[str, str, int], ItemT]
"""Makes an item from its title (HTML), id and level: ``AnchorLink`` under MkDocs."""


def nest(flat: Iterable[T], level: Callable[[T], int], children: Callable[[T], list[T]]) -> list[T]:
    """The roots of ``flat`` nested by level: each item under the nearest item before it of a
    lower level (``children`` of an item is the list it fills)."""
    roots: list[T] = []
    stack: list[T] = []
    for item in flat:
        while stack and level(stack[-1]) >= level(item):
            stack.pop()
        (children(stack[-1]) if stack else roots).append(item)
        stack.append(item)
    return roots


_LEVEL, _CHILDREN = attrgetter("level"), attrgetter("children")


def kept_items(items: Iterable[ItemT], body_html: str, renamed: Mapping[str, str],
               make: MakeItem[ItemT]) -> list[ItemT]:
    """The body's table-of-contents items whose heading is in the sanitised body, titled with
    that heading's text (Markdown's own titles come from before sanitising), with the ids that
    :func:`~.render.separate_ids` renamed."""
    titles = {h.id: h.title for h in headings(body_html)}

    def keep(item: ItemT) -> ItemT | None:
        anchor = renamed.get(item.id, item.id)
        if anchor not in titles:
            return None
        kept = make(titles[anchor], anchor, item.level)
        kept.children = [c for c in map(keep, item.children) if c is not None]
        return kept

    return [k for k in map(keep, items) if k is not None]


def page_items(found: Sequence[Heading], body: list[ItemT], make: MakeItem[ItemT],
               after: Sequence[Heading] = ()) -> list[ItemT]:
    """A table of contents from the layout's headings, the body's own items, then more headings;
    everything below the page's h1 when it has one."""
    roots = nest((make(h.title, h.id, h.level) for h in found), _LEVEL, _CHILDREN)

    def under_h1(item: ItemT) -> None:
        (roots[0].children if roots and roots[0].level == 1 else roots).append(item)

    for item in body:
        if item.level == 1 and not roots:
            roots.append(item)
            continue
        for child in (item.children if item.level == 1 else [item]):
            under_h1(child)
    for h in after:
        under_h1(make(h.title, h.id, h.level))
    return roots


# -- Python-Markdown's toc_tokens (Zensical) ------------------------------------------------------

Token = dict[str, Any]


def token(level: int, anchor: str, title: str) -> Token:
    return {"level": level, "id": anchor, "name": html.unescape(title), "html": title, "data-toc-label": "",
            "children": []}


def flat_tokens(items: list[Token]) -> Iterator[Token]:
    for item in items:
        yield {**item, "children": []}
        yield from flat_tokens(item.get("children", []))


def nest_tokens(flat: Iterable[Token]) -> list[Token]:
    return nest(({**item, "children": []} for item in flat), itemgetter("level"), itemgetter("children"))


def layout_tokens(before: Sequence[Heading], body_html: str, renamed: Mapping[str, str],
                  tokens: list[Token]) -> list[Token]:
    """The layout's headings, then the body's own (``tokens``, those the sanitiser kept, renamed
    where the layout took the id)."""
    kept = {h.id: h for h in headings(body_html)}

    def walk(items: list[Token]) -> Iterator[Token]:
        for item in items:
            anchor = renamed.get(item["id"], item["id"])
            if anchor in kept:
                yield token(int(item["level"]), anchor, kept[anchor].title)
            yield from walk(item.get("children", []))

    return nest_tokens([*(token(h.level, h.id, h.title) for h in before), *walk(tokens)])


def listing_tokens(tokens: list[Token], found: Sequence[Heading]) -> list[Token]:
    """A listing page's own headings (``tokens``), then the listing's (``found``)."""
    return nest_tokens([*flat_tokens(tokens), *(token(h.level, h.id, h.title) for h in found)])
