"""A blockquote's attribution is read as the words a reader sees (``— Sam Rivera, host of *Small
Business Hour*`` names the role without its asterisks), at the cost it had: only a speaker's
length is read as Markdown, so a hostile attribution line of marks stays linear and cheap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.body import BodyDoc, parse

from ..linear import assert_linear

FAQ = "\n\n## External FAQ\n\n### Why?\n\nBecause.\n"


def blockquote(attribution: str) -> BodyDoc:
    doc = parse("## Press release\n\n**SEATTLE, WA, April 27, 2027** — Today.\n\n> \"Hi.\"\n> — "
                + attribution + "\n" + FAQ)
    assert doc is not None
    return doc


def speaker(attribution: str) -> tuple[str, str]:
    [quote] = blockquote(attribution).data["quotes"]
    return quote["name"], quote.get("role", "")


def test_the_marks_of_a_role_or_name_are_not_shown() -> None:
    assert speaker("Sam Rivera, host of *Small Business Hour*") == ("Sam Rivera", "host of Small Business Hour")
    assert speaker("**Jo Lee**, VP of [Acme](https://acme.example)") == ("Jo Lee", "VP of Acme")
    assert speaker("Ada, author of `mkdocs-prfaq`") == ("Ada", "author of mkdocs-prfaq")
    assert speaker("Jo & Co, 2 < 3 partners") == ("Jo & Co", "2 < 3 partners")  # as written, no marks
    long = "Sam, " + "*x* " * 200
    assert speaker(long)[1] == long.split(", ", 1)[1].strip()  # past a speaker's length: as written


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *_`[]()!<>&\\,.\x00\t"), min_size=1, max_size=60))
def test_any_attribution_reads_without_error_and_shows_no_control_character(text: str) -> None:
    doc = blockquote("Sam, " + text)
    for quote in doc.data.get("quotes", []):
        for key in ("name", "role"):
            assert not any(c in quote.get(key, "") for c in "\x00\x01\x1b")


def test_an_attribution_line_of_marks_costs_linear_time() -> None:
    for unit in ("*a", "[a](", "_*[`", "**a"):
        assert_linear(lambda n, unit=unit: "Sam, " + unit * n, blockquote, 2000)
        assert_linear(lambda n, unit=unit: ("Sam, " + unit * 40 + "\n> \"Hi.\"\n> — ") * n + "Jo", blockquote, 50)


def test_only_a_speakers_length_is_read_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """What bounds the cost: the Markdown reader sees no attribution longer than a speaker can be
    (a 100 KB line of marks cost 100 times the plain reading before the bound)."""
    from mkdocs_prfaq.contract import reader

    seen: list[int] = []
    plain = reader.plain

    def counting(content: str, doc: reader.Document | None = None) -> str:
        seen.append(len(content))
        return plain(content, doc)

    monkeypatch.setattr(reader, "plain", counting)
    assert speaker("Sam, host of *Small Business Hour*")[1] == "host of Small Business Hour"
    assert seen and max(seen) <= 300
    seen.clear()
    blockquote("Sam, " + "*a" * 50_000)
    assert all(n <= 300 for n in seen), max(seen)
