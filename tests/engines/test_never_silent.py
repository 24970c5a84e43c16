"""Issue #12, "never a silent wrong answer": YAML's surprises in the author's words, unknown and
misspelt keys, dates out of order, duplicate ids at the line that claims them, and `check` reading
only what it needs from mkdocs.yml (or zensical.toml), through the real CLI and real builds."""

from __future__ import annotations

import shlex

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract.frontmatter import NO_FRONT_MATTER
from mkdocs_prfaq.contract.model import Proposal, cross_check, load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import ROOT, Site, prfaq

VALIDATOR = build_validator()
HEAD = "---\ntitle: T\nstatus: draft\nowner: O\ncreated: 2026-01-01\n"  # lines 1-5
P = "docs/proposals/p.md"


def lines(text: str, unknown_keys: str = "warn") -> list[str]:
    proposal, problems = load_page("proposals/p.md", P, text, VALIDATOR, unknown_keys=unknown_keys)
    return [str(p) for p in problems] + [f"warning: {w}" for w in proposal.warnings]


# -- 1. YAML's surprises, in the author's words ---------------------------------------------

def test_a_tab_indent() -> None:
    assert lines(HEAD + "faq:\n\texternal: []\n---\n") == [
        f"{P}:7: front matter: invalid YAML: this line is indented with a tab "
        "(expected spaces: YAML indents with spaces only)"
    ]


def test_an_unquoted_colon() -> None:
    assert lines(HEAD + "subtitle: Note: this matters\n---\n") == [
        f"{P}:6: front matter: invalid YAML: the value of 'subtitle' contains ': ' "
        '(quote the value: subtitle: "Note: this matters")'
    ]
    assert lines(HEAD + "faq:\n  external:\n    - question: Why: because\n      answer: A\n---\n") == [
        f"{P}:8: front matter: invalid YAML: the value of 'question' contains ': ' "
        '(quote the value: question: "Why: because")'
    ]


def test_booleans_null_and_numbers_where_text_is_expected() -> None:
    answers = ["No", "yes", "null", "2027"]
    faq = "".join(f"    - question: Q{i}\n      answer: {a}\n" for i, a in enumerate(answers))
    assert lines(HEAD + "faq:\n  external:\n" + faq + "---\n") == [
        f'{P}:9: faq.external.0.answer: YAML reads No as false (expected text: write "No" in quotes)',
        f'{P}:11: faq.external.1.answer: YAML reads yes as true (expected text: write "yes" in quotes)',
        f'{P}:13: faq.external.2.answer: YAML reads null as no value (expected text: write "null" in quotes)',
        f'{P}:15: faq.external.3.answer: YAML reads 2027 as a number (expected text: write "2027" in quotes)',
    ]
    assert lines(HEAD + "tags: [roadmap, 2027]\n---\n") == [
        f'{P}:6: tags.1: YAML reads 2027 as a number (expected text: write "2027" in quotes)'
    ]
    assert lines(HEAD + 'subtitle: "No"\n---\n') == []


def test_impossible_dates_say_why() -> None:
    page = "---\ntitle: T\nstatus: draft\nowner: O\ncreated: {}\n---\n"
    assert lines(page.format("2027-02-30")) == [
        f"{P}:5: created: '2027-02-30' is not a valid date, February has 28 days in 2027 (expected YYYY-MM-DD)"
    ]
    assert lines(page.format("2028-02-29")) == []
    assert lines(page.format("2026-04-31")) == [
        f"{P}:5: created: '2026-04-31' is not a valid date, April has 30 days (expected YYYY-MM-DD)"
    ]
    assert lines(page.format("2026-13-01")) == [
        f"{P}:5: created: '2026-13-01' is not a valid date, there is no month 13 (expected YYYY-MM-DD)"
    ]


def test_a_value_cut_short_by_a_comment() -> None:
    page = "---\ntitle: Why is this our #1 priority?\nstatus: draft  # a comment stays a comment\nowner: O\n" \
           "created: 2026-01-01\ntags:\n  - growth #ops\n---\n"
    assert lines(page) == [
        f"{P}:2: title: YAML reads '#1 priority?' as a comment and keeps only 'Why is this our' "
        '(quote the value: title: "Why is this our #1 priority?")',
        f"{P}:7: tags.0: YAML reads '#ops' as a comment and keeps only 'growth' (quote the value: - \"growth #ops\")",
    ]
    assert lines(page.replace("Why is this our #1 priority?", '"Why is this our #1 priority?"')
                 .replace("growth #ops", "growth")) == []


WORD = st.text(alphabet="abcXYZ", min_size=1, max_size=4)
REST = st.text(alphabet="ab #:!?-,1", max_size=12).filter(lambda t: "# " not in t and not t.endswith("#"))


@settings(max_examples=300, deadline=None)
@given(WORD, REST)
def test_a_plain_title_is_read_whole_or_reported(word: str, rest: str) -> None:
    """Never a silent wrong answer: whatever YAML makes of an unquoted title, either the page gets
    it exactly as written or a problem names the title's line (a '# ' comment is a comment)."""
    written = word + rest
    text = f"---\ntitle: {written}\nstatus: draft\nowner: O\ncreated: 2026-01-01\n---\n"
    proposal, problems = load_page("proposals/p.md", P, text, VALIDATOR)
    if not any(p.line == 2 for p in problems):
        assert proposal.data.get("title") == written.strip(), (written, [str(p) for p in problems])


# -- 2. unknown top-level keys ----------------------------------------------------------------

def test_a_near_miss_is_an_error_and_other_keys_follow_unknown_keys() -> None:
    page = HEAD + "tag: [a]\nudpated: 2026-02-01\nrelatd: [x]\nteam: growth\n" \
                  "hide: [toc]\ntemplate: x.html\nsearch: {exclude: true}\ndescription: D\nicon: i\n---\n"
    near = [f"{P}:6: tag: unknown key; did you mean 'tags'?",
            f"{P}:7: udpated: unknown key; did you mean 'updated'?",
            f"{P}:8: relatd: unknown key; did you mean 'related'?"]
    team = f"{P}:9: team: unknown key (expected a PR/FAQ field; unknown_keys: allow accepts keys of your own)"
    assert lines(page) == [*near, f"warning: {team}"]
    assert lines(page, "error") == [*near, team]
    assert lines(page, "allow") == near
    assert lines(HEAD + "reviewed_by: [R]\nOwner: y\npress-release: {}\n---\n") == [
        f"{P}:7: Owner: unknown key; did you mean 'owner'?",
        f"{P}:8: press-release: unknown key; did you mean 'press_release'?",
        f"warning: {P}:6: reviewed_by: unknown key (expected a PR/FAQ field; unknown_keys: allow accepts keys of "
        "your own); did you mean 'reviewers'?",
    ]


def test_a_missing_field_points_at_the_key_that_looks_like_it() -> None:
    page = "---\ntitle: T\nstatus: in-review\nowner: O\ncreated: 2026-01-01\nreviewers: [R]\nquotes: []\nfaq: {}\n" \
           "subtitel: S\n---\n"
    assert [p for p in lines(page) if "subtit" in p] == [
        f"{P}:9: subtitle: missing (status 'in-review' requires it); 'subtitel' at line 9 looks like it"
    ]


def test_a_site_schema_s_own_fields_are_known() -> None:
    schema = {"$ref": "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json",
              "properties": {"team": {"type": "string"}}}
    validator = build_validator(schema)
    _, problems = load_page("proposals/p.md", P, HEAD + "team: growth\nteem: x\n---\n", validator)
    assert [str(p) for p in problems] == [f"{P}:7: teem: unknown key; did you mean 'team'?"]


# -- 5. dates in order, duplicate ids ---------------------------------------------------------

def test_updated_and_decision_date_not_before_created() -> None:
    page = HEAD + "updated: 2025-12-01\ndecision:\n  date: 2025-11-01\n  by: [A]\n  summary: S\n---\n"
    assert lines(page) == [
        f"{P}:6: updated: '2025-12-01' is before created, '2026-01-01' at line 5 (expected a date on or after created)",
        f"{P}:8: decision.date: '2025-11-01' is before created, '2026-01-01' at line 5 "
        "(expected a date on or after created)",
    ]
    assert lines(HEAD + "updated: 2026-01-01\n---\n") == []


def test_a_duplicate_id_is_reported_at_the_page_that_claims_it() -> None:
    b = Proposal("proposals/b.md", "docs/proposals/b.md", {"id": "c"}, {("id",): 7}, "")
    c = Proposal("proposals/c.md", "docs/proposals/c.md", {}, {}, "")
    assert [str(p) for p in cross_check([b, c])] == [
        "docs/proposals/b.md:7: id: id 'c' is used by both docs/proposals/b.md and docs/proposals/c.md "
        "(expected a unique id)"
    ]
    x1 = Proposal("proposals/2025/x.md", "docs/proposals/2025/x.md", {}, {}, "")
    x2 = Proposal("proposals/2026/x.md", "docs/proposals/2026/x.md", {}, {}, "")
    assert [str(p) for p in cross_check([x1, x2])] == [
        "docs/proposals/2026/x.md:1: id: id 'x' (from the file name) is used by both docs/proposals/2026/x.md and "
        "docs/proposals/2025/x.md (expected a unique id: set id: in one of them)"
    ]


# -- through the real CLI and builds ------------------------------------------------------------

def test_check_and_build_report_the_same_lines(site: Site) -> None:
    site.page("a.md", "---\ntitle: Why is this our #1 priority?\nstatus: draft\nowner: O\ncreated: 2027-02-30\n"
                      "tag: [x]\nteam: growth\n---\n")
    expected = [
        "docs/proposals/a.md:2: title: YAML reads '#1 priority?' as a comment and keeps only 'Why is this our' "
        '(quote the value: title: "Why is this our #1 priority?")',
        "docs/proposals/a.md:5: created: '2027-02-30' is not a valid date, February has 28 days in 2027 "
        "(expected YYYY-MM-DD)",
        "docs/proposals/a.md:6: tag: unknown key; did you mean 'tags'?",
    ]
    warning = ("docs/proposals/a.md:7: team: unknown key (expected a PR/FAQ field; unknown_keys: allow accepts keys "
               "of your own)")
    checked = site.check("check")
    assert (checked.code, checked.out.splitlines()) == (1, expected), checked.text
    assert checked.err.splitlines() == [f"warning: {warning}", "3 problems in 1 PR/FAQ; 1 warning"]
    built = site.build()
    assert built.code == 1 and "Traceback" not in built.text
    logged = [line.split("-  ", 1)[1] for line in built.err.splitlines() if "docs/proposals/a.md:" in line]
    assert sorted(logged) == sorted([*expected, warning])
    assert f"WARNING -  {warning}" in built.err


def test_unknown_keys_option_in_the_build(site: Site) -> None:
    page = site.proposal("a.md", "draft", team="growth")
    at = page.read_text(encoding="utf-8").splitlines().index("team: growth") + 1
    site.config("unknown_keys: error")
    built = site.build()
    line = (f"docs/proposals/a.md:{at}: team: unknown key (expected a PR/FAQ field; unknown_keys: allow accepts keys "
            "of your own)")
    assert built.code == 1 and f"ERROR   -  {line}" in built.err, built.err
    site.config("unknown_keys: allow")
    assert site.build("--strict").code == 0
    site.config("")
    strict = site.build("--strict")
    assert strict.code == 1 and f"WARNING -  {line}" in strict.err


def test_plugin_options_and_labels_say_did_you_mean(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.config("dirr: proposals")
    checked = site.check("check")
    assert checked.code == 0
    assert ("warning: mkdocs.yml: plugin 'prfaq' option 'dirr': Unrecognised configuration name: dirr; "
            "did you mean 'dir'?") in checked.err.splitlines()
    built = site.build()
    assert ("WARNING -  Config value 'plugins': Plugin 'prfaq' option 'dirr': Unrecognised configuration name: dirr;"
            " did you mean 'dir'?") in built.err.splitlines()
    site.config("limits:\n  faq_word: 10")
    assert ("warning: mkdocs.yml: plugin 'prfaq' option 'limits': Sub-option 'faq_word': Unrecognised configuration "
            "name: faq_word; did you mean 'faq_words'?") in site.check("check").err.splitlines()
    site.config("labels:\n  internl_faq: Business FAQ")
    checked = site.check("check")
    [line] = checked.err.splitlines()
    assert checked.code == 2
    assert line.startswith("mkdocs-prfaq: error: mkdocs.yml: plugin 'prfaq' option 'labels': unknown label(s): "
                           "internl_faq (see the configuration reference")
    assert line.endswith("; did you mean 'internal_faq'?")


# -- 3. check reads only what it needs --------------------------------------------------------

NOT_INSTALLED = ["git-revision-date-localized", "techdocs-core", "mkdocstrings", "macros", "awesome-pages"]


def hostile_config(site: Site) -> None:
    """A site whose mkdocs.yml inherits its theme and plugins, lists five plugins that are not
    installed, reads the plugin's folder from the environment, and carries Python tags."""
    (site.root / "base.yml").write_text(
        "site_name: Base\ntheme:\n  name: company-theme-not-installed\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - pymdownx.snippets:\n      base_path: !relative $config_dir/snippets\n"
        "  - evil: !!python/object/apply:os.system ['touch pwned']\n",
        encoding="utf-8")
    plugins = "".join(f"  - {name}\n" for name in NOT_INSTALLED)
    (site.root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: !ENV [SITE_NAME, Ideas]\n"
        f"plugins:\n  - search\n{plugins}"
        "  - prfaq:\n      dir: !ENV [PRFAQ_TEST_DIR, proposals]\n      on_invalid: !ENV PRFAQ_TEST_ON_INVALID\n"
        "      enabled: !ENV [PRFAQ_TEST_UNSET, true]\n"
        "exclude_docs: |\n  ideas/drafts/\n",
        encoding="utf-8")


def test_check_and_the_pre_commit_hook_on_a_site_with_plugins_not_installed(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRFAQ_TEST_DIR", "ideas")
    monkeypatch.setenv("PRFAQ_TEST_ON_INVALID", "warn")
    monkeypatch.delenv("PRFAQ_TEST_UNSET", raising=False)
    hostile_config(site)
    ideas = site.docs / "ideas"
    (ideas / "drafts").mkdir(parents=True)
    site.proposal("../ideas/a.md", "approved")
    (ideas / "drafts" / "wip.md").write_text("---\ntitle: [unfinished\n---\n", encoding="utf-8")  # exclude_docs
    site.page("b.md", "---\ntitle: not an idea\n---\n")  # docs/proposals is not the plugin's folder here
    checked = site.check("check")
    assert (checked.code, checked.out, checked.err) == (0, "", "1 PR/FAQ checked, no problems\n")
    assert not (site.root / "pwned").exists()

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mkdocs-prfaq", entry  # the console script, run here through its main
    hooked = prfaq(entry[1:], site.root)
    assert (hooked.code, hooked.err) == (0, "1 PR/FAQ checked, no problems\n"), hooked.text

    (ideas / "c.md").write_text("---\ntitle: C\nstatus: draft\nowner: O\ncreated: 2026-01-01\nupdated: 2025-01-01\n---\n",
                                encoding="utf-8")
    hooked = prfaq(entry[1:], site.root)
    assert (hooked.code, hooked.out) == (1, "docs/ideas/c.md:6: updated: '2025-01-01' is before created, "
                                            "'2026-01-01' at line 5 (expected a date on or after created)\n")


def test_check_paths_that_name_no_pr_faq_are_usage_errors(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.proposal("2026/b.md", "draft")
    assert site.check("check", "docs/proposals/a.md").code == 0
    assert site.check("check", "docs/proposals/2026").err == "1 PR/FAQ checked, no problems\n"
    nope = site.check("check", "docs/proposals/nope.md")
    assert (nope.code, nope.err) == (2, "mkdocs-prfaq: error: docs/proposals/nope.md: no such file or folder "
                                        "(expected a PR/FAQ page)\n")
    home = site.check("check", "docs/index.md")
    assert (home.code, home.err) == (2, "mkdocs-prfaq: error: docs/index.md: matches no PR/FAQ (expected a .md page "
                                        "under docs/proposals/ other than its index.md and those the plugin's "
                                        "exclude names)\n")


def test_exclude_option_in_check_and_build(site: Site) -> None:
    site.proposal("a.md", "draft")
    site.page("README.md", "# How to write a proposal\n")
    site.page("templates/blank.md", "---\ntitle:\n---\n")
    site.page("2026/README.md", "# Not excluded: only the top README is\n")
    site.config('exclude: ["templates/*", "README.md"]')
    checked = site.check("check")
    assert (checked.code, checked.out) == (1, f"docs/proposals/2026/README.md:1: front matter: {NO_FRONT_MATTER}\n")
    site.config('exclude: ["templates", "**/README.md"]')
    assert site.check("check").err == "1 PR/FAQ checked, no problems\n"
    assert site.build().code == 0


def test_zensical_toml(site: Site) -> None:
    (site.root / "mkdocs.yml").unlink()
    content = site.root / "content" / "ideas"
    content.mkdir(parents=True)
    (content / "a.md").write_text("---\ntitle: A\nstatus: draft\nowner: O\ncreated: 2026-02-30\n---\n", encoding="utf-8")
    (site.root / "zensical.toml").write_text(
        '[project]\nsite_name = "Z"\ndocs_dir = "content"\n\n[project.plugins.prfaq]\ndir = "ideas"\n', encoding="utf-8")
    checked = site.check("check")
    assert (checked.code, checked.out) == (1, "content/ideas/a.md:5: created: '2026-02-30' is not a valid date, "
                                              "February has 28 days in 2026 (expected YYYY-MM-DD)\n")
    (site.root / "zensical.toml").write_text('[project]\nsite_name = "Z"\ndocs_dir = "content"\n', encoding="utf-8")
    assert site.check("check").err == "0 PR/FAQs checked, no problems\n"
