"""Pages built to make the plugin do huge work (issue #10): YAML aliases that expand a small page
into gigabytes, and thousands of dangling ids that each ask difflib for a suggestion. Each is one
line, found fast and in little memory; the subprocess bounds below (time, address space) are far
above what the checks need and far below what the attacks took before they were bounded."""

from __future__ import annotations

import difflib
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.contract import frontmatter
from mkdocs_prfaq.contract.model import SUGGEST_COMPARISONS, Proposal, cross_check
from mkdocs_prfaq.contract.validate import SUGGEST_PER_PAGE, closest

from ..conftest import BIN, Result, Site

MEMORY = 1536 * 1024 * 1024  # address space of the child: the amplified build peaked at 4.5 GB
HEAD = "---\ntitle: Amplified\nstatus: draft\nowner: Ann\ncreated: 2026-01-01\n"
CHARS_LINE = (
    "front matter: expands to more than 1,000,000 characters through YAML aliases (expected at most "
    "1,000,000; remove the aliases that repeat long text, or write it out once)"
)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def bounded(site: Site, args: list[str], timeout: float) -> Result:
    """Run ``args`` in the site with a time limit and a memory cap: an attack that comes back
    fails loudly (TimeoutExpired, or MemoryError in the child) instead of hanging the suite."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(args, cwd=site.root, capture_output=True, text=True, env=env, timeout=timeout,
                          preexec_fn=_cap_memory)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def amplified(references: int = 19_000, anchor: int = 10_000) -> str:
    """One anchor of ``anchor`` characters referenced ``references`` times: about 67 KB of page
    that expanded to 190 million characters (a 1.8 GB site)."""
    return (HEAD + f"subtitle: &a {'x' * anchor}\n"
            + "tags: [" + ",".join(["*a"] * references) + "]\n---\nBody\n")


def laughs() -> str:
    """Billion laughs with text: each level repeats the one before ten times (10^6 characters at
    the fourth level, 10^9 at the seventh), in a few hundred bytes."""
    lines = [f"l0: &l0 {'lol' * 100}"]
    for level in range(1, 8):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return HEAD + "\n".join(lines) + "\n---\nBody\n"


@pytest.mark.process
def test_an_amplified_page_is_one_line_for_check_and_build(site: Site) -> None:
    site.page("amp.md", amplified())
    line = f"docs/proposals/amp.md:7: {CHARS_LINE}"
    checked = bounded(site, [str(BIN / "mkdocs-prfaq"), "check"], timeout=20)
    assert (checked.code, checked.out) == (1, f"{line}\n"), checked.text[:2000]
    assert "1 problem in 1 PR/FAQ" in checked.err
    built = bounded(site, [str(BIN / "mkdocs"), "build"], timeout=30)
    assert built.code == 1
    assert f"ERROR   -  {line}\n" in built.err
    assert "prfaq: 1 problem in 1 PR/FAQ" in built.err
    assert "Traceback" not in built.text
    assert not (site.root / "site" / "proposals" / "amp" / "index.html").exists()


@pytest.mark.process
def test_nested_laughs_are_one_line(site: Site) -> None:
    site.page("laughs.md", laughs())
    checked = bounded(site, [str(BIN / "mkdocs-prfaq"), "check"], timeout=20)
    # l4 is the first level over 1,000,000 characters (l0..l3 add up to 333,300).
    assert (checked.code, checked.out) == (1, f"docs/proposals/laughs.md:10: {CHARS_LINE}\n"), checked.text[:2000]


@pytest.mark.process
def test_short_laughs_hit_the_value_bound(site: Site) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    site.page("lol.md", HEAD + "\n".join(lines) + "\n---\n")
    checked = bounded(site, [str(BIN / "mkdocs-prfaq"), "check"], timeout=20)
    assert (checked.code, checked.out) == (1, (
        "docs/proposals/lol.md:10: front matter: has more than 20,000 values, YAML aliases counted for "
        "everything they repeat (expected at most 20,000)\n"
    )), checked.text[:2000]


@pytest.mark.process
def test_with_on_invalid_warn_the_page_is_built_without_the_expanded_data(site: Site) -> None:
    site.config("on_invalid: warn")
    site.page("amp.md", amplified())
    built = bounded(site, [str(BIN / "mkdocs"), "build"], timeout=30)
    assert built.code == 0, built.text[:2000]
    assert f"WARNING -  docs/proposals/amp.md:7: {CHARS_LINE}\n" in built.err
    page = site.html("proposals/amp/index.html")
    assert "xxxxxxxxxx" not in page and "Body" in page
    total = sum(f.stat().st_size for f in (site.root / "site").rglob("*") if f.is_file())
    assert total < 10_000_000


def test_the_bound_is_a_parameter_and_counts_keys_and_merges() -> None:
    text = HEAD + "a: &a " + "y" * 100 + "\nb: [*a, *a, *a]\n---\n"
    assert frontmatter.parse(text).errors == []
    [error] = frontmatter.parse(text, max_chars=300).errors
    assert (error.line, error.field) == (7, "front matter")
    assert error.message.startswith("expands to more than 300 characters through YAML aliases")
    # Keys repeated through a merge count too.
    merged = "---\nm: &m {" + ", ".join(f"key{i:03}{'k' * 50}: v" for i in range(20)) + "}\n" + \
             "".join(f"c{i}: {{<<: *m}}\n" for i in range(20)) + "---\n"
    assert frontmatter.parse(merged).errors == []
    assert "characters through YAML aliases" in frontmatter.parse(merged, max_chars=5_000).errors[0].message


def test_text_written_out_is_never_an_expansion() -> None:
    """Without aliases a front matter may be as long as it is: the bound is on the expansion."""
    text = "---\ntitle: A\nlong: " + "z" * 2_000 + "\n---\n"
    assert frontmatter.parse(text, max_chars=1_000).errors == []
    # With aliases it may expand to its own length, no further.
    text = "---\ntitle: A\nlong: &l " + "z" * 2_000 + "\nagain: *l\n---\n"
    assert "more than 2,0" in frontmatter.parse(text, max_chars=1_000).errors[0].message


# -- random alias structures ---------------------------------------------------------------------

Anchor = tuple[str, Any]
"""('text', length) | ('list', [earlier anchor indexes]) | ('map', [earlier anchor indexes])."""


@st.composite
def alias_documents(draw: st.DrawFn) -> tuple[str, int, int]:
    """A front matter of anchors, each text or a list or mapping of aliases to earlier anchors,
    with the characters and values it expands to, worked out without expanding it."""
    anchors: list[Anchor] = []
    chars: list[int] = []
    values: list[int] = []
    for i in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["text", "list", "map"])) if i else "text"
        if kind == "text":
            length = draw(st.integers(0, 3_000))
            anchors.append(("text", length))
            chars.append(length)
            values.append(1)
        else:
            refs = draw(st.lists(st.integers(0, i - 1), max_size=25))
            anchors.append((kind, refs))
            keys = sum(len(f"k{j}") for j in range(len(refs))) if kind == "map" else 0
            chars.append(keys + sum(chars[r] for r in refs))
            values.append(1 + sum(values[r] for r in refs))
    lines = []
    for i, (kind, spec) in enumerate(anchors):
        if kind == "text":
            lines.append(f"a{i}: &a{i} " + ("'" + "t" * spec + "'"))
        elif kind == "list":
            lines.append(f"a{i}: &a{i} [" + ", ".join(f"*a{r}" for r in spec) + "]")
        else:
            lines.append(f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{r}" for j, r in enumerate(spec)) + "}")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    top_keys = sum(len(f"a{i}") for i in range(len(anchors)))
    return text, top_keys + sum(chars), 1 + sum(values)


def _size(value: Any) -> tuple[int, int]:
    """(characters, values) of built data, keys counted: what the parser bounds."""
    if isinstance(value, str):
        return len(value), 1
    if isinstance(value, list):
        sizes = [_size(v) for v in value]
        return sum(c for c, _ in sizes), 1 + sum(n for _, n in sizes)
    if isinstance(value, dict):
        sizes = [_size(v) for v in value.values()]
        return sum(map(len, value)) + sum(c for c, _ in sizes), 1 + sum(n for _, n in sizes)
    raise AssertionError(value)


@given(alias_documents(), st.sampled_from([5_000, 50_000, 1_000_000]))
@settings(max_examples=300, deadline=None)
def test_random_aliases_never_pass_the_bound_unreported(document: tuple[str, int, int], bound: int) -> None:
    text, chars, values = document
    page = frontmatter.parse(text, max_chars=bound)
    yaml_length = len(text) - len("---\n") - len("---\n")
    over = chars > max(bound, yaml_length) or values > frontmatter.MAX_VALUES
    if over:
        [error] = page.errors
        assert page.data is None and error.field == "front matter"
        assert "more than" in error.message and "YAML aliases" in error.message
    else:
        assert page.errors == [] and page.data is not None
        assert _size(page.data) == (chars, values)


# -- dangling references ---------------------------------------------------------------------

@pytest.mark.process
def test_aliased_dangling_ids_are_one_line(site: Site) -> None:
    for i in range(50):
        site.proposal(f"podgenie-{i:03}.md", i=i)
    site.page("x.md", HEAD.replace("Amplified", "X") + "related: [&r podgenie-0001, "
              + ", ".join(["*r"] * 19_000) + "]\n---\n")
    checked = bounded(site, [str(BIN / "mkdocs-prfaq"), "check"], timeout=30)
    assert (checked.code, checked.out) == (1, (
        "docs/proposals/x.md:6: related.0: no proposal has id 'podgenie-0001' (expected the id of "
        "another PR/FAQ) (and 19,000 more times in related); did you mean 'podgenie-001'?\n"
    )), checked.text[:2000]


def proposal(id_: str, related: list[str]) -> Proposal:
    lines: dict[frontmatter.Path, int] = {("related", str(i)): 10 + i for i in range(len(related))}
    return Proposal(f"proposals/{id_}.md", f"docs/proposals/{id_}.md", {"related": related}, lines, "")


def test_each_distinct_dangling_id_is_one_problem_and_suggestions_are_capped() -> None:
    ids = [f"item-{i:03}" for i in range(30)]
    refs = [f"item-{i:03}x" for i in range(30)]  # each close to one id
    problems = cross_check([*(proposal(i, []) for i in ids), proposal("p", [*refs, refs[0], refs[1], refs[0]])])
    lines = [str(p) for p in problems]
    assert len(lines) == 30
    assert lines[0] == ("docs/proposals/p.md:10: related.0: no proposal has id 'item-000x' (expected the id "
                        "of another PR/FAQ) (and 2 more times in related); did you mean 'item-000'?")
    assert lines[1].endswith("(and 1 more time in related); did you mean 'item-001'?")
    assert sum("did you mean" in line for line in lines) == SUGGEST_PER_PAGE
    assert "did you mean" not in lines[-1]


def test_suggestions_find_a_near_id_among_many() -> None:
    ids = [f"{word}-{i:05}" for i in range(2_000) for word in ("alpha", "beta-launch")]
    problems = cross_check([*(proposal(i, []) for i in ids), proposal("p", ["beta-lunch-01234"])])
    assert [str(p).rsplit("; ", 1)[1] for p in problems] == ["did you mean 'beta-launch-01234'?"]


_MANY_PAGES = """
from mkdocs_prfaq.contract.model import Proposal, cross_check

pages = [Proposal(f"proposals/p{k}.md", f"docs/proposals/p{k}.md",
                  {"id": f"proposal-{k:05}", "related": [f"proposal-{k:05}{j}x" for j in range(20)]}, {}, "")
         for k in range(3_000)]
problems = cross_check(pages)
print(len(problems), sum("did you mean" in p.message for p in problems))
"""


@pytest.mark.process
def test_suggestions_stay_linear_over_a_large_site() -> None:
    """3,000 pages with 20 distinct dangling ids each, every one close to an id: 60,000
    suggestions against 3,000 ids each (180 million comparisons) took hours; now the comparisons
    add up to at most SUGGEST_COMPARISONS, so 33 suggestions against 3,000 ids."""
    proc = subprocess.run([sys.executable, "-c", _MANY_PAGES], cwd=Path(__file__).parent.parent.parent,
                          capture_output=True, text=True, timeout=60, preexec_fn=_cap_memory)
    assert proc.stdout.split() == ["60000", str(SUGGEST_COMPARISONS // 3_000)], proc.stderr[-2000:]


@given(st.text("abcde-", max_size=12), st.lists(st.text("abcde-", max_size=12), max_size=30))
@settings(max_examples=500, deadline=None)
def test_closest_is_difflibs_best_match(word: str, options: list[str]) -> None:
    expected = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    assert closest(word, options) == (expected[0] if expected else None)
