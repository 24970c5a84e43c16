"""What `mkdocs-prfaq import` may copy into the site: raster images, and nothing else.

A file copied under the docs folder is published on the site's origin as it is. An HTML page, an
SVG image or a script there runs in every reader's browser with the site's cookies and storage:
one link in an original (``[the design](design.html)``) would be enough. So only PNG, JPEG, GIF,
WebP and AVIF images are copied, each known by its first bytes as well as its name, read from a
regular file inside the original's folder (symlinks resolved first: the file they lead to must be
inside that folder and not hidden), and at most :data:`MAX_IMAGE_BYTES` long.

SVG images are not copied: they can hold script, and no SVG sanitiser is among the plugin's
dependencies (nh3 sanitises HTML, not SVG).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
"""The names of the files import copies (with content to match, :func:`raster_kind`)."""

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""The largest image import copies (10 MiB)."""

RASTER_NAMES = "PNG, JPEG, GIF, WebP or AVIF"

_SVG = (".svg", ".svgz")
_AT = (sys.platform != "win32" and os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
       and hasattr(os, "O_DIRECTORY"))


def raster_kind(data: bytes) -> str | None:
    """The raster format ``data`` starts as (its magic bytes), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp":  # ISO media: AVIF names itself in its major or a compatible brand
        size = int.from_bytes(data[:4], "big")
        end = min(size if size >= 16 else 16, len(data), 1024)
        brands = {data[8:12], *(data[i:i + 4] for i in range(16, end - 3, 4))}
        if brands & {b"avif", b"avis"}:
            return "avif"
    return None


def name_problem(path: str) -> str | None:
    """Why a link's path (relative to the original's folder, ``/`` between parts) names no file
    import copies, judging by the name alone; None when it may be one."""
    if not path.isprintable():
        return "its name holds control or invisible characters"
    if any(part.startswith(".") for part in path.split("/")):
        return "in a hidden folder, which MkDocs leaves out"
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _SVG:
        return ("an SVG image, which can hold script; import copies none, having no SVG sanitiser "
                "(convert it to PNG)")
    if suffix not in RASTER_SUFFIXES:
        return (f"not a {RASTER_NAMES} image, the only files import copies (another file, such as HTML, "
                "SVG or script, could run script on the site)")
    return None


def read_image(source_dir: str, path: str) -> bytes | str:
    """The bytes of the image ``path`` (relative to ``source_dir``, ``/`` between parts), or why
    it is not one import copies: the name (:func:`name_problem`); then, every symlink resolved,
    the file it leads to must be inside ``source_dir``, in no hidden folder and not hidden
    itself, a regular file of at most :data:`MAX_IMAGE_BYTES`, and a raster image by content."""
    why = name_problem(path)
    if why is not None:
        return why
    try:
        root = os.path.realpath(source_dir)
        real = os.path.realpath(os.path.join(root, *path.split("/")))
        rel = os.path.relpath(real, root)
    except (OSError, ValueError) as e:
        return f"cannot be read ({getattr(e, 'strerror', None) or e})"
    parts = rel.split(os.sep)
    if rel == os.curdir or os.path.isabs(rel) or parts[0] == os.pardir:
        return "outside the original's folder (through a symlink)"
    if any(part.startswith(".") for part in parts):
        return "a hidden file or folder (through a symlink)"
    return _read_beneath(root, parts)


def _read_beneath(root: str, parts: Sequence[str]) -> bytes | str:
    """Open ``root/<parts>`` folder by folder without following a symlink (they were resolved:
    one appearing meanwhile makes this fail), and read it if it is a small raster image."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    cloexec = getattr(os, "O_CLOEXEC", 0)
    flags = os.O_RDONLY | nofollow | cloexec | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if _AT:
            fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | cloexec)
            try:
                for part in parts[:-1]:
                    inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow | cloexec, dir_fd=fd)
                    os.close(fd)
                    fd = inner
                file = os.open(parts[-1], flags, dir_fd=fd)
            finally:
                os.close(fd)
        else:  # pragma: no cover - Windows: no openat; the path was resolved just before
            file = os.open(os.path.join(root, *parts), flags)
    except FileNotFoundError:
        return "not found beside the original"
    except (OSError, ValueError) as e:
        return f"cannot be read ({getattr(e, 'strerror', None) or e})"
    try:
        info = os.fstat(file)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_IMAGE_BYTES:
            return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
        chunks, left = [], MAX_IMAGE_BYTES + 1
        while left > 0 and (chunk := os.read(file, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    finally:
        os.close(file)
    data = b"".join(chunks)
    if len(data) > MAX_IMAGE_BYTES:
        return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
    if raster_kind(data) is None:
        return f"not a {RASTER_NAMES} image by its content, whatever its name says"
    return data
