"""Review of symbolic links (c86ee57): a proposals folder that is a link to a shared folder outside
docs_dir is one MkDocs builds and ``check`` reads; Zensical builds none of its pages and said
nothing ("No issues found"). The extension names the folder in one warning line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..conftest import Site
from .test_zensical import pytestmark, valid, zensical, zensical_site

__all__ = ["pytestmark"]

LINKED = ("docs/proposals:1: folder: a symbolic link to a folder outside docs_dir: Zensical builds none of its "
          "pages, MkDocs builds them (expected the folder itself under docs_dir, or a link to a folder inside it)")


def test_a_proposals_folder_linked_from_outside_docs_is_named_under_zensical(tmp_path: Path) -> None:
    root = zensical_site(tmp_path / "z", {"proposals/a.md": valid("a", "draft", 0)})
    shutil.move(root / "docs" / "proposals", root / "shared")
    os.symlink("../shared", root / "docs" / "proposals")
    built = zensical(root)
    assert not (root / "site" / "proposals").exists()  # what Zensical does: if it builds them, drop the warning
    assert LINKED in built.text, built.text


def test_mkdocs_builds_the_linked_folder_and_zensical_warns_of_no_other_folder(tmp_path: Path) -> None:
    site = Site(tmp_path / "m")
    site.config("")
    site.proposal("a.md", "draft")
    shutil.move(site.docs / "proposals", site.root / "shared")
    os.symlink("../shared", site.docs / "proposals")
    built = site.build("--strict")
    assert built.code == 0 and "symbolic link" not in built.text, built.text
    assert (site.root / "site" / "proposals" / "a" / "index.html").exists()
    plain = zensical(zensical_site(tmp_path / "plain", {"proposals/a.md": valid("a", "draft", 0)}))
    assert "symbolic link" not in plain.text, plain.text


def test_a_file_zensical_would_copy_stops_its_build_even_with_on_invalid_warn(tmp_path: Path) -> None:
    """The MkDocs plugin leaves a linked-out file out of the site; Zensical copies it itself, so
    under Zensical such a file stops the build whatever ``on_invalid`` says (a CI job never
    publishes the workspace's ``.env``)."""
    root = zensical_site(tmp_path / "z", {"proposals/a.md": valid("a", "draft", 0)}, options='on_invalid = "warn"\n')
    (root / ".env").write_text("TOKEN=secret\n", encoding="utf-8")
    os.symlink("../../.env", root / "docs" / "proposals" / "env.png")
    built = zensical(root)
    assert built.code != 0, built.text
    assert "docs/proposals/env.png:1: file: a symbolic link to a file outside docs_dir" in built.text, built.text
    assert "the build stops even with on_invalid: warn" in built.text, built.text
    assert "Traceback" not in built.text
    # an ordinary problem still only warns under on_invalid: warn
    os.remove(root / "docs" / "proposals" / "env.png")
    (root / "docs" / "proposals" / "b.md").write_text(valid("b", "in-review", 1, subtitle=None), encoding="utf-8")
    warned = zensical(root)
    assert warned.code == 0 and "building anyway (on_invalid: warn)" in warned.text, warned.text
