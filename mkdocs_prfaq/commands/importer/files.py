"""What ``mkdocs-prfaq import`` does beside :func:`.document.convert`, which only turns text into text:
ask git about the original (its dates and first author, the user's name), check and copy the
files a page links beside it (the page itself is written with :mod:`mkdocs_prfaq.commands.writes`,
whose :func:`~mkdocs_prfaq.commands.writes.open_new` creates each copy too)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from typing import Any

from ...contract.model import MARKDOWN_EXTENSIONS
from ..images import name_problem, read_image
from ..scaffold import GENERATED_FOLDERS
from ..writes import NewPageError, check_folders, open_new
from .document import Asset, History, Published

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

def asset_check(source_dir: str, page_dir: str,
                published: Callable[[str], str | None] | None = None) -> Asset:
    """For :func:`convert`: None when ``path`` (relative to ``source_dir``) is an image import
    copies (:func:`.images.read_image`: a raster image inside that folder, symlinks resolved)
    that can go to ``dest`` under ``page_dir``: nothing there, or the same bytes already; else why
    not, or, for a file that is not copied, :class:`Published` where ``published(real path)``
    says the site has it already (a path relative to ``page_dir``)."""

    def check(path: str, dest_path: str) -> str | Published | None:
        why = name_problem(path)
        if why is None:
            first = dest_path.split("/")[0]
            if "/" in dest_path and first in GENERATED_FOLDERS:
                return f"the plugin generates {first}/ beside its pages"
            data = read_image(source_dir, path)
            if not isinstance(data, str):
                dest = os.path.join(page_dir, *dest_path.split("/"))
                if os.path.lexists(dest) and not _same_bytes(data, dest):
                    return f"{dest} exists with other content; not overwriting it"
                return None
            why = data
        if published is not None and path.isprintable():
            try:
                where = published(os.path.realpath(os.path.join(os.path.realpath(source_dir), *path.split("/"))))
            except (OSError, ValueError):
                where = None
            if where is not None:
                return Published(where, why)
        return why

    return check


def site_files(docs_dir: str, page_dir: str, exclude_docs: Any = None,
               left_out: Callable[[str], bool] | None = None) -> Callable[[str], str | None]:
    """For :func:`asset_check`: where a page in ``page_dir`` links a file at ``real`` (symlinks
    resolved) that the site publishes already: a regular file inside ``docs_dir`` (resolved too),
    not hidden, not a page, not excluded by ``exclude_docs`` (a pathspec) nor ``left_out(src_uri)``.
    None for any other file."""
    docs = os.path.realpath(docs_dir)

    def where(real: str) -> str | None:
        rel = os.path.relpath(real, docs)
        uri = rel.replace(os.sep, "/")
        if (os.path.isabs(rel) or uri == "." or uri.split("/")[0] == ".." or not os.path.isfile(real)
                or any(part.startswith(".") for part in uri.split("/")) or uri.lower().endswith(MARKDOWN_EXTENSIONS)
                or (exclude_docs is not None and exclude_docs.match_file(uri)) or (left_out and left_out(uri))):
            return None
        return os.path.relpath(real, os.path.realpath(page_dir)).replace(os.sep, "/")

    return where


def _same_bytes(data: bytes, path: str) -> bool:
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(len(data) + 1) == data
    except OSError:
        return False


def copy_asset(source_dir: str, root: str, parts: tuple[str, ...], path: str, dest: str | None = None) -> str | None:
    """Copy the image ``source_dir/path``, checked again as :func:`asset_check` does, to
    ``root/<parts>/dest`` (``dest`` defaults to ``path``; ``parts`` lead from the site's folder
    ``root`` to the page's): never over another file, never through a symlink (the page's own
    rule, :func:`.writes.write_new`). None, or why not."""
    data = read_image(source_dir, path)
    if isinstance(data, str):
        return data
    pieces = tuple((dest or path).split("/"))
    try:
        check_folders(root, (*parts, *pieces[:-1]))
        fd = open_new(root, (*parts, *pieces[:-1]), pieces[-1])
    except FileExistsError:
        target = os.path.join(root, *parts, *pieces)
        return None if _same_bytes(data, target) else f"{target} exists; not overwriting it"
    except NewPageError as e:
        return str(e)
    except (OSError, ValueError) as e:
        return f"{getattr(e, 'strerror', None) or e}"
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return None
