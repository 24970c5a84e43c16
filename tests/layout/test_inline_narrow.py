"""The inline pass of a laid-out page runs only the patterns that can match its text
(``layout/inline.py``): the HTML is what the whole list of patterns gives, for generated Markdown
rich in every pattern's characters, under Python-Markdown alone, the extensions Zensical's default
site lists, and Python-Markdown's ``extra``."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from mkdocs_prfaq.layout import inline
from mkdocs_prfaq.layout.inline import narrow_inline, needs, patterns_for

ZENSICAL_DEFAULT = [
    "toc", "tables", "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
    "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
]
"""What ``zensical new`` lists (0.0.73)."""
CONFIGS: dict[str, dict[str, Any]] = {"pymdownx.arithmatex": {"generic": True}, "toc": {"permalink": True},
                                      "footnotes": {"SUPERSCRIPT_TEXT": "[{}]"}}
SETS = {"core": [], "zensical default": ZENSICAL_DEFAULT, "extra": ["extra", "toc", "sane_lists", "nl2br"],
        "bench": ["admonition", "toc", "tables", "pymdownx.superfences"]}

PIECES = ["a", "b", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">",
          "&", ";", "#", "&amp;", "&#35;", "<b>", "</b>", "<http://x.org>", "<a@b.c>", "[x](y)", "![i](j)", "[r]",
          "[r]: /u", "[^1]", "[^1]: note", "++ctrl+alt+del++", ":smile:", "$x$", "==m==", "^^c^^", "~~t~~", "~s~",
          "http://ex.org", "www.ex.org", "@user", "(c)", "-->", "1/4", "{: .c }", "*[HTML]: Hyper", "HTML",
          "- [ ] t", "> q", "1. o", "    code", "```\nf\n```", "`x`", ":::", "|a|b|\n|-|-|\n|1|2|", "!!! note",
          "é", "\x02", "\x03", "0", "''"]

markdown_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def render(extensions: list[str], text: str, narrow: bool) -> str:
    md = Markdown(extensions=extensions, extension_configs={k: v for k, v in CONFIGS.items() if k in extensions})
    if narrow:
        narrow_inline(md, lambda: True)
    return md.convert(text)


@pytest.mark.parametrize("name", list(SETS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown_text)
def test_narrowing_gives_the_same_html(name: str, text: str) -> None:
    assert render(SETS[name], text, narrow=True) == render(SETS[name], text, narrow=False)


def test_a_page_of_prose_runs_few_patterns() -> None:
    """What the narrowing is for: plain prose with one bold phrase keeps, of Python-Markdown's
    own patterns, only emphasis (and every pattern of another extension, which always runs)."""
    md = Markdown(extensions=[])
    kept = patterns_for(md.inlinePatterns, "Plain prose, with one **bold** phrase.")
    assert [type(p).__name__ for p in kept] == [type(md.inlinePatterns["em_strong"]).__name__]
    md = Markdown(extensions=ZENSICAL_DEFAULT)
    kept = patterns_for(md.inlinePatterns, "Plain prose.")
    assert len(kept) < len(list(md.inlinePatterns)) - 8


def test_after_a_pattern_of_unknown_output_every_pattern_runs() -> None:
    """A pattern this module does not know may make new text for the patterns after it: they all
    run, whatever the page holds."""
    from markdown.inlinepatterns import InlineProcessor

    class Makes(InlineProcessor):
        def handleMatch(self, m: Any, data: str) -> tuple[Any, int, int]:
            from xml.etree import ElementTree as etree

            el = etree.Element("span")
            el.text = "*made*"
            return el, m.start(0), m.end(0)

    md = Markdown(extensions=[])
    md.inlinePatterns.register(Makes(r"%%", md), "makes", 175)
    kept = patterns_for(md.inlinePatterns, "%% plain")
    assert type(kept[0]).__name__ == "Makes"  # backtick and escape, before it, cannot match
    assert len(kept) == len(list(md.inlinePatterns)) - 2
    html = Markdown(extensions=[])
    html.inlinePatterns.register(Makes(r"%%", html), "makes", 175)
    narrow_inline(html, lambda: True)
    assert "<em>made</em>" in html.convert("%% plain")


def test_every_core_pattern_is_known_in_this_version() -> None:
    """Each of Python-Markdown's own patterns this version registers is recognised, so a new
    version that renames a regular expression shows here rather than as a slower page."""
    md = Markdown(extensions=[])
    unknown = [name for name in ("backtick", "escape", "reference", "link", "image_link", "image_reference",
                                 "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html",
                                 "entity", "em_strong") if name in md.inlinePatterns and needs(md.inlinePatterns[name]) is None]
    assert unknown == []
    assert inline._TRIGGERS


def test_a_wrong_trigger_would_be_caught() -> None:
    """The comparison above can fail: with the link pattern said to need a character links do not
    need, a link is left as text."""
    md = Markdown(extensions=[])
    link = md.inlinePatterns["link"]
    saved = dict(inline._TRIGGERS)
    try:
        inline._TRIGGERS[link.pattern] = ("\x07",)
        assert render([], "[x](y)", narrow=True) != render([], "[x](y)", narrow=False)
    finally:
        inline._TRIGGERS.clear()
        inline._TRIGGERS.update(saved)


def test_a_conversion_inside_the_inline_pass_narrows_for_its_own_text() -> None:
    """An inline pattern that converts Markdown with the page's own instance (``md.convert`` inside
    ``md.convert``): the inner text gets the patterns its characters need, and the outer pass
    goes on with its own list, as with no narrowing."""
    from xml.etree import ElementTree as etree

    from markdown.inlinepatterns import InlineProcessor

    class Nested(InlineProcessor):
        def handleMatch(self, m: Any, data: str) -> tuple[Any, int, int]:
            el = etree.Element("span")
            inner = self.md.treeprocessors["inline"]
            stash = inner.stashed_nodes, inner.parent_map, inner.ancestors
            html = self.md.convert("[in](x) *em* `c`")
            inner.stashed_nodes, inner.parent_map, inner.ancestors = stash
            el.text = self.md.htmlStash.store(html)
            return el, m.start(0), m.end(0)

    def convert(narrow: bool) -> str:
        md = Markdown(extensions=[])
        md.inlinePatterns.register(Nested(r"%%", md), "nested", 50)
        if narrow:
            narrow_inline(md, lambda: True)
        first = md.convert("plain %% then **bold** and *em*")
        return first

    assert convert(narrow=True) == convert(narrow=False)
