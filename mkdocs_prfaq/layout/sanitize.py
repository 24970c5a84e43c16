"""HTML that a PR/FAQ page's author wrote, made safe for every reader's browser.

Everything Markdown renders on a PR/FAQ page (its body and every field from front matter) goes
through `nh3 <https://nh3.readthedocs.io>`_, the Python binding of the Rust `Ammonia` sanitiser:
an allow-list of the elements and attributes that Markdown and the Markdown extensions people
use with MkDocs produce (admonitions, details, tabs, footnotes, tables, code highlighting, emoji,
task lists, ``attr_list``, ``md_in_html``), links and images with safe URL schemes only. No
``<script>``, ``<style>``, ``<base>``, ``<iframe>``, ``<form>``, no event handlers, no ``style``
attribute, no ``javascript:``, ``data:`` or ``vbscript:`` URLs.

Element ids are made safe where Markdown creates them (:func:`safe_id`), so a table of contents
built from them cannot carry markup either.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Sequence

import nh3

from ..contract.depth import LIMIT, NESTING, too_deep
from ..contract.problems import Problem, shown

TOO_DEEP = f'<p class="prfaq-too-deep"><em>Left out: this part nests deeper than {LIMIT} levels.</em></p>'

_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd",
           "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
_BLOCK = {"article", "aside", "blockquote", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt",
          "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section",
          "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_WIDGETS = {"input", "label"}
"""Task lists (disabled checkboxes) and content tabs (radio buttons with labels)."""
_SVG = {"svg", "path", "g", "circle", "rect", "title"}
"""Material's emoji and icons (``:material-check:``) are inline SVG."""

TAGS = _INLINE | _BLOCK | _WIDGETS | _SVG

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir", "aria-hidden", "aria-label", "role"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "time": {"datetime"},
    "span": {"data-linenos"},
    "svg": {"xmlns", "viewBox", "width", "height", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill"},
}
ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}
URL_SCHEMES = {"http", "https", "mailto"}
"""Relative URLs (pages, anchors, images of the site) are kept as they are."""

_PYGMENTS = frozenset(
    "bp c c1 ch cm cp cpf cs dl err esc fm g gd ge ges gh gi go gp gr gs gt gu il k kc kd kn kp kr kt l ld m mb mf "
    "mh mi mo n na nb nc nd ne nf ni nl nn no nt nv nx o ow p pm py s s1 s2 sa sb sc sd se sh si sr ss sx vc vg vi "
    "vm w x".split())
"""Pygments' token classes (``pygments.token.STANDARD_TYPES``), as codehilite and pymdownx.highlight print them."""
ADMONITION_TYPES = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq warning "
    "caution attention failure fail missing danger error bug example quote cite inline end".split())
"""The admonition and details types of Python-Markdown, pymdownx and Material (``!!! tip inline end``)."""
CLASSES = _PYGMENTS | ADMONITION_TYPES | frozenset({
    # admonition, pymdownx.details / blocks
    "admonition", "admonition-title",
    # codehilite, pymdownx.highlight, superfences, inlinehilite
    "codehilite", "highlight", "highlighttable", "linenos", "linenodiv", "linenotable", "hll", "filename", "normal",
    "special", "code", "mermaid", "nohighlight",
    # pymdownx.tabbed
    "tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content", "tabbed-block", "tabbed-control",
    "tabbed-control--prev", "tabbed-control--next", "tabbed-button",
    # footnotes, toc
    "footnote", "footnote-ref", "footnote-backref", "toc", "toclink", "headerlink",
    # pymdownx.tasklist, emoji, arithmatex, critic, keys
    "task-list", "task-list-item", "task-list-control", "task-list-indicator",
    "emojione", "twemoji", "gemoji", "arithmatex", "critic", "comment", "break", "block", "keys",
    # what Material's documentation has authors write in Markdown
    "grid", "cards", "annotate", "md-button", "md-button--primary", "lg", "middle",
})
"""The classes Markdown extensions print (and the few Material asks authors to write): no
other class reaches a reader, so a page cannot borrow the theme's own (Bootstrap's ``fixed-top``
or ``modal``, Material's ``md-dialog--active``) to draw over the page."""
_CLASS_PATTERN = re.compile(r"(?:language|lang|key)-[A-Za-z0-9_+#.-]{1,40}|magiclink(?:-[a-z]{1,20})?")
"""A fence's language (``language-python``), pymdownx.keys' keys (``key-ctrl``), and
pymdownx.magiclink's links (``magiclink-issue``)."""


def allowed_class(name: str) -> bool:
    return name in CLASSES or _CLASS_PATTERN.fullmatch(name) is not None


def _classes(value: str) -> str | None:
    kept = [c for c in value.split() if allowed_class(c)]
    return " ".join(kept) if kept else None


SLOTS: dict[str, frozenset[str]] = {
    "inline": frozenset(_INLINE | _SVG | {"p"}),
    "definition": frozenset(TAGS - {"dl", "dt", "dd"}),
    "quote": frozenset(TAGS - {"figure", "figcaption"}),
}
"""What a field may hold where the layout puts it: a question (a heading's text) only inline
markup (in its one paragraph); a customer answer (a ``<dd>``) no ``dl``, ``dt`` or ``dd``, which
would end the layout's and start rows of its own; a quote (in a ``<figure>``) no caption."""


def slot_of(key: str) -> str | None:
    """The slot a field fills (:data:`SLOTS`), None for a block of its own."""
    if key.startswith("faq.") and key.endswith(".question"):
        return "inline"
    if key.startswith("customer."):
        return "definition"
    if key.startswith("quotes."):
        return "quote"
    return None


_DROPPED = {"script", "style", "template", "noscript", "iframe", "object", "textarea", "title"}
"""Elements removed with their content (the others not allowed keep their text)."""


def _cleaner(attribute_filter: Callable[[str, str, str], str | None] | None = None,
             tags: frozenset[str] | set[str] = TAGS) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=_DROPPED - set(tags),
        attributes={tag: names for tag, names in ATTRIBUTES.items() if tag == "*" or tag in tags},
        tag_attribute_values=ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


_URL_HEAD = re.compile(r"[/?#]")


def is_remote(url: str) -> bool:
    """A URL on another host: with a scheme, or protocol-relative (browsers read ``\\`` as ``/``
    and skip blanks, so ``/\\host`` is one too)."""
    url = "".join(url.split()).replace("\\", "/")
    return url.startswith("//") or ":" in _URL_HEAD.split(url, 1)[0]


EMOJI_CDNS = (
    "https://cdn.jsdelivr.net/gh/jdecked/twemoji@",
    "https://cdnjs.cloudflare.com/ajax/libs/emojione/",
    "https://github.githubassets.com/images/icons/emoji/",
)
"""Where ``pymdownx.emoji`` (Material's ``:smile:``) takes its images from."""


class Sanitizer:
    """:meth:`clean` with the site's choice about images from other hosts: all (``True``), none
    (``False``) or those whose URL starts with one of the given prefixes. Another host's image
    is removed (a reader's browser would fetch it, telling that host who reads the page), and
    :attr:`removed` lists their URLs for the plugin to report. Ids, names and label targets that
    the theme's own page uses (:func:`own_id`) are renamed."""

    def __init__(self, *, remote_images: bool | Sequence[str] = True) -> None:
        self.removed: list[str] = []
        self.too_deep = 0
        """How many pieces :meth:`clean` left out, nested past :data:`~mkdocs_prfaq.contract.depth.LIMIT`."""
        self.all_images = remote_images is True
        self.allowed = () if remote_images is False else tuple(() if remote_images is True else remote_images)
        self._cleaner = _cleaner(self._filter)
        self._slots = {name: _cleaner(self._filter, tags) for name, tags in SLOTS.items()}

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute in _NAMING:
            return own_id(value)
        if attribute == "class":
            return _classes(value)
        if tag == "img" and attribute == "src" and not self.all_images and is_remote(value) \
                and not _starts(value, self.allowed):
            self.removed.append(value)
            return None
        return value

    def clean(self, html: str) -> str:
        """``html`` sanitised; HTML that nests deeper than the limit (which nh3 would
        take seconds or minutes to read) is left out, a note in its place, and counted in
        :attr:`too_deep` for the plugin to report (:meth:`nesting_problem`)."""
        if too_deep(html):
            self.too_deep += 1
            return TOO_DEEP
        return shown(self._cleaner.clean(html))  # '&#7;' is a raw control character once nh3 has read it

    def clean_around(self, html: str, marker: str) -> str:
        """:meth:`clean` for a page that holds ``marker`` (the index's ``<!-- prfaq:index -->``,
        which a comment would not survive): what comes before its first use and what comes after,
        each on its own, the marker kept between them."""
        before, found, after = html.partition(marker)
        return self.clean(before) + found + self.clean(after) if found else self.clean(html)

    def clean_field(self, key: str, html: str) -> str:
        """:meth:`clean` for the slot the field ``key`` fills in the layout (:func:`slot_of`)."""
        if too_deep(html):
            self.too_deep += 1
            return TOO_DEEP
        slot = slot_of(key)
        return shown((self._cleaner if slot is None else self._slots[slot]).clean(html))

    def nesting_problem(self, path: str) -> Problem | None:
        """The problem of the page at ``path`` if :meth:`clean` left out any of it (and forget it)."""
        if not self.too_deep:
            return None
        parts, self.too_deep = self.too_deep, 0
        return Problem(path, 1, "page", f"its {NESTING} in {parts} part"
                       f"{'' if parts == 1 else 's'}, left out of the page (expected at most {LIMIT} levels of "
                       "lists, quotes and HTML elements)")


_NAMING = frozenset({"id", "name", "for"})
_TABBED = re.compile(r"^__tabbed_\d+(?:_\d+)?$")  # pymdownx.tabbed's own radio buttons and labels
THEME_IDS = frozenset({
    # MkDocs' theme
    "mkdocs-search-query", "mkdocs-search-results", "mkdocs_search_modal", "mkdocs_keyboard_modal",
    "navbar-collapse", "toc-collapse", "hljs-light", "hljs-dark", "searchModalLabel", "keyboardModalLabel",
    # anything else a theme's script looks up by name
    "base_url", "config", "search", "content", "main",
})
"""Ids the themes' own markup and scripts use. Material's all start with ``__`` (``__config``,
whose JSON the page's scripts trust, ``__search``, ``__drawer``...)."""


def own_id(value: str) -> str:
    """An id (or ``name``, or a label's ``for``) that cannot be mistaken for one of the theme's:
    ``__config`` -> ``user-__config``; pymdownx.tabbed's ``__tabbed_1_2`` stays."""
    if (value.startswith("__") and not _TABBED.match(value)) or value in THEME_IDS:
        return f"user-{value}"
    return value


_DOT = {".", "%2e"}
_DOTDOT = {"..", ".%2e", "%2e.", "%2e%2e"}


def normal_url(url: str) -> str | None:
    """An http(s) URL as a browser resolves it: scheme and host in lower case, ``\\`` as ``/``,
    dot segments (``..``, ``%2e%2e``) resolved; None for one with a control or blank character
    anywhere (a browser drops tabs and line breaks, so ``&#9;..`` is ``..``), user info, or no host."""
    if any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url.replace("\\", "/"))
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    segments: list[str] = []
    raw = parts.path.split("/")[1:]
    for i, segment in enumerate(raw):
        last = i == len(raw) - 1
        if segment.lower() in _DOTDOT:
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif segment.lower() in _DOT:
            if last:
                segments.append("")
        else:
            segments.append(segment)
    host = parts.hostname + (f":{port}" if port is not None else "")
    path = "/" + "/".join(segments)  # empty segments stay: a browser fetches '//ok/' as it is
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{host}{path}{query}"


def _starts(url: str, prefixes: tuple[str, ...]) -> bool:
    """The URL, resolved as the browser will fetch it, is under one of the prefixes (each a folder:
    ``https://cdn.example/x/``), compared resolved too."""
    resolved = normal_url(url)
    if resolved is None:
        return False
    return any((p := normal_url(prefix)) is not None and resolved.startswith(p) for prefix in prefixes)


_DEFAULT = Sanitizer()


def clean(html: str) -> str:
    """``html`` with only the allowed elements, attributes and URL schemes, and no id of the
    theme's; always balanced, so a fragment cannot close or open the markup around the place it
    is put in."""
    return _DEFAULT.clean(html)


_UNSAFE_ID = re.compile(r"[^\w.:-]+")


def safe_id(value: str) -> str:
    """An element id of slug characters only (letters, digits, ``_``, ``-``, ``.``, ``:``): safe in
    any attribute or URL fragment, quoted or not. ``a"><b`` -> ``a-b``."""
    return own_id(_UNSAFE_ID.sub("-", value).strip("-") or "section")
