"""Three edges of prose quotes (:mod:`mkdocs_prfaq.contract.quotes`, shared by the body form and
``import``), each a class of input:

1. Narration after a speaker's name is not part of the speaker: a preposition, adverb or time
   phrase after a name ends it (``"...," said Jo Lee during the beta.``, ``said Jo Lee
   yesterday``, ``said Jo Lee, VP Product, during the beta``), and what follows stays on the page
   as the paragraph's prose, as the participle after a name does (``said Jo, pointing at the
   door.``). Someone unnamed goes on being described (``said a teacher in Ohio``).
2. Emphasis around a quotation (``*"Great,"* said Jo``, ``_"..."_``, ``**"..."**``, in prose or a
   blockquote) stays around its words, and its quotation marks go, as a plain quotation's do (the
   layout sets its own).
3. A NUL or another control character in a quote's attribution never reaches the page: it is
   U+FFFD, as the Markdown reader makes a NUL in Markdown (CommonMark)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.body import parse
from mkdocs_prfaq.contract.vocabulary import SAID

from ..conftest import Site
from ..linear import assert_linear
from .test_body_quotes import page
from .test_linear import hang_guard
from .test_quote_bounds import DATELINE, found, imported, press, prose, quotes
from .test_quote_forms2 import CAPITAL_NAME, LOWER_NAME, MARKS, TERM, TERM_VERBS, WORD

# -- 1. narration after a name --------------------------------------------------------------------

NARRATED = [
    ('"We love it," said Jo Lee during the beta.', "Jo Lee", "", "during the beta."),
    ('"We love it," said Jo Lee during the demo.', "Jo Lee", "", "during the demo."),
    ('"We love it," said Jo Lee during the beta. Pre-orders open today.', "Jo Lee", "",
     "during the beta. Pre-orders open today."),
    ('"We love it," says Ann Lee yesterday.', "Ann Lee", "", "yesterday."),
    ('"We love it," said Jo Lee proudly.', "Jo Lee", "", "proudly."),
    ('"We love it," said Jo Lee this morning.', "Jo Lee", "", "this morning."),
    ('"We love it," said Jo Lee last week.', "Jo Lee", "", "last week."),
    ('"We love it," said Jo Lee via email.', "Jo Lee", "", "via email."),
    ('"We love it," said Jo Lee in an interview.', "Jo Lee", "", "in an interview."),
    ('"We love it," explained Dr. Jo de la Cruz after the launch.', "Dr. Jo de la Cruz", "", "after the launch."),
    ('"We love it," said Jo Lee, VP Product, during the beta.', "Jo Lee", "VP Product", "during the beta."),
    ('"We love it," said Jo Lee at Acme during the launch.', "Jo Lee", "Acme", "during the launch."),
    ('"We love it," said a customer during the beta.', "a customer", "", "during the beta."),
    ('"We love it," said bell hooks during the beta.', "bell hooks", "", "during the beta."),
    ('"We love it" — Jo Lee during the beta', "Jo Lee", "", "during the beta"),
    ('"We love it," said Jo Lee, smiling, during the beta.', "Jo Lee", "", "smiling, during the beta."),
]


@pytest.mark.parametrize(("text", "name", "role", "after"), NARRATED)
def test_narration_after_a_name_is_prose_not_the_speaker(text: str, name: str, role: str, after: str) -> None:
    assert [(n, r, a) for n, r, _, a in found(text)] == [(name, role, after)]
    doc = press("Commuters lose an hour.", text)
    assert [(n, r) for n, r, _ in quotes(doc)] == [(name, role)]
    assert " ".join(after.split()) in prose(doc)  # every word stays on the page
    assert [(n, r) for n, r, _ in imported(text)] == [(name, role)]


@pytest.mark.parametrize(("text", "name", "role"), [
    ('"We love it," said a teacher in Ohio.', "a teacher in Ohio", ""),
    ('"We love it," said a volunteer with the Red Cross.', "a volunteer with the Red Cross", ""),
    ('"We love it," said the head of design.', "the head of design", ""),
    ('"We love it," said Jo Lee of Acme.', "Jo Lee", "Acme"),
    ('"We love it," said Jo Lee from Acme.', "Jo Lee", "Acme"),
    ('"We love it," said Jo Lee and Sam Rivera.', "Jo Lee and Sam Rivera", ""),
    ('"We love it," said Jo Lee, now at Acme.', "Jo Lee", "now at Acme"),
    ('"We love it," said Sam Rivera, early user.', "Sam Rivera", "early user"),
    ('"We love it," said Jo van der Berg.', "Jo van der Berg", ""),
])
def test_words_that_describe_or_name_the_speaker_stay_theirs(text: str, name: str, role: str) -> None:
    assert [(n, r, a) for n, r, _, a in found(text)] == [(name, role, "")]


def test_a_blockquote_with_narration_after_the_name_stays_as_written() -> None:
    """A blockquote is one quote or none (``test_body_quotes``): narration after its speaker is more."""
    text = '> "We love it," said Jo Lee during the beta.'
    doc = press("Commuters lose an hour.", text)
    assert "quotes" not in doc.data
    assert text in prose(doc)


OPENERS = st.sampled_from(["during", "after", "before", "in", "on", "via", "over", "since", "throughout", "amid",
                           "yesterday", "today", "later", "earlier", "once", "while", "when", "this", "last",
                           "proudly", "quietly"])
ROLE_OPENERS = st.sampled_from(["during", "after", "before", "since", "throughout", "amid", "yesterday", "today",
                                "later", "earlier", "while", "when", "last"])
NARRATION_WORDS = st.lists(st.one_of(WORD, WORD.map(str.capitalize)), min_size=1, max_size=4).map(" ".join)
ROLES = st.sampled_from(["researcher", "principal researcher", "VP Product", "early user", "founder of Acme"])
CLOSED_VERBS = st.sampled_from([v for v in SAID if v != "according to"])


@st.composite
def narrated(draw: Any) -> tuple[str, str, str, str]:
    """``(paragraph, speaker, role, narration)``: a quotation that ends its sentence, its verb, a
    name (lowercase after said / says), maybe a role, and narration after them."""
    (o, c), words = draw(MARKS), draw(TERM)
    lowercase = draw(st.booleans())
    name = draw(LOWER_NAME if lowercase else CAPITAL_NAME)
    verb = draw(st.sampled_from(TERM_VERBS) if lowercase else CLOSED_VERBS)
    role = draw(st.one_of(st.just(""), ROLES))
    opener = draw(ROLE_OPENERS if role else OPENERS)
    if opener in ("this", "last"):
        opener += " " + draw(st.sampled_from(["morning", "week", "year", "spring"]))
    narration = f"{opener} {draw(NARRATION_WORDS)}."
    who = f"{name}, {role}," if role else name
    return f"{o}{words},{c} {verb} {who} {narration}", name, role, narration


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(narrated(), st.sampled_from(["", "Riders agree. "]), st.sampled_from(["", " Pre-orders open today."]))
def test_generated_narration_after_a_name_ends_the_speaker(quote: tuple[str, str, str, str], before: str,
                                                           after: str) -> None:
    text, name, role, narration = quote
    paragraph = before + text + after
    with hang_guard(60):
        got = found(paragraph)
        doc = press("Commuters lose an hour.", paragraph)
    assert [(n, r, a) for n, r, _, a in got] == [(name, role, (narration + after).strip())], paragraph
    assert [(n, r) for n, r, _ in quotes(doc)] == [(name, role)], paragraph
    for words in (before, narration, after):
        assert " ".join(words.split()) in prose(doc), paragraph


# -- 2. emphasis around a quotation ---------------------------------------------------------------

EMPHASISED = [
    ('*"Great,"* said Jo.', "Jo", "*Great.*"),
    ('_"Great, really,"_ says Ann Lee.', "Ann Lee", "_Great, really._"),
    ('**"Great,"** said Jo Lee, VP.', "Jo Lee", "**Great.**"),
    ('__"Great!"__ said Jo.', "Jo", "__Great!__"),
    ('*“Great,”* said Jo.', "Jo", "*Great.*"),
    ('*"Great,"* Jo Lee said.', "Jo Lee", "*Great.*"),
    ('*"Great."* — Jo Lee, VP', "Jo Lee", "*Great.*"),
    ('*"Great,"* said Jo. *"And fast."*', "Jo", "*Great. And fast.*"),
    ('> *"Great,"* said Jo.', "Jo", "*Great.*"),
    ('> *"Great."*\n> — Jo', "Jo", "*Great.*"),
    ('> **“Great.”**\n> — Jo', "Jo", "**Great.**"),
    ('> *"Great, and\n> fast."*\n> — Jo', "Jo", "*Great, and\nfast.*"),
    ('> *"Great."* — Jo', "Jo", "*Great.*"),
]


@pytest.mark.parametrize(("text", "name", "said"), EMPHASISED)
def test_emphasis_around_a_quotation_stays_around_its_words_without_the_marks(text: str, name: str,
                                                                               said: str) -> None:
    doc = press("Commuters lose an hour.", text)
    assert [(n, t) for n, _, t in quotes(doc)] == [(name, said)]
    assert [(n, t) for n, _, t in imported(text)] == [(name, said)]


@pytest.mark.parametrize("text", ['> *"A" and "B"*\n> — Jo', '> *"A"* and *B*\n> — Jo', '> "*It* is *fast.*"\n> — Jo'])
def test_emphasis_that_is_not_around_one_quotation_is_kept_as_written(text: str) -> None:
    inner = text.split("\n> —")[0][2:]
    expected = inner[1:-1] if inner.startswith('"') else inner
    assert [t for _, _, t in quotes(press("Commuters lose an hour.", text))] == [expected]


EMPHASIS = st.sampled_from(["*", "_", "**", "__"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EMPHASIS, MARKS, st.lists(WORD, min_size=1, max_size=6).map(" ".join), st.sampled_from([".", "!", "?"]),
       CAPITAL_NAME, st.sampled_from(["prose", "dash", "blockquote", "blockquote line"]))
def test_generated_emphasised_quotations_keep_the_emphasis_and_lose_the_marks(
        em: str, marks: tuple[str, str], words: str, end: str, name: str, form: str) -> None:
    o, c = marks
    words = words.capitalize()
    quotation = f"{em}{o}{words}{end}{c}{em}"
    text = {"prose": f"{quotation} said {name}.", "dash": f"{quotation} — {name}",
            "blockquote": f"> {quotation} said {name}.", "blockquote line": f"> {quotation}\n> — {name}"}[form]
    doc = press("Commuters lose an hour.", text)
    assert quotes(doc) == [(name, "", f"{em}{words}{end}{em}")], text


def test_the_corpus_quotes_in_emphasis_lose_their_marks() -> None:
    original = (Path(__file__).parents[1] / "corpus" / "the-workshop-prfaq.md").read_text(encoding="utf-8")
    doc = parse(original)
    assert doc is not None
    said = [q["text"] for q in doc.data["quotes"]]
    assert len(said) == 2 and all(t.startswith("*I used") or t.startswith("*The interesting") for t in said), said
    assert all(t.endswith(".*") and '"' not in t for t in said), said


# -- 3. control characters in an attribution ------------------------------------------------------

CONTROLS = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f"])
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@settings(max_examples=100, deadline=None)
@given(CONTROLS, st.integers(0, 7), st.sampled_from(["line", "same line", "prose", "dash"]))
def test_control_characters_in_an_attribution_never_reach_the_quote(control: str, at: int, form: str) -> None:
    who = "Dana Levi, VP Product"
    who = who[:at] + control + who[at:]
    text = {"line": f'> "It is fast."\n> — {who}', "same line": f'> "It is fast." — {who}',
            "prose": f'"It is fast," said {who}.', "dash": f'"It is fast." — {who}'}[form]
    doc = press("Commuters lose an hour.", text)
    got = doc.data.get("quotes", [])
    for q in got:
        assert not _CONTROL.search(q["name"] + q.get("role", "")), q
    if control == "\x00" and got:  # a NUL is U+FFFD, as the Markdown reader makes it
        assert got and "\ufffd" in got[0]["name"] + got[0].get("role", ""), (text, got)


def test_a_built_page_shows_the_three_edges(site: Site) -> None:
    site.page("p.md", page("Commuters lose an hour a day.", "The skates fold.", "Order at example.com.",
                           '"We built it for every commuter," said Dana Levi, VP Product, during the beta.',
                           '*"I got my hour back,"* said Sam Rivera during the pilot.',
                           '> "It folds."\n> — Ana\x00Ruiz, early\x01user'))
    result = site.build("--strict")
    assert result.code == 0, result.text
    article = site.html("proposals/p/index.html").split('id="press-release"', 1)[1]
    figures = re.findall(r'<figure class="prfaq-quote.*?</figure>', article, re.DOTALL)
    assert len(figures) == 3, article
    assert "<cite>Dana Levi</cite>, VP Product</figcaption>" in figures[0]
    assert "<cite>Sam Rivera</cite></figcaption>" in figures[1]
    assert "<em>I got my hour back.</em>" in figures[1] and '"' not in figures[1].split("<blockquote>")[1].split("</blockquote>")[0]
    assert "<cite>Ana\ufffdRuiz</cite>, early\ufffduser" in figures[2]
    assert not _CONTROL.search(article)
    for words in ("during the beta.", "during the pilot."):
        assert words in re.sub(r'<figure class="prfaq-quote.*?</figure>', "", article, flags=re.DOTALL)


# -- linear ---------------------------------------------------------------------------------------

LINEAR = {
    "capitalised words, then narration": lambda n: '"Hi," said Jo ' + "Lee " * n + "during the beta.",
    "narration words after a name": lambda n: '"Hi," said Jo Lee during ' + "the beta " * n + ".",
    "role parts after a name": lambda n: '"Hi," said Jo Lee, ' + "VP, " * n + "during the beta.",
    "emphasised quotations one after the other": lambda n: '*"Hi,"* said Jo during the beta. ' * n,
    "controls in an attribution": lambda n: '> "Hi."\n> — Jo' + "\x00\x01" * n + "\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
def test_the_edges_are_read_in_linear_time(name: str) -> None:
    make = LINEAR[name]
    assert_linear(lambda n: "## Press release\n\n" + DATELINE + make(n) + "\n", parse, 500)
