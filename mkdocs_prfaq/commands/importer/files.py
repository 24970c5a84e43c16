"""What ``mkdocs-prfaq import`` does beside :func:`.document.convert`, which only turns text into text:
ask git about the original (its dates and first author, the user's name), check and copy the
files a page links beside it. Moved here as they were from ``commands/importer.py``."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable

from ..scaffold import GENERATED_FOLDERS, NewPageError, _create, check_folders
from .document import History

# -- what git knows ------------------------------------------------------------------------------

def git_history(path: str) -> History:
    """The original's :class:`History` from ``git log --follow``; empty outside a repository, for a
    file git does not track, or without git."""
    folder, name = os.path.split(os.path.abspath(path))
    try:
        out = subprocess.run(["git", "-C", folder, "log", "--follow", "--format=%as%x09%an", "--", name],
                             capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return History()
    lines = [line.split("\t", 1) for line in out.stdout.splitlines() if "\t" in line] if out.returncode == 0 else []
    if not lines:
        return History()
    return History(created=lines[-1][0], updated=lines[0][0], author=lines[-1][1].strip() or None)


def git_user() -> str:
    """``git config user.name``, or empty."""
    try:
        return subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, check=False,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return ""


# -- files beside the page -----------------------------------------------------------------------

def asset_check(source_dir: str, page_dir: str) -> Callable[[str, str], str | None]:
    """For :func:`convert`: None when ``path`` (relative to ``source_dir``) is a file inside that
    folder (symlinks resolved) that can go to ``dest`` under ``page_dir``: nothing there, or the
    same bytes already; else why not."""
    root = os.path.realpath(source_dir)

    def check(path: str, dest_path: str) -> str | None:
        parts = path.split("/")
        if any(p.startswith(".") for p in parts):
            return "in a hidden folder, which MkDocs leaves out"
        first = dest_path.split("/")[0]
        if "/" in dest_path and first in GENERATED_FOLDERS:
            return f"the plugin generates {first}/ beside its pages"
        real = os.path.realpath(os.path.join(root, *parts))
        if os.path.commonpath([root, real]) != root:
            return "outside the original's folder (through a symlink)"
        if not os.path.isfile(real):
            return "not found beside the original"
        dest = os.path.join(page_dir, *dest_path.split("/"))
        if os.path.lexists(dest) and not _same_file(real, dest):
            return f"{dest} exists with other content; not overwriting it"
        return None

    return check


def _same_file(a: str, b: str) -> bool:
    if os.path.islink(b) or not os.path.isfile(b):
        return False
    try:
        with open(a, "rb") as fa, open(b, "rb") as fb:
            return fa.read() == fb.read()
    except OSError:
        return False


def copy_asset(source_dir: str, docs_dir: str, parts: tuple[str, ...], path: str,
               dest: str | None = None) -> str | None:
    """Copy ``source_dir/path`` to ``docs_dir/<parts>/dest`` (``dest`` defaults to ``path``): never
    over another file, never through a symlink (the page's own rule, :func:`.scaffold.write_new`).
    None, or why not."""
    source = os.path.join(os.path.realpath(source_dir), *path.split("/"))
    pieces = tuple((dest or path).split("/"))
    try:
        with open(source, "rb") as f:
            data = f.read()
        check_folders(docs_dir, (*parts, *pieces[:-1]))
        fd = _create(docs_dir, (*parts, *pieces[:-1]), pieces[-1])
    except FileExistsError:
        dest = os.path.join(docs_dir, *parts, *pieces)
        return None if _same_file(source, dest) else f"{dest} exists; not overwriting it"
    except NewPageError as e:
        return str(e)
    except OSError as e:
        return f"{path}: {e.strerror or e}"
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return None
