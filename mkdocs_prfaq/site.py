"""Load a site's proposals from MkDocs' list of files: shared by the plugin and the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from mkdocs.structure.files import File

from .frontmatter import MAX_CHARS
from .model import Catalog, Source, is_proposal, load_catalog
from .schema import SchemaValidator, build_validator, display_name, load_schema_file


def display_path(file: File, docs_dir: str) -> str:
    """The page's path as a person finds it: relative to the working directory when inside it."""
    path = file.abs_src_path or os.path.join(docs_dir, file.src_path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def proposal_sources(files: Iterable[File], docs_dir: str, directory: str) -> list[Source]:
    return [
        (f.src_uri, display_path(f, docs_dir), lambda f=f: f.content_string)  # type: ignore[misc]
        for f in files
        if f.is_documentation_page() and is_proposal(f.src_uri, directory)
    ]


def site_validator(schema_path: str | None) -> SchemaValidator:
    """The validator for a site: its own schema if it sets one, else the bundled one."""
    if schema_path:
        return build_validator(load_schema_file(schema_path), origin=display_name(schema_path))
    return build_validator()


def load_site(
    files: Iterable[File], docs_dir: str, directory: str, validator: SchemaValidator, *, max_chars: int = MAX_CHARS,
    labels: Mapping[str, str] | None = None,
) -> Catalog:
    """The site's proposals; ``labels`` (the site's section names) are recognised as body-form headings."""
    return load_catalog(proposal_sources(files, docs_dir, directory), validator, max_chars=max_chars, labels=labels)
