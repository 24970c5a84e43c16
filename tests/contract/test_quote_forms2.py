"""Who may speak in a prose quote, two more classes (:mod:`mkdocs_prfaq.contract.quotes`, shared by
the body form and ``import``):

1. A speaker named in lowercase (``"...," said bell hooks.``, ``"...," said danah boyd,
   researcher.``) speaks when ``said`` or ``says`` attributes a quotation that ends its sentence
   (``,`` ``.`` ``!`` ``?`` inside the marks): a name's words are no pronoun, determiner,
   auxiliary, preposition, conjunction or adverb. Narration (``"Undo" is what said users asked
   for``, ``"..." said nothing``, ``"Pause," adds friction.``) stays prose, every word of it.
2. A quoted term (no end punctuation inside its marks) opening a narrator's sentence is
   attributed only by ``said`` or ``says``, verbs with no other sense before a name
   (``"...surprise" said Miguel``); any other verb (``adds``, ``explains``, ``notes``,
   ``according to``) narrates, and the capitalised words after it are its object
   (``"X" adds Undo History.``), as are capitalised words right after a term (``"Undo" Pro,
   the paid tier, adds history.``). A quotation that ends its sentence keeps every attribution
   verb (``"Undo is here," adds Dana Levi.``)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.body import parse
from mkdocs_prfaq.contract.vocabulary import FUNCTION_WORDS, PERSON_NOUNS, SAID

from ..conftest import Site
from ..linear import assert_linear
from .test_body_quotes import page
from .test_linear import hang_guard
from .test_quote_bounds import DATELINE, found, imported, press, prose, quotes

# -- 1. lowercase names ---------------------------------------------------------------------------

LOWERCASE_SPEAKERS = [
    ('"Theory can be liberatory," said bell hooks.', "bell hooks", "", ""),
    ('"Privacy is contextual," said danah boyd, researcher.', "danah boyd", "researcher", ""),
    ('"It is fast," says danah boyd, principal researcher. Pre-orders open today.', "danah boyd",
     "principal researcher", "Pre-orders open today."),
    ('"It is fast," bell hooks said.', "bell hooks", "", ""),
    ('"It is fast," danah boyd, researcher, says.', "danah boyd", "researcher", ""),
    ('"It is fast!" said k.d. lang.', "k.d. lang", "", ""),
    ('"Is it fast?" said e e cummings.', "e e cummings", "", ""),
    ('"It is fast." said bell hooks.', "bell hooks", "", ""),
    ('"It is fast", said bell hooks.', "bell hooks", "", ""),
    ('“It is fast,” said bell hooks, author.', "bell hooks", "author", ""),
    ('"It is fast," said bell hooks. "And it folds."', "bell hooks", "", ""),
]


@pytest.mark.parametrize(("text", "name", "role", "after"), LOWERCASE_SPEAKERS)
def test_a_speaker_named_in_lowercase_speaks(text: str, name: str, role: str, after: str) -> None:
    assert [(n, r, a) for n, r, _, a in found(text)] == [(name, role, after)]
    assert [(n, r) for n, r, _ in quotes(press("Commuters lose an hour.", text))] == [(name, role)]
    assert [(n, r) for n, r, _ in imported(text)] == [(name, role)]


def test_a_lowercase_speaker_in_a_later_sentence_keeps_the_prose_around_it() -> None:
    text = 'Riders agree. "I got my hour back," said bell hooks. Pre-orders open today.'
    assert found(text) == [("bell hooks", "", '"I got my hour back."', "Pre-orders open today.")]
    doc = press(text)
    assert quotes(doc) == [("bell hooks", "", "I got my hour back.")]
    assert "Riders agree." in prose(doc) and "Pre-orders open today." in prose(doc)


LOWERCASE_NARRATION = [
    '"Undo" is what said users asked for.',
    'Riders like it. "Undo" is what said users asked for.',
    '"Undo" said nothing.',
    '"Undo," said nothing.',
    '"Undo" said bell hooks.',  # a term: a lowercase name needs a quotation that ends its sentence
    '"Quiet hours" said little about weekends.',
    '"Pause," adds friction.',
    '"Pause," adds undo history.',
    '"Pause," explains delays.',
    '"Undo," is what users said.',
    '"Undo," was what riders said.',
    '"Undo," says more than it should.',
    '"Undo" says enough.',
    '"Sync," said everyone at once.',
    '"Sync," said twice.',
    '"Sync," said aloud.',
    '"Sync," said quietly.',
    '"Sync," said once and for all.',
    '"Sync," said in passing.',
    '"Undo," the menu says.',
    '"Undo," not one page says.',
    '"Undo," said no one.',
    '"Fast," said plenty.',
    '"Fast," said earlier.',
    '"Fast," said elsewhere online.',
    '"Fast," says here.',
    # one lowercase word is no name, and prepositions open narration (found by review)
    '"It is fast," said backstage.',
    '"It is fast," said unprompted.',
    '"It is fast," said lol.',
    '"It is fast," said ok.',
    '"It is fast," said amid cheers.',
    '"It is fast," said throughout the pilot.',
]


@pytest.mark.parametrize("text", LOWERCASE_NARRATION)
def test_lowercase_words_after_a_verb_in_narration_stay_prose(text: str) -> None:
    assert found(text) == []
    doc = press("Commuters lose an hour.", text)
    assert "quotes" not in doc.data
    assert " ".join(text.split()) in prose(doc)
    assert imported(text) == []


# -- 2. capitalised words after a verb --------------------------------------------------------------

TERM_NARRATION = [
    '"X" adds Undo History.',
    '"Undo" adds Undo History, a new panel.',
    '"Export" explains Settings, Sharing and Sync.',
    '"Beta 2" added Dark Mode.',
    '"Focus" notes Meetings.',
    '"Sync" shares Photos with Family.',
    '"Sync" shared Photos.',
    '"Sync" writes Files.',
    '"Beta" wrote Files, Photos.',
    '"Sync" continues Uploads.',
    '"Free" according to Apple means three episodes.',
    '"Free" according to Apple.',
    '"Sync" told us Nothing.',
    '"Undo" Pro, the paid tier, adds history.',
    '"Undo" Pro, Team and Enterprise.',
    'Riders like it. "Undo" adds Undo History.',
    '"Pause" adds Quiet Hours. "Resume" notes Focus Time.',
    '*"Undo"* adds Undo History.',
    '“Undo” adds Undo History.',
]


@pytest.mark.parametrize("text", TERM_NARRATION)
def test_a_quoted_term_then_a_verb_and_capitalised_words_is_narration(text: str) -> None:
    assert found(text) == []
    doc = press("Commuters lose an hour.", text)
    assert "quotes" not in doc.data
    assert " ".join(text.split()) in prose(doc)
    assert imported(text) == []


SPEECH = [
    ('"Undo is here," adds Dana Levi, VP Product.', "Dana Levi", "VP Product"),
    ('"Undo is here!" explained Jo Lee.', "Jo Lee", ""),
    ('"Undo is here?" noted Jo.', "Jo", ""),
    ('"Undo is here." shares Jo.', "Jo", ""),
    ('"Undo is here", adds Jo.', "Jo", ""),
    ('"Undo is here," according to Jo Lee.', "Jo Lee", ""),
    ('"We built it for commuters" said Miguel, head of infrastructure.', "Miguel", "head of infrastructure"),
    ('"We built it" says Dana Levi.', "Dana Levi", ""),
    ('"We built it" said the author.', "the author", ""),
    ('"Undo is here," Dana Levi adds.', "Dana Levi", ""),
    ('"It is fast." Sam Rivera, early user.', "Sam Rivera", "early user"),
    ('"It is fast" Sam Rivera, early user', "Sam Rivera", "early user"),  # an attribution, not a sentence
]


@pytest.mark.parametrize(("text", "name", "role"), SPEECH)
def test_a_speech_verb_and_a_speaker_still_speak(text: str, name: str, role: str) -> None:
    assert [(n, r) for n, r, _, _ in found(text)] == [(name, role)]
    assert [(n, r) for n, r, _ in quotes(press("Commuters lose an hour.", text))] == [(name, role)]


@pytest.mark.parametrize("text", ['> "It is fast" Sam Rivera, early user', '> "It is fast" Sam Rivera, early user.',
                                  '> "It is fast." Sam Rivera, early user.', '> "It is fast" added Sam Rivera, early user.',
                                  '> "It is fast" explains Sam Rivera, early user.'])
def test_a_blockquote_of_a_quotation_and_its_speaker_is_a_quote(text: str) -> None:
    """A blockquote is one quote or none: a quotation with no end punctuation still has its speaker."""
    assert [(n, r) for n, r, _ in quotes(press("Commuters lose an hour.", text))] == [("Sam Rivera", "early user")]
    assert [(n, r) for n, r, _ in imported(text)] == [("Sam Rivera", "early user")]


def test_a_built_page_shows_lowercase_speakers_and_keeps_narration_as_prose(site: Site) -> None:
    site.page("p.md", page("Commuters lose an hour a day.", "The skates fold.", "Order at example.com.",
                           '"We built it for every commuter," said danah boyd, VP Product.',
                           'Riders agree. "I got my hour back," said bell hooks. They ship in May.',
                           '"Undo" adds Undo History. "Export" explains Settings, Sharing and Sync.',
                           '"Pause," adds friction. "Undo" is what said users asked for.'))
    result = site.check("check")
    assert result.code == 0, result.text
    result = site.build("--strict")
    assert result.code == 0, result.text
    article = site.html("proposals/p/index.html").split('id="press-release"', 1)[1]
    assert "prfaq-quote--leader" in article and "prfaq-quote--customer" in article
    for words in ("We built it for every commuter.", "danah boyd", "VP Product", "I got my hour back.", "bell hooks",
                  "Riders agree.", "They ship in May."):
        assert words in article, words
    figures = re.findall(r'<figure class="prfaq-quote.*?</figure>', article, re.DOTALL)
    assert len(figures) == 2, article
    outside = html.unescape(re.sub(r'<figure class="prfaq-quote.*?</figure>', "", article, flags=re.DOTALL))
    for narration in ('"Undo" adds Undo History. "Export" explains Settings, Sharing and Sync.',
                      '"Pause," adds friction. "Undo" is what said users asked for.'):
        assert narration in outside, outside


# -- generated ------------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SAID_WORDS = {w for v in SAID for w in v.split()}
WORD = st.text(st.sampled_from(LETTERS), min_size=1, max_size=8).filter(
    lambda w: w not in PERSON_NOUNS and w[:-1] not in PERSON_NOUNS and w not in _SAID_WORDS)
"""A lowercase word that names no one (``a step runner`` would be a speaker) and attributes nothing."""
LOWER = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
CAPITAL = st.lists(WORD.map(str.capitalize), min_size=1, max_size=3).map(" ".join)
TERM = st.lists(WORD, min_size=1, max_size=4).map(lambda w: " ".join(w).capitalize())
ENDS = st.sampled_from([",", ".", "!", "?"])
TERM_VERBS = ("said", "says")
NARRATING = st.sampled_from([*(v for v in SAID if v not in TERM_VERBS), "makes", "shows", "opens", "is", "was",
                             "has", "replaced", "became", "beats"])
"""Verbs that narrate after a quoted term: every attribution verb but ``said`` / ``says``, and others."""
CLOSED_NARRATING = st.sampled_from([v for v in SAID if v not in TERM_VERBS and v != "according to"])
MARKS = st.sampled_from([('"', '"'), ("“", "”")])


WORDS = st.one_of(CAPITAL, LOWER, st.tuples(CAPITAL, LOWER).map(", ".join))


@st.composite
def narration(draw: Any) -> str:
    """A narrator's sentence that opens with a quoted term (or a quotation and a narrating verb),
    with capitalised or lowercase words after it, and no attribution."""
    (o, c), term = draw(MARKS), draw(TERM)
    form = draw(st.sampled_from(["verb", "said lowercase", "closed lowercase", "bare"]))
    # only the drawn form's parts are drawn (drawing every form's, then keeping one, was most of
    # the test's time)
    forms: dict[str, Callable[[], str]] = {
        "verb": lambda: f"{o}{term}{c} {draw(NARRATING)} {draw(WORDS)}.",
        "said lowercase": lambda: f"{o}{term}{c} {draw(st.sampled_from(TERM_VERBS))} {draw(LOWER)}.",
        "closed lowercase": lambda: f"{o}{term}{draw(ENDS)}{c} {draw(CLOSED_NARRATING)} {draw(LOWER)}.",
        "bare": lambda: f"{o}{term}{c} {draw(CAPITAL)}, {draw(LOWER)}.",
    }
    return forms[form]()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(narration(), min_size=1, max_size=5), st.sampled_from([" ", "\n"]))
def test_generated_narration_with_quoted_terms_has_no_quote_and_keeps_every_word(sentences: list[str],
                                                                                 join: str) -> None:
    paragraph = join.join(sentences)
    with hang_guard(60):
        assert found(paragraph) == []
        doc = press("Commuters lose an hour.", paragraph)
    assert "quotes" not in doc.data
    assert " ".join(paragraph.split()) in prose(doc)


NAME_WORD = st.text(st.sampled_from(LETTERS), min_size=5, max_size=8).filter(
    lambda w: w != "approx" and w not in FUNCTION_WORDS and w not in _SAID_WORDS and not w.endswith("ly")
    and not w.endswith("ing"))
"""A word of a name (five letters or more: ``dr`` or ``inc`` would be an abbreviation the sentence runs on after)."""
LOWER_NAME = st.one_of(st.lists(NAME_WORD, min_size=2, max_size=3).map(" ".join),
                       st.sampled_from(["bell hooks", "danah boyd", "k.d. lang", "e e cummings", "will.i.am"]))
CAPITAL_NAME = st.one_of(st.lists(NAME_WORD.map(str.capitalize), min_size=1, max_size=3).map(" ".join),
                         st.sampled_from(["Dana Levi", "Dr. Jo Lee", "Jo de la Cruz", "Sarasvati"]))
ROLE = st.sampled_from(["", "researcher", "principal researcher", "VP Product", "early user", "founder of Acme"])


@st.composite
def attributed(draw: Any) -> tuple[str, str, str]:
    """An attributed quote as ``(paragraph, speaker, role)``: a quotation that ends its sentence
    with a lowercase or capitalised speaker (``said`` / ``says`` for lowercase, any attribution
    verb for a capitalised name), or a quoted term with ``said`` / ``says`` and a capitalised name."""
    (o, c), words = draw(MARKS), draw(TERM)
    role = draw(ROLE)
    form = draw(st.sampled_from(["lowercase before", "lowercase after", "capitalised", "term"]))
    name = draw(CAPITAL_NAME if form in ("capitalised", "term") else LOWER_NAME)
    who = f"{name}, {role}" if role else name
    if form == "lowercase before":
        text = f"{o}{words}{draw(ENDS)}{c} {draw(st.sampled_from(TERM_VERBS))} {who}."
    elif form == "lowercase after":
        text = f"{o}{words},{c} {who}{',' if role else ''} {draw(st.sampled_from(TERM_VERBS))}."
    elif form == "capitalised":
        text = f"{o}{words}{draw(ENDS)}{c} {draw(st.sampled_from(SAID))} {who}."
    else:
        text = f"{o}{words}{c} {draw(st.sampled_from(TERM_VERBS))} {who}."
    return text, name, role


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attributed(), st.sampled_from(["", "Riders agree. "]), st.sampled_from(["", " Pre-orders open today."]))
def test_generated_attributed_quotes_keep_their_speaker(quote: tuple[str, str, str], before: str, after: str) -> None:
    text, name, role = quote
    paragraph = before + text + after
    with hang_guard(60):
        got = found(paragraph)
        doc = press("Commuters lose an hour.", paragraph)
    assert [(n, r, a) for n, r, _, a in got] == [(name, role, after.strip())], paragraph
    assert [(n, r) for n, r, _ in quotes(doc)] == [(name, role)], paragraph
    for words in (before, after):
        assert " ".join(words.split()) in prose(doc)


# -- linear ---------------------------------------------------------------------------------------

LINEAR = {
    "lowercase words after said": lambda n: '"Hi," said ' + "bell " * n + "hooks.",
    "lowercase speakers one after the other": lambda n: '"Hi," said bell hooks. ' * n,
    "quoted terms and narrating verbs": lambda n: '"Undo" adds Undo History. ' * n,
    "capitalised words after a quoted term": lambda n: '"Undo" ' + "Pro, " * n + "history.",
    "closings outside the marks": lambda n: '"Hi", ' * n + "said bell hooks.",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
def test_who_may_speak_is_read_in_linear_time(name: str) -> None:
    make = LINEAR[name]
    assert_linear(lambda n: "## Press release\n\n" + DATELINE + make(n) + "\n", parse, 500)
