"""The plugin's options in ``mkdocs.yml`` (``plugins: - prfaq: {...}``; ``[project.plugins.prfaq]``
in ``zensical.toml``), as MkDocs config classes: :class:`PrfaqConfig`, with :class:`LimitsConfig`,
:class:`StatusConfig` (each of ``statuses``) and :class:`RequirementsConfig`."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import string
from collections.abc import Callable
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .contract.frontmatter import MAX_CHARS
from .contract.labels import DEFAULT_LABELS, label_keys
from .contract.lifecycle import (
    CUSTOMER_PARTS,
    NOT_A_LIFECYCLE,
    NOT_REQUIREMENTS,
    PRESS_RELEASE_PARTS,
    REQUIREMENT_KEYS,
    STATUS_FROM,
    STATUS_SETTINGS,
    Lifecycle,
    LifecycleError,
    Requirements,
    Status,
    build_status,
    check_count,
    check_flag,
    check_kinds,
    check_names,
    check_quotes,
    check_setting,
    make,
    parse_days,
    status_name,
    status_settings,
    unknown_requirement,
    unknown_setting,
)
from .contract.model import PAGE_BYTES
from .contract.problems import escape
from .contract.schema import SchemaConfigError, check_refs, display_name, load_schema_file
from .contract.validate import UNKNOWN_KEYS, closest, near_miss
from .layout.sanitize import EMOJI_CDNS

_DRIVE = re.compile(r"^[A-Za-z]:")


def normalise_dir(value: str) -> str:
    """A folder strictly inside ``docs_dir``, in its one canonical form (``./proposals/`` and
    ``/proposals`` are ``proposals``, ``a//b/./c`` is ``a/b/c``). Raises ``ValueError`` saying,
    in one line, why ``value`` is not one."""
    expected = "(expected a folder inside docs_dir, such as 'proposals')"
    text = value.strip()
    if escape(text) != text:
        raise ValueError(f"{value!r} contains a control character {expected}")
    if "\\" in text:
        raise ValueError(f"{value!r} contains a backslash (expected '/' between folders, such as 'proposals/2026')")
    if text.startswith("//") or _DRIVE.match(text):
        raise ValueError(f"{value!r} is an absolute path {expected}")
    text = text.lstrip("/")  # '/proposals/': a folder at the top of docs_dir, as MkDocs' own links read
    if not text:
        raise ValueError(f"{value!r} names no folder {expected}")
    norm = posixpath.normpath(text)
    if norm == ".":
        raise ValueError(f"{value!r} is docs_dir itself {expected}")
    if norm == ".." or norm.startswith("../"):
        raise ValueError(f"{value!r} leads outside docs_dir {expected}")
    return norm


class _Dir(c.Type[str]):
    """A folder strictly inside ``docs_dir``; stored in its canonical form, without leading or
    trailing slashes, ``.`` or ``..`` segments."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        try:
            return normalise_dir(super().run_validation(value))
        except ValueError as e:
            raise base.ValidationError(str(e)) from None


class _SchemaFile(c.File):
    """A site schema: read, checked against its meta-schema and every ``$ref`` resolved (offline)
    when the configuration is loaded, so a broken one is a configuration error, never a crash
    when the first page reaches it."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        try:
            check_refs(load_schema_file(path), display_name(path))
        except SchemaConfigError as e:
            raise base.ValidationError(str(e)) from None
        return path


class _WordLimit(base.BaseConfigOption[int | None]):
    """A positive number of words, or null to disable the limit."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected a positive number of words, or null to disable, got {value!r}")
        return value


class _ByteLimit(base.BaseConfigOption[int]):
    """A positive number of bytes."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected a positive number of bytes, such as {self.default}, got {value!r}")
        return value


DEFAULT_DIR = "proposals"


def missing_dir(docs_dir: str, directory: str) -> str | None:
    """Why a ``dir`` the site chose reads no page (no such folder under ``docs_dir``: a typo, such
    as ``proposal``, would check nothing and publish the real folder's pages as plain Markdown),
    else None. The default folder may be missing: a site that has no PR/FAQ yet."""
    if directory == DEFAULT_DIR or os.path.isdir(os.path.join(docs_dir, *directory.split("/"))):
        return None
    parent, _, name = directory.rpartition("/")
    try:
        with os.scandir(os.path.join(docs_dir, *parent.split("/")) if parent else docs_dir) as found:
            folders = sorted(e.name for e in found if e.is_dir() and not e.name.startswith("."))
    except OSError:
        folders = []
    hint = did_you_mean(name, folders, within=f"{parent}/" if parent else "")
    return (f"{escape(directory)!r} is no folder under docs_dir, so no page is read as a PR/FAQ (expected the "
            f"folder that holds the PR/FAQs{hint})")


def did_you_mean(word: str, options: list[str], within: str = "") -> str:
    """``; did you mean 'dir'?`` for a slip of one of ``options``, else ``''``; ``within`` is
    written before the option (``team/`` for a folder of ``team``)."""
    hint = near_miss(word, options) or closest(word, options)
    return f"; did you mean {within + hint!r}?" if hint else ""


class _Suggesting(base.Config):
    """MkDocs' warning for an unknown option (``Unrecognised configuration name: dirr``) says
    which option it looks like."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        names = [name for name, _ in self._schema]
        unknown = "Unrecognised configuration name: {}"
        return failed, [
            (key, message + did_you_mean(key, names) if message == unknown.format(key) else message)
            for key, message in warnings
        ]


class _Globs(base.BaseConfigOption[list[str]]):
    """Glob patterns of pages, relative to the plugin's folder."""

    def __init__(self) -> None:
        super().__init__()
        self.default: list[str] = []

    def run_validation(self, value: object) -> list[str]:
        expected = "(expected globs relative to the plugin's folder, such as ['templates/*', 'README.md'])"
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise base.ValidationError(f"{value!r} is not a list of globs {expected}")
        globs = []
        for glob in value:
            text = glob.strip().strip("/")
            if not text or escape(text) != text or "\\" in text or ".." in text.split("/"):
                raise base.ValidationError(f"{glob!r} is not a glob inside the plugin's folder {expected}")
            globs.append(text)
        return globs


class LimitsConfig(_Suggesting):
    press_release_words = _WordLimit(600)
    """Warn when the press release (subtitle, parts and quotes) is longer: about one page. A
    draft's counts are shown on its page, without a warning; from in-review on it is a warning
    (`--strict` fails on it)."""
    faq_words = _WordLimit(2500)
    """Warn when the FAQ (questions and answers) is longer: at most about five pages (from in-review on, as above)."""
    page_bytes = _ByteLimit(PAGE_BYTES)
    """The largest PR/FAQ page, in bytes: a larger one is one problem, neither parsed nor built."""
    front_matter_chars = c.Type(int, default=MAX_CHARS)
    """The most characters a page's front matter may expand to through YAML aliases (`&a` ...
    `*a`): past it the page is one problem and is not built from that front matter."""


_WIDTH = re.compile(r"\d+")
MAX_LABEL_WIDTH = 99
"""The widest number a label's placeholder may ask for (``{count:>5}``): ``{count:>99999999999}``
asked Python for a string of 100 GB on every page (a MemoryError, with a traceback)."""


def _plain_placeholders(text: str) -> None:
    """Raise ``ValueError`` for a placeholder of ``text`` that reaches into its value
    (``{count.__class__}``, ``{status[0]}``) or asks for a width or precision over
    :data:`MAX_LABEL_WIDTH` (nested placeholders in a format spec included)."""
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is None:
            continue
        if not (name.isidentifier() or name.isdigit() or name == ""):
            raise ValueError(f"{{{name}}} reaches into its value: expected a plain name such as {{count}}")
        if spec and ("{" in spec or any(int(n) > MAX_LABEL_WIDTH for n in _WIDTH.findall(spec))):
            raise ValueError(f"{{{name}:{spec}}} asks for a width over {MAX_LABEL_WIDTH}")


class _Labels(base.BaseConfigOption[dict[str, str]]):
    """Overrides for the label table: section names, status names, index words."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, str] = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, (str, int, float)) for v in value.values()):
            raise base.ValidationError("expected a mapping of label names to text, e.g. {internal_faq: Business FAQ}")
        overrides: dict[str, Any] = {str(k): str(v) for k, v in value.items()}
        for key, text in overrides.items():
            expected = DEFAULT_LABELS.get(key, "Under review")
            try:
                _plain_placeholders(text)
                text.format(count=0, shown=0, total=0, status="")
            except (KeyError, IndexError, ValueError) as e:
                raise base.ValidationError(
                    f"label {key!r}: {text!r} has a placeholder it cannot fill ({e}); "
                    f"expected text like {expected!r}"
                ) from None
        return overrides

    def post_validation(self, config: base.Config, key_name: str) -> None:
        # The label names depend on the site's statuses (validated by then): a status's label is
        # keyed by its name (`in-review: Under review`; `launched_status` for `launched`).
        names = label_keys(lifecycle_of(config))
        unknown = [name for name in config[key_name] if name not in names]
        if unknown:
            hints = "".join(did_you_mean(name, names) for name in unknown[:5])
            raise base.ValidationError(
                f"unknown label(s): {', '.join(sorted(unknown))} (see the configuration reference for the label "
                f"names; a status's label is keyed by its name){hints}")


UNSET: Any = object()
"""The default of a status's setting: left out, it is the built-in status's of that name or the
level's (see :func:`~.contract.lifecycle.build_status`)."""


class _StatusSetting(base.BaseConfigOption[Any]):
    """One setting of a status, checked by :func:`~.contract.lifecycle.check_setting` (whose
    words name the status)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = UNSET

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._status = str(getattr(config, "for_status", ""))

    def run_validation(self, value: object) -> Any:
        if value is UNSET:
            return UNSET
        try:
            return check_setting(self._status, self._name, value)
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None


class StatusConfig(base.Config):
    """One status of the ``statuses`` option; every setting is optional. Checked in this order
    (the first problem is the one reported)."""

    for_status = ""
    """The status these settings are of (set before validating: the errors and defaults name it)."""

    level = _StatusSetting()
    """What the status requires: `thin`, `complete`, `decided`, `launched` or `closed`."""
    label = _StatusSetting()
    """The status as shown (default: the built-in status's label, else its name in title case)."""
    colour = _StatusSetting()
    """Its badge, bar and navigation dot, a hex colour (`'#1d6b35'`)."""
    dark_colour = _StatusSetting()
    """The same in a dark colour scheme (default: `colour` tinted)."""
    open_ = _StatusSetting()
    """`false`: its proposals are listed collapsed in the index."""
    requires = _StatusSetting()
    """More fields the status requires (`[superseded_by]`)."""
    stale_after = _StatusSetting()
    """How long a proposal may stay in the status before it is stale (`30 days`, `6 weeks`, null)."""

    def __init__(self, name: str, config_file_path: str | None = None) -> None:
        super().__init__(config_file_path=config_file_path)
        self.for_status = name


class _Statuses(base.BaseConfigOption["tuple[Status, ...] | None"]):
    """The site's lifecycle: status names, in order, to their settings (:class:`StatusConfig`).

    A ``DictOfItems`` of ``SubConfig(StatusConfig)`` would read each item without its name, and a
    status's errors and defaults need it (``status 'review': level ...``; an unset ``colour`` is
    the built-in status's of that name), so this loop is DictOfItems' own with the name passed in.
    A word stands for ``{level: word}``; unknown settings are errors, with the one they look like."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._config_file_path = config.config_file_path

    def run_validation(self, value: object) -> tuple[Status, ...] | None:
        if value is None:
            return None
        try:
            if not isinstance(value, dict) or not value:
                raise LifecycleError(f"{value!r} is not a lifecycle ({NOT_A_LIFECYCLE})")
            return tuple(self._status(raw_name, raw) for raw_name, raw in value.items())
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None

    def _status(self, raw_name: object, raw: object) -> Status:
        name = status_name(raw_name)
        settings = status_settings(name, raw)
        for key in settings:
            if key not in STATUS_SETTINGS:
                raise unknown_setting(name, key)
        status = StatusConfig(name, self._config_file_path)
        status.load_dict(dict(settings))
        failed, _ = status.validate()
        if failed:
            raise LifecycleError(str(failed[0][1]))
        return build_status(name, {key: value for key, value in status.items() if value is not UNSET})

    def post_validation(self, config: base.Config, key_name: str) -> None:
        statuses = config[key_name] or ()
        if config.get("status_from") == "folder" and any(s.name == "status" for s in statuses):
            raise base.ValidationError("status 'status' cannot be a folder of proposals with status_from: folder: "
                                       "the plugin generates <dir>/status/ (expected another name)")


class _Requirement(base.BaseConfigOption[Any]):
    """One key of ``requirements``, checked by the lifecycle's ``check`` in its words."""

    def __init__(self, default: Any, check: Callable[[object, str], Any]) -> None:
        super().__init__()
        self.default = default
        self._check = check

    def run_validation(self, value: object) -> Any:
        try:
            return self._check(value, self._name)
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None


class _Quotes(_Requirement):
    """The quotes required: each of the kinds ``quote_kinds`` allows, checked once they are known."""

    def __init__(self, default: list[str]) -> None:
        super().__init__(default, lambda value, _: value)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        try:
            # quotes left out while quote_kinds leaves out a built-in kind: _Requirements reported it
            config[key_name] = check_quotes(config[key_name], config["quote_kinds"], True)
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None


def _names(allowed: tuple[str, ...], example: str) -> Callable[[object, str], tuple[str, ...]]:
    return lambda value, what: check_names(value, what, allowed, example)


_REQUIRED = Requirements()


class RequirementsConfig(base.Config):
    """The ``requirements`` option: what the ``complete`` level and up require."""

    subtitle = _Requirement(_REQUIRED.subtitle, check_flag)
    """What the `complete` level and every level above it require (each key optional): a subtitle (true or false)."""
    dateline = _Requirement(_REQUIRED.dateline, check_flag)
    """A dateline, from `complete` on (true or false)."""
    reviewers = _Requirement(_REQUIRED.reviewers, check_count)
    """At least this many reviewers, from `complete` on (0 for none)."""
    press_release = _Requirement(list(_REQUIRED.press_release),
                                 _names(PRESS_RELEASE_PARTS, "[summary, problem, solution]"))
    """The press release's parts required from `complete` on (of summary, problem, solution,
    getting_started, closing)."""
    quotes = _Quotes(list(_REQUIRED.quotes))
    """A quote of each kind listed, from `complete` on; a kind listed twice needs two quotes of that kind."""
    quote_kinds = _Requirement(list(_REQUIRED.quote_kinds), lambda value, _: check_kinds(value))
    """The kinds a quote may have, at every status."""
    external_questions = _Requirement(_REQUIRED.external_questions, check_count)
    """At least this many external FAQ questions, from `complete` on (0 for none)."""
    internal_questions = _Requirement(_REQUIRED.internal_questions, check_count)
    """At least this many internal FAQ questions, from `complete` on (0 for none)."""
    customer = _Requirement(list(_REQUIRED.customer), _names(CUSTOMER_PARTS, "[who, problem]"))
    """The customer questions answered from `complete` on (of who, problem, benefit, evidence, experience)."""


class _Requirements(c.SubConfig[RequirementsConfig]):
    """What the `complete` level and up require (:class:`RequirementsConfig`): MkDocs' SubConfig,
    with its errors in the plugin's words (``option 'requirements': reviewers: ...`` rather than ``Sub-option
    'reviewers': ...``) and an unknown key an error, with the one it looks like."""

    def run_validation(self, value: object) -> RequirementsConfig:
        try:
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise LifecycleError(f"{value!r} is not a mapping ({NOT_REQUIREMENTS})")
            for key in value:
                if key not in REQUIREMENT_KEYS:
                    raise unknown_requirement(key)
            # the quotes and their kinds first, as parse_requirements checks them (the first problem is reported)
            kinds = check_kinds(value.get("quote_kinds", list(_REQUIRED.quote_kinds)))
            check_quotes(value.get("quotes", list(_REQUIRED.quotes)), kinds, "quotes" in value)
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        failed, _ = config.validate()
        if failed:
            raise base.ValidationError(str(failed[0][1]))
        return config


def lifecycle_of(config: base.Config) -> Lifecycle:
    """The site's lifecycle from the plugin's validated options (``statuses``, ``requirements``,
    ``status_from``, ``stale_after``)."""
    required = config.get("requirements")
    requirements = Requirements(**required) if isinstance(required, RequirementsConfig) else None
    lifecycle = make(config.get("statuses"), requirements, config.get("status_from") or "front_matter")
    stale_after = config.get("stale_after") or {}
    if not stale_after:
        return lifecycle
    statuses = tuple(dataclasses.replace(s, stale_after=stale_after[s.name]) if s.name in stale_after else s
                     for s in lifecycle.statuses)
    return Lifecycle(statuses, lifecycle.requirements, lifecycle.status_from)


class _StaleAfter(base.BaseConfigOption[dict[str, "int | None"]]):
    """Status names to how long a proposal may stay in them: ``{in-review: 3 weeks, draft: 90 days}``."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, int | None] = {}

    def run_validation(self, value: object) -> dict[str, int | None]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"{value!r} is not a mapping (expected status names to durations, e.g. "
                                       "{in-review: 3 weeks, draft: 90 days})")
        try:
            return {str(k): parse_days(v, f"stale_after: {k}") for k, v in value.items()}
        except LifecycleError as e:
            raise base.ValidationError(str(e)) from None

    def post_validation(self, config: base.Config, key_name: str) -> None:
        statuses = config.get("statuses")
        if statuses is not None and not isinstance(statuses, tuple):  # statuses failed (and says so)
            return
        names = list(make(statuses).names)
        unknown = [name for name in config[key_name] if name not in names]
        if unknown:
            hints = "".join(did_you_mean(name, names) for name in unknown[:5])
            raise base.ValidationError(f"stale_after: unknown status(es) {', '.join(sorted(unknown))} (expected "
                                       f"some of this site's statuses: {', '.join(names)}){hints}")


class _RemoteImages(base.BaseConfigOption["bool | list[str]"]):
    """``true``, ``false``, or a list of URL prefixes such as ``https://images.example.com/``."""

    def __init__(self) -> None:
        super().__init__()
        self.default: bool | list[str] = list(EMOJI_CDNS)

    def run_validation(self, value: object) -> bool | list[str]:
        if isinstance(value, bool):
            return value
        if isinstance(value, list) and all(isinstance(v, str) and v.startswith("https://") and
                                           v.count("/") >= 3 for v in value):
            return list(value)
        raise base.ValidationError(
            f"expected true, false, or a list of URL prefixes like 'https://images.example.com/', got {value!r}")


class PrfaqConfig(_Suggesting):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. `enabled: !ENV [PRFAQ, true]`)."""
    dir = _Dir(default=DEFAULT_DIR)
    """Every Markdown page under `docs/<dir>/` except `<dir>/index.md` is a PR/FAQ. A folder inside
    `docs_dir` (`proposals`, `work/proposals`), never docs_dir itself or outside it. A folder other
    than `proposals` that does not exist is a warning (a typo would check nothing)."""
    exclude = _Globs()
    """Pages under `dir` that are not PR/FAQs, as globs relative to it: `["templates/*", "README.md"]`.
    `*` and `?` stay within a folder name, `**` crosses folders, and a folder excludes all in it.
    Neither the build nor `mkdocs-prfaq check` reads them as PR/FAQs (pages MkDocs' own
    `exclude_docs` leaves out are skipped too)."""
    statuses = _Statuses()
    """The site's lifecycle, in order: status names to `{label, colour, dark_colour, level, open,
    requires, stale_after}` (or just a level). A level says what a status requires: `thin` (the base fields),
    `complete` (the whole document, see `requirements`), `decided` (complete and a `decision`),
    `launched` (decided and `launched`), `closed` (a `decision`; the content may be thin).
    `colour` is a hex colour (`'#1d6b35'`); `open: false` lists the status collapsed; `requires`
    names more fields (`[superseded_by]`); `stale_after` (`30 days`, `6 weeks`, null) is how long a
    proposal may stay in the status before the index marks it stale and `mkdocs-prfaq check --stale`
    lists it (the built-in `in-review` has 30 days, every other status none). Default: draft,
    in-review, approved, launched, deferred, rejected, withdrawn, superseded."""
    status_from = c.Choice(STATUS_FROM, default="front_matter")
    """`folder`: a page's status is its first folder under `dir` (`proposals/live/x.md` is
    `live`); a `status` in its front matter that disagrees is a problem."""
    requirements = _Requirements(RequirementsConfig)
    """What the `complete` level and up require, each key optional: `subtitle`, `dateline`
    (true), `reviewers`, `external_questions`, `internal_questions` (at least; 0 for none),
    `press_release` (parts), `quotes` (a quote of each kind listed; a kind twice for two),
    `quote_kinds` (the kinds a quote may have), `customer` (customer questions answered).
    Default: `{subtitle: true, dateline: true, reviewers: 1, external_questions: 3,
    internal_questions: 3, press_release: [summary, problem, solution, getting_started],
    quotes: [leader, customer], quote_kinds: [leader, customer], customer: []}`."""
    schema = c.Optional(_SchemaFile())
    """A site schema (JSON or YAML, its path relative to mkdocs.yml) used instead of the bundled
    one; it may `$ref` the bundled one. Every `$ref` in it is resolved, offline, when the
    configuration is loaded."""
    on_invalid = c.Choice(("fail", "warn"), default="fail")
    """`fail` stops the build on any problem; `warn` logs each as a warning and builds anyway."""
    layout = c.Type(bool, default=True)
    """Render the press release, quotes and FAQ from front matter (false: only validate)."""
    limits = c.SubConfig(LimitsConfig)
    """Length guidance; going over logs a warning (an error under `mkdocs build --strict`)."""
    index = c.Type(bool, default=True)
    """Generate the proposals index, a page per status, the roadmap and `proposals.json`."""
    nav = c.Choice(("auto", "all", "index"), default="auto")
    """`all`: every proposal in the navigation (MkDocs' default); `index`: only the index, status
    pages and roadmap; `auto`: `all` up to `nav_limit` proposals, `index` above. An explicit
    `nav` in mkdocs.yml is always respected."""
    nav_limit = c.Type(int, default=50)
    """With `nav: auto`, the number of proposals above which they leave the navigation."""
    stale_after = _StaleAfter()
    """How long a proposal may stay in a status before the index marks it stale and
    `mkdocs-prfaq check --stale` lists it: `{in-review: 3 weeks, draft: 90 days}` (null for never).
    Overrides the statuses' own `stale_after` (the built-in `in-review` has 30 days)."""
    history = c.Type(bool, default=True)
    """Read each proposal's status history from git (one `git log` per build): a timeline on its
    page, the time in its status and a stale mark on the index, `history` in `proposals.json`,
    and `<dir>/feed.xml`. Without a repository or git, or in a shallow clone, one INFO line says
    why the history is missing or partial; false turns it off (and the feed)."""
    labels = _Labels()
    """Rename or translate section and status names: `{internal_faq: Business FAQ, in-review: Under review}`."""
    sanitize = c.Type(bool, default=True)
    """Pass the HTML of every PR/FAQ page (body and fields) through an allow-list sanitiser (nh3):
    no script, event handler, style or unsafe URL from a page reaches a reader. Turn it off only
    when everyone who can change a PR/FAQ is trusted to run script in every reader's browser."""
    remote_images = _RemoteImages()
    """With `sanitize`, which images from other hosts PR/FAQ pages may show: `true` (all), `false`
    (none), or a list of URL prefixes. The default allows the emoji CDNs of `pymdownx.emoji`.
    Any other is removed with a warning: a reader's browser would fetch it, telling that host
    who reads which proposal. Images in the docs folder always show."""
    snippets_dir = c.Optional(c.Type(str))
    """A folder (relative to mkdocs.yml) whose files pages under `dir` may include with
    `pymdownx.snippets` (`--8<-- "file.md"`), hidden files excepted. By default none: an include
    on those pages is not honoured, and is a problem at its line."""
    unknown_keys = c.Choice(UNKNOWN_KEYS, default="warn")
    """What a top-level front-matter key that is neither a PR/FAQ field nor one MkDocs or Material
    reads (`template`, `hide`, `search`, `description`, `icon`, `comments`, `social`) is: `allow`,
    `warn` (logged, and an error under `mkdocs build --strict`) or `error`. A key one slip from a
    known one (`tag`, `udpated`, `subtitel`) is always an error, with "did you mean"."""
