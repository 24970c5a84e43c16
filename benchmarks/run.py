"""The plugin's cost, as ratios measured in one run (absolute times drift on shared machines).

build: the same N proposals built (a) as PR/FAQ pages with the plugin and (b) hand-written as
       plain Markdown without it, same theme (Material) and the same small explicit nav, so the
       comparison is the plugin's cost, not navigation. The plugin runs with `index: false`, so
       both sites have the same pages (the generated index is costed by `nav`). Ratio = (a) / (b)
       in child-process CPU time, the median over interleaved pairs of builds; target <= 1.0.
instructions: the same two builds (N <= 1,000), counted in instructions by valgrind: the work
       each does, which a neighbour's load on a shared machine cannot move. Ratio = (a) / (b).
check: `load_catalog` (read, parse with lines, validate, cross-check) over N pages against a bare
       libyaml parse of the same files' front matter. Ratio target <= 1.5.
check-instructions: `mkdocs-prfaq check` (the command: the catalog and the build's warnings)
       over N pages against the bare libyaml parse, each in its own process, counted in
       instructions by valgrind with the shared start-up taken off, and CPU-time pairs. Target <= 1.05.
nav-listings: `nav: all` with the listings on (the generated index, a page per status, the
       roadmap) against the same pages as plain Markdown with the same listings written by hand
       (the same rows and links), at 300 and 1,000 (or the --sizes given, up to 1,000):
       median of 3 pairs' CPU ratios, and instructions at 300. Target <= 1.0.
nav-all: `nav: all` (every proposal in Material's sidebar, `index: false`) against the same pages
       as plain Markdown with MkDocs' own full navigation, at 300 and 1,000 proposals: median of
       3 interleaved pairs' CPU ratios, and instructions at 300 (valgrind). Target <= 1.0.
history: the same N proposals (default options: index, status pages, feed) in a git repository
       where each proposal has 5 commits (two status changes among them) against the same files
       outside any repository (the plugin then runs one `git rev-parse` and logs why there is
       no history): median of 5 interleaved pairs' CPU ratios, and instructions at 300 (valgrind,
       the git processes counted too). Target <= 1.10 at 1,000.
zensical: `zensical build --clean` of N proposals with the `prfaq` Markdown extension, written in
       front matter and in the body form, against the same pages as plain Markdown under Zensical
       (N <= 1,000): median of the rounds' ratios (5 rounds, 3 at 1,000), each round building the
       three sites and a fourth, the floor: the front-matter pages with a no-op extension
       (benchmarks/zensical_noop.py), what Zensical itself spends on them. Target <= 1.0.
zensical-instructions: the same four sites at 100 (the --sizes given, up to 100), each built once
       under valgrind: instructions, which no neighbour's load moves. Target <= 1.0.
edit-loop: `mkdocs serve --dirty` on 10 and on 1,000 proposals, both serving at once: the wall
       time from writing one proposal to the server answering with the change (its page; after
       a title edit proposals.json too), edits taking turns between the two sites (a load that
       drifts cancels within a pair), median of 9 per site and kind of edit (title, body), and
       the server's CPU time per edit. The same for the plain-Markdown twins (what MkDocs itself
       spends on a bigger site). Target: 1,000 within 0.3 s of 10.

    python benchmarks/run.py                 # N = 100, 1000, 10000; every section but nav-all, edit-loop
    python benchmarks/run.py --sizes 100 1000 --only build
    python benchmarks/run.py nav-all nav-listings edit-loop
    python benchmarks/run.py nav-listings --sizes 300
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_site  # noqa: E402
from mkdocs_prfaq.contract.frontmatter import split  # noqa: E402
from mkdocs_prfaq.contract.model import load_catalog  # noqa: E402
from mkdocs_prfaq.contract.schema import build_validator  # noqa: E402

SMALL_NAV = "nav:\n  - Home: index.md\n"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def mkdocs_build(root: Path) -> tuple[float, float]:
    """One `mkdocs build` in a fresh process: (wall seconds, CPU seconds of the child).

    CPU time (user + system) is what the ratios use: wall time on a shared machine moves with
    the neighbours' load, the work a build does much less."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: compiled modules are cached
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(lambda: subprocess.run(cmd, check=True, env=env, cwd=root, stdout=subprocess.DEVNULL))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def zensical_build(root: Path) -> tuple[float, float]:
    """One `zensical build --clean` (no cache from the last run) in a fresh process: (wall, CPU)."""
    cmd = [str(Path(sys.executable).parent / "zensical"), "build", "--clean"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "benchmarks"))  # benchmarks/zensical_noop.py
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as mkdocs_build: modules compiled once, not per build
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(lambda: subprocess.run(cmd, check=True, cwd=root, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def zensical_site(root: Path, n: int, *, extension: bool, body_form: bool = False, noop: bool = False) -> Path:
    """``n`` proposals for Zensical: PR/FAQ pages with the ``prfaq`` extension (in front matter, or
    with ``body_form`` as Markdown sections), or the same content as plain Markdown without it; with
    ``noop``, the front-matter pages with ``benchmarks/zensical_noop.py`` instead (no layout, no checks)."""
    write_site(root, n, plugin=extension or noop, body_form=body_form)
    (root / "mkdocs.yml").unlink()
    # no git repository here, and the plain twin has no history to show
    options = "index = false\nhistory = false\n"
    ext = f"\n[project.markdown_extensions.prfaq]\n\n[project.plugins.prfaq]\n{options}" if extension else ""
    ext += "\n[project.markdown_extensions.zensical_noop]\n" if noop else ""
    (root / "zensical.toml").write_text(
        '[project]\nsite_name = "Bench"\n\n[project.markdown_extensions.admonition]\n\n'
        f"[project.markdown_extensions.toc]\npermalink = true\n{ext}", encoding="utf-8")
    return root


def bench_zensical(n: int, repeats: int) -> dict[str, Any]:
    """A Zensical build with the extension, the proposals in front matter and in the body form,
    against the same pages as plain Markdown under Zensical.

    Each repeat builds the sites one after the other, in an order that turns (as
    :func:`paired`), so both forms' ratios are medians of pairs with the same plain build. The
    fourth site is the floor: the front-matter pages with a no-op extension (``noop_ratio``),
    what Zensical itself spends on their front matter, which no extension can take back."""
    with tempfile.TemporaryDirectory() as tmp:
        a = zensical_site(Path(tmp) / "ext", n, extension=True)
        c = zensical_site(Path(tmp) / "body", n, extension=True, body_form=True)
        b = zensical_site(Path(tmp) / "plain", n, extension=False)
        d = zensical_site(Path(tmp) / "noop", n, extension=False, noop=True)
        runs: list[dict[Path, tuple[float, float]]] = []
        for i in range(repeats):
            order = [(a, c, b, d), (b, d, a, c), (c, a, d, b), (d, b, c, a)][i % 4]
            runs.append({site: zensical_build(site) for site in order})
        ratios = [r[a][1] / r[b][1] for r in runs]
        body_ratios = [r[c][1] / r[b][1] for r in runs]
        noop_ratios = [r[d][1] / r[b][1] for r in runs]
        return {"n": n, "ext_cpu_s": round(min(r[a][1] for r in runs), 2),
                "body_cpu_s": round(min(r[c][1] for r in runs), 2),
                "plain_cpu_s": round(min(r[b][1] for r in runs), 2),
                "ratio": round(statistics.median(ratios), 2), "pair_ratios": [round(x, 3) for x in ratios],
                "body_ratio": round(statistics.median(body_ratios), 2),
                "body_pair_ratios": [round(x, 3) for x in body_ratios],
                "noop_cpu_s": round(min(r[d][1] for r in runs), 2),
                "noop_ratio": round(statistics.median(noop_ratios), 2),
                "noop_pair_ratios": [round(x, 3) for x in noop_ratios],
                "wall_ratio": round(statistics.median(r[a][0] / r[b][0] for r in runs), 2),
                "body_wall_ratio": round(statistics.median(r[c][0] / r[b][0] for r in runs), 2),
                "repeats": repeats, "load_average": [round(x, 1) for x in os.getloadavg()]}


def zensical_instructions(root: Path) -> int:
    """Instructions one `zensical build --clean` executes (valgrind, as :func:`instructions`)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "benchmarks"), PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, str(Path(sys.executable).parent / "zensical"), "build", "--clean"]
    subprocess.run(cmd, check=True, cwd=root, env=env, capture_output=True)  # bytecode cached
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *cmd],
                          env=env, cwd=root, capture_output=True, text=True, check=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output: {proc.stderr[-500:]}")
    return int(m.group(1).replace(",", ""))


def bench_zensical_instructions(n: int) -> dict[str, Any]:
    """The four sites of :func:`bench_zensical`, each built once under valgrind: instructions,
    which the neighbours' load and Zensical's threads on contended cores cannot move."""
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"ext": zensical_site(Path(tmp) / "ext", n, extension=True),
                 "body": zensical_site(Path(tmp) / "body", n, extension=True, body_form=True),
                 "plain": zensical_site(Path(tmp) / "plain", n, extension=False),
                 "noop": zensical_site(Path(tmp) / "noop", n, extension=False, noop=True)}
        counts = {name: zensical_instructions(root) for name, root in sites.items()}
    plain = counts["plain"]
    return {"n": n, **{f"{k}_instructions": v for k, v in counts.items()},
            "ratio": round(counts["ext"] / plain, 3), "body_ratio": round(counts["body"] / plain, 3),
            "noop_ratio": round(counts["noop"] / plain, 3)}


def site_size(root: Path) -> int:
    return sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())


def paired(a: Path, b: Path, repeats: int,
           build: Callable[[Path], tuple[float, float]] | None = None) -> dict[str, Any]:
    """Build ``a`` and ``b`` one after the other, ``repeats`` times, taking turns to go first.

    The ratio is the median of the pairs' CPU ratios: the two builds of a pair run seconds
    apart, so a neighbour's load that drifts over the run cancels out of each pair (the best
    time of each side, also reported, can come from different moments of the run)."""
    run = build or mkdocs_build
    pairs = []
    for i in range(repeats):
        if i % 2:
            y = run(b)
            x = run(a)
        else:
            x = run(a)
            y = run(b)
        pairs.append((x, y))
    ratios = [x[1] / y[1] for x, y in pairs]
    return {"a_cpu_s": round(min(x[1] for x, _ in pairs), 2), "b_cpu_s": round(min(y[1] for _, y in pairs), 2),
            "ratio": round(statistics.median(ratios), 2), "pair_ratios": [round(r, 3) for r in ratios],
            "wall_ratio": round(statistics.median(x[0] / y[0] for x, y in pairs), 2), "repeats": repeats}


def instructions(root: Path) -> int:
    """Instructions one `mkdocs build` executes, counted by valgrind (cachegrind, no cache
    simulation): a measure of the work done that a neighbour's load cannot move."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], check=True, env=env, cwd=root)  # bytecode cached
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, "-m", "mkdocs", "build", "-q"], env=env, cwd=root, capture_output=True,
                          text=True, check=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output: {proc.stderr[-500:]}")
    return int(m.group(1).replace(",", ""))


def bench_instructions(n: int) -> dict[str, Any]:
    """Instructions of the plugin's build, in the front-matter and the body form, and of the plain twin."""
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, extra=SMALL_NAV, options="      index: false\n")
        body = write_site(Path(tmp) / "body", n, plugin=True, extra=SMALL_NAV, options="      index: false\n",
                          body_form=True)
        plain = write_site(Path(tmp) / "plain", n, plugin=False, extra=SMALL_NAV)
        a, c, b = instructions(plugin), instructions(body), instructions(plain)
        return {"n": n, "plugin_instructions": a, "body_instructions": c, "plain_instructions": b,
                "ratio": round(a / b, 3), "body_ratio": round(c / b, 3)}


def bench_build(n: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, extra=SMALL_NAV, options="      index: false\n")
        plain = write_site(Path(tmp) / "plain", n, plugin=False, extra=SMALL_NAV)
        r = paired(plugin, plain, repeats)
        return {"n": n, "plugin_cpu_s": r.pop("a_cpu_s"), "plain_cpu_s": r.pop("b_cpu_s"), **r}


def bench_build_body(n: int, repeats: int) -> dict[str, Any]:
    """As :func:`bench_build`, with the PR/FAQs written in the body form (Markdown sections)."""
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, extra=SMALL_NAV, options="      index: false\n",
                            body_form=True)
        plain = write_site(Path(tmp) / "plain", n, plugin=False, extra=SMALL_NAV)
        r = paired(plugin, plain, repeats)
        return {"n": n, "plugin_cpu_s": r.pop("a_cpu_s"), "plain_cpu_s": r.pop("b_cpu_s"), **r}


def bench_check(n: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "plugin", n, plugin=True)
        pages = sorted((root / "docs" / "proposals").glob("*.md"))
        validator = build_validator()

        def bare() -> None:
            for page in pages:
                text = page.read_text(encoding="utf-8-sig")
                front, _, _ = split(text)
                yaml.load(front or "", Loader=yaml.CSafeLoader)

        def check() -> None:
            sources = [(f"proposals/{p.name}", str(p), lambda p=p: p.read_text(encoding="utf-8-sig"))
                       for p in pages]
            catalog = load_catalog(sources, validator)
            assert not catalog.problems, catalog.problems[:3]

        base, ours = [], []
        for _ in range(repeats):
            base.append(timed(bare))
            ours.append(timed(check))
        a, b = min(ours), min(base)
        return {"n": n, "check_s": round(a, 2), "parse_s": round(b, 2), "ratio": round(a / b, 2)}


CHECK_CHILD = """
import contextlib, io, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import yaml
from mkdocs_prfaq.commands import cli
from mkdocs_prfaq.contract.frontmatter import split
mode, root = sys.argv[1], Path(sys.argv[2])
start = time.process_time()
if mode == "bare":
    for page in sorted((root / "docs" / "proposals").glob("*.md")):
        front, _, _ = split(page.read_text(encoding="utf-8-sig"))
        yaml.load(front or "", Loader=yaml.CSafeLoader)
elif mode == "check":
    with contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["check", "-f", str(root / "mkdocs.yml")]) == 0
print(time.process_time() - start)
"""
"""One child process of :func:`bench_check_instructions`: ``bare`` parses every proposal's front
matter with libyaml, ``check`` runs `mkdocs-prfaq check` (its ``main``), ``idle`` imports the
same modules and does nothing (the start-up both share, taken off both)."""


def _check_child(mode: str, root: Path, valgrind: bool) -> float:
    """Instructions (under valgrind) or CPU seconds of one :data:`CHECK_CHILD` run."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-c", CHECK_CHILD, mode, str(root), str(ROOT)]
    if not valgrind:
        return float(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           *cmd], env=env, capture_output=True, text=True, check=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output: {proc.stderr[-500:]}")
    return int(m.group(1).replace(",", ""))


def bench_check_instructions(n: int, repeats: int) -> dict[str, Any]:
    """`mkdocs-prfaq check` over N proposals against a bare libyaml parse of their front matter,
    each in its own process with the shared start-up (Python, imports) taken off: instructions
    (valgrind), and CPU seconds as a second opinion (median of ``repeats`` interleaved pairs)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp) / "plugin", n, plugin=True)
        _check_child("idle", root, False)  # bytecode cached
        out: dict[str, Any] = {"n": n}
        idle_cpu = min(_check_child("idle", root, False) for _ in range(3))
        pairs = []
        for i in range(repeats):
            order = ("check", "bare") if i % 2 == 0 else ("bare", "check")
            cpu = {mode: _check_child(mode, root, False) - idle_cpu for mode in order}
            pairs.append(cpu["check"] / cpu["bare"])
        out |= {"cpu_ratio": round(statistics.median(pairs), 2), "pair_ratios": [round(r, 3) for r in pairs]}
        if shutil.which("valgrind") is not None:
            idle, bare, check = (_check_child(mode, root, True) for mode in ("idle", "bare", "check"))
            out |= {"check_instructions": check - idle, "bare_instructions": bare - idle,
                    "startup_instructions": idle, "ratio": round((check - idle) / (bare - idle), 3)}
        return out


def bench_nav(n: int, repeats: int) -> dict[str, Any]:
    """The site with the plugin's default navigation (proposals leave the sidebar above
    nav_limit) against the same content hand-written with every page in the navigation."""
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True)
        plain = write_site(Path(tmp) / "plain", n, plugin=False)
        r = paired(plugin, plain, repeats)
        size_a, size_b = site_size(plugin), site_size(plain)
        return {"n": n, "plugin_cpu_s": r.pop("a_cpu_s"), "plain_cpu_s": r.pop("b_cpu_s"), **r,
                "plugin_mb": round(size_a / 1e6, 1), "plain_mb": round(size_b / 1e6, 1),
                "size_ratio": round(size_a / size_b, 3)}


def git_history(root: Path, commits: int = 5) -> int:
    """Commit every proposal under ``root`` ``commits`` times, one commit per proposal and
    version, at increasing fixed dates, through one ``git fast-import``: draft, an edit, in
    review, an edit, then the page as written. Returns the number of commits."""
    pages = sorted((root / "docs" / "proposals").glob("*.md"))
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream, mark, when = [], 0, 1_800_000_000
    for version in range(commits):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            if version < commits - 1:
                status = "draft" if version < 2 else "in-review"
                text = re.sub(r"^status: .*$", f"status: {status}", text, count=1, flags=re.M)
                text += f"\nEdit {version}.\n"
            data = text.encode("utf-8")
            mark += 1
            when += 3600
            path = page.relative_to(root).as_posix()
            message = f"{page.stem}: version {version}".encode()
            stream.append(b"commit refs/heads/main\n" + f"committer Bench <bench@example.com> {when} +0000\n".encode()
                          + b"data %d\n%s\n" % (len(message), message)
                          + b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
    subprocess.run(["git", "fast-import", "--quiet"], input=b"".join(stream), cwd=root, check=True)
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True)
    return mark


def instructions_with_children(root: Path) -> int:
    """As :func:`instructions`, counting every process the build starts too (git)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], check=True, env=env, cwd=root)  # bytecode cached
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           "--trace-children=yes", sys.executable, "-m", "mkdocs", "build", "-q"], env=env, cwd=root,
                          capture_output=True, text=True, check=True)
    found = re.findall(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if not found:
        raise RuntimeError(f"no instruction count in valgrind's output: {proc.stderr[-500:]}")
    return sum(int(n.replace(",", "")) for n in found)


def bench_history_instructions(n: int) -> dict[str, Any]:
    """Instructions (the build and the git processes it starts) in git against without git."""
    with tempfile.TemporaryDirectory() as tmp:
        with_git = write_site(Path(tmp) / "git", n, plugin=True, extra=SMALL_NAV)
        without = Path(tmp) / "nogit"
        shutil.copytree(with_git, without)
        git_history(with_git)
        env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
        os.environ["GIT_CEILING_DIRECTORIES"] = tmp
        try:
            a, b = instructions_with_children(with_git), instructions_with_children(without)
        finally:
            if env_ceiling is None:
                os.environ.pop("GIT_CEILING_DIRECTORIES", None)
            else:
                os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
        return {"n": n, "git_instructions": a, "nogit_instructions": b, "ratio": round(a / b, 3)}


def bench_history(n: int, repeats: int) -> dict[str, Any]:
    """The plugin's site in a git repository with 5 commits per proposal against the same files without git."""
    with tempfile.TemporaryDirectory() as tmp:
        with_git = write_site(Path(tmp) / "git", n, plugin=True, extra=SMALL_NAV)
        without = Path(tmp) / "nogit"
        shutil.copytree(with_git, without)
        commits = git_history(with_git)
        env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
        os.environ["GIT_CEILING_DIRECTORIES"] = tmp  # the copy is in no repository, whatever holds tmp
        try:
            r = paired(with_git, without, repeats)
        finally:
            if env_ceiling is None:
                os.environ.pop("GIT_CEILING_DIRECTORIES", None)
            else:
                os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
        return {"n": n, "commits": commits, "git_cpu_s": r.pop("a_cpu_s"), "nogit_cpu_s": r.pop("b_cpu_s"), **r}


FILTER_PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="prfaq.css"></head>
<body>{listing}<script src="index.js"></script></body></html>"""


def bench_filter(n: int) -> dict[str, float]:
    """One keystroke in the index's text filter at N rows, in headless Chromium: the time from the
    input event to the new view laid out (style and layout forced), median of 15 keystrokes."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from benchmarks.generate import proposal_data, proposal_id
    from mkdocs_prfaq.contract.labels import merge_labels
    from mkdocs_prfaq.contract.model import Proposal
    from mkdocs_prfaq.index.listing import listing_html
    from mkdocs_prfaq.layout.render import make_environment

    proposals = [Proposal(f"proposals/{proposal_id(i)}.md", "", json.loads(json.dumps(proposal_data(i), default=str)),
                          {}, "") for i in range(n)]
    listing = listing_html(make_environment(), "index", proposals, merge_labels(None), lambda p: f"{p.id}/")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "index.html").write_text(FILTER_PAGE.format(listing=listing), encoding="utf-8")
        for asset in ("prfaq.css", "index.js"):
            shutil.copy(ROOT / "mkdocs_prfaq" / "assets" / asset, Path(tmp) / asset)
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

        handler = functools.partial(Quiet, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/index.html", wait_until="load")
                page.wait_for_selector(".prfaq-filters:not([hidden])")
                times = page.evaluate("""() => {
                    const q = document.querySelector('input[name=q]'); const out = [];
                    for (const text of ['p', 'po', 'pod', 'pode', 'podg', 'podgenie', 'podgenie 1', 'r', 'ro',
                                        'rou', 'rout', 'route', 'routew', 'routewise', '']) {
                        q.value = text; const t = performance.now();
                        q.dispatchEvent(new Event('input', {bubbles: true}));
                        document.body.offsetHeight;  // include style and layout of the new view
                        out.push(performance.now() - t);
                    }
                    return out; }""")
                browser.close()
        finally:
            server.shutdown()
    print("keystrokes (ms):", [round(t) for t in times])
    return {"n": n, "keystroke_ms_median": round(statistics.median(times), 1), "keystroke_ms_max": round(max(times), 1),
            "html_mb": round(len(listing.encode()) / 1e6, 2)}


def bench_nav_all(n: int, repeats: int) -> dict[str, Any]:
    """Every proposal in the sidebar (`nav: all`) against the same pages as plain Markdown with
    MkDocs' own navigation of every page: the plugin's status markers cost O(N), not O(N²)."""
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, options="      nav: all\n      index: false\n")
        plain = write_site(Path(tmp) / "plain", n, plugin=False)
        r = paired(plugin, plain, repeats)
        out = {"n": n, "plugin_cpu_s": r.pop("a_cpu_s"), "plain_cpu_s": r.pop("b_cpu_s"), **r}
        if n <= 300 and shutil.which("valgrind") is not None:
            a, b = instructions(plugin), instructions(plain)
            out |= {"plugin_instructions": a, "plain_instructions": b, "instructions_ratio": round(a / b, 3)}
        return out


LISTINGS = "      nav: all\n      history: false\n"
"""`nav: all` with the listings on (the default `index: true`: the index, a page per status, the
roadmap); no history, which the twin has no means to show."""


def listings_twin(root: Path, n: int) -> Path:
    """The plain-Markdown twin of a `nav: all` site with its listings: the same N pages, and the
    listings written by hand as Markdown with the same rows in the same order and the same links
    (from the plugin's own grouping, :mod:`mkdocs_prfaq.index.listing`): ``proposals/index.md``
    (a table per status: proposal and subtitle, owner, created, updated, launch, tags), a page
    per status under ``proposals/status/``, and ``proposals/roadmap.md`` (a list per quarter)."""
    from mkdocs_prfaq.contract.labels import merge_labels
    from mkdocs_prfaq.contract.vocabulary import long_date
    from mkdocs_prfaq.index.listing import groups, label_of, roadmap, shown_launch

    write_site(root, n, plugin=False)
    docs = root / "docs" / "proposals"
    with tempfile.TemporaryDirectory() as tmp:  # the same proposals, read as the plugin reads them
        pages = sorted((write_site(Path(tmp), n, plugin=True) / "docs" / "proposals").glob("*.md"))
        sources = [(f"proposals/{p.name}", str(p), lambda p=p: p.read_text(encoding="utf-8")) for p in pages]
        catalog = load_catalog(sources, build_validator())
    labels = merge_labels(None)

    def when(iso: str) -> str:
        return long_date(datetime.date.fromisoformat(iso)) if len(iso) == 10 else iso

    found = groups(catalog.proposals, labels, lambda p: f"{p.id}.md")

    def table(rows: list[Any], up: str) -> list[str]:
        out = ["| Proposal | Owner | Created | Updated | Launch | Tags |", "|---|---|---|---|---|---|"]
        for row in rows:
            p = row.p
            out.append(f"| [{p.title}]({up}{row.url})<br>{p.subtitle} | {p.owner} | {p.created} | {p.updated} "
                       f"| {shown_launch(p)} | {', '.join(p.tags)} |")
        return out

    index = ["# All proposals", ""]
    (docs / "status").mkdir()
    for group in found:
        index += [f"## {group.label} ({len(group.rows)})", "", *table(group.rows, ""), ""]
        (docs / "status" / f"{group.status}.md").write_text(
            "\n".join([f"# {group.label}", "", *table(group.rows, "../"), ""]), encoding="utf-8")
    (docs / "index.md").write_text("\n".join(index), encoding="utf-8")
    lines = ["# Roadmap", ""]
    for q in roadmap(catalog.proposals, lambda p: f"{p.id}.md"):
        lines += [f"## {q.label}", ""]
        lines += [f"1. {when(shown_launch(r.p))} **{label_of(labels, r.p.status)}** [{r.p.title}]({r.url}) {r.p.owner}"
                  f"<br>{r.p.subtitle}" for r in q.rows]
        lines.append("")
    (docs / "roadmap.md").write_text("\n".join(lines), encoding="utf-8")
    return root


def bench_nav_listings(n: int, repeats: int) -> dict[str, Any]:
    """`nav: all` with the generated index, status pages and roadmap against the same pages as
    plain Markdown with the same listings written by hand (:func:`listings_twin`), MkDocs' own
    navigation of every page: CPU pairs, and instructions at 300 (valgrind). Target <= 1.0."""
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, options=LISTINGS)
        plain = listings_twin(Path(tmp) / "plain", n)
        r = paired(plugin, plain, repeats)
        out = {"n": n, "plugin_cpu_s": r.pop("a_cpu_s"), "plain_cpu_s": r.pop("b_cpu_s"), **r}
        if n <= 300 and shutil.which("valgrind") is not None:
            a, b = instructions(plugin), instructions(plain)
            out |= {"plugin_instructions": a, "plain_instructions": b, "instructions_ratio": round(a / b, 3)}
        return out


def _server_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a running process has used, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return ""


class _Served:
    """A site under `mkdocs serve --dirty` on a free port, and the proposal whose edits are timed."""

    def __init__(self, root: Path, plugin: bool) -> None:
        import socket

        from benchmarks.generate import proposal_id

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.plugin, self.root = plugin, root
        self.page = root / "docs" / "proposals" / f"{proposal_id(3)}.md"  # launched: index, status page, roadmap
        self.url = f"http://127.0.0.1:{self.port}/proposals/{proposal_id(3)}/"
        self.text = self.page.read_text(encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.log = (root / "serve.log").open("w")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def ready(self, timeout: float = 1800) -> None:
        end = time.monotonic() + timeout
        while "helps" not in _get(self.url):
            if time.monotonic() > end or self.proc.poll() is not None:
                raise RuntimeError(f"the server did not start: {(self.root / 'serve.log').read_text()[-2000:]}")
            time.sleep(0.5)

    def edit(self, kind: str, k: int) -> tuple[float, float | None]:
        """Write one edit; (seconds until the server answers with it, the server's CPU seconds)."""
        token = f"Edit{k}x{kind}"
        if kind == "title":  # each edit changes only what it says, the rest stays as the last edit left it
            self.text = re.sub(r"^title: .*$", f"title: {token} title", self.text, count=1, flags=re.M)
        else:
            self.text = re.sub(r"Notes (\S+ )?from", f"Notes {token} from", self.text, count=1)
        text = self.text
        cpu = _server_cpu(self.proc.pid)
        start = time.perf_counter()
        self.page.write_text(text, encoding="utf-8")
        while token not in _get(self.url):
            time.sleep(0.01)
        wall = time.perf_counter() - start
        if self.plugin and kind == "title":
            while token not in _get(f"http://127.0.0.1:{self.port}/proposals/proposals.json"):
                time.sleep(0.01)
            wall = time.perf_counter() - start
        after = _server_cpu(self.proc.pid)
        return wall, (after - cpu if cpu is not None and after is not None else None)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def bench_edit_loop(small: int, large: int, edits: int, plugin: bool) -> dict[str, Any]:
    """Edits taking turns between a small and a large site served at once (see the module's doc)."""
    out: dict[str, Any] = {"small": small, "large": large, "plugin": plugin}
    with tempfile.TemporaryDirectory() as tmp:
        sites = [_Served(write_site(Path(tmp) / f"s{n}", n, plugin=plugin), plugin) for n in (small, large)]
        try:
            for site in sites:
                site.ready()
            for kind in ("title", "body"):
                walls: list[list[float]] = [[], []]
                cpus: list[list[float]] = [[], []]
                for k in range(edits):
                    for i in ((0, 1) if k % 2 == 0 else (1, 0)):
                        time.sleep(1.0)  # both servers idle
                        wall, cpu = sites[i].edit(kind, k)
                        walls[i].append(wall)
                        if cpu is not None:
                            cpus[i].append(cpu)
                med = [statistics.median(w) for w in walls]
                out[kind] = {"small_s": round(med[0], 2), "large_s": round(med[1], 2),
                             "gap_s": round(statistics.median(b - a for a, b in zip(*walls, strict=True)), 2),
                             "small_each": [round(w, 2) for w in walls[0]],
                             "large_each": [round(w, 2) for w in walls[1]],
                             "small_cpu_s": round(statistics.median(cpus[0]), 2) if cpus[0] else None,
                             "large_cpu_s": round(statistics.median(cpus[1]), 2) if cpus[1] else None}
        finally:
            for site in sites:
                site.close()
    return out


def main() -> None:
    sections = ("build", "build-body", "instructions", "check", "check-instructions", "nav", "filter", "nav-all",
                "nav-listings", "history", "edit-loop", "zensical", "zensical-instructions")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # No choices= here: Python 3.11's argparse rejects an empty list of a '*' positional with choices.
    ap.add_argument("sections", nargs="*", metavar="SECTION", help=f"sections to run alone, of: {', '.join(sections)}")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--only", choices=sections, nargs="+", default=list(sections))
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "results.json")
    args = ap.parse_args()
    unknown = [s for s in args.sections if s not in sections]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)} (expected some of: {', '.join(sections)})")
    if args.sections:
        args.only = args.sections
    results: dict[str, list[dict[str, Any]]] = {}
    if "build" in args.only:
        print("| proposals | with plugin (best CPU) | plain Markdown (best CPU) | ratio (median of pairs) | pairs |\n"
              "|---:|---:|---:|---:|---:|")
        for n in args.sizes:
            r = bench_build(n, repeats=5 if n <= 1000 else 3)
            results.setdefault("build", []).append(r)
            pairs = r["pair_ratios"]
            print(f"| {n:,} | {r['plugin_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | "
                  f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} |", flush=True)
    if "build-body" in args.only:
        print("\n| proposals (body form) | with plugin (best CPU) | plain Markdown (best CPU) | ratio (median of pairs)"
              " | pairs |\n|---:|---:|---:|---:|---:|")
        for n in [n for n in args.sizes if n <= 1000]:
            r = bench_build_body(n, repeats=5)
            results.setdefault("build-body", []).append(r)
            pairs = r["pair_ratios"]
            print(f"| {n:,} | {r['plugin_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | "
                  f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} |", flush=True)
    if "instructions" in args.only:
        if shutil.which("valgrind") is None:
            print("\ninstructions: skipped, valgrind is not installed (apt-get install valgrind)")
        else:
            print("\n| proposals | with plugin (instructions) | body form | plain Markdown (instructions) | ratio "
                  "| body form ratio |\n|---:|---:|---:|---:|---:|---:|")
            for n in [n for n in args.sizes if n <= 1000]:  # about 17x slower under valgrind
                r = bench_instructions(n)
                results.setdefault("instructions", []).append(r)
                print(f"| {n:,} | {r['plugin_instructions'] / 1e9:.2f} G | {r['body_instructions'] / 1e9:.2f} G | "
                      f"{r['plain_instructions'] / 1e9:.2f} G | **{r['ratio']}** | **{r['body_ratio']}** |", flush=True)
    if "check" in args.only:
        print("\n| proposals | load_catalog (check) | bare libyaml parse | ratio |\n|---:|---:|---:|---:|")
        n = max(args.sizes)
        r = bench_check(n, repeats=3)
        results["check"] = [r]
        print(f"| {n:,} | {r['check_s']} s | {r['parse_s']} s | **{r['ratio']}** |", flush=True)
    if "check-instructions" in args.only:
        print("\n| proposals | `mkdocs-prfaq check` (instructions) | bare libyaml parse (instructions) | ratio "
              "| CPU ratio (median of pairs) | pairs |\n|---:|---:|---:|---:|---:|---:|")
        n = max(args.sizes)
        r = bench_check_instructions(n, repeats=3)
        results["check-instructions"] = [r]
        pairs = r["pair_ratios"]
        print(f"| {n:,} | {r.get('check_instructions', 0) / 1e9:.2f} G | {r.get('bare_instructions', 0) / 1e9:.2f} G "
              f"| **{r.get('ratio', '–')}** | {r['cpu_ratio']} | {len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} |",
              flush=True)
    if "nav" in args.only:
        print("\n| proposals | default nav (CPU) | every page in nav (CPU) | ratio | site size | plain size | ratio |\n"
              "|---:|---:|---:|---:|---:|---:|---:|")
        r = bench_nav(1000, repeats=3)
        results["nav"] = [r]
        print(f"| 1,000 | {r['plugin_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | {r['plugin_mb']} MB | "
              f"{r['plain_mb']} MB | **{r['size_ratio']}** |", flush=True)
    if "filter" in args.only:
        print("\n| rows | index HTML | keystroke (median) | keystroke (max) |\n|---:|---:|---:|---:|")
        r = bench_filter(10_000)
        results["filter"] = [r]
        print(f"| 10,000 | {r['html_mb']} MB | **{r['keystroke_ms_median']} ms** | {r['keystroke_ms_max']} ms |",
              flush=True)
    if "nav-all" in args.only:
        print("\n| proposals, `nav: all` | with plugin (best CPU) | plain Markdown (best CPU) | ratio (median of pairs)"
              " | pairs | instructions ratio |\n|---:|---:|---:|---:|---:|---:|")
        for n in (300, 1000):
            r = bench_nav_all(n, repeats=3)
            results.setdefault("nav-all", []).append(r)
            pairs = r["pair_ratios"]
            print(f"| {n:,} | {r['plugin_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | "
                  f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} | {r.get('instructions_ratio', '–')} |", flush=True)
    if "nav-listings" in args.only:
        print("\n| proposals, `nav: all` and listings | with plugin (best CPU) | plain Markdown, listings by hand "
              "(best CPU) | ratio (median of pairs) | pairs | instructions ratio |\n|---:|---:|---:|---:|---:|---:|")
        for n in (300, 1000) if args.sizes == [100, 1000, 10000] else [n for n in args.sizes if n <= 1000]:
            r = bench_nav_listings(n, repeats=3)
            results.setdefault("nav-listings", []).append(r)
            pairs = r["pair_ratios"]
            print(f"| {n:,} | {r['plugin_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | "
                  f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} | {r.get('instructions_ratio', '–')} |", flush=True)
    if "history" in args.only:
        print("\n| proposals, 5 commits each | in git (best CPU) | without git (best CPU) | ratio (median of pairs) "
              "| pairs |\n|---:|---:|---:|---:|---:|")
        for n in [n for n in args.sizes if n <= 1000]:
            r = bench_history(n, repeats=5)
            results.setdefault("history", []).append(r)
            pairs = r["pair_ratios"]
            print(f"| {n:,} | {r['git_cpu_s']} s | {r['nogit_cpu_s']} s | **{r['ratio']}** | "
                  f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} |", flush=True)
        if shutil.which("valgrind") is not None:
            print("\n| proposals, 5 commits each | in git (instructions, git's too) | without git | ratio |\n"
                  "|---:|---:|---:|---:|")
            for n in [n for n in args.sizes if n <= 300] or [300]:  # about 17x slower under valgrind
                r = bench_history_instructions(n)
                results.setdefault("history-instructions", []).append(r)
                print(f"| {n:,} | {r['git_instructions'] / 1e9:.2f} G | {r['nogit_instructions'] / 1e9:.2f} G | "
                      f"**{r['ratio']}** |", flush=True)
    if "edit-loop" in args.only:
        print("\n| `mkdocs serve --dirty` | edit | 10 (median) | 1,000 (median) | 1,000 − 10 (median of pairs) "
              "| server CPU, 10 / 1,000 |\n|---|---|---:|---:|---:|---:|")
        for plugin in (True, False):
            r = bench_edit_loop(10, 1000, edits=9, plugin=plugin)
            results.setdefault("edit-loop", []).append(r)
            for kind in ("title", "body"):
                k = r[kind]
                print(f"| {'PR/FAQ pages' if plugin else 'plain Markdown'} | {kind} | {k['small_s']} s | "
                      f"{k['large_s']} s | **{k['gap_s']} s** | {k['small_cpu_s']} / {k['large_cpu_s']} s |",
                      flush=True)
    if "zensical" in args.only:
        if not (Path(sys.executable).parent / "zensical").exists():
            print("\nzensical: skipped, Zensical is not installed (pip install -e '.[test]')")
        else:
            print("\n| proposals, Zensical | with the prfaq extension (best CPU) | body form (best CPU) "
                  "| plain Markdown (best CPU) | ratio (median of pairs) | pairs | body form ratio | pairs "
                  "| no-op extension ratio | load average |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for n in [n for n in args.sizes if n <= 1000]:
                r = bench_zensical(n, repeats=5 if n <= 100 else 3)
                results.setdefault("zensical", []).append(r)
                pairs, body = r["pair_ratios"], r["body_pair_ratios"]
                print(f"| {n:,} | {r['ext_cpu_s']} s | {r['body_cpu_s']} s | {r['plain_cpu_s']} s | **{r['ratio']}** | "
                      f"{len(pairs)}: {min(pairs):.2f}–{max(pairs):.2f} | **{r['body_ratio']}** | "
                      f"{len(body)}: {min(body):.2f}–{max(body):.2f} | {r['noop_ratio']} ({r['noop_cpu_s']} s) | "
                      f"{r['load_average'][0]} |", flush=True)
    if "zensical-instructions" in args.only:
        if shutil.which("valgrind") is None or not (Path(sys.executable).parent / "zensical").exists():
            print("\nzensical-instructions: skipped, it needs valgrind and Zensical")
        else:
            print("\n| proposals, Zensical | front matter (instructions) | body form | plain Markdown | no-op floor "
                  "| ratio, front matter | ratio, body form | floor ratio |\n|---:|---:|---:|---:|---:|---:|---:|---:|")
            for n in [n for n in args.sizes if n <= 100]:  # a build of 100 takes about a minute under valgrind
                r = bench_zensical_instructions(n)
                results.setdefault("zensical-instructions", []).append(r)
                print(f"| {n:,} | {r['ext_instructions'] / 1e9:.2f} G | {r['body_instructions'] / 1e9:.2f} G | "
                      f"{r['plain_instructions'] / 1e9:.2f} G | {r['noop_instructions'] / 1e9:.2f} G | "
                      f"**{r['ratio']}** | **{r['body_ratio']}** | {r['noop_ratio']} |", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
