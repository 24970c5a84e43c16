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

    python benchmarks/run.py                 # N = 100, 1000, 10000
    python benchmarks/run.py --sizes 100 1000 --only build
"""

from __future__ import annotations

import argparse
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
from mkdocs_prfaq.frontmatter import split  # noqa: E402
from mkdocs_prfaq.model import load_catalog  # noqa: E402
from mkdocs_prfaq.schema import build_validator  # noqa: E402

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


def site_size(root: Path) -> int:
    return sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())


def paired(a: Path, b: Path, repeats: int) -> dict[str, Any]:
    """Build ``a`` and ``b`` one after the other, ``repeats`` times, taking turns to go first.

    The ratio is the median of the pairs' CPU ratios: the two builds of a pair run seconds
    apart, so a neighbour's load that drifts over the run cancels out of each pair (the best
    time of each side, also reported, can come from different moments of the run)."""
    pairs = []
    for i in range(repeats):
        if i % 2:
            y = mkdocs_build(b)
            x = mkdocs_build(a)
        else:
            x = mkdocs_build(a)
            y = mkdocs_build(b)
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
    with tempfile.TemporaryDirectory() as tmp:
        plugin = write_site(Path(tmp) / "plugin", n, plugin=True, extra=SMALL_NAV, options="      index: false\n")
        plain = write_site(Path(tmp) / "plain", n, plugin=False, extra=SMALL_NAV)
        a, b = instructions(plugin), instructions(plain)
        return {"n": n, "plugin_instructions": a, "plain_instructions": b, "ratio": round(a / b, 3)}


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
    from mkdocs_prfaq.index import listing_html
    from mkdocs_prfaq.labels import merge_labels
    from mkdocs_prfaq.model import Proposal
    from mkdocs_prfaq.render import make_environment

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--only", choices=("build", "build-body", "instructions", "check", "nav", "filter"), nargs="+",
                    default=["build", "build-body", "instructions", "check", "nav", "filter"])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "results.json")
    args = ap.parse_args()
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
            print("\n| proposals | with plugin (instructions) | plain Markdown (instructions) | ratio |\n"
                  "|---:|---:|---:|---:|")
            for n in [n for n in args.sizes if n <= 1000]:  # about 17x slower under valgrind
                r = bench_instructions(n)
                results.setdefault("instructions", []).append(r)
                print(f"| {n:,} | {r['plugin_instructions'] / 1e9:.2f} G | {r['plain_instructions'] / 1e9:.2f} G | "
                      f"**{r['ratio']}** |", flush=True)
    if "check" in args.only:
        print("\n| proposals | load_catalog (check) | bare libyaml parse | ratio |\n|---:|---:|---:|---:|")
        n = max(args.sizes)
        r = bench_check(n, repeats=3)
        results["check"] = [r]
        print(f"| {n:,} | {r['check_s']} s | {r['parse_s']} s | **{r['ratio']}** |", flush=True)
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
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
