"""Python-Markdown's inline pass on a PR/FAQ page, without the patterns that cannot match its text.

Python-Markdown tries every inline pattern (about twenty on a Zensical site) on every piece of a
page's text, one after the other, in Python: most of a page's inline time goes to patterns that
find nothing, since a link needs a ``[``, inline HTML a ``<``, an entity a ``&``. Before the inline
pass of a page it lays out, the extension gives the pass only the patterns whose character occurs
somewhere in the page's text, and the full list again straight after.

The output is the same by construction, not by sampling:

- A pattern is left out only if it is one of Python-Markdown's own (its exact class, and the
  regular expression Python-Markdown gives it), each of which cannot match without its character
  (:data:`_TRIGGERS`); every other pattern always runs.
- The text a pattern sees is the page's text at the start of the pass, or a piece a pattern before
  it made of that text. A pattern may make an element whose text is new (not a piece of the page)
  and which the patterns after it read: so a pattern is left out only if every pattern before it
  is Python-Markdown's own or one known to give only kept-as-is (atomic or stashed) text
  (:data:`_ATOMIC`); the first other pattern keeps itself and every pattern after it.
- Nothing else changes: the patterns are the same objects, in the same order.

``tests/layout/test_inline_narrow.py`` (and ``test_inline_narrow_review.py``) render generated
Markdown both ways with every extension Zensical's default site lists (and others) and compare the
HTML.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from markdown import Markdown, util
from markdown import inlinepatterns as _core
from markdown.treeprocessors import InlineProcessor, Treeprocessor

_NEEDS = {
    "BACKTICK_RE": ("`",),
    "ESCAPE_RE": ("\\",),
    "LINK_RE": ("[",),
    "REFERENCE_RE": ("[",),
    "IMAGE_LINK_RE": ("[",),
    "IMAGE_REFERENCE_RE": ("[",),
    "AUTOLINK_RE": ("<",),
    "AUTOMAIL_RE": ("<",),
    "HTML_RE": ("<",),
    "ENTITY_RE": ("&",),
    "LINE_BREAK_RE": ("  \n",),
    "NOT_STRONG_RE": ("*", "_"),
}
_TRIGGERS: dict[str, tuple[str, ...]] = {
    regex: needs for name, needs in _NEEDS.items() if isinstance(regex := getattr(_core, name, None), str)
}
"""Python-Markdown's own regular expressions (as this version names them), each with what it
cannot match without: one of these strings in the text."""

_DELIMITERS = {"AsteriskProcessor": r"\*", "UnderscoreProcessor": "_"}
"""Python-Markdown before 3.11: emphasis by a processor per character, with that character as its
regular expression (3.11 has one ``DelimiterProcessor`` for every delimiter)."""

_ATOMIC = frozenset({
    "pymdownx.arithmatex.InlineArithmatexPattern",
    "pymdownx.keys.KeysPattern",
    "pymdownx.magiclink.MagiclinkAutoPattern",
    "pymdownx.magiclink.MagiclinkPattern",
    "pymdownx.magiclink.MagiclinkMailPattern",
    "pymdownx.magiclink.MagiclinkRepositoryPattern",
    "pymdownx.magiclink.MagiclinkExternalRefsPattern",
    "pymdownx.magiclink.MagiclinkInternalRefsPattern",
    "pymdownx.magiclink.MagiclinkMentionPattern",
    "markdown.extensions.footnotes.FootnoteInlineProcessor",
})
"""Patterns of other extensions whose elements hold only atomic text (``AtomicString``) or text
stashed away, so the patterns after them read no new text; and the footnote marker, whose text
(``SUPERSCRIPT_TEXT``) is counted as part of the page's (:func:`_page_text`). The emoji and
inline-code patterns are known only with their own generators and formats (:func:`_known`)."""


def needs(pattern: Any) -> tuple[str, ...] | None:
    """What ``pattern`` cannot match without (one of these in the text), or None: always runs."""
    kind = type(pattern)
    if kind.__module__ != _core.__name__:
        return None
    if kind.__name__ == "DelimiterProcessor":
        tokens = getattr(pattern, "tokens", None)
        return tuple(tokens) if isinstance(tokens, list) and all(isinstance(t, str) and t for t in tokens) else None
    regex = getattr(pattern, "pattern", None)
    if kind.__name__ in _DELIMITERS:
        return (regex.replace("\\", ""),) if regex == _DELIMITERS[kind.__name__] else None
    return _TRIGGERS.get(regex) if isinstance(regex, str) else None


def _known(pattern: Any) -> bool:
    kind = type(pattern)
    name = f"{kind.__module__}.{kind.__qualname__}"
    if name == "pymdownx.emoji.EmojiPattern":  # a site's own emoji_generator may make any text
        return _pymdownx(getattr(pattern, "generator", None))
    if name == "pymdownx.inlinehilite.InlineHilitePattern":  # and so may a custom_inline format
        return all(_highlighter(pattern, entry) for entry in getattr(pattern, "formatters", [None]))
    return kind.__module__ == _core.__name__ or name in _ATOMIC


_GENERATORS = ("zensical.extensions.emoji.to_svg", "material.extensions.emoji.to_svg")
"""Emoji generators outside pymdownx.emoji whose elements hold only stashed text (or pymdownx's)."""


def _made_by(function: Any, module: str, names: tuple[str, ...] = ()) -> bool:
    """``function`` is one of ``module``'s own or named in ``names`` (known to make atomic or stashed text)."""
    while isinstance(function, functools.partial):
        function = function.func
    where = str(getattr(function, "__module__", ""))
    return where == module or f"{where}.{getattr(function, '__qualname__', '')}" in names


def _pymdownx(function: Any) -> bool:
    return _made_by(function, "pymdownx.emoji", _GENERATORS)


def _own(pattern: Any, function: Any) -> bool:
    return getattr(function, "__self__", None) is pattern and getattr(function, "__name__", "") == "highlight_code"


def _highlighter(pattern: Any, entry: Any) -> bool:
    """An inlinehilite formatter: the pattern's own highlighting, or arithmatex's format through pymdownx's wrapper."""
    formatter = entry.get("formatter") if isinstance(entry, dict) else None
    if _own(pattern, formatter):
        return True
    if not isinstance(formatter, functools.partial) or not _made_by(formatter, "pymdownx.inlinehilite"):
        return False
    fmt = formatter.keywords.get("fmt")
    return _own(pattern, fmt) or _made_by(fmt, "pymdownx.arithmatex")


def patterns_for(patterns: Any, text: str) -> list[Any]:
    """The inline patterns, in order, less those that cannot match ``text`` (see the module)."""
    kept: list[Any] = []
    known = True
    for pattern in patterns:
        known = known and _known(pattern)
        required = needs(pattern) if known else None
        if required is None or any(s in text for s in required):
            kept.append(pattern)
    return kept


def _page_text(md: Markdown, root: Any) -> str:
    parts = []
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not isinstance(text, util.AtomicString):
                parts.append(text)
    parts.extend(_markers(md))
    return "\x00".join(parts)


def _markers(md: Markdown) -> list[str]:
    """The text of every footnote marker the page can have (``SUPERSCRIPT_TEXT`` formatted with each
    number: a format such as ``{:c}`` makes characters the template does not hold)."""
    footnotes = md.treeprocessors["footnote"] if "footnote" in md.treeprocessors else None
    extension = getattr(footnotes, "footnotes", None)
    superscript = getattr(extension, "getConfig", None)
    if superscript is None:
        return []
    template = str(superscript("SUPERSCRIPT_TEXT"))
    count = len(getattr(extension, "footnotes", None) or ())
    if template == "{}":
        return []
    try:
        return [template.format(number) for number in range(1, count + 1)] + [template]
    except Exception:  # the footnote pass fails the same way; keep every pattern meanwhile
        return ["".join(trigger for triggers in _NEEDS.values() for trigger in triggers)]


def _inline(md: Markdown) -> Any:
    """Python-Markdown's own inline pass (not a replacement another extension registered), or None."""
    inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
    return inline if type(inline) is InlineProcessor else None


class _Narrow(Treeprocessor):
    def __init__(self, md: Markdown, active: Callable[[], bool], saved: list[Any]) -> None:
        super().__init__(md)
        self.active, self.saved = active, saved

    def run(self, root: Any) -> None:
        inline = _inline(self.md)
        if inline is None:
            return
        # kept for _Widen, one entry per pass: a conversion inside this one (an extension converting
        # with the same instance) narrows for its own text and gives the outer pass its list back
        self.saved.append(inline.inlinePatterns)
        if self.active():
            inline.inlinePatterns = patterns_for(self.md.inlinePatterns, _page_text(self.md, root))


class _Widen(Treeprocessor):
    def __init__(self, md: Markdown, saved: list[Any]) -> None:
        super().__init__(md)
        self.saved = saved

    def run(self, root: Any) -> None:
        inline = _inline(self.md)
        if inline is not None:
            inline.inlinePatterns = self.saved.pop() if self.saved else self.md.inlinePatterns


def narrow_inline(md: Markdown, active: Callable[[], bool]) -> None:
    """Register the narrowing around ``md``'s inline pass, for the pages where ``active()``."""
    saved: list[Any] = []
    md.treeprocessors.register(_Narrow(md, active, saved), "prfaq_inline_narrow", 20.001)
    md.treeprocessors.register(_Widen(md, saved), "prfaq_inline_widen", 19.999)
