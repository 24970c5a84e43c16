"""PR/FAQ layouts in real builds: order, markup, anchors, TOC, search, escaping, overrides."""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
import markdown
import pytest
from markdown import Extension
from mkdocs.config import load_config

from benchmarks.generate import STATUSES, proposal_data
from mkdocs_prfaq.contract.frontmatter import parse
from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.contract.limits import Limits, measure
from mkdocs_prfaq.contract.model import Proposal
from mkdocs_prfaq.layout import render
from mkdocs_prfaq.layout.fields import FieldSplitter, collect
from mkdocs_prfaq.layout.render import PAGE_TEMPLATE as PAGE
from mkdocs_prfaq.layout.render import build_view

from ..conftest import Site

THEMES = ("mkdocs", "material")
EXTENSIONS = "markdown_extensions:\n  - admonition\n  - footnotes\n  - toc:\n      permalink: true\n"


def build_one(site: Site, theme: str, **changes: object) -> str:
    site.config(theme=theme, extra=EXTENSIONS)
    site.proposal("alpha.md", "launched", **changes)
    site.proposal("beta.md", "draft", i=1, title="Beta is related")
    result = site.build("--strict")
    assert result.code == 0, result.text
    return site.html("proposals/alpha/index.html")


def site_data(site: Site, name: str) -> dict[str, object]:
    parsed = parse((site.docs / "proposals" / name).read_text(encoding="utf-8"))
    assert parsed.data is not None
    return parsed.data


@pytest.mark.parametrize("theme", THEMES)
def test_sections_come_in_press_release_order(site: Site, theme: str) -> None:
    page = build_one(site, theme, dateline={"location": "SAN FRANCISCO, CA", "date": "2027-04-27", "outlet": "WIRE"},
                     related=["beta"])
    data = site_data(site, "alpha.md")
    pr = data["press_release"]
    order = ['class="prfaq-badge prfaq-badge--launched"', "<h1 ", 'id="press-release"', 'class="prfaq-subtitle"',
             "prfaq-dateline", pr["problem"][-9:], pr["solution"][-9:], "prfaq-quote--leader",
             pr["getting_started"][:12], "prfaq-quote--customer", pr["closing"][:40],
             'id="faq"', 'id="external-faq"', 'id="internal-faq"', 'id="customer"', "Notes from the customer interviews"]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert re.search(r'<p><strong class="prfaq-dateline">SAN FRANCISCO, CA, April 27, 2027 \(WIRE\) &ndash;</strong> Today we announce', page)
    assert '>Launched</span>' in page and "Beta is related</a>" in page
    assert 'Decision: Launched' in page


@pytest.mark.parametrize("theme", THEMES)
def test_quotes_are_attributed_figures(site: Site, theme: str) -> None:
    page = build_one(site, theme)
    figures = re.findall(r'<figure class="prfaq-quote prfaq-quote--(\w+)"><blockquote>(.*?)</blockquote><figcaption>(.*?)</figcaption>', page, re.S)
    assert [kind for kind, _, _ in figures] == ["leader", "customer"]
    assert "<cite>Sam Rivera</cite>" in figures[1][2] and "Customer quote" in figures[1][2]
    assert "Leader quote" in figures[0][2]


@pytest.mark.parametrize("theme", THEMES)
def test_faq_questions_are_headings_with_stable_anchors_in_toc_and_search(site: Site, theme: str) -> None:
    faq = {"external": [{"question": "How much does it cost?", "answer": "!!! note\n    Free, with [beta](beta.md)."},
                        {"question": "Is it <b>safe</b>?", "answer": "Yes.[^1]\n\n[^1]: Audited."},
                        {"question": "Where?", "answer": "Here.", "id": "where-to-buy"}],
           "internal": [{"question": "How much does it cost?", "answer": "Money."}] * 3}
    page = build_one(site, theme, faq=faq)
    assert '<h4 id="how-much-does-it-cost">How much does it cost?<a class="headerlink" href="#how-much-does-it-cost"' in page
    assert '<h4 id="is-it-safe">Is it <b>safe</b>?' in page  # a question's Markdown and HTML, sanitised
    assert '<h4 id="where-to-buy">' in page
    assert 'id="how-much-does-it-cost-2"' in page and 'id="how-much-does-it-cost-3"' in page
    # answers render through the site's Markdown config, links rewritten by MkDocs
    assert '<div class="admonition note">' in page and 'href="../beta/"' in page
    # table of contents: the sections and questions
    index = json.loads((site.root / "site" / "search" / "search_index.json").read_text())
    entries = {d["location"].split("#")[-1]: d for d in index["docs"] if d["location"].startswith("proposals/alpha/")}
    for anchor in ("press-release", "faq", "external-faq", "internal-faq", "how-much-does-it-cost", "where-to-buy"):
        assert anchor in entries, (anchor, sorted(entries))
    assert "Free, with" in entries["how-much-does-it-cost"]["text"]
    if theme == "mkdocs":
        start = page.index('id="toc-collapse"')
        toc = page[start:page.index("</div>", start)]
        assert "Press release" in toc and "FAQ" in toc
    else:
        toc = page[page.index('data-md-component="toc"'):page.index('class="md-content"')]
        for text in ("Press release", "External FAQ", "Internal FAQ", "How much does it cost?", "Appendix"):
            assert text in toc, text


XSS = "<script>window.__pwned=1</script>"


@pytest.mark.parametrize("theme", THEMES)
def test_front_matter_is_escaped_everywhere_and_scripts_never_run(site: Site, theme: str) -> None:
    page = build_one(
        site, theme,
        title=f"Title {XSS}", owner=f"Owner {XSS}", subtitle=f"Sub {XSS}", tags=[f'tag"><b onmouseover=x>{XSS}'],
        authors=[XSS], dateline={"location": XSS, "date": "2027-01-01"},
        quotes=[{"kind": "leader", "name": XSS, "role": XSS, "text": f"Quote {XSS}"},
                {"kind": "customer", "name": "C", "role": "R", "text": "[click](javascript:window.__pwned=1)"}],
        faq={"external": [{"question": f"Q {XSS}", "answer": f"A {XSS}\n{{: onclick=\"window.__pwned=1\" }}"}] * 3,
             "internal": [{"question": "Q", "answer": "![x](data:text/html,x) <img src=x onerror=window.__pwned=1>"}] * 3},
    )
    assert "<script>window.__pwned" not in page
    assert not re.search(r"<[^<>]*\bon(?:click|error|mouseover)\s*=", page)  # no handler inside any tag
    assert not re.search(r"""(?:href|src)=["']?\s*(?:javascript|data):""", page)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_labels_and_limits(site: Site) -> None:
    site.config("labels:\n  internal_faq: Business FAQ\n  in-review: Under review\nlimits:\n  press_release_words: 50\n  faq_words: null")
    site.proposal("alpha.md", "in-review")
    result = site.build()
    assert result.code == 0, result.text
    assert re.search(r"WARNING -  docs/proposals/alpha\.md:\d+: press_release: \d+ words, over the limit of 50 \(limits\.press_release_words\)", result.text)
    assert not re.search(r":\d+: faq:", result.text.split("press_release:")[-1])
    page = site.html("proposals/alpha/index.html")
    assert ">Business FAQ<" in page and ">Under review</span>" in page and "Internal FAQ" not in page
    assert re.search(r'<strong class="prfaq-over">press release: \d+ words</strong>, FAQ: \d+ words', page)
    assert site.build("--strict").code == 1
    site.config("labels:\n  internal_fq: x")
    bad = site.build()
    assert bad.code == 1 and "unknown label(s): internal_fq" in bad.text


def test_templates_and_css_are_overridable_from_custom_dir(site: Site) -> None:
    (site.root / "overrides" / "prfaq").mkdir(parents=True)
    (site.root / "overrides" / "prfaq" / "faq.html").write_text(
        '<div class="our-faq">{% for q in view.external %}<p id="{{ q.id }}">{{ q.question }}</p>{% endfor %}</div>',
        encoding="utf-8")
    (site.root / "overrides" / "assets" / "prfaq").mkdir(parents=True)
    (site.root / "overrides" / "assets" / "prfaq" / "prfaq.css").write_text("/* ours */", encoding="utf-8")
    site.config(extra="")
    text = (site.root / "mkdocs.yml").read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n")
    (site.root / "mkdocs.yml").write_text(text)
    site.proposal("alpha.md", "approved")
    assert site.build("--strict").code == 0
    page = site.html("proposals/alpha/index.html")
    assert '<div class="our-faq">' in page and 'id="external-faq"' not in page
    assert (site.root / "site" / "assets" / "prfaq" / "prfaq.css").read_text() == "/* ours */"
    assert 'href="../../assets/prfaq/prfaq.css"' in page


def test_a_broken_override_is_reported_in_its_own_file(site: Site) -> None:
    """Bundled parts are inlined into the page template; an override stays a real include."""
    (site.root / "overrides" / "prfaq").mkdir(parents=True)
    (site.root / "overrides" / "prfaq" / "quote.html").write_text("<p>{{ q.name }</p>\n", encoding="utf-8")
    text = (site.root / "mkdocs.yml").read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n")
    (site.root / "mkdocs.yml").write_text(text)
    site.proposal("alpha.md", "approved")
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert "prfaq: overrides/prfaq/quote.html:1: template: unexpected '}' (expected a valid Jinja template)" in result.text
    (site.root / "overrides" / "prfaq" / "quote.html").write_text("<p>{{ q.name.nope() }}</p>\n", encoding="utf-8")
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert ("prfaq: proposals/alpha.md: overrides/prfaq/quote.html:1: template: 'str object' has no attribute 'nope'"
            in result.text)


@pytest.mark.parametrize("status", STATUSES)
def test_inlined_templates_render_what_includes_render(status: str) -> None:
    data = json.loads(json.dumps(proposal_data(3, status), default=str))
    p = Proposal("proposals/x.md", "x.md", data, {}, "")
    view = build_view(p, labels=merge_labels(None), fields_html={k: f"<p>{v}</p>" for k, v in collect(p)},
                      body_html="<p>body</p>", links={}, words=measure(p, Limits()), permalink="#", index_url="../")

    class Including(jinja2.FileSystemLoader):  # Jinja's own includes, compacted the same way
        def get_source(self, environment: jinja2.Environment, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            return render._BETWEEN_TAGS.sub("", source), filename, uptodate

    including = render.make_environment()
    including.loader = Including([str(render.TEMPLATES)])
    assert "{% include" not in render.make_environment().loader.get_source(render.make_environment(), PAGE)[0]
    assert render.render_page(render.make_environment(), view) == render.render_page(including, view)


def test_layout_false_only_validates(site: Site) -> None:
    site.config("layout: false")
    site.proposal("alpha.md", "approved")
    assert site.build("--strict").code == 0
    page = site.html("proposals/alpha/index.html")
    assert "prfaq-statusline" not in page and 'id="press-release"' not in page and "Appendix" in page
    site.config("layout: false\nindex: false")
    assert site.build("--strict").code == 0
    assert "prfaq.css" not in site.html("proposals/alpha/index.html")
    assert not (site.root / "site" / "proposals" / "proposals.json").exists()


def test_splitter_falls_back_when_an_extension_swallows_the_markers() -> None:
    splitter = FieldSplitter()
    fields = [("a", "one"), ("b", "two")]
    joined = splitter.join("body", fields)
    body, html = splitter.split("<p>body</p>", fields, lambda text: f"<p>{text}</p>", str)
    assert body == "<p>body</p>" and html == {"a": "<p>one</p>", "b": "<p>two</p>"}
    assert joined.count("PRFAQFIELD") == 3
    rendered = "<p>body</p>" + "".join(f"{splitter.rendered_marker(i)}<p>{t}</p>" for i, t in enumerate(["one", "two"]))
    assert splitter.split(rendered + splitter.rendered_marker(2), fields, str, str) == ("<p>body</p>", html)


def test_marker_extension_keeps_inline_patterns_off_the_markers() -> None:
    splitter = FieldSplitter()
    marker = splitter.marker(0)
    # An abbreviation of the marker's own text: any inline pass over a marker would wrap it.
    text = f"*[{marker}]: trap\n\n" + splitter.join("body", [("a", "*one*")])
    assert f"<p>{marker}</p>" not in markdown.markdown(text, extensions=["abbr"])
    rendered = markdown.markdown(text, extensions=["abbr", splitter.extension()])
    assert splitter.split(rendered, [("a", "*one*")], str, str) == ("<p>body</p>", {"a": "<p><em>one</em></p>"})


def test_plugin_registers_the_marker_extension(site: Site) -> None:
    config = load_config(str(site.root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert any(isinstance(e, Extension) and type(e).__name__ == "_MarkerExtension" for e in config.markdown_extensions)


def test_label_placeholders_are_checked(site: Site) -> None:
    site.proposal("alpha.md", "draft")
    site.config("labels:\n  faq_words: 'FAQ: {words} words'")
    result = site.build()
    assert result.code == 1 and "label 'faq_words'" in result.text and "Traceback" not in result.text
    site.config("labels:\n  faq_words: 'Foire aux questions : {count} mots'")
    assert site.build("--strict").code == 0
    assert "Foire aux questions : " in site.html("proposals/alpha/index.html")


def test_wrong_types_still_render_under_warn(site: Site) -> None:
    site.page("odd.md", "---\ntitle: [not, text]\nstatus: launched\nowner: {a: 1}\ncreated: 2026-01-01\n"
              "tags: ok\nquotes: [{text: 1}, oops, {kind: customer, name: N, role: R, text: fine}]\n"
              "faq: {external: nope, internal: [{question: 3, answer: [x]}]}\ndateline: [x]\n"
              "press_release: {summary: 12}\ndecision: yes\nrelated: [odd]\n---\nBody\n")
    site.config("on_invalid: warn", theme="material")
    result = site.build()
    assert result.code == 0 and "Traceback" not in result.text, result.text
    page = site.html("proposals/odd/index.html")
    assert "prfaq-statusline" in page and "Body" in page and "fine" in page


def test_an_empty_proposals_folder(site: Site) -> None:
    assert site.build("--strict").code == 0
    assert "prfaq-groups" in site.html("proposals/index.html")
    assert "No approved or launched proposal yet." in site.html("proposals/roadmap/index.html")
