"""Adopting the plugin: scaffolding, generated references, live reload under `mkdocs serve`,
the built wheel in a fresh virtualenv, and ProperDocs."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from mkdocs_prfaq.contract.schema import BUNDLED_ID, bundled_schema
from mkdocs_prfaq.layout.reference import schema_rows

from ..conftest import BIN, ROOT, Site, Venv, run


def test_new_writes_a_valid_draft_and_refuses_to_overwrite(site: Site) -> None:
    result = site.check("new", "PodGenie: transcripts for every podcast!", "--owner", "Ana Souza", "--form",
                        "front-matter")
    assert result.code == 0, result.text
    path = site.docs / "proposals" / "podgenie-transcripts-for-every-podcast.md"
    assert result.out.strip() == "docs/proposals/podgenie-transcripts-for-every-podcast.md"
    text = path.read_text()
    assert "id: podgenie-transcripts-for-every-podcast" in text and "# subtitle:" in text
    assert site.check("check").code == 0
    again = site.check("new", "PodGenie: transcripts for every podcast!")
    assert again.code == 2 and "already used" in again.err and path.read_text() == text
    taken = "---\ntitle: T\nstatus: draft\nowner: O\ncreated: 2026-01-01\nid: renamed\n---\n"
    (site.docs / "proposals" / "taken.md").write_text(taken, encoding="utf-8")
    clash = site.check("new", "Other", "--id", "taken")
    assert clash.code == 2 and "not overwriting" in clash.err
    assert (site.docs / "proposals" / "taken.md").read_text() == taken


@pytest.mark.parametrize("status", ["in-review", "approved", "launched", "deferred", "superseded"])
def test_new_for_a_later_status_fails_until_the_placeholders_are_filled(site: Site, status: str) -> None:
    site.proposal("other.md", "draft")
    created = site.check("new", "Review me", "--status", status, "--owner", "Ben", "--form", "front-matter")
    assert created.code == 0 and "fill in the empty fields" in created.err, created.text
    path = site.docs / "proposals" / "review-me.md"
    failing = site.check("check")
    assert failing.code == 1
    lines = failing.out.splitlines()
    assert lines and all(re.match(r"docs/proposals/review-me\.md:\d+: [\w.]+: .+", line) for line in lines)
    # fill every placeholder, keep the comments' structure
    front, body = path.read_text().split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    filled = fill(data)
    path.write_text("---\n" + yaml.safe_dump(filled, sort_keys=False) + "---\n" + body, encoding="utf-8")
    passing = site.check("check")
    assert passing.code == 0, passing.text


@pytest.mark.parametrize("status", ["draft", "in-review", "approved", "launched", "superseded"])
def test_new_writes_the_body_form_by_default_with_the_sections_its_status_needs(site: Site, status: str) -> None:
    site.proposal("other.md", "draft")
    created = site.check("new", "Review me", "--status", status, "--owner", "Ben")
    assert created.code == 0, created.text
    path = site.docs / "proposals" / "review-me.md"
    front, body = path.read_text().split("\n---\n", 1)
    for section in ("## Press release", "## External FAQ", "## Internal FAQ"):
        assert section in body
    failing = site.check("check")
    if status == "draft":  # a draft may hold placeholders
        assert failing.code == 0, failing.text
        return
    assert failing.code == 1
    lines = failing.out.splitlines()
    assert lines and all(re.match(r"docs/proposals/review-me\.md:\d+: [\w.]+: .+", line) for line in lines)
    if status != "superseded":  # a full PR/FAQ: its placeholders are problems
        assert any("press_release.summary: placeholder text" in line for line in lines), lines
    filled = fill(yaml.safe_load(front.removeprefix("---\n")))
    path.write_text("---\n" + yaml.safe_dump(filled, sort_keys=False) + "---\n" + body.replace("TBD", "Filled in"),
                    encoding="utf-8")
    passing = site.check("check")
    assert passing.code == 0, passing.text
    built = site.build("--strict")
    assert built.code == 0, built.text
    page = site.html("proposals/review-me/index.html")
    assert page.count("<h4") >= 6 or page.count("<h3") >= 6  # six questions laid out


def fill(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: fill(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, key) for v in value] or ["Dana Levi"]
    if value == "":
        if key in ("date", "launched"):
            return "2027-01-01"
        return "other" if key == "superseded_by" else "Filled in."
    return value


def extending(required: list[str] | None = None, properties: dict[str, object] | None = None) -> str:
    """A site schema that extends the bundled one by its $id."""
    return json.dumps({"allOf": [{"$ref": BUNDLED_ID}], "required": required or [], "properties": properties or {}})


def test_reference_tables_come_from_the_schema_and_config(site: Site) -> None:
    rows = {r.path: r for r in schema_rows(bundled_schema())}
    assert rows["faq.internal"].required == ["in-review", "approved", "launched"]
    assert "at least 3 for in-review, approved, launched" in rows["faq.internal"].rules
    assert rows["decision"].required == ["approved", "launched", "deferred", "rejected"]
    assert rows["title"].required == ["always"] and rows["tags"].required == []
    # a site schema's own fields appear with the bundled ones
    (site.root / "ours.schema.json").write_text(extending(["team"], {"team": {"description": "Owning team."}}))
    site.config("schema: ours.schema.json")
    (site.docs / "ref.md").write_text("# Ref\n\n<!-- prfaq:reference schema -->\n\n<!-- prfaq:reference config -->\n")
    assert site.build("--strict").code == 0
    page = site.html("ref/index.html")
    assert "<code>team</code>" in page and "Owning team." in page and "<code>faq.internal</code>" in page
    assert "<code>on_invalid</code>" in page and "<code>limits.press_release_words</code>" in page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: object, timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.25)
    return False


@pytest.mark.process
def test_serve_rebuilds_survives_invalid_edits_and_recovers(site: Site) -> None:
    (site.root / "ours.schema.json").write_text(extending())
    site.config("schema: ours.schema.json")
    site.proposal("alpha.md", "draft", title="Alpha first")
    site.proposal("beta.md", "draft", i=1, title="Beta")
    override = site.root / "overrides" / "prfaq" / "quote.html"
    override.parent.mkdir(parents=True)
    override.write_text("<p>QUOTE-ONE {{ q.name }}</p>\n", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"))
    port = free_port()
    log = site.root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=site.root, stdout=out, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    url = f"http://127.0.0.1:{port}/proposals/alpha/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return str(r.read().decode())
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Alpha first" in page()), (log.read_text(), page()[:3000])
        # an edited template override shows on the next build (compiled templates are cached by source)
        assert "QUOTE-ONE" in page()
        override.write_text("<p>QUOTE-TWO {{ q.name }}</p>\n", encoding="utf-8")
        assert wait_for(lambda: "QUOTE-TWO" in page()), log.read_text()
        alpha = site.docs / "proposals" / "alpha.md"
        alpha.write_text(alpha.read_text().replace("status: draft", "status: in-progress"))
        assert wait_for(lambda: "status: unknown status 'in-progress'" in log.read_text()), log.read_text()
        assert "Alpha first" in page(), "the server keeps serving the last good site"
        alpha.write_text(alpha.read_text().replace("status: in-progress", "status: draft").replace("Alpha first", "Alpha second"))
        assert wait_for(lambda: "Alpha second" in page()), log.read_text()
        # the schema file is watched: requiring a field fails the next build
        (site.root / "ours.schema.json").write_text(extending(["team"]))
        assert wait_for(lambda: "team: missing" in log.read_text()), log.read_text()
        # a deleted proposal leaves no stale state: beta's reference to it is caught
        (site.root / "ours.schema.json").write_text(extending())
        beta = site.docs / "proposals" / "beta.md"
        beta.write_text(beta.read_text().replace("tags:", "related: [alpha]\ntags:", 1))
        assert wait_for(lambda: page() and "Beta" in urllib.request.urlopen(url.replace("alpha", "beta")).read().decode())
        alpha.unlink()
        assert wait_for(lambda: "related.0: no proposal has id 'alpha'" in log.read_text()), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.process
def test_the_wheel_installs_into_a_fresh_virtualenv_and_builds_a_site(tmp_path: Path, wheel: Path,
                                                                      wheel_venv: Venv) -> None:
    import zipfile
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("mkdocs_prfaq/schemas/prfaq.schema.json", "mkdocs_prfaq/schemas/proposals-export.schema.json",
                   "mkdocs_prfaq/templates/prfaq/page.html", "mkdocs_prfaq/templates/prfaq/index.html",
                   "mkdocs_prfaq/assets/prfaq.css", "mkdocs_prfaq/assets/index.js", "mkdocs_prfaq/py.typed"):
        assert needed in names, needed
    dist = tmp_path / "dist"
    sdist = run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(dist)], ROOT)
    assert sdist.code == 0, sdist.text
    import tarfile
    [archive] = dist.glob("mkdocs_prfaq-*.tar.gz")
    members = {m.split("/", 1)[1] for m in tarfile.open(archive).getnames() if "/" in m}
    for needed in ("schemas/prfaq.schema.json", "schemas/proposals-export.schema.json", "mkdocs_prfaq/assets/index.js",
                   "mkdocs_prfaq/assets/prfaq.css", "mkdocs_prfaq/templates/prfaq/page.html", "pyproject.toml"):
        assert needed in members, needed
    site = Site(tmp_path / "elsewhere")
    site.proposal("alpha.md", "approved")
    result = wheel_venv.run([str(wheel_venv.bin / "mkdocs"), "build", "--strict"], site.root)
    assert result.code == 0, result.text
    assert "prfaq-statusline" in site.html("proposals/alpha/index.html")
    assert (site.root / "site" / "proposals" / "proposals.json").is_file()
    check = wheel_venv.run([str(wheel_venv.bin / "mkdocs-prfaq"), "check"], site.root)
    assert check.code == 0, check.text


@pytest.mark.process
def test_properdocs_builds_the_example_site(tmp_path: Path) -> None:
    properdocs = BIN / "properdocs"
    if not properdocs.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ProperDocs must be tested in CI (pip install properdocs)")
        pytest.skip("ProperDocs is not installed")
    result = run([str(properdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")], ROOT)
    assert result.code == 0, result.text
    page = (tmp_path / "site" / "proposals" / "front-matter-contract" / "index.html").read_text()
    assert "prfaq-statusline" in page and 'id="external-faq"' in page
    assert (tmp_path / "site" / "proposals" / "proposals.json").is_file()
