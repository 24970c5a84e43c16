"""Writing inside a site, for `new`, `init` and `import`: only inside the site's folder, never
over a file, never through a symlink (even one that appears meanwhile: every folder is opened
from the site's folder with ``O_NOFOLLOW`` and the file with ``O_EXCL``), and one clear line,
:class:`NewPageError`, for whatever is in the way."""

from __future__ import annotations

import errno
import os
import stat
import sys


class NewPageError(Exception):
    """Why `new` (or `init`, `import`) will not write a file: one line, in the user's words."""


def shown(path: str) -> str:
    """``path`` as printed: relative to the current folder when inside it, with ``/``."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def site_folder(root: str, docs_dir: str, parts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The folder ``docs_dir/<parts>`` as path parts under ``root``, the site's folder (where its
    mkdocs.yml is), for `new`, `init` and `import`, which write only inside the site: one clear
    line when docs_dir is outside it (``docs_dir: ../x``, an absolute path elsewhere), and when a
    folder on the way from ``root`` (docs_dir itself, or one above or below it) is a symlink or a
    file (:func:`check_folders`). Pass the parts to :func:`write_new`, :func:`create` and
    :func:`check_place` with ``root``: they walk from there without following a symlink."""
    base = os.path.abspath(root)
    try:
        rel = os.path.relpath(os.path.abspath(docs_dir), base)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = os.pardir
    docs = () if rel == os.curdir else tuple(rel.split(os.sep))
    if os.path.isabs(rel) or docs[:1] == (os.pardir,):
        raise NewPageError(f"docs_dir {shown(docs_dir)} is outside the site's folder {shown(base)}; not writing "
                           "there (make docs_dir a folder inside it, e.g. docs)")
    check_folders(base, (*docs, *parts), fixed=len(docs))
    return (*docs, *parts)


def check_folders(docs_dir: str, parts: tuple[str, ...], *, fixed: int = 0) -> None:
    """One clear line for a symlink or a file where one of the page's folders goes (the first
    ``fixed`` parts are the site's own, docs_dir and those above it: no --dir avoids them)."""
    for i in range(1, len(parts) + 1):
        path = os.path.join(docs_dir, *parts[:i])
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return
        except (OSError, ValueError) as e:
            raise NewPageError(f"{shown(path)}: {getattr(e, 'strerror', None) or e}; not writing there") from None
        if stat.S_ISLNK(mode):
            fix = "make it a real folder" + ("" if i <= fixed else ", or choose another --dir")
            raise NewPageError(f"{shown(path)} is a symlink; not writing through it ({fix})")
        if not stat.S_ISDIR(mode):
            fix = "" if i <= fixed else " (choose another --dir)"
            raise NewPageError(f"{shown(path)} is not a folder; not writing there{fix}")


def check_place(docs_dir: str, parts: tuple[str, ...], name: str) -> None:
    """One clear line for a symlink where the page or one of its folders goes, or a file where a folder goes."""
    check_folders(docs_dir, parts)
    path = os.path.join(docs_dir, *parts, name)
    if os.path.islink(path):
        raise NewPageError(f"{shown(path)} is a symlink; not writing to it or where it points "
                           "(choose another name with --id)")


def refuse_existing(docs_dir: str, parts: tuple[str, ...], name: str) -> None:
    """:func:`check_place`, and one clear line for a file where the page goes."""
    check_place(docs_dir, parts, name)
    path = os.path.join(docs_dir, *parts, name)
    if os.path.lexists(path):
        raise NewPageError(f"{shown(path)} exists; not overwriting it (choose another name with --id)")


_AT = (sys.platform != "win32" and os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd
       and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY"))


def open_new(docs_dir: str, parts: tuple[str, ...], name: str) -> int:
    """A new file's descriptor (for writing), opened folder by folder from docs_dir without following a symlink,
    and with O_EXCL: a symlink or file that appears meanwhile makes it fail, never overwritten."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not _AT:  # pragma: no cover - Windows: no openat; the checks above and O_EXCL remain
        path = os.path.join(docs_dir, *parts)
        os.makedirs(path, exist_ok=True)
        refuse_existing(docs_dir, parts, name)
        return os.open(os.path.join(path, name), flags, 0o666)
    fd = os.open(docs_dir, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for part in parts:
            try:
                os.mkdir(part, 0o777, dir_fd=fd)
            except FileExistsError:
                pass
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow | getattr(os, "O_CLOEXEC", 0), dir_fd=fd)
            os.close(fd)
            fd = inner
        return os.open(name, flags, 0o666, dir_fd=fd)
    finally:
        os.close(fd)


def write_new(docs_dir: str, parts: tuple[str, ...], name: str, text: str) -> str:
    """Write ``text`` to the new file ``docs_dir/<parts>/name`` and return the path to show.

    Never overwrites, never writes through a symlink below docs_dir, even if one appears meanwhile."""
    refuse_existing(docs_dir, parts, name)
    path = os.path.join(docs_dir, *parts, name)
    try:
        fd = open_new(docs_dir, parts, name)
    except FileExistsError:
        raise NewPageError(f"{shown(path)} exists; not overwriting it (choose another name with --id)") from None
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NewPageError(f"a folder on the way to {shown(path)} is a symlink or not a folder; "
                               "not writing there") from None
        raise NewPageError(f"{shown(path)}: {e.strerror or e}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return shown(path)


def create(base: str, parts: tuple[str, ...], name: str, text: str) -> bool:
    """Write ``text`` to the new file ``base/<parts>/name``, making its folders; ``False``, writing
    nothing, when something is already there. Like :func:`write_new`, never through a symlink
    below ``base`` and never over a file, even one that appears meanwhile."""
    check_folders(base, parts)
    path = os.path.join(base, *parts, name)
    if os.path.lexists(path):
        return False
    try:
        fd = open_new(base, parts, name)
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NewPageError(f"a folder on the way to {shown(path)} is a symlink or not a folder; "
                               "not writing there") from None
        raise NewPageError(f"{shown(path)}: {e.strerror or e}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return True
