"""Status history from git (issue 21): sites built from scripted git histories with fixed dates;
the exact transitions on the page, in the index, in proposals.json and in the feed; shallow
clones, no repository, no git binary; check --stale."""

from __future__ import annotations

import contextlib
import datetime
import html
import io
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract.lifecycle import LifecycleError, parse_days, parse_statuses
from mkdocs_prfaq.index import history

from ..conftest import Site

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")
ATOM = "{http://www.w3.org/2005/Atom}"


def epoch(day: str) -> str:
    return str(int(datetime.datetime.fromisoformat(day + "T12:00:00+00:00").timestamp()))


class Repo:
    """A git repository at a site's root, with commits at fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
        done = subprocess.run([GIT or "git", *args], cwd=cwd or self.root, capture_output=True, text=True,
                              env={**os.environ, **(env or {})}, check=True, timeout=60)
        return done.stdout.strip()

    def commit(self, day: str, author: str = "Ana Souza", message: str = "change") -> str:
        stamp = f"{day}T10:00:00+00:00"
        self.git("add", "-A")
        self.git("-c", f"user.name={author}", "-c", "user.email=someone@example.com", "commit", "-q",
                 "--allow-empty", "-m", message, env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
        return self.git("rev-parse", "HEAD")


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """The build's log lines (MkDocs' own logger), as the terminal would show them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def build_site(site: Site, strict: bool = True) -> str:
    """An in-process ``mkdocs build`` (a fresh plugin), returning the log."""
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    try:
        with captured() as log:
            config = load_config(str(site.root / "mkdocs.yml"), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
    finally:
        cache.clear()
    return log.getvalue()


def timeline(page: str) -> list[str]:
    """The page's status history, one text per step."""
    m = re.search(r'<ol class="prfaq-history"[^>]*>(.*?)</ol>', page, re.S)
    if m is None:
        return []
    steps = re.findall(r"<li\b[^>]*>(.*?)</li>", m.group(1), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in steps]


def export(site: Site) -> dict[str, Any]:
    data = json.loads(site.html("proposals/proposals.json"))
    return {p["id"]: p for p in data["proposals"]}


def index_row(page: str, href: str) -> str:
    m = re.search(rf'<tr[^>]*><td><a href="{re.escape(href)}">.*?</tr>', page, re.S)
    assert m, href
    return m.group(0)


def atom(text: str) -> ET.Element:
    """The feed, checked against RFC 4287's required elements: a feed has an id, a title and an
    updated date, and each entry its id, title, updated, an alternate link and an author (or the feed one)."""
    root = ET.fromstring(text)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", root.findtext(f"{ATOM}id") or "")
    feed_author = root.find(f"{ATOM}author") is not None
    ids = set()
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "")
        assert entry.findtext(f"{ATOM}id") not in ids, "entry ids are unique"
        ids.add(entry.findtext(f"{ATOM}id"))
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and links[0].get("href")
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
    datetime.datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    return root


def put(site: Site, name: str, status: str, i: int = 0, created: str = "2027-01-01", **changes: Any) -> Path:
    """A valid proposal, created on ``created``, its decision that day (when it needs one)."""
    changes.setdefault("updated", None)
    if status in ("approved", "launched", "rejected", "deferred"):
        changes.setdefault("decision", {"date": created, "by": ["Dee"], "summary": "Go."})
    return site.proposal(name, status, i, created=created, **changes)


def unstatused(page: Path) -> None:
    """With status_from: folder, the folder says it."""
    page.write_text(re.sub(r"^status: .*\n", "", page.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")


@pytest.fixture
def repo(site: Site) -> Repo:
    return Repo(site.root)


def scripted(site: Site, repo: Repo) -> dict[str, str]:
    """Podgenie: draft (2027-03-02, created 2027-02-20), an edit that keeps the status, in review
    (2027-06-15, Cy), renamed from pod.md, approved (2027-07-26, Dee). Beta: in review since
    2027-06-20. Today: 2027-08-05."""
    site.config("", extra="site_url: https://example.com/docs/\n")
    commits = {}
    put(site, "pod.md", "draft", created="2027-02-20", id=None, title="PodGenie <b>turns</b> podcasts into text")
    commits["draft"] = repo.commit("2027-03-02", "Ana Souza", "podgenie: first draft")
    put(site, "pod.md", "draft", created="2027-02-20", id=None, title="PodGenie <b>turns</b> podcasts into text",
                  owner="Bo Chen")
    repo.commit("2027-04-02", "Bo Chen", "podgenie: owner")
    put(site, "beta.md", "draft", i=1, created="2027-06-01", title="Beta")
    commits["beta"] = repo.commit("2027-06-01", "Bo Chen", "beta")
    put(site, "pod.md", "in-review", created="2027-02-20", id=None,
                  title="PodGenie <b>turns</b> podcasts into text", owner="Bo Chen")
    commits["review"] = repo.commit("2027-06-15", 'Cy "Dev" & Co', "podgenie: review")
    put(site, "beta.md", "in-review", i=1, created="2027-06-01", title="Beta")
    commits["beta-review"] = repo.commit("2027-06-20", "Bo Chen", "beta: review")
    repo.git("mv", "docs/proposals/pod.md", "docs/proposals/podgenie.md")
    repo.commit("2027-07-01", 'Cy "Dev" & Co', "rename")
    put(site, "podgenie.md", "approved", created="2027-02-20", title="PodGenie <b>turns</b> podcasts into text",
                  owner="Bo Chen", decision={"date": "2027-07-26", "by": ["Dee"], "summary": "Go."})
    commits["approved"] = repo.commit("2027-07-26", "Dee", "podgenie: approved")
    return commits


def test_transitions_on_the_page_the_index_the_export_and_the_feed(site: Site, repo: Repo,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    commits = scripted(site, repo)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-08-05"))
    log = build_site(site)
    assert "status history" not in log, "git answered: nothing to say"

    page = site.html("proposals/podgenie/index.html")
    assert timeline(page) == [
        "Draft February 20, 2027 (115 days)",  # created (front matter) before the first commit
        "In review June 15, 2027 (41 days)",
        "Approved July 26, 2027 (10 days) Decision July 26, 2027",
    ]
    assert f'title="{commits["review"][:12]} Cy &#34;Dev&#34; &amp; Co"' in page, "the commit and its author, escaped"
    assert timeline(site.html("proposals/beta/index.html")) == ["Draft June 1, 2027 (19 days)",
                                                                 "In review June 20, 2027 (46 days)"]

    index = site.html("proposals/index.html")
    beta, pod = index_row(index, "beta/"), index_row(index, "podgenie/")
    assert re.search(r'<td data-days="46">46 days <mark class="prfaq-stale" title="[^"]*30 days\)">Stale</mark></td>',
                     beta)
    assert '<td data-days="10">10 days</td>' in pod and "prfaq-stale" not in pod
    assert '<option value="days">In status</option>' in index
    assert '<p class="prfaq-feed"><a href="feed.xml" type="application/atom+xml">' in index
    assert "Stale" in index_row(site.html("proposals/status/in-review/index.html"), "../../beta/")

    data = export(site)
    assert data["podgenie"]["history"] == {
        "since": "2027-07-26", "days": 10, "partial": False, "stale": False, "stale_after": None,
        "changes": [
            {"status": "draft", "date": "2027-02-20", "commit": commits["draft"], "author": "Ana Souza",
             "pending": False},
            {"status": "in-review", "date": "2027-06-15", "commit": commits["review"], "author": 'Cy "Dev" & Co',
             "pending": False},
            {"status": "approved", "date": "2027-07-26", "commit": commits["approved"], "author": "Dee",
             "pending": False},
        ],
    }
    assert data["beta"]["history"]["stale"] is True and data["beta"]["history"]["stale_after"] == 30
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent.parent / "schemas" / "proposals-export.schema.json").read_text())
    jsonschema.validate(json.loads(site.html("proposals/proposals.json")), schema)

    feed = atom(site.html("proposals/feed.xml"))
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"),
                e.find(f"{ATOM}link").get("href"), e.findtext(f"{ATOM}author/{ATOM}name"))  # type: ignore[union-attr]
               for e in feed.findall(f"{ATOM}entry")]
    pod_title = "PodGenie <b>turns</b> podcasts into text"
    assert entries == [
        (f"{pod_title}: In review \u2192 Approved", "2027-07-26T10:00:00+00:00",
         "https://example.com/docs/proposals/podgenie/", "Dee"),
        ("Beta: Draft \u2192 In review", "2027-06-20T10:00:00+00:00", "https://example.com/docs/proposals/beta/",
         "Bo Chen"),
        (f"{pod_title}: Draft \u2192 In review", "2027-06-15T10:00:00+00:00",
         "https://example.com/docs/proposals/podgenie/", 'Cy "Dev" & Co'),
        ("Beta: Draft", "2027-06-01T10:00:00+00:00", "https://example.com/docs/proposals/beta/", "Bo Chen"),
        (f"{pod_title}: Draft", "2027-03-02T10:00:00+00:00", "https://example.com/docs/proposals/podgenie/",
         "Ana Souza"),
    ]
    assert feed.findtext(f"{ATOM}updated") == "2027-07-26T10:00:00+00:00"
    assert "&lt;b&gt;turns&lt;/b&gt;" in site.html("proposals/feed.xml"), "titles are escaped, never markup"


def test_an_uncommitted_status_is_pending_since_today_and_untracked_pages_too(
        site: Site, repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "draft", created="2027-03-01")
    repo.commit("2027-03-02")
    put(site, "alpha.md", "in-review", created="2027-03-01")  # not committed
    put(site, "fresh.md", "draft", i=3, created="2027-04-01")  # never committed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-04-10"))
    build_site(site)
    assert timeline(site.html("proposals/alpha/index.html")) == [
        "Draft March 1, 2027 (40 days)", "In review April 10, 2027 (0 days, not committed)"]
    assert timeline(site.html("proposals/fresh/index.html")) == ["Draft April 1, 2027 (9 days, not committed)"]
    changes = export(site)["alpha"]["history"]["changes"]
    assert changes[-1] == {"status": "in-review", "date": "2027-04-10", "commit": None, "author": None,
                           "pending": True}
    root = atom(site.html("proposals/feed.xml"))
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == [
        f"{export(site)['alpha']['title']}: Draft"], "only committed changes are in the feed"


def test_status_from_folder_moves_are_changes_and_renames_are_followed(
        site: Site, repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    site.config("status_from: folder")
    unstatused(put(site, "draft/alpha.md", "draft", created="2027-01-01"))
    repo.commit("2027-01-02")
    (site.docs / "proposals" / "in-review").mkdir()
    repo.git("mv", "docs/proposals/draft/alpha.md", "docs/proposals/in-review/alpha.md")
    unstatused(put(site, "in-review/alpha.md", "in-review", created="2027-01-01"))
    repo.commit("2027-02-01", "Bo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-02-11"))
    build_site(site)
    assert timeline(site.html("proposals/in-review/alpha/index.html")) == [
        "Draft January 1, 2027 (31 days)", "In review February 1, 2027 (10 days)"]


def test_a_deleted_page_added_again_starts_a_new_history(site: Site, repo: Repo,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    page = put(site, "alpha.md", "in-review", created="2027-01-01")
    repo.commit("2027-01-02")
    page.unlink()
    repo.commit("2027-01-05")
    put(site, "alpha.md", "draft", created="2027-02-01")
    repo.commit("2027-02-03")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-02-10"))
    build_site(site)
    assert timeline(site.html("proposals/alpha/index.html")) == ["Draft February 1, 2027 (9 days)"]


def one_info(log: str, words: str) -> None:
    lines = [line for line in log.splitlines() if "status history" in line]
    assert len(lines) == 1 and lines[0].startswith("INFO - prfaq: status history: ") and words in lines[0], log


def test_a_shallow_clone_shows_what_it_holds_and_says_how_to_fetch_the_rest(
        site: Site, repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted(site, repo)
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{site.root}", str(clone))
    shallow = Site.__new__(Site)
    shallow.root, shallow.docs = clone, clone / "docs"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-08-05"))
    log = build_site(shallow)  # --strict passes
    one_info(log, "shallow clone")
    assert "fetch-depth: 0" in log
    assert timeline(shallow.html("proposals/podgenie/index.html")) == [
        "Approved July 26, 2027 (at least 10 days) Decision July 26, 2027"]
    beta = export(shallow)["beta"]["history"]  # in review since June 20: the clone knows July 26
    assert beta["partial"] is True and beta["days"] == 10 and beta["stale"] is False
    assert [c["date"] for c in beta["changes"]] == ["2027-07-26"]
    assert "at least 10 days" in index_row(shallow.html("proposals/index.html"), "beta/")


def test_not_a_git_repository(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "in-review")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    log = build_site(site)
    one_info(log, "not in a git repository")
    assert "history: false" in log
    assert timeline(site.html("proposals/alpha/index.html")) == []
    assert export(site)["alpha"]["history"] is None
    assert "data-days" not in site.html("proposals/index.html")
    assert atom(site.html("proposals/feed.xml")).findall(f"{ATOM}entry") == []


def test_no_git_binary(site: Site, repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "in-review")
    repo.commit("2027-01-02")
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    log = build_site(site)
    one_info(log, "git is not installed")
    assert timeline(site.html("proposals/alpha/index.html")) == []
    assert export(site)["alpha"]["history"] is None


def test_history_false_asks_git_nothing(site: Site, repo: Repo, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    site.config("history: false")
    put(site, "alpha.md", "in-review")
    repo.commit("2027-01-02")
    monkeypatch.setenv("PATH", str(tmp_path))  # no git: had it been asked, the build would say so
    log = build_site(site)
    assert "status history" not in log
    assert timeline(site.html("proposals/alpha/index.html")) == []
    assert export(site)["alpha"]["history"] is None
    assert not (site.root / "site" / "proposals" / "feed.xml").exists()
    assert "In status" not in site.html("proposals/index.html") and "feed.xml" not in site.html("proposals/index.html")


def test_check_stale_lists_each_stale_proposal_and_exits_1(site: Site, repo: Repo,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    site.config("statuses:\n  draft: {level: thin, stale_after: 2 weeks}\n  in-review: complete\n"
                "  approved: decided\n  launched: launched\n  rejected: {level: closed, open: false}")
    put(site, "alpha.md", "in-review", created="2027-01-01")
    put(site, "beta.md", "draft", i=1, created="2027-01-01")
    put(site, "gamma.md", "approved", i=2, created="2027-01-01")
    repo.commit("2027-01-10")
    monkeypatch.chdir(site.root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-02-20"))
    assert main(["check", "--stale"]) == 1
    out, err = capsys.readouterr()
    line = {p: n for p in ("alpha", "beta")
            for n, text in enumerate((site.docs / "proposals" / f"{p}.md").read_text().splitlines(), 1)
            if text.startswith("status:")}
    assert out.splitlines() == [
        f"docs/proposals/alpha.md:{line['alpha']}: status: in review for 50 days, over 30 (stale_after)",
        f"docs/proposals/beta.md:{line['beta']}: status: draft for 50 days, over 14 (stale_after)",
    ]
    assert "2 stale" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-01-12"))
    assert main(["check", "--stale"]) == 0
    assert main(["check"]) == 0, "without --stale, time is no problem"
    capsys.readouterr()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-02-20"))
    assert main(["check", "--stale", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert "over 30 (stale_after)" in json.dumps(found)


def test_reader_reads_git_once_per_head(site: Site, repo: Repo) -> None:
    from mkdocs_prfaq.contract.lifecycle import DEFAULT
    from mkdocs_prfaq.site import disk_files, load_site, site_validator

    put(site, "alpha.md", "draft")
    repo.commit("2027-01-02")
    reader = history.Reader()

    def update() -> Any:
        files = disk_files(str(site.docs), "proposals")
        catalog = load_site(files, str(site.docs), "proposals", site_validator(None))
        history.update(reader, catalog.proposals, str(site.docs), "proposals", DEFAULT)
        return catalog.proposals[0].history

    first = update()
    assert [s.status for s in first.steps] == ["draft"]
    assert update() is first, "an unchanged proposal keeps its history"
    assert reader.reads == 1, "an unchanged HEAD is not read again"
    put(site, "alpha.md", "in-review")
    assert [s.pending for s in update().steps] == [False, True] and reader.reads == 1
    repo.commit("2027-01-05")
    assert [(s.status, s.pending) for s in update().steps] == [("draft", False), ("in-review", False)]
    assert reader.reads == 2


def test_stale_after_settings() -> None:
    assert parse_days("6 weeks", "x") == 42 and parse_days(30, "x") == 30 and parse_days("1 day", "x") == 1
    assert parse_days(None, "x") is None
    for bad in ("soon", True, -3, "3 months", [1]):
        with pytest.raises(LifecycleError, match="is not a duration"):
            parse_days(bad, "x")
    statuses = {s.name: s for s in parse_statuses({"draft": "thin", "in-review": "complete", "review": "complete",
                                                   "done": {"level": "closed", "stale_after": "10 days"}})}
    assert statuses["in-review"].stale_after == 30, "the built-in in-review keeps its 30 days"
    assert statuses["draft"].stale_after is None and statuses["review"].stale_after is None
    assert statuses["done"].stale_after == 10


def test_the_stale_after_option_overrides_the_statuses(site: Site, repo: Repo,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    site.config("stale_after:\n  draft: 1 week\n  in-review: null")
    put(site, "alpha.md", "in-review")
    put(site, "beta.md", "draft", i=1)
    repo.commit("2027-01-02")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-03-01"))
    build_site(site)
    data = export(site)
    assert (data["alpha"]["history"]["stale_after"], data["alpha"]["history"]["stale"]) == (None, False)
    assert (data["beta"]["history"]["stale_after"], data["beta"]["history"]["stale"]) == (7, True)
    site.config("stale_after:\n  in-reveiw: 2 weeks")
    result = site.build()
    assert result.code != 0 and "stale_after: unknown status(es) in-reveiw" in result.text
    assert "did you mean 'in-review'?" in result.text and "Traceback" not in result.text


def test_a_bad_stale_after_is_a_configuration_error(site: Site) -> None:
    site.config("statuses:\n  draft: {level: thin, stale_after: a while}")
    put(site, "alpha.md", "draft")
    result = site.build()
    assert result.code != 0
    assert "status 'draft': stale_after: 'a while' is not a duration" in result.text
    assert "Traceback" not in result.text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: ("---\n" + t).encode("utf-8", "replace"))
       | st.text(max_size=60).map(lambda t: f"---\nstatus:{t}\n---\n".encode("utf-8", "surrogatepass")))
def test_status_in_any_committed_version_is_a_status_name_or_nothing(blob: bytes) -> None:
    found = history.status_in(blob)
    assert found == "" or re.match(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", found)


def test_status_in_reads_front_matter_only() -> None:
    assert history.status_in(b"---\ntitle: x\nstatus: in-review  # soon\n---\n") == "in-review"
    assert history.status_in(b"\xef\xbb\xbf---\nstatus: 'approved'\n---\n") == "approved"
    assert history.status_in(b"---\ntitle: x\n---\nstatus: draft\n") == "", "the body is not front matter"
    assert history.status_in(b"status: draft\n") == ""
    assert history.status_in(b"---\nstatus: <script>\n---\n") == ""
    assert history.status_in(b"---\n" + b"x: y\n" * 300_000 + b"status: draft\n---\n") == "", "bounded"
    assert history.status_in(b"---\nstatus:   draft   \r\n---\n") == "draft"
    assert history.status_in(b"---\nstatus:\n---\n") == "" and history.status_in(b"---\nstatus: '\n---\n") == ""


def test_status_in_is_linear_whatever_runs_of_spaces_a_version_holds() -> None:
    from ..contract.test_linear import hang_guard

    with hang_guard(60):
        for payload in (b"---\nstatus:" + b" " * 400_000 + b"x\n---\n", b"---\nstatus" + b" \t" * 400_000 + b"\n---\n",
                        b"---\n" + b"--- x\n" * 200_000 + b"---\n", b"---\n" + b"\n" * 1_000_000 + b"...\n"):
            assert history.status_in(payload) == ""


def test_hostile_authors_and_titles_in_the_feed(site: Site, repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "draft", title="]]></title><script>alert(1)</script>\x0b&amp;")
    repo.commit("2027-01-02", author='x" onmouseover="alert(1)')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-01-03"))
    build_site(site, strict=False)
    text = site.html("proposals/feed.xml")
    root = atom(text)
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == 'x" onmouseover="alert(1)'
    assert "<script>" not in text
    assert entry.find(f"{ATOM}link").get("href") == "alpha/"  # type: ignore[union-attr]
    page = site.html("proposals/alpha/index.html")
    assert 'onmouseover="' not in page and "x&#34; onmouseover=&#34;alert(1)" in page


def test_the_index_sorts_by_time_in_status_in_a_browser(site: Site, repo: Repo,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ..browser import chromium, serve

    for i, (name, day) in enumerate((("alpha", "2027-03-01"), ("beta", "2027-01-10"), ("gamma", "2027-02-01"))):
        put(site, f"{name}.md", "draft", i=i, title=name.title(), created="2027-01-01")
        repo.commit(day)
        put(site, f"{name}.md", "in-review", i=i, title=name.title(), created="2027-01-01")
        repo.commit(day)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-03-11"))
    build_site(site)
    with chromium() as browser, serve(site.root / "site") as url:
        page = browser.new_page()
        page.goto(url + "proposals/?sort=days")
        page.locator(".prfaq-filters").wait_for(state="visible")
        rows = page.locator(".prfaq-group--in-review tbody tr")
        shown = [(rows.nth(i).locator("a").inner_text(), rows.nth(i).locator("td").last.inner_text())
                 for i in range(rows.count())]
        assert shown == [("Beta", "60 days Stale"), ("Gamma", "38 days Stale"), ("Alpha", "10 days")]
        assert page.locator("select[name=sort]").input_value() == "days"
        page.close()


def test_the_feed_kept_between_saves_follows_titles_and_history(site: Site, repo: Repo) -> None:
    from mkdocs_prfaq.contract.labels import merge_labels
    from mkdocs_prfaq.contract.lifecycle import DEFAULT
    from mkdocs_prfaq.index import feed
    from mkdocs_prfaq.site import disk_files, load_site, site_validator

    reader, labels = history.Reader(), merge_labels(None)

    def made() -> str:
        catalog = load_site(disk_files(str(site.docs), "proposals"), str(site.docs), "proposals", site_validator(None))
        history.update(reader, catalog.proposals, str(site.docs), "proposals", DEFAULT)
        return feed.feed_xml(catalog.proposals, lambda p: f"proposals/{p.id}/", labels, site_name="S",
                             site_url=None, directory="proposals")

    put(site, "alpha.md", "draft", title="First")
    repo.commit("2027-01-02")
    before = made()
    assert made() is before, "kept while nothing it shows changed"
    put(site, "alpha.md", "draft", title="Second")
    assert "Second: Draft" in made()
    put(site, "alpha.md", "in-review", title="Second")
    repo.commit("2027-01-05")
    assert "Second: Draft \u2192 In review" in made()


def test_the_log_is_read_by_position_whatever_names_and_paths_hold() -> None:
    """A name or a path may hold \\x01, ':' or a newline: git's -z output is read field by field."""
    blob = "b" * 40
    raw = ("\x01c2\x00Eve \x01 :x\x002027-01-03T00:00:00+00:00\x00"
           f"\n:100644 100644 {'a' * 40} {blob} R100\x00d/p/\x01old.md\x00d/p/:new\n.md\x00"
           "\x01c1\x00Ann\x002027-01-02T00:00:00+00:00\x00"
           f"\n:000000 100644 {'0' * 40} {'c' * 40} A\x00d/p/\x01old.md\x00"
           f":000000 100644 {'0' * 40} {'d' * 40} A\x00d/p/gone.md\x00").encode()
    raw_deleted = (f"\x01c3\x00Bo\x002027-01-04T00:00:00+00:00\x00\n:100644 000000 {'d' * 40} {'0' * 40} D"
                   "\x00d/p/gone.md\x00").encode()
    found = history._walk(raw_deleted + raw, "d/p/", "proposals")
    assert found == {"proposals/:new\n.md": [("c2", "2027-01-03T00:00:00+00:00", "Eve \x01 :x", blob,
                                              "proposals/:new\n.md"),
                                             ("c1", "2027-01-02T00:00:00+00:00", "Ann", "c" * 40,
                                              "proposals/\x01old.md")]}
