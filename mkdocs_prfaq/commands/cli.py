"""``mkdocs-prfaq``: check PR/FAQs without building the site (``check``), write new ones (``new``,
``import``), set a site up (``init``), write ``proposals.json`` (``export``) and print the effective
schema (``schema``).

Exit codes: 0 clean, 1 a PR/FAQ has problems, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .. import __version__
from ..contract.labels import merge_labels
from ..contract.model import Catalog, Proposal
from ..contract.problems import Problem, escape, format_github, format_json, format_text, shown_path, summary
from ..contract.schema import SchemaConfigError, bundled_schema, load_schema_file
from ..site import ACTIVE_SUFFIXES, build_warnings, disk_files, load_site, proposal_sources, site_validator
from ..site import fields_memo as _fields_memo
from ..siteconfig import ConfigError, SiteConfig, find_config, read_site_config
from . import writes

OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def load_site_config(config_file: str | None) -> SiteConfig:
    """The site's ``docs_dir``, ``exclude_docs`` and the prfaq plugin's options, read from
    ``mkdocs.yml`` (or ``zensical.toml``) without importing any plugin or theme it names
    (:mod:`mkdocs_prfaq.siteconfig`)."""
    try:
        path = find_config(config_file)
        config = read_site_config(path)
    except ConfigError as e:
        raise UsageError(str(e)) from None
    for note in config.notes:
        print(f"warning: {note}", file=sys.stderr)
    if not config.enabled and not path.endswith(".toml"):
        print(f"note: {shown_path(path)} does not enable the prfaq plugin; using its defaults", file=sys.stderr)
    return config


def cmd_check(args: argparse.Namespace) -> int:
    from ..config import lifecycle_of

    site = load_site_config(args.config_file)
    notes = site.reading_notes()
    for note in notes[len(site.notes):]:  # what only a reader of the pages is told (load_site_config printed the rest)
        print(f"warning: {note}", file=sys.stderr)
    lifecycle = lifecycle_of(site.plugin)
    files, catalog = _catalog(site)
    problems = catalog.problems
    fields_of = _fields_memo()  # both kinds of warning read a proposal's Markdown fields: collected once, if needed
    warnings = [*catalog.warnings, *build_warnings(catalog.proposals, site.plugin, lifecycle, fields_of)]
    warnings += snippet_warnings(catalog, files, site, fields_of)
    stale = _stale(catalog.proposals, site, lifecycle) if getattr(args, "stale", False) else []
    problems = sorted([*problems, *stale]) if stale else problems
    if args.paths:
        pages = [shown for _, shown, _ in proposal_sources(files, site.docs_dir, site.plugin.dir, site.plugin.exclude)]
        wanted = _named_pages(args.paths, pages, os.path.join(site.docs_dir, site.plugin.dir))
        problems = [p for p in problems if p.path in wanted]
        warnings = [w for w in warnings if w.path in wanted]
        checked = sum(1 for p in catalog.proposals if p.display_path in wanted)
    else:
        checked = catalog.checked

    if args.format == "json":
        print(format_json(problems, checked, warnings))
    elif args.format == "github":
        print("\n".join(x for x in (format_github(problems), format_github(warnings, "warning")) if x))
    else:
        if problems:
            print(format_text(problems))
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
    flagged = len(warnings) + len(notes)  # the configuration's warnings count, as MkDocs counts them
    failing = bool(problems) or (args.strict and flagged > 0)
    if args.format != "json":
        also = f"; {flagged} warning{'' if flagged == 1 else 's'}" if flagged else ""
        also += " (--strict: failing on them, as mkdocs build --strict does)" if args.strict and flagged else ""
        if problems:
            stale_shown = len(set(stale).intersection(problems))
            print(summary(problems, catalog.others) + also + (f" ({stale_shown} stale)" if stale_shown else ""),
                  file=sys.stderr)
        else:
            noun = "PR/FAQ" if checked == 1 else "PR/FAQs"
            print(f"{checked} {noun} checked, no problems{also}", file=sys.stderr)
    return PROBLEMS if failing else OK


def snippet_warnings(catalog: Catalog, files: Sequence[Any], site: SiteConfig,
                     fields_of: Callable[[Proposal], list[Any]] | None = None) -> list[Problem]:
    """What ``mkdocs build`` warns about the pymdownx.snippets includes on the pages under the
    proposals folder (:func:`..site.snippet_warnings`), the folder's other pages read after their
    front matter as MkDocs takes it off. Not for a Zensical site (``zensical.toml``), whose build
    drops snippets on those pages silently."""
    from mkdocs.utils.meta import YAML_RE

    from ..layout.neighbours import Neighbours
    from ..site import snippet_warnings as warnings_of

    plugin = site.plugin
    if not plugin.enabled or site.config_file.endswith(".toml"):
        return []  # Zensical: those pages convert without snippets at all, and its build says nothing
    neighbours = Neighbours(plugin.snippets_dir and os.path.join(site.root, plugin.snippets_dir))

    def markdown_of(text: str) -> str:  # MkDocs' front matter taken off, not parsed (its YAML is not check's)
        head = YAML_RE.match(text)
        return text[head.end():].lstrip("\n") if head else text

    return warnings_of(catalog, files, plugin, site.docs_dir, neighbours, markdown_of, fields_of)


def _stale(proposals: Sequence[Any], site: SiteConfig, lifecycle: Any) -> list[Any]:
    """``--stale``: the proposals in their status longer than its ``stale_after``, from git."""
    from ..index import history

    note = history.update(history.Reader(), proposals, site.docs_dir, site.plugin.dir, lifecycle,
                          site.plugin.history)
    if note:
        print(f"note: {note}", file=sys.stderr)
    elif not site.plugin.history:
        print("note: history: false in the site's options, so no proposal is stale", file=sys.stderr)
    return history.stale_problems(proposals, merge_labels(site.plugin.labels, lifecycle))


def _named_pages(paths: Sequence[str], pages: Sequence[str], folder: str) -> set[str]:
    """The PR/FAQs (as shown) each PATH names: a page, or every page in a folder. A PATH that
    names none is a usage error: a check that checks nothing must not pass."""
    real = {page: os.path.realpath(page) for page in pages}
    wanted: set[str] = set()
    for path in paths:
        target = os.path.realpath(path)
        inside = target.rstrip(os.sep) + os.sep
        found = {page for page, r in real.items() if r == target or r.startswith(inside)}
        if not found:
            if not os.path.exists(path):
                raise UsageError(f"{shown_path(path)}: no such file or folder (expected a PR/FAQ page)")
            raise UsageError(f"{shown_path(path)}: matches no PR/FAQ (expected a .md page under "
                             f"{shown_path(os.path.relpath(folder))}/ other than its index.md and those "
                             "the plugin's exclude names)")
        wanted |= found
    return wanted


def cmd_schema(args: argparse.Namespace) -> int:
    schema: dict[str, Any]
    if args.bundled:
        schema = bundled_schema()
    else:
        from ..config import lifecycle_of
        from ..contract.schema import effective_schema

        site = load_site_config(args.config_file)
        try:
            own = load_schema_file(site.plugin.schema) if site.plugin.schema else None
        except SchemaConfigError as e:
            raise UsageError(str(e)) from None
        # The site's statuses and what each requires, in the bundled schema (embedded where the
        # site's own schema refers to it): one document any JSON Schema tool can use offline.
        schema = effective_schema(own, lifecycle_of(site.plugin).schema())
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    import datetime
    import subprocess

    from ..config import lifecycle_of
    from ..contract.model import status_folder
    from ..contract.validate import closest
    from . import scaffold

    try:
        scaffold.check_text("the title", args.title)
        if not args.title.strip():
            raise writes.NewPageError("the title is empty; a PR/FAQ needs its headline")
        if args.id is not None:
            scaffold.check_id(args.id)
        if args.owner is not None:
            scaffold.check_text("--owner", args.owner)
        site = load_site_config(args.config_file)
        lifecycle = lifecycle_of(site.plugin)
        status = args.status if args.status is not None else lifecycle.names[0]
        if lifecycle.get(status) is None:
            near = closest(status, lifecycle.names)
            raise writes.NewPageError(f"--status {status!r} is not one of this site's statuses (expected one of: "
                                        f"{', '.join(lifecycle.names)}){f'; did you mean {near!r}?' if near else ''}")
        directory = args.dir
        if lifecycle.status_from == "folder":  # the page's folder is its status
            directory = f"{site.plugin.dir}/{status}" if args.dir is None else args.dir
            if status_folder(f"{directory.strip('/')}/x.md", site.plugin.dir) != status:
                raise writes.NewPageError(f"--dir {args.dir!r}: with status_from: folder a page's folder is its "
                                            f"status (expected {site.plugin.dir}/{status}, or no --dir)")
        parts = scaffold.folder(site.plugin.dir, directory)
        id_ = args.id if args.id is not None else scaffold.id_from_title(args.title)
        src_uri = "/".join((*parts, f"{id_}.md"))
        exclude = site.exclude_docs
        if exclude is not None and exclude.match_file(src_uri):
            raise writes.NewPageError(f"{src_uri}: mkdocs.yml's exclude_docs excludes it, so it would never be "
                                        "checked; choose another --dir or --id")
        root = site.root
        place = writes.site_folder(root, site.docs_dir, parts)
        writes.check_place(root, place, f"{id_}.md")
        files = disk_files(site.docs_dir, site.plugin.dir, site.exclude_docs)
        catalog = load_site(files, site.docs_dir, site.plugin.dir, site_validator(None, lifecycle), lifecycle=lifecycle)
        if id_ in catalog.by_id:
            raise writes.NewPageError(f"id {id_!r} is already used by {catalog.by_id[id_].display_path} "
                                        "(choose another with --id)")
        owner = args.owner
        if owner is None:
            try:
                owner = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                       check=False, timeout=10).stdout.strip()
            except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
                owner = ""
            scaffold.check_text("git config user.name", owner)
        write = scaffold.page if getattr(args, "form", "body") == "front-matter" else scaffold.body_page
        text = write(args.title, owner=owner, status=status, id_=id_, today=datetime.date.today(), lifecycle=lifecycle)
        try:  # the fields the site's own schema requires too, as placeholders with a TODO hint
            own = load_schema_file(site.plugin.schema) if site.plugin.schema else None
        except SchemaConfigError as e:
            raise UsageError(str(e)) from None
        text, site_fields = scaffold.with_site_fields(text, own, status)
        shown = shown_path(writes.write_new(root, place, f"{id_}.md", text))
    except writes.NewPageError as e:
        raise UsageError(str(e)) from None
    print(shown)
    if not owner:
        print(f"warning: {shown} has no owner (use --owner NAME, or set git config user.name); "
              "`mkdocs-prfaq check` reports it until owner is filled in", file=sys.stderr)
    if scaffold.has_placeholders(status, lifecycle) or site_fields:
        print(f"fill in the empty fields; `mkdocs-prfaq check {shown}` lists what is left", file=sys.stderr)
    return OK


def _no_docs_dir(toml: str) -> bool:
    """A zensical.toml that names no docs_dir (so ``docs``), beside no ``docs/`` yet."""
    with open(toml, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return "docs_dir" not in text and not os.path.isdir(os.path.join(os.path.dirname(toml), "docs"))


def _no_docs_folder(yml: str) -> bool:
    """A mkdocs.yml that reads and names no docs_dir (so ``docs``, ``INHERIT`` merged), beside no
    ``docs/`` yet."""
    from ..siteconfig import read_yaml_config

    try:
        settings = read_yaml_config(yml)
    except ConfigError:
        return False  # init says what is wrong with it, and writes nothing
    return "docs_dir" not in settings and not os.path.lexists(os.path.join(os.path.dirname(yml), "docs"))


def cmd_init(args: argparse.Namespace) -> int:
    from . import engines, starter

    toml = engines.is_zensical(args.directory)
    if toml is not None:  # a Zensical site: the listing pages and assets the plugin would generate
        lines: list[str] = []
        notes: list[str] = []
        try:
            if _no_docs_dir(toml):  # as for a new MkDocs site, the pages' folder is made
                os.makedirs(os.path.join(args.directory, "docs"), exist_ok=True)
            engines.init_zensical(toml, lines, notes)
        except (ConfigError, writes.NewPageError) as e:
            raise UsageError(str(e)) from None
        print("\n".join(lines))
        for note in notes:
            print(note, file=sys.stderr)
        return OK
    config = next((c for c in (os.path.join(args.directory, n) for n in starter.CONFIG_NAMES) if os.path.isfile(c)), "")
    docs = os.path.join(args.directory, "docs") if config and _no_docs_folder(config) else ""
    try:
        if docs:
            os.makedirs(docs)  # as for a new site
        report = starter.init(args.directory)
        if docs and writes.create(args.directory, ("docs",), "index.md", starter.INDEX_MD):  # its home page
            report.lines.insert(0, f"wrote {writes.shown(os.path.join(docs, 'index.md'))}")
        if config and engines.lists_extension(config):  # one mkdocs.yml for both engines: Zensical's files
            extra: list[str] = []
            engines.init_extension_files(config, report.lines, extra)
            report.notes[-1:-1] = extra  # the "next:" line last
    except (starter.InitError, ConfigError, writes.NewPageError, OSError) as e:
        if docs and os.path.isdir(docs) and not os.listdir(docs):
            os.rmdir(docs)  # nothing written where init stopped
        raise UsageError(f"{shown_path(str(e.filename))}: {e.strerror}" if isinstance(e, OSError) and e.filename
                         else str(e)) from None
    for line in report.lines:
        print(escape(line))
    for note in report.notes:
        print(escape(note), file=sys.stderr)
    return OK


def _imported(source: str, text: str, args: argparse.Namespace, site: SiteConfig, lifecycle: Any,
              labels: dict[str, str], today: Any, user: str) -> tuple[tuple[str, ...], Any]:
    """One original as ``(folder parts under docs_dir, importer.Converted)``: with ``status_from:
    folder`` the folder of the status it gets (``--status``, else the original's)."""
    from . import importer, scaffold

    by_folder = lifecycle.status_from == "folder"
    folder = os.path.dirname(os.path.abspath(source))
    history = importer.git_history(source)

    def folder_of(status: str) -> tuple[str, ...]:
        return scaffold.folder(site.plugin.dir, f"{site.plugin.dir}/{status}" if by_folder else None)

    def convert(status: str | None, parts: tuple[str, ...]) -> importer.Converted:
        return importer.convert(
            text, name=os.path.basename(source), today=today, history=history, user=user, status=status,
            id_=args.id, labels=labels, statuses=lifecycle.names, status_line=not by_folder,
            remote_images=site.plugin.remote_images, directory_urls=site.use_directory_urls,
            asset=importer.asset_check(folder, os.path.join(site.docs_dir, *parts), importer.site_files(
                site.docs_dir, os.path.join(site.docs_dir, *parts), site.exclude_docs, left_out)))

    def left_out(src_uri: str) -> bool:  # what check and the build leave out of the site (site.active_files)
        return (site.plugin.sanitize and src_uri.startswith(site.plugin.dir.strip("/") + "/")
                and src_uri.lower().endswith(ACTIVE_SUFFIXES))

    parts = folder_of(args.status or lifecycle.names[0])
    converted = convert(args.status, parts)
    if by_folder and parts != folder_of(converted.status):  # the original's status: its folder
        parts = folder_of(converted.status)
        converted = convert(converted.status, parts)
    return parts, converted


def cmd_import(args: argparse.Namespace) -> int:
    """Existing Markdown PR/FAQs as new pages of the body form (:mod:`.importer`), then ``check``
    on the pages written."""
    import datetime

    from ..config import lifecycle_of
    from ..contract.validate import closest
    from . import importer, scaffold

    if args.id is not None and len(args.sources) > 1:
        raise UsageError("--id names one page; import one SRC at a time to choose each id")
    try:
        if args.id is not None:
            scaffold.check_id(args.id)
        site = load_site_config(args.config_file)
        lifecycle = lifecycle_of(site.plugin)
        if args.status is not None and lifecycle.get(args.status) is None:
            near = closest(args.status, lifecycle.names)
            raise UsageError(f"--status {args.status!r} is not one of this site's statuses (expected one of: "
                             f"{', '.join(lifecycle.names)}){f'; did you mean {near!r}?' if near else ''}")
        catalog = load_site(disk_files(site.docs_dir, site.plugin.dir, site.exclude_docs), site.docs_dir,
                            site.plugin.dir, site_validator(None))
        labels = merge_labels(site.plugin.labels, lifecycle)
        today, user = datetime.date.today(), importer.git_user()
        pages: list[tuple[str, tuple[str, ...], importer.Converted]] = []
        root = site.root
        for source in args.sources:
            limit = site.plugin.limits.page_bytes
            try:
                with open(source, "rb") as raw:  # at most one byte past the site's page limit: not /dev/zero whole
                    data = raw.read(limit + 1)
                if len(data) > limit:
                    raise UsageError(f"{shown_path(source)}: over the {limit:,}-byte limit of the site's pages "
                                     "(limits.page_bytes), so its page would not be built (expected a smaller "
                                     "original, or a larger limits.page_bytes in mkdocs.yml)")
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError(f"{shown_path(source)}: not UTF-8 text (expected a Markdown file)") from None
            except OSError as e:
                raise UsageError(f"{shown_path(source)}: {e.strerror or e} (expected a Markdown file)") from None
            parts, converted = _imported(source, text, args, site, lifecycle, labels, today, user)
            page_dir = os.path.join(site.docs_dir, *parts)
            id_, name = converted.id, f"{converted.id}.md"
            if args.id is None and id_ in scaffold.GENERATED:
                raise UsageError(f"{shown_path(source)}: its id {id_!r} names a page the plugin generates "
                                 "(choose another with --id)")
            src_uri = "/".join((*parts, name))
            if site.exclude_docs is not None and site.exclude_docs.match_file(src_uri):
                raise UsageError(f"{src_uri}: mkdocs.yml's exclude_docs excludes it, so it would never be "
                                 "checked; choose another --id")
            writes.check_place(root, writes.site_folder(root, site.docs_dir, parts), name)
            if os.path.lexists(os.path.join(page_dir, name)):
                raise UsageError(f"{shown_path(os.path.join(page_dir, name))} exists; not overwriting it "
                                 f"(import {shown_path(source)} with another --id)")
            if id_ in catalog.by_id:
                raise UsageError(f"{shown_path(source)}: id {id_!r} is already used by "
                                 f"{catalog.by_id[id_].display_path} (choose another with --id)")
            earlier = next((s for s, _, c in pages if c.id == id_), None)
            if earlier is not None:
                raise UsageError(f"{shown_path(source)} and {shown_path(earlier)} would both be {id_!r} "
                                 "(import them one at a time, each with its --id)")
            pages.append((source, parts, converted))
        written = []
        failed = False  # a file the page links that could not be copied: the page would link a wrong one
        for source, parts, converted in pages:
            place = writes.site_folder(root, site.docs_dir, parts)
            shown = writes.write_new(root, place, f"{converted.id}.md", converted.text)
            written.append(shown)
            print(shown_path(shown))
            for note in converted.notes:  # escaped as check's problems are: one line each, whatever they quote
                print(Problem(shown, note.line, note.field, note.message), file=sys.stderr)
            for path, dest in converted.assets:
                why = importer.copy_asset(os.path.dirname(os.path.abspath(source)), root, place, path, dest)
                if why:
                    failed = True
                    line = next((n for n, text in enumerate(converted.text.split("\n"), 1) if dest in text), 1)
                    print(Problem(shown, line, "image", f"{path} not copied to {dest}: {why}"), file=sys.stderr)
    except writes.NewPageError as e:
        raise UsageError(str(e)) from None
    code = cmd_check(argparse.Namespace(config_file=args.config_file, format="text", paths=written, strict=False))
    return max(code, 1) if failed else code


def _catalog(site: SiteConfig) -> tuple[list[Any], Catalog]:
    """The site's files under the proposals folder and every proposal, loaded and checked as the
    build does (`check` and `export`)."""
    from ..config import lifecycle_of

    lifecycle = lifecycle_of(site.plugin)
    try:
        validator = site_validator(site.plugin.schema, lifecycle)
    except SchemaConfigError as e:
        raise UsageError(str(e)) from None
    files = disk_files(site.docs_dir, site.plugin.dir, site.exclude_docs)
    # Loading makes no reference cycles to collect (nodes, data, problems): the cycle collector,
    # which would walk every object kept so far again and again, waits until the catalog is made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return files, load_site(files, site.docs_dir, site.plugin.dir, validator,
                                max_chars=site.plugin.limits.front_matter_chars,
                                max_bytes=site.plugin.limits.page_bytes,
                                labels=merge_labels(site.plugin.labels, lifecycle), exclude=site.plugin.exclude,
                                unknown_keys=site.plugin.unknown_keys, lifecycle=lifecycle,
                                active=site.plugin.sanitize)
    finally:
        if collecting:
            _to_oldest_generation()
            gc.enable()


def _to_oldest_generation() -> None:
    """Every object the cycle collector tracks, moved to its oldest generation without walking
    them (``gc.freeze`` then ``gc.unfreeze``, nothing left frozen). What loading made with the
    collector off is all in the youngest; there, the next collections would walk it twice more
    (youngest, middle) before the oldest, which is walked only when it has grown by a quarter.
    Not where the process froze objects of its own (``gc.unfreeze`` would thaw them)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def cmd_export(args: argparse.Namespace) -> int:
    from . import engines

    site = load_site_config(args.config_file)
    _, catalog = _catalog(site)
    out = args.output or os.path.join(site.root, "site", *site.plugin.dir.split("/"), "proposals.json")
    if note := engines.attach_history(site, catalog):  # one git log, as the build reads it
        print(f"note: {note}", file=sys.stderr)
    text = engines.export_text(site, catalog)
    if out == "-":
        sys.stdout.write(text)
        return OK
    written = [(out, text, f"{catalog.checked} proposals")]
    if site.plugin.history:  # the status changes' feed, beside it as the plugin writes it
        feed = os.path.join(os.path.dirname(os.path.abspath(out)), "feed.xml")
        if feed == os.path.abspath(out):
            raise UsageError(f"{shown_path(out)}: the feed of status changes is written beside the export as feed.xml "
                             "(expected another name for the export, such as proposals.json)")
        written.append((feed, engines.feed_text(site, catalog), "status changes"))
    for path, content, what in written:
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
        except OSError as e:
            raise UsageError(f"{shown_path(path)}: cannot write ({e.strerror or e})") from None
        print(f"wrote {shown_path(path)} ({what})", file=sys.stderr)
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
    check.add_argument("--strict", action="store_true",
                       help="fail (exit 1) on warnings too, as mkdocs build --strict does")
    check.add_argument("--stale", action="store_true",
                       help="also list the proposals in their status longer than its stale_after (from git history)")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="report only these pages (all proposals are still loaded for cross-checks)")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="write a new PR/FAQ page with the front matter its status needs",
                         description="Write docs/<dir>/<slug>.md: a valid draft, or for a later status a page "
                         "whose empty placeholders `check` reports until they are filled. Never overwrites a "
                         "file, never reuses an id.")
    new.add_argument("title", help="the headline, e.g. \"PodGenie turns any podcast into a transcript\"")
    new.add_argument("--owner", help="the single-threaded owner (default: git config user.name)")
    new.add_argument("--status", help="the starting status, one of the site's (default: its first, e.g. draft)")
    new.add_argument("--dir", help="the folder under docs_dir: the plugin's dir (the default) or a folder inside it")
    new.add_argument("--id", help="the id and file name: lowercase letters, digits, single - or _ between them "
                     "(default: a slug of the title)")
    new.add_argument("--form", choices=("body", "front-matter"), default="body",
                     help="body (default): the press release and FAQ as Markdown sections; front-matter: every "
                     "field in YAML")
    new.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    new.set_defaults(func=cmd_new)

    imp = sub.add_parser("import", help="turn existing Markdown PR/FAQs into pages of this site",
                         description="Write each SRC as docs/<dir>/<id>.md in the body form (press release, "
                         "external and internal FAQ, then every other section, in order), copy the images it "
                         "links beside it, and check the pages written. Never overwrites a file; never changes "
                         "SRC. Exit 0 when the pages pass check, 1 when they have problems, 2 for usage errors.")
    imp.add_argument("sources", nargs="+", metavar="SRC", help="a Markdown PR/FAQ to import")
    imp.add_argument("--status", help="the pages' status, one of the site's (default: the original's, else the "
                     "site's first, e.g. draft)")
    imp.add_argument("--id", help="the id and file name of the page (one SRC only; default: the original's id, "
                     "else a slug of its headline)")
    imp.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    imp.set_defaults(func=cmd_import)

    init = sub.add_parser("init", help="make a folder a proposals site, or add the plugin to the site there",
                          description="Where DIR has no mkdocs.yml, write one (Material, search, prfaq), "
                          "docs/index.md and two example PR/FAQs, one in each form. Where it has one, add the "
                          "prfaq plugin to it (inserting lines: every other line and comment stays) and the "
                          "examples, if the proposals folder has no pages; where it lists the prfaq Markdown "
                          "extension, or DIR has a zensical.toml, the listing pages and assets Zensical needs. "
                          "Never overwrites a file.")
    init.add_argument("directory", nargs="?", default=".", metavar="DIR", help="the site's folder (default: .)")
    init.set_defaults(func=cmd_init)

    export = sub.add_parser("export", help="write proposals.json and feed.xml (for sites another engine builds, "
                            "e.g. Zensical)",
                            description="Write the machine-readable index of every proposal, as the MkDocs plugin "
                            "writes it into the built site: by default to site/<dir>/proposals.json, after "
                            "`zensical build`; with the status history from git, the feed of status changes "
                            "beside it (feed.xml; none with history: false).")
    export.add_argument("-o", "--output", metavar="FILE", help="where to write it ('-' for standard output)")
    export.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml or zensical.toml")
    export.set_defaults(func=cmd_export)

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
        print(f"mkdocs-prfaq: error: {escape(' '.join(str(e).split()))}", file=sys.stderr)
        return USAGE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
