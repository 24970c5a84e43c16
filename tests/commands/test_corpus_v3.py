"""The third corpus: eleven more public PR/FAQs (tests/corpus/SOURCES.md, "Third set"), each
imported with `mkdocs-prfaq import`, checked, and built `--strict` in-process. Each document must
keep every question in its group (external/internal), every quote with its speaker, and every
word of the original (labels such as `Q:` and the headings the page replaces aside).

The questions, groups and quotes expected are read from each original with rules of this test's
own (one per document, written by reading it) and counted by hand. Assertions that a document
does not pass yet are marked `xfail(strict=True)` with the class of defect; they pass (and the
mark must go) once the reader is fixed."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_prfaq.commands import cli
from mkdocs_prfaq.contract.vocabulary import PARTS, normalise

from ..commands.test_import import STRUCTURAL, group_questions, norm
from ..conftest import ROOT, Site

CORPUS_DIR = ROOT / "tests" / "corpus"


@dataclass(frozen=True)
class Rule:
    """Where a document's questions are: lines matching ``question`` (group 1 is the question;
    ``bold`` joins the lines of a `**Q: ...**` run until its closing `**`) between a line
    matching ``start`` and one matching ``end``; from a line matching ``internal`` on they are
    internal."""

    question: str
    start: str | None = None
    end: str | None = None
    internal: str | None = None
    bold: bool = False


BOLD_Q = r"^\*\*Q:\s*(.*)"
@dataclass(frozen=True)
class Doc:
    name: str
    rule: Rule
    counts: tuple[int, int]
    """(external, internal) questions, counted by hand in the original."""
    quotes: tuple[tuple[str, str], ...] = ()
    """(words of the quote, its speaker), read by hand."""
    xfail: dict[str, str] = field(default_factory=dict)
    """test name -> the class of defect that keeps it from passing today."""


DOCS = [
    Doc("appstore-connect-mcp-prfaq.md", Rule(BOLD_Q, internal=r"^## INTERNAL FAQ", bold=True), (10, 15),
        quotes=(("we built this because we were tired of npm packages", "Sid Sarasvati"),
                ("this changes how we think about app metrics", "Sarasvati"))),
    Doc("caddai-prfaq.md", Rule(r"^## (.*)", start=r"^# Frequently Asked Questions"), (33, 0)),
    Doc("kfabrik-prfaq.md", Rule(BOLD_Q, bold=True), (17, 0),
        quotes=(("we saw talented ml engineers spending days", "a KFabrik contributor"),
                ("kfabrik transformed our team's workflow", "an early adopter"))),
    Doc("korporus-pr-faq.md", Rule(BOLD_Q, internal=r"^### Internal FAQ", bold=True), (6, 6)),
    Doc("nayborsos-pr-faq.md", Rule(BOLD_Q, bold=True), (34, 0),
        quotes=(("we've built the technology. we've proven the model works", "[SPOKESPERSON NAME]"),)),
    Doc("nep-prfaq.md", Rule(r"^#### Q:\s*(.*)"), (34, 0),
        quotes=(("nep has grown into a truly multi-format scientific data framework", "Ed Hartnett"),)),
    Doc("noda-prfaq.md", Rule(BOLD_Q, internal=r"^## Internal FAQ", bold=True), (10, 13),
        quotes=(("i wanted my notes to outlive any app", "the author"),)),
    Doc("redcar-prfaq.md", Rule(r"^> (.*)", start=r"^### FAQ"), (6, 0),
        quotes=(("my system relies on a group of external inputs", "Miguel"),)),
    Doc("retropulse-prfaq.md", Rule(BOLD_Q, bold=True), (31, 0)),
    Doc("taxlens-prfaq.md", Rule(r"^\*\*(.+\?)\*\*\s*$", start=r"^## FAQ"), (6, 0)),
    Doc("the-workshop-prfaq.md", Rule(r"^\*\*(.+)\*\*\s*$", start=r"^## FAQ", end=r"^## Open questions",
                                      internal=r"^### For the people deciding"), (4, 8),
        quotes=(("i used to run three copilot tabs", "pilot user"),
                ("the interesting catches were the ones nobody was assigned", "pilot lead"))),
]
BY_NAME = {d.name: d for d in DOCS}


# -- reading the original with the test's own rules ----------------------------------------------

def original_questions(doc: Doc) -> dict[str, list[str]]:
    lines = (CORPUS_DIR / doc.name).read_text(encoding="utf-8").split("\n")
    found: dict[str, list[str]] = {"external": [], "internal": []}
    rule, group = doc.rule, "external"
    inside = rule.start is None
    for n, line in enumerate(lines):
        if rule.start and re.match(rule.start, line):
            inside = True
            continue
        if rule.end and re.match(rule.end, line):
            inside = False
        if not inside:
            continue
        if rule.internal and re.match(rule.internal, line):
            group = "internal"
        m = re.match(rule.question, line)
        if not m:
            continue
        question = m.group(1)
        if rule.bold:
            k = n
            while "**" not in question:
                k += 1
                question += " " + lines[k].strip()
            question = question.split("**")[0]
        found[group].append(question.strip())
    return found


def fragments(text: str) -> Iterator[tuple[int, str]]:
    """Every run of words of the original, line by line, without Markdown's marks: heading and
    quote markers, list markers, table pipes, link targets, `Q:`/`A:` labels; fenced code as
    written. Headings that name a section the page gives its own heading are left out."""
    fence: str | None = None
    for n, line in enumerate(text.split("\n"), 1):
        m = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            else:
                yield n, line
            continue
        if m:
            fence = m.group(1)
            continue
        if re.match(r"^\s*\[[^\]]+\]:\s*\S+", line) or re.match(r"^\s*([-*_]\s*){3,}$", line):
            continue  # a link reference definition, a thematic break
        heading = re.match(r"^\s{0,3}#{1,6}(\s+|$)(.*?)\s*#*\s*$", line)
        if heading:
            line = heading.group(2)
            if STRUCTURAL.search(line) and not line.endswith("?"):
                continue
            line = re.sub(r"^(title|prfaq|pr/?faq)\s*:\s*|\s*[-—–]?\s*(pr\s*/?\s*faq|press release\s*/\s*faq)\b.*$", "",
                          line, flags=re.IGNORECASE)
        bold = re.match(r"^\s*\*\*([^*]+?):?\*\*:?\s*$", line)
        if bold and (STRUCTURAL.search(bold.group(1)) or normalise(bold.group(1)) in PARTS):
            continue  # a label naming a part of the press release, laid out as that part
        run_in = re.match(r"^\s*\*\*([^*]+?)[.:]\*\*\s+", line)
        if run_in and normalise(run_in.group(1)).removeprefix("the ") in PARTS:
            line = line[run_in.end():]  # '**The solution.** The Workshop ...': the label is the part, as documented
        line = re.sub(r"^\s*(>\s?)+", "", line)
        line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", "**\\1**", line)  # its own clause: import may add its target
        line = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line)
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
        line = re.sub(r"^\s*(\*\*|__)?[QA]:(\*\*|__)?\s*", "", line)
        if line.strip().startswith("|"):
            for cell in line.strip().strip("|").split("|"):
                if cell.strip() and not re.fullmatch(r"\s*:?-+:?\s*", cell):
                    yield n, cell
            continue
        if line.strip():
            yield n, line


def words(text: str) -> str:
    """The words of a text, lowercase, one space between them, and one either side: no marks,
    entities decoded, quotes straightened."""
    text = html.unescape(text).replace("’", "'").replace("‘", "'").lower()
    return " " + " ".join(WORD.findall(text)) + " "


WORD = re.compile(r"[^\W_]+")
ATTRIBUTION = re.compile(r"^ (said|says|added|adds) ")


def clauses(fragment: str) -> list[str]:
    """A fragment's runs of words between quote marks, spaced dashes and bold marks: the page
    may set a quote apart from its attribution (whose verb, like a `Q:`, is a label) or a
    dateline apart from its summary."""
    runs = re.split(r'["“”]|\s[—–-]+\s|\*\*', fragment)
    return [w for w in (ATTRIBUTION.sub(" ", words(run)) for run in runs) if w.strip()]


def shown_words(page: str) -> str:
    body = page.split("<body", 1)[-1]
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.DOTALL)
    return words(re.sub(r"<[^>]+>|¶", " ", body))


def shown_question(question: str) -> str:
    """An original's question as the page shows it: a code span's text as written (``<path>`` in
    `` `noda file add <path>` `` is code, not a tag), set apart as its ``<code>`` element is."""
    return norm(re.sub(r"`+([^`]+)`+", lambda m: f" {html.escape(m.group(1), quote=False)} ", question))


def quotes_shown(page: str) -> list[tuple[str, str]]:
    return [(norm(text), norm(cite)) for text, cite in re.findall(
        r'<figure class="prfaq-quote[^"]*">\s*<blockquote>(.*?)</blockquote>.*?<cite>(.*?)</cite>', page, re.DOTALL)]


# -- one import, check and build per document, shared by the tests below ------------------------

@dataclass
class Outcome:
    import_code: int
    import_out: str
    check_code: int
    check_out: str
    original_kept: bool
    strict_error: str | None
    page: str


def _outcome(root: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    site = Site(root)
    site.config("remote_images: true")
    original = CORPUS_DIR / name
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    monkeypatch.chdir(site.root)
    capsys.readouterr()
    import_code = cli.main(["import", str(original)])
    out, err = capsys.readouterr()
    check_code = cli.main(["check"])
    check_out = "".join(capsys.readouterr())
    kept = hashlib.sha256(original.read_bytes()).hexdigest() == before
    strict_error = None
    try:
        build(load_config(str(site.root / "mkdocs.yml"), strict=True))
    except Abort as e:
        strict_error = f"{e}\n{''.join(capsys.readouterr())}"
        try:
            build(load_config(str(site.root / "mkdocs.yml")))
        except Abort:
            pass  # a page with problems is not written: the tests that read it fail
    [shown] = out.splitlines()[:1] or [""]
    page = Path(shown).stem
    built = site.root / "site" / "proposals" / page / "index.html"
    return Outcome(import_code, out + err, check_code, check_out, kept, strict_error,
                   built.read_text(encoding="utf-8") if built.is_file() else "")


_CACHE: dict[str, Outcome] = {}


@pytest.fixture
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Outcome:
    name: str = request.param
    if name not in _CACHE:
        _CACHE[name] = _outcome(tmp_path_factory.mktemp(name.removesuffix(".md")) / "site", name, capsys, monkeypatch)
    return _CACHE[name]


def params(test: str) -> list[Any]:
    """(outcome, name) for each document, marked xfail where ``test`` does not pass yet."""
    return [pytest.param(d.name, d.name, id=d.name.removesuffix(".md"),
                         marks=[pytest.mark.xfail(strict=True, reason=d.xfail[test])] if test in d.xfail else [])
            for d in DOCS]


# -- the tests ----------------------------------------------------------------------------------

def test_the_third_set_is_the_corpus_listed_in_sources() -> None:
    sources = (CORPUS_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for doc in DOCS:
        assert (CORPUS_DIR / doc.name).is_file()
        assert f"`{doc.name}`" in sources


@pytest.mark.parametrize("name", [d.name for d in DOCS])
def test_questions_counted_by_hand(name: str) -> None:
    found = original_questions(BY_NAME[name])
    assert (len(found["external"]), len(found["internal"])) == BY_NAME[name].counts


@pytest.mark.parametrize(("outcome", "name"), params("imports_and_checks"), indirect=["outcome"])
def test_imports_and_checks(outcome: Outcome, name: str) -> None:
    assert outcome.import_code == 0, outcome.import_out
    assert "Traceback" not in outcome.import_out and "1 PR/FAQ checked, no problems" in outcome.import_out
    assert outcome.original_kept
    assert outcome.check_code == 0, outcome.check_out


@pytest.mark.parametrize(("outcome", "name"), params("builds_strict"), indirect=["outcome"])
def test_builds_strict(outcome: Outcome, name: str) -> None:
    assert outcome.page
    assert outcome.strict_error is None, outcome.strict_error


@pytest.mark.parametrize(("outcome", "name"), params("questions_in_group"), indirect=["outcome"])
def test_questions_in_group(outcome: Outcome, name: str) -> None:
    questions = original_questions(BY_NAME[name])
    for group in ("external", "internal"):
        rendered = group_questions(outcome.page, group)
        missing = [q for q in questions[group] if not any(shown_question(q) in r for r in rendered)]
        assert not missing, (group, missing, rendered)
        assert len(rendered) == len(questions[group]), (group, rendered)


@pytest.mark.parametrize(("outcome", "name"), params("quotes_with_speaker"), indirect=["outcome"])
def test_quotes_with_speaker(outcome: Outcome, name: str) -> None:
    shown = quotes_shown(outcome.page)
    for words, speaker in BY_NAME[name].quotes:
        assert any(words in text and norm(speaker) in cite for text, cite in shown), (words, speaker, shown)


@pytest.mark.parametrize(("outcome", "name"), params("every_word"), indirect=["outcome"])
def test_every_word(outcome: Outcome, name: str) -> None:
    shown = shown_words(outcome.page)
    text = (CORPUS_DIR / name).read_text(encoding="utf-8")
    missing = [(n, run) for n, line in fragments(text) for run in clauses(line) if run not in shown]
    assert not missing, missing


def test_the_third_set_in_one_site_builds_strict_with_material(site: Site, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    working = [d.name for d in DOCS if not {"imports_and_checks", "builds_strict"} & set(d.xfail)]
    site.config("remote_images: true", theme="material")
    monkeypatch.chdir(site.root)
    assert cli.main(["import", *(str(CORPUS_DIR / name) for name in working)]) == 0
    out, err = capsys.readouterr()
    assert f"{len(working)} PR/FAQs checked, no problems" in err
    build(load_config(str(site.root / "mkdocs.yml"), strict=True))
    for shown in out.splitlines():
        assert 'class="prfaq-statusline' in site.html(f"proposals/{Path(shown).stem}/index.html")
