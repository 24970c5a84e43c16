"""PR/FAQs under Zensical: the ``prfaq`` Python-Markdown extension, built with the real
``zensical build`` (pinned in the test extra) and read from the HTML it writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import prfaq_page, proposal_data

from ..conftest import ROOT, Result, Site
from ..hostile import PAYLOADS, hostile_page, unsafe

ZENSICAL = Path(sys.executable).parent / "zensical"
pytestmark = [pytest.mark.skipif(not ZENSICAL.exists() and os.environ.get("CI") != "true",
                                 reason="zensical is not installed (pip install -e '.[test]')")]

TOML = """[project]
site_name = "Proposals"

[project.markdown_extensions.toc]
permalink = true

[project.markdown_extensions.prfaq]

[project.plugins.prfaq]
{options}
{extra}
"""
LISTINGS = {
    "proposals/index.md": "# Proposals\n\n<!-- prfaq index -->\n",
    "proposals/roadmap.md": "# Roadmap\n\n<!-- prfaq roadmap -->\n",
}


def zensical(root: Path, *args: str) -> Result:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["NO_COLOR"] = "1"
    proc = subprocess.run([str(ZENSICAL), "build", "--clean", *args], cwd=root, capture_output=True, text=True,
                          env=env, timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def zensical_site(root: Path, pages: dict[str, str], options: str = "", extra: str = "") -> Path:
    docs = root / "docs"
    for path, text in {"index.md": "# Home\n", **LISTINGS, **pages}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    (root / "zensical.toml").write_text(TOML.format(options=options, extra=extra), encoding="utf-8")
    return root


def article(root: Path, src: str) -> str:
    """The page's content (Zensical's article), without the theme's frame."""
    text = (root / "site" / src).read_text(encoding="utf-8")
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.DOTALL)
    assert m, src
    return m.group(1)


def valid(name: str, status: str, i: int, **changes: object) -> str:
    data = proposal_data(i, status)
    data["id"] = name
    data.pop("superseded_by", None)
    data.update(changes)
    return prfaq_page(data)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own example proposals (docs/proposals/), built with Zensical."""
    root = tmp_path_factory.mktemp("zensical-example")
    pages = {f"proposals/{p.name}": p.read_text(encoding="utf-8")
             for p in (ROOT / "docs" / "proposals").glob("*.md") if p.name != "index.md"}
    pages["proposals/status/approved.md"] = "# Approved\n\n<!-- prfaq status approved -->\n"
    zensical_site(root, pages)
    result = zensical(root)
    assert result.code == 0, result.text
    assert "Traceback" not in result.text
    return root


def test_a_proposal_is_laid_out_as_under_mkdocs(example: Path) -> None:
    page = article(example, "proposals/zensical/index.html")
    assert 'class="prfaq-statusline"' in page
    assert 'class="prfaq-badge prfaq-badge--in-review"' in page
    assert "BERLIN" in page  # the dateline, from front matter
    # each FAQ question is a heading with an anchor, in the table of contents
    ids = re.findall(r'<h3 id="([^"]+)"', page)
    assert ids, page[:2000]
    full = (example / "site" / "proposals" / "zensical" / "index.html").read_text(encoding="utf-8")
    toc = full.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    listed = re.findall(r'href="#([^"]+)"', toc)
    # the layout's headings, in order (Zensical 0.0.73 itself lists a page's headings only up to
    # the second h3 of a section: a plain page with the same headings shows the same cut)
    assert listed == [a for a in re.findall(r'<h[2-6] id="([^"]+)"', page)][: len(listed)], listed
    assert "external-faq" in listed and ids[0] in listed


def test_the_index_and_status_pages_list_the_proposals(example: Path) -> None:
    index = article(example, "proposals/index.html")
    sources = [p for p in (ROOT / "docs" / "proposals").glob("*.md") if p.name != "index.md"]
    for source in sources:
        assert f'href="{source.stem}/"' in index, source.stem  # relative to proposals/
    assert "<!-- prfaq index -->" not in index
    approved = article(example, "proposals/status/approved/index.html")
    statuses = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["status"] for p in sources}
    for stem, status in statuses.items():
        assert (f'href="../../{stem}/"' in approved) == (status == "approved"), stem
    roadmap = article(example, "proposals/roadmap/index.html")
    assert "prfaq-roadmap" in roadmap


def test_an_invalid_page_fails_the_build_with_one_line_per_problem(tmp_path: Path) -> None:
    root = zensical_site(tmp_path, {
        "proposals/ok.md": valid("ok", "draft", 1),
        "proposals/bad.md": "---\ntitle: Bad\nstatus: in-review\nowner: Ana\ncreated: 2026-01-05\n---\n\nHello\n",
    })
    result = zensical(root)
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and "RuntimeError" not in result.text, result.text
    lines = [line for line in result.err.splitlines() if "docs/proposals/bad.md" in line]
    assert "ERROR   -  docs/proposals/bad.md:1: subtitle: missing (status 'in-review' requires it)" in lines
    assert all(re.match(r"ERROR   -  docs/proposals/bad\.md:\d+: [\w.]+: ", line) for line in lines), lines
    assert "prfaq: " in result.err and "problems in 1 PR/FAQ" in result.err


def test_on_invalid_warn_builds_and_shows_the_problems_on_the_page(tmp_path: Path) -> None:
    root = zensical_site(tmp_path, {
        "proposals/bad.md": "---\ntitle: Bad\nstatus: in-review\nowner: Ana\ncreated: 2026-01-05\n---\n\nHello\n",
    }, options='on_invalid = "warn"')
    result = zensical(root)
    assert result.code == 0, result.text
    assert "WARNING -  docs/proposals/bad.md:1: subtitle: missing" in result.err
    page = article(root, "proposals/bad/index.html")
    assert "prfaq-problems" in page and "prfaq-badge--invalid" in page


def test_hostile_pages_hold_no_script(tmp_path: Path) -> None:
    pages = {f"proposals/hostile-{i}.md": hostile_page(i, payload, ("in-review", "approved", "draft")[i % 3])
             for i, payload in enumerate(PAYLOADS)}
    pages["proposals/notes.md"] = "# Notes\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n"
    root = zensical_site(tmp_path, pages, options='on_invalid = "warn"\nexclude = ["notes.md"]',
                         extra="".join(f"[project.markdown_extensions.{name}]\n" for name in ("attr_list", "md_in_html", "admonition")))
    result = zensical(root)
    assert result.code == 0, result.text
    baseline = Counter(unsafe(article(root, "index.html")))
    for i in range(len(PAYLOADS)):
        found = Counter(unsafe(article(root, f"proposals/hostile-{i}/index.html")))
        assert not (found - baseline), (i, PAYLOADS[i], found)
    # a page under the folder that is not a PR/FAQ is sanitised too
    assert unsafe(article(root, "proposals/notes/index.html")) == []


def test_front_matter_reaches_the_theme_escaped_and_without_switches(tmp_path: Path) -> None:
    text = valid("meta", "draft", 2, title="<img src=x onerror=alert(1)> Meta", render_macros=True)
    root = zensical_site(tmp_path, {"proposals/meta.md": text}, options='unknown_keys = "allow"')
    result = zensical(root)
    assert result.code == 0, result.text
    full = (root / "site" / "proposals" / "meta" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in full
    assert "&lt;img src=x onerror=alert(1)&gt; Meta" in full


def test_mkdocs_with_both_the_plugin_and_the_extension_lays_out_once(tmp_path: Path) -> None:
    site = Site(tmp_path / "both")
    site.proposal("one.md", "draft", 1)
    site.config("", extra="markdown_extensions:\n  - toc\n  - prfaq\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    page = site.html("proposals/one/index.html")
    assert page.count('class="prfaq-statusline"') == 1


def test_the_zensical_guide_builds_as_written(tmp_path: Path) -> None:
    """docs/zensical.md: its zensical.toml and pages, as written, build a site with the layout."""
    guide = (ROOT / "docs" / "zensical.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r'```\w+ title="([^"]+)"\n(.*?)```', guide, re.DOTALL))
    assert "zensical.toml" in blocks and "docs/proposals/index.md" in blocks, list(blocks)
    for path, text in blocks.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "proposals" / "zensical.md", tmp_path / "docs" / "proposals" / "zensical.md")
    result = zensical(tmp_path)
    assert result.code == 0, result.text
    assert 'class="prfaq-statusline"' in article(tmp_path, "proposals/zensical/index.html")
    assert 'href="zensical/"' in article(tmp_path, "proposals/index.html")


def test_init_on_a_zensical_site_writes_the_listing_pages_and_assets_then_it_builds(tmp_path: Path) -> None:
    from mkdocs_prfaq.commands.cli import main

    (tmp_path / "zensical.toml").write_text('[project]\nsite_name = "P"\n', encoding="utf-8")  # no docs/ yet
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["init"]) == 0
        written = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
        assert {"proposals/index.md", "proposals/roadmap.md", "proposals/status/in-review.md",
                "assets/prfaq/prfaq.css", "assets/prfaq/statuses.css", "assets/prfaq/index.js"} <= written
        # a phone's cards name their fields under Zensical too
        assert "--prfaq-l-owner:" in (tmp_path / "docs" / "assets" / "prfaq" / "statuses.css").read_text()
        before = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
        assert main(["init"]) == 0  # again: nothing is overwritten
        assert before == {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
        with open("zensical.toml", "a", encoding="utf-8") as f:
            f.write('extra_css = ["assets/prfaq/prfaq.css", "assets/prfaq/statuses.css"]\n'
                    'extra_javascript = ["assets/prfaq/index.js"]\n\n[project.markdown_extensions.prfaq]\n')
        result = zensical(tmp_path)
        assert result.code == 0, result.text
        assert main(["check"]) == 0
        assert main(["export"]) == 0
    finally:
        os.chdir(cwd)
    index = article(tmp_path, "proposals/index.html")
    examples = sorted(p.stem for p in (tmp_path / "docs" / "proposals").glob("example-*.md"))
    assert len(examples) == 2
    for stem in examples:
        assert f'href="{stem}/"' in index
        assert 'class="prfaq-statusline"' in article(tmp_path, f"proposals/{stem}/index.html")
    full = (tmp_path / "site" / "proposals" / "index.html").read_text(encoding="utf-8")
    assert "assets/prfaq/prfaq.css" in full and "assets/prfaq/index.js" in full
    import json

    export = json.loads((tmp_path / "site" / "proposals" / "proposals.json").read_text(encoding="utf-8"))
    assert sorted(p["url"] for p in export["proposals"]) == [f"proposals/{s}/" for s in examples]
    assert all((tmp_path / "site" / p["url"] / "index.html").is_file() for p in export["proposals"])


def test_the_markers_work_under_mkdocs_too(tmp_path: Path) -> None:
    site = Site(tmp_path / "mk")
    site.proposal("one.md", "draft", 1)
    site.proposal("two.md", "approved", 2)
    (site.docs / "all.md").write_text("# Everything\n\n<!-- prfaq index -->\n\nAfter.\n", encoding="utf-8")
    (site.docs / "decided.md").write_text("# Decided\n\n<!-- prfaq status approved -->\n", encoding="utf-8")
    result = site.build("--strict")
    assert result.code == 0, result.text
    everything = site.html("all/index.html")
    assert 'href="../proposals/one/"' in everything and 'href="../proposals/two/"' in everything
    assert "<!-- prfaq index -->" not in everything
    assert everything.index("proposals/two/") < everything.index("After.")  # where the marker was
    decided = site.html("decided/index.html").split('id="decided"', 1)[1]  # the page, not the navigation
    assert 'href="../proposals/two/"' in decided and 'href="../proposals/one/"' not in decided


def test_a_marker_shown_as_an_example_is_no_listing() -> None:
    from mkdocs_prfaq.contract.model import listing_of

    assert listing_of("# Guide\n\n```markdown\n<!-- prfaq index -->\n```\n") is None
    assert listing_of("# Guide\n\n    <!-- prfaq roadmap -->\n") is None
    assert listing_of("# All\n\n<!-- prfaq status in-review -->\n")[:2] == ("status", "in-review")  # type: ignore[index]
    # a page of many markers inside a fence is read once, not once per marker
    assert listing_of("```\n" + "<!-- prfaq index -->\n" * 50_000 + "```\n") is None


def test_nothing_on_a_page_under_the_folder_runs_or_includes_under_zensical(tmp_path: Path) -> None:
    """Review: markdown-exec fences ran (and nested without end), snippets published .env, and the
    folder's other pages ran macros, under Zensical. Each page under the folder shows them as written."""
    marker = tmp_path / "PWNED"
    (tmp_path / ".env").write_text("SECRET_TOKEN=hunter2\n", encoding="utf-8")
    fence = (f'```python exec="on"\nopen({str(marker)!r}, "w").write("x"); print("RAN" + "-PY")\n```\n\n'
             '```sh exec="1"\necho RAN-$((6 * 7))\n```\n\n--8<-- ".env"\n')
    macro = "MACRO:{{ 6 * 7 }}\n"
    good = valid("good", "draft", 1) + "\n" + fence + macro
    pages = {"proposals/good.md": good,
             "proposals/index.md": "# All\n\n<!-- prfaq index -->\n\n" + fence + macro,
             "proposals/drafts/x.md": "# Excluded\n\n" + fence + macro,
             "own.md": "# Own\n\n" + macro}
    extra = ('[project.markdown_extensions."pymdownx.snippets"]\n[project.markdown_extensions."pymdownx.superfences"]\n'
             "[project.plugins.macros]\n[project.plugins.markdown-exec]\n")
    root = zensical_site(tmp_path, pages, options='on_invalid = "warn"\nexclude = ["drafts/*"]', extra=extra)
    result = subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=root, capture_output=True, text=True,
                            timeout=300, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists()
    for src in ("proposals/good/index.html", "proposals/index.html", "proposals/drafts/x/index.html"):
        page = article(root, src)
        assert "RAN-PY" not in page and "RAN-42" not in page and "hunter2" not in page, src
        assert "MACRO:42" not in page, src
    assert "hunter2" not in (root / "site" / "search.json").read_text(encoding="utf-8")
    assert "MACRO:42" in article(root, "own/index.html")  # the site's own pages keep their macros
