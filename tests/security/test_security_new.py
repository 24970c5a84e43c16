"""`mkdocs-prfaq new` (issue #10): writes only a new file inside the plugin's folder, never through a
symlink, with an id that is a slug and not a generated page's name, and front matter whose strings
read back exactly as given, so the new draft passes `check`."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract import frontmatter

from ..conftest import BIN, Result, Site

ERROR = "mkdocs-prfaq: error: "
ID_RULE = "an id is lowercase letters and digits, with single '-' or '_' between them (e.g. podgenie-transcripts)"
GENERATED = "the plugin generates a page of that name (index, proposals, roadmap, status are taken); choose another id"
OUTSIDE = ("not inside proposals/, the plugin's folder, so its pages would never be checked; "
           "use --dir proposals or a folder inside it")


def tree(root: Path) -> dict[str, bytes | str]:
    """Every file and symlink under ``root`` (symlinks not followed), with its content or target."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            if path.is_symlink():
                found[str(path.relative_to(root))] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path.relative_to(root))] = path.read_bytes()
    return found


def refused(site: Site, args: list[str], message: str) -> None:
    """``new`` with ``args`` exits 2 with exactly ``message`` on one line, and writes nothing anywhere."""
    before = tree(site.root.parent)
    result = site.check("new", *args)
    assert result.code == 2, result.text
    assert result.err.splitlines() == [ERROR + message], result.err
    assert result.out == ""
    assert tree(site.root.parent) == before


def front(path: Path) -> dict[str, object]:
    parsed = frontmatter.parse(path.read_text(encoding="utf-8"))
    assert parsed.errors == [] and parsed.data is not None
    return parsed.data


def no_problems(site: Site, n: int) -> None:
    result = site.check("check")
    assert result.code == 0, result.text
    assert result.err.strip() == f"{n} PR/FAQ{'' if n == 1 else 's'} checked, no problems"


@pytest.mark.parametrize("id_", ["../../x", "../x", "/tmp/x", "a/b", "a: b", "x #y", "Yes", "UPPER", "a--b", "-a",
                                 "a-", "a b", "a.md", "", "é", "a\nb"])
def test_an_id_that_is_not_a_slug_is_refused(site: Site, id_: str) -> None:
    refused(site, ["Title", "--owner", "Ana", f"--id={id_}"], f"--id {id_!r}: {ID_RULE}")


def test_an_id_too_long_for_a_file_name_is_refused(site: Site) -> None:
    refused(site, ["Title", "--owner", "Ana", "--id", "a" * 101],
            "--id aaaaaaaaaaaaaaaaaaaa...: an id is at most 100 characters, this one has 101")


@pytest.mark.parametrize("id_", ["index", "roadmap", "status", "proposals"])
def test_an_id_that_a_generated_page_would_replace_is_refused(site: Site, id_: str) -> None:
    refused(site, ["Title", "--owner", "Ana", "--id", id_], f"--id {id_!r}: {GENERATED}")


def test_a_title_whose_slug_is_a_generated_name_gets_a_suffix(site: Site) -> None:
    for title in ("Roadmap", "Index!", "STATUS", "Proposals"):
        result = site.check("new", title, "--owner", "Ana")
        assert result.code == 0, result.text
        id_ = title.strip("!").lower() + "-proposal"
        assert result.out == f"docs/proposals/{id_}.md\n"
        assert front(site.docs / "proposals" / f"{id_}.md")["id"] == id_
    assert sorted(p.name for p in (site.docs / "proposals").iterdir()) == [
        "index-proposal.md", "proposals-proposal.md", "roadmap-proposal.md", "status-proposal.md"]
    no_problems(site, 4)


def test_a_title_without_letters_gets_a_fallback_id_and_an_empty_title_is_refused(site: Site) -> None:
    result = site.check("new", "!!! ???", "--owner", "Ana")
    assert result.code == 0 and result.out == "docs/proposals/proposal.md\n", result.text
    refused(site, ["", "--owner", "Ana"], "the title is empty; a PR/FAQ needs its headline")
    refused(site, ["  \t", "--owner", "Ana"], "the title is empty; a PR/FAQ needs its headline")


def test_ids_that_yaml_would_type_are_written_as_strings(site: Site) -> None:
    ids = ["yes", "no", "off", "on", "y", "null", "2027", "2027-01-01", "1e3", "0x1f", "0o17", "1_000", "12_30"]
    for id_ in ids:
        result = site.check("new", f"Proposal {id_}", "--owner", "Ana", "--id", id_)
        assert result.code == 0, result.text
        path = site.docs / "proposals" / f"{id_}.md"
        assert front(path)["id"] == id_
    no_problems(site, len(ids))


NASTY = ["Yes", "Off", "2027", "a: b", "x #y", "x#y #z", "*star", "&anchor", "!tag", "%percent", "@at", "`tick",
         "- dash", "? q", "[a, b]", "{a: b}", "'single'", '"double"', "| pipe", "> fold", "---", "...",
         "a\n---\nb", "line\nbreak", "crlf\r\nx", "tab\tx", "nel\x85x", "ls\u2028x", "ps\u2029x", "\ufeffbom",
         "del\x7f", "bell\x07", "emoji \U0001F600", "  leading", "trailing  ", "back\\slash", "~", "null",
         "é ü ß 中文", "\u200b zero width"]


def test_every_nasty_title_and_owner_reads_back_exactly(site: Site) -> None:
    for i, text in enumerate(NASTY):
        result = site.check("new", f"--owner={text}", f"--id=p{i}", "--", text)
        assert result.code == 0, result.text
        data = front(site.docs / "proposals" / f"p{i}.md")
        assert (data["title"], data["owner"], data["id"]) == (text, text, f"p{i}")
    no_problems(site, len(NASTY))


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)
IDS = st.one_of(
    st.sampled_from(["yes", "off", "2027", "2027-01-01", "1e3", "null", "0x1f", "1_000", "true"]),
    st.from_regex(r"[a-z0-9]{1,8}(?:[-_][a-z0-9]{1,8}){0,3}", fullmatch=True),
).filter(lambda s: s not in ("index", "roadmap", "status", "proposals"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT.filter(lambda s: s.strip() != ""), owner=TEXT, id_=IDS)
def test_generated_title_owner_and_id_read_back_exactly_and_pass_check(title: str, owner: str, id_: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(Path(tmp) / "site-src")
        result = site.check("new", f"--owner={owner}", f"--id={id_}", "--", title)
        assert result.code == 0, result.text
        assert result.out == f"docs/proposals/{id_}.md\n"
        data = front(site.docs / "proposals" / f"{id_}.md")
        assert (data["title"], data["owner"], data["id"], data["status"]) == (title, owner, id_, "draft")
        no_problems(site, 1)


@pytest.mark.process
def test_an_argument_that_is_not_utf8_is_refused(site: Site) -> None:
    before = tree(site.root.parent)
    proc = subprocess.run([str(BIN / "mkdocs-prfaq").encode(), b"new", b"T\xff", b"--owner", b"Ana"],
                          cwd=site.root, capture_output=True, check=False, timeout=600)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [ERROR + "the title 'T\\udcff': not valid UTF-8 text"]
    assert tree(site.root.parent) == before


@pytest.mark.parametrize("folder", ["../..", "..", "ideas", "/tmp", "proposals/../..", "proposals/../ideas",
                                    "docs/proposals", "proposals-x", "proposals\\x"])
def test_a_folder_outside_the_plugins_folder_is_refused(site: Site, folder: str) -> None:
    refused(site, ["Title", "--owner", "Ana", "--dir", folder], f"--dir {folder!r}: {OUTSIDE}")


@pytest.mark.parametrize(("folder", "message"), [
    ("proposals/status", "the plugin generates proposals/status; choose another folder"),
    ("proposals/status/x", "the plugin generates proposals/status; choose another folder"),
    ("proposals/proposals.json", "the plugin generates proposals/proposals.json; choose another folder"),
    ("proposals/.drafts", "MkDocs skips folders whose name starts with '.', so its pages would never be checked; "
                          "choose another folder"),
    ("proposals/a\nb", "a folder name may not hold control characters or line breaks"),
])
def test_a_folder_inside_that_would_clash_or_be_skipped_is_refused(site: Site, folder: str, message: str) -> None:
    refused(site, ["Title", "--owner", "Ana", "--dir", folder], f"--dir {folder!r}: {message}")


def test_a_folder_excluded_by_exclude_docs_is_refused(site: Site) -> None:
    site.config(extra="exclude_docs: |\n  proposals/private/\n")
    refused(site, ["Title", "--owner", "Ana", "--dir", "proposals/private"],
            "proposals/private/title.md: mkdocs.yml's exclude_docs excludes it, so it would never be checked; "
            "choose another --dir or --id")


def test_a_subfolder_of_the_plugins_folder_is_used_and_checked(site: Site) -> None:
    for i, folder in enumerate(("proposals", "proposals/", "./proposals/ideas", "proposals/ideas/2027")):
        result = site.check("new", f"In {i} {folder}", "--owner", "Ana", "--dir", folder)
        assert result.code == 0, result.text
    assert result.out == "docs/proposals/ideas/2027/in-3-proposals-ideas-2027.md\n"
    no_problems(site, 4)


def test_another_plugin_dir_is_the_boundary(site: Site) -> None:
    site.config("dir: work/prfaq")
    refused(site, ["Title", "--owner", "Ana", "--dir", "proposals"],
            "--dir 'proposals': not inside work/prfaq/, the plugin's folder, so its pages would never be checked; "
            "use --dir work/prfaq or a folder inside it")
    result = site.check("new", "Title", "--owner", "Ana")
    assert result.code == 0 and result.out == "docs/work/prfaq/title.md\n", result.text


def test_a_symlink_at_the_target_is_refused_dangling_or_not(site: Site, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep me\n", encoding="utf-8")
    link = site.docs / "proposals" / "title.md"
    link.symlink_to(tmp_path / "missing.md")
    message = ("docs/proposals/title.md is a symlink; not writing to it or where it points "
               "(choose another name with --id)")
    refused(site, ["Title", "--owner", "Ana"], message)
    assert not (tmp_path / "missing.md").exists()
    link.unlink()
    link.symlink_to(outside)
    refused(site, ["Title", "--owner", "Ana"], message)
    assert outside.read_text(encoding="utf-8") == "keep me\n"


def test_an_existing_file_is_never_overwritten(site: Site) -> None:
    path = site.docs / "proposals" / "title.md"
    text = "---\ntitle: T\nstatus: draft\nowner: O\ncreated: 2026-01-01\nid: renamed\n---\n"
    path.write_text(text, encoding="utf-8")  # its id is not 'title': only the file name is taken
    refused(site, ["Title", "--owner", "Ana"],
            "docs/proposals/title.md exists; not overwriting it (choose another name with --id)")


def test_a_symlinked_folder_is_refused(site: Site, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site.docs / "proposals" / "ideas").symlink_to(outside, target_is_directory=True)
    refused(site, ["Title", "--owner", "Ana", "--dir", "proposals/ideas"],
            "docs/proposals/ideas is a symlink; not writing through it (make it a real folder, or choose another --dir)")
    refused(site, ["Title", "--owner", "Ana", "--dir", "proposals/ideas/deeper"],
            "docs/proposals/ideas is a symlink; not writing through it (make it a real folder, or choose another --dir)")
    assert list(outside.iterdir()) == []


def test_a_symlinked_plugin_folder_is_refused(site: Site, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site.docs / "proposals").rmdir()
    (site.docs / "proposals").symlink_to(outside, target_is_directory=True)
    refused(site, ["Title", "--owner", "Ana"],
            "docs/proposals is a symlink; not writing through it (make it a real folder, or choose another --dir)")
    assert list(outside.iterdir()) == []


def test_a_file_where_a_folder_goes_is_refused(site: Site) -> None:
    (site.docs / "proposals" / "ideas").write_text("a file\n", encoding="utf-8")
    refused(site, ["Title", "--owner", "Ana", "--dir", "proposals/ideas"],
            "docs/proposals/ideas is not a folder; not writing there (choose another --dir)")


def new_without_git_user(site: Site, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as env:  # read by the git the command runs
        for name, value in {"HOME": str(site.root), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                            "GIT_CONFIG_COUNT": "0"}.items():
            env.setenv(name, value)
        env.delenv("XDG_CONFIG_HOME", raising=False)
        return site.check("new", *args)


@pytest.mark.parametrize("owner", [[], ["--owner", ""]])
def test_an_empty_owner_gets_a_warning(site: Site, owner: list[str]) -> None:
    result = new_without_git_user(site, "Nobody owns me", *owner)
    assert result.code == 0, result.text
    assert result.out == "docs/proposals/nobody-owns-me.md\n"
    assert result.err.splitlines() == [
        "warning: docs/proposals/nobody-owns-me.md has no owner (use --owner NAME, or set git config user.name); "
        "`mkdocs-prfaq check` reports it until owner is filled in"]
    assert front(site.docs / "proposals" / "nobody-owns-me.md")["owner"] == ""
    failing = site.check("check")
    assert failing.code == 1 and len(failing.out.splitlines()) == 1
    assert failing.out.startswith("docs/proposals/nobody-owns-me.md:4: owner: ")
