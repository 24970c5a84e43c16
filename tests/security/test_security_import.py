"""`mkdocs-prfaq import` brings only raster images into the site, and prints every note escaped.

A file copied under ``docs/`` is published on the site's origin: an HTML page or an SVG there runs
script in every reader's browser. Import copies PNG, JPEG, GIF, WebP and AVIF images (by name and
by content), from regular files inside the original's folder, symlinks resolved first; every
other link stays text with a note, and every note and error is one line with control characters
escaped. `check` and the build report an active file (HTML, SVG, script) under the proposals folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.commands.images import MAX_IMAGE_BYTES, raster_kind

from ..conftest import Result, Site

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17
RASTERS = {  # the first bytes of each raster format import copies
    "a.png": PNG,
    "b.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "c.jpeg": b"\xff\xd8\xff\xdb\x00\x43",
    "d.gif": b"GIF89a\x01\x00\x01\x00",
    "e.webp": b"RIFF\x1a\x00\x00\x00WEBPVP8 ",
    "f.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf",
    "g.avif": b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif",  # AVIF as a compatible brand
}
SCRIPT_HTML = b"<!doctype html><script>alert(document.domain)</script>"
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>'
SKATES = "# Rocket Skates\n\n## Press release\n\nToday we launch rocket skates.\n\n"


@contextlib.contextmanager
def inside(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def prfaq(root: Path, *argv: str) -> Result:
    """The CLI, in-process, in ``root``: exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with inside(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Result(code, out.getvalue(), err.getvalue())


def raw_controls(text: str) -> list[str]:
    """The characters of ``text`` that would reach the terminal as control or format characters."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def original(folder: Path, body: str, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    source = folder / "prfaq.md"
    source.write_text(SKATES + body, encoding="utf-8")
    return source


# -- only raster images are copied -----------------------------------------------------------------

def test_linked_html_svg_and_script_are_not_copied_and_stay_text_with_a_note(site: Site, tmp_path: Path) -> None:
    source = original(tmp_path / "orig", "See [the design](design.html), [the tool](tool.js), [v2](v2.htm), "
                      "[x](page.xhtml) and [the spec](spec.pdf).\n\n![Flow](flow.svg)\n\n![Zipped](z.svgz)\n\n"
                      "![Arch](arch.png)\n", {
                          "design.html": SCRIPT_HTML, "tool.js": b"alert(1)", "v2.htm": SCRIPT_HTML,
                          "page.xhtml": SCRIPT_HTML, "spec.pdf": b"%PDF-1.4", "flow.svg": SCRIPT_SVG,
                          "z.svgz": b"\x1f\x8b", "arch.png": PNG})
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    assert files_under(site.docs / "proposals") == {"rocket-skates.md": files_under(site.docs / "proposals")[
        "rocket-skates.md"], "rocket-skates/arch.png": PNG}
    page = (site.docs / "proposals" / "rocket-skates.md").read_text(encoding="utf-8")
    assert "![Arch](rocket-skates/arch.png)" in page
    assert "the design (`design.html`)" in page and "the tool (`tool.js`)" in page
    assert "*(image not imported: Flow, `flow.svg`)*" in page
    err = result.err.splitlines()
    assert any("link: design.html: not a PNG, JPEG, GIF, WebP or AVIF image" in line for line in err), result.err
    assert any("image: flow.svg: an SVG image, which can hold script" in line for line in err), result.err
    assert any("link: spec.pdf: not a PNG" in line for line in err), result.err


@pytest.mark.parametrize("name", sorted(RASTERS))
def test_each_raster_format_is_copied(site: Site, tmp_path: Path, name: str) -> None:
    assert raster_kind(RASTERS[name]) is not None
    source = original(tmp_path / "orig", f"![Image](img/{name})\n", {f"img/{name}": RASTERS[name]})
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    assert (site.docs / "proposals" / "rocket-skates" / "img" / name).read_bytes() == RASTERS[name]


@pytest.mark.parametrize(("name", "data"), [
    ("evil.png", SCRIPT_HTML),  # an image by name only
    ("evil.gif", SCRIPT_SVG),
    ("evil.jpg", b""),
    ("polyglot.html", PNG + SCRIPT_HTML),  # an image by content, served as HTML by its name
    ("polyglot.svg", b"GIF89a" + SCRIPT_SVG),
    ("noext", PNG),
])
def test_a_file_is_copied_only_when_its_name_and_its_content_say_raster_image(
        site: Site, tmp_path: Path, name: str, data: bytes) -> None:
    source = original(tmp_path / "orig", f"![Image]({name})\n\n[Link]({name})\n", {name: data})
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    assert list(files_under(site.docs / "proposals")) == ["rocket-skates.md"]
    page = (site.docs / "proposals" / "rocket-skates.md").read_text(encoding="utf-8")
    assert f"*(image not imported: Image, `{name}`)*" in page and f"Link (`{name}`)" in page
    assert f"image: {name}: not a" in result.err or f"image: {name}: an SVG" in result.err, result.err


def test_a_file_the_site_publishes_already_is_linked_where_it_is(site: Site, tmp_path: Path) -> None:
    """An original inside the docs folder: the files beside it are the site's own already, so a
    link to one it does not copy points there (with a note); an image it copies is copied."""
    site.config(extra="exclude_docs: |\n  private.pdf\n")
    source = original(site.docs / "rfcs", "See [the design](design.html) and [the spec](spec.pdf), not "
                      "[the draft](private.pdf).\n\n![Flow](flow.svg)\n\n<img src=\"flow.svg\">\n\n![Arch](arch.png)\n", {
                          "design.html": b"<p>design</p>", "spec.pdf": b"%PDF-1.4", "private.pdf": b"%PDF-1.4",
                          "flow.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>", "arch.png": PNG})
    source = source.rename(site.docs / "rfcs" / "index.md")  # the section's page, linked by the site
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    page = (site.docs / "proposals" / "rocket-skates.md").read_text(encoding="utf-8")
    assert "[the design](../rfcs/design.html)" in page and "[the spec](../rfcs/spec.pdf)" in page
    assert "the draft (`private.pdf`)" in page  # exclude_docs leaves it out of the site: text
    assert "![Flow](../rfcs/flow.svg)" in page and '<img src="../../rfcs/flow.svg">' in page
    assert "![Arch](rocket-skates/arch.png)" in page
    assert sorted(files_under(site.docs / "proposals")) == ["rocket-skates.md", "rocket-skates/arch.png"]
    assert "link: design.html: not a PNG, JPEG, GIF, WebP or AVIF image, the only files import copies" in result.err
    assert "linked where this site publishes it already, ../rfcs/design.html" in result.err
    built = site.build("--strict")
    assert built.code == 0, built.text


# -- symlinks resolved before the checks ----------------------------------------------------------

def test_symlinks_to_hidden_files_or_outside_are_not_followed(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "orig"
    source = original(folder, "![A](arch.png)\n\n![F](flow.png)\n\n![U](up.png)\n\n![D](dir/x.png)\n\n"
                      "![H](img/hidden.png)\n\n![Fine](alias.png)\n", {
                          ".env": PNG + b"SECRET=hunter2", ".git/config": PNG + b"token", "img/real.png": PNG,
                          "img/.private.png": PNG + b"private"})
    (tmp_path / "outside.png").write_bytes(PNG + b"outside")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.png").write_bytes(PNG + b"elsewhere")
    (folder / "arch.png").symlink_to(".env")
    (folder / "flow.png").symlink_to(".git/config")
    (folder / "up.png").symlink_to("../outside.png")
    (folder / "dir").symlink_to("../elsewhere", target_is_directory=True)
    (folder / "img" / "hidden.png").symlink_to(".private.png")
    (folder / "alias.png").symlink_to("img/real.png")  # inside, not hidden: copied
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    copied = files_under(site.docs)
    assert {name: data for name, data in copied.items() if not name.endswith(".md")} == {
        "proposals/rocket-skates/alias.png": PNG}
    for secret in (b"SECRET", b"token", b"outside", b"elsewhere", b"private"):
        assert not any(secret in data for data in copied.values()), secret
    for name in ("arch.png", "flow.png", "img/hidden.png"):
        assert f"image: {name}: a hidden file or folder (through a symlink)" in result.err, result.err
    for name in ("up.png", "dir/x.png"):
        assert f"image: {name}: outside the original's folder (through a symlink)" in result.err, result.err


def test_a_fifo_a_folder_and_a_huge_file_are_not_copied(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "orig"
    source = original(folder, "![P](pipe.png)\n\n![D](folder.png)\n\n![B](big.png)\n", {"folder.png/x": b""})
    os.mkfifo(folder / "pipe.png")  # reading it would wait for a writer forever
    with open(folder / "big.png", "wb") as f:
        f.write(PNG)
        f.truncate(MAX_IMAGE_BYTES + 1)
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    assert list(files_under(site.docs / "proposals")) == ["rocket-skates.md"]
    assert "image: pipe.png: not a regular file" in result.err
    assert "image: folder.png: not a regular file" in result.err
    assert "image: big.png: larger than 10 MiB" in result.err


def test_a_file_swapped_for_a_symlink_after_the_check_is_not_copied(site: Site, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy reads the file again, checked again, without following a symlink: a link that
    appears between the page's conversion and the copy copies nothing."""
    from mkdocs_prfaq.commands import importer

    folder = tmp_path / "orig"
    source = original(folder, "![A](arch.png)\n", {"arch.png": PNG, ".env": PNG + b"SECRET"})
    real_copy = importer.copy_asset

    def swap_then_copy(source_dir: str, *args: object) -> str | None:
        (folder / "arch.png").unlink()
        (folder / "arch.png").symlink_to(".env")
        return real_copy(source_dir, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "copy_asset", swap_then_copy)
    result = prfaq(site.root, "import", str(source))
    assert result.code == 1, result.text  # the page links an image that is not there: said, and not 0
    assert not any(b"SECRET" in data for data in files_under(site.docs).values())
    assert "not copied to rocket-skates/arch.png: a hidden file or folder (through a symlink)" in result.err


# -- one line each, escaped ------------------------------------------------------------------------

def test_a_nul_or_control_characters_in_a_link_never_crash_nor_reach_the_terminal(site: Site, tmp_path: Path) -> None:
    source = original(tmp_path / "orig", "![NUL](a%00b.png)\n\n![Title](%1b]0;pwned%07.png)\n\n"
                      "![Raw](\x1b[2J\x07.png)\n\n[Bidi](x\u202e.png)\n\n![Line](a%0Ab%E2%80%A8c.png)\n")
    result = prfaq(site.root, "import", str(source))
    assert result.code == 0, result.text
    assert "Traceback" not in result.text
    assert raw_controls(result.text) == [], result.text
    assert "image: a%00b.png: its name holds control or invisible characters" in result.err
    assert "image: \\x1b[2J\\x07.png:" in result.err  # as check shows it
    assert all(line.startswith("docs/proposals/rocket-skates.md:") for line in result.err.splitlines()[:-1])


def test_an_error_naming_a_path_with_control_characters_is_one_escaped_line(site: Site, tmp_path: Path) -> None:
    (site.root / "do\x1bcs" / "proposals").mkdir(parents=True)
    (site.root / "do\x1bcs" / "proposals" / "rocket-skates.md").symlink_to(tmp_path / "elsewhere.md")
    site.config(extra='docs_dir: "do\\ecs"\n')
    source = original(tmp_path / "orig", "")
    result = prfaq(site.root, "import", str(source))
    assert result.code == 2, result.text
    assert raw_controls(result.text) == [], result.text
    assert result.err.count("\n") == 1 and "do\\x1bcs/proposals/rocket-skates.md is a symlink" in result.err


# -- generated destinations ------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "arch.png", "up.png", "dir/x.png", ".env", ".git/config", "../outside.png", "..", "../", "/etc/passwd",
    "%2e%2e/outside.png", "..%2Foutside.png", "%00", "a%00b.png", "\x00", "\x1b[31m", "\x07", "%1b", "%07", "%0a",
    "\u202e", "file:///etc/passwd", "http://example.com/a.png", "//example.com/a.png", "C:\\x.png", "\\..\\x",
    "~", "?q=1", "#frag", "<", ">", " ", "%", "%ff", ".png", ".html", ".svg", "pipe.png", "big.png", "flow.png",
    "img/", "./", "%2F", "\\", "img/ok.png", "ok.png", "img/../img/ok.png",
])
DESTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), min_size=1, max_size=6).map("".join)


@contextlib.contextmanager
def hostile_original() -> Iterator[tuple[Path, Path]]:
    """A site and an original's folder whose surroundings hold secrets a link could lead to."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = Site(root / "site")
        folder = root / "orig"
        (folder / ".git").mkdir(parents=True)
        (folder / ".env").write_bytes(PNG + b"SECRET-env")
        (folder / ".git" / "config").write_bytes(PNG + b"SECRET-git")
        (root / "outside.png").write_bytes(PNG + b"SECRET-outside")
        (root / "elsewhere").mkdir()
        (root / "elsewhere" / "x.png").write_bytes(PNG + b"SECRET-elsewhere")
        (folder / "arch.png").symlink_to(".env")
        (folder / "flow.png").symlink_to(".git/config")
        (folder / "up.png").symlink_to("../outside.png")
        (folder / "dir").symlink_to("../elsewhere", target_is_directory=True)
        (folder / "img").mkdir()
        (folder / "img" / "ok.png").write_bytes(PNG + b"fine")
        yield site.root, folder


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dests=st.lists(DESTS, min_size=1, max_size=4))
def test_generated_link_destinations_never_crash_never_print_controls_never_copy_outside(dests: list[str]) -> None:
    body = "".join(f"![i{n}]({d})\n\n[l{n}](<{d}>)\n\n<img src=\"{d}\">\n\n[r{n}]: {d}\n\n" for n, d in enumerate(dests))
    with hostile_original() as (root, folder):
        source = folder / "prfaq.md"
        source.write_text(SKATES + body, encoding="utf-8")
        result = prfaq(root, "import", str(source))
        assert result.code in (0, 1, 2), result.text
        assert "Traceback" not in result.text
        assert raw_controls(result.text) == [], repr(result.text)
        for name, data in files_under(root / "docs").items():
            assert b"SECRET" not in data, name
            if not name.endswith(".md"):
                assert raster_kind(data) is not None, name
        for path in (root / "docs").rglob("*"):
            mode = path.lstat().st_mode
            assert stat.S_ISREG(mode) or stat.S_ISDIR(mode), path  # no symlink, no FIFO


# -- check and the build report active files under the proposals folder ----------------------------

ACTIVE = {"demo.html": SCRIPT_HTML, "old.htm": SCRIPT_HTML, "x.xhtml": SCRIPT_HTML, "flow.svg": SCRIPT_SVG,
          "zipped.SVGZ": b"\x1f\x8b", "sub/app.js": b"alert(1)", "feed.xml": b"<x/>"}


def active_site(site: Site) -> None:
    site.proposal("fine.md")
    for name, data in {**ACTIVE, "ok.png": PNG, ".hidden.html": SCRIPT_HTML}.items():
        (site.docs / "proposals" / name).parent.mkdir(parents=True, exist_ok=True)
        (site.docs / "proposals" / name).write_bytes(data)
    (site.docs / "outside.html").write_bytes(SCRIPT_HTML)  # not under the proposals folder: the site's own


def test_check_reports_each_active_file_under_the_proposals_folder(site: Site) -> None:
    active_site(site)
    result = prfaq(site.root, "check")
    assert result.code == 1, result.text
    lines = result.out.splitlines()
    assert sorted(line.split(":", 1)[0] for line in lines) == sorted(f"docs/proposals/{n}" for n in ACTIVE)
    assert all(line.split(":", 1)[1].startswith("1: file: ") for line in lines), lines
    assert any(line.startswith("docs/proposals/demo.html:1: file: an HTML page under the proposals folder would be "
                               "published as it is, and its script would run") for line in lines), lines
    assert any(line.startswith("docs/proposals/flow.svg:1: file: an SVG image") for line in lines), lines
    assert any(line.startswith("docs/proposals/sub/app.js:1: file: a script") for line in lines), lines
    json_result = prfaq(site.root, "check", "--format", "json")
    assert json_result.code == 1 and '"path": "docs/proposals/demo.html"' in json_result.out


def test_the_build_reports_them_and_leaves_them_out(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    active_site(site)
    with inside(site.root), pytest.raises(Abort):
        build(load_config(str(site.root / "mkdocs.yml")))
    logged = [r.getMessage() for r in caplog.records]
    for name in ACTIVE:
        assert any(m.startswith(f"docs/proposals/{name}:1: file: ") for m in logged), (name, logged)
    caplog.clear()
    site.config("on_invalid: warn")
    with inside(site.root):
        build(load_config(str(site.root / "mkdocs.yml")))
    assert any(m.startswith("docs/proposals/demo.html:1: file: an HTML page") for m in
               (r.getMessage() for r in caplog.records))
    built = site.root / "site"
    assert (built / "proposals" / "fine" / "index.html").is_file() and (built / "proposals" / "ok.png").is_file()
    assert (built / "outside.html").is_file()
    for name, data in ACTIVE.items():  # left out of the site, under warn too
        out = built / "proposals" / name
        if name == "feed.xml" and out.exists():  # the plugin's own feed of status changes takes its place
            assert out.read_bytes() != data and b"<feed xmlns=\"http://www.w3.org/2005/Atom\"" in out.read_bytes()
            continue
        assert not out.exists(), name


def test_with_sanitize_off_active_files_are_the_sites_own(site: Site) -> None:
    active_site(site)
    site.config("sanitize: false")
    result = prfaq(site.root, "check")
    assert result.code == 0, result.text


@settings(max_examples=300, deadline=None)
@given(path=DESTS)
def test_read_image_of_any_path_is_an_image_inside_the_folder_or_a_reason(path: str) -> None:
    """:func:`read_image` directly, for any path: never raises; bytes only from a raster image
    inside the folder, never from a hidden or outside file, whatever the symlinks say."""
    from mkdocs_prfaq.commands.images import read_image

    with hostile_original() as (_, folder):
        got = read_image(str(folder), path)
        if isinstance(got, bytes):
            assert b"SECRET" not in got and raster_kind(got) is not None
            assert got == (folder / "img" / "ok.png").read_bytes(), path
        else:
            assert got and got.isprintable(), got
