"""Load a site's proposals from MkDocs' list of files: shared by the plugin and the CLI."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs.structure.files import File, InclusionLevel

from .contract.frontmatter import MAX_CHARS
from .contract.lifecycle import DEFAULT, Lifecycle
from .contract.model import (
    MARKDOWN_EXTENSIONS,
    PAGE_BYTES,
    Catalog,
    Proposal,
    Source,
    TooLarge,
    is_proposal,
    load_catalog,
)
from .contract.problems import Problem
from .contract.schema import SchemaValidator, build_validator, display_name, load_schema_file


def display_path(file: File, docs_dir: str, cwd: str | None = None) -> str:
    """The page's path as a person finds it: relative to the working directory (``cwd``, else
    the current one) when inside it."""
    return _display(file.abs_src_path or os.path.join(docs_dir, file.src_path), cwd or os.getcwd())


@functools.lru_cache(maxsize=1 << 16)
def _display(path: str, cwd: str) -> str:
    """(Once per page and working directory: ``mkdocs serve`` asks again on every rebuild.)"""
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def _read(file: File, max_bytes: int | None) -> str:
    """A page's text; a file over ``max_bytes`` is not read (:class:`~.model.TooLarge`)."""
    if max_bytes is not None and file.abs_src_path and not file.generated_by:
        try:
            size = os.path.getsize(file.abs_src_path)
        except OSError:
            size = 0  # reading it says why
        if size > max_bytes:
            raise TooLarge(size)
    return file.content_string


def proposal_sources(files: Iterable[File], docs_dir: str, directory: str, exclude: Iterable[str] = (),
                     max_bytes: int | None = None) -> list[Source]:
    """The PR/FAQs among a site's files: pages under ``directory`` but those the plugin's
    ``exclude`` names and those MkDocs leaves out of the site (``exclude_docs``; ``draft_docs``
    and ``not_in_nav`` pages are built, so they are checked). A file over ``max_bytes`` is not
    read."""
    exclude, cwd = tuple(exclude), os.getcwd()
    return [
        (f.src_uri, display_path(f, docs_dir, cwd), functools.partial(_read, f, max_bytes))
        for f in files
        if f.is_documentation_page() and f.inclusion != InclusionLevel.EXCLUDED
        and is_proposal(f.src_uri, directory, exclude)
    ]


def _default_exclude() -> Any:
    import pathspec

    return pathspec.gitignore.GitIgnoreSpec.from_lines([".*", "/templates/"])  # MkDocs' own default


def disk_files(docs_dir: str, directory: str, exclude_docs: Any = None) -> list[File]:
    """The Markdown files under ``docs_dir/directory`` as MkDocs lists them (symlinks followed,
    ``README.md`` left out beside an ``index.md``), each marked excluded when MkDocs' default or
    the site's ``exclude_docs`` (a pathspec) leaves it out: without reading the rest of docs_dir
    or loading MkDocs' configuration."""
    spec = _default_exclude() + exclude_docs if exclude_docs is not None else _default_exclude()
    top = os.path.join(docs_dir, *directory.split("/"))
    files: list[File] = []
    visited: set[str] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a symlink back up the tree
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        pages = sorted(n for n in names if n.lower().endswith(MARKDOWN_EXTENSIONS))
        if "index.md" in pages and "README.md" in pages:
            pages.remove("README.md")
        rel = os.path.relpath(root, docs_dir)
        for name in pages:
            file = File(os.path.join(rel, name), docs_dir, os.path.join(docs_dir, "site"), True)
            if spec.match_file(file.src_uri):
                file.inclusion = InclusionLevel.EXCLUDED
            files.append(file)
    return files


def site_validator(schema_path: str | None, lifecycle: Lifecycle = DEFAULT) -> SchemaValidator:
    """The validator for a site: its own schema if it sets one, else the bundled one; either way
    the bundled schema carries the site's lifecycle (statuses and what each requires)."""
    bundled = lifecycle.schema()
    if schema_path:
        return build_validator(load_schema_file(schema_path), origin=display_name(schema_path), bundled=bundled)
    return build_validator(bundled=bundled)


def load_site(
    files: Iterable[File], docs_dir: str, directory: str, validator: SchemaValidator, *, max_chars: int = MAX_CHARS,
    labels: Mapping[str, str] | None = None, exclude: Iterable[str] = (), unknown_keys: str = "warn",
    lifecycle: Lifecycle = DEFAULT, load: Callable[..., tuple[Proposal, list[Problem]]] | None = None,
    reuse: Callable[[str, str], tuple[Proposal, list[Problem]] | None] | None = None,
    max_bytes: int | None = PAGE_BYTES,
) -> Catalog:
    """The site's proposals; ``labels`` (the site's section names) are recognised as body-form headings;
    ``load`` stands in for :func:`~.model.load_page` and ``reuse`` skips unchanged pages (a cache under
    ``mkdocs serve``); a page over ``max_bytes`` is one problem, not read."""
    return load_catalog(proposal_sources(files, docs_dir, directory, exclude, max_bytes), validator,
                        max_chars=max_chars, labels=labels, unknown_keys=unknown_keys, lifecycle=lifecycle,
                        directory=directory, load=load, reuse=reuse, max_bytes=max_bytes)
