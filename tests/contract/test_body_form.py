"""The body form: a PR/FAQ written as Markdown sections validates and renders like front matter."""

from __future__ import annotations

import re
from typing import Any

import pytest

from benchmarks.generate import body_page as body_form
from benchmarks.generate import prfaq_page, proposal_data

from ..conftest import Site


def headings(html: str) -> list[str]:
    article = html.split('class="prfaq-statusline', 1)[1]
    return [re.sub(r"<[^>]+>|¶", "", h).strip() for h in re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", article, re.S)]


def test_body_form_and_front_matter_render_the_same_sections(site: Site) -> None:
    data = proposal_data(3, "in-review")
    data.pop("customer", None)
    site.page("front.md", prfaq_page(dict(data, id="front")))
    site.page("body.md", body_form(dict(data, id="body")))
    result = site.build("--strict")
    assert result.code == 0, result.text
    front, body = site.html("proposals/front/index.html"), site.html("proposals/body/index.html")
    layout = headings(front)[: headings(front).index("Appendix")]  # the rest is each page's own body
    assert headings(body)[: len(layout)] == layout and len(layout) > 10
    for q in data["faq"]["internal"]:
        assert q["question"] in body
    assert "Notes from the customer interviews" in body
    article = body.split("prfaq-statusline", 1)[1]
    assert article.index("Notes from the customer interviews") > article.index(data["faq"]["internal"][-1]["question"])
    for text in (data["quotes"][0]["name"], "prfaq-quote--leader", "prfaq-quote--customer", "prfaq-dateline"):
        assert text in body, text


def test_body_form_problems_are_the_same_at_body_lines(site: Site) -> None:
    data = proposal_data(3, "in-review")
    data.pop("customer", None)
    data["faq"]["external"] = data["faq"]["external"][:1]
    data["quotes"] = data["quotes"][:1]
    site.page("front.md", prfaq_page(dict(data, id="front")))
    page = site.page("body.md", body_form(dict(data, id="body")))
    result = site.check("check")
    assert result.code == 1
    lines = page.read_text(encoding="utf-8").splitlines()

    def messages(name: str) -> set[str]:
        return {line.split(": ", 1)[1] for line in result.out.splitlines() if line.startswith(f"docs/proposals/{name}")}

    assert messages("front.md") == messages("body.md") and messages("body.md")
    for line in result.out.splitlines():
        if line.startswith("docs/proposals/body.md") and "faq.external" in line:
            number = int(line.split(":")[1])
            assert lines[number - 1] == "## External FAQ", line


def test_a_section_in_both_places_names_both_lines(site: Site) -> None:
    data = proposal_data(1, "draft")
    page = body_form(data).replace("---\n\n", "faq:\n  external: []\n---\n\n", 1)
    site.page("both.md", page)
    result = site.check("check")
    number = page.splitlines().index("## External FAQ") + 1
    front = page.splitlines().index("faq:") + 1
    assert f"docs/proposals/both.md:{number}: faq: given both in front matter (line {front}) and in the body " \
           f"(line {number})" in result.out, result.text
    assert result.code == 1


FAQ_SHAPES = {
    "grouped": "## FAQ\n\n### Customer FAQ\n\n#### How much?\n\nFree.\n\n### Internal/Technical FAQ\n\n"
               "#### Why now?\n\nBecause.\n",
    "bold": "## Frequently Asked Questions\n\n**Q: How much?**\n\nA: Free.\n\n**Q: Where?**\nEverywhere.\n\n"
            "## Internal FAQ\n\n**Why now?**\n\nBecause.\n",
    "undivided": "## FAQ\n\n### How much?\n\nFree.\n\n### Why now?\n\nBecause.\n",
}


def test_faq_shapes(site: Site) -> None:
    front = "---\ntitle: Shapes\nstatus: draft\nowner: Ana\ncreated: 2026-01-01\n---\n\n"
    for name, text in FAQ_SHAPES.items():
        site.page(f"{name}.md", front + text)
    result = site.build("--strict")
    assert result.code == 0, result.text
    grouped = site.html("proposals/grouped/index.html")
    assert grouped.index('id="external-faq"') < grouped.index("How much?") < grouped.index('id="internal-faq"') \
        < grouped.index("Why now?")
    bold = site.html("proposals/bold/index.html")
    assert re.search(r'<h4 id="how-much">How much\?', bold) and re.search(r'<h4 id="where">Where\?', bold)
    assert "A: Free" not in bold and "<p>Free.</p>" in bold and "<p>Everywhere.</p>" in bold
    assert bold.index('id="internal-faq"') < bold.index("Why now?")
    undivided = site.html("proposals/undivided/index.html")
    assert 'id="internal-faq"' not in undivided and undivided.index('id="external-faq"') < undivided.index("Why now?")


def test_press_release_parts_by_label_and_a_month_dateline(site: Site) -> None:
    site.page("labels.md", "---\ntitle: Labels\nstatus: draft\nowner: Ana\ncreated: 2026-01-01\n---\n\n"
              "Preamble kept.\n\n## Press release\n\n**OPEN SOURCE, August 2027** — The summary.\n\n"
              "**Problem:** The problem.\n\n- a list\n- that belongs to it\n\n**Solution:** The solution.\n\n"
              "## Technical design\n\n```python\n# not a heading\n```\n")
    assert site.build().code == 0
    html = site.html("proposals/labels/index.html")
    assert "Preamble kept." in html and "not a heading" in html and "The solution." in html
    assert html.index("The problem.") < html.index("that belongs to it") < html.index("The solution.")
    assert "August 2027" in html


def test_anchors_never_collide(site: Site) -> None:
    data = proposal_data(2, "in-review")
    text = prfaq_page(dict(data, id="clash")) + (
        "\n## Notes\n\n### Press release\n\nOur own.\n\n### FAQ\n\nAlso ours.\n\n"
        f"### {data['faq']['external'][0]['question']}\n\nSame words as a question.\n\n[back](#faq)\n")
    site.page("clash.md", text)
    result = site.build("--strict")
    assert result.code == 0, result.text
    html = site.html("proposals/clash/index.html")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'id="faq-2"' in html and 'href="#faq-2"' in html and 'id="press-release-2"' in html


def test_the_sites_labels_name_the_sections(site: Site) -> None:
    site.config("labels:\n  internal_faq: Business FAQ")
    site.page("labelled.md", "---\ntitle: L\nstatus: draft\nowner: Ana\ncreated: 2026-01-01\n---\n\n"
              "## Business FAQ\n\n### Why now?\n\nBecause.\n")
    assert site.build("--strict").code == 0
    html = site.html("proposals/labelled/index.html")
    assert 'id="internal-faq"' in html and html.index('id="internal-faq"') < html.index("Why now?")


def test_placeholder_text_is_a_problem_from_in_review_on(site: Site) -> None:
    data = proposal_data(4, "in-review")
    data.pop("customer", None)
    data["press_release"]["problem"] = "TBD"
    data["faq"]["internal"][1]["answer"] = "TODO: ask finance"
    data["dateline"]["location"] = "[City, State]"
    page = site.page("holes.md", body_form(dict(data, id="holes")))
    result = site.check("check")
    lines = page.read_text(encoding="utf-8").splitlines()
    found = {line.split(": ", 1)[1]: int(line.split(":")[1]) for line in result.out.splitlines() if ".md:" in line}
    assert found.keys() == {"press_release.problem: placeholder text 'TBD' (status 'in-review' needs the real text)",
                            "faq.internal.1.answer: placeholder text 'TODO: ask finance' (status 'in-review' needs "
                            "the real text)",
                            "dateline.location: placeholder text '[City, State]' (status 'in-review' needs the real "
                            "text)"}, result.out
    assert lines[found["press_release.problem: placeholder text 'TBD' (status 'in-review' needs the real text)"] - 1] \
        == "TBD"
    page.write_text(page.read_text(encoding="utf-8").replace("status: in-review", "status: draft"), encoding="utf-8")
    assert site.check("check").code == 0


# -- generated bodies: never a crash, lines inside the file, no word lost ----------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mkdocs_prfaq.contract import body as body_form_parser  # noqa: E402
from mkdocs_prfaq.contract.model import load_page  # noqa: E402
from mkdocs_prfaq.contract.schema import build_validator  # noqa: E402

VALIDATOR = build_validator()
_SECTION = st.sampled_from(["## Press release", "## External FAQ", "## Internal FAQ", "## FAQ", "### External FAQ",
                            "### Internal FAQ", "## Appendix", "# Title", "### A question?", "#### Deeper?",
                            "## Frequently Asked Questions", "## Customer FAQ"])
_LINE = st.sampled_from(["**Q: How much?**", "A: Free.", "**Problem:** it hurts", "> \"Quoted.\"", "> — Ana, CEO",
                         "> — Bo, user {customer}", "**SEATTLE, WA, May 1, 2027** — Summary words.", "```", "~~~",
                         "- item", "1. first", "| a | b |", "plain words here", "", "", "    indented code",
                         "<div>html</div>", "**bold line?**", "TBD", "{#anchor}", "---"])
_WORD = st.text(alphabet="abcdefghij", min_size=3, max_size=6)
bodies = st.lists(st.one_of(_SECTION, _LINE, _WORD), max_size=40).map("\n".join)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def _strings(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_strings(v) for v in value)
    return str(value)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_generated_bodies_never_crash_and_lose_no_word(text: str) -> None:
    front = "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n"
    page = front + text + "\n"
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    total = page.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= total, (str(problem), page)
    parsed = body_form_parser.parse(text + "\n", 6)
    if parsed is None:
        return
    headings = {h for h in re.findall(r"(?m)^ {0,3}#{1,6}[ \t]+(.*)$", text)
                if body_form_parser.normalise(h) in body_form_parser.PRESS_RELEASE | body_form_parser.EXTERNAL
                | body_form_parser.INTERNAL | body_form_parser.FAQ}
    consumed = _words(" ".join(headings)) | {"leader", "customer", "problem", "may"}  # "May 1, 2027" is 2027-05-01
    kept = _words(_strings(proposal.data) + " " + proposal.body + " " + proposal.preface)
    lost = _words(text) - consumed - kept
    assert not lost, (lost, text, proposal.data, proposal.body)


# -- found by review: shapes real authors write --------------------------------------------------


def parse(text: str) -> body_form_parser.BodyDoc:
    doc = body_form_parser.parse(text, 0)
    assert doc is not None
    return doc


def test_a_subsection_beside_the_faq_groups_is_kept() -> None:
    doc = parse("## FAQ\n\n### External FAQ\n\n#### A?\n\nx\n\n### Internal FAQ\n\n#### B?\n\ny\n\n"
                "### Open risks\n\n- risk\n\n#### Is the vendor stable?\n\nmaybe\n")
    assert [q["question"] for q in doc.data["faq"]["external"]] == ["A?"]
    assert "### Open risks" in doc.rest and "Is the vendor stable?" in doc.rest and "- risk" in doc.rest


def test_an_answer_prefix_is_only_a_labelled_a() -> None:
    doc = parse("## External FAQ\n\n### Q?\n\nA.I. features are included.\n\n### R?\n\nA) free, or B) paid\n\n"
                "### S?\n\nA: yes\n")
    assert [q["answer"] for q in doc.data["faq"]["external"]] == ["A.I. features are included.",
                                                                 "A) free, or B) paid", "yes"]


def test_a_quote_of_several_paragraphs_and_quotes_in_one_blockquote() -> None:
    doc = parse('## Press release\n\n**X, May 1, 2027** — s\n\n> "We built it.\n\n> Every team deserves it."\n'
                "> — Dana Levi, VP\n\n> \"Two\"\n> — Sam, user\n")
    assert [(q["kind"], q["name"], q["text"]) for q in doc.data["quotes"]] == [
        ("leader", "Dana Levi", "We built it.\n\nEvery team deserves it."), ("customer", "Sam", "Two")]


def test_what_comes_before_the_dateline_is_kept_and_shifts_nothing() -> None:
    doc = parse("## Press release\n\n### Tidy launches\n\n**FOR IMMEDIATE RELEASE**\n\n"
                "**X, May 1, 2027** — summary\n\np\n\ns\n\ng\n")
    assert doc.data["press_release"] == {"summary": "summary", "problem": "p", "solution": "s", "getting_started": "g"}
    assert doc.preface == "### Tidy launches\n\n**FOR IMMEDIATE RELEASE**" and "IMMEDIATE" not in doc.rest


def test_what_comes_before_the_dateline_is_shown_before_it(site: Site) -> None:
    site.page("preface.md", "---\ntitle: Preface\nstatus: draft\nowner: Ana\ncreated: 2026-01-01\n---\n\n"
              "## Press release\n\n### Tidy launches today\n\n**FOR IMMEDIATE RELEASE**\n\n"
              "**LONDON, May 1, 2027** — The summary.\n\nThe problem.\n\n## FAQ\n\n### Why?\n\nBecause.\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    html = site.html("proposals/preface/index.html")
    article = html.split('class="prfaq-statusline', 1)[1]
    assert article.count("FOR IMMEDIATE RELEASE") == 1
    order = [article.index(t) for t in ('id="press-release"', "Tidy launches today", "FOR IMMEDIATE RELEASE",
                                        "prfaq-dateline", "The summary.", "The problem.", "Why?")]
    assert order == sorted(order), order
    assert html.count('id="tidy-launches-today"') == 1  # a heading like the others, once


def test_a_quote_whose_role_names_a_customer_is_a_customer_quote() -> None:
    doc = parse('## Press release\n\n**X, May 1, 2027** — s\n\n> "Love it."\n> — Jamie, early user\n\n'
                '> "We built it."\n> — Dana, VP Product\n\n> "Me too."\n> — Sam, Customer\n')
    assert [(q["name"], q["kind"]) for q in doc.data["quotes"]] == [
        ("Jamie", "customer"), ("Dana", "leader"), ("Sam", "customer")]


def test_a_preface_stops_at_the_first_part_and_a_part_label_is_no_preface() -> None:
    doc = parse("## Press release\n\n**FOR IMMEDIATE RELEASE**\n\n### Summary\n\n**X, May 1, 2027** — s\n\n"
                "### Problem\n\np\n")
    assert doc.preface == "**FOR IMMEDIATE RELEASE**"
    assert doc.data["press_release"] == {"summary": "s", "problem": "p"}


def test_a_rule_is_not_a_part() -> None:
    doc = parse("## Press release\n\n**X, May 1, 2027** — summary\n\np\n\ns\n\ng\n\n---\n\nclosing words\n")
    assert doc.data["press_release"]["closing"] == "closing words"


def test_setext_headings_and_a_dateline_alone_on_its_line() -> None:
    doc = parse("Press release\n-------------\n\n**SEATTLE, WA — April 2, 2027**\n\nThe summary.\n\n"
                "External FAQ\n------------\n\n### Q?\n\nA\n")
    assert doc.data["dateline"] == {"location": "SEATTLE, WA", "date": "2027-04-02"}
    assert doc.data["press_release"]["summary"] == "The summary."
    assert doc.data["faq"]["external"] == [{"question": "Q?", "answer": "A"}]


def test_faq_levels_topics_and_short_group_names() -> None:
    h1 = parse("# FAQ\n\n## How much?\n\nFree\n\n## Why?\n\nBecause\n")
    assert [q["question"] for q in h1.data["faq"]["external"]] == ["How much?", "Why?"]
    topics = parse("## External FAQ\n\n### Pricing\n\n#### How much?\n\nFree\n\n#### Trial?\n\nYes\n")
    assert [q["question"] for q in topics.data["faq"]["external"]] == ["Pricing: How much?", "Pricing: Trial?"]
    short = parse("## FAQ\n\n### Customers\n\n#### A?\n\nx\n\n### Internal\n\n#### B?\n\ny\n")
    assert [q["question"] for q in short.data["faq"]["internal"]] == ["B?"]
    bold = parse("## FAQ\n\n**Why no X? (And why not Y)**\n\nbecause\n")
    assert bold.data["faq"]["external"] == [{"question": "Why no X? (And why not Y)", "answer": "because"}]


def test_missing_parts_are_reported_at_their_section(site: Site) -> None:
    page = site.page("thin.md", "---\ntitle: T\nstatus: in-review\nowner: A\ncreated: 2026-01-01\n---\n\n"
                     "## Press release\n\nJust a summary.\n\n## FAQ\n\n### Only one?\n\nYes.\n")
    out = site.check("check").out
    lines = page.read_text(encoding="utf-8").splitlines()
    for field, heading in (("dateline", "## Press release"), ("quotes", "## Press release"),
                           ("faq.internal", "## FAQ")):
        line = next(x for x in out.splitlines() if f": {field}:" in x)
        assert lines[int(line.split(":")[1]) - 1] == heading, line


def test_front_matter_and_body_may_each_hold_one_faq_group(site: Site) -> None:
    site.page("split.md", "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\nfaq:\n  internal:\n"
              "    - question: Why now?\n      answer: Because.\n---\n\n## External FAQ\n\n### How much?\n\nFree.\n")
    assert site.check("check").code == 0
    assert site.build("--strict").code == 0
    html = site.html("proposals/split/index.html")
    assert html.index("How much?") < html.index('id="internal-faq"') < html.index("Why now?")


def test_more_placeholders() -> None:
    from mkdocs_prfaq.contract.placeholders import is_placeholder
    for text in ("TODO write this", "TBD — waiting on legal", "TBD (Ana)", "<!-- TODO -->", "todo"):
        assert is_placeholder(text), text
    for text in ("Todo lists are great for teams.", "XXX-large shirts sell out.", "The answer is TBD."):
        assert not is_placeholder(text), text


def _slow_is_placeholder(value: str) -> bool:
    """The whole-text rule that placeholders.is_placeholder shortens for long prose."""
    from mkdocs_prfaq.contract import placeholders as ph
    text = ph._MARKUP.sub(" ", ph._LIST.sub(" ", ph._HTML_COMMENT.sub(" ", value))).strip()
    if not text or ph._SLOT.match(text):
        return True
    return bool(ph._ONLY_PLACEHOLDER.match(text) or re.split(r"[\s:.!?,;(—–]", text, maxsplit=1)[0] in ph._MARKERS)


_PIECES = st.sampled_from(["TODO", "TBD", "- ", "\n1. ", "TBD?", "todo", "lorem ipsum", "Lorem", "insert", " ", "  ", "\n", "**", "_", "`",
                           "#", ">", "?", "-", "x", "X", "...", "…", "[City]", ":", "word", "prose goes here", "N/A",
                           ".", ",", "(", "—", "<!-- c -->", "a" * 70])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.builds(lambda head, tail: head + tail, st.lists(_PIECES, max_size=4).map("".join),
                 st.lists(_PIECES, min_size=20, max_size=80).map("".join)))
@example("TODO: " + "write the words " * 20)
@example("**TBD** — " + "the long answer " * 20)
@example("Todo lists are " + "what people want " * 20)
@example("[City, State] " * 30)
def test_placeholder_shortcut_for_long_text_agrees_with_the_whole_text_rule(value: str) -> None:
    from mkdocs_prfaq.contract.placeholders import is_placeholder
    assert is_placeholder(value) == _slow_is_placeholder(value), value


@pytest.mark.parametrize(("written", "date"), [("27. April 2027", "2027-04-27"), ("April 27th, 2027", "2027-04-27"),
                                               ("27 April, 2027", "2027-04-27"), ("1st May 2027", "2027-05-01")])
def test_day_first_and_ordinal_datelines(written: str, date: str) -> None:
    doc = parse(f"## Press release\n\n**BERLIN, {written}** — The summary.\n")
    assert doc.data["dateline"] == {"location": "BERLIN", "date": date}
    assert doc.data["press_release"]["summary"] == "The summary."


def test_a_quote_with_a_name_alone_is_a_quote_without_a_role(site: Site) -> None:
    """A role is optional (real documents often name only the speaker: `said the author`): the
    quote renders with its speaker and no dangling comma; an empty role written in front matter
    is still a problem at its line."""
    quote = '## Press release\n\n**X, May 1, 2027** — s\n\n> "Skating is the future."\n> — Jeff Bezos\n'
    page = "---\ntitle: Q\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n" + quote
    site.page("q.md", page)
    result = site.build("--strict")
    assert result.code == 0, result.text
    shown = site.html("proposals/q/index.html")
    assert re.search(r"<cite>Jeff Bezos</cite>\s*</figcaption>", shown), shown
    front = ("---\ntitle: Q\nstatus: draft\nowner: A\ncreated: 2026-01-01\nquotes:\n  - kind: leader\n"
             "    name: Jeff Bezos\n    role: ''\n    text: Skating is the future.\n---\n")
    site.page("q.md", front)
    result = site.build("--strict")
    line = front.split("\n").index("    role: ''") + 1
    assert result.code == 1 and f"docs/proposals/q.md:{line}: quotes.0.role:" in result.err, result.text
    assert "Traceback" not in result.text


@pytest.mark.parametrize("text", ["- TBD", "1. TODO\n2. TODO", "TBD?", "* TBD — ask legal"])
def test_placeholders_in_a_list_or_a_question(text: str) -> None:
    from mkdocs_prfaq.contract.placeholders import is_placeholder
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["- Todo lists sync", "1. Why not?", "Is it TBD-proof? Yes."])
def test_prose_in_a_list_or_a_question_is_no_placeholder(text: str) -> None:
    from mkdocs_prfaq.contract.placeholders import is_placeholder
    assert not is_placeholder(text)


def test_a_question_shows_its_inline_markdown(site: Site) -> None:
    site.page("markup.md", "---\ntitle: M\nstatus: draft\nowner: A\ncreated: 2026-01-01\nfaq:\n  internal:\n"
              "    - question: 'Is `x` <script>alert(1)</script> safe?'\n      answer: Yes.\n---\n\n"
              "## External FAQ\n\n### Why **bold** and `code` and [a link](https://example.com)?\n\nBecause.\n\n"
              "### Q & A, plain?\n\nYes.\n\n### 1. Numbered?\n\nYes.\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    page = site.html("proposals/markup/index.html")
    assert ('<h4 id="why-bold-and-code-and-a-link">Why <strong>bold</strong> and <code>code</code> and '
            '<a href="https://example.com">a link</a>?') in page
    assert '<h4 id="q-a-plain">Q &amp; A, plain?' in page
    assert '<h4 id="1-numbered">1. Numbered?' in page  # not a list: shown as written
    assert "<code>x</code>" in page and "<script>alert" not in page
    assert "**" not in page.split("prfaq-statusline", 1)[1].split("</article>")[0]
