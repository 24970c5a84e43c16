"""The site's own process (#12): its statuses, what each requires, and pages with problems
shown as invalid, never as a status they do not validly have.

Two real lifecycles, built end to end in both themes: the Green Software Foundation's (pre-draft,
draft, live; the status is the page's folder) and AWS CDK's RFC lifecycle (proposed, review,
approved, planning, implementing, done, rejected).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.generate import prfaq_page, proposal_data
from mkdocs_prfaq.config import PrfaqConfig, lifecycle_of
from mkdocs_prfaq.contract.lifecycle import (
    DEFAULT,
    Lifecycle,
    make,
    parse_requirements,
    parse_statuses,
    rules,
)
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import BUNDLED_ID, build_validator, bundled_schema
from mkdocs_prfaq.layout.statusstyle import contrast, text_on
from mkdocs_prfaq.site import site_validator

from ..browser import chromium, serve
from ..conftest import ROOT, Site

EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "proposals-export.schema.json").read_text())
THEMES = ("mkdocs", "material")

CDK = """\
statuses:
  proposed: {level: thin}
  review: {level: complete, colour: "#8a5300"}
  approved: {level: decided}
  planning: {level: decided, colour: "#0b7285"}
  implementing: {level: decided, colour: "#5f3dc4", dark_colour: "#d0bfff"}
  done: {level: launched, label: "Done & <dusted>"}
  rejected: {level: closed, open: false}
labels:
  review: Under review
"""
CDK_NAMES = ["proposed", "review", "approved", "planning", "implementing", "done", "rejected"]
LIKE = {"proposed": "draft", "review": "in-review", "approved": "approved", "planning": "approved",
        "implementing": "approved", "done": "launched", "rejected": "rejected"}
"""A built-in status with the same requirements: its generated proposal is complete for ours."""

GSF = """\
status_from: folder
statuses:
  pre-draft: thin
  draft: {level: thin, label: Draft}
  live: {level: decided, colour: "#1d6b35"}
"""


def page_of(i: int, like: str, status: str | None, **changes: Any) -> str:
    data = proposal_data(i, like)
    data["id"] = changes.pop("id")
    if status is None:
        data.pop("status")
    else:
        data["status"] = status
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return prfaq_page(data)


def built(tmp: Path, theme: str, options: str, pages: dict[str, str], *, extra: str = "") -> Site:
    site = Site(tmp)
    site.config(options, theme=theme, extra=extra)
    for name, text in pages.items():
        site.page(name, text)
    (site.docs / "reference.md").write_text("# Fields\n\n<!-- prfaq:reference schema -->\n", encoding="utf-8")
    result = site.build("--strict")
    assert result.code == 0, result.text
    return site


def html_of(site: Site, path: str) -> str:
    return site.html(f"{path}/index.html")


@pytest.fixture(scope="module", params=THEMES)
def cdk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    pages = {f"{s}-{n}.md": page_of(i * 2 + n, LIKE[s], s, id=f"{s}-{n}")
             for i, s in enumerate(CDK_NAMES) for n in range(1 if s != "proposed" else 2)}
    return built(tmp_path_factory.mktemp(f"cdk-{request.param}"), request.param, CDK, pages)


@pytest.fixture(scope="module", params=THEMES)
def gsf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    pages = {
        "pre-draft/idea.md": page_of(1, "draft", None, id="idea"),
        "draft/carbon-aware.md": page_of(2, "draft", "draft", id="carbon-aware"),  # agrees with its folder
        "live/sci.md": page_of(3, "approved", None, id="sci"),
        "live/impact.md": page_of(4, "approved", None, id="impact"),
    }
    return built(tmp_path_factory.mktemp(f"gsf-{request.param}"), request.param, GSF, pages)


def badge(page: str) -> tuple[str, str]:
    m = re.search(r'<span class="prfaq-badge prfaq-badge--([\w-]+)" title="Status">([^<]*)</span>', page)
    assert m, page[:500]
    return m.group(1), m.group(2)


def groups(page: str) -> list[tuple[str, bool]]:
    return [(s, bool(o)) for s, o in
            re.findall(r'<details class="prfaq-group prfaq-group--([\w-]+)" data-status="\1"( open)?>', page)]


def test_cdk_lifecycle_end_to_end(cdk: Site) -> None:
    assert badge(html_of(cdk, "proposals/review-0")) == ("review", "Under review")
    done = html_of(cdk, "proposals/done-0")
    assert badge(done) == ("done", "Done &amp; &lt;dusted&gt;"), "a label from the config is text"
    assert "<dusted>" not in done
    if "material" in done:  # Material prints the label unescaped: the plugin gives it escaped
        assert 'class="md-status md-status--done" title="Done &amp; &lt;dusted&gt;"' in done
    planning = html_of(cdk, "proposals/planning-0")
    assert badge(planning) == ("planning", "Planning")
    assert 'class="admonition success prfaq-decision"' in planning, "decided: the decision shows as a go"
    assert 'class="admonition failure prfaq-decision"' in html_of(cdk, "proposals/rejected-0")
    index = html_of(cdk, "proposals")
    assert groups(index) == [(s, s != "rejected") for s in CDK_NAMES], "lifecycle order; closed ones collapsed"
    assert ('id="prfaq-chart-title" class="prfaq-visually-hidden">Proposals: Proposed 2, Under review 1, Approved 1, Planning 1, '
            'Implementing 1, Done &amp; &lt;dusted&gt; 1, Rejected 1<') in index
    assert 'class="prfaq-bar prfaq-bar--implementing"' in index
    chips = re.findall(r'<input type="checkbox" name="status" value="([\w-]+)"> ([^<]*)</label>', index)
    assert chips[:2] == [("proposed", "Proposed"), ("review", "Under review")] and len(chips) == 7
    for s in CDK_NAMES:  # a page per status
        status_page = html_of(cdk, f"proposals/status/{s}")
        assert groups(status_page) == [(s, True)]  # its one group open, a closed status's too
    roadmap = html_of(cdk, "proposals/roadmap")
    on_roadmap = re.findall(r'prfaq-badge--([\w-]+)">', roadmap)
    assert sorted(on_roadmap) == ["approved", "done", "implementing", "planning"], "decided and launched levels"
    css = cdk.html("assets/prfaq/statuses.css")
    assert ".prfaq-badge--planning { --prfaq-status-bg: #0b7285; --prfaq-status-fg: #ffffff; }" in css
    assert '.prfaq-badge--implementing { --prfaq-status-bg: #d0bfff; --prfaq-status-fg: #000000; }' in css
    assert "draft" not in css and "prfaq-badge--review" in css
    data = json.loads(cdk.html("proposals/proposals.json"))
    jsonschema.validate(data, EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [s["name"] for s in data["statuses"]] == CDK_NAMES
    assert data["statuses"][1] == {"name": "review", "label": "Under review", "level": "complete", "open": True,
                                   "colour": "#8a5300"}
    assert {p["id"]: p["status"] for p in data["proposals"]}["implementing-0"] == "implementing"
    assert all(p["valid"] and p["problems"] == [] for p in data["proposals"])
    # the front-matter reference shows the site's rules
    reference = html_of(cdk, "reference")
    subtitle = next(row for row in reference.split("<tr>") if "<code>subtitle</code>" in row)
    assert all(f"<code>{s}</code>" in subtitle for s in ("review", "approved", "planning", "implementing", "done"))
    assert "<code>proposed</code>" not in subtitle
    if "material" in cdk.html("index.html"):
        # the navigation marks each proposal's link in its status colour (nav-status.css)
        nav = cdk.html("assets/prfaq/nav-status.css")
        assert "--prfaq-nav-colour: var(--prfaq-nav-planning)" in nav and "--prfaq-nav-planning: #" in nav
        assert "--prfaq-nav-colour: var(--prfaq-nav-review)" in nav and "--prfaq-nav-review: #8a5300" in nav


def test_gsf_lifecycle_by_folder_end_to_end(gsf: Site) -> None:
    assert badge(html_of(gsf, "proposals/pre-draft/idea")) == ("pre-draft", "Pre-draft")
    assert badge(html_of(gsf, "proposals/draft/carbon-aware")) == ("draft", "Draft")
    sci = html_of(gsf, "proposals/live/sci")
    assert badge(sci) == ("live", "Live") and "prfaq-decision" in sci
    index = html_of(gsf, "proposals")
    assert groups(index) == [("pre-draft", True), ("draft", True), ("live", True)]
    assert 'id="prfaq-chart-title" class="prfaq-visually-hidden">Proposals: Pre-draft 1, Draft 1, Live 2<' in index
    assert groups(html_of(gsf, "proposals/status/live")) == [("live", True)]
    data = json.loads(gsf.html("proposals/proposals.json"))
    jsonschema.validate(data, EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert {p["id"]: p["status"] for p in data["proposals"]} == {"idea": "pre-draft", "carbon-aware": "draft",
                                                                 "sci": "live", "impact": "live"}
    assert "md-status--live" in gsf.html("assets/prfaq/statuses.css")
    check = gsf.check("check")
    assert check.code == 0, check.text


def test_status_from_folder_problems(site: Site) -> None:
    site.config(GSF)
    site.page("loose.md", page_of(1, "draft", "draft", id="loose"))
    site.page("live/wrong.md", page_of(2, "approved", "draft", id="wrong"))
    site.page("livee/typo.md", page_of(3, "draft", None, id="typo"))
    result = site.check("check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert ("docs/proposals/loose.md:3: status: with status_from: folder, a page's folder is its status, but it "
            "is not in a status folder (expected one of the folders: pre-draft, draft, live)") in lines
    assert ("docs/proposals/live/wrong.md:3: status: 'draft' disagrees with the page's folder 'live' (expected "
            "'live' or no status: with status_from: folder the folder is the status)") in lines
    assert any(line.startswith("docs/proposals/livee/typo.md:1: status: with status_from: folder") and
               line.endswith("did you mean 'live'?") for line in lines), lines
    assert len(lines) == 3, "the folder's status is the page's: the schema checks it as live, with no more noise"


def test_new_follows_the_lifecycle(site: Site) -> None:
    site.config(CDK)
    made = site.check("new", "Faster synth", "--owner", "Ana", "--status", "planning")
    assert made.code == 0, made.text
    text = (site.docs / "proposals" / "faster-synth.md").read_text()
    assert "status: planning" in text and "decision:" in text and "\nsubtitle:" in text
    wrong = site.check("new", "Other", "--owner", "Ana", "--status", "reviw")
    assert wrong.code == 2 and "--status 'reviw' is not one of this site's statuses" in wrong.err
    assert "did you mean 'review'?" in wrong.err
    first = site.check("new", "Default status", "--owner", "Ana", "--id", "first")
    assert first.code == 0 and "status: proposed" in (site.docs / "proposals" / "first.md").read_text()
    site.config(GSF)
    folder = site.check("new", "By folder", "--owner", "Ana", "--status", "live")
    assert folder.code == 0, folder.text
    text = (site.docs / "proposals" / "live" / "by-folder.md").read_text()
    assert "status:" not in text.split("---")[1].split("#")[0] and "decision:" in text


def test_schema_command_prints_the_effective_schema(site: Site) -> None:
    site.config(CDK + "requirements: {external_questions: 5}\n")
    schema = json.loads(site.check("schema").out)
    assert schema["$defs"]["status"]["enum"] == CDK_NAMES
    full = schema["allOf"][0]
    assert full["if"]["properties"]["status"]["enum"] == ["review", "approved", "planning", "implementing", "done"]
    assert full["then"]["properties"]["faq"]["properties"]["external"] == {"minItems": 5}
    (site.root / "ours.schema.json").write_text(json.dumps({
        "allOf": [{"$ref": BUNDLED_ID}], "required": ["team"], "properties": {"team": {"type": "string"}}}))
    site.config(CDK + "schema: ours.schema.json\n")
    schema = json.loads(site.check("schema").out)
    assert schema["$defs"]["mkdocs-prfaq"]["$defs"]["status"]["enum"] == CDK_NAMES
    # self-contained: plain jsonschema, no registry, resolves the bundled part from inside it
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"title": "T", "status": "draft", "owner": "O", "created": "2026-01-01",
                                   "team": "x"}), "draft is not a CDK status"
    assert validator.is_valid({"title": "T", "status": "proposed", "owner": "O", "created": "2026-01-01", "team": "x"})
    assert not validator.is_valid({"title": "T", "status": "proposed", "owner": "O", "created": "2026-01-01"})


# -- requirements ----------------------------------------------------------------------------

def problems(lifecycle: Lifecycle, data: dict[str, Any], schema_path: str | None = None) -> list[str]:
    validator = site_validator(schema_path, lifecycle)
    assert validator.compiled, "the generated schema keeps the compiled fast path"
    _, found = load_page("proposals/p.md", "p.md", prfaq_page(data), validator, lifecycle=lifecycle)
    assert validator.is_valid(data) == validator.jsonschema.is_valid(data)
    return [str(p).split(": ", 1)[1] for p in found]


def in_review(**changes: Any) -> dict[str, Any]:
    data = proposal_data(3, "in-review")
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_relaxing_requirements() -> None:
    relaxed = make(requirements=parse_requirements({
        "quotes": ["leader", "leader"], "internal_questions": 0,
        "press_release": ["summary", "problem", "solution"]}))
    data = in_review()
    leader = dict(data["quotes"][0])
    data["quotes"] = [leader, dict(leader, name="Another Leader")]  # two leader quotes, no customer quote
    data["faq"] = {"external": data["faq"]["external"]}  # a single FAQ list
    for part in ("getting_started", "closing"):
        del data["press_release"][part]
    assert problems(relaxed, data) == []
    assert len(problems(DEFAULT, data)) == 3, "the built-in rules: a customer quote, faq.internal, getting_started"
    data["quotes"] = [leader]
    assert problems(relaxed, data) == ["quotes: needs 2 quotes with kind 'leader' (status 'in-review' requires it)"]
    none = make(requirements=parse_requirements({"subtitle": False, "dateline": False, "reviewers": 0, "quotes": [],
                                                 "press_release": [], "external_questions": 0,
                                                 "internal_questions": 0}))
    assert problems(none, {"title": "T", "status": "in-review", "owner": "O", "created": "2026-01-01"}) == []


def test_tightening_requirements_and_a_site_schema_on_top(tmp_path: Path) -> None:
    tight = make(requirements=parse_requirements({
        "external_questions": 5, "reviewers": 2, "customer": ["who"],
        "press_release": ["summary", "problem", "solution", "getting_started", "closing"],
        "quote_kinds": ["leader", "customer", "partner"], "quotes": ["leader", "customer", "partner"]}))
    data = in_review(reviewers=["Ana"])
    del data["press_release"]["closing"]
    del data["customer"]
    assert sorted(problems(tight, data)) == sorted([
        "press_release.closing: missing (status 'in-review' requires it)",
        "customer: missing (status 'in-review' requires it)",
        "quotes: needs a quote with kind 'partner' (status 'in-review' requires it)",
        "faq.external: 4 questions, status 'in-review' needs at least 5",
        "reviewers: 1 reviewer, status 'in-review' needs at least 2",
    ])
    partner = dict(data["quotes"][1], kind="partner")
    assert problems(DEFAULT, dict(in_review(), quotes=[*data["quotes"], partner])) == [
        "quotes.2.kind: unknown value 'partner' (expected one of: leader, customer)"]
    # a site schema still applies on top of the site's requirements
    schema = tmp_path / "ours.schema.json"
    schema.write_text(json.dumps({"allOf": [{"$ref": BUNDLED_ID}], "required": ["team"]}))
    relaxed = make(requirements=parse_requirements({"internal_questions": 0}))
    data = in_review()
    del data["faq"]["internal"]
    assert problems(relaxed, data, str(schema)) == ["team: missing (a required field)"]
    assert "faq.internal: missing (status 'in-review' requires it)" in problems(DEFAULT, data, str(schema))


def test_the_defaults_generate_the_bundled_rules() -> None:
    bundled = bundled_schema()
    generated = rules(Lifecycle(DEFAULT.statuses, DEFAULT.requirements, "folder"))  # built, not the file
    assert [(r["if"], r["then"]) for r in generated] == [(r["if"], r["then"]) for r in bundled["allOf"]]
    assert DEFAULT.schema() == bundled


# -- unknown statuses and configuration errors ----------------------------------------------

def test_an_unknown_status_is_an_error_everywhere(tmp_path: Path) -> None:
    cdk = make(parse_statuses({"proposed": "thin", "review": "complete", "done": "launched"}))
    data = {"title": "T", "status": "draft", "owner": "O", "created": "2026-01-01"}
    assert problems(cdk, data) == ["status: unknown status 'draft' (expected one of: proposed, review, done)"]
    # a site schema that replaces the bundled one, and knows nothing of statuses
    own = tmp_path / "own.schema.json"
    own.write_text(json.dumps({"type": "object", "required": ["title"]}))
    validator = build_validator(json.loads(own.read_text()), bundled=cdk.schema())
    _, found = load_page("proposals/p.md", "p.md", prfaq_page(dict(data, status="reviw")), validator, lifecycle=cdk)
    assert [str(p) for p in found] == [
        "p.md:3: status: unknown status 'reviw' (expected one of: proposed, review, done); did you mean 'review'?"]
    _, found = load_page("proposals/p.md", "p.md", "---\ntitle: T\n---\n", validator, lifecycle=cdk)
    assert [str(p) for p in found] == ["p.md:1: status: missing (a required field)"]


def config_errors(options: dict[str, Any]) -> list[str]:
    config = PrfaqConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    return [f"{key}: {error}" for key, error in failed]


def test_statuses_requirements_and_labels_are_checked() -> None:
    assert config_errors({"statuses": {"review": {"colour": "red; background: url(https://x)"}}}) == [
        "statuses: status 'review': colour: 'red; background: url(https://x)' is not a colour (expected a hex "
        "colour such as '#1d6b35')"]
    assert "is not a status name" in config_errors({"statuses": {"In Review": "complete"}})[0]
    assert "is not a status name" in config_errors({"statuses": {"a</style><script>": "thin"}})[0]
    assert "reserved" in config_errors({"statuses": {"invalid": "thin"}})[0]
    assert "the plugin generates <dir>/status/" in config_errors(
        {"status_from": "folder", "statuses": {"status": "thin"}})[0]
    assert config_errors({"statuses": {"review": "complet"}})[0].endswith("did you mean 'complete'?")
    assert config_errors({"statuses": {"review": {"colur": "#fff"}}})[0].endswith("did you mean 'colour'?")
    assert config_errors({"requirements": {"external_question": 2}})[0].endswith(
        "did you mean 'external_questions'?")
    assert "'getting-started' is not one of" in config_errors({"requirements": {"press_release": ["getting-started"]}})[0]
    assert "'partner' is not one of: leader, customer" in config_errors({"requirements": {"quotes": ["partner"]}})[0]
    labels = config_errors({"statuses": {"proposed": "thin", "review": "complete"}, "labels": {"reveiw": "Under review"}})
    assert labels and labels[0].startswith("labels: unknown label(s): reveiw") and labels[0].endswith(
        "did you mean 'review'?")
    assert config_errors({"labels": {"in-review": "Under review", "launched_status": "Shipped"}}) == []
    assert config_errors({"statuses": {"proposed": "thin"}, "labels": {"draft": "x"}})[0].startswith(
        "labels: unknown label(s): draft")


def test_colours_read_well() -> None:
    for colour in ("#000000", "#ffffff", "#777777", "#ff0000", "#00ff00", "#0b7285", "#f5c16c"):
        assert contrast(text_on(colour), colour) >= 4.5
    config = PrfaqConfig()
    config.load_dict({"statuses": {"shipped": {"level": "launched", "colour": "#2a9d8f"}}})
    assert config.validate()[0] == []
    [status] = lifecycle_of(config).statuses
    assert status.dark_colour != status.colour and contrast(text_on(status.dark_colour), status.dark_colour) >= 4.5


# -- pages with problems ---------------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)>"


def invalid_pages(site: Site) -> None:
    site.page("good.md", page_of(1, "in-review", "review", id="good"))
    site.page("thin.md", page_of(2, "in-review", "review", id="thin", subtitle=None))
    site.page("odd.md", page_of(3, "draft", HOSTILE, id="odd"))
    site.page("yaml.md", "---\ntitle: [unclosed\nstatus: proposed\n---\n\nSome notes.\n")


def check_invalid(site: Site, theme: str) -> None:
    thin = html_of(site, "proposals/thin")
    assert badge(thin) == ("invalid", "Invalid")
    panel = thin[thin.index('class="admonition failure prfaq-problems"'):thin.index('class="prfaq-statusline"')]
    assert "<code>docs/proposals/thin.md:1: subtitle: missing (status &#39;review&#39; requires it)</code>" in panel
    assert "prfaq-badge--review" not in thin and "with status Under review" not in thin
    odd = html_of(site, "proposals/odd")
    assert badge(odd) == ("invalid", "Invalid") and HOSTILE not in odd
    assert "unknown status &#39;&lt;img src=x onerror=alert(1)&gt;&#39;" in odd
    yaml_page = html_of(site, "proposals/yaml")
    assert badge(yaml_page) == ("invalid", "Invalid") and "prfaq-badge--draft" not in yaml_page
    assert "invalid YAML" in yaml_page and "words" not in yaml_page
    assert badge(html_of(site, "proposals/good")) == ("review", "Under review")
    index = html_of(site, "proposals")
    assert groups(index)[0] == ("invalid", True) and ("review", True) in groups(index)
    invalid = index[index.index('data-status="invalid"'):index.index('data-status="review"')]
    assert invalid.count("<tr data-invalid>") == 3 and "good/" not in invalid
    assert '<small class="prfaq-claimed">Status: Under review</small>' in invalid  # the status it claims
    assert '<input type="checkbox" name="status" value="invalid"> Invalid</label>' in index
    review = html_of(site, "proposals/status/review")
    assert groups(review) == [("review", True)]
    assert "thin/" not in review[review.index('class="prfaq-groups"'):]
    data = json.loads(site.html("proposals/proposals.json"))
    jsonschema.validate(data, EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker())
    by_id = {p["id"]: p for p in data["proposals"]}
    assert by_id["thin"]["valid"] is False and by_id["thin"]["status"] == "review"
    assert by_id["thin"]["problems"] == [{"line": 1, "field": "subtitle",
                                          "message": "missing (status 'review' requires it)"}]
    assert by_id["odd"]["status"] is None and by_id["yaml"]["status"] is None and by_id["good"]["valid"] is True
    if theme == "material":
        assert 'class="md-status md-status--invalid" title="Invalid"' in thin  # its own entry, Material's marker
        assert re.search(r'\[href="\.\./thin/"\][^{]*\{[^}]*var\(--prfaq-nav-invalid\)',
                         site.html("assets/prfaq/nav-status.css"))


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    """A site with invalid pages built with on_invalid: warn, in each theme."""
    sites = {}
    for theme in THEMES:
        site = sites[theme] = Site(tmp_path_factory.mktemp(f"warn-{theme}"))
        site.config("on_invalid: warn\n" + CDK, theme=theme)
        invalid_pages(site)
        result = site.build()
        assert result.code == 0, result.text
        assert "docs/proposals/thin.md:1: subtitle: missing (status 'review' requires it)" in result.err
    return sites


@pytest.mark.parametrize("theme", THEMES)
def test_invalid_pages_under_warn(warned: dict[str, Site], theme: str) -> None:
    check_invalid(warned[theme], theme)


def test_invalid_pages_while_serving(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` with on_invalid: fail keeps previewing: the pages say what is wrong."""
    monkeypatch.chdir(site.root)  # problems name pages relative to the working directory
    site.config(CDK, theme="material")
    invalid_pages(site)
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    check_invalid(site, "material")
    assert site.build().code == 1, "mkdocs build still fails"


@pytest.mark.browser
def test_invalid_badge_and_panel_are_visible_in_chromium(warned: dict[str, Site]) -> None:
    with chromium() as browser, serve(warned["material"].root / "site") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "proposals/thin/")
        panel = page.locator(".prfaq-problems")
        assert panel.is_visible() and "subtitle: missing" in panel.inner_text()
        invalid = page.locator(".prfaq-statusline .prfaq-badge--invalid")
        assert invalid.is_visible() and invalid.inner_text() == "Invalid"
        top = page.evaluate("document.querySelector('.prfaq-problems').getBoundingClientRect().top")
        assert top < page.evaluate("document.querySelector('.prfaq-statusline').getBoundingClientRect().top") < 900
        colours = invalid.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert colours[1] != "rgba(0, 0, 0, 0)" and contrast_css(*colours) >= 4.5
        page.goto(url + "proposals/?status=invalid")
        page.locator(".prfaq-filters").wait_for(state="visible")
        shown = page.eval_on_selector_all("tbody tr", "els => els.filter(e => e.checkVisibility()).length")
        assert shown == 3
        page.close()


def contrast_css(fg: str, bg: str) -> float:
    def hex_of(css: str) -> str:
        return "#" + "".join(f"{int(float(v)):02x}" for v in re.findall(r"[\d.]+", css)[:3])
    return contrast(hex_of(fg), hex_of(bg))
