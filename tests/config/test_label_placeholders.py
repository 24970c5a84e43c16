"""The fourth hostile pass, the site's options: a label's placeholder is a plain name. A format spec
asking for a huge width (``{count:>99999999999}``) ended `check` and the build with a MemoryError
traceback, and attribute access (``{count.__class__.__mro__}``) printed Python's internals on the
page. Each is one configuration error, in the build and in `check` alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Site

REFUSED = {
    "huge width": ("press_release_words", "{count:>99999999999} words", "asks for a width over 99"),
    "width": ("faq_words", "FAQ: {count:>1000}", "asks for a width over 99"),
    "nested width": ("faq_words", "FAQ: {count:>{count}}", "asks for a width over 99"),
    "attribute": ("day", "{count.__class__.__mro__} day", "reaches into its value"),
    "index": ("all_of_status", "All {status[0]}", "reaches into its value"),
}


@pytest.mark.parametrize("label", REFUSED.values(), ids=REFUSED.keys())
def test_a_label_placeholder_is_a_plain_name(tmp_path: Path, label: tuple[str, str, str]) -> None:
    key, text, why = label
    site = Site(tmp_path / "s")
    site.config(f"labels: {{{key}: '{text}'}}")
    site.proposal("p.md", "in-review")
    checked = site.check("check")
    assert checked.code == 2 and "Traceback" not in checked.text, checked.text[-1500:]
    assert f"label {key!r}: {text!r} has a placeholder it cannot fill" in checked.text and why in checked.text
    if "huge" not in text:
        built = site.build()
        assert built.code == 1 and "Traceback" not in built.text
        assert f"label {key!r}: {text!r} has a placeholder it cannot fill" in built.text


def test_placeholders_as_the_reference_shows_them_still_work(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.config("labels: {faq_words: 'FAQ: {count:,} words ({count:>3})', all_of_status: 'All {status!s}'}")
    site.proposal("p.md", "draft")
    assert site.check("check").code == 0
    assert site.build("--strict").code == 0
    assert "FAQ: " in site.html("proposals/p/index.html")
