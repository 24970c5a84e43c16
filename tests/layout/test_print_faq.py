"""On paper (print media) in both themes, a FAQ question is no smaller than its answer: in
Material the question (1.05em of Material's print body) was 7pt above a 9.5pt answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser import chromium, serve
from ..conftest import Site

pytestmark = [pytest.mark.browser]

SIZES = """() => [...document.querySelectorAll('#external-faq ~ h4, #internal-faq ~ h4')].map(q => {
  const a = q.nextElementSibling;
  return [q.textContent, parseFloat(getComputedStyle(q).fontSize), parseFloat(getComputedStyle(a).fontSize)];
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("theme", ("material", "mkdocs"))
def test_a_question_is_no_smaller_than_its_answer_on_paper(browser: Any, tmp_path: Path, theme: str) -> None:
    site = Site(tmp_path / "src")
    site.config(theme=theme)
    site.proposal("alpha.md", "approved")
    assert site.build("--strict").code == 0
    with serve(site.root / "site") as url:
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        page.goto(url + "proposals/alpha/")
        page.wait_for_load_state("load")
        on_screen = page.evaluate(SIZES)
        page.emulate_media(media="print")
        on_paper = page.evaluate(SIZES)
        page.close()
    assert len(on_paper) >= 6 and len(on_screen) == len(on_paper)
    for question, asked, answered in on_screen + on_paper:
        assert asked >= answered, (theme, question, asked, answered)
