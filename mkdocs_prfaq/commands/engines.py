"""What the commands do for a site that another engine than MkDocs builds (Zensical): the listing
pages and assets that the MkDocs plugin generates, written as files once (``init``), and
``proposals.json`` written after a build (``export``)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

from ..config import lifecycle_of
from ..contract.labels import merge_labels, status_key
from ..contract.model import Catalog
from ..index import listing as index
from ..layout.statusstyle import stylesheet
from ..siteconfig import SiteConfig, read_site_config
from . import writes

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_DIR = ("assets", "prfaq")
"""Under docs_dir: what ``extra_css`` and ``extra_javascript`` name in a Zensical site."""
EXTRA_CSS = ("assets/prfaq/prfaq.css", "assets/prfaq/statuses.css")
EXTRA_JS = ("assets/prfaq/index.js",)


def is_zensical(directory: str) -> str | None:
    """The ``zensical.toml`` of ``directory`` when the site is Zensical's (it has no ``mkdocs.yml``)."""
    if any(os.path.lexists(os.path.join(directory, n)) for n in ("mkdocs.yml", "mkdocs.yaml")):
        return None
    path = os.path.join(directory, "zensical.toml")
    return path if os.path.isfile(path) else None


def listing_pages(site: SiteConfig) -> list[tuple[str, str]]:
    """``(name under the proposals folder, Markdown)`` of the index, the roadmap and a page per status."""
    lifecycle = lifecycle_of(site.plugin)
    labels = merge_labels(site.plugin.labels, lifecycle)
    pages = [("index.md", f"# {labels['proposals']}\n\n<!-- prfaq index -->\n"),
             ("roadmap.md", f"# {labels['roadmap']}\n\n<!-- prfaq roadmap -->\n")]
    for status in lifecycle.statuses:
        label = labels.get(status_key(status.name), status.name)
        pages.append((f"status/{status.name}.md", f"# {label}\n\n<!-- prfaq status {status.name} -->\n"))
    return pages


def init_zensical(config_path: str, lines: list[str], notes: list[str],
                  today: datetime.date | None = None) -> None:
    """Write the listing pages, the stylesheets and script, and the two examples where the
    proposals folder has no pages; never over a file. ``lines`` and ``notes`` get what was done
    and what is left to the author (the lines of ``zensical.toml`` to add)."""
    from .starter import examples, has_pages

    site = read_site_config(config_path)
    docs, parts = site.docs_dir, tuple(p for p in site.plugin.dir.split("/") if p)
    folder = os.path.join(docs, *parts)
    had_pages = os.path.isdir(folder) and has_pages(folder)
    files = _listing_files(site)
    if had_pages:
        notes.append(f"{writes.shown(folder)}/ already has pages; no examples added")
    else:
        files += [(parts, name, text) for name, text in examples(today or datetime.date.today())]
    _write(docs, files, lines)
    text = Path(config_path).read_text(encoding="utf-8")
    shown = writes.shown(config_path)
    # each a line to paste under [project] (a '#' comment after one would swallow the rest)
    project = [f"{key} = {list(names)!r}".replace("'", '"') for key, names in _missing_assets(text)]
    if project:
        notes.append(f"add to {shown}, under [project]: " + "; ".join(project))
    if "[project.markdown_extensions.prfaq]" not in text:
        notes.append(f"add to {shown}, as a table of its own: [project.markdown_extensions.prfaq]")
    notes.append("next: zensical serve, and open http://127.0.0.1:8000/"
                 f"{site.plugin.dir}/ ; `mkdocs-prfaq new \"Title\"` writes a new proposal")


def _missing_assets(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(option, files)`` for ``extra_css`` and ``extra_javascript`` where the config's ``text``
    does not name every one of the stylesheets or scripts Zensical needs."""
    return [(key, names) for key, names in (("extra_css", EXTRA_CSS), ("extra_javascript", EXTRA_JS))
            if not all(name in text for name in names)]


def _listing_files(site: SiteConfig) -> list[tuple[tuple[str, ...], str, str]]:
    """``(folders under docs_dir, name, text)`` of the listing pages, the stylesheets and the script."""
    parts = tuple(p for p in site.plugin.dir.split("/") if p)
    lifecycle = lifecycle_of(site.plugin)
    files: list[tuple[tuple[str, ...], str, str]] = []
    for name, text in listing_pages(site):
        *folders, base = name.split("/")
        files.append(((*parts, *folders), base, text))
    files += [(ASSET_DIR, "prfaq.css", (ASSETS / "prfaq.css").read_text(encoding="utf-8")),
              (ASSET_DIR, "statuses.css", stylesheet(lifecycle)
               + index.column_css(merge_labels(site.plugin.labels, lifecycle))),  # as the plugin writes it
              (ASSET_DIR, "index.js", (ASSETS / "index.js").read_text(encoding="utf-8"))]
    return files


def _write(docs: str, files: list[tuple[tuple[str, ...], str, str]], lines: list[str]) -> None:
    for sub, name, text in files:
        path = os.path.join(docs, *sub, name)
        written = writes.create(docs, sub, name, text)
        lines.append(f"wrote {writes.shown(path)}" if written else f"kept {writes.shown(path)} (exists)")


def lists_extension(config_path: str) -> bool:
    """Whether a ``mkdocs.yml`` lists the ``prfaq`` Markdown extension: a site Zensical builds too."""
    from ..siteconfig import read_yaml_config

    listed = read_yaml_config(config_path).get("markdown_extensions")
    names = listed if isinstance(listed, list) else [listed] if isinstance(listed, dict) else []
    return any(n == "prfaq" or (isinstance(n, dict) and "prfaq" in n) for n in names)


def init_extension_files(config_path: str, lines: list[str], notes: list[str]) -> None:
    """For a ``mkdocs.yml`` that lists the ``prfaq`` extension (one file for both engines): what
    Zensical needs besides it, the listing pages with their markers and the stylesheets and
    script (MkDocs generates its own and ignores these); never over a file. ``notes`` get the
    lines of ``mkdocs.yml`` to add."""
    site = read_site_config(config_path)
    _write(site.docs_dir, _listing_files(site), lines)
    text = Path(config_path).read_text(encoding="utf-8")
    wanted = [f"{key}: {list(names)!r}".replace("'", "") for key, names in _missing_assets(text)]
    if wanted:
        notes.append(f"for Zensical, add to {writes.shown(config_path)}: " + "; ".join(wanted))


def _page_url(site: SiteConfig) -> Callable[[object], str]:
    """A proposal's URL as MkDocs and Zensical serve its page (relative to the site's root)."""
    from mkdocs.structure.files import File

    def url(p: object) -> str:
        src = getattr(p, "src_path", "")
        return str(File(src, site.docs_dir, os.path.join(site.docs_dir, "site"), site.use_directory_urls).url)

    return url


def export_text(site: SiteConfig, catalog: Catalog) -> str:
    """``proposals.json`` for a site built by another engine: URLs as MkDocs and Zensical serve pages."""
    lifecycle = lifecycle_of(site.plugin)
    labels = merge_labels(site.plugin.labels, lifecycle)
    return index.export_json(index.export(catalog.proposals, _page_url(site), lifecycle, labels, catalog.problems_of))


def attach_history(site: SiteConfig, catalog: Catalog) -> str:
    """Each proposal's status history, from one ``git log`` as the build reads it (``history:
    false``: none, and no git is run); the one line that says why git gave none, or ''."""
    from ..index import history

    return history.update(history.Reader(), catalog.proposals, site.docs_dir, site.plugin.dir,
                          lifecycle_of(site.plugin), site.plugin.history)


def feed_text(site: SiteConfig, catalog: Catalog) -> str:
    """``feed.xml``, the status changes as the MkDocs plugin writes them (after :func:`attach_history`)."""
    from ..index import feed

    labels = merge_labels(site.plugin.labels, lifecycle_of(site.plugin))
    return feed.feed_xml(catalog.proposals, _page_url(site), labels, site_name=site.site_name,
                         site_url=site.site_url, directory=site.plugin.dir)
