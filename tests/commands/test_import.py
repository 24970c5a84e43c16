"""`mkdocs-prfaq import`: existing Markdown PR/FAQs become pages of the body form that pass
`check` and build, with every question and section of the original."""

from __future__ import annotations

import datetime
import hashlib
import html
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract import body

from ..conftest import BIN, ROOT, Result, Site

EXPECTED_QUESTIONS = {  # (external, internal), counted by hand in each original
    "awscdk-0000-template.md": (2, 8),
    "awscdk-0324-construct-hub.md": (6, 0),
    "awscdk-0886-making-hotswap-faster.md": (2, 10),
    "bordenet-example-prfaq-1.md": (6, 0),
    "bordenet-example-prfaq-3.md": (5, 0),
    "elasticat-prfaq.md": (8, 7),
    "envd-general-availability.md": (0, 0),
    "gsf-carbon-hack-22.md": (12, 0),
    "gsf-green-software-principles.md": (14, 0),
    "gsf-green-software-speakers.md": (10, 0),
    "gsf-sci-open-ontology.md": (0, 0),
    "gsf-template.md": (2, 0),
    "hofmann-elimination-prfaq.md": (13, 9),
    "mcp-audit-pr-faq.md": (25, 0),
    "mlmax-prfaq.md": (6, 0),
    "o19s-search-evaluation-framework.md": (9, 11),
    "plit-prfaq.md": (7, 0),
}
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.md") if p.name in EXPECTED_QUESTIONS)
"""The first two sets; the third is tests/commands/test_corpus_v3.py's."""

STRUCTURAL = re.compile(
    r"press release|working backwards|blog post|faq|frequently asked|^(the )?(problem|solution|summary|getting "
    r"started|closing|call to action)$|quotes?$|testimonials?$", re.IGNORECASE)
"""Headings of the original that name a section the page gives its own heading (or none: the
press release's parts are laid out without headings)."""


# -- helpers -------------------------------------------------------------------------------------

def run(args: list[str], cwd: Path, **env: str) -> Result:
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environ, timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def imported(site: Site, result: Result) -> Path:
    """The one page an import wrote, from the path it printed."""
    [shown] = result.out.splitlines()[:1]
    page = site.root / shown
    assert page.is_file(), result.text
    return page


def import_text(site: Site, tmp_path: Path, text: str, *args: str, name: str = "prfaq.md") -> tuple[Result, str]:
    source = tmp_path / "originals" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    result = site.check("import", str(source), *args)
    return result, (imported(site, result).read_text(encoding="utf-8") if result.code in (0, 1) else "")


def front(page: str) -> dict[str, object]:
    data = yaml.safe_load(page.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def norm(text: str) -> str:
    """Text as compared with what the page shows: no Markdown or HTML marks, entities decoded,
    straight quotes, spaces collapsed, lowercase."""
    text = html.unescape(re.sub(r"<[^>]+>|¶", " ", text))
    text = re.sub(r"[*_`]|\{#[^}]*\}", "", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).lower()


def headings(markdown: str) -> list[tuple[int, str]]:
    """The original's ATX headings, outside fenced code."""
    found, fence = [], None
    for line in markdown.split("\n"):
        m = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = re.match(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if h:
            found.append((len(h.group(1)), h.group(2)))
    return found


def original_questions(path: Path) -> dict[str, list[str]]:
    """The original's FAQ questions by group, read with rules of the test's own: `**Q: ...**`
    runs, headings one level below a FAQ heading (where there are no `**Q:` runs), and the
    top-level items of a FAQ written as a list. A question is internal under a heading that
    says so."""
    text = path.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {"external": [], "internal": []}
    group = "external"
    lines = text.split("\n")
    if "**Q" in text:
        for n, line in enumerate(lines):
            h = re.match(r"^#{1,6}\s+(.*)", line)
            if h and re.search(r"faq|question", h.group(1), re.IGNORECASE):
                group = "internal" if "internal" in h.group(1).lower() else group
            m = re.match(r"^\*\*Q:\s*(.*)", line)
            if m:
                question = m.group(1)
                while "**" not in question:
                    question += " " + lines[n + 1]
                    n += 1
                found[group].append(question.split("**")[0])
        return found
    faq_level = None
    in_list = False
    for level, heading in headings(text):
        if re.search(r"faq|frequently asked", heading, re.IGNORECASE) and not re.search(r"pr\s*/?faq", heading, re.I):
            faq_level = level
            group = "internal" if "internal" in heading.lower() else "external"
        elif faq_level is not None and level == faq_level + 1:
            found[group].append(heading)
        elif faq_level is not None and level <= faq_level:
            faq_level = None
    for line in lines:
        if re.match(r"^#\s+FAQ", line):
            in_list = True
        elif in_list and re.match(r"^[*-]\s+", line) and not found["external"]:
            found.setdefault("list", []).append(line[2:].strip())
    found["external"] += found.pop("list", [])
    return found


def html_headings(page: str) -> list[tuple[int, str, str]]:
    """The headings of a built page's content (not the theme's search or shortcut dialogs)."""
    article = page.split('class="prfaq-statusline', 1)[-1]
    article = re.split(r"<footer|</article>|mkdocs_search_modal", article, maxsplit=1)[0]
    return [(int(level), id_, norm(inner)) for level, id_, inner in
            re.findall(r'<h([1-6])[^>]*\bid="([^"]*)"[^>]*>(.*?)</h\1>', article, re.DOTALL)]


def group_questions(page: str, group: str) -> list[str]:
    """The question headings the built page shows under its external or internal FAQ."""
    found = html_headings(page)
    start = next((n for n, (_, id_, _) in enumerate(found) if id_ == f"{group}-faq"), None)
    if start is None:
        return []
    level = found[start][0]
    out = []
    for lv, _, text in found[start + 1:]:
        if lv <= level:
            break
        if lv == level + 1:
            out.append(text)
    return out


# -- every document of the corpus ----------------------------------------------------------------

@pytest.mark.parametrize("original", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_document_imports_checks_and_builds(site: Site, original: Path) -> None:
    site.config("remote_images: true")
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    result = site.check("import", str(original))
    assert result.code == 0, result.text
    assert "Traceback" not in result.text and "1 PR/FAQ checked, no problems" in result.err
    page = imported(site, result)
    assert page.parent == site.docs / "proposals"
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before  # the original is never written
    assert site.check("check").code == 0

    built = site.build("--strict")
    assert built.code == 0, built.text
    out = site.html(f"proposals/{page.stem}/index.html")
    shown = norm(out)

    questions = original_questions(original)
    assert (len(questions["external"]), len(questions["internal"])) == EXPECTED_QUESTIONS[original.name]
    for group in ("external", "internal"):
        rendered = group_questions(out, group)
        assert len(rendered) == len(questions[group]), (group, rendered)
        for question in questions[group]:
            # a question keeps its inline markup (issue 19): `code` renders as <code>, whose tags
            # norm() turns into spaces
            assert any(norm(question).replace(" ", "") in r.replace(" ", "") for r in rendered), (group, question, rendered)

    asked = {norm(q) for qs in questions.values() for q in qs}
    for level, heading in headings(original.read_text(encoding="utf-8")):
        plain = norm(re.sub(r"^(title|prfaq)\s*:\s*|\s*-?\s*pr/?faq$|^pr/?faq$", "", heading, flags=re.IGNORECASE))
        if not plain or norm(heading) in asked or STRUCTURAL.search(heading):
            continue
        assert plain in shown, (level, heading)


def test_whole_corpus_in_one_site_builds_strict_with_material(site: Site) -> None:
    site.config("remote_images: true", theme="material")
    result = site.check("import", *map(str, CORPUS))
    assert result.code == 0, result.text
    assert len(result.out.splitlines()) == len(CORPUS)
    assert f"{len(CORPUS)} PR/FAQs checked, no problems" in result.err
    built = site.build("--strict")
    assert built.code == 0, built.text
    for shown in result.out.splitlines():
        page = site.root / shown
        out = site.html(f"proposals/{page.stem}/index.html")
        assert 'class="prfaq-statusline' in out


# -- the shapes recognised -----------------------------------------------------------------------

def test_h1_headline_with_title_prefix_and_press_release_prose(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Title: Acme launches Rocket Skates\n\n"
        "_Skates that get you there first._\n\n"
        "Today Acme launches Rocket Skates.\n\n"
        "Commuters lose an hour a day.\n\n"
        "Rocket Skates double your speed.\n\n"
        "# FAQ\n\n## How fast are they?\n\nTwice as fast.\n"))
    assert result.code == 0, result.text
    data = front(page)
    assert data["title"] == "Acme launches Rocket Skates"
    assert data["subtitle"] == "Skates that get you there first."
    assert data["status"] == "draft" and data["id"] == "acme-launches-rocket-skates"
    body = page.split("---\n", 2)[2]
    assert body.index("## Press release") < body.index("Today Acme") < body.index("Commuters") < \
        body.index("## External FAQ") < body.index("### How fast are they?") < body.index("Twice as fast.")
    assert "# FAQ" not in body.replace("## External FAQ", "")
    assert site.build("--strict").code == 0
    out = site.html("proposals/acme-launches-rocket-skates/index.html")
    assert "how fast are they?" in group_questions(out, "external")


@pytest.mark.parametrize(("heading", "title"), [
    ("# PRFAQ: Rocket Skates", "Rocket Skates"),
    ("# Rocket Skates PRFAQ", "Rocket Skates"),
    ("# Rocket Skates - PR/FAQ", "Rocket Skates"),
    ("# PR/FAQ\n\n## Acme Announces Rocket Skates", "Acme Announces Rocket Skates"),
])
def test_document_headings_give_the_title(site: Site, tmp_path: Path, heading: str, title: str) -> None:
    result, page = import_text(site, tmp_path, f"{heading}\n\nToday Acme launches Rocket Skates.\n")
    assert result.code == 0, result.text
    assert front(page)["title"] == title
    assert "Today Acme launches Rocket Skates." in page.split("## Press release", 1)[1]


def test_labelled_template_lines(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "**Heading:** Acme launches Rocket Skates\n\n"
        "**Subheading:** Commuters arrive first.\n\n"
        "**Summary:** Today Acme launches Rocket Skates.\n\n"
        "**Problem:** Commuting is slow.\n\n"
        "**Solution:** Rocket Skates double your speed.\n\n"
        "**Quote from you:** \"We built them because we were late.\" — Wile Coyote, CEO of Acme\n\n"
        "**Customer quote:** \"I am never late now.\" - Road Runner, commuter\n\n"
        "Leader's Quote: to be written\n"))
    assert result.code == 0, result.text
    data = front(page)
    assert data["title"] == "Acme launches Rocket Skates" and data["subtitle"] == "Commuters arrive first."
    press = page.split("## Press release", 1)[1]
    for part, text in (("### Summary", "Today Acme launches"), ("### Problem", "Commuting is slow."),
                       ("### Solution", "Rocket Skates double")):
        assert press.index(part) < press.index(text)
    assert '> "We built them because we were late."\n> — Wile Coyote, CEO of Acme {leader}' in press
    assert '> "I am never late now."\n> — Road Runner, commuter {customer}' in press
    assert "Leader's Quote: to be written" in press  # no attribution: kept as it is
    assert "**Summary:**" not in press and "**Heading:**" not in press
    assert site.build("--strict").code == 0
    out = site.html(f"proposals/{data['id']}/index.html")
    assert "prfaq-quote--leader" in out and "prfaq-quote--customer" in out and "Wile Coyote" in out


@pytest.mark.parametrize("section", ["## Press Release", "# PRESS RELEASE", "### Blog post",
                                     "## Working Backwards\n\n### PRESS RELEASE"])
def test_press_release_section_at_any_level(site: Site, tmp_path: Path, section: str) -> None:
    level = "#" * section.index(" ")  # the appendix beside the press release, not in it
    result, page = import_text(site, tmp_path, (
        f"# Rocket Skates\n\nAn intro.\n\n{section}\n\nToday Acme launches Rocket Skates.\n\n"
        f"{level} Appendix\n\n#{level} Notes\n\nMore.\n"))
    assert result.code == 0, result.text
    press = page.split("## Press release", 1)[1].split("\n## ", 1)[0]
    assert "Today Acme launches Rocket Skates." in press and "An intro." not in press
    assert front(page)["subtitle"] == "An intro."  # a one-line intro under the document's heading
    assert "## Appendix\n\n### Notes\n\nMore." in page


def test_dateline_full_date_and_month_only(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\n## Press Release\n\n"
        "**Seattle, WA — August 12, 2025** — Acme today launched Rocket Skates.\n"), name="a.md")
    assert result.code == 0, result.text
    assert "**Seattle, WA, August 12, 2025** — Acme today launched Rocket Skates." in page
    assert site.build("--strict").code == 0
    assert "prfaq-dateline" in site.html("proposals/rocket-skates/index.html")

    # a month is a dateline of the body form too (2027-08, shown "August 2027")
    result, page = import_text(site, tmp_path, (
        "# Rocket Boots\n\n## Press Release\n\n**SEATTLE, WA, August 2027** — Acme today launched Boots.\n"),
        name="b.md")
    assert result.code == 0, result.text
    assert "**SEATTLE, WA, August 2027** — Acme today launched Boots." in page
    assert "dateline" not in result.err
    assert site.build("--strict").code == 0
    out = site.html("proposals/rocket-boots/index.html")
    assert "prfaq-dateline" in out and "August 2027" in out

    result, page = import_text(site, tmp_path, (
        "# Rocket Hats\n\n## Press Release\n\n**OPEN SOURCE — 2026** — Acme today launched Hats.\n"),
        name="c.md")
    assert result.code == 0, result.text
    assert "OPEN SOURCE — 2026 — Acme today launched Hats." in page  # a year alone: text, not bold
    line = page.split("\n").index("OPEN SOURCE — 2026 — Acme today launched Hats.") + 1
    assert f"docs/proposals/rocket-hats.md:{line}: dateline: 'OPEN SOURCE — 2026' has no day or month" in result.err


def convert(text: str) -> str:
    """The page one original becomes, without a site (fast: for how the text is read)."""
    return importer.convert(text, name="prfaq.md", today=datetime.date(2026, 1, 2), user="Ana").text


def parsed(page: str) -> dict[str, object]:
    """What the body-form parser reads from a page's body."""
    doc = body.parse(page.split("---\n", 2)[2], 0)
    assert doc is not None
    return doc.data


@pytest.mark.parametrize("heading", ["## Internal Press Release", "## Draft Press Release",
                                     "## Future Intended Press Release"])
def test_qualified_press_release_heading_is_the_press_release(heading: str) -> None:
    page = convert(f"# Naybor SOS Press Release / FAQ\n\n{heading}\n\nToday we launch Naybor SOS.\n\n"
                   "## FAQ\n\n### Is it free?\n\nYes.\n")
    assert front(page)["title"] == "Naybor SOS"
    press = page.split("## Press release\n", 1)[1]
    assert press.index("Today we launch Naybor SOS.") < press.index("## External FAQ")
    assert heading not in page


@pytest.mark.parametrize("heading", ["# Press Release and FAQ", "# Press Release & FAQ", "# PR/FAQ", "# PRFAQ"])
def test_generic_document_heading_is_no_title_and_its_press_release_is_read(heading: str) -> None:
    page = convert(f"{heading}\n\n## Kurzwahl 24/36\n\nSchluss mit dem Suchen.\n\n## Leichte Bedienbarkeit\n\n"
                   "* Zwölf große Felder\n\n## Gesten\n\n* Double tap to Edit\n\n# FAQ\n\n"
                   "## Welche Farben gibt es?\n\nDrei Paletten.\n")
    assert front(page)["title"] == "Kurzwahl 24/36"
    press, faq = page.split("## Press release\n", 1)[1].split("## External FAQ\n", 1)
    for text in ("Schluss mit dem Suchen.", "**Leichte Bedienbarkeit**", "* Zwölf große Felder", "**Gesten**",
                 "* Double tap to Edit"):
        assert text in press, text
    assert "### Welche Farben gibt es?\n\nDrei Paletten." in faq and "\n## " not in faq


def test_faq_as_a_numbered_list_of_bold_questions() -> None:
    page = convert("# Thing\n\n## Press Release\n\nToday we launch Thing.\n\n## External FAQ\n\n"
                   "1. **Do I need SQL?**\n    Not necessarily.\n\n2. **Is it free?**\n   Yes.\n\n"
                   "## Internal FAQ\n\n- **Who builds it?** The platform team.\n- **When?** Q3.\n")
    assert "## External FAQ\n\n### Do I need SQL?\n\nNot necessarily.\n\n### Is it free?\n\nYes.\n" in page
    assert "## Internal FAQ\n\n### Who builds it?\n\nThe platform team.\n\n### When?\n\nQ3.\n" in page
    assert "introduction" not in page
    faq = parsed(page)["faq"]
    assert isinstance(faq, dict) and len(faq["external"]) == 2 and len(faq["internal"]) == 2


@pytest.mark.parametrize(("answer", "written"), [
    ("A: Yes.", "Yes."), ("A. Yes.", "Yes."), ("**A:** Yes.", "Yes."), ("Answer: Yes.", "Yes."),
    ("A.I. features are included.", "A.I. features are included."),
    ("A) free, or B) paid", "A) free, or B) paid"), ("a: lower case stays.", "a: lower case stays."),
])
def test_answer_label_is_dropped_but_never_real_text(answer: str, written: str) -> None:
    page = convert(f"# Thing\n\n## Press Release\n\nToday we launch Thing.\n\n## FAQ\n\n"
                   f"**Q: Is it included?**\n\n{answer}\n\n**Q: And then?**\n{answer}\n")
    assert f"### Is it included?\n\n{written}\n\n### And then?\n\n{written}\n" in page


def test_dateline_on_its_own_line_then_the_headline_and_a_rule_under_the_title() -> None:
    page = convert("# Thing\n\n---\n\n## Press Release\n\n**SEATTLE, WA — April 2, 2027**\n\n### Thing Launches\n\n"
                   "Today we launch Thing.\n\nPeople waste time.\n\n## FAQ\n\n**Is it free?**\n\nYes.\n")
    data = front(page)
    assert data["title"] == "Thing Launches" and "subtitle" not in data
    assert "## Press release\n\n**SEATTLE, WA, April 2, 2027** — Today we launch Thing.\n\nPeople waste time.\n" in page
    assert "---" not in page.split("---\n", 2)[2] and "## Introduction" not in page
    doc = parsed(page)
    assert doc["dateline"] == {"location": "SEATTLE, WA", "date": "2027-04-02"}
    press = doc["press_release"]
    assert isinstance(press, dict) and press["problem"] == "People waste time."


@pytest.mark.parametrize("release", ["**FOR IMMEDIATE RELEASE**", "FOR IMMEDIATE RELEASE"])
def test_for_immediate_release_before_a_dateline_alone_on_its_line(release: str) -> None:
    page = convert(f"# Kith\n\n## Press Release\n\n{release}\n\n**San Francisco, CA — March 3, 2025**\n\n"
                   "Today Kith launched.\n\nPeople lose touch.\n\n> \"I call my roommate.\" — Jamie, early user\n\n"
                   "## FAQ\n\n**Q: Is it free?**\n\nYes.\n")
    assert f"## Press release\n\n{release}\n\n**San Francisco, CA, March 3, 2025** — Today Kith launched." in page
    doc = body.parse(page.split("---\n", 2)[2], 0)
    assert doc is not None and doc.preface == release
    assert doc.data["dateline"] == {"location": "San Francisco, CA", "date": "2025-03-03"}
    assert doc.data["press_release"] == {"summary": "Today Kith launched.", "problem": "People lose touch."}
    assert [q["kind"] for q in doc.data["quotes"]] == ["customer"]


def test_bold_question_with_a_note_after_its_question_mark() -> None:
    page = convert("# Thing\n\n## Press Release\n\nToday we launch Thing.\n\n## FAQ\n\n"
                   "**Why no X? (And why not Y)**\n\nBecause.\n\n**Is it free?**\n\nYes.\n\n"
                   "**Why not Z? (long story)**\n\nNo.\n")
    assert ("### Why no X? (And why not Y)\n\nBecause.\n\n### Is it free?\n\nYes.\n\n"
            "### Why not Z? (long story)\n\nNo.\n") in page


def test_faq_groups_bold_questions_and_answers(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\nToday Acme launches Rocket Skates.\n\n"
        "## Frequently Asked Questions\n\n"
        "### Customer FAQ\n\n**Q: How fast are they?**\n\nA: Twice as fast.\n\n"
        "**Q: What do they\ncost?**  \nA: $99.\n\n"
        "### Internal/Technical FAQ\n\n**Q: Who builds them?**\n\nA:\n- Acme\n- Partners\n\n"
        "## Contact\n\nacme@example.com\n"))
    assert result.code == 0, result.text
    body = page.split("---\n", 2)[2]
    assert body.index("## External FAQ") < body.index("### How fast are they?\n\nTwice as fast.") < \
        body.index("### What do they cost?\n\n$99.") < body.index("## Internal FAQ") < \
        body.index("### Who builds them?\n\n- Acme\n- Partners") < body.index("## Contact")
    assert "A:" not in body
    assert site.build("--strict").code == 0
    out = site.html("proposals/rocket-skates/index.html")
    assert group_questions(out, "external") == ["how fast are they?", "what do they cost?"]
    assert group_questions(out, "internal") == ["who builds them?"]


@pytest.mark.parametrize(("heading", "group"), [
    ("## External FAQ (Customer / Adopter)", "external"), ("## Public FAQ", "external"),
    ("## Internal FAQ (Technical / Stakeholder)", "internal"), ("# FAQ", "external"),
    ("## Customer FAQ", "external"), ("### Internal/Technical FAQ", "internal"),
])
def test_faq_headings_at_any_level(site: Site, tmp_path: Path, heading: str, group: str) -> None:
    level = heading.index(" ")
    result, page = import_text(site, tmp_path, (
        f"# Rocket Skates\n\nToday Acme launches Rocket Skates.\n\n{heading}\n\n"
        f"{'#' * (level + 1)} How fast are they?\n\nTwice as fast.\n\n"
        f"{'#' * (level + 2)} In numbers\n\n30 km/h.\n"))
    assert result.code == 0, result.text
    title = "External FAQ" if group == "external" else "Internal FAQ"
    assert f"## {title}\n\n### How fast are they?\n\nTwice as fast.\n\n##### In numbers\n\n30 km/h." in page
    assert site.build("--strict").code == 0
    assert group_questions(site.html("proposals/rocket-skates/index.html"), group) == ["how fast are they?"]


def test_topic_groups_go_to_the_external_faq_with_their_name(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\nToday Acme launches Rocket Skates.\n\n## Frequently Asked Questions\n\n"
        "### General Questions\n\n**Q: What is it?**\n\nA: Skates.\n\n---\n\n"
        "### Pricing\n\n**Q: What do they cost?**\n\nA: $99.\n"))
    assert result.code == 0, result.text
    assert "### General Questions: What is it?\n\nSkates.\n\n### Pricing: What do they cost?\n\n$99." in page
    assert site.build("--strict").code == 0
    assert group_questions(site.html("proposals/rocket-skates/index.html"), "external") == [
        "general questions: what is it?", "pricing: what do they cost?"]


def test_faq_as_a_nested_list(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\nToday Acme launches Rocket Skates.\n\n# FAQ\n\n"
        "* How fast are they?\n  * Twice as fast.\n  * On flat ground.\n* Is there a warranty\n  * Yes.\n"))
    assert result.code == 0, result.text
    assert "### How fast are they?\n\n* Twice as fast.\n* On flat ground.\n\n### Is there a warranty\n\n* Yes." in page


def test_question_without_answer_gets_todo_and_a_note(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\nToday Acme launches Rocket Skates.\n\n## FAQ\n\n**Q: Is it safe?**\n"))
    assert result.code == 0, result.text
    line = page.split("\n").index("TODO") + 1
    assert f"docs/proposals/rocket-skates.md:{line}: faq.external.0.answer: the original has no answer" in result.err


def test_other_sections_kept_in_order_one_level_under_the_title(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "# Rocket Skates\n\n## Background\n\nWhy we care.\n\n### History\n\nLong.\n\n"
        "# Press Release\n\nToday Acme launches Rocket Skates.\n\n"
        "# Risks\n\n### Legal\n\n```python\n# not a heading\n```\n\n# FAQ\n\n## Why?\n\nBecause.\n"))
    assert result.code == 0, result.text
    body = page.split("---\n", 2)[2]
    assert body.index("## Press release") < body.index("## External FAQ") < body.index("## Background\n\nWhy we care.") \
        < body.index("### History\n\nLong.") < body.index("## Risks") < body.index("#### Legal") \
        < body.index("# not a heading")
    assert not re.search(r"^# ", body.replace("# not a heading", ""), re.MULTILINE)  # one H1: the title
    assert site.build("--strict").code == 0


def test_front_matter_known_keys_kept_the_rest_shown(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "---\ntitle: 'Rocket Skates: \"fast\" # really'\nowner: Wile Coyote\ntags: [skates, speed]\n"
        "created: 2024-01-05\nworking_group: ops  # the team\nrfc: 42\n---\n\n"
        "# Something else\n\nToday Acme launches Rocket Skates.\n"))
    assert result.code == 0, result.text
    data = front(page)
    assert data["title"] == 'Rocket Skates: "fast" # really' and data["owner"] == "Wile Coyote"
    assert data["tags"] == ["skates", "speed"] and str(data["created"]) == "2024-01-05"
    assert "working_group" not in data
    meta = page.split("## Original metadata", 1)[1]
    assert "```yaml\nworking_group: ops  # the team\nrfc: 42\n```" in meta
    assert "**Something else**" in page.split("## Press release")[1]  # a headline that is not the title stays
    assert site.build("--strict").code == 0
    assert 'Rocket Skates: &#34;fast&#34; # really' in site.html("proposals/rocket-skates-fast-really/index.html") \
        or 'Rocket Skates: &quot;fast&quot; # really' in site.html("proposals/rocket-skates-fast-really/index.html")


def test_front_matter_that_is_no_yaml_is_kept_as_text(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, (
        "---\nrfc pr: [#314](https://example.com/314)\n---\n\n# Rocket Skates\n\nToday Acme launches.\n"))
    assert result.code == 0, result.text
    assert "```yaml\nrfc pr: [#314](https://example.com/314)\n```" in page
    assert "front matter: the original's front matter is not valid YAML" in result.err


# -- what the command does -----------------------------------------------------------------------

SKATES = "# Rocket Skates\n\nToday Acme launches Rocket Skates.\n"


def test_never_overwrites_and_id_choose_another_name(site: Site, tmp_path: Path) -> None:
    result, _ = import_text(site, tmp_path, SKATES)
    assert result.code == 0 and result.out.splitlines()[0] == "docs/proposals/rocket-skates.md"
    target = site.docs / "proposals" / "rocket-skates.md"
    written = target.read_bytes()
    again = site.check("import", str(tmp_path / "originals" / "prfaq.md"))
    assert again.code == 2 and again.out == "" and "Traceback" not in again.text
    assert "rocket-skates.md exists; not overwriting it" in again.err
    assert target.read_bytes() == written
    other = site.check("import", str(tmp_path / "originals" / "prfaq.md"), "--id", "skates-v2")
    assert other.code == 0, other.text
    assert other.out.splitlines()[0] == "docs/proposals/skates-v2.md"
    assert front((site.docs / "proposals" / "skates-v2.md").read_text(encoding="utf-8"))["id"] == "skates-v2"


@pytest.mark.parametrize("bad", ["Rocket Skates", "index", "../x", "a" * 101])
def test_id_must_be_a_slug_and_not_a_generated_page(site: Site, tmp_path: Path, bad: str) -> None:
    result, _ = import_text(site, tmp_path, SKATES, "--id", bad)
    assert result.code == 2 and "--id" in result.err and "Traceback" not in result.text
    assert list((site.docs / "proposals").iterdir()) == []


def test_id_with_several_sources_and_missing_source_are_usage_errors(site: Site, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SKATES, encoding="utf-8")
    (tmp_path / "b.md").write_text(SKATES.replace("Skates", "Boots"), encoding="utf-8")
    result = site.check("import", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--id", "x")
    assert result.code == 2 and "--id names one page" in result.err
    result = site.check("import", str(tmp_path / "nope.md"))
    assert result.code == 2 and "nope.md" in result.err and "Traceback" not in result.text
    (tmp_path / "c.md").write_text(SKATES, encoding="utf-8")
    result = site.check("import", str(tmp_path / "a.md"), str(tmp_path / "c.md"))
    assert result.code == 2 and "would both be 'rocket-skates'" in result.err
    assert list((site.docs / "proposals").iterdir()) == []  # nothing written when one of them cannot be
    assert site.check("import").code == 2


def test_page_through_a_symlink_is_refused(site: Site, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("mine\n", encoding="utf-8")
    (site.docs / "proposals" / "rocket-skates.md").symlink_to(outside)
    result, _ = import_text(site, tmp_path, SKATES)
    assert result.code == 2 and "symlink" in result.err
    assert outside.read_text(encoding="utf-8") == "mine\n"


def test_status_asked_is_written_and_checked(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, SKATES, "--status", "in-review")
    assert result.code == 1, result.text
    assert front(page)["status"] == "in-review"
    lines = result.out.splitlines()
    assert lines[0] == "docs/proposals/rocket-skates.md"
    assert any(line.startswith("docs/proposals/rocket-skates.md:") and "subtitle" in line for line in lines[1:])
    assert all(re.match(r"^docs/proposals/rocket-skates\.md:\d+: \S+: ", line) for line in lines[1:])
    assert "Traceback" not in result.text
    bad, _ = import_text(site, tmp_path, SKATES, "--status", "in-reviw", name="other.md")
    assert bad.code == 2 and "did you mean 'in-review'" in bad.err


def test_original_status_is_kept_when_none_is_asked(site: Site, tmp_path: Path) -> None:
    result, page = import_text(site, tmp_path, "---\nstatus: withdrawn\n---\n" + SKATES)
    assert front(page)["status"] == "withdrawn"
    assert result.code == 0, result.text


def test_status_from_folder_puts_the_page_in_its_status_folder(site: Site, tmp_path: Path) -> None:
    site.config("status_from: folder")
    result, page = import_text(site, tmp_path, SKATES)
    assert result.code == 0, result.text
    assert result.out.splitlines()[0] == "docs/proposals/draft/rocket-skates.md"
    assert "status" not in front(page)
    result, page = import_text(site, tmp_path, "---\nstatus: withdrawn\n---\n" + SKATES.replace("Skates", "Boots"),
                               name="boots.md")
    assert result.code == 0, result.text
    assert result.out.splitlines()[0] == "docs/proposals/withdrawn/rocket-boots.md"


def git(cwd: Path, *args: str, **env: str) -> None:
    environ = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull, **env)
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=environ)


def test_dates_and_owner_from_git_history(site: Site, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    source = repo / "PRFAQ.md"
    source.write_text(SKATES, encoding="utf-8")
    git(repo, "add", "PRFAQ.md")
    git(repo, "-c", "user.name=Ana Souza", "-c", "user.email=ana@example.com", "commit", "-q", "-m", "first",
        GIT_AUTHOR_DATE="2024-03-01T10:00:00", GIT_COMMITTER_DATE="2024-03-01T10:00:00")
    source.write_text(SKATES + "\nMore.\n", encoding="utf-8")
    git(repo, "-c", "user.name=Bo Li", "-c", "user.email=bo@example.com", "commit", "-q", "-am", "second",
        GIT_AUTHOR_DATE="2024-06-15T10:00:00", GIT_COMMITTER_DATE="2024-06-15T10:00:00")
    result = site.check("import", str(source))
    assert result.code == 0, result.text
    data = front(imported(site, result).read_text(encoding="utf-8"))
    assert (str(data["created"]), str(data["updated"]), data["owner"]) == ("2024-03-01", "2024-06-15", "Ana Souza")


def test_outside_git_dates_are_today_and_owner_is_git_user(site: Site, tmp_path: Path) -> None:
    import datetime

    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Dana Levi\n", encoding="utf-8")
    source = tmp_path / "loose" / "prfaq.md"
    source.parent.mkdir()
    source.write_text(SKATES, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:  # read by the git the command runs
        env.setenv("GIT_CONFIG_GLOBAL", str(config))
        env.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
        result = site.check("import", str(source))
    assert result.code == 0, result.text
    data = front(imported(site, result).read_text(encoding="utf-8"))
    today = datetime.date.today().isoformat()
    assert (str(data["created"]), str(data["updated"]), data["owner"]) == (today, today, "Dana Levi")


def test_relative_images_copied_escaping_ones_refused(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "project" / "docs"
    (folder / "img").mkdir(parents=True)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 32
    (folder / "img" / "arch.png").write_bytes(png)
    (tmp_path / "project" / "secret.png").write_bytes(b"secret")
    (folder / "PRFAQ.md").write_text(
        SKATES + "\n## Design\n\n![Architecture](img/arch.png)\n\n![Secret](../secret.png)\n\n"
        "![Remote](https://example.com/r.png)\n\n`![Code](../code.png)`\n\nSee [the guide](GUIDE.md).\n",
        encoding="utf-8")
    result = site.check("import", str(folder / "PRFAQ.md"))
    assert result.code == 0, result.text
    page = imported(site, result).read_text(encoding="utf-8")
    assert (site.docs / "proposals" / "rocket-skates" / "img" / "arch.png").read_bytes() == png  # the page's folder
    assert "![Architecture](rocket-skates/img/arch.png)" in page
    assert "*(image not imported: Secret, `../secret.png`)*" in page
    assert "![Remote](https://example.com/r.png)" in page and "`![Code](../code.png)`" in page
    assert "the guide (`GUIDE.md`)" in page
    assert not (site.docs / "secret.png").exists() and not (site.docs / "proposals" / "secret.png").exists()
    assert "image: ../secret.png: outside the original's folder" in result.err
    assert "image: https://example.com/r.png: from another host" in result.err  # the site removes those
    assert "link: GUIDE.md:" in result.err
    site.config("remote_images: true")
    built = site.build("--strict")
    assert built.code == 0, built.text
    assert (site.root / "site" / "proposals" / "rocket-skates" / "img" / "arch.png").is_file()
    assert 'src="img/arch.png"' in site.html("proposals/rocket-skates/index.html")


def test_image_already_there_with_other_content_is_not_overwritten(site: Site, tmp_path: Path) -> None:
    (site.docs / "proposals" / "rocket-skates" / "img").mkdir(parents=True)
    (site.docs / "proposals" / "rocket-skates" / "img" / "a.png").write_bytes(b"theirs")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\nmine")  # a PNG by its first bytes
    (tmp_path / "p.md").write_text(SKATES + "\n![A](img/a.png)\n", encoding="utf-8")
    result = site.check("import", str(tmp_path / "p.md"))
    assert result.code == 0, result.text
    assert (site.docs / "proposals" / "rocket-skates" / "img" / "a.png").read_bytes() == b"theirs"
    assert "exists with other content; not overwriting it" in result.err
    assert "image not imported" in imported(site, result).read_text(encoding="utf-8")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_two_originals_with_one_image_path_each_keep_their_own(site: Site, tmp_path: Path,
                                                               directory_urls: bool) -> None:
    if not directory_urls:
        site.config(extra="use_directory_urls: false\n")
    for folder, title, data in (("x", "Alpha", b"GIF89a alpha"), ("y", "Beta", b"GIF89a beta")):
        (tmp_path / folder / "img").mkdir(parents=True)
        (tmp_path / folder / "img" / "arch.png").write_bytes(data)
        (tmp_path / folder / f"{title.lower()}.md").write_text(
            f"# {title}\n\n## Press Release\n\nHello.\n\n![{title[0]}](img/arch.png)\n\n"
            f'<img src="img/arch.png" width="50">\n', encoding="utf-8")
    result = site.check("import", str(tmp_path / "x" / "alpha.md"), str(tmp_path / "y" / "beta.md"))
    assert result.code == 0, result.text
    assert "not copied" not in result.err
    beta = (site.docs / "proposals" / "beta.md").read_text(encoding="utf-8")
    assert "![B](beta/img/arch.png)" in beta
    raw = "../beta/img/arch.png" if directory_urls else "beta/img/arch.png"  # from the built page's URL
    assert f'<img src="{raw}" width="50">' in beta
    assert site.build("--strict").code == 0
    for id_, data in (("alpha", b"GIF89a alpha"), ("beta", b"GIF89a beta")):
        out = site.html(f"proposals/{id_}/index.html" if directory_urls else f"proposals/{id_}.html")
        srcs = re.findall(r'<img[^>]*\bsrc="([^"]+)"', out.split("prfaq-statusline", 1)[-1])
        assert len(srcs) == 2, srcs
        for src in srcs:  # each resolves, from the page's URL, to that page's own image
            served = (site.root / "site" / "proposals" / (id_ if directory_urls else "") / src).resolve()
            assert served.read_bytes() == data, (id_, src)


# -- the guide, run as written -------------------------------------------------------------------

@pytest.mark.process
def test_the_import_guide_runs_as_written(tmp_path: Path) -> None:
    """docs/importing.md's shell blocks, in order, in an empty folder: each succeeds, prints its
    Output block's lines, and the page it shows is the page written (dates aside)."""
    from ..docs.test_docs import blocks

    guide = ROOT / "docs" / "importing.md"
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    last: Result | None = None
    shown = 0
    for block in blocks(guide):
        if block.lang == "bash":
            # one terminal: each block starts where the last one left the shell
            script = f'cd "$(cat {tmp_path}/.cwd 2>/dev/null || pwd)"\n{block.text}\npwd > {tmp_path}/.cwd\n'
            last = run(["bash", "-euo", "pipefail", "-c", script], tmp_path, **env)
            assert last.code == 0, f"{block}:\n{block.text}\n{last.text}"
        elif block.lang == "text" and block.title == "Output":
            assert last is not None
            for line in block.text.splitlines():
                assert line in last.text.splitlines(), f"{block}: {line!r} not printed:\n{last.text}"
        elif block.lang == "markdown":
            written = re.search(r"writes `(docs/[^`]+\.md)`:\s*$", block.before)
            assert written, block
            page = (tmp_path / "rocket-site" / written.group(1)).read_text(encoding="utf-8")
            expected = [line for line in block.text.splitlines() if not line.startswith(("created:", "updated:"))]
            actual = [line for line in page.splitlines() if not line.startswith(("created:", "updated:"))]
            assert actual == expected
            shown += 1
    assert shown == 1
    folder = tmp_path / "rocket-site" / "docs" / "proposals" / "acme-launches-rocket-skates-halving-the-commute"
    assert (folder / "sketch.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "rocket-site" / "site" / "proposals" / "acme-launches-rocket-skates-halving-the-commute"
            / "index.html").is_file()


def test_setext_headings_are_headings() -> None:
    page = convert("Rocket Skates\n=============\n\nPress Release\n-------------\n\n"
                   "**SEATTLE, WA, April 27, 2027** — Acme launched Rocket Skates.\n\nFAQ\n---\n\n"
                   "### How fast do they go?\n\nFast.\n\nRisks\n-----\n\nNone.\n")
    assert front(page)["title"] == "Rocket Skates"
    assert "## External FAQ\n\n### How fast do they go?\n\nFast.\n\n## Risks\n\nNone.\n" in page
    assert "**SEATTLE, WA, April 27, 2027** — Acme launched Rocket Skates." in page
    doc = body.parse(page.split("---\n", 2)[2], 0)
    assert doc is not None and not doc.errors


def test_faq_groups_named_as_in_the_body_form_and_a_section_beside_them() -> None:
    page = convert("# Groups\n\n## Press Release\n\n**SEATTLE, WA, April 27, 2027** — X.\n\n## FAQ\n\n"
                   "### Customers\n\n#### Pricing\n\n##### How much does it cost?\n\nTen.\n\n"
                   "#### Which channels are supported?\n\nAll.\n\n### Internal\n\n#### Why now?\n\nBecause.\n\n"
                   "### Open issues\n\nKept as written?\n")
    data = parsed(page)
    faq = data["faq"]
    assert isinstance(faq, dict)
    assert [q["question"] for q in faq["external"]] == ["Pricing: How much does it cost?", "Which channels are supported?"]
    assert [q["question"] for q in faq["internal"]] == ["Why now?"]
    assert "## Open issues\n\nKept as written?\n" in page


@pytest.mark.parametrize(("date", "what"), [("Feb 30, 2027", "names a day that does not exist"),
                                             ("2027-02-30", "names a day that does not exist"),
                                             ("2026", "has no day or month")])
def test_a_dateline_that_is_no_date_says_why(date: str, what: str) -> None:
    converted = importer.convert(f"# K\n\n## Press Release\n\n**SEATTLE, WA, {date}** — Hi.\n", name="p.md",
                                 today=datetime.date(2026, 1, 2), user="A")
    assert [n.message.split(";")[0] for n in converted.notes if n.field == "dateline"] == [f"'SEATTLE, WA, {date}' {what}"]


def test_a_question_keeps_its_explicit_id() -> None:
    page = convert("# K\n\n## FAQ\n\n### How fast? {#speed}\n\nFast. See [pricing](#pricing).\n\n"
                   "### How much? {#pricing}\n\nTen.\n")
    assert "### How much? {#pricing}" in page and "### How fast? {#speed}" in page
    faq = parsed(page)["faq"]
    assert isinstance(faq, dict)
    assert [(q["question"], q.get("id")) for q in faq["external"]] == [("How fast?", "speed"), ("How much?", "pricing")]
