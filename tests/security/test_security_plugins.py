"""What other plugins and Markdown extensions may do on a page under the proposals folder
(issue 18): mkdocs-macros and markdown-exec never run a page's code, pymdownx.snippets never
publishes a workspace file, the folder's other pages are sanitised too, and only the classes
Markdown extensions print reach a reader. Real sites, built in-process."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_prfaq.layout.neighbours import Neighbours, _file_part, includes
from mkdocs_prfaq.layout.sanitize import CLASSES, Sanitizer, allowed_class, clean

from ..conftest import Site
from ..linear import assert_linear

pytest.importorskip("mkdocs_macros")
pytest.importorskip("markdown_exec")

MARKER = "prfaq-payload-ran"


def make_site(tmp_path: Path) -> Site:
    return Site(tmp_path / "s")


def write_config(site: Site, plugins: list[str], extra: str = "", options: str = "") -> None:
    listed = "".join(f"  - {p}\n" if p != "prfaq" or not options else f"  - prfaq:\n{options}" for p in plugins)
    (site.root / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme:\n  name: mkdocs\nplugins:\n{listed}{extra}", encoding="utf-8")


def run_build(site: Site, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> str:
    """Build in-process (from the site's folder, as `mkdocs build` runs); the log's text."""
    monkeypatch.chdir(site.root)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        cfg = load_config(config_file=str(site.root / "mkdocs.yml"))
        build(cfg)
    return "\n".join(r.getMessage() for r in caplog.records)


def add_body(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def built_text(site: Site) -> str:
    """What the built site shows of the proposals folder, as text: its pages, its files and its
    entries in the search index."""
    folder = site.root / "site" / "proposals"
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()]
    index = json.loads((site.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [json.dumps(doc) for doc in index["docs"] if doc["location"].startswith("proposals/")]
    return "\n".join(pages + entries)


def macro(marker: Path) -> str:
    return ("{{ self.__init__.__globals__.__builtins__.__import__('pathlib').Path(" + repr(str(marker)) +
            ").write_text('ran') }}{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}")


# -- mkdocs-macros ---------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["macros-first", "prfaq-first"])
@pytest.mark.parametrize("mode", ["default", "opt-in"])
def test_macros_never_render_a_proposal(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                        monkeypatch: pytest.MonkeyPatch, order: str, mode: str) -> None:
    site = make_site(tmp_path)
    marker = tmp_path / MARKER
    page = site.proposal("evil.md", "draft", subtitle="plain")
    text = page.read_text(encoding="utf-8")
    front = "render_macros: true\n" if mode == "opt-in" else ""
    page.write_text(text.replace("---\n", "---\n" + front, 1) + "\n" + macro(marker) + "\n", encoding="utf-8")
    # the front-matter form: a field rendered through Markdown
    (site.docs / "proposals" / "evil2.md").write_text(
        f"---\ntitle: Evil two\nstatus: draft\nowner: A\ncreated: 2026-01-01\n{front}"
        f"press_release:\n  summary: \"{macro(marker).replace(chr(34), chr(39))}\"\n---\n\nBody.\n",
        encoding="utf-8")
    (site.docs / "proposals" / "index.md").write_text(f"---\n{front}---\n# Proposals\n\n{macro(marker)}\n",
                                                      encoding="utf-8")
    (site.docs / "plain.md").write_text(f"---\n{front}---\n# Plain\n\n{{{{ 6 * 7 }}}}\n", encoding="utf-8")
    macros = "  - macros:\n      render_by_default: false\n" if mode == "opt-in" else "  - macros\n"
    plugins = "  - search\n" + (macros + "  - prfaq:\n      on_invalid: warn\n" if order == "macros-first"
                                else "  - prfaq:\n      on_invalid: warn\n" + macros)
    (site.root / "mkdocs.yml").write_text(f"site_name: Test\ntheme:\n  name: mkdocs\nplugins:\n{plugins}",
                                          encoding="utf-8")
    run_build(site, caplog, monkeypatch)
    assert not marker.exists()
    out = built_text(site)
    assert "uid=" not in out
    assert "popen(" in site.html("proposals/evil/index.html")  # shown as written
    assert "42" in site.html("plain/index.html")  # the site's own pages still get macros
    assert "render_macros" not in out


def test_macros_switch_in_front_matter_never_reaches_page_meta(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    page = site.proposal("meta.md", "draft")
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\nrender_macros: true\nx_other: 1\n", 1),
                    encoding="utf-8")
    seen: dict[str, Any] = {}

    from mkdocs.plugins import CombinedEvent, event_priority

    from mkdocs_prfaq.plugin import PrfaqPlugin

    original = PrfaqPlugin._markdown_first  # on_page_markdown's first handler; then _markdown_settled

    @event_priority(100)
    def spy(self: PrfaqPlugin, markdown: str, page: Any, config: Any, files: Any) -> str | None:
        result = original(self, markdown, page=page, config=config, files=files)
        seen.update(page.meta)
        return result

    monkeypatch.setattr(PrfaqPlugin, "on_page_markdown", CombinedEvent(spy, PrfaqPlugin._markdown_settled))
    write_config(site, ["search", "prfaq"])
    run_build(site, caplog, monkeypatch)
    assert seen["render_macros"] is False and "x_other" not in seen and seen["owner"]


# -- markdown-exec ---------------------------------------------------------------------------


EXEC_EXTENSIONS = "markdown_extensions:\n  - pymdownx.superfences\n"


@pytest.mark.parametrize("order", ["exec-first", "prfaq-first"])
def test_markdown_exec_never_runs_a_proposal(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                             monkeypatch: pytest.MonkeyPatch, order: str) -> None:
    site = make_site(tmp_path)
    marker = tmp_path / MARKER
    code = (f'import pathlib, os\npathlib.Path({str(marker)!r}).write_text("ran")\n'
            'print("EXEC" + "-RAN", os.popen("id").read())\n')
    fences = f'```python exec="on"\n{code}```\n\n~~~py exec="1" html="1"\n{code}~~~\n\n```sh exec="on"\necho SH-""RAN\n```\n'
    add_body(site.proposal("evil.md", "draft"), fences)
    (site.docs / "proposals" / "index.md").write_text("# Proposals\n\n" + fences, encoding="utf-8")
    (site.docs / "plain.md").write_text('# Plain\n\n```python exec="on"\nprint("SITE" + "-OWN")\n```\n',
                                        encoding="utf-8")
    write_config(site, ["search", "markdown-exec", "prfaq"] if order == "exec-first" else
                 ["search", "prfaq", "markdown-exec"], EXEC_EXTENSIONS)
    run_build(site, caplog, monkeypatch)
    assert not marker.exists()
    out = built_text(site)
    assert "EXEC-RAN" not in out and "SH-RAN" not in out and "uid=" not in out
    assert "write_text" in site.html("proposals/evil/index.html")  # the code shows as written
    assert "SITE-OWN" in site.html("plain/index.html")  # the site's own pages still run theirs


def test_custom_fences_of_pymdownx_stay_on(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    add_body(site.proposal("diagram.md", "draft"), "```mermaid\ngraph LR; A-->B\n```\n")
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n  - pymdownx.superfences:\n"
                 "      custom_fences:\n        - name: mermaid\n          class: mermaid\n"
                 "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
    run_build(site, caplog, monkeypatch)
    assert '<pre class="mermaid"><code>graph LR; A--&gt;B</code></pre>' in site.html("proposals/diagram/index.html")


def test_a_plugin_that_cannot_be_switched_off_is_named_once(tmp_path: Path) -> None:
    warnings = Neighbours().configure(["search", "markdownextradata", "prfaq"], {},
                                      ["toc", "mdx_include", "markdown_include.include", "plantuml_markdown"])
    # markdown_include and plantuml_markdown are switched off on PR/FAQ pages: not named (a TechDocs
    # site lists plantuml_markdown, and a warning would fail every `mkdocs build --strict`)
    assert len(warnings) == 2 and "'markdownextradata'" in warnings[0] and "'mdx_include'" in warnings[1]


def test_markdown_include_reads_no_file_on_a_proposal_page(tmp_path: Path) -> None:
    pytest.importorskip("markdown_include")
    site = Site(tmp_path / "inc")
    (site.root / "secret.txt").write_text("TOPSECRET-TOKEN\n", encoding="utf-8")
    site.proposal("leak.md", "draft", 1)
    page = site.docs / "proposals" / "leak.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{!secret.txt!}\n", encoding="utf-8")
    (site.docs / "own.md").write_text("# Own\n\n{!secret.txt!}\n", encoding="utf-8")
    site.config("", extra="markdown_extensions:\n  - markdown_include.include:\n      base_path: .\n")
    result = site.build("--strict")
    assert result.code == 0, result.text
    assert "TOPSECRET-TOKEN" not in site.html("proposals/leak/index.html")
    assert "TOPSECRET-TOKEN" in site.html("own/index.html")  # the site's own page includes as before


# -- pymdownx.snippets -------------------------------------------------------------------------


SNIPPET_FORMS = [
    '--8<-- ".git/config"',
    '-8<- ".git/config"',
    "--8<-- '.git/config'",
    '-----8<----- "secret.txt"',
    '--8<-- ".git/config:1:3"',
    '--8<-- "secret.txt:secret"',
    '--8<-- "docs/../.git/config"',
    "--8<--\n.git/config\nsecret.txt\n--8<--",
    '    --8<-- ".git/config"',
    '- item\n\n    --8<-- "secret.txt"',
]
SNIPPET_CONFIGS = {
    "default": "  - pymdownx.snippets:\n      base_path: [{root}]\n",
    "check_paths": "  - pymdownx.snippets:\n      base_path: [{root}]\n      check_paths: true\n",
    "unrestricted": "  - pymdownx.snippets:\n      base_path: [{root}, {root}/docs]\n      restrict_base_path: false\n",
}


def snippet_site(tmp_path: Path, snippets: str) -> Site:
    site = make_site(tmp_path)
    (site.root / ".git").mkdir()
    (site.root / ".git" / "config").write_text("[remote]\n  token = GIT-TOKEN-123\n", encoding="utf-8")
    (site.root / "secret.txt").write_text("--8<-- [start:secret]\nSECRET-456\n--8<-- [end:secret]\n",
                                          encoding="utf-8")
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n" + snippets.format(root=site.root))
    return site


@pytest.mark.parametrize("settings_name", sorted(SNIPPET_CONFIGS))
def test_snippets_never_include_a_file_into_a_proposal(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch, settings_name: str) -> None:
    site = snippet_site(tmp_path, SNIPPET_CONFIGS[settings_name])
    page = site.proposal("evil.md", "draft")
    add_body(page, "\n\n".join(SNIPPET_FORMS))
    (site.docs / "proposals" / "index.md").write_text('# Proposals\n\n--8<-- "secret.txt"\n', encoding="utf-8")
    (site.docs / "plain.md").write_text('# Plain\n\n--8<-- "secret.txt:secret"\n', encoding="utf-8")
    log = run_build(site, caplog, monkeypatch)
    out = built_text(site)
    assert "GIT-TOKEN-123" not in out and "SECRET-456" not in out
    assert "SECRET-456" in site.html("plain/index.html")  # the site's own pages still include
    lines = page.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line == SNIPPET_FORMS[0])
    assert f"docs/proposals/evil.md:{first}: body: include '.git/config' is not honoured" in log, log
    assert "docs/proposals/index.md:3: body: include 'secret.txt'" in log, log
    assert len(re.findall(r"evil\.md:\d+: body: include", log)) == 11, log


def test_snippets_in_front_matter_fields_are_refused_at_their_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    site = snippet_site(tmp_path, SNIPPET_CONFIGS["default"])
    (site.docs / "proposals" / "fields.md").write_text(
        "---\ntitle: Fields\nstatus: draft\nowner: A\ncreated: 2026-01-01\npress_release:\n"
        "  summary: |\n    Intro.\n\n    --8<-- \".git/config\"\nfaq:\n  external:\n    - question: Why?\n"
        "      answer: |\n        --8<--\n        secret.txt\n        --8<--\n---\n\nBody.\n", encoding="utf-8")
    log = run_build(site, caplog, monkeypatch)
    assert "GIT-TOKEN-123" not in built_text(site) and "SECRET-456" not in built_text(site)
    assert "docs/proposals/fields.md:10: press_release.summary: include '.git/config' is not honoured" in log, log
    assert "docs/proposals/fields.md:16: faq.external.0.answer: include 'secret.txt'" in log, log


def test_snippets_dir_allows_only_its_own_files(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = snippet_site(tmp_path, SNIPPET_CONFIGS["default"])
    shared = site.root / "shared"
    shared.mkdir()
    (shared / "legal.md").write_text("LEGAL-TEXT-789\n", encoding="utf-8")
    (shared / "link.md").symlink_to(site.root / "secret.txt")
    (shared / ".env").write_text("ENV-SECRET-1\n", encoding="utf-8")
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n" + SNIPPET_CONFIGS["default"].format(
        root=site.root), options="      snippets_dir: shared\n")
    add_body(site.proposal("ok.md", "draft"),
             '--8<-- "legal.md"\n\n--8<-- "link.md"\n\n--8<-- "../secret.txt"\n\n--8<-- "https://example.com/x"\n'
             '\n--8<-- ".env"\n')
    log = run_build(site, caplog, monkeypatch)
    html = site.html("proposals/ok/index.html")
    assert "LEGAL-TEXT-789" in html and "SECRET-456" not in html and "ENV-SECRET" not in html
    assert len(re.findall(r"ok\.md:\d+: body: include", log)) == 4, log
    assert "files in snippets_dir ('shared')" in log


@given(st.text(alphabet="-8<;\"' .a/\n:\t", max_size=60))
@settings(max_examples=300, deadline=None)
def test_every_include_snippets_would_make_is_found(text: str) -> None:
    """The plugin reads includes as pymdownx.snippets does: whatever it would include, the plugin
    reports (a generated page against a real SnippetPreprocessor that records what it reads)."""
    import markdown

    asked: list[str] = []
    md = markdown.Markdown(extensions=["pymdownx.snippets"])
    snippet = md.preprocessors["snippet"]
    snippet.get_snippet_path = lambda path: asked.append(path)  # type: ignore[attr-defined]
    snippet.run(text.split("\n"))
    found = [_file_part(p) for _, _, p in includes(text)]
    assert sorted(asked) == sorted(found) or set(asked) <= set(found), (asked, found)


# -- the folder's other pages ---------------------------------------------------------------------


def test_every_page_under_the_folder_is_sanitised(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    site.proposal("real.md", "draft")
    evil = "<script>alert('x')</script>\n\n<img src=x onerror=alert(2)>\n\n## T {: onclick=\"alert(3)\" }\n"
    (site.docs / "proposals" / "index.md").write_text(
        "---\ntitle: <img src=x onerror=alert(4)>\n---\n# Proposals\n\n" + evil + "\n<!-- prfaq:index -->\n\n## After\n",
        encoding="utf-8")
    (site.docs / "proposals" / "templates").mkdir()
    (site.docs / "proposals" / "templates" / "tpl.md").write_text("# Template\n\n" + evil, encoding="utf-8")
    (site.docs / "outside.md").write_text("# Outside\n\n<script>alert('site')</script>\n", encoding="utf-8")
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n  - attr_list\n",
                 options="      exclude: ['templates/*']\n")
    run_build(site, caplog, monkeypatch)
    for page in ("proposals/index.html", "proposals/templates/tpl/index.html"):
        html = site.html(page).split('role="main"')[1]
        assert "alert(" not in html and "onerror" not in html and "onclick" not in html, page
    assert "<title><img" not in site.html("proposals/index.html")
    assert "alert('site')" in site.html("outside/index.html")  # the site's own pages are the site's
    index = site.html("proposals/index.html")
    assert "real" in index and index.index("prfaq-index") < index.index('id="after"')  # at the marker


# -- classes --------------------------------------------------------------------------------------


def test_theme_classes_never_reach_a_proposal(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    add_body(site.proposal("overlay.md", "draft"),
             '<div class="fixed-top w-100 h-100 bg-white d-flex" markdown>\n[Sign in again](https://evil.example)\n'
             '</div>\n\n<div class="md-dialog md-dialog--active">Saved</div>\n\n'
             '!!! modal "Title"\n    text\n\nA [link](#x){ .position-fixed .note }\n\n'
             '```python\nprint(1)\n```\n')
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - admonition\n"
                 "  - pymdownx.superfences\n  - pymdownx.highlight\n")
    run_build(site, caplog, monkeypatch)
    html = site.html("proposals/overlay/index.html").split('role="main"')[1].split("<footer")[0]
    for theme in ("fixed-top", "w-100", "h-100", "bg-white", "d-flex", "md-dialog", "md-dialog--active", "modal",
                  "position-fixed"):
        assert not re.search(rf'class="[^"]*(?<![\w-]){re.escape(theme)}(?![\w-])', html), theme
    assert 'class="admonition"' in html and 'class="note"' in html and 'class="highlight"' in html
    assert 'class="language-python highlight"' in html or 'class="highlight"' in html


CLASS_NAME = st.from_regex(r"[A-Za-z_-][A-Za-z0-9_-]{0,20}", fullmatch=True)


@given(st.lists(CLASS_NAME, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_only_allowlisted_classes_survive(names: list[str]) -> None:
    out = clean(f'<div class="{" ".join(names)}">x</div><span class="{names[0]}">y</span>')
    kept = {c for value in re.findall(r'class="([^"]*)"', out) for c in value.split()}
    assert kept == {n for n in names if allowed_class(n)}
    assert all(n in CLASSES or re.fullmatch(r"(?:language|lang|key|magiclink)-.+|magiclink", n) for n in kept)


# -- remote_images -------------------------------------------------------------------------------


PREFIX = "https://cdn.example.com/ok/"


@pytest.mark.parametrize("url", [
    "https://cdn.example.com/ok/\t../../evil.png", "https://cdn.example.com/ok/\n../evil.png",
    "https://cdn.example.com/ok/.%2e/evil.png", "https://cdn.example.com/ok/%2E%2E/evil.png",
    "https://cdn.example.com/ok/..\\evil.png", "https://cdn.example.com/ok\\..\\evil.png",
    "https://cdn.example.com/ok/ ../evil.png", "https://cdn.example.com/ok/.\u00a0./evil.png",
    "https://cdn.example.com@evil.example/ok/a.png", "https://cdn.example.com/ok/%2e%2e%2fevil.png/../..",
])
def test_remote_image_prefixes_compare_resolved_urls(url: str) -> None:
    sanitizer = Sanitizer(remote_images=[PREFIX])
    assert "src=" not in sanitizer.clean(f'<img src="{url.replace(chr(9), "&#9;").replace(chr(10), "&#10;")}">')
    for kept in ("https://cdn.example.com/ok/a/./b.png", "https://CDN.Example.com/ok/a.png",
                 "https://cdn.example.com/ok/x/../a.png"):  # under the prefix, however spelled
        assert f'src="{kept}"' in sanitizer.clean(f'<img src="{kept}">')


def _browser_path(url: str) -> str:
    """How a browser reads a URL's path (an independent reading: tabs and line breaks dropped,
    ``\\`` as ``/``, dot segments and their percent-encoded spellings resolved)."""
    url = re.sub(r"[\t\n\r]", "", url).replace("\\", "/")
    path = url.split("://", 1)[1].split("/", 1)[1] if "/" in url.split("://", 1)[1] else ""
    out: list[str] = []
    segments = path.split("?")[0].split("#")[0].split("/")
    for segment in segments:
        lowered = segment.lower().replace("%2e", ".")
        if lowered == "..":
            out = out[:-1]
        elif lowered != ".":
            out.append(segment)
    if segments[-1].lower().replace("%2e", ".") in (".", ".."):
        out.append("")  # 'a/..' is the folder: 'a/../' (the whole spec: https://url.spec.whatwg.org/#path-state)
    return "/" + "/".join(out)


SEGMENT = st.sampled_from(["..", ".", "%2e%2e", ".%2E", "%2e", "\t..", "..\t", "a", "ok", "x.png", "", "\\..",
                           "%2f", "\n", " "])


@given(st.lists(SEGMENT, max_size=8), st.sampled_from(["/", "\\"]))
@example(["..", "", "ok", "."], "/")  # '/ok/..//ok/.' is fetched as '//ok/', not under /ok/
@settings(max_examples=500, deadline=None)
def test_a_kept_remote_image_is_under_its_prefix_as_the_browser_resolves_it(segments: list[str], sep: str) -> None:
    url = PREFIX + sep.join(segments)
    sanitizer = Sanitizer(remote_images=[PREFIX])
    out = sanitizer.clean('<img src="' + url.replace("\t", "&#9;").replace("\n", "&#10;").replace('"', "") + '">')
    if "src=" in out:
        assert _browser_path(url).startswith("/ok/"), (url, out)


@pytest.mark.parametrize("guard_first", [True, False])
def test_snippets_are_restricted_whichever_extension_comes_first(tmp_path: Path, guard_first: bool) -> None:
    """A plugin may add pymdownx.snippets after the plugin added its own extension."""
    import markdown

    (tmp_path / "secret.txt").write_text("SECRET-456\n", encoding="utf-8")
    neighbours = Neighbours()
    extensions: list[Any] = ["pymdownx.snippets"]
    extensions.insert(0 if guard_first else 1, neighbours.extension())
    md = markdown.Markdown(extensions=extensions, extension_configs={
        "pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": True}})
    neighbours.active = True
    assert "SECRET" not in md.convert('--8<-- "secret.txt"')
    neighbours.active = False
    assert "SECRET-456" in md.reset().convert('--8<-- "secret.txt"')  # the site's own pages as configured


def test_a_body_form_include_is_reported_at_its_own_line(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    site = snippet_site(tmp_path, SNIPPET_CONFIGS["default"])
    (site.docs / "proposals" / "bf.md").write_text(
        "---\ntitle: Body form\nstatus: draft\nowner: A\ncreated: 2026-01-01\n---\n\n## Press release\n\n"
        '--8<-- "secret.txt"\n\n**BERLIN, January 4, 2027** - Today.\n\n## FAQ\n\n### Why?\n\n'
        '--8<-- ".git/config"\n', encoding="utf-8")
    log = run_build(site, caplog, monkeypatch)
    assert "SECRET-456" not in built_text(site) and "GIT-TOKEN-123" not in built_text(site)
    assert re.search(r"docs/proposals/bf\.md:10: [\w.]+: include 'secret\.txt' is not honoured", log), log
    assert re.search(r"docs/proposals/bf\.md:18: [\w.]+: include '\.git/config' is not honoured", log), log


def test_many_includes_are_reported_in_a_bounded_number_of_lines(tmp_path: Path) -> None:
    from mkdocs_prfaq.layout.neighbours import MAX_REPORTED

    body = "\n\n".join(f'--8<-- "f{i}.txt"' for i in range(5000))
    problems = Neighbours().snippet_problems("docs/proposals/x.md", body, lambda: body)
    assert len(problems) == MAX_REPORTED + 1 and "more includes" in problems[-1].message
    assert [p.line for p in problems[:3]] == [1, 3, 5]


EXTENSION_PAGE = """
!!! tip inline end "Tip"
    Admonition.

??? note "Details"
    Hidden.

=== "One"
    Tab one.

=== "Two"
    Tab two.

- [x] done
- [ ] open

:smile: ++ctrl+alt+del++ {++added++} {--removed--} {~~a~>b~~} {==marked==} {>>comment<<}

$E = mc^2$ and https://example.com and @facelessuser and ==mark== and ^^insert^^

Text with a footnote.[^1]

[^1]: The note.

```python linenums="1" hl_lines="2" title="a.py"
import os
print(os)
```

`#!python print(1)` inline.

[TOC]
"""
EXTENSION_CONFIG = """markdown_extensions:
  - admonition
  - footnotes
  - toc:
      permalink: true
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji
  - pymdownx.keys
  - pymdownx.critic
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.caret
  - pymdownx.highlight:
      anchor_linenums: false
  - pymdownx.inlinehilite
"""


def test_every_class_markdown_extensions_print_is_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    add_body(site.proposal("rich.md", "draft"), EXTENSION_PAGE)
    (site.docs / "plain.md").write_text("# Plain\n" + EXTENSION_PAGE, encoding="utf-8")
    write_config(site, ["search", "prfaq"], EXTENSION_CONFIG)
    run_build(site, caplog, monkeypatch)

    def classes(page: str) -> set[str]:
        main = site.html(page).split('role="main"')[1].split("<footer")[0]
        return {c for value in re.findall(r'class="([^"]*)"', main) for c in value.split()}

    plain, proposal = classes("plain/index.html"), classes("proposals/rich/index.html")
    assert len(plain) > 30, plain
    assert plain <= proposal, sorted(plain - proposal)


def test_a_meta_file_in_the_folder_cannot_switch_macros_on(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's meta plugin merges a folder's .meta.yml under each page's own metadata."""
    site = make_site(tmp_path)
    marker = tmp_path / MARKER
    add_body(site.proposal("evil.md", "draft"), macro(marker))
    (site.docs / "proposals" / ".meta.yml").write_text("render_macros: true\n", encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\nplugins:\n  - search\n  - meta\n"
        "  - macros:\n      render_by_default: false\n  - prfaq\n", encoding="utf-8")
    run_build(site, caplog, monkeypatch)
    assert not marker.exists() and "uid=" not in built_text(site)


def test_the_build_names_a_plugin_it_cannot_switch_off_once(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_prfaq.layout import neighbours

    monkeypatch.setitem(neighbours.UNSTOPPABLE, "search", "renders pages (as a stand-in for markdownextradata)")
    site = make_site(tmp_path)
    site.proposal("a.md", "draft")
    site.proposal("b.md", "draft", i=1)
    write_config(site, ["search", "prfaq"])
    log = run_build(site, caplog, monkeypatch)
    assert log.count("prfaq: plugin 'search' renders pages") == 1, log


def test_a_disabled_plugin_leaves_the_folder_to_the_other_plugins(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    (site.docs / "proposals" / "note.md").write_text("# Note\n\n{{ 6 * 7 }}\n", encoding="utf-8")
    write_config(site, ["search", "macros", "prfaq"], options="      enabled: false\n")
    run_build(site, caplog, monkeypatch)
    assert "42" in site.html("proposals/note/index.html")


# -- linear ----------------------------------------------------------------------------------------


def _linear(make: Any, run: Any) -> None:
    """Linear: x4 per step (x16 overall); quadratic would be x256. Generous for a shared machine
    (``tests/linear.py``: CPU time, measured again before it fails)."""
    assert_linear(make, run, 5_000, lambda times: times[2] <= max(times[0], 5e-3) * 80, floor=0, guard=120)


LINEAR_CASES = {
    "includes": lambda n: "\n\n".join(f'--8<-- "f{i}.txt"' for i in range(n)),
    "block includes": lambda n: "--8<--\n" + "\n".join(f"f{i}.txt" for i in range(n)) + "\n--8<--\n",
    "quotes": lambda n: '--8<-- "' + '\\" ' * n + "x",
    "markers": lambda n: "-" * n + "8<" + "-" * n + ' "x"',
    "line specs": lambda n: '--8<-- "a' + ":1" * n + ',' * n + '"',
    "same line": lambda n: "\n".join(['--8<-- "same.txt"'] * n),
}


@pytest.mark.parametrize("case", sorted(LINEAR_CASES))
def test_reading_includes_is_linear(case: str) -> None:
    def report(text: str) -> None:
        Neighbours().snippet_problems("docs/proposals/x.md", text, lambda: text, [("press_release.summary", text)])

    _linear(LINEAR_CASES[case], report)


def test_classes_and_remote_urls_are_linear() -> None:
    sanitizer = Sanitizer(remote_images=[PREFIX])

    def page(n: int) -> str:
        return (f'<p class="{" ".join(f"c{i} note" for i in range(n))}">x</p>'
                f'<img src="{PREFIX}{"a/../" * n}x.png"><img src="{PREFIX}{"%2e%2e/" * n}">')

    _linear(page, sanitizer.clean)


def test_a_custom_fence_without_validator_keeps_superfences_default_on_the_sites_pages(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    fence = '```shout\nhello\n```\n'
    add_body(site.proposal("p.md", "draft"), fence)
    (site.docs / "plain.md").write_text("# Plain\n\n" + fence, encoding="utf-8")
    write_config(site, ["search", "prfaq"], "markdown_extensions:\n  - pymdownx.superfences:\n"
                 "      custom_fences:\n        - name: shout\n          class: shout\n"
                 "          format: !!python/name:tests.fences.shout\n")
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent.parent))
    run_build(site, caplog, monkeypatch)
    assert "HELLO" in site.html("plain/index.html")  # an outside formatter runs on the site's pages
    assert "HELLO" not in site.html("proposals/p/index.html") and "hello" in site.html("proposals/p/index.html")
