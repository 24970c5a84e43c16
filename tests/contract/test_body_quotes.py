"""The body form reads a quote written in prose in its press release (``"...," said Name, Role.``)
as ``import`` does, with the same finder (:mod:`mkdocs_prfaq.contract.quotes`): a quote in its
place, the prose around it kept, problems at the quote's line; quoted words without an attribution,
quotes in the FAQ and code stay text."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract.body import BodyDoc, parse

from ..conftest import Site
from ..linear import assert_linear
from .test_linear import hang_guard

DATELINE = "**SEATTLE, WA, April 27, 2027** — Today we launch skates.\n\n"


def press(*paragraphs: str) -> BodyDoc:
    doc = parse("## Press release\n\n" + DATELINE + "\n\n".join(paragraphs) + "\n\n## External FAQ\n\n### Why?\n\nBecause.\n")
    assert doc is not None
    return doc


def quotes(doc: BodyDoc) -> list[tuple[str, str, str]]:
    return [(q["name"], q.get("role", ""), q["text"]) for q in doc.data.get("quotes", [])]


def prose(doc: BodyDoc) -> str:
    return "\n\n".join(doc.data.get("press_release", {}).values())


# -- each form, in several variants ---------------------------------------------------------------

FORMS: dict[str, tuple[str, tuple[str, str, str]]] = {
    "said Name, Role": ('"We built it for every commuter," said Dana Levi, VP Product.',
                        ("Dana Levi", "VP Product", "We built it for every commuter.")),
    "said Name, Role over two lines": ('"We built it for every commuter,"\nsaid Dana Levi,\nVP Product.',
                                       ("Dana Levi", "VP Product", "We built it for every commuter.")),
    "said Name at Company": ('"It is fast," said Dana Levi at Skates Inc.',
                             ("Dana Levi", "Skates Inc.", "It is fast.")),
    "curly quotes": ("“It is fast,” said Dana Levi, VP Product.", ("Dana Levi", "VP Product", "It is fast.")),
    "added Surname": ('"And it folds," added Levi.', ("Levi", "", "And it folds.")),
    "explained Name, Role": ('"It folds," explained Ana Ruiz, head of design.',
                             ("Ana Ruiz", "head of design", "It folds.")),
    "Name said": ('"It folds," Ana Ruiz said.', ("Ana Ruiz", "", "It folds.")),
    "Name, Role, says": ('"I got my hour back," Sam Rivera, early user, says.',
                         ("Sam Rivera", "early user", "I got my hour back.")),
    "says Name": ('"I got my hour back," says Sam Rivera, a commuter.',
                  ("Sam Rivera", "a commuter", "I got my hour back.")),
    "according to": ('"It is quiet," according to Jo Park, Acme CEO.', ("Jo Park", "Acme CEO", "It is quiet.")),
    "said the author": ('"I wanted my notes to outlive any app," said the author.',
                        ("the author", "", "I wanted my notes to outlive any app.")),
    "emphasis": ('*"Worth it,"* said Sam Rivera, pilot user.', ("Sam Rivera", "pilot user", '*Worth it.*')),
    "dash on the quotation's line": ('"We built it for you." — Dana Levi, VP Product',
                                     ("Dana Levi", "VP Product", "We built it for you.")),
    "continued quotation": ('"It is fast," said Dana Levi, VP Product. "And it folds."',
                            ("Dana Levi", "VP Product", "It is fast. And it folds.")),
}


@pytest.mark.parametrize("form", FORMS)
def test_each_prose_form_is_a_quote(form: str) -> None:
    text, expected = FORMS[form]
    doc = press("Commuters lose an hour a day.", text, "The skates fold.")
    assert quotes(doc) == [expected]
    assert "Commuters lose an hour a day." in prose(doc) and "The skates fold." in prose(doc)
    assert '"' not in prose(doc) and "“" not in prose(doc), prose(doc)


@pytest.mark.parametrize("form", FORMS)
def test_each_form_reads_as_import_reads_it(form: str) -> None:
    """The body form's quote is the one ``import`` makes of the same paragraph (it writes a
    blockquote, which the body form reads)."""
    text, _ = FORMS[form]
    original = "## Press release\n\n" + DATELINE + "Commuters lose an hour a day.\n\n" + text + "\n"
    imported = importer.convert("# Skates PR/FAQ\n\n" + original, name="p.md", today=datetime.date(2026, 1, 1),
                                user="A").text
    again = parse(imported.split("\n---\n", 1)[1])
    assert again is not None
    assert quotes(press("Commuters lose an hour a day.", text)) == quotes(again)


BLOCKQUOTED = [f for f in FORMS if f != "dash on the quotation's line"]  # that one is the blockquote form's own


@pytest.mark.parametrize("form", BLOCKQUOTED)
def test_a_blockquote_in_prose_is_a_quote_as_import_reads_it(form: str) -> None:
    text, expected = FORMS[form]
    quoted = "\n".join("> " + line for line in text.split("\n"))
    doc = press("Commuters lose an hour a day.", quoted, "The skates fold.")
    assert quotes(doc) == [expected]
    assert ">" not in prose(doc)
    original = "## Press release\n\n" + DATELINE + "Commuters lose an hour a day.\n\n" + quoted + "\n"
    imported = importer.convert("# Skates PR/FAQ\n\n" + original, name="p.md", today=datetime.date(2026, 1, 1),
                                user="A").text
    again = parse(imported.split("\n---\n", 1)[1])
    assert again is not None and quotes(again) == quotes(doc)


@pytest.mark.parametrize("text", ['> "It is fast," said Dana Levi, VP Product. The skates ship in May.',
                                  '> The rider wrote: "It is fast," said Dana Levi, VP Product.',
                                  '> "Fast path" is what we call it.'])
def test_a_blockquote_with_more_than_a_quote_stays_as_written(text: str) -> None:
    doc = press("Commuters lose an hour a day.", text)
    assert "quotes" not in doc.data
    assert text in prose(doc)


def test_a_quotation_opening_a_later_sentence_keeps_the_prose_before_and_after() -> None:
    for before in ("Commuters lose an hour a day.", "It ships in May!", "Why now?"):
        for after in ("", " The skates ship in May.", " Pre-orders open today."):
            doc = press(f'{before} "It is fast," said Dana Levi, VP Product.{after}')
            assert quotes(doc) == [("Dana Levi", "VP Product", "It is fast.")]
            assert before in prose(doc)
            assert after.strip() in prose(doc)


def test_two_and_three_quotes_in_one_paragraph_each_in_order() -> None:
    doc = press('"It is fast," said Dana Levi, VP Product. "I got my hour back," Sam Rivera, early user, says.')
    assert [q[0] for q in quotes(doc)] == ["Dana Levi", "Sam Rivera"]
    assert [q["kind"] for q in doc.data["quotes"]] == ["leader", "customer"]
    doc = press('Intro. "A," said Jo. Between. "B," added Sam. "C," says Ana Ruiz, a rider. Outro.')
    assert [q[0] for q in quotes(doc)] == ["Jo", "Sam", "Ana Ruiz"]
    for word in ("Intro.", "Between.", "Outro."):
        assert word in prose(doc)


def test_kinds_follow_the_blockquote_rules_and_mix_with_blockquotes() -> None:
    doc = press('"Love it," said Jamie, early user.', "> \"We built it.\"\n> — Dana, VP Product",
                '"Me too," said Sam, customer.', '"And me," said Ana Ruiz, a rider.')
    assert [(q["name"], q["kind"]) for q in doc.data["quotes"]] == [
        ("Jamie", "customer"), ("Dana", "leader"), ("Sam", "customer"), ("Ana Ruiz", "customer")]


def test_a_quote_takes_no_part_and_a_labelled_quote_keeps_its_label() -> None:
    doc = press("The problem.", '"It is fast," said Dana Levi, VP Product.', "The solution.", "Get started.")
    assert doc.data["press_release"] == {"summary": "Today we launch skates.", "problem": "The problem.",
                                         "solution": "The solution.", "getting_started": "Get started."}
    doc = press('**Solution:** The skates fold. "It is fast," said Dana Levi, VP Product.', "More solution.")
    assert doc.data["press_release"]["solution"] == "The skates fold.\n\nMore solution."
    assert quotes(doc) == [("Dana Levi", "VP Product", "It is fast.")]


def test_a_quote_in_the_dateline_paragraph() -> None:
    doc = parse('## Press release\n\n**SEATTLE, WA, April 27, 2027** — Today we launch skates. '
                '"It is fast," said Dana Levi, VP Product.\n')
    assert doc is not None
    assert doc.data["dateline"]["location"] == "SEATTLE, WA"
    assert doc.data["press_release"]["summary"] == "Today we launch skates."
    assert quotes(doc) == [("Dana Levi", "VP Product", "It is fast.")]


# -- what is no quote -----------------------------------------------------------------------------

NOT_QUOTES = [
    'The so-called "fast path" is what commuters asked for.',
    '"Fast path" is what commuters asked for.',
    'We call it the "fast path", and it is fast.',
    'Commuters say it is the "fast path." They said so twice.',
    '"Fast", "quiet" and "light" are the words riders use.',
    'The "said" button says what it said.',
    '"It is fast," said the rider who had waited an hour for a bus that never came and then walked home in rain.',
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_quoted_words_in_prose_stay_prose(text: str) -> None:
    doc = press(text)
    assert "quotes" not in doc.data
    assert " ".join(text.split()) in " ".join(prose(doc).split())


@pytest.mark.parametrize("fence", ["```\n{}\n```", "~~~text\n{}\n~~~", "    {}", "- {}", "1. {}", "| a |\n|---|\n| {} |"])
def test_a_prose_quote_in_code_a_list_or_a_table_is_no_quote(fence: str) -> None:
    text = '"It is fast," said Dana Levi, VP Product.'
    doc = press("The problem.", fence.format(text))
    assert "quotes" not in doc.data
    assert text in prose(doc)


@pytest.mark.parametrize("section", ["## External FAQ\n\n### Why?\n\n{}\n", "## Internal FAQ\n\n**Why?**\n\n{}\n",
                                     "## Notes\n\n{}\n", "{}\n\n## Press release\n\nThe summary.\n"])
def test_a_prose_quote_outside_the_press_release_stays_where_it_is(section: str) -> None:
    text = '"It is fast," said Dana Levi, VP Product.'
    doc = parse("## Press release\n\n" + DATELINE + section.format(text)
                if not section.startswith("{}") else section.format(text))
    assert doc is not None
    assert "quotes" not in doc.data
    answers = [q["answer"] for part in doc.data.get("faq", {}).values() for q in part]
    assert text in answers or text in doc.rest or text in doc.preface


# -- lines and pages ------------------------------------------------------------------------------

FRONT = "---\ntitle: Skates\nstatus: in-review\nowner: A\ncreated: 2026-01-01\nreviewers: [B]\nsubtitle: S\n---\n\n"
FAQS = "".join(f"## {group} FAQ\n\n" + "".join(f"### {q}?\n\n{q.lower()}\n\n" for q in qs)
               for group, qs in (("External", "ABC"), ("Internal", "DEF")))


def page(*paragraphs: str) -> str:
    return FRONT + "## Press release\n\n" + DATELINE + "\n\n".join(paragraphs) + "\n\n" + FAQS


def test_in_review_reads_prose_quotes_as_its_quotes(site: Site) -> None:
    site.page("p.md", page("Commuters lose an hour a day.", "The skates fold.", "Order at example.com.",
                           '"We built it for every commuter," said Dana Levi, VP Product.',
                           'Riders agree. "I got my hour back," Sam Rivera, early user, says. They ship in May.'))
    result = site.check("check")
    assert result.code == 0, result.text
    result = site.build("--strict")
    assert result.code == 0, result.text
    html = site.html("proposals/p/index.html")
    article = html.split('id="press-release"', 1)[1]
    leader = article.index("We built it for every commuter.")
    customer = article.index("I got my hour back.")
    assert "prfaq-quote--leader" in article and "prfaq-quote--customer" in article
    assert article.index("The skates fold.") < leader < article.index("Order at example.com.") < customer
    for words in ("Riders agree.", "They ship in May.", "Dana Levi", "VP Product", "Sam Rivera", "early user"):
        assert words in article, words
    assert "said Dana" not in article and ", says." not in article


def test_problems_point_at_the_quotation_line(site: Site) -> None:
    text = page("Commuters lose an hour a day in traffic, and the\nbus is slow. \"TBD,\" said Dana Levi,\nVP Product.",
                "The skates fold.", "Order.", "Pre-order.",
                "Riders\nagree.\n\"TBD,\" Sam Rivera says.")
    lines = text.splitlines()
    site.page("p.md", text)
    result = site.check("check")
    assert result.code == 1
    found = {m.group(2): int(m.group(1)) for m in re.finditer(r"p\.md:(\d+): (quotes\.\d)\.text: placeholder", result.out)}
    assert found.keys() == {"quotes.0", "quotes.1"}, result.text
    assert lines[found["quotes.0"] - 1].startswith("bus is slow.")
    assert lines[found["quotes.1"] - 1].startswith('"TBD," Sam Rivera says.')


# -- generated paragraphs -------------------------------------------------------------------------

WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHJ"), min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=1, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")
SPEAKER = st.lists(WORD, min_size=1, max_size=3).map(lambda w: " ".join(x.capitalize() for x in w))
ROLE = st.one_of(st.just(""), st.lists(WORD, min_size=1, max_size=3).map(lambda w: ", " + " ".join(w)))
VERB = st.sampled_from(["said", "says", "added", "explained", "notes"])


@st.composite
def quote(draw: Any) -> str:
    said, who, role, verb = draw(SENTENCE), draw(SPEAKER), draw(ROLE), draw(VERB)
    form = draw(st.sampled_from(["before", "after", "dash", "emphasis", "bare", "unclosed"]))
    return {"before": f'"{said[:-1]}," {verb} {who}{role}.', "after": f'"{said[:-1]}," {who}{role} {verb}.',
            "dash": f'"{said}" — {who}{role}', "emphasis": f'*"{said[:-1]},"* {verb} {who}{role}.',
            "bare": f'so-called "{said[:-1]}" {draw(SENTENCE)}', "unclosed": f'"{said} {verb} {who}'}[form]


PARAGRAPH = st.tuples(st.lists(st.one_of(SENTENCE, quote()), min_size=1, max_size=6),
                      st.sampled_from([" ", "\n"]), st.sampled_from(["", "> "])).map(
    lambda p: p[2] + p[1].join(p[0]).replace("\n", "\n" + p[2]))
"""A paragraph of sentences and quotes, on one line or several, or the same as a blockquote."""


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text)) - {"said", "says", "added", "explained", "notes"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=6))
def test_generated_press_releases_keep_every_word_at_lines_inside_the_page(paragraphs: list[str]) -> None:
    body = "## Press release\n\n" + DATELINE + "\n\n".join(paragraphs) + "\n\n## External FAQ\n\n### Why?\n\nBecause.\n"
    with hang_guard(60):
        doc = parse(body, offset=7)
    assert doc is not None
    shown = " ".join([prose(doc), doc.preface, doc.rest]) + " " + " ".join(
        f'{q["name"]} {q.get("role", "")} {q["text"]}' for q in doc.data.get("quotes", []))
    assert words(body) - {"Press", "release", "External", "FAQ", "Why", "Because", "SEATTLE", "WA", "April"} <= \
        words(shown) | {"Today", "we", "launch", "skates"}
    last = 7 + len(body.splitlines())
    for path, line in doc.lines.items():
        assert 8 <= line <= last, (path, line)
    for n, q in enumerate(doc.data.get("quotes", [])):
        line = body.splitlines()[doc.lines[("quotes", str(n))] - 8]
        assert q["text"].strip('*"')[:1] in line, (q, line)


# -- linear ---------------------------------------------------------------------------------------

LINEAR = {
    "one long paragraph of quotes and prose": lambda n: "Intro. " + 'Prose here. "It is fast," said Jo Lee, VP. ' * n,
    "a run of quote paragraphs": lambda n: '"It is fast," said Jo Lee, VP Product.\n\n' * n,
    "a run of customers' quotes": lambda n: '"Love it," said Sam, early user.\n\n' * n,
    "quotation marks without attribution": lambda n: 'The "fast path" is "here". ' * n,
    "open quotes after sentences": lambda n: 'A. "b c d e ' * n,
    "spaces in an attribution": lambda n: '"It is fast," said Jo' + " " * n + "Lee, VP.",
    "verbs without speakers": lambda n: '"x," said ' + "said " * n,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
def test_prose_quotes_are_read_in_linear_time(name: str) -> None:
    make = LINEAR[name]
    assert_linear(lambda n: "## Press release\n\n" + DATELINE + make(n) + "\n", parse, 500)
