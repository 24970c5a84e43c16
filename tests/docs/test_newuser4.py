"""What a new user met walking through the docs (newuser4): each test holds a place where the
output differed from what the docs show, or where a message did not say where the problem is."""

from __future__ import annotations

from typing import Any

from benchmarks.generate import prfaq_page, proposal_data
from mkdocs_prfaq.contract.model import load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import Site
from .test_docs import DOCS, ROOT

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

QUOTE = """<figure class="prfaq-quote prfaq-quote--{{ q.kind }}">
<blockquote>{{ q.text }}</blockquote>
<figcaption>{{ q.name }} ({{ q.role }})</figcaption>
</figure>
"""


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
    site.proposal("alpha.md", "approved")
    _override(site, QUOTE)
    assert site.build("--strict").code == 0
    page = site.html("proposals/alpha/index.html")
    assert '<figure class="prfaq-quote prfaq-quote--leader">' in page and "<figcaption>" in page
