"""The Markdown-valued fields of a proposal, rendered in the page's own Markdown pass.

The plugin appends each field's Markdown to the page body, separated by markers, so one pass
renders them with the site's ``markdown_extensions`` and MkDocs rewrites their links; then
:meth:`FieldSplitter.split` takes the HTML apart again and hands each piece (the body and every
field) to a sanitiser on its own, so no piece can close or open markup around the place it is put.
While a PR/FAQ page renders, the marker extension also makes every element id safe
(:func:`~mkdocs_prfaq.layout.sanitize.safe_id`) before the table of contents is taken from them.
"""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as etree
from collections.abc import Callable
from itertools import chain

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..contract.model import Proposal
from .sanitize import safe_id

Field = tuple[str, str]
"""``(key, markdown)``: ``press_release.summary``, ``quotes.0.text``, ``faq.external.2.answer``..."""

PRESS_RELEASE_PARTS = ("summary", "problem", "solution", "getting_started", "closing")
CUSTOMER_PARTS = ("who", "problem", "benefit", "evidence", "experience")


INLINE_MARKUP = frozenset("*_`[<&\\")
"""Characters that may make a question's text Markdown (``Why **not**?``): such a question is
rendered as Markdown, inline; any other is shown as the text it is."""


def collect(proposal: Proposal) -> list[Field]:
    """Every Markdown field that the layout shows, in a fixed order."""
    fields: list[Field] = []
    pr = proposal.press_release
    if proposal.preface:
        fields.append(("press_release.preface", proposal.preface))
    fields += [(f"press_release.{k}", pr[k]) for k in PRESS_RELEASE_PARTS if pr.get(k)]
    for i, quote in enumerate(proposal.quotes):
        if isinstance(quote.get("text"), str):
            fields.append((f"quotes.{i}.text", quote["text"]))
    for part in ("external", "internal"):
        for i, qa in enumerate(proposal.faq(part)):
            question = qa.get("question")
            if isinstance(question, str) and any(c in question for c in INLINE_MARKUP):
                fields.append((f"faq.{part}.{i}.question", question))  # shown with its emphasis, code, links
            if isinstance(qa.get("answer"), str):
                fields.append((f"faq.{part}.{i}.answer", qa["answer"]))
    customer = proposal.customer
    fields += [(f"customer.{k}", customer[k]) for k in CUSTOMER_PARTS if customer.get(k)]
    summary = proposal.decision.get("summary")
    if isinstance(summary, str):
        fields.append(("decision.summary", summary))
    return fields


def may_hold_markup(proposal: Proposal) -> bool:
    """False only where neither the body nor any field :func:`collect` takes holds ``<`` or ``![``:
    then none holds an image (``![``, ``<img``) or a snippet include (``--8<--``), and ``check``
    need not collect the fields to look. Searched as one text, with what collect leaves out (a
    question without :data:`INLINE_MARKUP`, which has no ``<`` or ``[``; every other value of a
    quote, a question and answer, the press release and the customer): only more text, so never
    False where collect's fields hold one."""
    summary = proposal.decision.get("summary")
    parts = [proposal.press_release, proposal.customer, *proposal.quotes, *proposal.faq("external"),
             *proposal.faq("internal")]
    texts = [proposal.body, proposal.preface, summary if isinstance(summary, str) else "",
             *chain.from_iterable(map(dict.values, parts))]
    try:
        text = "\n".join(texts)
    except TypeError:  # a value that is not text (a number, a list): the texts only
        text = "\n".join(t for t in texts if isinstance(t, str))
    return "<" in text or ("[" in text and "![" in text)


class FieldSplitter:
    """Joins fields after the body with unforgeable markers, and splits the rendered HTML.

    Add :meth:`extension` to the Markdown extensions: it renders each marker as a bare paragraph
    straight away, and makes element ids safe while :attr:`active` (a PR/FAQ page renders).
    Without it the markers still work, as ordinary paragraphs that every block and inline pattern
    is tried on (about two dozen per page, a fifth of a page's Markdown time)."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.active = False
        """True while a PR/FAQ page renders: the plugin sets it for each page."""

    def extension(self) -> Extension:
        return _MarkerExtension(f"PRFAQFIELD{self.nonce}X", self)

    def marker(self, i: int) -> str:
        """A paragraph of its own, cheap for Markdown to render and impossible for a field to
        forge (field text cannot know the nonce)."""
        return f"PRFAQFIELD{self.nonce}X{i}"

    def rendered_marker(self, i: int) -> str:
        return f"<p>{self.marker(i)}</p>"

    def join(self, body: str, fields: list[Field]) -> str:
        parts = [body.rstrip("\n")]
        for i, (_, markdown) in enumerate(fields):
            parts.append(f"\n\n{self.marker(i)}\n\n{markdown.strip(chr(10))}")
        parts.append(f"\n\n{self.marker(len(fields))}\n")
        return "".join(parts)

    def split(
        self, rendered: str, fields: list[Field], render: Callable[[str], str], clean: Callable[[str], str],
        clean_field: Callable[[str, str], str] | None = None,
    ) -> tuple[str, dict[str, str]]:
        """``(body_html, {key: html})``, each piece passed through ``clean`` on its own (a field
        through ``clean_field(key, html)`` when given: sanitised for the slot it fills). Where a
        marker did not survive rendering (a field's unclosed fence or HTML block swallowed it),
        each field is rendered on its own with ``render``."""
        if clean_field is None:
            clean_field = lambda _, html: clean(html)  # noqa: E731
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
                out[key] = clean_field(key, rendered[start : positions[i + 1]].strip())
            tail = rendered[positions[-1] + len(markers[-1]) :]
            return clean((body + tail).strip()), out
        cut = min((p for p in positions if p >= 0), default=len(rendered))
        return clean(rendered[:cut].strip()), {key: clean_field(key, render(md)) for key, md in fields}


class _MarkerExtension(Extension):
    def __init__(self, prefix: str, splitter: FieldSplitter) -> None:
        super().__init__()
        self.prefix = prefix
        self.splitter = splitter

    def extendMarkdown(self, md: Markdown) -> None:
        # First in line: a marker block is claimed before any other processor looks at it.
        md.parser.blockprocessors.register(_MarkerProcessor(md.parser, self.prefix), "prfaq_marker", 200)
        # After attr_list (8) sets ids and before toc (5) takes the table of contents from them.
        md.treeprocessors.register(_SafeIds(md, self.splitter), "prfaq_safe_ids", 6)


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


_ALIGN = {"text-align: left;": "left", "text-align: right;": "right", "text-align: center;": "center"}


class _SafeIds(Treeprocessor):
    """On a PR/FAQ page: every id of slug characters only (an ``attr_list`` id such as
    ``{#a"><script>}`` cannot reach the table of contents, which themes print unescaped), and a
    table cell's alignment kept as ``align`` (the sanitiser drops every ``style``)."""

    def __init__(self, md: Markdown, splitter: FieldSplitter) -> None:
        super().__init__(md)
        self.splitter = splitter

    def run(self, root: etree.Element) -> None:
        if not self.splitter.active:
            return
        for el in root.iter():
            value = el.get("id")
            if value is not None:
                el.set("id", safe_id(value))
            if el.tag in ("td", "th"):
                align = _ALIGN.get(el.get("style", ""))
                if align:
                    del el.attrib["style"]
                    el.set("align", align)
