"""Where a prose quote ends, and who may say one (:mod:`mkdocs_prfaq.contract.quotes`, shared by
the body form and ``import``): a quoted term that opens a narrator's sentence is no quote and
loses no word; a quotation never spans a closing mark, so it takes no earlier quotation or
narration with it; a role ends at ``Acme Inc.`` when a new sentence follows; a pronoun, a thing
or a participle phrase is no speaker and no role."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract.body import BodyDoc, parse
from mkdocs_prfaq.contract.quotes import in_paragraph
from mkdocs_prfaq.contract.vocabulary import PERSON_NOUNS

from ..conftest import Site
from ..linear import assert_linear
from .test_linear import hang_guard

DATELINE = "**SEATTLE, WA, April 27, 2027** — Today we launch skates.\n\n"
FAQ = "\n\n## External FAQ\n\n### Why?\n\nBecause.\n"


def press(*paragraphs: str) -> BodyDoc:
    doc = parse("## Press release\n\n" + DATELINE + "\n\n".join(paragraphs) + FAQ)
    assert doc is not None
    return doc


def quotes(doc: BodyDoc) -> list[tuple[str, str, str]]:
    return [(q["name"], q.get("role", ""), q["text"]) for q in doc.data.get("quotes", [])]


def prose(doc: BodyDoc) -> str:
    return " ".join(" ".join(doc.data.get("press_release", {}).values()).split())


def found(text: str) -> list[tuple[str, str, str, str]]:
    """``in_paragraph`` as ``(name, role, text, the paragraph's text after it)``."""
    return [(f.quote.name, f.quote.role, f.quote.text, text[f.end:].strip()) for f in in_paragraph(text)]


def imported(text: str) -> list[tuple[str, str, str]]:
    """The quotes ``import`` makes of a press-release paragraph, as the body form reads them back."""
    original = "# Skates PR/FAQ\n\n## Press release\n\n" + DATELINE + "Commuters lose an hour.\n\n" + text + "\n"
    page = importer.convert(original, name="p.md", today=datetime.date(2026, 1, 1), user="A").text
    again = parse(page.split("\n---\n", 1)[1])
    assert again is not None
    return quotes(again)


# -- 1. a quoted term opening a narrator's sentence ------------------------------------------------

NARRATION = [
    '"Undo" adds a step, which customers dislike.',
    '"Save" notes the time of the save.',
    '"Quiet hours" said nothing about weekends.',
    '"Fast path" says it all.',
    '"Free" according to the pricing page means three episodes.',
    '"Do not disturb" mode, as the settings page says.',
    '"Mean time to recovery" - MTTR - fell by half.',
    '"Mean time to recovery" — MTTR — fell by half.',
    '"Sync" said so.',
    '"Offline mode" explains why it was dropped.',
    '"Undo," adds a step.',
    '"Free," the pricing page says.',
    '"Fast path." The team agreed.',
    '"Stop," the sign said.',
    '"It works," he said.',
    '"It works," said she.',
    '"It works," they said.',
    '"It works," it says.',
    '"It works," we said.',
    '"It works," I said.',
    '"It works," you said.',
    '"Pause" adds a step. "Resume" notes the time.',
    'Riders like it. "Undo" adds a step, which customers dislike.',
]


@pytest.mark.parametrize("text", NARRATION)
def test_a_quoted_term_in_narration_is_no_quote_and_keeps_every_word(text: str) -> None:
    assert found(text) == []
    doc = press("Commuters lose an hour.", text)
    assert "quotes" not in doc.data
    assert " ".join(text.split()) in prose(doc)
    assert imported(text) == []


def test_an_in_review_page_with_only_narration_has_no_quote(site: Site) -> None:
    faqs = "".join(f"## {g} FAQ\n\n" + "".join(f"### {q}?\n\n{q.lower()}\n\n" for q in qs)
                   for g, qs in (("External", "ABC"), ("Internal", "DEF")))
    site.page("p.md", "---\ntitle: Skates\nstatus: in-review\nowner: A\ncreated: 2026-01-01\nreviewers: [B]\n"
                      "subtitle: S\n---\n\n## Press release\n\n" + DATELINE + "Commuters lose an hour a day.\n\n"
                      "The skates fold.\n\nOrder at example.com.\n\n" + "\n\n".join(NARRATION[:7]) + "\n\n" + faqs)
    result = site.check("check")
    assert result.code == 1, result.text
    assert "quotes" in result.out, result.text


# -- 2. a quotation never spans a closing mark -----------------------------------------------------

@pytest.mark.parametrize(("text", "name", "role"), [
    ('"It is fast." The team agreed. "I got my hour back," said Sam.', "Sam", ""),
    ('"It is fast." The team agreed. "I got my hour back," Sam said.', "Sam", ""),
    ('"It is fast." The team agreed. "I got my hour back," says Sam Rivera, early user.', "Sam Rivera", "early user"),
    ('"It is fast," the team agreed. "I got my hour back," Sam Rivera, early user, says.', "Sam Rivera", "early user"),
    ('Riders say "fast." Then "light." "I got my hour back," said Sam.', "Sam", ""),
    ('“It is fast.” The team agreed. “I got my hour back,” said Sam.', "Sam", ""),
])
def test_a_quote_takes_no_earlier_quotation_or_narration(text: str, name: str, role: str) -> None:
    got = found(text)
    assert [(n, r, t) for n, r, t, _ in got] == [(name, role, text[text.rindex("I got") - 1] + "I got my hour back."
                                                  + text[text.rindex("I got") - 1].replace("“", "”"))]
    doc = press(text)
    assert [q[0] for q in quotes(doc)] == [name]
    before = text[: text.rindex("I got") - 1].strip()
    assert " ".join(before.split()) in prose(doc)
    assert [q[0] for q in imported(text)] == [name]


def test_a_continuation_is_one_quotation_never_the_prose_after_it() -> None:
    assert found('"A. B. C," said Jo.') == [("Jo", "", '"A. B. C."', "")]
    assert found('"A," said Jo. "B."') == [("Jo", "", '"A. B."', "")]
    assert found('"A," said Jo, VP. "B." Then prose. "C."') == [("Jo", "VP", '"A."', '"B." Then prose. "C."')]
    doc = press('"A," said Jo, VP. "B." Then prose. "C."')
    assert quotes(doc) == [("Jo", "VP", "A.")]
    assert '"B." Then prose. "C."' in prose(doc)


def test_quotations_one_after_the_other_are_one_quote() -> None:
    """Nothing but space between them: no narration is taken (as the reader did before)."""
    for text in ('"It is fast." "And it folds," said Jo Lee, VP.', '> "It is fast." "And it folds," said Jo Lee, VP.'):
        assert quotes(press(text)) == [("Jo Lee", "VP", '"It is fast." "And it folds."')]
        assert imported(text) == [("Jo Lee", "VP", '"It is fast." "And it folds."')]
    assert found('"Fast." "Undo" adds a step.') == []


def test_a_bare_attribution_takes_no_narration() -> None:
    text = '"It is fast." The team agreed, mostly.'
    assert found(text) == []
    assert "quotes" not in press(text).data
    assert found('"It is fast." Sam Rivera, early user.') == [("Sam Rivera", "early user", '"It is fast."', "")]


# -- 3. a role ends at a company's abbreviation before a new sentence ------------------------------

@pytest.mark.parametrize("company", ["Acme Inc.", "Acme Corp.", "Acme Ltd.", "Acme Co.", "Acme LLC.", "Acme Plc."])
def test_a_role_ends_at_the_company_when_a_sentence_follows(company: str) -> None:
    text = f'"We built it for commuters," said Jo Smith, CEO of {company} Pre-orders open today at acme.example.'
    assert found(text) == [("Jo Smith", f"CEO of {company}", '"We built it for commuters."',
                            "Pre-orders open today at acme.example.")]
    doc = press(text)
    assert quotes(doc) == [("Jo Smith", f"CEO of {company}", "We built it for commuters.")]
    assert "Pre-orders open today at acme.example." in prose(doc)


@pytest.mark.parametrize(("text", "name", "role", "after"), [
    ('"Hi," said Dr. Jo Lee, VP. Next.', "Dr. Jo Lee", "VP", "Next."),
    ('"Hi," said Dr. Jo Lee, VP of St. Mary Clinic. Next.', "Dr. Jo Lee", "VP of St. Mary Clinic", "Next."),
    ('"Hi," said Jo Lee at Acme Inc.', "Jo Lee", "Acme Inc.", ""),
    ('"Hi," said Jo Lee, CEO of Acme Inc. "And bye."', "Jo Lee", "CEO of Acme Inc.", ""),
    ('"Hi," said Miguel, head of infrastructure at Tick co., ltd. Next.', "Miguel",
     "head of infrastructure at Tick co., ltd.", "Next."),
    ('"Hi," said Jo Lee, CEO of Acme Inc. and Beta Corp.', "Jo Lee", "CEO of Acme Inc. and Beta Corp.", ""),
])
def test_titles_and_companies_inside_a_speaker_keep_working(text: str, name: str, role: str, after: str) -> None:
    got = found(text)
    assert [(n, r, a) for n, r, _, a in got] == [(name, role, after)]


# -- 4. pronouns, things and participles ----------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "rest"), [
    ('"Go," said Jo, pointing at the door.', "Jo", "pointing at the door."),
    ('"Go," said Jo Lee, adding that it ships soon. Next.', "Jo Lee", "adding that it ships soon. Next."),
    ('"Go," said Jo, smiling.', "Jo", "smiling."),
    ('"Go," said Jo, looking back at the team.', "Jo", "looking back at the team."),
])
def test_a_participle_after_the_name_is_prose_not_a_role(text: str, name: str, rest: str) -> None:
    assert found(text) == [(name, "", '"Go."', rest)]
    doc = press(text)
    assert quotes(doc) == [(name, "", "Go.")]
    assert rest in prose(doc)


@pytest.mark.parametrize(("text", "expected"), [
    ('"Go," said Jo, engineering manager.', ("Jo", "engineering manager")),
    ('"Go," said Jo, marketing lead at Acme.', ("Jo", "marketing lead at Acme")),
    ('"Go," said the author.', ("the author", "")),
    ('"Go," said a customer.', ("a customer", "")),
    ('"Go," said an early adopter.', ("an early adopter", "")),
    ('"Go," said a KFabrik contributor.', ("a KFabrik contributor", "")),
    ('"Go," said the head of design.', ("the head of design", "")),
    ('"Go," said [SPOKESPERSON NAME], [TITLE] at Lifesaver Labs.', ("[SPOKESPERSON NAME]", "[TITLE] at Lifesaver Labs")),
    ('"Go," said Jo de la Cruz, VP.', ("Jo de la Cruz", "VP")),
    ('"Go," said 李明, VP.', ("李明", "VP")),
    ('"Go," Ana Ruiz said.', ("Ana Ruiz", "")),
    ('"Go," the author said.', ("the author", "")),
    ('"Go," said one of our customers.', ("one of our customers", "")),
    ('"Go," said a customer in Ohio.', ("a customer in Ohio", "")),
    ('"Go," said Sam and Jo.', ("Sam and Jo", "")),
])
def test_names_roles_and_unnamed_speakers_still_speak(text: str, expected: tuple[str, str]) -> None:
    assert [(n, r) for n, r, _, _ in found(text)] == [expected]


# -- generated narration --------------------------------------------------------------------------

WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=8).filter(
    lambda w: w not in PERSON_NOUNS and w[:-1] not in PERSON_NOUNS)
"""A lowercase word that names no one (``a step runner`` would be a speaker)."""
TERM = st.lists(WORD, min_size=1, max_size=4).map(lambda w: " ".join(w).capitalize())
LOWER = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
THING = st.sampled_from(["step", "time", "page", "sign", "mode", "button", "list", "door", "team", "menu", "word",
                         "rule", "weekends", "setting", "screen"])
OBJECT = st.one_of(
    st.tuples(st.sampled_from(["a", "the", "an", "our", "its"]), THING, LOWER).map(" ".join),
    st.tuples(st.sampled_from(["it", "nothing", "something", "so", "why", "what", "all", "this", "that", "he",
                               "she", "they", "we", "you", "everything"]), LOWER).map(" ".join),
    st.sampled_from(["it all", "so", "nothing about weekends", "why it was dropped", "everything"]),
)
VERB = st.sampled_from(["adds", "notes", "said", "says", "explains", "added", "shares", "states", "reflects",
                        "admits", "agrees", "remarks", "comments"])
CLOSE = st.sampled_from(["", ".", ",", "!", "?"])
ABBREVIATION = st.text(st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ"), min_size=2, max_size=5)
DASH = st.sampled_from(["-", "—", "–", "--"])


@st.composite
def narration(draw: Any) -> str:
    """A narrator's sentence with a quoted term and no attribution."""
    term, close, obj = draw(TERM), draw(CLOSE), draw(OBJECT)
    form = draw(st.sampled_from(["verb", "according", "noun", "dash", "speaker after", "pronoun after"]))
    # only the drawn form's parts are drawn (drawing every form's, then keeping one, was two thirds
    # of the test's time)
    forms: dict[str, Callable[[], str]] = {
        "verb": lambda: f'"{term}{close}" {draw(VERB)} {obj}.',
        "according": lambda: f'"{term}" according to {draw(OBJECT)} means {draw(LOWER)}.',
        "noun": lambda: f'"{term}" {draw(THING)}, as {draw(OBJECT)} says.',
        "dash": lambda: f'"{term}" {draw(DASH)} {draw(ABBREVIATION)} {draw(DASH)} {draw(LOWER)}.',
        "speaker after": lambda: f'"{term}{close}" {draw(st.sampled_from(["The", "the", "A", "a"]))} {draw(THING)} '
                                 f'{draw(VERB)}.',
        "pronoun after": lambda: f'"{term}{close}" '
                                 f'{draw(st.sampled_from(["he", "she", "they", "it", "we", "I", "you"]))} {draw(VERB)}.',
    }
    return forms[form]()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(narration(), min_size=1, max_size=6), st.sampled_from([" ", "\n"]))
def test_generated_narration_has_no_quote_and_keeps_every_word(sentences: list[str], join: str) -> None:
    paragraph = join.join(sentences)
    with hang_guard(60):
        assert in_paragraph(paragraph) == []
        doc = press("Commuters lose an hour.", paragraph)
    assert "quotes" not in doc.data
    assert " ".join(paragraph.split()) in prose(doc)


# -- linear ---------------------------------------------------------------------------------------

LINEAR = {
    "quoted terms in narration": lambda n: '"Undo" adds a step, which customers dislike. ' * n,
    "closing marks without attribution": lambda n: '"It is fast." The team agreed. ' * n + '"Hi," said Sam.',
    "company abbreviations": lambda n: '"Hi," said Jo, CEO of Acme Inc. ' + "Acme Inc. " * n,
    "participles": lambda n: '"Go," said Jo, pointing ' + "at the door " * n + ".",
    "capitalised words after a quotation": lambda n: '"Hi." ' + "Jo Lee " * n + "said.",
    "closing marks only": lambda n: 'A. "' + '" ' * n,
    "quotations one after the other": lambda n: '"a." ' * n + "said nothing.",
    "quotations one after the other, then a name": lambda n: '"a," ' * n + "Jo Lee " * n + "said.",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
def test_quote_bounds_are_read_in_linear_time(name: str) -> None:
    make = LINEAR[name]
    assert_linear(lambda n: "## Press release\n\n" + DATELINE + make(n) + "\n", parse, 500)
