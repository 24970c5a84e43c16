"""Every page bounded (issue #18): a file name that is not UTF-8, a page over the size limit,
markup or front matter nested past their limits, a site schema whose ``$ref`` goes round in a
circle. Each is one problem line in ``check`` and the build, never a traceback or a hang; the
hang guard of test_linear.py turns a hang into a failure, and growth is compared at 1x/4x/16x."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import nh3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract import frontmatter
from mkdocs_prfaq.contract.depth import INTEGRATION, RAW, VOID, depth, markdown_nesting
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import BUNDLED_ID, SchemaConfigError, build_validator, check_refs
from mkdocs_prfaq.layout.sanitize import TOO_DEEP, Sanitizer

from ..conftest import BIN, Site
from ..contract.test_linear import hang_guard
from ..engines.test_adoption import free_port, wait_for
from ..linear import assert_linear

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
        "feed.xml", "index.html", "ok", "proposals.json", "roadmap", "status"]
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


URL_NAMES = ["a#b", "a?b", "a b", "a%b", 'a"b', "a<b>", "a'b", "a&b", "%2e%2e", "caf\u00e9", "a\\b"]


def test_file_names_with_url_characters_are_built_and_linked(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """Characters that mean something in a URL are quoted in every link to the page, which is built
    (under on_invalid: warn: a backslash in a name is a problem, as Zensical builds nothing then)."""
    site.config("on_invalid: warn")
    for i, name in enumerate(URL_NAMES):
        site.proposal(f"{name}.md", "draft", i=i, id=f"p{i}", title=f"Title {i}")
    ok, log = built(site, caplog)
    assert ok, log
    index = site.html("proposals/index.html")
    hrefs = {urllib.parse.unquote(h) for h in re.findall(r'href="([^"#]*)"', index)}
    for i, name in enumerate(URL_NAMES):
        assert f"Title {i}" in (site.root / "site" / "proposals" / name / "index.html").read_text(encoding="utf-8")
        assert f"{name}/" in hrefs, (name, sorted(hrefs))


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


# -- HTML nested deeper than nh3 reads in linear time ----------------------------------------

DEEP_HTML = "its HTML nests deeper than 100 levels (expected at most 100 levels of HTML elements)"
LEFT_OUT = ("its HTML nests deeper than 100 levels in 1 part, left out of the page (expected at most 100 levels "
            "of lists, quotes and HTML elements)")


def deep_page(site: Site, tags: int = 90_000) -> str:
    """A page whose body nests ``tags`` deep, beside a valid one; the line check and the build print."""
    site.proposal("ok.md", "draft", title="Still here")
    site.page("deep.md", "---\ntitle: Deep\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n---\n\nIntro\n\n"
              + "<div>" * tags + "inside" + "</div>" * tags + "\n\nAfter\n")
    return f"docs/proposals/deep.md:7: body: {DEEP_HTML}"


def test_html_nested_90000_deep_is_one_line_for_check_and_the_build(
        site: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    line = deep_page(site)
    with hang_guard(120):
        code, out, err = check(site, capsys)
    assert (code, out, err) == (1, line + "\n", "1 problem in 1 PR/FAQ\n")
    with hang_guard(120):
        ok, log = built(site, caplog)
    assert not ok and line in log.splitlines(), log[-2000:]
    assert "prfaq: 1 problem in 1 PR/FAQ" in log


def test_html_nested_too_deep_is_left_out_of_the_page_under_on_invalid_warn(
        site: Site, caplog: pytest.LogCaptureFixture) -> None:
    line = deep_page(site, 20_000)
    site.config("on_invalid: warn")
    with hang_guard(120):
        ok, log = built(site, caplog)
    assert ok and line in log.splitlines() and "nests deeper" not in log.replace(line, ""), log[-2000:]
    page = site.html("proposals/deep/index.html")
    assert "Left out: this part nests deeper than 100 levels." in page and "inside" not in page
    assert page.count("<div") < 200
    assert "its HTML nests deeper than 100 levels" in page  # shown with the page's problems
    assert "Still here" in site.html("proposals/ok/index.html")


def test_html_nested_too_deep_in_a_field_is_one_line_at_the_field(
        site: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    site.proposal("deep.md", "in-review", faq={"external": [{"question": f"Q{i}?", "answer": "A."} for i in range(2)]
                                               + [{"question": "Deep?", "answer": "<span>" * 200}],
                                               "internal": [{"question": f"I{i}?", "answer": "A."} for i in range(3)]})
    text = (site.docs / "proposals" / "deep.md").read_text()
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "<span>" in t)
    code, out, _ = check(site, capsys)
    assert (code, out) == (1, f"docs/proposals/deep.md:{line}: faq.external.2.answer: {DEEP_HTML}\n")


def test_html_left_out_when_the_sanitiser_finds_it_too_deep(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """What only rendering makes deep (Markdown's own nesting around raw HTML) is left out when
    sanitised, and reported then."""
    site.config("on_invalid: warn")
    site.page("deep.md", "---\ntitle: Deep\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n---\n\n"
              + "".join(">" * i + " " + "<span>" * 28 + "x\n" for i in range(1, 3)) + ">" * 80 + " quoted\n")
    ok, log = built(site, caplog)
    assert ok and f"docs/proposals/deep.md:1: page: {LEFT_OUT}" in log.splitlines(), log[-2000:]
    assert "Left out: this part nests deeper than 100 levels." in site.html("proposals/deep/index.html")


def test_markdown_nested_as_deep_as_pages_are_is_not_too_deep(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    """Lists 12 deep, quotes 20 deep, an admonition with a table and code in a list: all shown."""
    lists = "".join("    " * i + f"- level {i}\n" for i in range(12))
    quotes = ">" * 20 + " quoted deep\n"
    admonition = ("- item\n\n    !!! note\n\n        | a | b |\n        |---|---|\n        | `x` | *y* |\n\n"
                  "        ```python\n        print('deep')\n        ```\n")
    site.config("", extra="markdown_extensions:\n  - admonition\n  - tables\n  - pymdownx.superfences\n")
    site.page("lists.md", "---\ntitle: Lists\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n---\n\n"
              + lists + "\n" + quotes + "\n" + admonition)
    ok, log = built(site, caplog)
    assert ok and "nests deeper" not in log, log
    page = site.html("proposals/lists/index.html")
    assert "level 11" in page and "quoted deep" in page and "deep" in page and "Left out" not in page


def test_markdown_nested_700_levels_is_one_line_and_not_built(
        site: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    """Python-Markdown recurses for each level of a list: 700 of them ended the build with a
    RecursionError (and 200 took a second)."""
    site.proposal("ok.md", "draft", title="Still here")
    site.page("deep.md", "---\ntitle: Deep\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n---\n\n"
              + "".join("  " * i + "- x\n" for i in range(700)))
    line = ("docs/proposals/deep.md:109: page: nested 101 levels deep in lists, quotes or indentation (expected at "
            "most 100, a level being a '>' or two columns of indentation); the page is not built")
    code, out, _ = check(site, capsys)
    assert (code, out) == (1, line + "\n")
    site.config("on_invalid: warn")
    with hang_guard(120):
        ok, log = built(site, caplog)
    assert ok and line in log.splitlines(), log[-2000:]
    assert not (site.root / "site" / "proposals" / "deep").exists()
    assert "Still here" in site.html("proposals/ok/index.html")


@pytest.mark.parametrize(("prefix", "levels"), [("> " * 101, 101), (">" * 101, 101), ("\t" * 51, 102),
                                               (" " * 202, 101), ("> \t" * 34, 102), ("    >" * 41, 103)])
def test_markdown_nesting_counts_quotes_and_columns(prefix: str, levels: int) -> None:
    assert markdown_nesting("a\n\n" + prefix + "x\n") == (3, levels)
    assert markdown_nesting("a\n\n" + prefix[: len(prefix) // 2] + "x\n") is None


# What a parser builds from a fragment, at least as deep as depth() says: the tricks that hide a
# tag from a simpler reader (in a comment, an attribute, a script's '<!--', CDATA, SVG's '/>').
NESTS = {
    "plain": ("<div>" * 150, 150),
    "unclosed formatting": ("<b>" * 150, 150),
    "end tags in a comment": ("<div><!-- </div> -->" * 150, 150),
    "end tags in an attribute": ('<div><a title="</div></a>">' * 150, 150),
    "an attribute never closed": ("<div>" * 150 + '<a title="' + "</div>" * 150, 150),
    "end tag of an element not open": ("<span><div></span>" * 150, 300),
    "a script's '<!--'": ("<div><script><!--<script></script></div>--></script>" * 150, 150),
    "CDATA in SVG": ("<svg><g><![CDATA[></g>]]>" * 150, 150),
    "'/>' outside SVG": ("<div/>" * 150, 150),
    "'/>' after leaving SVG": ("<svg><p>" + "<span/>" * 150, 150),
    "upper case": ("<DIV>" * 150, 150),
}


@pytest.mark.parametrize("case", list(NESTS))
def test_depth_is_never_less_than_the_parser_nests(case: str) -> None:
    html, real = NESTS[case]
    assert nesting(html) >= min(real, 101)
    assert depth(html) == 101  # past the limit
    sanitizer = Sanitizer()
    assert sanitizer.clean(html) == TOO_DEEP and sanitizer.too_deep == 1


@pytest.mark.parametrize("html", [
    "<ul><li>a<li>b<li>c</ul>" * 200,  # end tags left out, as HTML allows
    "<p>a<p>b<p>c" * 200,
    ("<svg viewBox='0 0 24 24'><path d='M1 1'/><path d='M2 2'/></svg>") * 200,  # Material's icons
    "<style>" + "<div>" * 200 + "</style>",
    "<textarea>" + "<div>" * 200 + "</textarea>",
    "<!--" + "<div>" * 200 + "-->",
    "<table><tr><td>a<td>b<tr><td>c</table>" * 200,
])
def test_depth_of_html_that_does_not_nest(html: str) -> None:
    assert depth(html) <= 4
    assert Sanitizer().clean(html) != TOO_DEEP


class _Tree(HTMLParser):
    """The depth of nh3's output: well-formed, so a plain reader follows it (raw text as such)."""

    CDATA_CONTENT_ELEMENTS = ()

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.deepest = 0

    def foreign(self) -> bool:
        return any(t in ("svg", "math") for t in self.stack) and self.stack[-1] not in INTEGRATION

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if self.stack[-1:] == ["plaintext"]:
            return  # all the rest is text
        if tag in VOID and not self.foreign():
            return
        raw = tag in RAW | {"plaintext"} and not self.foreign()
        self.stack.append(tag)
        self.deepest = max(self.deepest, len(self.stack))
        if raw:
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.deepest = max(self.deepest, len(self.stack) + 1)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack and self.stack[-1:] != ["plaintext"]:
            while self.stack.pop() != tag:
                pass


SOUP_TAGS = ["div", "span", "b", "i", "a", "p", "li", "ul", "table", "tr", "td", "svg", "g", "path", "math", "mi",
             "style", "title", "textarea", "script", "font", "noscript", "option", "rt", "dd", "select", "template",
             "object", "caption", "button", "pre", "code", "em", "foreignObject", "desc", "plaintext", "xmp", "form",
             "iframe", "img", "br", "nobr", "marquee", "colgroup", "col", "tbody", "dt", "ruby", "annotation-xml"]
# A script's text may hold what reads as its end tag ('<!--<script></script>'): its text is left
# out of the output measured (the parser's tree is the same).
_EVERY_TAG = nh3.Cleaner(tags=set(SOUP_TAGS) - {"script"}, clean_content_tags={"script"},
                         attributes={"*": {"class"}, "font": {"color"}}, strip_comments=True)
SOUP_TOKEN = st.one_of(
    st.sampled_from(SOUP_TAGS).map(lambda n: f"<{n}>"),
    st.sampled_from(SOUP_TAGS).map(lambda n: f"</{n}>"),
    st.sampled_from(SOUP_TAGS).map(lambda n: f"<{n}/>"),
    st.sampled_from(SOUP_TAGS).map(lambda n: f"<{n} class=x{n}>"),
    st.sampled_from(["<!--", "-->", "--!>", "<!-->", "x", " ", '"', "'", "=", "<![CDATA[", "]]>", '<a title="', '">',
                     "<font color=red>", "</", "<", ">", "<?x>", "</ x>", "<!x>", "/>", "<script><!--<script>"]),
)
SOUP = st.lists(SOUP_TOKEN, max_size=80)


def nesting(html: str) -> int:
    """How deep nh3's parser nests ``html`` (every tag of the soup allowed, so none is taken out)."""
    tree = _Tree()
    tree.feed(_EVERY_TAG.clean(html))
    tree.close()
    return tree.deepest


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(SOUP)
def test_depth_of_any_tag_soup_is_at_least_what_the_parser_builds(tokens: list[str]) -> None:
    html = "".join(tokens)
    with hang_guard(30):
        measured = depth(html, limit=10**6)
    assert nesting(html) <= 2 * measured + 3, (html, measured)  # tables: tbody and tr come implied


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(SOUP_TOKEN, min_size=1, max_size=6), st.integers(2, 60), st.lists(SOUP_TOKEN, max_size=4))
def test_depth_of_a_pattern_repeated_is_at_least_what_the_parser_builds(
        pattern: list[str], times: int, prefix: list[str]) -> None:
    html = "".join(prefix) + "".join(pattern) * times
    with hang_guard(30):
        measured = depth(html, limit=10**6)
    assert nesting(html) <= 2 * measured + 3, (html, measured)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(SOUP, st.integers(1, 3000))
def test_tag_soup_repeated_is_sanitised_or_left_out_at_once(tokens: list[str], times: int) -> None:
    html = "".join(tokens) * times
    with hang_guard(30):
        cleaned = Sanitizer().clean(html)
    assert cleaned == TOO_DEEP or depth(html) <= 100


# -- linear growth: 1x, 4x and 16x of each construct, under a hang guard ----------------------

def nested_divs(n: int) -> str:
    return "<div>" * n + "x" + "</div>" * n


def shallow_markup(n: int) -> str:
    """HTML as Markdown writes it, ``n`` blocks of it, never more than 4 deep."""
    return ("<p>Some <em>text</em>, <a href='x'>a link</a> and <code>code</code></p>\n"
            "<ul><li>one</li><li><strong>two</strong></li></ul>\n") * n


def deep_in_places(n: int) -> str:
    """``n`` blocks each 90 deep: under the limit, so nh3 reads them all."""
    return ("<div>" * 90 + "x" + "</div>" * 90) * n


CONSTRUCTS: dict[str, tuple[Callable[[int], str], Callable[[str], object], int]] = {
    "depth of deep nesting": (nested_divs, depth, 20_000),
    "depth of shallow markup": (shallow_markup, depth, 500),
    "sanitising deep nesting": (nested_divs, Sanitizer().clean, 20_000),
    "sanitising shallow markup": (shallow_markup, Sanitizer().clean, 500),
    "sanitising markup 90 deep in places": (deep_in_places, Sanitizer().clean, 20),
    "sanitising unclosed formatting": (lambda n: "<b class=x>" * n, Sanitizer().clean, 20_000),
    "depth of unclosed quotes and comments": (lambda n: '<a title="' * n + "<!--" * n, depth, 20_000),
}


@pytest.mark.parametrize("construct", list(CONSTRUCTS))
def test_each_construct_grows_linearly(construct: str) -> None:
    assert_linear(*CONSTRUCTS[construct])


FRONT_PAGE = "---\ntitle: T\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n{}---\n\n{}"
VALIDATOR = build_validator()


def read_page(text: str) -> object:
    return load_page("proposals/p.md", "docs/proposals/p.md", text, VALIDATOR)


PAGES: dict[str, tuple[Callable[[int], str], int]] = {
    "deep front matter (aliases)": (lambda n: FRONT_PAGE.format(
        "".join(f"l{i}: &l{i} [*l{i - 1}]\n" if i else "l0: &l0 [x]\n" for i in range(n)), "Body\n"), 200),
    "deep front matter (flow)": (lambda n: FRONT_PAGE.format(
        "".join(f"k{i}: " + "[" * 40 + "x" + "]" * 40 + "\n" for i in range(n)), "Body\n"), 50),
    "many list items": (lambda n: FRONT_PAGE.format("", "- an item of the list\n" * n), 1_000),
    "many paragraphs": (lambda n: FRONT_PAGE.format("", "A paragraph of *text*.\n\n" * n), 1_000),
    "many nested lists": (lambda n: FRONT_PAGE.format("", "".join("    " * i + "- x\n" for i in range(8)) * n), 100),
    "many lines indented 90 levels": (lambda n: FRONT_PAGE.format("", ("```\n" + (" " * 180 + "x\n") * n + "```\n")), 200),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_check_reads_each_page_in_linear_time(page: str) -> None:
    make, base = PAGES[page]
    assert len(make(16 * base).encode()) < 1 << 20  # under the page-size limit
    assert_linear(make, read_page, base)


def test_a_build_grows_linearly_with_a_page_of_many_list_items(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    def make(n: int) -> str:
        return FRONT_PAGE.format("", "- an item of the list with *emphasis*\n" * n + "\n<div><b>x</b></div>\n" * n)

    def run(text: str) -> None:
        site.page("big.md", text)
        ok, log = built(site, caplog)
        assert ok, log

    assert len(make(16 * 400).encode()) < 1 << 20
    assert_linear(make, run, 400)


WORDS = st.text(st.characters(categories=["L", "N"]), max_size=5)
YAML_VALUES = st.recursive(st.one_of(WORDS, st.integers(), st.none()),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(WORDS, inner, max_size=3)),
                           max_leaves=60)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 80), YAML_VALUES)
def test_front_matter_nested_any_way_is_read_or_one_problem(levels: int, inner: object) -> None:
    value: object = inner
    for i in range(levels):
        value = [value] if i % 2 else {"k": value}
    text = FRONT_PAGE.format(f"notes: {json.dumps(value, ensure_ascii=False)}\n", "Body\n")
    with hang_guard(30):
        proposal, problems = load_page("proposals/p.md", "docs/proposals/p.md", text, VALIDATOR)
    deep = [p for p in problems if p.message == DEEP_LINE]
    assert len(deep) == (levels_of(value) > 31)  # the page's mapping and notes' come first
    assert not deep or (proposal.data == {} and len(problems) == 1)


def levels_of(value: object) -> int:
    """How many lists and mappings ``value`` nests (an empty one counts)."""
    if isinstance(value, list):
        return 1 + max(map(levels_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(levels_of, value.values()), default=0)
    return 0


def test_an_end_tag_does_not_reach_past_a_table_cell() -> None:
    """``<table><div><td></div>``: the parser moves the ``<div>`` out of the table, so ``</div>``
    closes nothing and each repetition nests a table, a row group, a row and a cell (hypothesis
    found it)."""
    html = "<table><div><td></div>" * 4
    assert nesting(html) <= 2 * depth(html, limit=10**6) + 3
