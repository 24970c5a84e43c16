"""A page's Markdown, read once: its top-level blocks with the source lines they span.

The body form (:mod:`.body`) and ``import`` both walk these blocks. They come from
markdown-it-py's CommonMark parser (tables on), so what Markdown makes opaque is opaque here by
construction: a heading inside an HTML comment or an HTML block, or a bold line inside a fenced
block of any info string, is part of that block and never a section or a question. Every source
line that is not blank belongs to exactly one block, in order (reference definitions, which the
parser keeps aside, are blocks of their own), and a block's ``text`` is its lines as written.

Inline content (emphasis, links, images, code spans) comes from :func:`inline`, parsed on demand
with the page's reference definitions.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt, rules_block
from markdown_it.rules_block import blockquote as blockquote_rule
from markdown_it.rules_block import heading as heading_rule
from markdown_it.rules_block import paragraph as paragraph_rule
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

from .depth import LIMIT

MAX_NESTING = 20
"""How deep blocks and inline markup nest in the first reading of a page: deeper structure is
never a section or a question, and reading stays linear in the page (markdown-it's cost grows
with this number on pathological nesting: ``- - - ...``). A list nested deeper (about nine list
levels, each takes two) makes markdown-it stop there and take the rest of the page into it; that
block is read again on its own, as deep as it goes (:data:`DEEPEST`)."""
DEEPEST = LIMIT
"""The deepest a block is read, in the levels of :func:`.depth.markdown_nesting` (a ``>``, a list
marker or two columns of indentation): the project's own bound. A block nested deeper is kept as
written, one block up to where the page goes on at its margin, and named in
:attr:`Document.too_deep`; what follows it is read as usual."""
RECOVERIES = 8
"""Blocks read again that deep in one page, at most (each reading reads the rest of the page
once: linear). Past them, the rest of the page is one block, named in :attr:`Document.too_deep`."""

_BLOCK_KINDS = {
    "heading_open": "heading", "paragraph_open": "paragraph", "blockquote_open": "blockquote",
    "bullet_list_open": "list", "ordered_list_open": "list", "table_open": "table", "fence": "fence",
    "code_block": "code", "html_block": "html", "hr": "rule",
}


_CHAIN = ("table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading", "lheading",
          "paragraph")
"""markdown-it's block rules, in the order it tries them, for CommonMark with tables: what
:func:`_first_rule` is written for."""
_NOT_PLAIN = frozenset("#>*-_+0123456789[<~`")
"""A line's first character that may open a block other than a paragraph (besides a table's
header, which its next line decides, and an indented code block, which its indentation does)."""


_LOOKAHEAD = 16
"""How many lines :func:`_first_rule` looks ahead for a setext underline: a scan to the next blank
line would read the rest of a page of one-line paragraphs again for each of them."""


def _first_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The rule markdown-it's chain would pick for the line ``start``, tried first: a line that
    opens with ``#`` is tried as a heading, ``>`` as a blockquote, and a line of plain text
    followed by no setext underline as a paragraph, without trying the rules before them in the
    chain in turn, each of which would decline (their first checks are on the line's first
    character, its indentation, or the next line's for a table). Anything else, or a rule that
    declines, returns False and the chain runs as it always does: the tokens are the chain's
    (``tests/contract/test_speed_body_reader.py`` compares them on generated documents)."""
    if silent:
        return False
    indent, s_count = state.blkIndent, state.sCount
    if s_count[start] - indent >= 4:  # an indented code block
        return False
    src, b_marks, t_shift, e_marks = state.src, state.bMarks, state.tShift, state.eMarks
    following = start + 1
    if following < end and indent <= s_count[following] < indent + 4:
        at = b_marks[following] + t_shift[following]
        if at < e_marks[following] and src[at] in "|-:":  # the next line may make this a table's header
            return False
    first = src[b_marks[start] + t_shift[start]]
    if first == "#":
        return bool(heading_rule(state, start, end, False))
    if first == ">":
        return bool(blockquote_rule(state, start, end, False))
    if first in _NOT_PLAIN:
        return False
    line, last = following, min(end, following + _LOOKAHEAD)
    while line < last:  # a setext heading's underline before the paragraph's first blank line
        at = b_marks[line] + t_shift[line]
        if at >= e_marks[line]:
            break
        if src[at] in _NOT_PLAIN or src[at] == "=":  # an underline, or a block that may end the paragraph
            return False
        line += 1
    else:
        if line < end:  # a paragraph longer than the lookahead: the chain reads it
            return False
    return bool(paragraph_rule(state, start, end, False))


_TABLE = importlib.import_module("markdown_it.rules_block.table")  # the module (its name is the rule's too)


def _cells(state: StateBlock, line: int) -> list[str]:
    """A table row's cells, as markdown-it's table rule splits them."""
    cells: list[str] = _TABLE.escapedSplit(_TABLE.mdTrim(_TABLE.getLine(state, line)))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, for the table's lines only: it decides whether a table starts
    (the rule itself, silent) and where it ends (the rule's own loop, as written there), and the
    table is one ``table_open``/``table_close`` pair. The reader never reads a table's cells, and
    the rule makes three tokens for every cell of every row filled out to the header's columns:
    a 1.5 KB table of 256 columns is 65,536 cells, 65 MB of tokens."""
    if not _TABLE.table(state, start, end, True):
        return False
    if silent:
        return True
    columns = len(_cells(state, start))
    terminators = state.md.block.ruler.getRules("blockquote")
    filled, line = 0, start + 2
    parent, state.parentType = state.parentType, "table"  # as the rule: a list may end a table, not a paragraph
    while line < end:
        if state.sCount[line] < state.blkIndent or any(rule(state, line, end, True) for rule in terminators):
            break
        if not _TABLE.mdTrim(_TABLE.getLine(state, line)) or state.is_code_block(line):
            break
        filled += columns - len(_cells(state, line))
        if filled > _TABLE.MAX_AUTOCOMPLETED_CELLS:
            break
        line += 1
    state.parentType = parent
    state.push("table_open", "table", 1).map = [start, line]
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _chain_as_written(md: MarkdownIt) -> bool:
    """Whether ``md``'s block rules are markdown-it's own, in the order :func:`_first_rule` knows."""
    rules = md.block.ruler.getRules("")
    return md.block.ruler.get_active_rules() == list(_CHAIN) and all(
        rule is getattr(rules_block, "list_block" if name == "list" else name) for name, rule in zip(_CHAIN, rules,
                                                                                                      strict=True))


@functools.lru_cache(maxsize=16)
def _parser(nesting: int = MAX_NESTING) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": nesting}).enable("table")
    # inline content is parsed on demand (:func:`inline`): most blocks never need it, and without
    # it, joining inline text has nothing to join; line endings are the reader's (:func:`_for_parser`)
    md.disable(["inline", "text_join", "normalize"])
    if _chain_as_written(md):  # else (a markdown-it that changed its rules) the chain alone, as it is
        md.block.ruler.before("table", "prfaq_first", _first_rule)
        md.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})
    return md


_MD = _parser()
_INLINE = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).disable("text_join")  # escapes as written


@dataclass
class Block:
    """One top-level block: ``kind`` is ``heading``, ``paragraph``, ``blockquote``, ``list``,
    ``table``, ``fence``, ``code`` (indented), ``html``, ``rule`` or ``definition`` (a link
    reference definition); ``start``/``end`` its lines (0-based, ``end`` exclusive, trailing blank
    lines left out) in the text read."""

    kind: str
    start: int
    end: int
    text: str
    level: int = 0
    """A heading's level (1-6)."""
    content: str = ""
    """A heading's text (without ``#`` marks or a setext underline) or a paragraph's."""
    setext: bool = False
    info: str = ""
    """A fenced block's info string."""

    @property
    def is_paragraph(self) -> bool:
        return self.kind == "paragraph"


@dataclass
class Document:
    """What :func:`read` gives: the text's lines and its blocks, in order."""

    lines: list[str]
    blocks: list[Block]
    env: dict[str, Any] = field(default_factory=dict)
    """The parser's environment: the page's reference definitions, for :func:`inline`."""
    too_deep: list[tuple[int, int, int]] = field(default_factory=list)
    """``(line, levels, end)`` (0-based lines, ``end`` exclusive) of each block nested deeper than
    :data:`DEEPEST` levels, or (with ``levels`` at most that) past :data:`RECOVERIES` blocks read
    again: kept as written, one block, not read for sections."""

    def headings(self) -> Iterator[tuple[int, Block]]:
        """``(index, block)`` of each heading."""
        return ((n, b) for n, b in enumerate(self.blocks) if b.kind == "heading")


def _for_parser(text: str) -> str:
    """The text as the parser reads it, line for line: a lone carriage return (which the parser
    would read as a line break of its own) is a space, so token lines are the text's ``\\n`` lines;
    a NUL is U+FFFD, as markdown-it's own ``normalize`` makes it (which the parser then skips)."""
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", " ")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text


def read(text: str) -> Document:
    """The blocks of ``text`` (a page's body), each with its source lines."""
    parsed = _for_parser(text)
    lines = parsed.split("\n")
    env: dict[str, Any] = {}
    blocks: list[Block] = []
    too_deep: list[tuple[int, int, int]] = []
    pos = 0
    original = lines if parsed is text else text.split("\n")
    for attempt in range(RECOVERIES + 1):
        tokens = _MD.parse("\n".join(lines[pos:]) if pos else parsed, env)
        over = _overflow(tokens, MAX_NESTING)
        if over is None:
            blocks += _blocks(tokens, original, pos, len(lines))
            break
        # markdown-it stopped at its nesting limit and took the rest of the page into this block:
        # the blocks before it stand; it runs to where the page goes on at its margin
        top = max(n for n in range(over + 1) if tokens[n].level == 0 and tokens[n].nesting == 1)
        start = pos + (tokens[top].map or (0, 0))[0]
        deep_line = pos + (tokens[over].map or (0, 0))[0]
        blocks += _blocks(tokens[:top], original, pos, start)
        end = _margin(lines, deep_line + 1)
        levels, deepest = _levels(lines, start, end)
        region = "\n".join(lines[start:end])
        inner = _parser(2 * levels + 8).parse(region, env) if levels <= DEEPEST and attempt < RECOVERIES else None
        if inner is not None and _overflow(inner, 2 * levels + 8) is None:
            blocks += _blocks(inner, original, start, end)
        else:
            if attempt == RECOVERIES:
                end = len(lines)
            kind = _BLOCK_KINDS.get(tokens[top].type, "list")
            last = end
            while last > start + 1 and not lines[last - 1].strip():
                last -= 1
            blocks.append(Block(kind, start, last, "\n".join(original[start:last])))
            too_deep.append((deepest if levels > DEEPEST else deep_line, levels, last))
        pos = end
        if pos >= len(lines):
            break
    return Document(original, blocks, env, too_deep)


def _overflow(tokens: list[Token], nesting: int) -> int | None:
    """The first token at markdown-it's nesting limit (where it stopped reading), or None."""
    return next((n for n, t in enumerate(tokens) if t.level >= nesting - 1 and t.map is not None), None)


_MARGIN_BREAK = re.compile(r"^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$)")
"""A line at the margin that ends every list and quote, even right after a paragraph's line: a
heading, a fence, a thematic break."""
_MARKERS = re.compile(r"^(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*")


def _margin(lines: list[str], start: int) -> int:
    """The first line from ``start`` where the page goes on at its margin, outside every list and
    quote: a line with no indentation after a blank line, or a heading, fence or thematic break
    there; the end when there is none."""
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip() or line[0] in " \t":
            continue
        if _MARGIN_BREAK.match(line) or not lines[i - 1].strip():
            return i
    return len(lines)


def _levels(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """How deep lines ``start`` to ``end`` nest, at most, in :data:`DEEPEST`'s levels (each ``>``
    or list marker before a line's text, and every two columns of indentation besides the blank
    after each), and the first line that deep."""
    deepest, where = 0, start
    for i in range(start, end):
        run = _MARKERS.match(lines[i])
        if run is None or not run.group():
            continue
        prefix = run.group()
        markers = prefix.count(">") + len(_MARKER.findall(prefix))
        columns = max(0, prefix.count(" ") + 4 * prefix.count("\t") - markers)
        if markers + columns // 2 > deepest:
            deepest, where = markers + columns // 2, i
    return deepest, where


_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")


def _blocks(tokens: list[Token], lines: list[str], offset: int = 0, stop: int | None = None) -> list[Block]:
    """The top-level blocks of ``tokens``, parsed from ``lines[offset:stop]``."""
    blocks: list[Block] = []
    last = len(lines) if stop is None else stop
    at = offset  # the first line not yet in a block
    count = len(tokens)
    n = 0
    while n < count:
        token = tokens[n]
        n += 1
        if token.level or token.nesting < 0 or token.map is None:  # inside a block, or its end
            continue
        kind = _BLOCK_KINDS.get(token.type)
        if kind is None:
            continue
        first, after = token.map
        start, end = first + offset, after + offset
        if start > at and (start > at + 1 or lines[at].strip()):  # not only the blank line between blocks
            blocks += _gap(lines, at, start)
        if end <= start:
            end = start + 1
        if end > last:
            end = last
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        block = Block(kind, start, end, "\n".join(lines[start:end]))
        if token.nesting == 1:  # its closing token is the next one at its level
            inline = tokens[n] if n < count else None
            while n < count and (tokens[n].level or tokens[n].nesting != -1):
                n += 1
            n += 1
            if kind == "heading" or kind == "paragraph":
                if inline is not None and inline.type == "inline":
                    block.content = inline.content
                if kind == "heading":
                    block.level = int(token.tag[1:])
                    block.setext = token.markup in ("=", "-")
        elif kind == "fence":
            block.info = token.info
        blocks.append(block)
        if end > at:
            at = end
        after += offset
        if after > last:
            after = last
        if after > at:
            at = after
    if at < last:
        blocks += _gap(lines, at, last)
    return blocks


def _gap(lines: list[str], start: int, end: int) -> list[Block]:
    """Lines no block token spans: link reference definitions (the parser keeps them aside), one
    block per run of lines that are not blank."""
    out: list[Block] = []
    run: int | None = None
    for i in range(start, end + 1):
        blank = i == end or not lines[i].strip()
        if blank and run is not None:
            out.append(Block("definition", run, i, "\n".join(lines[run:i])))
            run = None
        elif not blank and run is None:
            run = i
    return out


def quote_line(line: str) -> str:
    """A blockquote's line without its ``>`` mark (``> a`` -> ``a``); a lazy line as it is."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) <= 3 and stripped.startswith(">"):
        rest = stripped[1:]
        return rest[1:] if rest.startswith((" ", "\t")) else rest
    return line


def inline(content: str, doc: Document | None = None) -> list[Token]:
    """The inline tokens of a heading's or paragraph's content (``text``, ``strong_open``,
    ``code_inline``, ``link_open``, ``image``, ``html_inline``, ``softbreak`` ...), links to
    the page's reference definitions resolved."""
    env: dict[str, Any] = dict(doc.env) if doc is not None else {}
    tokens = _INLINE.parseInline(content, env)
    return tokens[0].children or [] if tokens else []


def plain(content: str, doc: Document | None = None) -> str:
    """Inline Markdown as the words a reader sees: no emphasis marks, code marks or link targets;
    an image's alt text; HTML tags, entities and backslash escapes as written (the text may be
    written into Markdown again). Linear in the text."""
    out: list[str] = []
    for token in inline(content, doc):
        if token.type in ("text", "code_inline", "html_inline"):
            out.append(token.content)
        elif token.type == "text_special":
            out.append(token.markup or token.content)
        elif token.type == "image":
            out.append("".join(c.markup or c.content if c.type == "text_special" else c.content
                               for c in token.children or []))
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return " ".join("".join(out).split())
