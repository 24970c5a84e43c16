"""Review of the inline narrowing (``layout/inline.py``): site configurations under which a pattern
of another extension makes text the later patterns read, which the page's text does not hold (a
site's own emoji generator, an inlinehilite ``custom_inline`` format, a footnote marker format such
as ``{:c}``), and generated Markdown under more extension sets than ``test_inline_narrow.py``."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as etree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Extension, Markdown
from markdown.inlinepatterns import SimpleTagInlineProcessor

from mkdocs_prfaq.layout.inline import narrow_inline


def render(extensions: list[Any], configs: dict[str, Any], text: str, narrow: bool) -> str:
    md = Markdown(extensions=extensions, extension_configs=configs)
    if narrow:
        narrow_inline(md, lambda: True)
    return md.convert(text)


def same(extensions: list[Any], configs: dict[str, Any], text: str) -> str:
    narrowed, full = render(extensions, configs, text, True), render(extensions, configs, text, False)
    assert narrowed == full
    return full


def emphasis_generator(index: Any, shortname: str, *args: Any) -> etree.Element:
    el = etree.Element("span")
    el.text = "see _a_ b"  # (its own name would loop in Python-Markdown, with or without the narrowing)
    return el


def emphasis_format(src: str, language: str, class_name: str, md: Any) -> etree.Element:
    el = etree.Element("span")
    el.text = f"_{src}_"
    return el


def test_a_sites_own_emoji_generator_may_make_emphasis() -> None:
    html = same(["pymdownx.emoji"], {"pymdownx.emoji": {"emoji_generator": emphasis_generator}}, "hi :smile: there")
    assert "<em>a</em>" in html


def test_a_custom_inline_format_may_make_emphasis() -> None:
    configs = {"pymdownx.inlinehilite": {"custom_inline": [{"name": "b", "class": "b", "format": emphasis_format}]}}
    assert "<em>word</em>" in same(["pymdownx.inlinehilite"], configs, "see `#!b word` here")


def test_a_footnote_marker_format_may_make_characters_its_template_lacks() -> None:
    """``{0:c}`` of 42 is ``*``: the 42nd marker reads ``*x*``, emphasis."""
    text = "".join(f"w[^{i}] " for i in range(1, 43)) + "\n\n" + "\n".join(f"[^{i}]: n" for i in range(1, 43))
    html = same(["footnotes"], {"footnotes": {"SUPERSCRIPT_TEXT": "{0:c}x{0:c}"}}, text)
    assert "<em>x</em>" in html


def test_zensicals_emoji_and_arithmatex_keep_the_narrowing() -> None:
    """Zensical's default emoji generator and arithmatex's inline format stash their text: the
    patterns after them still narrow."""
    from pymdownx.arithmatex import arithmatex_inline_format
    from zensical.extensions.emoji import to_svg

    from mkdocs_prfaq.layout.inline import patterns_for

    md = Markdown(extensions=["pymdownx.emoji", "pymdownx.inlinehilite"], extension_configs={
        "pymdownx.emoji": {"emoji_generator": to_svg},
        "pymdownx.inlinehilite": {"custom_inline": [
            {"name": "math", "class": "arithmatex", "format": arithmatex_inline_format(which="generic")}]}})
    kept = patterns_for(md.inlinePatterns, "plain words")
    assert len(kept) < len(list(md.inlinePatterns)) - 5


class _Caret(Extension):
    """A custom extension: a core class with its own expression (sup by ^^), before the links."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()\^\^(.+?)\^\^", "sup"), "sup2", 165)


SETS: dict[str, tuple[list[Any], dict[str, Any]]] = {
    "smarty": (["smarty", "toc"], {"smarty": {"smart_angled_quotes": True}}),
    "legacy_em": (["legacy_em", "nl2br"], {}),
    "legacy_attrs": (["legacy_attrs", "attr_list", "md_in_html"], {}),
    "wikilinks": (["wikilinks", "abbr", "def_list"], {}),
    "footnotes": (["footnotes", "abbr"], {"footnotes": {"SUPERSCRIPT_TEXT": "[{}*]", "BACKLINK_TEXT": "<b>*</b>"}}),
    "pymdownx rest": (["pymdownx.betterem", "pymdownx.critic", "pymdownx.smartsymbols", "pymdownx.caret",
                       "pymdownx.mark", "pymdownx.tilde", "pymdownx.keys", "pymdownx.magiclink",
                       "pymdownx.saneheaders", "pymdownx.progressbar", "pymdownx.escapeall"],
                      {"pymdownx.magiclink": {"repo_url_shorthand": True, "social_url_shorthand": True,
                                              "user": "u", "repo": "r"},
                       "pymdownx.escapeall": {"hardbreak": True, "nbsp": True}}),
    "custom": ([_Caret(), "md_in_html", "attr_list", "footnotes"], {}),
}

PIECES = ["a", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "\\", "[", "]", "(", ")", "!", "<", ">", "&",
          "\"", "'", "--", "...", "<<", ">>", "^^", "~~", "==", "++", "{", "}", "|", ":", "#", "^",
          "&amp;", "<b>", "</b>", "<http://x.org>", "<a@b.c>", "[x](y)", "![i](j)", "[r]", "[[Wiki Link]]",
          "[r]: /u", "[^1]", "[^1]: note", "[^2]: *n*", "++ctrl+alt+del++", "{--del--}", "{++add++}", "{~~a~>b~~}",
          "{==mark==}", "{>>c<<}", "@user", "user/repo#1", "#2", "!3", "gh:user/repo", "http://ex.org",
          "(c)", "-->", "1/4", "{: .c }", "{@id=x}", "*[HTML]: Hyper", "HTML", "[=50% \"p\"]",
          "<div markdown=\"1\">", "</div>", "<span markdown>*s*</span>", "Term\n:   def", "\\\n", "\\ ",
          "é", "\x02", "\x03", "0", "'s", "\"q\""]


@pytest.mark.parametrize("name", list(SETS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(PIECES), max_size=50).map("".join))
def test_narrowing_gives_the_same_html_under_more_extensions(name: str, text: str) -> None:
    extensions, configs = SETS[name]
    same(extensions, configs, text)
