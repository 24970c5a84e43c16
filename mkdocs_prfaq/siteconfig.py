"""A site's configuration as the CLI (``check``, ``new``, ``init``, ``import``, ``export``) and the
Python-Markdown extension need it, read without MkDocs' ``load_config``.

``load_config`` imports every plugin and the theme the file names, so a check on a machine (a CI
job, a pre-commit hook) without ``mkdocs-git-revision-date-localized-plugin`` or a company theme
installed would stop there. This reads only what the check needs: ``docs_dir``, ``exclude_docs``
and the prfaq plugin's options (validated by :class:`~.config.PrfaqConfig`, as MkDocs would),
following ``INHERIT`` (merged with mergedeep, as MkDocs merges it), resolving ``!ENV`` (with
pyyaml-env-tag, as MkDocs does) and ``!relative``, and ignoring every other tag
(``!!python/name:...``) without constructing anything. Zensical's ``zensical.toml`` is read too:
``[project]`` ``docs_dir`` and ``[project.plugins.prfaq]``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mergedeep
import yaml
import yaml_env_tag
from yaml.nodes import Node, ScalarNode, SequenceNode

from .config import PrfaqConfig, missing_dir
from .contract.problems import escape, shown_path

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "zensical.toml")
"""Looked for, in this order, in the working directory when no ``-f`` names one."""
PLUGIN = "prfaq"
_MAX_INHERIT = 20


class ConfigError(Exception):
    """The configuration cannot be used; the message says why in one line."""


@dataclass
class SiteConfig:
    """A site as the CLI and the Zensical extension know it, read from its config file."""

    config_file: str
    docs_dir: str
    """Absolute and normalised."""
    plugin: PrfaqConfig
    """The prfaq plugin's options, validated (its defaults when the file does not list it)."""
    exclude_docs: Any = None
    """MkDocs' ``exclude_docs`` as a pathspec (``None`` when the site sets none)."""
    enabled: bool = True
    """Whether the file lists the prfaq plugin (its defaults are used when it does not)."""
    notes: list[str] = field(default_factory=list)
    """Warnings about the configuration, one line each (an unknown plugin option...)."""
    use_directory_urls: bool = True
    """MkDocs' option: a page ``a/b.md`` is served at ``a/b/`` (true) or ``a/b.html``."""
    site_name: str = ""
    site_url: str | None = None
    """The feed's title and its links' base (``mkdocs-prfaq export``)."""

    @property
    def root(self) -> str:
        """The site's folder, where its config file is: `new`, `init` and `import` write only inside it."""
        return os.path.dirname(os.path.abspath(self.config_file))

    def reading_notes(self) -> list[str]:
        """The notes, and one more for what reads the site's pages (``check``, the Zensical
        extension) but not for what writes a first page there (``new``, ``import``): a ``dir``
        that names no folder (:func:`~mkdocs_prfaq.config.missing_dir`)."""
        missing = missing_dir(self.docs_dir, self.plugin.dir)
        if missing is None:
            return self.notes
        return [*self.notes, f"{shown_path(self.config_file)}: plugin '{PLUGIN}' option 'dir': {missing}"]


def find_config(name: str | None) -> str:
    """The config file to read: ``name``, else the first of :data:`CONFIG_FILES` that exists."""
    if name:
        if not os.path.isfile(name):
            raise ConfigError(f"{shown_path(name)}: no such config file (use -f to name your mkdocs.yml)")
        return name
    for candidate in CONFIG_FILES:
        if os.path.isfile(candidate):
            return candidate
    raise ConfigError("mkdocs.yml: no such config file (use -f to name your mkdocs.yml or zensical.toml; "
                      "`mkdocs-prfaq init` makes a site)")


def read_site_config(path: str) -> SiteConfig:
    """Read ``path`` (``mkdocs.yml`` or ``zensical.toml``): never imports a plugin or a theme."""
    notes: list[str] = []
    if path.endswith(".toml"):
        project, options, listed = _read_toml(path, notes)
    else:
        project = _read_yaml(path, set())
        options, listed = _plugin_options(path, project.get("plugins", ["search"]))
    shown = shown_path(path)
    docs_dir = project.get("docs_dir", "docs")
    if not isinstance(docs_dir, str) or not docs_dir.strip():
        raise ConfigError(f"{shown}: docs_dir: {escape(repr(docs_dir))} is not a folder name (expected e.g. 'docs')")
    if not os.path.isabs(docs_dir):
        docs_dir = os.path.join(os.path.dirname(os.path.abspath(path)), docs_dir)
    docs_dir = os.path.normpath(docs_dir)
    if not os.path.isdir(docs_dir):
        raise ConfigError(f"{shown}: docs_dir: {escape(repr(project.get('docs_dir', 'docs')))} is not an existing "
                          "folder (expected the folder of your Markdown pages)")
    plugin = PrfaqConfig(config_file_path=path)
    plugin.load_dict(options)
    errors, warnings = plugin.validate()
    if errors:
        key, error = errors[0]
        raise ConfigError(f"{shown}: plugin '{PLUGIN}' option '{escape(key)}': {escape(str(error))}")
    notes.extend(f"{shown}: plugin '{PLUGIN}' option '{escape(key)}': {escape(message)}" for key, message in warnings)
    name, url = project.get("site_name"), project.get("site_url")
    return SiteConfig(path, docs_dir, plugin, _pathspec(shown, project.get("exclude_docs")), listed, notes,
                      project.get("use_directory_urls", True) is not False,
                      site_name=name if isinstance(name, str) else "", site_url=url if isinstance(url, str) else None)


def _pathspec(shown: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n".join(value)
    if not isinstance(value, str):
        raise ConfigError(f"{shown}: exclude_docs: expected a multi-line string of gitignore patterns")
    import pathspec

    try:
        return pathspec.gitignore.GitIgnoreSpec.from_lines(value.splitlines())
    except (ValueError, TypeError) as e:
        raise ConfigError(f"{shown}: exclude_docs: {escape(str(e))}") from None


def _plugin_options(path: str, plugins: Any) -> tuple[dict[str, Any], bool]:
    """The prfaq plugin's options from ``plugins`` (a list of names and one-key mappings, or a
    mapping), and whether it is listed at all."""
    shown = shown_path(path)
    if plugins is None:
        return {}, False
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = []
        for item in plugins:
            if isinstance(item, dict) and len(item) == 1:
                entries.extend(item.items())
            elif isinstance(item, str):
                entries.append((item, None))
            else:
                raise ConfigError(f"{shown}: plugins: {escape(repr(item))[:80]} is not a plugin "
                                  "(expected a name, or a name with its options)")
    else:
        raise ConfigError(f"{shown}: plugins: expected a list of plugins")
    found = [options for name, options in entries if isinstance(name, str) and name.strip() == PLUGIN]
    if not found:
        return {}, False
    if len(found) > 1:
        raise ConfigError(f"{shown}: plugins: '{PLUGIN}' is listed {len(found)} times (expected once)")
    options = found[0]
    if options is None:
        return {}, True
    if not isinstance(options, dict):
        got = escape(repr(options))[:80]
        raise ConfigError(f"{shown}: plugin '{PLUGIN}': expected a mapping of options, got {got}")
    return options, True


# -- mkdocs.yml ---------------------------------------------------------------------------------

def _env(loader: yaml.SafeLoader, node: Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, read by pyyaml-env-tag as MkDocs reads it
    (``mkdocs.utils.yaml.get_yaml_loader``): the first variable that is set, its text read as a
    YAML scalar (``true``, ``3``); else the default. A mapping is refused in the plugin's words."""
    if not isinstance(node, (ScalarNode, SequenceNode)):
        raise yaml.constructor.ConstructorError(None, None, "!ENV expects a name or a list of names", node.start_mark)
    return yaml_env_tag.construct_env_tag(loader, node)


@dataclass(frozen=True)
class Tagged:
    """A tagged value (``!ENV NAME``, ``!!python/name:x``) read as written, never constructed:
    :func:`read_yaml_config` with ``keep_tags`` compares two readings of a file with these."""

    tag: str
    value: Any


def _tagged(loader: yaml.SafeLoader, node: Node) -> Tagged:
    value: Any
    if isinstance(node, ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(str(node.tag), value)


def _ignored(loader: yaml.SafeLoader, node: Node) -> None:
    """Any other tag (``!!python/name:material.extensions.emoji.twemoji``): nothing is constructed;
    the check never needs those values."""
    return None


def _loader(config_dir: str, keep_tags: bool = False) -> type[yaml.SafeLoader]:
    def relative(loader: yaml.SafeLoader, node: Node) -> Any:
        value = loader.construct_scalar(node) if isinstance(node, ScalarNode) else ""
        prefix, _, suffix = str(value or "").partition("/")
        if prefix == "$config_dir":
            return os.path.join(config_dir, suffix)
        return value or None  # $docs_dir or the page's folder: only markdown_extensions use them

    class Loader(yaml.SafeLoader):
        pass

    constructors: dict[str | None, Callable[[yaml.SafeLoader, Any], Any]] = {
        "!ENV": _env, "!relative": relative, None: _ignored,
    }
    if keep_tags:
        constructors = {"!ENV": _tagged, "!relative": _tagged, None: _tagged}
    for tag, constructor in constructors.items():
        Loader.add_constructor(tag, constructor)
    return Loader


def read_yaml_config(path: str, *, keep_tags: bool = False) -> dict[str, Any]:
    """The settings of the mkdocs.yml at ``path`` as `check` reads them (``INHERIT`` merged);
    with ``keep_tags``, every tagged value as a :class:`Tagged`, as written."""
    return _read_yaml(path, set(), keep_tags)


def _read_yaml(path: str, seen: set[str], keep_tags: bool = False) -> dict[str, Any]:
    shown = shown_path(path)
    real = os.path.realpath(path)
    if real in seen or len(seen) > _MAX_INHERIT:
        raise ConfigError(f"{shown}: INHERIT leads back to {shown} (expected a chain of files that ends)")
    try:
        with open(path, "rb") as f:
            data = yaml.load(f, Loader=_loader(os.path.dirname(os.path.abspath(path)), keep_tags))  # noqa: S506 - safe
    except OSError as e:
        raise ConfigError(f"{shown}: cannot read the config file ({e.strerror})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        what = " ".join(str(x) for x in (getattr(e, "context", None), getattr(e, "problem", None)) if x) or str(e)
        raise ConfigError(f"{shown}{where}: invalid YAML: {escape(what)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: expected a mapping of settings (site_name: ..., plugins: ...)")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ConfigError(f"{shown}: INHERIT: expected the path of another config file")
    parent_path = os.path.normpath(os.path.join(os.path.dirname(path), parent))
    if not os.path.isfile(parent_path):
        raise ConfigError(f"{shown}: INHERIT: {escape(parent)!r} does not exist (expected a path relative to {shown})")
    # MkDocs' own merge (mkdocs.utils.yaml.yaml_load): mergedeep's replace strategy, mappings merged key by
    # key, anything else (lists too) replaced by the child's
    merged: dict[str, Any] = mergedeep.merge(_read_yaml(parent_path, seen | {real}, keep_tags), data)
    return merged


# -- zensical.toml ------------------------------------------------------------------------------

def _read_toml(path: str, notes: list[str]) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """``([project] settings, the plugin's options, whether it has any)``."""
    shown = shown_path(path)
    import importlib

    tomllib: Any = None
    for module in ("tomllib", "tomli"):  # tomllib from Python 3.11; tomli where it is installed
        try:
            tomllib = importlib.import_module(module)
            break
        except ImportError:
            continue
    if tomllib is None:
        notes.append(f"{shown}: reading TOML needs Python 3.11 or the tomli package; using docs_dir 'docs' "
                     "and the plugin's defaults")
        return {}, {}, False
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{shown}: cannot read the config file ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{shown}: invalid TOML: {escape(str(e))}") from None
    project = data.get("project", {})
    if not isinstance(project, dict):
        raise ConfigError(f"{shown}: [project] is not a table (expected [project] with site_name, docs_dir...)")
    plugins = project.get("plugins", {})
    options = plugins.get(PLUGIN) if isinstance(plugins, dict) else None
    if options is not None and not isinstance(options, dict):
        raise ConfigError(f"{shown}: project.plugins.{PLUGIN}: expected a table of options")
    return project, options or {}, options is not None
