"""A backslash in a file's path under the proposals folder (``b\\c.md``, ``x\\y.png``, a folder
``d\\e/``) makes Zensical build no page of the site, without a word (zensical 0.0.73), and Windows
cannot check such a file out: ``mkdocs-prfaq check`` and the build name each such file, one line
each, what is wrong and what is expected, whatever the file is. MkDocs builds it (its link is
``b%5Cc/``), so the page is still laid out under ``on_invalid: warn``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.problems import shown_path

from ..conftest import Site
from ..engines.test_zensical import valid

WHY = ("file: the file name holds a backslash: Zensical then builds no page of the site, and Windows cannot check "
       "the file out (expected a name without '\\': rename the file or its folder)")


def line(path: str) -> str:
    return f"{shown_path(path)}:1: {WHY}"


def test_check_names_each_file_with_a_backslash_under_the_folder(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.page("b\\c.md", valid("bc", "draft", 1))
    site.page("d\\e/f.md", valid("f", "draft", 2))
    (site.docs / "proposals" / "x\\y.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.docs / "elsewhere\\z.md").write_text("# Z\n", encoding="utf-8")  # outside the folder: not check's
    result = site.check("check")
    assert result.code == 1, result.text
    named = [x for x in result.out.splitlines() if "backslash" in x]
    assert named == [line("docs/proposals/b\\c.md"), line("docs/proposals/d\\e/f.md"),
                     line("docs/proposals/x\\y.png")], result.out
    assert "docs/proposals/b\\\\c.md:1: file: the file name holds a backslash" in result.out  # escaped, as paths are


def test_the_build_agrees_and_still_lays_the_page_out_under_warn(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.page("b\\c.md", valid("bc", "draft", 1, title="Backslashed"))
    result = site.build()
    assert result.code == 1 and line("docs/proposals/b\\c.md") in result.text, result.text
    site.config("on_invalid: warn")
    result = site.build()
    assert result.code == 0 and "WARNING -  " + line("docs/proposals/b\\c.md") in result.text, result.text
    assert "Backslashed" in site.html("proposals/b\\c/index.html")


def test_names_without_a_backslash_are_not_named(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.page("2026/b-c.md", valid("bc", "draft", 1))
    (site.docs / "proposals" / "x_y.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = site.check("check")
    assert result.code == 0 and "backslash" not in result.text, result.text


NAME = st.text(st.sampled_from("abcxyz-_.0123456789\\ "), min_size=1, max_size=12).filter(
    lambda n: "\\" in n and n.strip(" .") == n and not n.startswith("-"))
SUFFIX = st.sampled_from([".md", ".png", ".txt", ""])


@pytest.mark.parametrize("folder", [False, True])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(name=NAME, suffix=SUFFIX)
def test_generated_names_with_a_backslash_are_each_named_once(tmp_path_factory: pytest.TempPathFactory, folder: bool,
                                                              name: str, suffix: str) -> None:
    site = Site(tmp_path_factory.mktemp("names") / "site")
    site.proposal("a.md", "draft")
    path = f"{name}/p.md" if folder else name + suffix
    target = site.docs / "proposals" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(valid("p", "draft", 1) if target.suffix == ".md" else "data", encoding="utf-8")
    result = site.check("check")
    named = [x for x in result.out.splitlines() if "backslash" in x]
    assert named == [line("docs/proposals/" + path)], (path, result.out)
