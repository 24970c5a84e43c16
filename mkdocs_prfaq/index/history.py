"""Each proposal's status history, read from git: when it entered each status, in which commit,
by whom; how long it has been in its current one, and whether that is longer than the site allows.

Nothing here knows about MkDocs. A build runs three git processes at most, whatever the number
of proposals: ``git rev-parse`` (where the repository is, whether it is shallow, its ``HEAD``),
one ``git log --raw`` over the proposals folder (every commit that touched it, the blob of each
file each commit wrote, renames followed), and one ``git cat-file --batch`` fed every distinct
blob, of which only the front matter's ``status:`` line is read (with ``status_from: folder``,
the path is the status and no blob is read). Under ``mkdocs serve`` the result is kept while
``HEAD`` is the same (:class:`Reader`), so a save costs one ``git rev-parse``.

Front matter stays the source of truth for the current status: a working tree whose status
differs from the last committed one shows a *pending* step dated today. Edits that leave the
status alone are not steps. When git cannot answer (no repository, no git, a shallow clone) the
history is empty or partial and :attr:`GitLog.note` says why, in one line.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..contract.lifecycle import Lifecycle
    from ..contract.model import Proposal
    from ..contract.problems import Problem

FETCH_HINT = "fetch the whole history (actions/checkout: fetch-depth: 0; or git fetch --unshallow)"
TIMEOUT = 300
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_FRONT_MATTER_BYTES = 1 << 20
"""The most of a committed version searched for the end of its front matter (its ``status:``)."""


@dataclass(frozen=True)
class Step:
    """A proposal entering a status."""

    status: str
    date: str
    """``YYYY-MM-DD``: the commit's date (its committer's, in the committer's time zone)."""
    commit: str | None = None
    """The commit that made the change; None for a change not committed yet (:attr:`pending`)."""
    author: str = ""
    time: str = ""
    """The commit's full ISO 8601 timestamp ('' when pending)."""
    created: bool = False
    """The proposal's first step (its first commit, or its front matter's ``created``)."""
    partial: bool = False
    """A shallow clone's oldest commit: in this status by then, maybe since before."""
    pending: bool = False
    """The working tree's status, different from the last committed one (dated today)."""
    days: int = 0
    """How long it stayed in this status (to the next step, or to today for the last)."""


@dataclass(frozen=True)
class History:
    steps: tuple[Step, ...]
    today: str
    stale_after: int | None = None
    """The current status's ``stale_after`` in days, if it has one."""

    @property
    def current(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @property
    def since(self) -> str:
        return self.steps[-1].date if self.steps else ""

    @property
    def days(self) -> int | None:
        """Days in the current status (at least that many when :attr:`partial`)."""
        return self.steps[-1].days if self.steps else None

    @property
    def partial(self) -> bool:
        return bool(self.steps) and self.steps[-1].partial

    @property
    def stale(self) -> bool:
        days = self.days
        return self.stale_after is not None and days is not None and days > self.stale_after

    def export(self) -> dict[str, object]:
        """As ``proposals.json`` lists it."""
        return {
            "since": self.since or None,
            "days": self.days,
            "partial": self.partial,
            "stale": self.stale,
            "stale_after": self.stale_after,
            "changes": [{"status": s.status, "date": s.date, "commit": s.commit, "author": s.author or None,
                         "pending": s.pending} for s in self.steps],
        }


@dataclass(frozen=True)
class Version:
    """A file as one commit wrote it."""

    commit: str
    time: str
    author: str
    status: str
    path: str
    """Its path then, relative to the repository."""


@dataclass(eq=False)
class GitLog:
    """What git holds of the proposals folder: each file's committed versions, oldest first,
    keyed by its path under ``docs_dir`` now; ``note`` says why there is none, or why it is partial.
    Equal only to itself (what :func:`attach` keeps is keyed by the log it was made from)."""

    versions: dict[str, list[Version]] = field(default_factory=dict)
    available: bool = False
    """False when git could not be asked (no repository, no git): no history at all."""
    shallow: frozenset[str] = frozenset()
    """The commits a shallow clone's history stops at."""
    note: str = ""
    head: str = ""


def today(environ: Mapping[str, str] | None = None) -> datetime.date:
    """Today in UTC, or the day ``SOURCE_DATE_EPOCH`` names (reproducible builds; MkDocs reads it too)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def status_in(blob: bytes) -> str:
    """The ``status:`` of a committed page's front matter, if it is a status name, else ''.
    Only the front matter's top-level ``status:`` line is read (within its first
    :data:`_FRONT_MATTER_BYTES`), never the YAML; found with ``bytes.find``, linear in the blob."""
    start = 3 if blob.startswith(b"\xef\xbb\xbf") else 0
    first = blob.find(b"\n", start)
    if not blob.startswith(b"---", start) or first < 0 or blob[start + 3:first].strip():
        return ""
    limit = min(len(blob), start + _FRONT_MATTER_BYTES)
    at = _line_start(blob, (b"\nstatus",), first, limit, lambda rest: rest.lstrip(b" \t").startswith(b":"))
    if at < 0 or _line_start(blob, _ENDS, first, at + 1, _blank) >= 0:  # none, or after the front matter
        return ""
    end = _line_start(blob, _ENDS, at + 1, limit, _blank)
    if end < 0:  # front matter that never ends is none
        return ""
    line_end = blob.find(b"\n", at + 1, end + 1)
    line = blob[at + 1:line_end if line_end >= 0 else end]
    value = line[line.index(b":") + 1:][:200].decode("utf-8", "replace").strip(" \t\r")
    if value and value[0] in "'\"":
        quote = value[0]
        close = value.find(quote, 1)
        value = value[1:close] if close > 0 else ""
    else:
        value = value.split(" #", 1)[0].strip()
    return value if len(value) <= 40 and _SLUG.match(value) else ""


_ENDS = (b"\n---", b"\n...")


def _blank(rest: bytes) -> bool:
    return not rest.strip()


def _line_start(blob: bytes, prefixes: tuple[bytes, ...], start: int, limit: int,
                rest_ok: Callable[[bytes], bool]) -> int:
    """The first ``\\n`` in ``blob[start:limit]`` that starts a line beginning with one of
    ``prefixes`` and whose rest ``rest_ok`` accepts (each line looked at once), else -1."""
    found = -1
    for prefix in prefixes:
        pos = start
        while True:
            at = blob.find(prefix, pos, limit if found < 0 else found)
            if at < 0:
                break
            line_end = blob.find(b"\n", at + 1)
            if rest_ok(blob[at + len(prefix):line_end if line_end >= 0 else len(blob)]):
                found = at
                break
            pos = at + 1
    return found


def _git(args: list[str], cwd: str, git: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return subprocess.run([git, "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args], cwd=cwd,
                          input=data, capture_output=True, check=False, timeout=TIMEOUT, env=env)


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        text = line.removeprefix("fatal: ").strip()
        if text:
            return "".join(ch if ch.isprintable() else "?" for ch in text)[:200]
    return "git failed"


def locate(folder: str, git: str = "git") -> tuple[GitLog, str, str]:
    """``(log, prefix, git_dir)``: where ``folder`` is in its repository; ``log`` carries the
    ``note`` when git cannot answer, and ``head`` ('' for a repository without commits)."""
    try:
        done = _git(["rev-parse", "--is-shallow-repository", "--show-prefix", "--git-common-dir", "HEAD"],
                    folder, git)
    except FileNotFoundError:
        return GitLog(note="git is not installed (install git for each proposal's status history, "
                           "or set history: false)"), "", ""
    except (OSError, subprocess.SubprocessError) as e:
        return GitLog(note=f"git could not run ({type(e).__name__}); set history: false to stop asking"), "", ""
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        reason = _first_line(done.stderr)
        if "not a git repository" in reason:
            return GitLog(note="the docs are not in a git repository (commit them for each proposal's status "
                               "history, or set history: false)"), "", ""
        return GitLog(note=f"git cannot read the repository: {reason} (or set history: false)"), "", ""
    shallow_flag, prefix, git_dir = lines[0], lines[1], lines[2]
    head = lines[3] if len(lines) > 3 and done.returncode == 0 else ""
    log = GitLog(available=True, head=head)
    if shallow_flag.strip() == "true":
        try:
            with open(os.path.join(folder, git_dir, "shallow"), encoding="ascii") as f:
                log.shallow = frozenset(line.strip() for line in f if line.strip())
        except (OSError, UnicodeDecodeError):
            log.shallow = frozenset()
        log.note = f"this is a shallow clone, so the status history shows only what it holds: {FETCH_HINT}"
    return log, prefix, git_dir


def read_log(folder: str, directory: str, status_of_path: Callable[[str], str | None] | None = None,
             git: str = "git", located: tuple[GitLog, str, str] | None = None) -> GitLog:
    """Every committed version of every file under ``folder`` (``docs_dir/directory``), keyed by
    the file's path under ``docs_dir`` now (renames followed). ``status_of_path`` (the status a
    path under ``docs_dir`` says, for ``status_from: folder``) replaces reading the blobs."""
    log, prefix, _ = located if located is not None else locate(folder, git)
    if not log.available or not log.head:
        return log
    try:
        done = _git(["log", "-z", "--format=%x01%H%x00%aN%x00%cI", "--raw", "--no-abbrev", "-M", "--no-color",
                     "--no-ext-diff", "--", "."], folder, git)
    except (OSError, subprocess.SubprocessError) as e:
        return GitLog(note=f"git log could not run ({type(e).__name__})")
    if done.returncode != 0:
        return GitLog(note=f"git log failed: {_first_line(done.stderr)}")
    found = _walk(done.stdout, prefix, directory)
    blobs: dict[str, str] = {}
    if status_of_path is None:
        wanted = sorted({blob for entries in found.values() for _, _, _, blob, _ in entries})
        blobs = _statuses(wanted, folder, git)
    for src, entries in found.items():
        versions = []
        for commit, time, author, blob, path in reversed(entries):  # oldest first
            status = status_of_path(path) if status_of_path is not None else blobs.get(blob, "")
            versions.append(Version(commit, time, author, status or "", path))
        log.versions[src] = versions
    return log


_Entry = tuple[str, str, str, str, str]
"""``(commit, time, author, blob, path under docs_dir)``."""


def _walk(raw: bytes, prefix: str, directory: str) -> dict[str, list[_Entry]]:
    """``git log -z --raw`` (newest first) into each file's versions, newest first, keyed by its
    name now: a rename's older versions go to its new name; a deleted file's to nobody."""
    text = raw.decode("utf-8", "surrogateescape")
    names: dict[str, str | None] = {}  # path then -> path now (None: a file deleted later)
    found: dict[str, list[_Entry]] = {}
    base = directory.strip("/") + "/"

    def here(path: str) -> str | None:
        """The path under docs_dir of a repository path in the folder."""
        return base + path[len(prefix):] if path.startswith(prefix) else None

    # NUL-separated tokens, read by position (a name or a path may hold any other character):
    # "\x01<commit>", author, date, then per file ":<modes> <old blob> <blob> <letter>" and its
    # path (two for a rename or copy); the first token of a file or a commit may follow a newline.
    tokens = [*text.split("\x00"), "", ""]  # padded: a record cut short reads empty fields
    commit = author = time = ""
    i = 0
    while i < len(tokens) - 2:
        head = tokens[i].lstrip("\n")
        i += 1
        if head.startswith("\x01"):
            commit, author, time = head[1:], tokens[i], tokens[i + 1]
            i += 2
            continue
        if not head.startswith(":") or not commit:
            continue
        fields = head.split(" ")
        if len(fields) < 5:
            continue
        blob, letter = fields[3], fields[4][:1]
        if letter in ("R", "C"):
            old, new = tokens[i], tokens[i + 1]
            i += 2
        else:
            old = new = tokens[i]
            i += 1
        if letter == "D":
            names[new] = None
            continue
        now = names.get(new, new)
        if now is not None and (src := here(new)) is not None:
            found.setdefault(now, []).append((commit, time, author, blob, src))
        if letter == "R":
            names[old] = now
            names[new] = None
    out: dict[str, list[_Entry]] = {}
    for now, entries in found.items():
        src = here(now)
        if src is not None:
            out[src] = entries
    return out


def _statuses(blobs: list[str], folder: str, git: str) -> dict[str, str]:
    """The ``status:`` of each blob, from one ``git cat-file --batch``."""
    if not blobs:
        return {}
    try:
        done = _git(["cat-file", "--batch"], folder, git, ("\n".join(blobs) + "\n").encode("ascii"))
    except (OSError, subprocess.SubprocessError):
        return {}
    out: dict[str, str] = {}
    data, pos = done.stdout, 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "<sha> missing"
        size = int(header[2])
        out[header[0].decode("ascii", "replace")] = status_in(data[pos:pos + size])
        pos += size + 1
    return out


def history_of(versions: Iterable[Version], proposal: Proposal, lifecycle: Lifecycle, day: datetime.date,
               shallow: frozenset[str] = frozenset()) -> History:
    """A proposal's steps: its first committed version (created), each committed version whose
    status differs from the one before, and, when the page now says another status than its
    last commit, that status as pending since ``day``. Versions without a readable status are
    skipped. The first step is dated by the front matter's ``created`` when that is earlier."""
    found: list[tuple[str, str, str | None, str, str, bool]] = []  # status, date, commit, author, time, partial
    for v in versions:
        if v.status and (not found or found[-1][0] != v.status):
            found.append((v.status, v.time[:10], v.commit, v.author, v.time, not found and v.commit in shallow))
    current = proposal.status
    iso = day.isoformat()
    if _SLUG.match(current) and (not found or found[-1][0] != current):
        found.append((current, iso, None, "", "", False))
    if found and not found[0][5] and _is_date(proposal.created) and proposal.created < found[0][1]:
        found[0] = (found[0][0], proposal.created, *found[0][2:])
    steps = []
    for i, (name, date, commit, author, time, partial) in enumerate(found):
        until = found[i + 1][1] if i + 1 < len(found) else iso
        steps.append(Step(name, date, commit, author, time, created=i == 0, partial=partial, pending=commit is None,
                          days=max(0, _days(date, until))))
    status = lifecycle.get(current)
    return History(tuple(steps), iso, getattr(status, "stale_after", None))


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10


def _days(start: str, end: str) -> int:
    try:
        return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
    except ValueError:
        return 0


class Reader:
    """Reads the log once per ``HEAD``: under ``mkdocs serve`` a save of an unchanged repository
    costs one ``git rev-parse`` (a commit, a checkout or a fetch that moves ``HEAD`` reads again)."""

    def __init__(self, git: str = "git") -> None:
        self.git = git
        self.key: object = None
        self.log = GitLog()
        self.reads = 0
        self.noted = ""
        self.kept: dict[str, tuple[object, History]] = {}
        """Each proposal's history as :func:`attach` made it from :attr:`log`."""

    def read(self, folder: str, directory: str, status_of_path: Callable[[str], str | None] | None) -> GitLog:
        located = locate(folder, self.git)
        log = located[0]
        key = (folder, directory, status_of_path is None, log.head, log.available, log.shallow)
        if not log.available or not log.head:
            self.key, self.log = None, log
            return log
        if key != self.key:
            self.log = read_log(folder, directory, status_of_path, self.git, located)
            self.key = key if not self.log.note or self.log.available else None
            self.reads += 1
        return self.log


def attach(proposals: Iterable[Proposal], log: GitLog, lifecycle: Lifecycle,
           day: datetime.date | None = None, kept: dict[str, tuple[object, History]] | None = None) -> None:
    """Each proposal's :attr:`~.model.Proposal.history` from ``log`` (None when git gave none).
    ``kept`` (a :class:`Reader`'s, under ``mkdocs serve``) holds each proposal's history while
    what it is made of is the same: the same log, status, ``created``, day and ``stale_after``."""
    day = day or today()
    fresh: dict[str, tuple[object, History]] = {}
    for p in proposals:
        if not log.available:
            p.history = None
            continue
        versions = log.versions.get(p.src_path, ())
        status = lifecycle.get(p.status)
        key = (log, p.status, p.created, day, getattr(status, "stale_after", None))
        found = kept.get(p.src_path) if kept is not None else None
        if found is not None and found[0] == key:
            p.history = found[1]
        else:
            p.history = history_of(versions, p, lifecycle, day, log.shallow)
        fresh[p.src_path] = (key, p.history)
    if kept is not None:
        kept.clear()
        kept.update(fresh)


def stale(proposals: Iterable[Proposal]) -> list[Proposal]:
    """The proposals in their status longer than its ``stale_after``."""
    return [p for p in proposals if p.history is not None and p.history.stale]


def update(reader: Reader, proposals: Iterable[Proposal], docs_dir: str, directory: str, lifecycle: Lifecycle,
           enabled: bool = True) -> str:
    """Each proposal's history, read through ``reader`` (once per ``HEAD``); the one line to log
    when git cannot answer ('' when it can, when ``enabled`` is false, and when it was said
    already by this reader: ``mkdocs serve`` says it once)."""
    proposals = list(proposals)
    if not enabled:
        for p in proposals:
            p.history = None
        return ""
    from ..contract.model import status_folder

    folder = os.path.join(docs_dir, *directory.split("/"))
    if not os.path.isdir(folder):
        return ""
    by_path = functools.partial(status_folder, directory=directory) if lifecycle.status_from == "folder" else None
    log = reader.read(folder, directory, by_path)
    attach(proposals, log, lifecycle, kept=reader.kept)
    note, reader.noted = ("" if log.note == reader.noted else log.note), log.note
    return f"status history: {note}" if note else ""


def stale_problems(proposals: Iterable[Proposal], labels: Mapping[str, str]) -> list[Problem]:
    """One line per stale proposal, at its ``status`` line: ``status: in review for 41 days,
    over 30 (stale_after)``."""
    from ..contract.labels import status_key
    from ..contract.problems import Problem

    out = []
    for p in stale(proposals):
        h = p.history
        assert h is not None
        label = labels.get(status_key(p.status), p.status)
        if label[1:] == label[1:].lower():
            label = label[:1].lower() + label[1:]
        days = f"at least {h.days}" if h.partial else str(h.days)
        line = p.lines.get(("status",), 1)
        out.append(Problem(p.display_path, line, "status",
                           f"{label} for {days} days, over {h.stale_after} (stale_after)"))
    return sorted(out)
