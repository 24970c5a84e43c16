"""`mkdocs serve` keeps answering while a PR/FAQ is not UTF-8: the page is reported and skipped."""

from __future__ import annotations

import os
import subprocess
import urllib.request

import pytest

from ..conftest import BIN, Site
from ..engines.test_adoption import free_port, wait_for


@pytest.mark.process
def test_a_page_that_is_not_utf8_is_reported_and_skipped_while_serving(site: Site) -> None:
    site.proposal("alpha.md", "draft", title="Alpha first")
    beta = site.proposal("beta.md", "draft", i=1, title="Beta")
    good = beta.read_bytes()
    beta.write_bytes(good.replace(b"Beta", b"B\xe9ta\xff"))
    port = free_port()
    log = site.root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=site.root,
                                  stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                return str(r.read().decode())
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Alpha first" in get("proposals/alpha/")), log.read_text()
        assert "docs/proposals/beta.md:1: front matter: cannot read the page (not UTF-8 text)" in log.read_text()
        assert "Alpha first" in get("proposals/")  # the index answers, without the unreadable page
        beta.write_bytes(good)
        assert wait_for(lambda: "Beta" in get("proposals/beta/")), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_still_fails_on_a_page_that_is_not_utf8(site: Site) -> None:
    site.page("bad.md", "---\ntitle: x\n---\n").write_bytes(b"---\ntitle: \xff\n---\n")
    result = site.build()
    assert result.code == 1 and "docs/proposals/bad.md:1: front matter: cannot read the page (not UTF-8 text)" in result.text
    assert "Traceback" not in result.text
