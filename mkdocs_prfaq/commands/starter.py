"""`mkdocs-prfaq init [DIR]`: a working proposals site in one command.

Where there is no ``mkdocs.yml``, it writes one (Material, search and prfaq), ``docs/index.md`` and
two example PR/FAQs, one in each form: every field in front matter, and the press release and FAQ
as Markdown sections. Where a ``mkdocs.yml`` exists, it adds the ``- prfaq`` plugin entry (and
``- search`` where the file listed no plugins, since listing plugins turns MkDocs' default search
off) by inserting lines into the text, so every other line and comment stays as it was, and the
example pages if the proposals folder has none. It never overwrites a file.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import stat
from dataclasses import dataclass, field
from typing import Any

from . import writes

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")

MKDOCS_YML = """\
site_name: Proposals
theme:
  name: material
plugins:
  - search
  - prfaq
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""

INDEX_MD = """\
# Home

Our Working Backwards PR/FAQs: each proposal is the press release we would publish on launch
day, with the questions customers and the business would ask, written before we build.

- [Every proposal](proposals/index.md), by status, with filters
- [The roadmap](proposals/roadmap.md): approved and launched proposals by launch quarter

`mkdocs-prfaq new "Title"` writes a new proposal; `mkdocs-prfaq check` checks them all.
"""

FRONT_MATTER_EXAMPLE = """\
---
# An example PR/FAQ written entirely in front matter: every field the plugin reads, checked
# against the schema. Make it yours, or delete it once the site has proposals of its own.
title: Quiet Hours holds every non-urgent notification until you finish focusing
subtitle: >-
  For people whose work needs long stretches of attention: one switch silences chat, mail and
  calendar noise, and nothing urgent is missed.
status: in-review
owner: Ana Souza
authors: [Ben Okafor]
reviewers: [Chen Wei]
created: {today}
updated: {today}
tags: [focus, notifications]
dateline:
  location: SEATTLE, WA
  date: {launch}
press_release:
  summary: >-
    Today we launch Quiet Hours, which holds every chat message, email and calendar update that
    can wait until you finish the work in front of you, and lets through the few that cannot.
  problem: >-
    Knowledge workers are interrupted every few minutes. Each interruption costs far more than
    the seconds it takes to read: it takes most people twenty minutes to get back to where they
    were.
  solution: >-
    Quiet Hours learns which senders and topics are urgent for you, lets those through at once,
    and delivers everything else in one short digest when your focus block ends.
  getting_started: >-
    Turn on Quiet Hours from the status bar, or schedule it on your calendar. The first digest
    arrives when the block ends.
  closing: Quiet Hours is available today for every team on the Business plan.
quotes:
  - kind: leader
    name: Dana Levi
    role: VP Product
    text: >-
      We built Quiet Hours because the best work happens in long, unbroken stretches, and our
      own tools kept breaking them.
  - kind: customer
    name: Sam Rivera
    role: Staff engineer at a logistics company
    text: >-
      I get two hours of real work done before lunch again, and I have not missed a page from
      on-call once.
faq:
  external:
    - question: Will I miss something urgent?
      answer: >-
        No. Messages from on-call, from your manager and anything marked urgent come through at
        once, and you can add senders and channels to that list.
    - question: How much does it cost?
      answer: It is included in the Business plan at no extra cost.
    - question: Can my team see when I am in Quiet Hours?
      answer: Yes, your status shows it and when it ends, so nobody waits without knowing why.
  internal:
    - question: How many customers need this?
      answer: >-
        About 60% of Business-plan users already mute notifications by hand at least once a week.
    - question: What does it cost us to build and run?
      answer: >-
        Two engineers for one quarter; the digest runs on the existing notification service.
    - question: What is the biggest risk?
      answer: >-
        Holding back a message that was urgent. We launch with a conservative list of urgent
        senders and measure every message released from a digest within minutes of arriving.
customer:
  who: Engineers, designers and writers whose work needs long stretches of attention.
  problem: Notifications break their focus every few minutes.
  benefit: Hours of unbroken work, without missing anything urgent.
  evidence: Most of them already mute notifications by hand every week.
  experience: One switch in the status bar, and a short digest afterwards.
---

## Notes

Anything below the front matter is kept after the FAQ: research, links, an appendix, in Markdown.
"""

BODY_EXAMPLE = """\
---
title: Receipt Snap files an expense report from a photo of the receipt
status: draft
owner: Ben Okafor
created: {today}
updated: {today}
tags: [expenses, mobile]
---

## Press release

**BERLIN, {dateline}** — Today we launch Receipt Snap, which turns a photo of a receipt into a
finished expense report, so nobody keeps a shoebox of paper until the end of the month.

Employees spend an hour a month on expense reports, and finance teams chase a third of them for
missing receipts.

Receipt Snap reads the merchant, the date, the amount and the tax from the photo, matches the card
payment, and files the expense under the right project.

Open the app, tap *Snap*, and point the camera at the receipt.

> "Expenses should take seconds, not an evening at the end of each month."
> — Priya Nair, Head of Finance Products

> "I snap the receipt at the table and forget about it. The report is done before I am home."
> — Jonas Weber, sales manager

Receipt Snap is available today in the mobile app for every customer.

## External FAQ

### Which receipts can it read?

Printed and handwritten receipts in 30 languages, and PDF invoices forwarded by email.

### What happens to the photo?

It is stored with the expense for the period the law requires, then deleted.

### Does it work offline?

Yes: it reads the receipt on the phone and files the expense when you are back online.

## Internal FAQ

### How many customers would use it?

Every customer with more than ten employees files expenses; about 40,000 companies today.

### What does it depend on?

The card-payment feed, which already exists, and an on-device text recogniser.

### How will we know it works?

The share of expenses filed within a day of the purchase, and fewer finance follow-ups.

## Appendix

This example is written in the body form: metadata in front matter, the press release and FAQ
as Markdown sections. Any other section, like this one, is kept after the FAQ.
"""

EXAMPLES = (("example-front-matter.md", FRONT_MATTER_EXAMPLE), ("example-markdown-body.md", BODY_EXAMPLE))
"""The example PR/FAQs `init` writes: one in each form."""


class InitError(Exception):
    """Why `init` will not go on: one line."""


@dataclass
class Report:
    """What `init` did, as lines to print, and notes for stderr."""

    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def examples(today: datetime.date) -> list[tuple[str, str]]:
    """The example pages' names and texts, dated ``today`` with a launch about six months on."""
    launch = today + datetime.timedelta(days=182)
    dateline = f"{launch:%B} {launch.day}, {launch.year}"
    return [(name, text.replace("{today}", today.isoformat()).replace("{launch}", launch.isoformat())
             .replace("{dateline}", dateline)) for name, text in EXAMPLES]


# -- adding the plugin to an existing mkdocs.yml, as text ----------------------------------------

_TOP_KEY = re.compile(r"^(?:plugins|\"plugins\"|'plugins')[ \t]*:(?P<rest>.*)$")
_FLOW_LIST = re.compile(r"^(?P<head>[ \t]*\[)(?P<items>[^\[\]{}#]*?)(?P<tail>[ \t]*\][ \t]*(?:#.*)?)$")


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def add_plugin(text: str) -> tuple[str, str]:
    """``text`` (a mkdocs.yml) with the prfaq plugin added, and what was added, in words.

    Only lines or items are inserted; every other line stays byte for byte. Raises InitError
    where the file's shape is not one this knows how to extend (the caller says what to add)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if _TOP_KEY.match(line.rstrip("\r\n"))]
    if len(found) > 1:
        raise InitError("mkdocs.yml has more than one top-level 'plugins:'")
    if not found:
        body = text if not text or text.endswith(("\n", "\r")) else text + newline
        return body + f"plugins:{newline}  - search{newline}  - prfaq{newline}", "plugins: search and prfaq"
    at = found[0]
    key_line = lines[at].rstrip("\r\n")
    rest = re.sub(r"[ \t]+#.*$", "", _TOP_KEY.match(key_line).group("rest")).strip()  # type: ignore[union-attr]
    if rest:
        flow = _FLOW_LIST.match(rest)
        if flow is None:
            raise InitError("mkdocs.yml's plugins are not a list this can extend")
        items = flow.group("items").strip()
        added = f"{items}, prfaq" if items else "prfaq"
        start = key_line.index("[", key_line.index(":"))
        end = re.sub(r"[ \t]+#.*$", "", key_line).rindex("]")  # the list's own, not one in its comment
        ending = lines[at][len(key_line):]
        lines[at] = key_line[: start + 1] + added + key_line[end:] + ending
        return "".join(lines), "prfaq to plugins"
    # a block: the lines after the key that are blank, comments, indented, or zero-indented items
    end = at + 1
    while end < len(lines):
        line = lines[end].rstrip("\r\n")
        if _is_comment_or_blank(line) or line[:1] in (" ", "\t") or line.startswith("- ") or line == "-":
            end += 1
        else:
            break
    content = [i for i in range(at + 1, end) if not _is_comment_or_blank(lines[i])]
    if not content:  # `plugins:` with no value is MkDocs' default, search: keep it
        insert = f"  - search{newline}  - prfaq{newline}"
        ending = lines[at][len(key_line):] or newline
        lines[at] = key_line + ending
        lines.insert(at + 1, insert)
        return "".join(lines), "search and prfaq to plugins"
    first = lines[content[0]].rstrip("\r\n")
    indent = first[: len(first) - len(first.lstrip())]
    last = content[-1]
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    entry = f"{indent}- prfaq" if first.lstrip().startswith("-") else f"{indent}prfaq: {{}}"
    lines.insert(last + 1, entry + newline)
    return "".join(lines), f"'{entry.strip()}' to plugins"


# -- the command -----------------------------------------------------------------------------------

@dataclass
class _Read:
    """What init needs of a site's config, read as `check` reads it (:mod:`mkdocs_prfaq.siteconfig`): without
    importing the plugins and theme it names, so a plugin that is not installed here (the CI
    machine has it) does not stop init."""

    docs_dir: str
    plugins: dict[str, Any]
    """The plugins it lists: prfaq's (when listed) with its validated options as ``.config``."""
    nav: Any


@dataclass
class _Plugin:
    config: Any


def _quiet_load(path: str) -> _Read:
    """The config at ``path``, read as `check` reads it; one line on an error."""
    from ..siteconfig import ConfigError, read_site_config, read_yaml_config

    try:
        site = read_site_config(path)
        settings = read_yaml_config(path)
    except ConfigError as e:
        raise InitError(str(e)) from None
    listed = settings.get("plugins")
    names = [next(iter(p)) if isinstance(p, dict) and p else p for p in listed] if isinstance(listed, list) \
        else list(listed) if isinstance(listed, dict) else []
    plugins: dict[str, Any] = {str(n).strip(): None for n in names if isinstance(n, str)}
    if site.enabled:
        plugins["prfaq"] = _Plugin(site.plugin)
    return _Read(site.docs_dir, plugins, settings.get("nav"))


def _edit_config(path: str, report: Report) -> Any:
    """Add the plugin to the existing config at ``path``; the config as MkDocs then reads it."""
    how_by_hand = "add '- prfaq' under plugins: yourself (and '- search' if plugins: was absent)"
    if os.path.islink(path):
        raise InitError(f"{writes.shown(path)} is a symlink; not editing it: {how_by_hand}")
    before = _quiet_load(path)
    plugin = before.plugins.get("prfaq")  # its folder, where the examples go: checked before the file changes
    plugin_dir = plugin.config.dir if plugin is not None else "proposals"
    parts = tuple(p for p in plugin_dir.split("/") if p)
    writes.site_folder(os.path.dirname(path) or os.curdir, before.docs_dir, parts)
    if "prfaq" in before.plugins:
        report.notes.append(f"{writes.shown(path)} already enables prfaq")
        return before
    with open(path, encoding="utf-8", newline="") as f:
        original = f.read()
    try:
        edited, what = add_plugin(original)
    except InitError as e:
        raise InitError(f"{writes.shown(path)}: {e}; {how_by_hand}") from None
    folder, name = os.path.split(path)
    candidate = os.path.join(folder, f".{name}.prfaq-init")
    if not writes.create(folder or ".", (), os.path.basename(candidate), edited):
        raise InitError(f"{writes.shown(candidate)} exists (left by an interrupted init?); remove it and retry")
    try:
        after = _check_edit(path, candidate, before)
        with open(path, encoding="utf-8", newline="") as f:
            if f.read() != original:
                raise InitError(f"{writes.shown(path)} changed while init was editing it; run init again")
        os.chmod(candidate, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(candidate, path)
    finally:
        if os.path.lexists(candidate):
            os.unlink(candidate)
    report.lines.append(f"added {what} in {writes.shown(path)}")
    return after


def _check_edit(path: str, candidate: str, before: Any) -> Any:
    """The edited config, read by MkDocs, when the edit only adds the plugin: the text only gains
    what was inserted, and the settings, read as `check` reads them (``INHERIT`` merged, tags kept
    as written, aliases expanded), are the same but for one new ``prfaq`` entry in ``plugins``.
    Else one line, and the caller leaves the file as it was."""
    from ..siteconfig import ConfigError, read_yaml_config

    shown = writes.shown(path)
    by_hand = "add '- prfaq' under plugins: yourself"
    with open(path, encoding="utf-8", newline="") as f:
        original = f.read()
    with open(candidate, encoding="utf-8", newline="") as f:
        edited = f.read()
    if not _only_inserted(original, edited):
        raise InitError(f"{shown}: adding the plugin would change its text, not only add to it; not editing it: "
                        f"{by_hand}")
    try:
        old, new = read_yaml_config(path, keep_tags=True), read_yaml_config(candidate, keep_tags=True)
    except ConfigError as e:
        raise InitError(f"{e}; not editing it: {by_hand}") from None
    changed = sorted(str(k) for k in set(old) | set(new) if k != "plugins" and old.get(k) != new.get(k))
    if changed:
        raise InitError(f"{shown}: adding the plugin would change {', '.join(changed[:5])} too (an alias, a "
                        f"second plugins key?); not editing it: {by_hand}")
    if not _adds_only_prfaq(_entries(old, "plugins" in old), _entries(new, "plugins" in new)):
        raise InitError(f"{shown}: adding the plugin would change the other plugins or their options (a "
                        f"quoted plugins key, plugins from INHERIT?); not editing it: {by_hand}")
    after = _quiet_load(candidate)
    if "prfaq" not in after.plugins or not set(before.plugins) <= set(after.plugins):
        raise InitError(f"{shown}: could not add the plugin without changing something else; {by_hand}")
    return after


def _only_inserted(original: str, edited: str) -> bool:
    """Whether ``edited`` is ``original`` with one piece of text inserted somewhere."""
    added = len(edited) - len(original)
    same = next((n for n, (a, b) in enumerate(zip(original, edited, strict=False)) if a != b), len(original))
    return added >= 0 and edited[same + added:] == original[same:]


def _entries(settings: dict[str, Any], present: bool) -> list[tuple[Any, Any]] | None:
    """A ``plugins`` setting as ``(name, options)`` pairs in order (MkDocs' default, search, when
    it is absent or empty; no options as ``{}``), or None when it is no list or mapping."""
    value = settings.get("plugins")
    if not present or value is None:
        return [("search", {})]
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                items.extend(item.items())
            elif isinstance(item, str):
                items.append((item, None))
            else:
                return None
    else:
        return None
    return [(name, {} if options is None else options) for name, options in items]


def _adds_only_prfaq(before: list[tuple[Any, Any]] | None, after: list[tuple[Any, Any]] | None) -> bool:
    if before is None or after is None:
        return False
    added = [n for n, (name, _) in enumerate(after) if name == "prfaq"]
    return (len(added) == 1 and after[added[0]][1] == {} and not any(name == "prfaq" for name, _ in before)
            and after[:added[0]] + after[added[0] + 1:] == before)


def _own_process(plugin: Any) -> str:
    """The options of an already configured plugin that the examples may not satisfy (a site schema,
    statuses of its own, status from the folder), in words; empty if none is set."""
    if plugin is None:
        return ""
    options = plugin.config
    own = [name for name, default in (("schema", None), ("statuses", None), ("status_from", "front_matter"))
           if getattr(options, name, default) not in (default, {}, [])]
    return " and ".join(f"'{name}'" for name in own)


def has_pages(folder: str) -> bool:
    for _, _, names in os.walk(folder):
        if any(n.endswith(".md") and n != "index.md" for n in names):
            return True
    return False


def nav_hint(config: str, plugin_dir: str) -> str:
    """How to list the generated pages in an explicit nav (MkDocs lists only what it names)."""
    d = plugin_dir.strip("/")
    return (f"{config} has an explicit nav: add '- {d}/index.md' (every proposal, with filters), "
            f"'- {d}/roadmap.md' and '- {d}/status/<status>.md' (a page per status, e.g. '- {d}/status/draft.md') "
            "to it, under a section such as '- Proposals:'; they list every proposal, so no proposal needs to be in it")


def init(directory: str, *, today: datetime.date | None = None) -> Report:
    """Make ``directory`` a proposals site, or add the plugin to the site it is."""
    report = Report()
    if os.path.lexists(directory) and not os.path.isdir(directory):
        raise InitError(f"{directory}: not a folder")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise InitError(f"{directory}: {e.strerror or e}") from None
    existing = [n for n in CONFIG_NAMES if os.path.lexists(os.path.join(directory, n))]
    try:
        if existing:
            config_path = os.path.join(directory, existing[0])
            config = _edit_config(config_path, report)
            plugin = config.plugins.get("prfaq")
            plugin_dir = plugin.config.dir if plugin is not None else "proposals"
            docs_dir = config.docs_dir
            nav = config.nav
        else:
            config_path = os.path.join(directory, "mkdocs.yml")
            writes.site_folder(directory, os.path.join(directory, "docs"), ("proposals",))  # before any write
            if not writes.create(directory, (), "mkdocs.yml", MKDOCS_YML):
                raise InitError(f"{writes.shown(config_path)} appeared while init was running; run init again")
            report.lines.append(f"wrote {writes.shown(config_path)}")
            docs_dir, plugin_dir, nav, plugin = os.path.join(directory, "docs"), "proposals", None, None
            if any(os.path.lexists(os.path.join(docs_dir, n)) for n in ("index.md", "README.md")):
                report.lines.append(f"kept {writes.shown(os.path.join(docs_dir, 'index.md'))} (exists)")
            elif writes.create(directory, ("docs",), "index.md", INDEX_MD):
                report.lines.append(f"wrote {writes.shown(os.path.join(docs_dir, 'index.md'))}")
        parts = tuple(p for p in plugin_dir.split("/") if p)
        folder = os.path.join(docs_dir, *parts)
        place = writes.site_folder(directory, docs_dir, parts)
        own = _own_process(plugin)
        if os.path.isdir(folder) and has_pages(folder):
            report.notes.append(f"{writes.shown(folder)}/ already has pages; no examples added")
        elif own:
            report.notes.append(f"{writes.shown(config_path)} sets the plugin's {own}, which the examples do not "
                                "follow; no examples added (`mkdocs-prfaq new \"Title\"` writes a page that does)")
        else:
            for name, text in examples(today or datetime.date.today()):
                path = os.path.join(folder, name)
                if writes.create(directory, place, name, text):
                    report.lines.append(f"wrote {writes.shown(path)}")
                else:
                    report.lines.append(f"kept {writes.shown(path)} (exists)")
    except writes.NewPageError as e:
        raise InitError(str(e)) from None
    if nav:
        report.notes.append(nav_hint(writes.shown(config_path), plugin_dir))
    where = "" if os.path.realpath(directory) == os.path.realpath(".") else f"cd {shlex.quote(directory)} && "
    report.notes.append(f"next: {where}mkdocs serve, and open http://127.0.0.1:8000/{plugin_dir}/ ; "
                        "`mkdocs-prfaq new \"Title\"` writes a new proposal")
    return report
