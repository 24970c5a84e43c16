"""``mkdocs-prfaq``: check PR/FAQs without building the site, and print the effective schema.

Exit codes: 0 clean, 1 a PR/FAQ has problems, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import __version__
from .config import PrfaqConfig
from .labels import merge_labels
from .problems import format_github, format_json, format_text, summary
from .schema import SchemaConfigError, bundled_schema, load_schema_file
from .site import load_site, site_validator

OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    pass


@dataclass
class Site:
    config_file: str
    docs_dir: str
    plugin: PrfaqConfig
    mkdocs_config: Any


def load_site_config(config_file: str | None) -> Site:
    """Load ``mkdocs.yml`` the way MkDocs does, and the prfaq plugin's options from it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    path = config_file or "mkdocs.yml"
    if not os.path.isfile(path):
        raise UsageError(f"{path}: no such config file (use -f to name your mkdocs.yml)")
    # MkDocs logs config errors and warnings; show them, without its DEBUG chatter.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        config = load_config(config_file=path)
    except (ConfigurationError, MkDocsException, SystemExit) as e:
        raise UsageError(f"{path}: {e}") from None
    plugin = config.plugins.get("prfaq")
    options: PrfaqConfig
    if plugin is None:
        print(f"note: {path} does not enable the prfaq plugin; using its defaults", file=sys.stderr)
        options = PrfaqConfig(config_file_path=path)
        options.load_dict({})
        errors, _ = options.validate()
        assert not errors
    else:
        options = plugin.config
    return Site(path, config.docs_dir, options, config)


def cmd_check(args: argparse.Namespace) -> int:
    from mkdocs.structure.files import get_files

    site = load_site_config(args.config_file)
    try:
        validator = site_validator(site.plugin.schema)
    except SchemaConfigError as e:
        raise UsageError(str(e)) from None
    files = get_files(site.mkdocs_config)
    catalog = load_site(files, site.docs_dir, site.plugin.dir, validator,
                        max_chars=site.plugin.limits.front_matter_chars, labels=merge_labels(site.plugin.labels))
    problems = catalog.problems
    if args.paths:
        wanted = {os.path.realpath(p) for p in args.paths}
        problems = [p for p in problems if os.path.realpath(p.path) in wanted]
        checked = sum(1 for p in catalog.proposals if os.path.realpath(p.display_path) in wanted)
    else:
        checked = catalog.checked

    if args.format == "json":
        print(format_json(problems, checked))
    elif problems:
        print(format_github(problems) if args.format == "github" else format_text(problems))
    if args.format != "json":
        if problems:
            print(summary(problems), file=sys.stderr)
        else:
            noun = "PR/FAQ" if checked == 1 else "PR/FAQs"
            print(f"{checked} {noun} checked, no problems", file=sys.stderr)
    return PROBLEMS if problems else OK


def cmd_schema(args: argparse.Namespace) -> int:
    schema: dict[str, Any]
    if args.bundled:
        schema = bundled_schema()
    else:
        site = load_site_config(args.config_file)
        try:
            schema = load_schema_file(site.plugin.schema) if site.plugin.schema else bundled_schema()
        except SchemaConfigError as e:
            raise UsageError(str(e)) from None
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    import datetime
    import subprocess

    from mkdocs.structure.files import get_files

    from . import scaffold
    from .model import STATUSES

    try:
        scaffold.check_text("the title", args.title)
        if not args.title.strip():
            raise scaffold.NewPageError("the title is empty; a PR/FAQ needs its headline")
        if args.id is not None:
            scaffold.check_id(args.id)
        if args.owner is not None:
            scaffold.check_text("--owner", args.owner)
        site = load_site_config(args.config_file)
        parts = scaffold.folder(site.plugin.dir, args.dir)
        id_ = args.id if args.id is not None else scaffold.id_from_title(args.title)
        src_uri = "/".join((*parts, f"{id_}.md"))
        exclude = site.mkdocs_config.get("exclude_docs")
        if exclude is not None and exclude.match_file(src_uri):
            raise scaffold.NewPageError(f"{src_uri}: mkdocs.yml's exclude_docs excludes it, so it would never be "
                                        "checked; choose another --dir or --id")
        scaffold.check_place(site.docs_dir, parts, f"{id_}.md")
        catalog = load_site(get_files(site.mkdocs_config), site.docs_dir, site.plugin.dir, site_validator(None))
        if id_ in catalog.by_id:
            raise scaffold.NewPageError(f"id {id_!r} is already used by {catalog.by_id[id_].display_path} "
                                        "(choose another with --id)")
        owner = args.owner
        if owner is None:
            try:
                owner = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                       check=False, timeout=10).stdout.strip()
            except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
                owner = ""
            scaffold.check_text("git config user.name", owner)
        assert args.status in STATUSES
        text = scaffold.page(args.title, owner=owner, status=args.status, id_=id_, today=datetime.date.today())
        shown = scaffold.write_new(site.docs_dir, parts, f"{id_}.md", text)
    except scaffold.NewPageError as e:
        raise UsageError(str(e)) from None
    print(shown)
    if not owner:
        print(f"warning: {shown} has no owner (use --owner NAME, or set git config user.name); "
              "`mkdocs-prfaq check` reports it until owner is filled in", file=sys.stderr)
    if scaffold.has_placeholders(args.status):
        print(f"fill in the empty fields; `mkdocs-prfaq check {shown}` lists what is left", file=sys.stderr)
    return OK


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="mkdocs-prfaq",
        description="Validate Working Backwards PR/FAQ pages of a MkDocs site.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser(
        "check",
        help="check every PR/FAQ (or those named) without building the site",
        description="Apply the site's config, schema and cross-document checks without building. "
        "Exit 0 when clean, 1 when a PR/FAQ has problems, 2 for usage or config errors.",
    )
    check.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text (default), json, or GitHub Actions annotations")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="report only these pages (all proposals are still loaded for cross-checks)")
    check.set_defaults(func=cmd_check)

    from .model import STATUSES

    new = sub.add_parser("new", help="write a new PR/FAQ page with the front matter its status needs",
                         description="Write docs/<dir>/<slug>.md: a valid draft, or for a later status a page "
                         "whose empty placeholders `check` reports until they are filled. Never overwrites a "
                         "file, never reuses an id.")
    new.add_argument("title", help="the headline, e.g. \"PodGenie turns any podcast into a transcript\"")
    new.add_argument("--owner", help="the single-threaded owner (default: git config user.name)")
    new.add_argument("--status", choices=STATUSES, default="draft", help="the starting status (default: draft)")
    new.add_argument("--dir", help="the folder under docs_dir: the plugin's dir (the default) or a folder inside it")
    new.add_argument("--id", help="the id and file name: lowercase letters, digits, single - or _ between them "
                     "(default: a slug of the title)")
    new.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    new.set_defaults(func=cmd_new)

    schema = sub.add_parser("schema", help="print the effective JSON Schema",
                            description="Print the site's schema, or the bundled one if it sets none.")
    schema.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    schema.add_argument("--bundled", action="store_true", help="print the bundled schema, ignoring the site")
    schema.set_defaults(func=cmd_schema)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except UsageError as e:
        print(f"mkdocs-prfaq: error: {e}", file=sys.stderr)
        return USAGE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
