"""Every page bounded (issue #18): a file name that is not UTF-8, a page over the size limit,
markup or front matter nested past their limits, a site schema whose ``$ref`` goes round in a
circle. Each is one problem line in ``check`` and the build, never a traceback or a hang; the
hang guard of test_linear.py turns a hang into a failure, and growth is compared at 1x/4x/16x."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract import frontmatter
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import BUNDLED_ID, SchemaConfigError, build_validator, check_refs

from .conftest import BIN, Site
from .test_adoption import free_port, wait_for
from .test_linear import hang_guard

NOT_UTF8_NAME = "the file name is not UTF-8 (expected a name in UTF-8, as URLs need: rename the file)"


@contextmanager
def inside(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def check(site: Site, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``mkdocs-prfaq check`` in-process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    with inside(site.root):
        code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def built(site: Site, caplog: pytest.LogCaptureFixture) -> tuple[bool, str]:
    """``mkdocs build`` in-process: (whether it finished, every line it logged)."""
    caplog.clear()
    with inside(site.root), caplog.at_level(logging.INFO):
        try:
            build(load_config(str(site.root / "mkdocs.yml")))
        except Abort:
            return False, "\n".join(r.getMessage() for r in caplog.records)
    return True, "\n".join(r.getMessage() for r in caplog.records)


# -- file names -----------------------------------------------------------------------------

def not_utf8(site: Site) -> Path:
    """``docs/proposals/café.md`` with its name in Latin-1: bytes that are not UTF-8."""
    site.proposal("ok.md", "draft", title="Still here")
    folder = os.fsencode(site.docs / "proposals")
    path = os.path.join(folder, b"caf\xe9.md")
    with open(path, "wb") as f:
        f.write((site.docs / "proposals" / "ok.md").read_bytes().replace(b"id: ok", b"id: cafe"))
    return Path(os.fsdecode(path))


def test_a_file_name_that_is_not_utf8_is_a_problem_for_check(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    not_utf8(site)
    code, out, err = check(site, capsys)
    assert (code, out) == (1, f"docs/proposals/caf\\udce9.md:1: front matter: {NOT_UTF8_NAME}\n"), out + err
    assert err == "1 problem in 1 PR/FAQ\n"
    code, out, _ = check(site, capsys, "--format", "json")
    assert code == 1 and '"path": "docs/proposals/caf\\udce9.md"' in out


def test_a_file_name_that_is_not_utf8_is_skipped_by_the_build(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    not_utf8(site)
    ok, log = built(site, caplog)
    line = f"docs/proposals/caf\\udce9.md:1: front matter: {NOT_UTF8_NAME}"
    assert not ok and line in log.splitlines(), log
    site.config("on_invalid: warn")
    ok, log = built(site, caplog)
    assert ok and line in log.splitlines(), log
    assert "Still here" in site.html("proposals/ok/index.html")
    assert sorted(p.name for p in (site.root / "site" / "proposals").iterdir()) == [
        "index.html", "ok", "proposals.json", "roadmap", "status"]
    assert "caf" not in site.html("proposals/proposals.json")


def test_serve_dirty_keeps_serving_beside_a_file_name_that_is_not_utf8(site: Site) -> None:
    site.proposal("alpha.md", "draft", title="Alpha first")
    port = free_port()
    log = site.root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=site.root,
                                  stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                return str(r.read().decode())
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Alpha first" in get("proposals/alpha/")), log.read_text()
        bad = not_utf8(site)  # added while serving: the rebuild reports it and keeps serving
        assert wait_for(lambda: "Still here" in get("proposals/ok/")), log.read_text()
        assert f"docs/proposals/caf\\udce9.md:1: front matter: {NOT_UTF8_NAME}" in log.read_text()
        assert "Alpha first" in get("proposals/alpha/") and "Still here" in get("proposals/")
        bad.unlink()
        (site.docs / "proposals" / "alpha.md").write_text(
            (site.docs / "proposals" / "alpha.md").read_text().replace("Alpha first", "Alpha again"))
        assert wait_for(lambda: "Alpha again" in get("proposals/alpha/")), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- the page-size limit --------------------------------------------------------------------

def over_limit(site: Site, limit: int = 10_000) -> str:
    """A proposal of some 16,000 bytes beside a valid one of 8,000, with ``limits.page_bytes`` at ``limit``; its line."""
    site.config(f"limits: {{page_bytes: {limit}}}")
    site.proposal("ok.md", "draft", title="Still here")
    site.proposal("big.md", "draft", i=1, title="Big", subtitle="x" * 8192)
    size = (site.docs / "proposals" / "big.md").stat().st_size
    return f"docs/proposals/big.md:1: page: {size:,} bytes, over the {limit:,}-byte limit (limits.page_bytes)"


def test_a_page_over_the_size_limit_is_one_problem_for_check(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    line = over_limit(site)
    code, out, err = check(site, capsys)
    assert (code, out, err) == (1, line + "\n", "1 problem in 1 PR/FAQ\n")


def test_a_page_over_the_size_limit_is_not_read(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    """Its size is all that is looked at: a page that is not even UTF-8 is reported by its size."""
    line = over_limit(site)
    big = site.docs / "proposals" / "big.md"
    big.write_bytes(big.read_bytes().replace(b"xxxx", b"\xff\xfe\xfd\xfc"))
    code, out, _ = check(site, capsys)
    assert (code, out) == (1, line + "\n")


def test_a_page_over_the_size_limit_is_not_built(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    line = over_limit(site)
    ok, log = built(site, caplog)
    assert not ok and line in log.splitlines(), log
    site.config("limits: {page_bytes: 10000}\non_invalid: warn")
    ok, log = built(site, caplog)
    assert ok and line in log.splitlines(), log
    assert "Still here" in site.html("proposals/ok/index.html")
    assert not (site.root / "site" / "proposals" / "big").exists()
    assert '"big"' not in site.html("proposals/proposals.json")


def test_the_default_size_limit_is_one_mebibyte(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.proposal("ok.md", "draft", subtitle="x" * 1_000_000)
    assert check(site, capsys)[0] == 0
    site.proposal("ok.md", "draft", subtitle="x" * 1_048_576)
    code, out, _ = check(site, capsys)
    assert code == 1 and "over the 1,048,576-byte limit (limits.page_bytes)" in out


@pytest.mark.parametrize("value", ["0", "-1", "true", "big", "1.5"])
def test_the_size_limit_is_a_positive_number_of_bytes(site: Site, value: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site.config(f"limits: {{page_bytes: {value}}}")
    code, _, err = check(site, capsys)
    assert code == 2 and "expected a positive number of bytes" in err, err


# -- front matter nested deep, and site schemas that recurse ----------------------------------

RECURSIVE = json.dumps({
    "allOf": [{"$ref": BUNDLED_ID}],
    "properties": {"notes": {"$ref": "#/$defs/note"}},
    "$defs": {"note": {"type": "object", "additionalProperties": {"$ref": "#/$defs/note"}}},
})
DEEP_LINE = "nested deeper than 32 levels (expected at most 32 levels of lists and mappings)"


def deep_notes(site: Site, depth: int) -> None:
    page = site.proposal("deep.md", "draft")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\nnotes: " + "{a: " * depth + "{}" + "}" * depth + "\n---\n", 1),
                    encoding="utf-8")


def test_front_matter_nested_400_deep_is_one_line_against_a_recursive_schema(
        site: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    (site.root / "ours.schema.json").write_text(RECURSIVE, encoding="utf-8")
    site.config("schema: ours.schema.json")
    deep_notes(site, 400)
    line = (site.docs / "proposals" / "deep.md").read_text().splitlines().index(
        next(t for t in (site.docs / "proposals" / "deep.md").read_text().splitlines() if t.startswith("notes:"))) + 1
    expected = f"docs/proposals/deep.md:{line}: notes{'.a' * 31}: {DEEP_LINE}"
    with hang_guard(60):
        code, out, err = check(site, capsys)
    assert (code, out) == (1, expected + "\n"), out + err
    with hang_guard(60):
        ok, log = built(site, caplog)
    assert not ok and expected in log.splitlines() and "Traceback" not in log, log


def test_front_matter_32_levels_deep_is_checked_against_the_schema(
        site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    (site.root / "ours.schema.json").write_text(RECURSIVE, encoding="utf-8")
    site.config("schema: ours.schema.json")
    deep_notes(site, 30)  # the page's mapping, notes' and 30 under it: 32 levels
    assert check(site, capsys)[:2] == (0, "")
    deep_notes(site, 31)
    code, out, _ = check(site, capsys)
    assert code == 1 and out.endswith(f": {DEEP_LINE}\n")


def test_aliases_cannot_nest_front_matter_past_the_limit() -> None:
    anchors = "".join(f"l{i}: &l{i} [*l{i - 1}]\n" if i else "l0: &l0 [x]\n" for i in range(200))
    parsed = frontmatter.parse(f"---\n{anchors}---\nBody\n")
    assert parsed.data is None
    assert [(e.field, e.message) for e in parsed.errors] == [(f"l31{'.0' * 31}", DEEP_LINE)]


CYCLES = {
    "itself": ({"$ref": "#"}, "# -> #"),
    "two definitions": ({"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}},
                        "#/$defs/a -> #/$defs/b -> #/$defs/a"),
    "through allOf": ({"allOf": [{"$ref": BUNDLED_ID}, {"$ref": "#"}]}, "# -> #/allOf/1 -> #"),
    "through anyOf": ({"anyOf": [{"type": "object"}, {"$ref": "#/$defs/a"}], "$defs": {"a": {"not": {"$ref": "#"}}}},
                      "# -> #/anyOf/1 -> #/$defs/a -> #/$defs/a/not -> #"),
    "under a property": ({"properties": {"notes": {"if": {"$ref": "#/properties/notes"}}}},
                         "#/properties/notes -> #/properties/notes/if -> #/properties/notes"),
}


@pytest.mark.parametrize("case", list(CYCLES))
def test_a_ref_cycle_in_a_site_schema_is_a_config_error(site: Site, case: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    schema, cycle = CYCLES[case]
    (site.root / "ours.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site.config("schema: ours.schema.json")
    site.proposal("ok.md", "draft")
    with hang_guard(60):
        code, out, err = check(site, capsys)
    assert (code, out) == (2, ""), err
    assert err.startswith("mkdocs-prfaq: error: mkdocs.yml: plugin 'prfaq' option 'schema': ours.schema.json: "
                          f"$ref cycle {cycle}: a value would be checked "
                          "against the same schema again and again"), err
    assert len(err.splitlines()) == 1
    result = site.build()
    assert result.code == 1 and f"ours.schema.json: $ref cycle {cycle}" in result.text, result.text
    assert "Traceback" not in result.text and "RecursionError" not in result.text


@pytest.mark.parametrize("schema", [
    {"type": "object", "properties": {"notes": {"$ref": "#"}}},
    {"allOf": [{"$ref": BUNDLED_ID}], "properties": {"tags": {"items": {"anyOf": [{"type": "string"}, {"$ref": "#"}]}}}},
    {"properties": {"not": {"$ref": "#"}, "allOf": {"$ref": "#/properties/not"}}},
])
def test_a_schema_that_recurses_into_the_parts_of_a_value_is_no_cycle(schema: dict[str, object]) -> None:
    check_refs(schema, "ours.schema.json")


def test_a_recursion_error_in_validation_is_one_problem_line() -> None:
    """A chain of 1,000 $refs (no cycle) is more than Python follows: a page that reaches it is one line."""
    chain = {f"a{i}": {"$ref": f"#/$defs/a{i + 1}"} for i in range(1000)} | {"a1000": {"type": "object"}}
    validator = build_validator({"properties": {"notes": {"$ref": "#/$defs/a0"}}, "$defs": chain}, "chain.schema.json")
    with hang_guard(60):
        _, problems = load_page("proposals/p.md", "docs/proposals/p.md", "---\ntitle: T\nstatus: draft\nnotes: {}\n---\n",
                                validator)
    assert [str(p) for p in problems] == ["docs/proposals/p.md:1: front matter: the site schema recurses too deeply "
                                          "to check this page (expected a schema whose $refs end sooner)"]


def test_a_schema_nested_too_deeply_to_check_is_a_config_error() -> None:
    schema: dict[str, object] = {"type": "object"}
    for _ in range(600):
        schema = {"allOf": [schema]}
    with pytest.raises(SchemaConfigError, match=r"^deep.schema.json: the schema is nested too deeply to check$"):
        build_validator(schema, "deep.schema.json")
