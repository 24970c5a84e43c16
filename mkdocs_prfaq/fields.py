"""The Markdown-valued fields of a proposal, rendered in the page's own Markdown pass.

The plugin appends each field's Markdown to the page body, separated by markers, so one pass
renders them with the site's ``markdown_extensions`` and MkDocs rewrites their links; then
:meth:`FieldSplitter.split` takes the HTML apart again. Field text is sanitised first: raw HTML
is escaped (a ``<script>`` in front matter never runs), attribute lists with event handlers are
defused, and an unclosed code fence is closed so it cannot swallow the next marker. After
rendering, script URLs and event-handler attributes are removed from the field's HTML.
"""

from __future__ import annotations

import html
import re
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from .model import Proposal

Field = tuple[str, str]
"""``(key, markdown)``: ``press_release.summary``, ``quotes.0.text``, ``faq.external.2.answer``..."""

PRESS_RELEASE_PARTS = ("summary", "problem", "solution", "getting_started", "closing")
CUSTOMER_PARTS = ("who", "problem", "benefit", "evidence", "experience")


def collect(proposal: Proposal) -> list[Field]:
    """Every Markdown field that the layout shows, in a fixed order."""
    fields: list[Field] = []
    pr = proposal.press_release
    fields += [(f"press_release.{k}", pr[k]) for k in PRESS_RELEASE_PARTS if pr.get(k)]
    for i, quote in enumerate(proposal.quotes):
        if isinstance(quote.get("text"), str):
            fields.append((f"quotes.{i}.text", quote["text"]))
    for part in ("external", "internal"):
        for i, qa in enumerate(proposal.faq(part)):
            if isinstance(qa.get("answer"), str):
                fields.append((f"faq.{part}.{i}.answer", qa["answer"]))
    customer = proposal.customer
    fields += [(f"customer.{k}", customer[k]) for k in CUSTOMER_PARTS if customer.get(k)]
    summary = proposal.decision.get("summary")
    if isinstance(summary, str):
        fields.append(("decision.summary", summary))
    return fields


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp|mailto):[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r"""\b(href|src|action|formaction|xlink:href)\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_HANDLER_ATTR = re.compile(r"""\s(?:on[a-z]+|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_ATTR_LIST = re.compile(r"\{(?=[^}\n]*\b(?:on[a-z]+|style|href|src)\s*=)", re.IGNORECASE)


def _escape_html(text: str) -> str:
    """Escape '<' that would open raw HTML, keeping autolinks and code spans intact."""
    if "`" not in text:
        return _escape_outside_code(text)
    out: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(text):
        out.append(_escape_outside_code(text[last : span.start()]))
        out.append(span.group(0))
        last = span.end()
    out.append(_escape_outside_code(text[last:]))
    return "".join(out)


def _escape_outside_code(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for link in _AUTOLINK.finditer(text):
        pieces.append(_TAG_START.sub("&lt;", text[last : link.start()]))
        pieces.append(link.group(0))
        last = link.end()
    pieces.append(_TAG_START.sub("&lt;", text[last:]))
    return _ATTR_LIST.sub("&#123;", "".join(pieces))


def _safe_url(match: re.Match[str]) -> str:
    quoted = match.group(2)
    url = _INVISIBLE.sub("", html.unescape(quoted[1:-1]))
    if _UNSAFE_SCHEME.match(url):
        return f'{match.group(1)}="#"'
    return match.group(0)


def _clean_tag(match: re.Match[str]) -> str:
    return _URL_ATTR.sub(_safe_url, _HANDLER_ATTR.sub("", match.group(0)))


_RISKY = re.compile(r"(?i)\b(?:href|src|action|formaction|on[a-z]+|style)\s*=")


def clean_html(rendered: str) -> str:
    """Belt and braces after rendering a field: no script URLs, no event-handler or style attributes."""
    if "=" not in rendered or not _RISKY.search(rendered):  # no attribute at all: nothing to clean
        return rendered
    return _TAG.sub(_clean_tag, rendered)


def sanitize(markdown: str) -> str:
    """Field Markdown made safe to render: no raw HTML, no script URLs, fences closed."""
    if "<" not in markdown and "{" not in markdown:
        return markdown  # most prose: nothing to neutralise, no fence can matter
    if "```" not in markdown and "~~~" not in markdown:
        return _escape_html(markdown)
    lines = markdown.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    prose: list[str] = []
    fence: tuple[str, str] | None = None  # (indent, fence chars) of the open fence
    for line in lines:
        m = _FENCE.match(line)
        if fence is None:
            if m:
                if prose:
                    out.append(_escape_html("\n".join(prose)))
                prose = []
                fence = (m.group("indent"), m.group("fence"))
                out.append(line)
            else:
                prose.append(line)
        else:
            out.append(line)
            if m and m.group("fence")[0] == fence[1][0] and len(m.group("fence")) >= len(fence[1]) \
                    and line.strip() == m.group("fence"):
                fence = None
    if prose:
        out.append(_escape_html("\n".join(prose)))
    if fence is not None:
        out.append(fence[0] + fence[1])
    return "\n".join(out)


class FieldSplitter:
    """Joins fields after the body with unforgeable markers, and splits the rendered HTML.

    Add :meth:`extension` to the Markdown extensions: it renders each marker as a bare paragraph
    straight away. Without it the markers still work, as ordinary paragraphs that every block and
    inline pattern is tried on (about two dozen per page, a fifth of a page's Markdown time)."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)

    def extension(self) -> Extension:
        return _MarkerExtension(f"PRFAQFIELD{self.nonce}X")

    def marker(self, i: int) -> str:
        """A paragraph of its own, cheap for Markdown to render and impossible for a field to
        forge (field text cannot know the nonce)."""
        return f"PRFAQFIELD{self.nonce}X{i}"

    def rendered_marker(self, i: int) -> str:
        return f"<p>{self.marker(i)}</p>"

    def join(self, body: str, fields: list[Field]) -> str:
        parts = [body.rstrip("\n")]
        for i, (_, markdown) in enumerate(fields):
            parts.append(f"\n\n{self.marker(i)}\n\n{sanitize(markdown).strip(chr(10))}")
        parts.append(f"\n\n{self.marker(len(fields))}\n")
        return "".join(parts)

    def split(
        self, rendered: str, fields: list[Field], render: Callable[[str], str]
    ) -> tuple[str, dict[str, str]]:
        """``(body_html, {key: html})``. Where a marker did not survive rendering (an extension
        swallowed it), each field is rendered on its own with ``render``."""
        markers = [self.rendered_marker(i) for i in range(len(fields) + 1)]
        positions: list[int] = []
        start = 0
        for m in markers:  # in order, each search starting where the last marker was found
            found = rendered.find(m, start)
            positions.append(found)
            start = max(found, start)
        if all(p >= 0 for p in positions) and positions == sorted(positions):
            body = rendered[: positions[0]]
            out = {}
            for i, (key, _) in enumerate(fields):
                start = positions[i] + len(markers[i])
                out[key] = clean_html(rendered[start : positions[i + 1]].strip())
            tail = rendered[positions[-1] + len(markers[-1]) :]
            return (body + tail).strip(), out
        cut = min((p for p in positions if p >= 0), default=len(rendered))
        return rendered[:cut].strip(), {key: clean_html(render(sanitize(md))) for key, md in fields}


class _MarkerExtension(Extension):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def extendMarkdown(self, md: Markdown) -> None:
        # First in line: a marker block is claimed before any other processor looks at it.
        md.parser.blockprocessors.register(_MarkerProcessor(md.parser, self.prefix), "prfaq_marker", 200)


class _MarkerProcessor(BlockProcessor):
    """A marker block becomes ``<p>marker</p>`` whose text no inline pattern is tried on."""

    def __init__(self, parser: BlockParser, prefix: str) -> None:
        super().__init__(parser)
        self.prefix = prefix

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith(self.prefix)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        marker, _, rest = blocks.pop(0).partition("\n")
        etree.SubElement(parent, "p").text = AtomicString(marker)
        if rest:
            blocks.insert(0, rest)
