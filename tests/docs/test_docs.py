"""The docs as a new user meets them: every command and YAML block runnable as written, the getting
started guide run block by block in an empty folder against the built wheel, and the reference
tables committed in docs/reference/ current."""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_prfaq.commands import reference
from mkdocs_prfaq.commands.cli import parser
from mkdocs_prfaq.layout import reference as tables

from ..conftest import BIN, ROOT, Site, Venv, in_process

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


@dataclass
class Block:
    path: Path
    line: int
    lang: str
    title: str
    text: str
    before: str
    """The page's text between the previous block and this one."""

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} ({self.lang})"


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<lang>[\w.+-]*)(?P<rest>.*)$")


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, dedented, with their language and title."""
    found, lines, i, after = [], path.read_text(encoding="utf-8").splitlines(), 0, 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = len(m.group("indent")), m.group("fence")
        title = re.search(r'title="([^"]*)"', m.group("rest"))
        end = i + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        text = "\n".join(line[indent:] for line in lines[i + 1:end])
        found.append(Block(path, i + 1, m.group("lang"), title.group(1) if title else "", text + "\n",
                           "\n".join(lines[after:i])))
        i = after = end + 1
    return found


def prose(path: Path) -> str:
    """The page without its fenced blocks."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"^[ \t]*(```+|~~~+).*?^[ \t]*\1[ \t]*$", "", text, flags=re.S | re.M)


# -- generated reference tables ----------------------------------------------------------------

def test_the_reference_tables_committed_in_docs_are_current() -> None:
    pages = sorted((DOCS / "reference").glob("*.md"))
    with_tables = [p for p in pages if tables.END in p.read_text(encoding="utf-8")]
    assert {p.name for p in with_tables} >= {"configuration.md", "front-matter.md"}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert tables.refresh(text, reference.bundled_table) == text, \
            f"docs/reference/{path.name}: a generated table is stale; run `make reference`"


def test_make_reference_rewrites_a_stale_table_and_check_reports_it(tmp_path: Path) -> None:
    page = tmp_path / "options.md"
    page.write_text("# Options\n\n<!-- prfaq:reference labels -->\n\n| stale |\n\n<!-- /prfaq:reference -->\n\n"
                    "Quoted in text, `<!-- prfaq:reference config -->` stays as it is.\n", encoding="utf-8")
    assert reference.main(["--check", str(page)]) == 1
    assert reference.main([str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "| stale |" not in text and "| `internal_faq` |" in text and text.count(tables.END) == 1
    assert "`<!-- prfaq:reference config -->` stays" in text
    assert reference.main(["--check", str(page)]) == 0
    assert tables.refresh(text, reference.bundled_table) == text


def test_the_build_replaces_a_committed_table_with_the_sites_own(site: Site) -> None:
    (site.root / "ours.schema.json").write_text(
        '{"allOf": [{"$ref": "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"}],'
        ' "required": ["team"], "properties": {"team": {"description": "Owning team."}}}', encoding="utf-8")
    site.config("schema: ours.schema.json")
    committed = tables.refresh("<!-- prfaq:reference schema -->\n", reference.bundled_table)
    (site.docs / "ref.md").write_text(
        "# Ref\n\nThe marker `<!-- prfaq:reference schema -->` documents your schema.\n\n" + committed, encoding="utf-8")
    result = site.build("--strict")
    assert result.code == 0, result.text
    page = site.html("ref/index.html")
    assert page.count("<table>") == 1 and "<code>team</code>" in page and "Owning team." in page
    assert "<code>&lt;!-- prfaq:reference schema --&gt;</code> documents" in page


# -- the getting-started guide, run as written -------------------------------------------------

SHELL = ("bash", "sh", "shell")


def install_line(line: str, wheel: Path, venv: Venv) -> str | None:
    """A ``pip install`` line with the plugin (its Git URL or its name) replaced by the built wheel,
    installed into ``venv``; None for any other line."""
    words = shlex.split(line)
    if words[:2] != ["pip", "install"]:
        return None
    plugin = [w for w in words[2:] if re.fullmatch(r"(git\+https://github\.com/mkdocs-prfaq/mkdocs-prfaq|mkdocs-prfaq)"
                                                   r"(@\S+)?", w)]
    assert len(plugin) == 1, f"an install line that installs no mkdocs-prfaq: {line!r}"
    rest = [str(wheel) if w in plugin else w for w in words[2:]]
    return shlex.join([sys.executable, "-m", "pip", "--python", str(venv.bin / "python"), "install", "-q", *rest])


_DATES = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December) \d{1,2}, \d{4}\b")


def undated(text: str) -> str:
    """A page with its dates (``2026-11-25``, ``May 1, 2027``) as ``DATE``: a new page's depend on the day."""
    return _DATES.sub("DATE", text)


def run_guide(page: Path, folder: Path, wheel: Path, venv: Venv) -> list[str]:
    """Every shell block of ``page``, in order, in ``folder``, with ``venv`` activated; the one install
    line installs the built wheel instead of the plugin. After each block, an ``Output`` block is
    every line it printed (stdout, then stderr), as printed. A YAML block titled with a file name is
    that file: it must say what the file holds, or, where no command wrote the file, it is the
    reader's own and is written. A Markdown block after "writes `docs/....md`:" is that whole page
    (dates aside).
    Returns the shell blocks run."""
    installs, last, ran = 0, None, []
    for block in blocks(page):
        if block.lang in SHELL:
            script = []
            for line in block.text.splitlines():
                replaced = install_line(line, wheel, venv)
                installs += replaced is not None
                script.append(line if replaced is None else replaced)
            last = venv.run(["bash", "-euo", "pipefail", "-c", "\n".join(script)], folder)
            assert last.code == 0, f"{block}:\n{block.text}\n{last.text}"
            ran.append(block.text)
        elif block.lang == "text" and block.title == "Output":  # all the command printed, as it printed it
            assert last is not None, f"{block}: output before any command"
            printed = last.out.splitlines() + last.err.splitlines()
            assert block.text.splitlines() == printed, f"{block}: not what the command printed:\n{last.text}"
        elif block.lang in ("yaml", "yml") and block.title:
            path = folder / block.title
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(block.text)
                continue
            shown, actual = yaml.safe_load(block.text), yaml.safe_load(path.read_text())
            assert {k: actual.get(k) for k in shown} == shown, f"{block}: {block.title} holds\n{path.read_text()}"
        elif block.lang == "markdown":
            written = re.search(r"writes `(docs/[^`]+\.md)`:\s*$", block.before)
            if written:  # the whole page, as written (its dates aside)
                lines = undated((folder / written.group(1)).read_text()).splitlines()
                assert undated(block.text).splitlines() == lines, f"{block}: not what {written.group(1)} holds"
    assert installs == 1, f"{page.name}: one install line, not {installs}"
    return ran


@pytest.mark.process
def test_getting_started_takes_an_empty_folder_to_a_site_with_three_valid_proposals(
        tmp_path: Path, wheel: Path, wheel_venv: Venv) -> None:
    assert not wheel_venv.extras, "the wheel alone, as a new user installs it"
    folder = tmp_path / "proposals-site"
    folder.mkdir()
    ran = run_guide(DOCS / "getting-started.md", folder, wheel, wheel_venv)
    assert any("mkdocs-prfaq init" in text for text in ran) and any("mkdocs-prfaq new" in text for text in ran)
    # the outcome the guide promises: a built site with three valid proposals
    site = folder / "site"
    export = json.loads((site / "proposals" / "proposals.json").read_text())
    assert export["count"] == 3, export
    ids = {p["id"] for p in export["proposals"]}
    assert ids == {"example-front-matter", "example-markdown-body",
                   "podgenie-turns-any-podcast-into-a-searchable-transcript"}
    index = (site / "proposals" / "index.html").read_text()
    for p in export["proposals"]:
        assert p["title"] in index
        assert (site / p["url"] / "index.html").is_file()
    assert (site / "index.html").is_file()
    check = wheel_venv.run([str(wheel_venv.bin / "mkdocs-prfaq"), "check", "--format", "json"], folder)
    assert check.code == 0, check.text
    assert json.loads(check.out)["checked"] == 3 and json.loads(check.out)["problems"] == [], check.text


# -- every YAML block parses, and every mkdocs.yml among them is one the plugin accepts ----------

def yaml_blocks() -> list[Block]:
    return [b for page in PAGES for b in blocks(page) if b.lang in ("yaml", "yml")]


def _mkdocs_loader() -> Any:
    from mkdocs.utils.yaml import get_yaml_loader

    return get_yaml_loader()


def test_every_yaml_block_in_the_docs_parses() -> None:
    found = yaml_blocks()
    assert len(found) >= 12
    for block in found:
        try:
            yaml.load(block.text, Loader=_mkdocs_loader())  # MkDocs' own safe loader, with !ENV
        except yaml.YAMLError as e:
            pytest.fail(f"{block}: {' '.join(str(e).split())}")


def _installed_plugins() -> set[str]:
    return {e.name for e in entry_points(group="mkdocs.plugins")}


def _plugin_names(plugins: Any) -> list[str]:
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) else str(p) for p in plugins or []]


def _prfaq_options(plugins: Any) -> dict[str, Any] | None:
    items = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins or []]
    for name, options in items:
        if name == "prfaq":
            return dict(options or {})
    return None


def test_every_mkdocs_yml_in_the_docs_is_accepted(tmp_path: Path) -> None:
    """A block titled mkdocs.yml, or one with a top-level plugins/theme/markdown_extensions key, loads
    with MkDocs (every plugin it names installed) without an error or warning, and its prfaq options
    validate; files it names (a schema, a custom_dir) are taken from the same page's blocks."""
    from mkdocs.config import load_config

    from mkdocs_prfaq.config import PrfaqConfig

    checked = 0
    for i, block in enumerate(yaml_blocks()):
        data = yaml.load(block.text, Loader=_mkdocs_loader())
        if not (block.title == "mkdocs.yml" or (isinstance(data, dict) and
                {"plugins", "theme", "markdown_extensions", "site_name"} & set(data))):
            continue
        checked += 1
        root = tmp_path / str(i)
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Home\n")
        siblings = {b.title: b for b in blocks(block.path) if b.title}
        options = _prfaq_options(data.get("plugins")) or {}
        if options.get("schema"):
            schema = siblings.get(options["schema"])
            assert schema is not None, f"{block}: names {options['schema']}, which no block on the page shows"
            (root / options["schema"]).write_text(schema.text)
        custom = (data.get("theme") or {}).get("custom_dir") if isinstance(data.get("theme"), dict) else None
        if custom:
            (root / custom).mkdir()
        prfaq = PrfaqConfig(config_file_path=str(root / "mkdocs.yml"))
        prfaq.load_dict(options)
        errors, warnings = prfaq.validate()
        assert not errors and not warnings, f"{block}: prfaq options: {errors} {warnings}"
        if set(_plugin_names(data.get("plugins"))) - _installed_plugins() - {"search"}:
            continue  # e.g. techdocs-core: tests/engines/test_techdocs.py builds that one where it is installed
        config = {"site_name": "Docs", **data}
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False) if "!ENV" not in block.text
                                         else "site_name: Docs\n" + block.text)
        result = in_process(lambda root=root: load_config(str(root / "mkdocs.yml")), root)
        # nothing on stderr: a warning reaches it as Python's last-resort handler prints it, without its level
        assert result.code == 0 and "WARNING" not in result.err and result.err == "", \
            f"{block}:\n{block.text}\n{result.err}"
    assert checked >= 6


# -- every mkdocs-prfaq command line shown uses real subcommands and options ---------------------

def command_lines() -> list[tuple[str, str]]:
    """``(where, line)`` for each ``mkdocs-prfaq ...`` in a shell or text block, or in inline code."""
    found = []
    for page in PAGES:
        for block in blocks(page):
            if block.lang in (*SHELL, "text", "console"):
                for n, line in enumerate(block.text.splitlines()):
                    line = line.removeprefix("$ ").strip()
                    if line.startswith("mkdocs-prfaq "):
                        found.append((f"{block.path.relative_to(ROOT)}:{block.line + 1 + n}", line))
        for m in re.finditer(r"(?<!`)`(mkdocs-prfaq [^`]+)`(?!`)", prose(page)):
            found.append((f"{page.relative_to(ROOT)} (inline)", " ".join(m.group(1).split())))
    return found


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    ap = parser()
    [sub] = [a for a in ap._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_mkdocs_prfaq_command_shown_is_one_the_cli_accepts() -> None:
    subcommands = _subcommands()
    lines = command_lines()
    assert len(lines) >= 15 and {"init", "new", "check", "schema"} <= {shlex.split(line)[1] for _, line in lines}
    for where, line in lines:
        command = re.sub(r"\s+#.*$", "", line)
        words = shlex.split(command)
        assert words[1] in subcommands, f"{where}: {line!r}: no subcommand {words[1]!r}"
        sub = subcommands[words[1]]
        # a synopsis, or a command named in running text (`mkdocs-prfaq new --status`): its options exist
        if any(c in command for c in "[|") or "..." in command or where.endswith("(inline)"):
            for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", command):
                assert option in sub._option_string_actions, f"{where}: {line!r}: no option {option}"
            for option, alternatives in re.findall(r"(--?[a-z][\w-]*) (\w[\w-]*(?:\|[\w-]+)+)", command):
                choices = sub._option_string_actions[option].choices
                assert choices is not None and set(alternatives.split("|")) <= set(choices), f"{where}: {line!r}"
            continue
        try:
            parser().parse_args(words[1:])
        except SystemExit as e:
            assert e.code == 0, f"{where}: {line!r}: mkdocs-prfaq rejects it"


# -- the pre-commit hooks: the shipped one's entry runs, and the documented one works -----------

@pytest.mark.process
def test_the_pre_commit_hooks_run(tmp_path: Path, wheel_venv: Venv) -> None:
    [shipped] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    [documented] = [b for b in blocks(DOCS / "ci.md") if b.title == ".pre-commit-config.yaml"]
    [repo] = yaml.safe_load(documented.text)["repos"]
    [local] = repo["hooks"]
    assert repo["repo"] == "local" and local["language"] == "system"
    for key in ("id", "entry", "files", "pass_filenames"):
        assert local[key] == shipped[key], f"docs/ci.md's hook and .pre-commit-hooks.yaml differ in {key}"
    files = re.compile(shipped["files"])
    for path in ("mkdocs.yml", "docs/proposals/podgenie.md", "prfaq.schema.json", "ours.schema.yaml"):
        assert files.search(path), path
    assert not files.search("docs/assets/chart.png")
    site = tmp_path / "site"
    made = wheel_venv.run([str(wheel_venv.bin / "mkdocs-prfaq"), "init", str(site)], tmp_path)
    assert made.code == 0, made.text
    entry = wheel_venv.run(shlex.split(shipped["entry"]), site)  # the shipped hook's entry, as pre-commit runs it
    assert entry.code == 0 and "2 PR/FAQs checked, no problems" in entry.err, entry.text
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pre-commit must be tested in CI (pip install -e '.[test]')")
        pytest.skip("pre-commit is not installed")
    (site / ".pre-commit-config.yaml").write_text(documented.text)
    git = ["git", "-c", "init.defaultBranch=main"]
    assert subprocess.run([*git, "init", "-q"], cwd=site).returncode == 0
    assert subprocess.run(["git", "add", "."], cwd=site).returncode == 0
    env = dict(wheel_venv.env(), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    passing = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=site, capture_output=True, text=True, env=env)
    assert passing.returncode == 0 and "Passed" in passing.stdout, passing.stdout + passing.stderr
    page = site / "docs" / "proposals" / "example-markdown-body.md"
    page.write_text(page.read_text().replace("status: draft", "status: drafted"))
    failing = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=site, capture_output=True, text=True, env=env)
    assert failing.returncode == 1 and "example-markdown-body.md:3: status: unknown status 'drafted'" in failing.stdout, \
        failing.stdout + failing.stderr
