"""How deep a page nests: its HTML, measured before nh3 reads it, and its Markdown's lines.

nh3 (html5ever, then Ammonia) takes time that grows with the square of the nesting depth: 100,000
``<div>`` take 50 s. :func:`depth` reads a fragment once, left to right, as an HTML parser
tokenises it (comments, attribute values in quotes, raw text such as ``<style>`` and
``<textarea>``, SVG and MathML, where ``/>`` closes an element), and follows the elements it
opens and closes with a stack. It is not a sanitiser and changes nothing: it says how deep the
fragment could become once parsed, erring on the deep side wherever a parser could build more
than it sees: an end tag closes an element only when it is the one open (or only elements whose
end tags are optional, or SVG's and MathML's, are open above it), so a formatting element such
as ``<b>`` that another end tag would close counts as open (the parser opens it again); ``/>``
closes nothing outside SVG and MathML; a start tag that might be read as a tag or as text (after
a script's ``<!--``, in ``<![CDATA[``) counts as open for good. Past ``limit`` it stops reading.
A hypothesis test checks it against what nh3's parser builds from tag soup.

:func:`markdown_nesting` finds a line nested too deep by its prefix (Python-Markdown recurses once
for each level of list or quote).
"""

from __future__ import annotations

import re

LIMIT = 100
"""The deepest a PR/FAQ page's HTML may nest: Markdown's deepest pages nest some 30 levels; nh3
takes about 10 ms at a depth of 1,000 and 0.7 s at 16,000."""

VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
                  "input", "keygen", "link", "meta", "param", "source", "track", "wbr"})
RAW = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})
"""Elements whose content is text up to their own end tag (in HTML, not inside SVG or MathML)."""
OPTIONAL_END = frozenset({"dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc", "caption",
                          "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"})
"""Elements an end tag of an element outside them closes too (the parser's implied end tags)."""
CLOSES_SAME = {"li": {"li"}, "dd": {"dd", "dt"}, "dt": {"dd", "dt"}, "p": {"p"}, "option": {"option"},
               "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}}
"""A start tag that closes the same element when it is the one open (``<li>a<li>b``)."""
BREAKOUT = frozenset({"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
                      "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu",
                      "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub",
                      "sup", "table", "tt", "u", "ul", "var"})
"""HTML start tags that end SVG or MathML content (and ``<font>`` with color, face or size)."""
INTEGRATION = frozenset({"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"})
"""SVG and MathML elements whose content is HTML again."""

# A '<' and, when it starts a tag, its name (group 2; group 1 '/' for an end tag) and attributes
# as an HTML parser reads them: separators (group 3: blanks and '/') and names with an optional
# value; a quote starts a quoted value only right after '=', and one never closed runs to the end
# (the parser reads no more tags). The alternatives start with different characters, and nothing
# has to follow, so a match never backtracks far. A tag ends at the '>' after the match.
_TOKEN = re.compile(r"""<(?:(/?)([A-Za-z][^\t\n\f\r />]*)(?:([\t\n\f\r /]+)|[^\t\n\f\r />][^\t\n\f\r /=>]*"""
                    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?)*)?""")
_ATTRIBUTES = re.compile(r"""(?:[\t\n\f\r /]+|[^\t\n\f\r />][^\t\n\f\r /=>]*"""
                         r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?)*""")
_FONT_BREAKOUT = re.compile(r"[\t\n\f\r /](?:color|face|size)[\t\n\f\r /=>]", re.IGNORECASE)
_START = re.compile(r"<[A-Za-z]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""Tag names are case-insensitive in ASCII only (and ``str.lower`` may change a text's length)."""
_HTML = "html"


def depth(html: str, limit: int = LIMIT) -> int:
    """How deep ``html`` could nest once parsed: at least as deep as it does (never less), and
    ``limit + 1`` as soon as it is deeper than ``limit``."""
    stack: list[tuple[str, str]] = []  # (name, namespace: "html", "svg" or "math")
    names: list[str] = []  # the same names, for the common case
    orphans = 0
    """Start tags counted as open for good: where the parser may read them as tags or as text."""
    deepest, pos, n = 0, 0, len(html)
    while pos < n:
        for m in _TOKEN.finditer(html, pos):
            closing, name, blank = m.groups()
            if name is None:  # '<!', '<?', '</ ', or '<' as text
                skip = _special(html, m.start(), n)
                if skip is None:
                    return min(deepest, limit + 1)
                pos, seen = skip
                if seen:
                    orphans += seen
                    if len(stack) + orphans > deepest:
                        deepest = len(stack) + orphans
                        if deepest > limit:
                            return limit + 1
                break
            end = m.end()
            if end >= n:
                return min(deepest, limit + 1)  # a tag the document ends in is no tag
            # html[end] is '>': the attributes stop only there or at the end
            if not name.islower() or not name.isalnum():
                name = name.translate(_ASCII_LOWER)
            if closing:  # an end tag
                if names and names[-1] == name:
                    del stack[-1], names[-1]
                else:
                    _close(stack, names, name)
                continue
            namespace = _HTML
            if stack:
                top, namespace = stack[-1]
                if namespace != _HTML and top not in INTEGRATION:
                    if name in BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(html, m.start(), end + 1)):
                        while stack and stack[-1][1] != _HTML and stack[-1][0] not in INTEGRATION:
                            del stack[-1], names[-1]
                        namespace = _HTML
                else:
                    namespace = _HTML
            if namespace == _HTML:
                if name in VOID:
                    continue
                if name in _SPECIAL_START:
                    if name == "svg" or name == "math":
                        if blank is not None and m.end(3) == end and html[end - 1] == "/":
                            continue  # <svg/> is closed at once
                        namespace = name
                    elif name in RAW:
                        closer = _raw_end(html, name, end + 1)
                        if name == "script" and "<!--" in html[end:closer if closer >= 0 else n]:
                            # a script's '<!--' can hide its end tag from the parser: what follows
                            # may be inside it, or not; each start tag after it counts as open for good
                            orphans += len(_START.findall(html, end))
                        deepest = max(deepest, len(stack) + orphans + 1)
                        if closer < 0 or deepest > limit:
                            return min(deepest, limit + 1)
                        pos = closer
                        break
                    elif name == "plaintext":
                        return min(max(deepest, len(stack) + orphans + 1), limit + 1)  # the rest is text
                    elif names and names[-1] in CLOSES_SAME[name]:  # '<li>' closes the '<li>' open
                        del stack[-1], names[-1]
            elif blank is not None and m.end(3) == end and html[end - 1] == "/":
                continue  # '<path/>' is closed at once in SVG and MathML
            stack.append((name, namespace))
            names.append(name)
            if len(stack) + orphans > deepest:
                deepest = len(stack) + orphans
                if deepest > limit:
                    return limit + 1
        else:
            break
    return min(deepest, limit + 1)


_SPECIAL_START = frozenset({"svg", "math", "plaintext", *RAW, *CLOSES_SAME})


def too_deep(html: str, limit: int = LIMIT) -> bool:
    """Whether ``html`` could nest deeper than ``limit``: a parser nests at most some three levels
    for each tag, so fewer tags than a third of the limit are not read."""
    return html.count("<") > limit // 3 and depth(html, limit) > limit


NESTING = f"HTML nests deeper than {LIMIT} levels"

_PREFIX = re.compile(rf"[ \t>]{{{LIMIT // 2},}}")  # a tab is two levels
_LINE_PREFIX = re.compile(rf"\n([ \t>]{{{LIMIT // 2},}})")
"""The same prefix after a newline: a pattern that starts with a literal character is searched for
that character (a fast scan), where ``^`` in MULTILINE mode is tried at every position."""


def markdown_nesting(text: str, limit: int = LIMIT) -> tuple[int, int] | None:
    """``(line, levels)`` of the first line of Markdown nested deeper than ``limit`` by its prefix,
    each '>' and every two columns of indentation a level (Python-Markdown recurses once for each:
    700 levels of list end a build with RecursionError), or None."""
    first = _PREFIX.match(text)
    if first is not None and _levels(first.group()) > limit:
        return 1, _levels(first.group())
    for m in _LINE_PREFIX.finditer(text):
        levels = _levels(m.group(1))
        if levels > limit:
            return text.count("\n", 0, m.start(1)) + 1, levels
    return None


def _levels(prefix: str) -> int:
    """The levels of a line's prefix of spaces, tabs and '>'."""
    # '> ' is one level, a tab four columns (at most: it stops at the next multiple of 4)
    columns = prefix.count(" ") - prefix.count("> ") + 4 * prefix.count("\t")
    return prefix.count(">") + columns // 2


def _special(html: str, pos: int, n: int) -> tuple[int, int] | None:
    """A '<' at ``pos`` that starts no tag: where reading goes on, and how many start tags it
    passed that might be real (in ``<![CDATA[``); None when the rest is not read as tags."""
    if pos + 1 >= n:
        return None
    nxt = html[pos + 1]
    if nxt == "!":
        if html.startswith("<!--", pos):
            if html.startswith(">", pos + 4):
                return pos + 5, 0
            if html.startswith("->", pos + 4):
                return pos + 6, 0
            ends = [e for e in (html.find("-->", pos + 4), html.find("--!>", pos + 4)) if e >= 0]
            if not ends:
                return None
            end = min(ends)
            return end + (3 if html.startswith("-->", end) else 4), 0
        if html.startswith("<![CDATA[", pos):
            # A comment up to '>' in HTML, text up to ']]>' in SVG: between the two, every start
            # tag might be real, and no end tag is trusted.
            first = html.find(">", pos)
            if first < 0:
                return None
            cdata_end = html.find("]]>", pos)
            last = n if cdata_end < 0 else cdata_end + 3
            if last <= first:
                return first + 1, 0
            return last, len(_START.findall(html, first, last))
    elif nxt == "/":
        if pos + 2 < n and html[pos + 2] == ">":
            return pos + 3, 0  # '</>' is nothing
    elif nxt != "?":
        return pos + 1, 0  # '<' as text
    end = html.find(">", pos)  # a doctype, '<?...>', '</ x>': bogus comments
    return None if end < 0 else (end + 1, 0)


def _raw_end(html: str, name: str, pos: int) -> int:
    """Where the text of a raw-text element (``<style>``) that starts at ``pos`` ends: after
    ``</style`` (in any case) followed by a blank, '/' or '>' and read as an end tag; -1 at the end."""
    closer = re.compile("</" + name + r"(?=[\t\n\f\r />]|\Z)", re.IGNORECASE)
    m = closer.search(html, pos)
    if m is None:
        return -1
    end = _ATTRIBUTES.match(html, m.end()).end()  # type: ignore[union-attr]
    return -1 if end >= len(html) else end + 1


CELLS = frozenset({"td", "th", "caption"})
"""Elements with optional end tags that an end tag outside a table does not reach past: the
parser looks for an element in scope, and a cell or a caption bounds it (``<td><div>`` then
``</div>`` after the ``<div>`` was moved out of the table closes nothing)."""
TABLE_ENDS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
"""End tags that do close an open cell or caption."""


def _close(stack: list[tuple[str, str]], names: list[str], name: str) -> None:
    """An end tag: it closes ``name`` when it is the open element, or when only elements with
    optional end tags (or, in SVG and MathML, only their elements) are open above it, a cell or
    a caption only for the end tags of a table's parts."""
    i = len(stack) - 1
    while i >= 0:
        open_name, namespace = stack[i]
        if open_name == name:
            del stack[i:], names[i:]
            return
        if namespace == _HTML and (open_name not in OPTIONAL_END or (open_name in CELLS and name not in TABLE_ENDS)):
            return
        i -= 1
