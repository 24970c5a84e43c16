"""What a new user met walking through the docs: each test holds a place where the
output differed from what the docs show, or where a message did not say where the problem is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import prfaq_page, proposal_data
from mkdocs_prfaq.commands.cli import main
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import Site, in_process, mkdocs
from .test_docs import DOCS, ROOT, blocks

VALIDATOR = build_validator()


def check(data: dict[str, Any]) -> list[str]:
    _, problems = load_page("proposals/p.md", "docs/proposals/p.md", prfaq_page(data), VALIDATOR)
    return [str(p) for p in problems]


# -- a misspelt key is one problem, as the README and the getting-started guide show it ----------

def test_a_misspelt_nested_key_is_one_problem_not_also_the_key_it_misspells() -> None:
    data = proposal_data(3, "in-review")
    data["faq"]["external"][0] = {"questoin": "Will it work?", "answer": "Yes."}
    data["press_release"]["sumary"] = data["press_release"].pop("summary")
    problems = check(data)
    assert sorted(p.split(": ", 2)[1] for p in problems) == ["faq.external.0.questoin", "press_release.sumary"], problems
    assert any("faq.external.0.questoin: unknown key (expected one of: answer, id, question); "
               "did you mean 'question'?" in p for p in problems), problems
    assert not any(": faq.external.0.question: missing" in p for p in problems), problems


def test_a_misspelt_key_beside_the_right_one_still_reports_both_sides() -> None:
    """Only a missing key the unknown one names is left out: a missing key nothing looks like, and
    a typo whose key is there already, are reported as before."""
    data = proposal_data(3, "in-review")
    data["faq"]["external"][0] = {"question": "Q?", "questoin": "Q?"}  # the answer is missing, not misspelt
    problems = check(data)
    assert any(": faq.external.0.answer: missing (a required field)" in p for p in problems), problems
    assert any(": faq.external.0.questoin: unknown key" in p and "did you mean 'question'?" in p
               for p in problems), problems


def test_the_documented_error_example_is_what_check_prints() -> None:
    """The getting-started guide's "Read an error": a draft moved to in-review without its subtitle,
    with one internal question and a misspelt key. Each line the guide shows is printed, and no other."""
    data = proposal_data(3, "in-review")
    del data["subtitle"]
    data["faq"]["internal"] = data["faq"]["internal"][:1]
    data["faq"]["external"][0] = {"questoin": "Will it work?", "answer": "Yes."}
    fields = [p.split(": ", 2)[1] for p in check(data)]
    assert sorted(fields) == sorted(["subtitle", "faq.internal", "faq.external.0.questoin"]), fields
    shown = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (shown, readme):
        assert "ERROR   -  prfaq: 3 problems in 1 PR/FAQ" in text


# -- a site's own template: a problem names the line of its file ---------------------------------

[_QUOTE_BLOCK] = [b for b in blocks(DOCS / "customising.md") if b.title == "overrides/prfaq/quote.html"]
QUOTE = _QUOTE_BLOCK.text  # customising.md's override, as written
assert QUOTE.count("\n") == 4


def _override(site: Site, text: str) -> None:
    (site.root / "overrides" / "prfaq").mkdir(parents=True, exist_ok=True)
    (site.root / "overrides" / "prfaq" / "quote.html").write_text(text, encoding="utf-8")
    config = site.root / "mkdocs.yml"
    if "custom_dir" not in config.read_text():
        config.write_text(config.read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"))


def test_a_mistake_in_an_override_is_reported_at_its_own_line(site: Site) -> None:
    """customising.md's quote.html, one line added after the four: the build names that line
    (the loader used to join lines that end and start with a tag, and said line 1)."""
    site.proposal("alpha.md", "approved")
    _override(site, QUOTE + "{{ q.role ) }}\n")
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert "prfaq: overrides/prfaq/quote.html:5: template: unexpected ')' (expected a valid Jinja template)" \
        in result.text, result.text


def test_an_override_that_fails_while_rendering_names_its_file_and_line(site: Site) -> None:
    site.proposal("alpha.md", "approved")
    _override(site, QUOTE + "{% if q.role %}\n{{ q.role | nosuch }}\n{% endif %}\n")
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert ("prfaq: proposals/alpha.md: overrides/prfaq/quote.html:6: template: No filter named 'nosuch' found. "
            "(expected a template that renders this page)") in result.text, result.text
    _override(site, QUOTE.replace("{{ q.text }}", "{{ q.text.upper().nope() }}"))
    result = site.build()
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert "prfaq: proposals/alpha.md: overrides/prfaq/quote.html:2: template: " in result.text, result.text


def test_the_documented_override_renders_as_written(site: Site) -> None:
    site.proposal("alpha.md", "approved", quotes=[  # the leader's names its speaker alone
        {"kind": "leader", "name": "the author", "text": "We built it for us."},
        {"kind": "customer", "name": "Sam Rivera", "role": "host of Small Business Hour", "text": "It works."}])
    _override(site, QUOTE)
    assert site.build("--strict").code == 0
    html = site.html("proposals/alpha/index.html")
    assert '<figure class="prfaq-quote prfaq-quote--leader">' in html
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert len(captions) >= 2 and "(" not in captions[0] and re.search(r"\(.+\)$", captions[1]), captions


# -- customising.md's broken schemas print what the page shows ------------------------------------

def _broken_schema_lines() -> list[str]:
    [block] = [b for b in blocks(DOCS / "customising.md") if b.lang == "text" and "invalid JSON Schema" in b.text]
    return block.text.splitlines()


@pytest.mark.parametrize("edit", ["objekt", "elsewhere"])
def test_a_broken_schema_fails_with_the_line_customising_shows(tmp_path: Path, edit: str) -> None:
    [schema] = [b for b in blocks(DOCS / "customising.md") if b.title == "prfaq.schema.json"]
    text = schema.text
    if edit == "objekt":
        text = text.replace('{"description": "The owning team.",', '{"type": "objekt", "description": "The owning team.",')
    else:
        text = text.replace("https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json",
                            "https://example.com/elsewhere.json")
    assert text != schema.text
    (tmp_path / "docs" / "proposals").mkdir(parents=True)
    (tmp_path / "prfaq.schema.json").write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - prfaq:\n      schema: prfaq.schema.json\n",
                                         encoding="utf-8")
    [shown] = [line for line in _broken_schema_lines() if ("objekt" in line) == (edit == "objekt")]
    checked = in_process(lambda: main(["check"]), tmp_path)
    assert checked.code == 2, checked.text
    prefix = "mkdocs-prfaq: error: mkdocs.yml: plugin 'prfaq' option 'schema': "
    assert checked.err.splitlines() == [prefix + shown.split("option 'schema': ", 1)[1]], checked.err
    built = mkdocs(["build"], tmp_path)
    assert shown in built.err.splitlines(), built.text


# -- writing-in-markdown.md's example: a role written with emphasis shows no asterisks ------------

def test_the_body_form_examples_attributions_show_no_markdown_marks(site: Site) -> None:
    """The guide's first example ends a quote with `— Sam Rivera, host of *Small Business Hour*`:
    the role is plain text, so the page showed the asterisks; a quote in prose showed the words."""
    example = next(b for b in blocks(DOCS / "writing-in-markdown.md") if b.lang == "markdown")
    assert "host of *Small Business Hour*" in example.text
    (site.docs / "proposals" / "podgenie.md").write_text(example.text, encoding="utf-8")
    (site.docs / "proposals" / "quotes.md").write_text(
        "---\ntitle: Q\nstatus: draft\nowner: O\ncreated: 2026-11-02\n---\n\n## Press release\n\n"
        "> \"Own line.\"\n> — Sam Rivera, host of *Small Business Hour*\n\n"
        "> \"Plain same line.\" — Jo Lee, **VP** of [Acme](https://acme.example)\n", encoding="utf-8")
    assert site.build("--strict").code == 0
    for name in ("podgenie", "quotes"):
        page = site.html(f"proposals/{name}/index.html")
        captions = re.findall(r"<figcaption>.*?</figcaption>", page, re.S)
        assert captions and not any("*" in c for c in captions), captions
        assert any("host of Small Business Hour" in c for c in captions), captions
    captions = re.findall(r"<figcaption>.*?</figcaption>", site.html("proposals/quotes/index.html"), re.S)
    assert any("<cite>Jo Lee</cite>, VP of Acme</figcaption>" in c for c in captions), captions


# -- the command synopses name every command and option there is --------------------------------

def _synopsis(path: Path) -> list[str]:
    [block] = [b for b in blocks(path) if b.lang == "text" and "mkdocs-prfaq schema [" in b.text]
    return [line for line in block.text.splitlines() if line.startswith("mkdocs-prfaq ")]


def test_the_command_synopses_in_the_readme_and_the_reference_are_complete() -> None:
    """The configuration reference listed three commands of six (no init, import, export, --stale,
    --form); the README's had no import, no --id."""
    import argparse

    from mkdocs_prfaq.commands.cli import parser

    [commands] = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    for path in (ROOT / "README.md", DOCS / "reference" / "configuration.md"):
        lines = {line.split()[1]: line for line in _synopsis(path)}
        assert set(lines) == set(commands.choices), f"{path.name}: {sorted(lines)}"
        for name, sub in commands.choices.items():
            for action in sub._actions:
                if action.option_strings and "-h" not in action.option_strings:
                    assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", lines[name])
                               for o in action.option_strings), f"{path.name}: {name} lacks {action.option_strings}"


# -- the front-matter reference on unknown top-level keys -----------------------------------------

def test_unknown_top_level_keys_warn_as_the_front_matter_reference_says(site: Site) -> None:
    """The reference said such keys "are allowed"; by default they warn, and a near miss fails."""
    text = (DOCS / "reference" / "front-matter.md").read_text(encoding="utf-8")
    assert "Unknown top-level keys are allowed" not in text and "`team: payments`" in text
    site.proposal("alpha.md", "draft")
    page = site.docs / "proposals" / "alpha.md"
    page.write_text(page.read_text().replace("status: draft\n", "status: draft\nteam: payments\n", 1))
    assert site.build().code == 0
    strict = site.build("--strict")
    assert strict.code == 1 and "alpha.md:" in strict.text and "team: unknown key" in strict.text, strict.text
    site.config("unknown_keys: allow")
    assert site.build("--strict").code == 0
    page.write_text(page.read_text().replace("team: payments\n", "tag: x\n"))
    near = site.build()
    assert near.code == 1 and "tag: unknown key; did you mean 'tags'?" in near.text, near.text
