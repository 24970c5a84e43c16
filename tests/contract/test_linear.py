"""Every parser is linear in what it reads: a page or an original with a huge run of spaces in a
dateline, a heading, a label, an attribution or a title loads and imports at once (review found
regular expressions that backtracked over every run of spaces: minutes for a 30 KB page). A hang
guard (SIGALRM, far above the milliseconds these take) turns a hang into a failure."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands import importer
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..linear import hang_guard

VALIDATOR = build_validator()
FRONT = "---\ntitle: T\nstatus: in-review\nowner: A\ncreated: 2026-01-01\n---\n\n"
PAGE = ("## Press release\n\n**SEATTLE, WA, April 2, 2027** — Today.\n\n**Problem:** p\n\n"
        "> \"Hi\"\n> — Name, Role {leader}\n\n\"Yo\" said Sam, user.\n\n## FAQ\n\n### External FAQ\n\n"
        "#### Why? {#why}\n\nBecause.\n\n**Q: How?**\n\nA: so.\n\n### Internal FAQ (technical)\n\n"
        "#### When? ##\n\nSoon.\n")


def read_both(body: str) -> None:
    with hang_guard():
        load_page("proposals/p.md", "docs/proposals/p.md", FRONT + body, VALIDATOR)
        importer.convert("# T PR/FAQ\n\n" + body, name="p.md", today=datetime.date(2026, 1, 1), user="A")


RUN = " " * 200_000
CASES = {
    "dateline": f"## Press release\n\n**SEATTLE{RUN}x** — Today.\n",
    "dateline alone": f"## Press release\n\n**SEATTLE{RUN}x**\n\nToday.\n",
    "dateline date": f"## Press release\n\n**SEATTLE,{RUN}April 2, 2027** — Today.\n",
    "heading": f"## External FAQ\n\n### Q{RUN}x\n\nB.\n",
    "closed heading": f"## External FAQ\n\n### Q{RUN}x{RUN}#\n\nB.\n",
    "heading id": f"## External FAQ\n\n### Q{RUN}{{#x}}{RUN}\n\nB.\n",
    "heading in brackets": f"## FAQ{RUN}(x){RUN}\n\n### Q?\n\nB.\n",
    "attribution": f"## Press release\n\n**X, May 1, 2027** — s\n\n> \"Hi\"\n> — Name{RUN}x\n",
    "attribution kind": f"## Press release\n\n**X, May 1, 2027** — s\n\n> \"Hi\"\n> — Name{RUN}{{x{RUN}}}\n",
    "label": f"## Press release\n\n**Problem{RUN}:** x\n",
    "bold label": f"## Press release\n\n**Problem:{RUN}x**\n",
    "title": f"# Title{RUN}x{RUN}PR/FAQ\n\n## Press release\n\nx\n",
    "question": f"## FAQ\n\n**Q: Why{RUN}x?**\n\nA: yes{RUN}x\n",
    "setext": f"Title{RUN}x\n=====\n\nPress release{RUN}\n-----\n\ntext\n",
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_run_of_200000_spaces_anywhere_reads_at_once(case: str) -> None:
    read_both(CASES[case])
    read_both(CASES[case].replace(" " * 1000, "\t" * 1000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.integers(0, len(PAGE)), st.sampled_from([" ", "\t", " \t", "*", "-", ",", "#", ">", "{", "(", "“"]),
       st.integers(20_000, 60_000))
def test_a_long_run_of_one_character_anywhere_in_a_page_reads_at_once(at: int, piece: str, times: int) -> None:
    read_both(PAGE[:at] + piece * (times // len(piece)) + PAGE[at:])
