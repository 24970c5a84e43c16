"""Quotes in every common form (issue 19), each class with several variants: an attribution verb
before or after the speaker, a speaker with or without a role (``said the author``), a quotation
that opens a later sentence of its paragraph, one that goes on after its attribution, the dash
form; what is no quote stays prose. Every word is kept, and a quote keeps its place. Also the
body form's words for a quote's attribution written outside its ``>`` block, FAQ headings no
name recognises, FAQ groups named for their audience and questions written as ``> ...?``."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.commands.importer.document import _quote
from mkdocs_prfaq.contract import body, vocabulary
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

VALIDATOR = build_validator()
DRAFT = "---\ntitle: T\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n"


def convert(text: str) -> str:
    return importer.convert(text, name="p.md", today=datetime.date(2026, 1, 1), user="A").text


def quotes_of(page: str) -> list[dict[str, Any]]:
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems, [str(p) for p in problems]
    return list(proposal.data.get("quotes") or [])


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


# -- the attribution, its verb and its speaker ----------------------------------------------------

SPEAKERS = [  # as written, (name, role) read
    ("Jo Lee, VP Product", ("Jo Lee", "VP Product")),
    ("Sarasvati", ("Sarasvati", "")),
    ("the author", ("the author", "")),
    ("a customer", ("a customer", "")),
    ("an early adopter", ("an early adopter", "")),
    ("Sid Sarasvati, founder of Trial and Error Inc.", ("Sid Sarasvati", "founder of Trial and Error Inc.")),
    ("Miguel, head of infrastructure at Tick co., ltd.", ("Miguel", "head of infrastructure at Tick co., ltd.")),
    ("Dr. Ana Souza, CTO", ("Dr. Ana Souza", "CTO")),
    ("**Alex Navarro**, Senior PM at FakeCo", ("Alex Navarro", "Senior PM at FakeCo")),
]


@pytest.mark.parametrize("verb", ["said", "says", "added", "adds", "explained", "noted", "shared", "according to",
                                  "wrote", "recalled"])
@pytest.mark.parametrize(("who", "read"), SPEAKERS)
def test_verb_before_the_speaker(verb: str, who: str, read: tuple[str, str]) -> None:
    quote = _quote(f'"We built it for every commuter," {verb} {who}')
    assert quote is not None
    assert (quote.name, quote.role) == read
    assert quote.text == '"We built it for every commuter."' and not quote.before and not quote.after


@pytest.mark.parametrize("verb", ["said", "says", "added", "adds", "explained", "noted"])
@pytest.mark.parametrize(("who", "read"), [("Sarasvati", ("Sarasvati", "")),
                                           ("Jane Doe, CEO of Acme,", ("Jane Doe", "CEO of Acme")),
                                           ("the author", ("the author", ""))])
def test_verb_after_the_speaker(verb: str, who: str, read: tuple[str, str]) -> None:
    quote = _quote(f'"This changes how we think about metrics," {who} {verb}. "Instead of dashboards, we ask."')
    assert quote is not None
    assert (quote.name, quote.role) == read
    assert quote.text == '"This changes how we think about metrics. Instead of dashboards, we ask."'


@pytest.mark.parametrize("text", [
    '"A quote with no comma" said Miguel.',
    '"A quote," said Miguel, "and more of it."',
    '"A quote." — Miguel',
    '"A quote" -- Miguel, lead',
    '*"A quote in emphasis."* — pilot lead',
    '“A quote in curly marks,” said Miguel.',
])
def test_forms_of_one_quote(text: str) -> None:
    quote = _quote(text)
    assert quote is not None and quote.name in ("Miguel", "pilot lead")
    kept = words(f"{quote.before} {quote.text} {quote.name} {quote.role} {quote.after}")
    assert set(words(text)) - {"said"} <= set(kept)  # the verb, like a Q:, is a label


def test_a_quotation_that_opens_a_later_sentence_keeps_the_prose_before_it() -> None:
    text = ('Queues deal with static messages, which no longer meet the needs of users. "My system relies on '
            'external inputs. Redcar does this well" said Miguel, head of infrastructure at Tick co., ltd.')
    quote = _quote(text)
    assert quote is not None and quote.name == "Miguel"
    assert quote.before == "Queues deal with static messages, which no longer meet the needs of users."
    assert quote.text.startswith('"My system relies')


def test_prose_after_the_attribution_stays_after_the_quote() -> None:
    quote = _quote('"It works," said Jo Lee, VP Product. The skates ship in May.')
    assert quote is not None and (quote.name, quote.role) == ("Jo Lee", "VP Product")
    assert quote.after == "The skates ship in May."


@pytest.mark.parametrize("text", [
    'He called it "the future" and moved on.',
    '"Skates" is what we call them.',
    '"Fast," said nothing about the battery, the motor, the price, the weight, the colour or anything else at all.',
    'The word "said" appears here, said nobody in a quote.',
    '"Open," said {kind} the author.',
])
def test_what_is_no_quote_stays_prose(text: str) -> None:
    assert _quote(text) is None


def test_a_quote_keeps_its_place_and_every_word_in_the_imported_page() -> None:
    original = ("## Press release\n\n**SEATTLE, WA, April 2, 2027** — Acme launches skates.\n\n"
                "Commuters lose an hour a day. \"We were always late,\" said the author. It has to stop.\n\n"
                "Skates fold into a bag.\n\n\"They changed my mornings,\" Sam added.\n\nOrder at acme.example.\n")
    page = convert(original)
    quotes = quotes_of(page)
    assert [(q["name"], q.get("role"), q["text"]) for q in quotes] == [
        ("the author", None, "We were always late."), ("Sam", None, "They changed my mornings.")]
    press = page.split("## Press release", 1)[1]
    order = [press.index(s) for s in ("Commuters lose", "> — the author", "It has to stop.", "Skates fold",
                                      "> — Sam", "Order at")]
    assert order == sorted(order), press
    assert set(words(original)) - {"said", "added"} <= set(words(page))  # attribution verbs are labels


SAID = st.sampled_from(["said", "says", "added", "adds", "explained", "noted", "according to"])
NAMES = st.sampled_from(["Jo Lee", "Sarasvati", "the author", "a customer", "an early adopter", "Ana Souza"])
ROLES = st.sampled_from(["", "VP Product", "founder of Acme Inc.", "head of ops at Tick co., ltd."])
PROSE = st.lists(st.sampled_from(["skates", "commute", "battery", "motor", "bike lanes", "morning"]),
                 min_size=0, max_size=6).map(lambda w: (" ".join(w).capitalize() + ".") if w else "")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["quick", "ember", "fjord", "lumen", "opal"]), min_size=1, max_size=8),
       SAID, NAMES, ROLES, st.booleans(), PROSE, PROSE, st.sampled_from(['"', "“"]))
def test_generated_attributed_quotes(said: list[str], verb: str, name: str, role: str, after_name: bool,
                                     before: str, after: str, mark: str) -> None:
    close = '"' if mark == '"' else "”"
    who = f"{name}, {role}" if role else name
    quotation = f'{mark}{" ".join(said).capitalize()},{close}'
    if after_name and verb != "according to":
        attribution = f"{who}{',' if role else ''} {verb}."
    else:
        attribution = f"{verb} {who}."
    text = " ".join(x for x in (before, quotation, attribution, after) if x)
    quote = _quote(text)
    assert quote is not None, text
    assert (quote.name, quote.role.rstrip(".")) == (name, role.rstrip(".")), text
    assert quote.before == before and quote.after == after, text
    assert set(words(text)) - set(words(verb)) <= set(
        words(f"{quote.before} {quote.text} {quote.name} {quote.role} {quote.after}")), text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*'ab "“”,.—-*_>\nS', "said", " according to ", "Dr.", " Jo"]), max_size=80)
       .map("".join))
def test_any_paragraph_reads_without_a_crash_and_keeps_its_words(text: str) -> None:
    quote = _quote(text)
    if quote is not None:
        kept = f"{quote.before} {quote.text} {quote.name} {quote.role} {quote.after}"
        assert set(words(text)) - set(words(" ".join(vocabulary.SAID))) <= set(words(kept)), (text, quote)


def test_speaker_words_are_bounded() -> None:
    assert vocabulary.speaker("Jo," + " a" * (vocabulary.SPEAKER_WORDS - 1)) is not None
    assert vocabulary.speaker("Jo," + " a" * vocabulary.SPEAKER_WORDS) is None
    assert vocabulary.speaker("a b c d e f g") is None  # a name of seven words is prose
    assert vocabulary.speaker("Jo Lee", role_required=True) is None
    assert vocabulary.speaker("Jo Lee, VP", role_required=True) == ("Jo Lee", "VP")


# -- FAQ groups and questions in the import -------------------------------------------------------

@pytest.mark.parametrize(("heading", "group"), [
    ("For the person using it", "external"), ("For customers", "external"), ("Questions from users", "external"),
    ("For the people deciding whether to build it", "internal"), ("Questions from investors", "internal"),
    ("For the leadership team", "internal"), ("Stakeholder questions", "internal"),
    ("Pricing", None), ("For everyone", None), ("Questions from users and the business", None),
])
def test_a_faq_group_named_for_its_audience(heading: str, group: str | None) -> None:
    assert vocabulary.audience(heading) == group


def test_imported_audience_groups_land_in_their_group() -> None:
    page = convert("## Press release\n\nSkates.\n\n## FAQ\n\n### For the person using it\n\n**How fast?**\nFast.\n\n"
                   "### For the people deciding whether to build it\n\n**What does it cost?**\nLittle.\n\n"
                   "**Who builds it?**\nUs.\n")
    external, internal = page.split("## External FAQ", 1)[1].split("## Internal FAQ", 1)
    assert "How fast?" in external and "What does it cost?" in internal and "Who builds it?" in internal
    assert "For the people deciding whether to build it" in internal  # its words stay, with its questions


@pytest.mark.parametrize("separator", ["###\n\n", "", "##\n\n"])
def test_questions_written_as_blockquotes(separator: str) -> None:
    page = convert(f"## Press release\n\nSkates.\n\n### FAQ\n\n{separator}> Who uses it?\n\n* Commuters.\n\n"
                   f"{separator}> Which cities are\n> supported?\n\n* Seattle.\n")
    external = page.split("## External FAQ", 1)[1]
    assert "### Who uses it?" in external and "### Which cities are supported?" in external
    assert "* Commuters." in external and "* Seattle." in external


def test_a_blockquote_note_right_under_a_question_stays_its_answer() -> None:
    page = convert("## FAQ\n\n### What are we launching?\n\n> What exactly? A module? A framework?\n\n"
                   "### Why use it?\n\nBecause.\n")
    assert "### What exactly?" not in page and "> What exactly? A module? A framework?" in page


# -- the body form's words -------------------------------------------------------------------------

PRESS = ("## Press release\n\n**SEATTLE, WA, March 3, 2027** — Acme launches skates.\n\n"
         "> \"We built them for every commuter.\"\n{attribution}\n\nOrder a pair.\n")


@pytest.mark.parametrize("dash", ["—", "–", "--", "―"])
@pytest.mark.parametrize("who", ["Jo Lee, VP Product", "the author", "*Jo Lee, VP Product*"])
def test_an_attribution_outside_the_quote_block_is_named_at_its_line(dash: str, who: str) -> None:
    page = DRAFT + PRESS.format(attribution=f"\n{dash} {who}")
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    line = page.split("\n").index(f"{dash} {who}") + 1
    assert [(p.line, p.field) for p in problems] == [(line, "quotes.0")], [str(p) for p in problems]
    assert "outside the quote's '>' block" in problems[0].message
    [quote] = proposal.data["quotes"]
    assert quote["text"] == "We built them for every commuter." and quote["name"] in who


@pytest.mark.parametrize("attribution", ["> — Jo Lee, VP Product", "\nOrder now — it ships in May.",
                                         "\n- Jo Lee, VP Product"])
def test_no_attribution_problem_where_there_is_none(attribution: str) -> None:
    page = DRAFT + PRESS.format(attribution=attribution)
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems, [str(p) for p in problems]


IN_REVIEW = ("---\ntitle: T\nstatus: in-review\nowner: A\ncreated: 2026-01-01\nsubtitle: S\nreviewers: [B]\n---\n\n"
             "## Press release\n\n**SEATTLE, WA, March 3, 2027** — Acme launches skates.\n\nCommuters are late.\n\n"
             "Skates are fast.\n\n> \"We built them.\"\n> — Jo Lee, VP\n\nOrder a pair.\n\n"
             "> \"I am on time.\"\n> — Sam, commuter {{customer}}\n\n")
QUESTIONS = "### How fast?\n\nTwice.\n\n### How much?\n\n$99.\n\n### Where?\n\nOnline.\n\n"


@pytest.mark.parametrize("heading", ["Questions customers ask", "Customer Q&A", "What people ask",
                                     "Frequently asked by customers"])
def test_a_faq_heading_no_name_recognises_is_named(heading: str) -> None:
    page = IN_REVIEW + f"## {heading}\n\n{QUESTIONS}## Internal FAQ\n\n{QUESTIONS}"
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    line = page.split("\n").index(f"## {heading}") + 1
    assert [(p.line, p.field) for p in problems] == [(line, "faq.external")], [str(p) for p in problems]
    assert problems[0].message.startswith(f"{heading!r} is not a FAQ heading, so faq.external is missing (status "
                                          "'in-review' requires it; expected one of: External FAQ, Internal FAQ, FAQ")


def test_a_heading_of_its_own_is_no_faq_problem() -> None:
    page = IN_REVIEW + f"## External FAQ\n\n{QUESTIONS}## Internal FAQ\n\n{QUESTIONS}## Open questions\n\n- Who?\n"
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems, [str(p) for p in problems]
    draft = DRAFT + f"## Questions customers ask\n\n{QUESTIONS}"
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", draft, VALIDATOR)
    assert not problems, [str(p) for p in problems]  # a draft needs no FAQ: the section is the author's own


def test_the_sites_labels_are_among_the_headings_named() -> None:
    page = IN_REVIEW + f"## Questions customers ask\n\n{QUESTIONS}## Internal FAQ\n\n{QUESTIONS}"
    parsed = body.parse(page.split("---\n", 2)[2], 0, {"external_faq": "Customer questions"})
    assert parsed is not None and parsed.not_faq
    assert parsed.not_faq[0][2] == "External FAQ, Internal FAQ, FAQ, Customer questions"


@pytest.mark.parametrize(("quote", "read"), [
    ('> "We built them." — Jo Lee, VP Product', [("Jo Lee", "VP Product", "We built them.")]),
    ('> *"We built them."* — pilot lead', [("pilot lead", None, '*We built them.*')]),
    ('> "We built them,\n> for you." -- the author', [("the author", None, "We built them,\nfor you.")]),
    ('> “We built them.” ― Jo Lee, VP\n>\n> "And you." — Sam, commuter',
     [("Jo Lee", "VP", "We built them."), ("Sam", "commuter", "And you.")]),
    ('> He said "no" — and left.', []),
    ('> "Open" — ', []),
])
def test_the_body_form_reads_an_attribution_on_the_quotations_last_line(quote: str, read: list[Any]) -> None:
    page = DRAFT + f"## Press release\n\n**SEATTLE, WA, March 3, 2027** — Acme launches skates.\n\n{quote}\n"
    shown = [(q["name"], q.get("role"), q["text"]) for q in quotes_of(page)]
    assert shown == read
    proposal, _ = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    kept = " ".join([*strings(proposal.data), proposal.body])
    assert set(words(quote)) <= set(words(kept))


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [str(value)]


def test_reading_quotes_stays_linear() -> None:
    from ..linear import assert_linear

    def page(n: int) -> str:
        return DRAFT + "## Press release\n\n" + ('> "a" ' + " " * 50 + '" ' + "— " * 20 + "\n") * n + \
            ('"a," said b, c. ' * n) + "\n\n" + ('x. "a" — ' * n) + "\n"

    assert_linear(page, lambda text: (load_page("proposals/p.md", "docs/proposals/p.md", text, VALIDATOR),
                                      convert(text)), 200)


def test_two_quotes_in_one_paragraph_are_two_quotes() -> None:
    page = convert('## Press release\n\nSkates.\n\n"We built it," said Jo Lee, CEO. "It changed my commute," said Sam, '
                   'a customer. Order today.\n')
    assert [(q["name"], q.get("role")) for q in quotes_of(page)] == [("Jo Lee", "CEO"), ("Sam", "a customer")]
    assert page.index("> — Sam, a customer") < page.index("Order today.")


def test_a_whole_faq_missing_names_every_heading_that_reads_like_one() -> None:
    page = IN_REVIEW + f"## Customers ask\n\n{QUESTIONS}## Business questions\n\n{QUESTIONS}"
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    line = page.split("\n").index("## Customers ask") + 1
    assert [(p.line, p.field) for p in problems] == [(line, "faq")], [str(p) for p in problems]
    assert problems[0].message.startswith("'Customers ask' and 'Business questions' are not FAQ headings, so faq is "
                                          "missing (status 'in-review' requires it; expected one of: ")


RUN = " " * 200_000


@pytest.mark.parametrize("text", [
    f'> "a"{RUN}x\n', f'> "a"{RUN}— x\n', f'> "a",{RUN},{RUN}x\n', f'"a,"{RUN}said{RUN}x{RUN}.\n',
    f'x.{RUN}"a"{RUN}said b\n', f'"a,"{RUN}b{RUN}said.{RUN}"c"\n', f'> "a"\n>\n— b{RUN}x\n',
])
def test_a_run_of_spaces_in_a_quote_reads_at_once(text: str) -> None:
    from ..contract.test_linear import hang_guard

    with hang_guard(30):
        load_page("proposals/p.md", "docs/proposals/p.md", DRAFT + "## Press release\n\n" + text, VALIDATOR)
        convert("## Press release\n\n" + text)
        convert("## Press release\n\n" + text.replace(" ", "\t"))


def test_the_body_form_reads_faq_groups_named_for_their_audience() -> None:
    page = DRAFT + ("## FAQ\n\n### For the person using it\n\n**How fast?**\n\nFast.\n\n"
                    "### For the people deciding whether to build it\n\n**What does it cost?**\n\nLittle.\n")
    proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", page, VALIDATOR)
    assert not problems
    assert {g: [q["question"] for q in qs] for g, qs in proposal.data["faq"].items()} == {
        "external": ["How fast?"], "internal": ["What does it cost?"]}
