"""The status history from git under Zensical (issue 22): the same repository built with
``zensical build`` and with ``mkdocs build`` shows the same timeline on each proposal's page and the
same time in status on the listings; git is asked once per build, not per page; without git, or in
a shallow clone, one line says why and the site still builds; hostile authors and commit messages
are escaped by the templates."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import proposal_data
from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract.labels import merge_labels
from mkdocs_prfaq.contract.lifecycle import DEFAULT
from mkdocs_prfaq.contract.limits import Limits, measure
from mkdocs_prfaq.contract.model import Proposal
from mkdocs_prfaq.index import history
from mkdocs_prfaq.layout.fields import collect
from mkdocs_prfaq.layout.render import build_view, make_environment, render_page

from ..conftest import Site
from ..hostile import unsafe
from ..index.test_history import ATOM, GIT, Repo, atom, build_site, epoch, index_row, put, scripted, timeline
from .test_zensical import ZENSICAL, article, zensical

pytestmark = [pytest.mark.skipif(GIT is None, reason="git is not installed"),
              pytest.mark.skipif(not ZENSICAL.exists(), reason="zensical is not installed (pip install -e '.[test]')")]

BOTH = """site_url: https://example.com/docs/
markdown_extensions:
  - toc:
      permalink: true
  - prfaq
"""
"""One mkdocs.yml for both engines: MkDocs runs the plugin, Zensical the extension."""
MARKERS = {
    "index.md": "# Proposals\n\n<!-- prfaq index -->\n",
    "roadmap.md": "# Roadmap\n\n<!-- prfaq roadmap -->\n",
    "status/in-review.md": "# In review\n\n<!-- prfaq status in-review -->\n",
}
"""The listing pages a Zensical site holds (MkDocs fills the same markers)."""
TODAY = epoch("2027-08-05")


def both_engines(site: Site, options: str = "") -> None:
    site.config(options, theme="material", extra=BOTH)
    for name, text in MARKERS.items():
        site.page(name, text)


def history_html(page: str) -> str:
    """The page's timeline as HTML, whitespace between tags left out."""
    m = re.search(r'<ol class="prfaq-history".*?</ol>', page, re.S)
    return re.sub(r">\s+<", "><", m.group(0)) if m else ""


def mkdocs_pages(site: Site, *srcs: str) -> tuple[str, dict[str, str]]:
    """An in-process ``mkdocs build``: its log and the pages asked for; the site folder is then
    removed (Zensical writes the same one)."""
    log = build_site(site)
    pages = {src: site.html(src) for src in srcs}
    shutil.rmtree(site.root / "site")
    return log, pages


def feed_entries(text: str) -> list[tuple[str | None, ...]]:
    root = atom(text)
    return [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"), e.findtext(f"{ATOM}id"),
             e.find(f"{ATOM}link").get("href"), e.findtext(f"{ATOM}author/{ATOM}name"))  # type: ignore[union-attr]
            for e in root.findall(f"{ATOM}entry")]


def history_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "status history" in line]


@pytest.fixture
def counted_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``git`` first on ``PATH`` is a script that notes its arguments, then runs the real git."""
    folder, calls = tmp_path / "counted-git", tmp_path / "git-calls.txt"
    folder.mkdir()
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{GIT}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    return calls


def test_the_timeline_and_the_time_in_status_are_those_mkdocs_shows(
        site: Site, counted_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(site.root)
    commits = scripted(site, repo)
    both_engines(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    pages = ("proposals/podgenie/index.html", "proposals/beta/index.html", "proposals/index.html",
             "proposals/status/in-review/index.html")
    _, mkdocs = mkdocs_pages(site, *pages, "proposals/proposals.json", "proposals/feed.xml")
    counted_git.unlink()

    result = zensical(site.root)
    assert result.code == 0, result.text
    assert "Traceback" not in result.text
    assert history_lines(result.text) == [], "git answered: nothing to say"
    podgenie = article(site.root, "proposals/podgenie/index.html")
    assert timeline(podgenie) == [
        "Draft February 20, 2027 (115 days)",  # created (front matter) before the first commit
        "In review June 15, 2027 (41 days)",
        "Approved July 26, 2027 (10 days) Decision July 26, 2027",
    ]
    assert f'title="{commits["review"][:12]} Cy &#34;Dev&#34; &amp; Co"' in podgenie, "the commit, the author escaped"
    for src in pages[:2]:  # the same HTML, step by step, as MkDocs writes
        assert history_html(article(site.root, src)) == history_html(mkdocs[src]) != "", src

    # the listings: the time in its status, stale past stale_after (in-review: 30 days), as under MkDocs
    for src, links in (("proposals/index.html", ("beta/", "podgenie/")),
                       ("proposals/status/in-review/index.html", ("../../beta/",))):
        listing = article(site.root, src)
        for href in links:
            cells = [re.findall(r"<td[^>]*data-days=.*?</td>", index_row(page, href)) for page in (listing, mkdocs[src])]
            assert cells[0] == cells[1] != [], (src, href, cells)
    assert "Stale" in index_row(article(site.root, "proposals/index.html"), "beta/")
    assert '<option value="days">In status</option>' in article(site.root, "proposals/index.html")

    # one git log for the whole build (six pages, two proposals): rev-parse, log, cat-file
    calls = counted_git.read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if " log " in f" {c} "] == [c for c in calls if " log -z " in c], calls
    assert len([c for c in calls if " log -z " in c]) == 1, calls
    assert len(calls) <= 3, calls

    # `mkdocs-prfaq export` after the build: the history in proposals.json and the feed, as MkDocs writes them
    monkeypatch.chdir(site.root)
    assert main(["export"]) == 0
    exported = {p["id"]: p["history"] for p in json.loads(site.html("proposals/proposals.json"))["proposals"]}
    assert exported == {p["id"]: p["history"] for p in json.loads(mkdocs["proposals/proposals.json"])["proposals"]}
    assert [c["commit"] for c in exported["podgenie"]["changes"]] == [commits[k] for k in ("draft", "review", "approved")]
    assert feed_entries(site.html("proposals/feed.xml")) == feed_entries(mkdocs["proposals/feed.xml"])
    assert len(feed_entries(mkdocs["proposals/feed.xml"])) == 5


def test_history_false_asks_git_nothing_under_zensical(site: Site, counted_git: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "in-review")
    Repo(site.root).commit("2027-01-02")
    both_engines(site, "history: false")
    result = zensical(site.root)
    assert result.code == 0, result.text
    assert not counted_git.exists(), counted_git.read_text(encoding="utf-8")
    assert history_html(article(site.root, "proposals/alpha/index.html")) == ""
    assert "data-days" not in article(site.root, "proposals/index.html")
    assert history_lines(result.text) == []
    monkeypatch.chdir(site.root)
    assert main(["export"]) == 0
    assert not counted_git.exists() and not (site.root / "site" / "proposals" / "feed.xml").exists()
    assert json.loads(site.html("proposals/proposals.json"))["proposals"][0]["history"] is None


def test_outside_git_one_line_says_why_and_the_site_builds(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "in-review")
    put(site, "beta.md", "draft", i=1)
    both_engines(site)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    result = zensical(site.root)
    assert result.code == 0, result.text
    assert "Traceback" not in result.text
    assert history_lines(result.text) == [
        "INFO    -  prfaq: status history: the docs are not in a git repository (commit them for each proposal's "
        "status history, or set history: false)"], result.text
    assert 'class="prfaq-statusline"' in article(site.root, "proposals/alpha/index.html")
    assert history_html(article(site.root, "proposals/alpha/index.html")) == ""
    assert "data-days" not in article(site.root, "proposals/index.html")
    monkeypatch.chdir(site.root)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["export"]) == 0
    assert history_lines(err.getvalue()) == [
        "note: status history: the docs are not in a git repository (commit them for each proposal's "
        "status history, or set history: false)"], err.getvalue()
    assert all(p["history"] is None for p in json.loads(site.html("proposals/proposals.json"))["proposals"])
    assert feed_entries(site.html("proposals/feed.xml")) == []


def test_without_git_one_line_says_why_and_the_site_builds(site: Site, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    put(site, "alpha.md", "in-review")
    Repo(site.root).commit("2027-01-02")
    both_engines(site)
    empty = tmp_path / "no-git"
    empty.mkdir()
    (empty / "python3").symlink_to(shutil.which("python3") or "/usr/bin/python3")  # zensical's own script needs none
    monkeypatch.setenv("PATH", str(empty))
    result = zensical(site.root)
    assert result.code == 0, result.text
    assert history_lines(result.text) == [
        "INFO    -  prfaq: status history: git is not installed (install git for each proposal's status history, "
        "or set history: false)"], result.text
    assert history_html(article(site.root, "proposals/alpha/index.html")) == ""


def test_a_shallow_clone_shows_what_it_holds_as_mkdocs_does(site: Site, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(site.root)
    scripted(site, repo)
    both_engines(site)
    repo.commit("2027-07-27", message="both engines")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{site.root}", str(clone))
    shallow = Site.__new__(Site)
    shallow.root, shallow.docs = clone, clone / "docs"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    log, mkdocs = mkdocs_pages(shallow, "proposals/podgenie/index.html")
    result = zensical(clone)
    assert result.code == 0, result.text
    lines = history_lines(result.text)
    assert len(lines) == 1 and lines[0].startswith("INFO    -  prfaq: status history: this is a shallow clone"), result.text
    assert lines[0].split("prfaq: ", 1)[1] in log, "the words MkDocs logs"
    page = article(clone, "proposals/podgenie/index.html")
    assert timeline(page) == ["Approved July 27, 2027 (at least 9 days) Decision July 26, 2027"]
    assert history_html(page) == history_html(mkdocs["proposals/podgenie/index.html"])
    assert "at least 9 days" in index_row(article(clone, "proposals/index.html"), "beta/")


HOSTILE_AUTHOR = """x" onmouseover="alert(1)' ><img src=x onerror=alert(1)> &amp; &#34;"""
"""What ``git log`` gives of an author name a hand-made commit holds: git itself cuts a name at
its first '<' (the start of the e-mail), so the ``<img`` above is cut; quotes, '>' and '&' stay."""
HOSTILE_MESSAGE = "</ol><script>alert(1)</script>\x01deadbeef\n\n\x01" + "0" * 40


def hand_made_commit(repo: Repo, author: str, message: str, when: int) -> str:
    """A commit object written as any pusher can write one (``hash-object --literally``: no
    check of the name), made HEAD."""
    tree = repo.git("write-tree")
    parent = repo.git("rev-parse", "HEAD")
    body = (f"tree {tree}\nparent {parent}\nauthor {author} <e@example.com> {when} +0000\n"
            f"committer {author} <e@example.com> {when} +0000\n\n{message}\n")
    done = subprocess.run([GIT or "git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                                        cwd=repo.root, input=body.encode(), capture_output=True, check=True)
    commit = done.stdout.decode().strip()
    repo.git("update-ref", "HEAD", commit)
    return commit


def test_a_hostile_author_and_message_are_escaped(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(site.root)
    put(site, "alpha.md", "draft", created="2027-01-01")
    both_engines(site)
    repo.commit("2027-01-02", "Ana")
    put(site, "alpha.md", "in-review", created="2027-01-01")
    repo.git("add", "-A")
    commit = hand_made_commit(repo, HOSTILE_AUTHOR, HOSTILE_MESSAGE, int(epoch("2027-02-01")))
    author = repo.git("log", "-1", "--format=%aN")
    assert author.startswith('x" onmouseover=') and "<" not in author
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-02-11"))
    _, mkdocs = mkdocs_pages(site, "proposals/alpha/index.html")
    result = zensical(site.root)
    assert result.code == 0, result.text
    page = article(site.root, "proposals/alpha/index.html")
    block = history_html(page)
    assert timeline(page) == ["Draft January 1, 2027 (31 days)", "In review February 1, 2027 (10 days)"]
    assert unsafe(block) == [], block
    titles = re.findall(r'title="([^"]*)"', block)
    assert [html.unescape(t) for t in titles][-1] == f"{commit[:12]} {author}", titles
    assert "onmouseover=" not in block.replace("onmouseover=&#34;", "")
    assert "<script" not in page and "deadbeef" not in page, "the message is never shown"
    assert block == history_html(mkdocs["proposals/alpha/index.html"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["draft", "in-review", "approved"]))
def test_any_author_shows_as_text_in_the_timeline(author: str, status: str) -> None:
    """The timeline both engines render (the same template): any name git could give is an
    attribute's text, never markup."""
    data = json.loads(json.dumps(proposal_data(1, status), default=str))
    p = Proposal("proposals/x.md", "x.md", data, {}, "")
    versions = [history.Version("a" * 40, "2027-01-02T10:00:00+00:00", author, "draft", "proposals/x.md"),
                history.Version("b" * 40, "2027-02-01T10:00:00+00:00", author, status, "proposals/x.md")]
    p.history = history.history_of(versions, p, DEFAULT, history.today({"SOURCE_DATE_EPOCH": TODAY}))
    view = build_view(p, labels=merge_labels(None), fields_html={k: f"<p>{v}</p>" for k, v in collect(p)},
                      body_html="", links={}, words=measure(p, Limits()))
    block = history_html(render_page(make_environment(), view))
    assert unsafe(block) == [], (author, block)
    titles = [html.unescape(t) for t in re.findall(r'title="([^"]*)"', block)]
    commits = "a" if status == "draft" else "ab"  # a draft committed twice is one step
    assert titles == [f"{c * 12}{' ' + author if author else ''}" for c in commits], titles


def test_export_of_a_zensical_toml_site_links_the_feed_to_its_site_url(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site Zensical builds from ``zensical.toml``: ``site_name`` and ``site_url`` come from its
    ``[project]`` table, as MkDocs takes them from ``mkdocs.yml``."""
    site = Site(tmp_path / "toml")
    (site.root / "mkdocs.yml").unlink()
    (site.root / "zensical.toml").write_text(
        '[project]\nsite_name = "Our <proposals>"\nsite_url = "https://example.com/z/"\n\n'
        "[project.markdown_extensions.prfaq]\n\n[project.plugins.prfaq]\n", encoding="utf-8")
    repo = Repo(site.root)
    put(site, "alpha.md", "draft", created="2027-01-01")
    commit = repo.commit("2027-01-02", "Ana")
    monkeypatch.chdir(site.root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2027-01-05"))
    assert main(["export"]) == 0
    text = (site.root / "site" / "proposals" / "feed.xml").read_text(encoding="utf-8")
    assert atom(text).findtext(f"{ATOM}title", "").startswith("Our <proposals>")
    [(_, updated, _, link, author)] = feed_entries(text)
    assert (updated, link, author) == ("2027-01-02T10:00:00+00:00", "https://example.com/z/proposals/alpha/", "Ana")
    data = json.loads((site.root / "site" / "proposals" / "proposals.json").read_text(encoding="utf-8"))
    assert data["proposals"][0]["history"]["changes"][0]["commit"] == commit
