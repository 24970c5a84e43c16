"""The fourth hostile pass, `mkdocs-prfaq import`: an original is read up to the site's page limit
(``limits.page_bytes``) and no further. A 50 MB original took 33 s and 1 GB of memory to write a
page the site then refused; ``/dev/zero`` was read until memory ran out."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..conftest import Site, in_process


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def run_import(site: Site, *sources: str) -> tuple[int, str]:
    from mkdocs_prfaq.commands.cli import main

    result = in_process(lambda: main(["import", *sources]), site.root, timeout=60)
    return result.code, result.text


def test_an_original_over_the_page_limit_is_refused_unread(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.config("limits: {page_bytes: 4096}")
    original = tmp_path / "big.md"
    original.write_text("# Big\n\n## Press release\n\n" + "Words and more words.\n" * 400, encoding="utf-8")
    before = snapshot(site.docs)
    code, text = run_import(site, str(original))
    assert code == 2 and "Traceback" not in text, text
    assert text.strip().splitlines()[-1].endswith(
        "big.md: over the 4,096-byte limit of the site's pages (limits.page_bytes), so its page would not be built "
        "(expected a smaller original, or a larger limits.page_bytes in mkdocs.yml)"), text
    assert snapshot(site.docs) == before


def test_an_endless_original_is_refused(tmp_path: Path) -> None:
    """A FIFO that would give 32 MiB (a bounded stand-in for /dev/zero, whose whole reading ran the
    test machine out of memory): the importer stops at the limit and the writer is cut off."""
    site = Site(tmp_path / "s")
    before = snapshot(site.docs)
    fifo = tmp_path / "endless.md"
    os.mkfifo(fifo)
    sent = [0]

    def writer() -> None:
        try:
            with open(fifo, "wb") as f:
                for _ in range(512):
                    f.write(b"a" * 65536)
                    sent[0] += 65536
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    code, text = run_import(site, str(fifo))
    thread.join(10)
    assert code == 2 and "over the 1,048,576-byte limit" in text and "Traceback" not in text, text
    assert sent[0] < 32 * 1024 * 1024, "the importer read the whole stream"
    assert snapshot(site.docs) == before


def test_an_original_at_the_limit_is_imported(tmp_path: Path) -> None:
    site = Site(tmp_path / "s")
    site.config("limits: {page_bytes: 4096}")
    original = tmp_path / "small.md"
    original.write_text("# Small\r\n\r\n## Press release\r\n\r\n**SEATTLE, WA, April 27, 2027** — It works.\r\n",
                        encoding="utf-8")
    code, text = run_import(site, str(original))
    assert code in (0, 1) and "Traceback" not in text, text
    page = (site.docs / "proposals" / "small.md").read_text(encoding="utf-8")
    assert "\r" not in page and "It works." in page


# -- check and the build name the same problems, also when the build stops before any page renders -------

def problem_lines(text: str) -> set[str]:
    return {line.split("-  ", 1)[-1].removeprefix("warning: ") for line in text.splitlines()
            if "docs/proposals/" in line and ".md:" in line}


def test_a_build_that_stops_names_the_pages_warnings_as_check_does(tmp_path: Path) -> None:
    from benchmarks.generate import prfaq_page, proposal_data

    site = Site(tmp_path / "s")
    site.config("limits: {press_release_words: 50}")
    site.proposal("a.md", "draft", owner=None)  # a problem: the build stops on it
    review = proposal_data(1, "in-review")
    review["id"] = "b"
    review.pop("related", None)
    site.page("b.md", prfaq_page(review) + '\n![x](https://tracker.example/p.png)\n\n--8<-- ".env"\n')
    site.page("index.md", '# Proposals\n\n<!-- prfaq index -->\n\n--8<-- "/etc/passwd"\n')
    checked, built = site.check("check", "--strict"), site.build("--strict")
    assert checked.code == 1 and built.code == 1
    found = problem_lines(checked.text)
    assert any("b.md:1: images:" in line for line in found) and any("include '.env'" in line for line in found)
    assert any("index.md:5: body: include '/etc/passwd'" in line for line in found)
    assert any("press_release" in line and "words" in line for line in found), found
    assert problem_lines(built.text) == found, (sorted(found), built.text[-3000:])
