"""Security issue #10, configuration side: hostile file names never forge an output line, a site
schema's every $ref is resolved (offline) when the configuration loads, and `dir` stays strictly
inside docs_dir. Real sites, built with `mkdocs build` and checked with `mkdocs-prfaq check`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.config import PrfaqConfig
from mkdocs_prfaq.contract.problems import Problem, escape, format_github, format_json, format_text, summary

from ..conftest import Site, prfaq

BUNDLED_ID = "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"
ONLY = (f"(only '#...' references within the schema and the bundled schema {BUNDLED_ID} can be used; "
        "nothing is read from the network or the disk)")
BUILD_ERROR = "ERROR   -  "
CONFIG = "Config value 'plugins': Plugin 'prfaq' option "
CHECK_CONFIG = "mkdocs-prfaq: error: mkdocs.yml: plugin 'prfaq' option "  # check reads mkdocs.yml itself

# -- 1. file names that would forge output lines ------------------------------------------------

HOSTILE = {
    # file name -> how every output prints it
    "a\n::error file=docs/x.md,line=1::forged.md": "a\\n::error file=docs/x.md,line=1::forged.md",
    "b\r::warning::cr.md": "b\\r::warning::cr.md",
    "c\x1b[31mred\x1b[0m.md": "c\\x1b[31mred\\x1b[0m.md",
    "d\u2028line-separator.md": "d\\u2028line-separator.md",
    "e\u2029paragraph-separator.md": "e\\u2029paragraph-separator.md",
    "f\x85next-line.md": "f\\x85next-line.md",
    "g\x0bvt\x0cff\x1cfs.md": "g\\x0bvt\\x0cff\\x1cfs.md",
    "h\ttab\u202eoverride.md": "h\\ttab\\u202eoverride.md",
    "i\\nbackslash-n.md": "i\\\\nbackslash-n.md",  # a real backslash: doubled, so never read as \n
    "::error::j.md": "::error::j.md",
}


OWNER = ("owner", "missing (a required field)")
FILE_NAME = ("front matter", "the file name holds control or line-break characters (expected printable characters "
             "only: rename the file)")


BACKSLASH = ("file", "the file name holds a backslash: Zensical then builds no page of the site, and Windows cannot "
             "check the file out (expected a name without '\\': rename the file or its folder)")
PROBLEMS = len(HOSTILE) + sum("\\" in name for name in HOSTILE)
"""One problem a page, and one more for a name that holds a backslash (Zensical builds nothing then)."""


def problem_of(name: str) -> tuple[str, str]:
    """A name with control characters is itself the problem (MkDocs' own log lines would print it
    as it is, so the page is not built); a printable one gets its page's problem."""
    return OWNER if name.isprintable() else FILE_NAME


def problems_of(name: str) -> list[tuple[str, str]]:
    return [problem_of(name)] + ([BACKSLASH] if "\\" in name else [])


def hostile_site(site: Site) -> list[str]:
    """One page per hostile name, each with exactly one problem (and the backslash's); returns the expected lines."""
    expected = []
    for i, (name, shown) in enumerate(HOSTILE.items()):
        site.proposal(name, "draft", i=i, id=f"p{i}", owner=None)
        expected += [f"docs/proposals/{shown}:1: {field}: {message}" for field, message in problems_of(name)]
    return expected


def test_hostile_file_names_are_one_line_each_in_check_text(site: Site) -> None:
    expected = hostile_site(site)
    result = site.check("check")
    assert result.code == 1, result.text
    assert sorted(result.out.splitlines()) == sorted(expected)
    assert result.err.splitlines() == [f"{PROBLEMS} problems in {len(HOSTILE)} PR/FAQs"]
    assert all(line.isprintable() for line in result.text.splitlines())


def test_hostile_file_names_are_one_line_each_in_check_github(site: Site) -> None:
    hostile_site(site)
    result = site.check("check", "--format", "github")
    assert result.code == 1, result.text
    lines = result.out.splitlines()
    assert len(lines) == PROBLEMS
    assert all(line.isprintable() and line.startswith("::error file=docs/proposals/") for line in lines)
    assert all(line.endswith((",line=1,title=PR/FAQ owner::owner: missing (a required field)",
                              f",line=1,title=PR/FAQ front matter::front matter: {FILE_NAME[1]}",
                              f",line=1,title=PR/FAQ file::file: {BACKSLASH[1]}")) for line in lines)
    # the only workflow commands are ours: a forged '::' inside a name is escaped, never a line start
    assert "::error file=docs/proposals/a\\n%3A%3Aerror file=docs/x.md%2Cline=1%3A%3Aforged.md,line=1," in result.out


def test_hostile_file_names_in_check_json_keep_their_real_names(site: Site) -> None:
    hostile_site(site)
    result = site.check("check", "--format", "json")
    assert result.code == 1, result.text
    assert all(line.isprintable() for line in result.out.splitlines())
    report = json.loads(result.out)
    assert report["checked"] == sum(name.isprintable() for name in HOSTILE)  # the others are not read
    assert sorted((p["path"], p["field"], p["message"]) for p in report["problems"]) == sorted(
        (f"docs/proposals/{n}", *problem) for n in HOSTILE for problem in problems_of(n))


def test_hostile_file_names_are_one_line_each_in_the_build_log(site: Site) -> None:
    expected = hostile_site(site)
    result = site.build()
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    errors = [line for line in result.err.splitlines() if line.startswith(BUILD_ERROR)]
    assert sorted(errors) == sorted(
        [BUILD_ERROR + line for line in expected]
        + [f"{BUILD_ERROR}prfaq: {PROBLEMS} problems in {len(HOSTILE)} PR/FAQs"]
    )
    assert all(line.isprintable() for line in result.text.splitlines())
    assert not any(line.lstrip().startswith("::") for line in result.text.splitlines())


def test_a_name_starting_with_a_workflow_command_never_starts_a_line(site: Site) -> None:
    site.proposal("::error::j.md", "draft", id="j", owner=None)
    # run from the proposals folder: the page's path, relative to it, starts with '::'
    text = prfaq(["check", "-f", "../../mkdocs.yml"], site.docs / "proposals")
    assert text.code == 1, text.text
    assert text.out.splitlines() == ["./::error::j.md:1: owner: missing (a required field)"]
    github = prfaq(["check", "-f", "../../mkdocs.yml", "--format", "github"], site.docs / "proposals")
    assert github.out.splitlines() == [
        "::error file=./%3A%3Aerror%3A%3Aj.md,line=1,title=PR/FAQ owner::owner: missing (a required field)"]
    # and `check PATH` still finds the page by its real name
    named = prfaq(["check", "-f", "../../mkdocs.yml", "::error::j.md"], site.docs / "proposals")
    assert named.out == text.out


def test_check_paths_still_match_real_hostile_names(site: Site) -> None:
    hostile_site(site)
    result = site.check("check", "docs/proposals/a\n::error file=docs/x.md,line=1::forged.md")
    assert result.code == 1
    assert result.out.splitlines() == [f"docs/proposals/a\\n::error file=docs/x.md,line=1::forged.md:1: front matter: "
                                       f"{FILE_NAME[1]}"]


def utf16(text: str) -> str:
    """What JSON's UTF-16 escapes can carry: a high and a low lone surrogate side by side are one
    character once decoded. (A name decoded with surrogateescape only ever has low ones.)"""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def unescape(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("unicode_escape")


# any character, with the dangerous ones (every line break str.splitlines knows, escapes, lone
# surrogates from undecodable names, a backslash, a colon) made common
TEXT = st.lists(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from(list("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x00\x7f\u202e\\: \udcff\ud800")),
    ),
    max_size=40,
).map("".join)  # not st.text: it merges the alphabet and drops some of these


@settings(max_examples=500, deadline=None)
@given(TEXT, st.integers(1, 10**6), TEXT, TEXT)
def test_a_problem_is_always_one_printable_line(path: str, line: int, field: str, message: str) -> None:
    problem = Problem(path, line, field, message)
    for text in (str(problem), format_text([problem]), format_github([problem]), summary([problem])):
        assert len(text.splitlines()) == 1, text
        text.encode("utf-8")  # no lone surrogate: it prints
        assert not any(escape(ch) != ch for ch in text), text
    assert not str(problem).lstrip().startswith("::")
    # the path's escaping is reversible: two different names never print the same
    assert unescape(escape(path, backslash=True)) == path
    shown = problem.shown_path
    assert unescape(shown.removeprefix("./") if shown != escape(path, backslash=True) else shown) == path
    report = format_json([problem, problem], 1)
    assert all(escape(line) == line for line in report.split("\n"))  # breaks only between JSON's own lines
    assert len(report.splitlines()) == len(report.split("\n"))
    assert json.loads(report)["problems"][0] == {"path": utf16(path), "line": line, "field": utf16(field),
                                                 "message": utf16(problem.message)}


# -- 2. a site schema's every $ref, resolved when the configuration loads ------------------------

def bad_ref_schemas() -> dict[str, tuple[dict[str, object], str]]:
    """schema -> the one line that says what is wrong with it."""
    nothing = "there is nothing at '/$defs/nope' in this schema (expected a pointer to a subschema, such as '#/$defs/name')"
    dangling = {"$ref": "#/$defs/nope"}
    base: list[object] = [{"$ref": BUNDLED_ID}]
    approved = {"properties": {"status": {"const": "approved"}}}
    return {
        "then": ({"allOf": base, "if": approved, "then": {"properties": {"team": dangling}}},
                 f"cannot resolve $ref '#/$defs/nope' at /then/properties/team/$ref: {nothing}"),
        "else": ({"allOf": base, "if": approved, "else": dangling},
                 f"cannot resolve $ref '#/$defs/nope' at /else/$ref: {nothing}"),
        "allOf": ({"allOf": [*base, {"if": approved, "then": dangling}]},
                  f"cannot resolve $ref '#/$defs/nope' at /allOf/1/then/$ref: {nothing}"),
        "anyOf": ({"allOf": base, "anyOf": [True, dangling]},
                  f"cannot resolve $ref '#/$defs/nope' at /anyOf/1/$ref: {nothing}"),
        "not": ({"allOf": base, "not": {"not": dangling}},
                f"cannot resolve $ref '#/$defs/nope' at /not/not/$ref: {nothing}"),
        "dependentSchemas": ({"allOf": base, "dependentSchemas": {"decision": dangling}},
                             f"cannot resolve $ref '#/$defs/nope' at /dependentSchemas/decision/$ref: {nothing}"),
        "$defs": ({"allOf": base, "$defs": {"unused": {"items": dangling}}},
                  f"cannot resolve $ref '#/$defs/nope' at /$defs/unused/items/$ref: {nothing}"),
        "prefixItems": ({"allOf": base, "properties": {"tags": {"prefixItems": [True, dangling]}}},
                        f"cannot resolve $ref '#/$defs/nope' at /properties/tags/prefixItems/1/$ref: {nothing}"),
        "a key with a slash": ({"allOf": base, "patternProperties": {"^x/y~": dangling}},
                               f"cannot resolve $ref '#/$defs/nope' at /patternProperties/^x~1y~0/$ref: {nothing}"),
        "bundled pointer": ({"allOf": base, "then": {"$ref": f"{BUNDLED_ID}#/$defs/nope"}},
                            f"cannot resolve $ref '{BUNDLED_ID}#/$defs/nope' at /then/$ref: there is nothing at "
                            "'/$defs/nope' in the bundled schema (expected a pointer to a subschema, such as "
                            "'#/$defs/name')"),
        "anchor": ({"allOf": base, "else": {"$ref": "#team"}},
                   "cannot resolve $ref '#team' at /else/$ref: there is no anchor 'team'"),
        "relative file": ({"allOf": base, "if": approved, "then": {"$ref": "team.schema.json"}},
                          f"cannot resolve $ref 'team.schema.json' at /then/$ref: there is no such schema {ONLY}"),
        "file URL": ({"allOf": [*base, {"$ref": "file:///etc/passwd"}]},
                     f"cannot resolve $ref 'file:///etc/passwd' at /allOf/1/$ref: a schema elsewhere is never "
                     f"fetched {ONLY}"),
        "not a schema": ({"allOf": base, "then": {"$ref": "#/required"}, "required": ["title"]},
                         "$ref '#/required' at /then/$ref points to a list, not a schema (expected an object or a "
                         "boolean)"),
    }


@pytest.mark.parametrize("case", sorted(bad_ref_schemas()))
def test_every_ref_of_a_site_schema_is_resolved_when_the_config_loads(site: Site, case: str) -> None:
    schema, message = bad_ref_schemas()[case]
    (site.root / "ours.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site.config("schema: ours.schema.json")
    # a page that reaches the conditional: before, every build crashed on it with a traceback
    site.proposal("a.md", "approved", decision={"date": "2026-01-01", "by": "X", "notes": "Y"})
    line = f"'schema': ours.schema.json: {message}"
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.text, build.text
    assert BUILD_ERROR + CONFIG + line in build.err.splitlines(), build.text
    check = site.check("check")
    assert check.code == 2 and "Traceback" not in check.text, check.text
    assert check.err.splitlines() == [CHECK_CONFIG + line]


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A real local server that records every request made to it."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = json.dumps({"type": "object"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/schema+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_a_remote_ref_is_never_fetched(site: Site, http_server: tuple[str, list[str]]) -> None:
    url, requests = http_server
    schema = {"allOf": [{"$ref": BUNDLED_ID}], "if": {"required": ["decision"]},
              "then": {"properties": {"decision": {"$ref": f"{url}/decision.schema.json"}}}}
    (site.root / "ours.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site.config("schema: ours.schema.json")
    site.proposal("a.md", "approved")
    line = (f"'schema': ours.schema.json: cannot resolve $ref '{url}/decision.schema.json' at "
            f"/then/properties/decision/$ref: a schema elsewhere is never fetched {ONLY}")
    build = site.build()
    assert build.code == 1 and BUILD_ERROR + CONFIG + line in build.err.splitlines(), build.text
    check = site.check("check")
    assert check.code == 2 and check.err.splitlines() == [CHECK_CONFIG + line], check.text
    assert requests == []


def test_refs_that_resolve_anywhere_still_work(site: Site) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/ours.schema.json",
        "allOf": [{"$ref": BUNDLED_ID}],
        "$defs": {"team": {"$anchor": "team", "enum": ["growth", "platform"]}},
        "if": {"properties": {"status": {"const": "approved"}}},
        "then": {"required": ["team"], "properties": {"team": {"$ref": "#team"},
                                                      "reviewed_on": {"$ref": f"{BUNDLED_ID}#/$defs/date"}}},
        "else": {"properties": {"team": {"$ref": "#/$defs/team"}}},
        "examples": [{"$ref": "data, not a reference"}],
    }
    (site.root / "ours.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    site.config("schema: ours.schema.json")
    site.proposal("a.md", "draft", team="growth")
    site.proposal("b.md", "approved", i=1, team="growth", reviewed_on="2026-02-31")
    check = site.check("check")
    assert check.code == 1, check.text
    assert check.out.splitlines() == [
        f"docs/proposals/b.md:{line}: reviewed_on: '2026-02-31' is not a valid date, February has 28 days in 2026 (expected YYYY-MM-DD)"
        for line in [check.out.split(":")[1]]
    ]
    build = site.build()
    assert build.code == 1 and "reviewed_on: '2026-02-31' is not a valid date" in build.text


# -- 3. `dir`: a folder strictly inside docs_dir -------------------------------------------------

EXPECTED = "(expected a folder inside docs_dir, such as 'proposals')"
BAD_DIRS = {
    # YAML value in mkdocs.yml -> the error
    "x/../../..": f"'x/../../..' leads outside docs_dir {EXPECTED}",
    "../outside": f"'../outside' leads outside docs_dir {EXPECTED}",
    "..": f"'..' leads outside docs_dir {EXPECTED}",
    "proposals/..": f"'proposals/..' is docs_dir itself {EXPECTED}",
    ".": f"'.' is docs_dir itself {EXPECTED}",
    "./": f"'./' is docs_dir itself {EXPECTED}",
    "''": f"'' names no folder {EXPECTED}",
    "/": f"'/' names no folder {EXPECTED}",
    "//server/share": f"'//server/share' is an absolute path {EXPECTED}",
    "C:/docs/proposals": f"'C:/docs/proposals' is an absolute path {EXPECTED}",
    "'proposals\\2026'": "'proposals\\\\2026' contains a backslash (expected '/' between folders, such as "
                         "'proposals/2026')",
    '"a\\nb"': f"'a\\nb' contains a control character {EXPECTED}",
    '"a\\eb"': f"'a\\x1bb' contains a control character {EXPECTED}",
    '"a\\u2028b"': f"'a\\u2028b' contains a control character {EXPECTED}",
}


@pytest.mark.parametrize("value", sorted(BAD_DIRS))
def test_dir_outside_docs_dir_is_a_config_error(site: Site, value: str) -> None:
    site.proposal("a.md", "draft", owner=None)
    site.config(f"dir: {value}")
    line = f"'dir': {BAD_DIRS[value]}"
    build = site.build()
    assert build.code == 1 and "Traceback" not in build.text, build.text
    assert BUILD_ERROR + CONFIG + line in build.err.splitlines(), build.text
    check = site.check("check")
    assert check.code == 2, check.text
    assert check.err.splitlines() == [CHECK_CONFIG + line]


def dir_option(value: object) -> tuple[list[str], str]:
    options = PrfaqConfig()
    options.load_dict({"dir": value})
    errors, _ = options.validate()
    return [f"{key}: {error}" for key, error in errors], options.dir


@pytest.mark.parametrize(("value", "canonical"), [
    ("proposals", "proposals"), ("./proposals/", "proposals"), ("/proposals/", "proposals"),
    ("proposals//", "proposals"), ("a//b", "a/b"), ("./a/./b/", "a/b"), ("x/../proposals", "proposals"),
    (" work/proposals ", "work/proposals"),
])
def test_harmless_dir_forms_are_normalised(value: str, canonical: str) -> None:
    assert dir_option(value) == ([], canonical)


def test_dir_errors_read_as_one_line() -> None:
    assert dir_option("a/../../b") == ([f"dir: 'a/../../b' leads outside docs_dir {EXPECTED}"], "a/../../b")


def test_a_normalised_dir_builds_its_index_where_it_belongs(site: Site) -> None:
    (site.docs / "work" / "proposals").mkdir(parents=True)
    site.config("dir: ./work//proposals/")
    (site.docs / "work" / "proposals" / "a.md").write_text(
        (site.proposal("a.md", "draft")).read_text(encoding="utf-8"), encoding="utf-8")
    (site.docs / "proposals" / "a.md").unlink()
    build = site.build("--strict")
    assert build.code == 0, build.text
    built = site.root / "site" / "work" / "proposals"
    assert (built / "index.html").is_file() and (built / "a" / "index.html").is_file()
    check = site.check("check", "--format", "json")
    assert check.code == 0 and json.loads(check.out)["checked"] == 1
