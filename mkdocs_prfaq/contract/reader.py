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

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_NESTING = 20
"""How deep blocks and inline markup nest before the parser stops descending (the rest stays in
the block that holds it, as text): deeper structure is never a section or a question, and reading
stays linear in the page (its cost grows with this number on pathological nesting: ``- - - ...``).
A list nested deeper than the limit (about nine list levels, each takes two) runs to the end of
the page, as markdown-it stops there: every word is kept, but headings after it are read as part
of the list."""

_BLOCK_KINDS = {
    "heading_open": "heading", "paragraph_open": "paragraph", "blockquote_open": "blockquote",
    "bullet_list_open": "list", "ordered_list_open": "list", "table_open": "table", "fence": "fence",
    "code_block": "code", "html_block": "html", "hr": "rule",
}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.disable("inline")  # inline content is parsed on demand (:func:`inline`): most blocks never need it
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

    def headings(self) -> Iterator[tuple[int, Block]]:
        """``(index, block)`` of each heading."""
        return ((n, b) for n, b in enumerate(self.blocks) if b.kind == "heading")


def _for_parser(text: str) -> str:
    """The text as the parser reads it, line for line: a lone carriage return (which the parser
    would read as a line break of its own) is a space, so token lines are the text's ``\\n`` lines."""
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", " ")
    return text


def read(text: str) -> Document:
    """The blocks of ``text`` (a page's body), each with its source lines."""
    lines = text.split("\n")
    env: dict[str, Any] = {}
    tokens = _MD.parse(_for_parser(text), env)
    return Document(lines, _blocks(tokens, lines), env)


def _blocks(tokens: list[Token], lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    at, last = 0, len(lines)  # the first line not yet in a block; the end
    depth = 0
    n = 0
    while n < len(tokens):
        token = tokens[n]
        kind = _BLOCK_KINDS.get(token.type)
        if token.level != depth or token.nesting < 0 or kind is None or token.map is None:
            n += 1
            continue
        start, end = token.map
        if start > at:
            blocks += _gap(lines, at, start)
        end = min(max(end, start + 1), last)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        block = Block(kind, start, end, "\n".join(lines[start:end]))
        close = n + 1
        if token.nesting == 1:  # its closing token is the next one at its level
            while close < len(tokens) and not (tokens[close].level == depth and tokens[close].nesting == -1):
                close += 1
            inner = tokens[n + 1 : close]
            close += 1
            if kind in ("heading", "paragraph") and inner and inner[0].type == "inline":
                block.content = inner[0].content
            if kind == "heading":
                block.level = int(token.tag[1:])
                block.setext = token.markup in ("=", "-")
        elif kind == "fence":
            block.info = token.info
        blocks.append(block)
        at = max(at, end, token.map[1] if token.map[1] <= last else last)
        n = close
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
