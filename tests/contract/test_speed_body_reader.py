"""The body form's reader is cheaper and reads Markdown as markdown-it's own chain does (#19, Speed).

- ``reader._first_rule`` tries the rule markdown-it's block chain would pick for a line (a
  heading for ``#``, a blockquote for ``>``, a paragraph for plain text with no setext
  underline) before the chain's eleven rules: generated documents, with every character that
  opens a block, in every nesting the reader uses, give the chain's tokens, field for field.
- ``body._LineStart`` finds a pattern at the start of a line by searching for the newline before
  it, where ``(?m)^`` is tried at every position: the same matches as the MULTILINE rules.
- ``reader._blocks`` walks the tokens with less work per block: the blocks it gave before.
- ``normalize`` and ``text_join`` are off in the reader's parser (the reader makes its own line
  endings and NULs as ``normalize`` would; with inline parsing off there is no text to join):
  the same tokens as markdown-it with both on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mkdocs_prfaq.contract import body, reader


def _chain(nesting: int) -> MarkdownIt:
    """The reader's parser as it was: markdown-it's chain alone, normalize and text_join on."""
    md = MarkdownIt("commonmark", {"maxNesting": nesting}).enable("table")
    md.disable("inline")
    return md


def _as_chain_reads(text: str) -> str:
    """The reader's text before it made NULs itself (normalize did)."""
    return text.replace("\r\n", " \n").replace("\r", " ") if "\r" in text else text


def _tokens(md: MarkdownIt, text: str) -> list[dict[str, Any]]:
    """The tokens, a table's own left out: the reader's table is its lines, one open and close
    pair (``reader._table``), where the chain makes three tokens a cell."""
    out: list[dict[str, Any]] = []
    inside = False
    for t in md.parse(text, {}):
        inside = inside and t.type != "table_close"
        if not inside:
            out.append(t.as_dict())
        inside = inside or t.type == "table_open"
    return out


_LINE_STARTS = st.sampled_from([
    "", " ", "  ", "   ", "    ", "\t", " \t", "#", "# ", "## ", "###### ", "####### ", "#x", ">", "> ", ">> ", "> > ",
    "- ", "* ", "+ ", "-", "*", "1. ", "1) ", "2. ", "12345678901. ", "0", "2027 ", "---", "***", "___", "- - -",
    "===", "=", "--", "```", "~~~", "```js", "``", "<div>", "<!--", "-->", "<pre>", "</pre>", "<x-y>", "[a]: /b",
    "[a]", "[", "|", "| a | b |", "|---|---|", "|-", "a | b", "--- | ---", ":--", ":-: | -:", "- |", "|:",
    "text", "Q?", "**Why?**", "\\", "\0", "\r", "\r\n", "\u00a0", "\x0c", "—", "— Name, Role", "\"Quote,\" said",
    "&amp;", "!", ":", "_x", "Press release",
])
_LINE_ENDS = st.sampled_from(["", "text", " #", " ##", "?", "|", " | b", "   ", "\t", "\0", "-", "=", ":", "`", "```"])
_LINES = st.lists(st.tuples(st.lists(_LINE_STARTS, max_size=4), _LINE_ENDS)
                  .map(lambda p: "".join(p[0]) + p[1]), max_size=25).map("\n".join)


@settings(max_examples=3000, deadline=None)
@given(_LINES, st.sampled_from([reader.MAX_NESTING, 4, 6, 12]))
@example("a\n---", reader.MAX_NESTING)
@example("a\n|---|", reader.MAX_NESTING)
@example("# a | b\n--|--", reader.MAX_NESTING)
@example("> a\nb\n---", reader.MAX_NESTING)
@example("> a\n  ---", reader.MAX_NESTING)
@example("- a\n\n  b\n  ===", reader.MAX_NESTING)
@example("#hashtag\nnext", reader.MAX_NESTING)
@example("text\n#|\n:--\n-", reader.MAX_NESTING)  # the table rule reads its terminators as a table's
@example("a\nb|\n:--\n- ", reader.MAX_NESTING)
@example("a\0b\r\nc\rd", reader.MAX_NESTING)
@example("    code\ntext\n    lazy", reader.MAX_NESTING)
@example("> " * 12 + "deep\ntext", 6)
def test_first_rule_gives_the_chains_tokens(text: str, nesting: int) -> None:
    ours = reader._parser(nesting)
    assert "prfaq_first" in ours.block.ruler.get_active_rules()
    assert _tokens(ours, reader._for_parser(text)) == _tokens(_chain(nesting), _as_chain_reads(text)), repr(text)


_CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.md"))


@pytest.mark.parametrize("path", _CORPUS, ids=lambda p: p.name)
def test_first_rule_gives_the_chains_tokens_on_the_corpus(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _tokens(reader._MD, reader._for_parser(text)) == _tokens(_chain(reader.MAX_NESTING), _as_chain_reads(text))


def test_a_changed_chain_is_left_as_it_is() -> None:
    """A markdown-it whose block rules are not the ones the first rule was written for gets no
    first rule: the chain alone reads the page."""
    md = MarkdownIt("commonmark").enable("table")
    assert reader._chain_as_written(md)
    md.disable("lheading")
    assert not reader._chain_as_written(md)
    md = MarkdownIt("commonmark").enable("table")
    md.block.ruler.at("paragraph", lambda state, start, end, silent: False)
    assert not reader._chain_as_written(md)


def _blocks_as_written(tokens: list[Any], lines: list[str], offset: int = 0, stop: int | None = None) -> list[Any]:
    """``reader._blocks`` as it was written before its loop was made cheaper (#19)."""
    blocks: list[Any] = []
    last = len(lines) if stop is None else stop
    at = offset
    depth = 0
    n = 0
    while n < len(tokens):
        token = tokens[n]
        kind = reader._BLOCK_KINDS.get(token.type)
        if token.level != depth or token.nesting < 0 or kind is None or token.map is None:
            n += 1
            continue
        start, end = token.map[0] + offset, token.map[1] + offset
        if start > at:
            blocks += reader._gap(lines, at, start)
        end = min(max(end, start + 1), last)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        block = reader.Block(kind, start, end, "\n".join(lines[start:end]))
        close = n + 1
        if token.nesting == 1:
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
        at = max(at, end, min(token.map[1] + offset, last))
        n = close
    if at < last:
        blocks += reader._gap(lines, at, last)
    return blocks


@settings(max_examples=1500, deadline=None)
@given(_LINES, st.sampled_from([reader.MAX_NESTING, 4, 6]), st.integers(0, 3), st.integers(0, 30))
@example("a\n\n\n[x]: /y\n\nb", reader.MAX_NESTING, 0, 30)
@example("> a\n\n> b\n\n\n\n# c\n\n", reader.MAX_NESTING, 2, 3)
def test_blocks_walk_as_written(text: str, nesting: int, offset: int, cut: int) -> None:
    """The walk over the tokens gives the blocks it gave before it was made cheaper, with the
    offsets and stops the reader reads a page again with."""
    lines = ["x"] * offset + text.split("\n")
    tokens = reader._parser(nesting).parse(reader._for_parser(text), {})
    for stop in (None, len(lines), max(offset, len(lines) - cut)):
        assert reader._blocks(tokens, lines, offset, stop) == _blocks_as_written(tokens, lines, offset, stop), \
            (text, stop)


_MULTILINE = {
    "_MAY_HAVE_SECTION": re.compile(r"(?m)^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)"),
    "_SETEXT_UNDERLINE": re.compile(r"(?m)^ {0,3}(?:=+|-+)[ \t]*$"),
    "_ATX_TOP": re.compile(r"(?m)^ {0,3}#{1,2}(?=[ \t]|$)(.*)$"),
}
"""The line-start patterns of the body form as they were written, tried at every position."""
_PIECES = st.sampled_from(["", " ", "   ", "    ", "\t", "#", "##", "###", "# ", "## x", "=", "==", "-", "---", "- -",
                           "\n", "\n\n", "\r", "\r\n", "x", "Press release", "FAQ", " #", "\u2028", "\x0c", "\u00a0"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("")
@example("\n")
@example("## FAQ")
@example("x\n## FAQ\n## Press release #\n")
@example("---\n")
@example("a\n  ===  \r\nb")
def test_line_starts_agree_with_the_multiline_rules(text: str) -> None:
    for name, rule in _MULTILINE.items():
        ours: body._LineStart = getattr(body, name)
        assert (ours.search(text) is None) == (rule.search(text) is None), (name, text)
        found = [(m.group().removeprefix("\n"), m.groups()) for m in ours.finditer(text)]
        assert found == [(m.group(), m.groups()) for m in rule.finditer(text)], (name, text)
