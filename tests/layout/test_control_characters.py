"""Control characters written through YAML escapes in front matter (``title: "a\\x07b"``) are shown
as U+FFFD wherever a front-matter string reaches a page, under MkDocs and Zensical: the layout,
the page's title (``<title>``, the navigation, Zensical's page meta), the index, the status pages
and the roadmap. The files are never changed; ``check`` agrees with the build."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import body_page, prfaq_page, proposal_data

from ..conftest import Site
from ..engines.test_zensical import ZENSICAL, zensical, zensical_site
from ..index.test_history import Repo, atom, build_site, epoch, put

RAW = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""What no built page may hold: every C0 and C1 control character but NUL (which nh3 strips
anyway), tab, line feed and carriage return."""

EVERY = "".join(map(chr, [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))

CONTROLS = st.sampled_from([*EVERY, "\x00", "\u2028", "\u2029"])
REFERENCES = st.sampled_from(["&#7;", "&#x1b;", "&#0;", "&#127;", "&#x85;", "&#11;", "&#12;"])
"""Character references that nh3 reads as the control characters they name (in Markdown fields)."""
TEXT = st.lists(st.one_of(CONTROLS, REFERENCES, st.sampled_from(["a", "Ana", " ", "[31m", "é"])), min_size=1,
                max_size=8).map("".join).map(lambda s: "x" + s)  # never blank: a blank title is a problem


def hostile(i: int, text: str, status: str = "approved") -> dict[str, Any]:
    """A valid proposal whose every free-text string holds ``text``."""
    data = proposal_data(i, status)
    data["id"] = f"p{i}"
    data.pop("superseded_by", None)
    data["related"] = []

    def spoil(value: Any, key: str = "") -> Any:
        if isinstance(value, str) and key not in ("kind", "status", "id"):
            return value + text
        if isinstance(value, dict):
            return {k: spoil(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [spoil(v, key) for v in value]
        return value

    return {k: spoil(v, k) for k, v in data.items()}


def built_pages(site_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(site_dir)): p.read_text(encoding="utf-8")
            for p in site_dir.rglob("*.html")}


def raw_controls(pages: dict[str, str]) -> dict[str, list[str]]:
    return {path: sorted(set(RAW.findall(text))) for path, text in pages.items() if RAW.search(text)}


def test_every_control_character_of_the_front_matter_is_shown_as_a_replacement_character(site: Site) -> None:
    front = site.page("front.md", prfaq_page(hostile(1, f"<{EVERY}> &#7;&#x1b;&#127;&#12;")))
    body = site.page("body.md", body_page(hostile(2, f"<{EVERY}> &#7;&#x1b;&#127;&#12;", "in-review")))
    written = {front: front.read_bytes(), body: body.read_bytes()}
    assert b"\\x07" in written[front] or b"\\a" in written[front]  # written as YAML escapes
    result = site.build("--strict")
    assert result.code == 0, result.text
    pages = built_pages(site.root / "site")
    assert raw_controls(pages) == {}
    page = pages["proposals/front/index.html"]
    assert "\ufffd" in page.split("<title>", 1)[1].split("</title>", 1)[0]  # the page title
    for listing in ("proposals/index.html", "proposals/roadmap/index.html", "proposals/status/approved/index.html"):
        assert "\ufffd" in pages[listing], listing
    assert {p: p.read_bytes() for p in written} == written  # the files are never changed
    check = site.check("check")
    assert check.code == 0, check.text


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_generated_control_characters_never_reach_a_page_raw(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(Path(tmp) / "site-src")
        site.config("on_invalid: warn")
        site.page("front.md", prfaq_page(hostile(1, text)))
        site.page("body.md", body_page(hostile(2, text, "in-review")))
        site.page("draft.md", prfaq_page({"title": text, "status": "draft", "owner": text, "tags": [text]}))
        result = site.build()
        assert result.code == 0, result.text
        assert raw_controls(built_pages(site.root / "site")) == {}
        check = site.check("check")
        assert (check.code == 0) == ("ERROR" not in result.err and "WARNING" not in result.err), (check.text, result.text)


@pytest.mark.skipif(not ZENSICAL.exists(), reason="zensical is not installed")
def test_zensical_shows_them_as_replacement_characters_too(tmp_path: Path) -> None:
    pages = {"proposals/front.md": prfaq_page(hostile(1, f"<{EVERY}> &#7;&#x1b;&#127;&#12;")),
             "proposals/body.md": body_page(hostile(2, f"<{EVERY}> &#7;&#x1b;&#127;&#12;", "in-review")),
             "proposals/status/approved.md": "# Approved\n\n<!-- prfaq status approved -->\n"}
    root = zensical_site(tmp_path, pages)
    result = zensical(root)
    assert result.code == 0, result.text
    built = built_pages(root / "site")
    assert raw_controls(built) == {}
    page = built["proposals/front/index.html"]
    assert "\ufffd" in page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "\ufffd" in built["proposals/index.html"] and "\ufffd" in built["proposals/roadmap/index.html"]


def test_the_feed_drops_them_as_xml_must_and_the_json_is_valid(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not pages: the feed keeps its own rule (XML cannot hold C0 controls: dropped, the title
    otherwise as written), and proposals.json, whose strings are escaped, is valid JSON."""
    import json

    repo = Repo(site.root)
    put(site, "alpha.md", "draft", title="Al\x07pha\x1b[31m Launch\x85")
    repo.commit("2027-01-02")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-01-03"))
    build_site(site, strict=False)
    entry = atom(site.html("proposals/feed.xml")).find("{http://www.w3.org/2005/Atom}entry")
    assert entry is not None
    assert entry.findtext("{http://www.w3.org/2005/Atom}title") == "Alpha[31m Launch\x85: Draft"
    assert "\ufffd" in site.html("proposals/alpha/index.html").split("<title>", 1)[1].split("</title>", 1)[0]
    exported = json.loads(site.html("proposals/proposals.json"))["proposals"][0]
    assert exported["title"] == "Al\ufffdpha\ufffd[31m Launch\ufffd"  # as the pages show it
