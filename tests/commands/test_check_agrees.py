"""`mkdocs-prfaq check` and `mkdocs build` agree: everything the build warns about a PR/FAQ,
`check` reports as a warning, and `check --strict` fails where `mkdocs build --strict` does.
Length limits are advice for a draft (its counts are shown on the page, no warning) and a
warning from in-review on. Both run in-process, on examples and on generated sites."""

from __future__ import annotations

import contextlib
import io
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_prfaq.commands import cli

from ..conftest import Site

LONG = " ".join(["word"] * 80)
"""A paragraph of 80 words: over `press_release_words: 50` in a press release, over
`faq_words: 200` in three answers."""

REMOTE = "https://tracker.example/pixel.png"


@dataclass
class Codes:
    check: int
    check_strict: int
    build: int
    build_strict: int
    check_err: str
    build_log: str


def outcomes(root: Path) -> Codes:
    """Exit codes of `check` and `check --strict`, and of `mkdocs build` and `--strict` (1 when
    the build aborts), all in-process."""
    config = str(root / "mkdocs.yml")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        check = cli.main(["check", "-f", config])
        check_strict = cli.main(["check", "-f", config, "--strict"])
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger("mkdocs").addHandler(handler)
    codes = []
    try:
        for strict in (False, True):
            try:
                build(load_config(config, strict=strict, site_dir=str(root / "site")))
                codes.append(0)
            except Abort:
                codes.append(1)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return Codes(check, check_strict, codes[0], codes[1], err.getvalue(), log.getvalue())


def agree(codes: Codes) -> None:
    assert (codes.check, codes.check_strict) == (codes.build, codes.build_strict), codes


# -- examples ------------------------------------------------------------------------------------

def long_press_release(site: Site, status: str) -> None:
    site.config("limits:\n  press_release_words: 50")
    site.proposal("alpha.md", status, press_release={
        "summary": LONG, "problem": "P.", "solution": "S.", "getting_started": "G.", "closing": "C."})


def test_a_long_draft_is_advice_its_counts_shown_no_warning(site: Site) -> None:
    long_press_release(site, "draft")
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 0, 0, 0), codes
    assert "words" not in codes.check_err and "over the limit" not in codes.build_log
    page = site.html("proposals/alpha/index.html")
    assert '<strong class="prfaq-over">press release: ' in page  # the counts are on the page


@pytest.mark.parametrize("status", ["in-review", "approved"])
def test_a_long_proposal_in_review_on_warns_in_both_and_strict_fails_both(site: Site, status: str) -> None:
    long_press_release(site, status)
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    line = "docs/proposals/alpha.md:"  # after the site's folder: check and the build run elsewhere
    assert "words, over the limit of 50 (limits.press_release_words)" in codes.check_err
    assert "warning: " in codes.check_err and line in codes.check_err and line in codes.build_log
    assert "(--strict: failing on them" in codes.check_err


def test_a_long_faq_in_review_warns_in_both(site: Site) -> None:
    site.config("limits:\n  faq_words: 200")
    site.proposal("alpha.md", "in-review", faq={
        "external": [{"question": f"Q{i}?", "answer": LONG} for i in range(3)],
        "internal": [{"question": f"I{i}?", "answer": "A."} for i in range(3)]})
    codes = outcomes(site.root)
    agree(codes)
    assert codes.check_strict == 1 and "(limits.faq_words)" in codes.check_err


@pytest.mark.parametrize("where", ["answer", "problem", "quote", "html", "reference"])
def test_an_image_from_another_host_warns_in_both(site: Site, where: str) -> None:
    image = {"html": f'<img src="{REMOTE}" alt="x">', "reference": "![pixel][p]\n\n[p]: " + REMOTE}.get(
        where, f"![pixel]({REMOTE})")
    changes: dict[str, Any] = {}
    if where == "answer":
        changes["faq"] = {"external": [{"question": "Q?", "answer": f"See {image}"}], "internal": []}
    elif where == "quote":
        changes["quotes"] = [{"kind": "leader", "name": "A", "role": "B", "text": f"Look {image}"}]
    else:
        changes["press_release"] = {"summary": "S.", "problem": image}
    site.proposal("alpha.md", "draft", **changes)
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    message = f"images: 1 image(s) from other hosts removed, first '{REMOTE}'"
    assert message in codes.check_err and message in codes.build_log


def test_an_image_in_a_body_form_page_warns_in_both(site: Site) -> None:
    site.page("alpha.md", "---\ntitle: Alpha\nstatus: draft\nowner: Ana\ncreated: 2026-01-01\n---\n\n"
              "## Press release\n\nToday Acme launches Alpha.\n\n"
              f"## External FAQ\n\n### Does it track me?\n\nNo. ![pixel]({REMOTE})\n")
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes


@pytest.mark.parametrize("option", ["remote_images: true", "remote_images:\n  - https://tracker.example/",
                                    "sanitize: false", "layout: false"])
def test_an_allowed_or_unsanitised_image_warns_in_neither(site: Site, option: str) -> None:
    site.config(option)
    site.proposal("alpha.md", "draft", press_release={"summary": "S.", "problem": f"![x]({REMOTE})"})
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 0, 0, 0), codes


def test_a_local_image_and_an_emoji_cdn_warn_in_neither(site: Site) -> None:
    (site.docs / "proposals" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.proposal("alpha.md", "draft", press_release={
        "summary": "S.", "problem": "![x](pic.png) ![e](https://cdn.jsdelivr.net/gh/jdecked/twemoji@15/x.svg)"})
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 0, 0, 0), codes


def test_unknown_keys_and_problems_agree(site: Site) -> None:
    site.proposal("alpha.md", "draft", colour="blue")  # unknown_keys: warn
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (0, 1, 0, 1), codes
    site.proposal("beta.md", "in-review", subtitle=None)  # a problem: both fail, strict or not
    codes = outcomes(site.root)
    assert (codes.check, codes.check_strict, codes.build, codes.build_strict) == (1, 1, 1, 1), codes


# -- generated sites -----------------------------------------------------------------------------

PAGE = st.fixed_dictionaries({
    "status": st.sampled_from(["draft", "in-review", "approved"]),
    "long_press_release": st.booleans(),
    "long_faq": st.booleans(),
    "image": st.sampled_from([None, "inline", "html", "reference", "allowed", "local"]),
    "image_in": st.sampled_from(["problem", "answer", "quote"]),
    "unknown_key": st.booleans(),
})
SITE = st.fixed_dictionaries({
    "remote_images": st.sampled_from([None, "true", "false", "prefix"]),
    "sanitize": st.booleans(),
    "pages": st.lists(PAGE, min_size=1, max_size=3),
})


def image_markdown(kind: str | None) -> str:
    return {None: "", "inline": f" ![x]({REMOTE})", "html": f' <img src="{REMOTE}">',
            "reference": f" ![x][r{kind}]\n\n[r{kind}]: {REMOTE}", "allowed": " ![x](https://ok.example/a.png)",
            "local": " ![x](pic.png)"}[kind]


def write_site(root: Path, spec: dict[str, Any]) -> Site:
    site = Site(root)
    options = ["limits:", "  press_release_words: 50", "  faq_words: 200"]
    if spec["remote_images"] == "prefix":
        options += ["remote_images:", "  - https://ok.example/"]
    elif spec["remote_images"] is not None:
        options.append(f"remote_images: {spec['remote_images']}")
    if not spec["sanitize"]:
        options.append("sanitize: false")
    site.config("\n".join(options))
    (site.docs / "proposals" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for i, page in enumerate(spec["pages"]):
        image = image_markdown(page["image"])
        pr = {"summary": LONG if page["long_press_release"] else "Today.", "problem": "P." + (
            image if page["image_in"] == "problem" else ""), "solution": "S.", "getting_started": "G.",
              "closing": "C."}
        answer = LONG if page["long_faq"] else "A."
        faq = {"external": [{"question": f"Q{k}?", "answer": answer + (image if page["image_in"] == "answer" and k == 0
                                                                     else "")} for k in range(3)],
               "internal": [{"question": f"I{k}?", "answer": "A."} for k in range(3)]}
        quotes = [{"kind": "leader", "name": "Lee", "role": "VP", "text": "Q." + (
            image if page["image_in"] == "quote" else "")}, {"kind": "customer", "name": "Sam", "role": "User",
                                                             "text": "C."}]
        extra = {"colour": "blue"} if page["unknown_key"] else {}
        site.proposal(f"p{i}.md", page["status"], i=i, press_release=pr, faq=faq, quotes=quotes, **extra)
    return site


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=SITE)
def test_generated_sites_check_and_build_agree(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(Path(tmp) / "site", spec)
        codes = outcomes(site.root)
        agree(codes)
        expect_warning = any(
            (page["status"] != "draft" and (page["long_press_release"] or page["long_faq"]))
            or page["unknown_key"]
            or (page["image"] in ("inline", "html", "reference") and spec["sanitize"]
                and spec["remote_images"] != "true")
            or (page["image"] == "allowed" and spec["sanitize"] and spec["remote_images"] in (None, "false"))
            for page in spec["pages"])
        assert codes.check == 0 and codes.check_strict == (1 if expect_warning else 0), (spec, codes)
