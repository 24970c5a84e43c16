"""What the index, the status pages and a proposal's header show, in the built HTML: no Status
column inside a status group, a draft's launch as a target, big groups laid out lazily with the
height of their rows, tags once beside Material's tags plugin, no empty lengths, a status link
that reads as a sentence, and the generated pages where a reader looks for them in the sidebar
of a site made by `init` (and not reported missing from an explicit nav)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import proposal_data
from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.contract.model import Proposal
from mkdocs_prfaq.index.listing import column_css, listing_html
from mkdocs_prfaq.layout.render import make_environment

from ..conftest import Site


def build(root: Path) -> None:
    """An in-process ``mkdocs build`` of the site at ``root``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(config_file=str(root / "mkdocs.yml")))


def proposals(statuses: list[str]) -> list[Proposal]:
    parsed = [json.loads(json.dumps(proposal_data(i, s), default=str)) for i, s in enumerate(statuses)]
    return [Proposal(f"proposals/p{i}.md", f"docs/proposals/p{i}.md", d, {}, "") for i, d in enumerate(parsed)]


def nav_titles(page: str) -> list[str]:
    nav = page[page.index('class="md-nav md-nav--primary"'):page.index('class="md-content"')]
    return re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)


def group(html: str, status: str) -> str:
    start = html.index(f'data-status="{status}"')
    end = html.find("<details", start)
    return html[start:end if end > 0 else len(html)]


def test_a_status_group_has_no_status_column_and_names_its_launch_dates() -> None:
    html = listing_html(make_environment(), "index", proposals(["draft", "approved", "launched", "rejected"] * 2),
                        merge_labels(None), lambda p: f"{p.id}/")
    headers = {s: re.findall(r'<th scope="col">([^<]*)</th>', group(html, s))
               for s in ("draft", "approved", "launched", "rejected")}
    assert headers["draft"] == ["Proposals", "Owner", "Created", "Updated", "Target launch", "Tags"]
    assert headers["approved"][4] == "Launch" and headers["launched"][4] == "Launched"
    assert headers["rejected"][4] == "Target launch"  # never decided on: what it aimed for
    assert all(h.count("Status") == 0 for h in headers.values())
    assert "<b>Draft</b>" not in html
    # on a phone a row names its fields (statuses.css names them), the launch's by the group's level
    assert 'class="prfaq-level--thin"' in group(html, "draft") and 'class="prfaq-level--launched"' in group(html, "launched")
    css = column_css(merge_labels(None))
    assert '.prfaq-groups { --prfaq-l-owner: "Owner"; --prfaq-l-created: "Created"; --prfaq-l-updated: "Updated"; ' \
           '--prfaq-l-launch: "Target launch"; --prfaq-l-in-status: "In status"; }' in css
    assert '.prfaq-level--launched ~ .prfaq-table-wrap { --prfaq-l-launch: "Launched"; }' in css
    assert '.prfaq-level--decided ~ .prfaq-table-wrap { --prfaq-l-launch: "Launch"; }' in css
    assert "style=" not in html, "no inline style: a site's CSP may forbid them, and hostile pages are checked for none"
    # a launched proposal's launch date is the day it launched, not the one its press release imagined
    launched = next(p for p in proposals(["draft", "approved", "launched"]) if p.status == "launched")
    assert launched.launched and launched.launched in group(html, "launched")


def test_only_a_group_of_over_a_hundred_is_laid_out_lazily() -> None:
    html = listing_html(make_environment(), "index", proposals(["draft"] * 230 + ["approved"] * 100),
                        merge_labels(None), lambda p: f"{p.id}/")
    draft, approved = group(html, "draft"), group(html, "approved")
    assert re.findall(r'<div class="prfaq-chunk[^"]*"[^>]*>', draft) == [
        '<div class="prfaq-chunk prfaq-chunk--lazy">'] * 3
    assert re.findall(r'<div class="prfaq-chunk[^"]*"[^>]*>', approved) == ['<div class="prfaq-chunk">']
    css = (Path(__file__).parent.parent.parent / "mkdocs_prfaq" / "assets" / "prfaq.css").read_text(encoding="utf-8")
    assert "contain-intrinsic-size: auto 40em" not in css and "512px" not in css, "no guessed height"
    assert re.search(r"\.prfaq-chunk--lazy \{ content-visibility: auto; contain-intrinsic-size: auto none auto "
                     r"calc\(var\(--prfaq-rows, 100\) \* [\d.]+em\); \}", css)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40))
def test_column_names_are_css_strings_whatever_the_label(label: str) -> None:
    css = column_css(merge_labels({"owner": label}))
    found = re.match(r'\.prfaq-groups \{ --prfaq-l-owner: "([^"\n\r<>]*)"; --prfaq-l-created: "Created"; ', css)
    assert found, css
    inner = found.group(1)
    assert inner.isascii() and re.sub(r"\\[0-9a-f]+ ", "", inner).count("\\") == 0  # a backslash only escapes
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner) == label


def test_tags_show_once_beside_materials_tags_plugin(site: Site) -> None:
    site.proposal("tagged.md", "draft", tags=["ml", "search"])
    site.config(theme="material")
    build(site.root)
    assert 'class="prfaq-tag"' in site.html("proposals/tagged/index.html"), "without the tags plugin: ours"
    text = (site.root / "mkdocs.yml").read_text().replace("  - prfaq\n", "  - tags\n  - prfaq\n")
    (site.root / "mkdocs.yml").write_text(text)
    build(site.root)
    page = site.html("proposals/tagged/index.html")
    assert len(re.findall(r'class="md-tag[ "]', page)) == 2, "Material's tags"
    assert 'class="prfaq-tag"' not in page and ">Tags<" not in page, "not ours as well"
    text = text.replace("  - tags\n", "  - tags:\n      enabled: false\n")
    (site.root / "mkdocs.yml").write_text(text)
    build(site.root)
    assert 'class="prfaq-tag"' in site.html("proposals/tagged/index.html"), "the tags plugin off: ours again"


def test_lengths_only_of_what_is_written(site: Site) -> None:
    site.proposal("empty.md", "rejected", subtitle=None, dateline=None, press_release=None, quotes=None, faq=None,
                  customer=None)
    site.proposal("faq-only.md", "draft", i=1, subtitle=None, press_release=None, quotes=None, dateline=None)
    site.proposal("full.md", "draft", i=2)
    build(site.root)
    empty = site.html("proposals/empty/index.html")
    assert "0 words" not in empty and ">Length<" not in empty
    faq_only = site.html("proposals/faq-only/index.html")
    assert re.search(r"<dt>Length</dt><dd>FAQ: \d+ words</dd>", faq_only) and "press release:" not in faq_only
    assert re.search(r"<dd>press release: \d+ words, FAQ: \d+ words</dd>", site.html("proposals/full/index.html"))


def test_the_status_link_reads_as_a_sentence(site: Site) -> None:
    site.proposal("draft.md", "draft")
    build(site.root)
    page = site.html("proposals/draft/index.html")
    assert '<a class="prfaq-backlink" href="../status/draft/">All proposals with status Draft</a>' in page
    assert ">All Draft<" not in page


def test_the_sidebar_of_a_site_made_by_init(tmp_path: Path) -> None:
    root = tmp_path / "new"
    assert main(["init", str(root)]) == 0
    build(root)
    titles = nav_titles((root / "site" / "index.html").read_text(encoding="utf-8"))
    assert titles.count("Proposals") == 1, titles  # the section (the site's name is the header's)
    section = titles[titles.index("Proposals") + 1:]
    # the index first, then the roadmap, the status pages (in the lifecycle's order), then the proposals
    assert section[:5] == ["All proposals", "Roadmap", "By status", "Draft", "In review"], titles
    assert all(t.startswith(("Quiet Hours", "Receipt Snap")) for t in section[5:]) and len(section) == 7
    assert titles[0] == "Home"
    index = (root / "site" / "proposals" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in index and ">All proposals<" in index
    # previous and next follow the sidebar
    roadmap = (root / "site" / "proposals" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'rel="prev"[^>]*href="\.\./"|href="\.\./"[^>]*rel="prev"', roadmap) or \
        'aria-label="Previous: All proposals"' in roadmap


def test_an_explicit_nav_does_not_miss_the_generated_pages(site: Site, caplog: pytest.LogCaptureFixture,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    site.proposal("a.md", "draft")
    site.proposal("b.md", "approved", i=1)
    site.config(theme="material", extra="nav:\n  - Home: index.md\n  - Proposals:\n      - proposals/index.md\n"
                                        "      - proposals/roadmap.md\n      - proposals/a.md\n      - proposals/b.md\n")
    with caplog.at_level(logging.INFO):
        build(site.root)
    missing = [r.getMessage() for r in caplog.records if "not included in the \"nav\"" in r.getMessage()]
    assert not missing or not any("status/" in m or "roadmap" in m or "index.md" in m for m in missing), missing
    titles = nav_titles(site.html("index.html"))
    assert titles == ["Home", "Proposals", "All proposals", "Roadmap", *titles[4:]] and len(titles) == 6
    assert (site.root / "site" / "proposals" / "status" / "draft" / "index.html").exists()
    # init says how to list them
    root = site.root
    assert main(["init", str(root)]) == 0
    err = capsys.readouterr().err
    assert "explicit nav: add '- proposals/index.md'" in err and "'- proposals/roadmap.md'" in err
    assert "'- proposals/status/draft.md'" in err
