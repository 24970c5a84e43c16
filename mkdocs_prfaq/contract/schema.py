"""The front-matter contract: the bundled JSON Schema, a site's own schema, and the validator.

A site schema may ``$ref`` the bundled one by its ``$id``; that reference is resolved from the
package, never from the network.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml

from .compiled import Check, compile_schema
from .problems import escape, shown_path

if TYPE_CHECKING:  # jsonschema is imported when first needed: valid pages never need it
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator
    from referencing import Registry

SCHEMA_FILE = "prfaq.schema.json"
SCHEMA_CHARS = 10_000_000
"""The longest site schema read (the bundled one is some 10,000 characters)."""
BUNDLED_ID = "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"


class SchemaConfigError(Exception):
    """The site's schema cannot be used. The message says why, in one line."""


@functools.cache
def _bundled_text() -> str:
    # In a wheel the schema is package data; in a source checkout it is the top-level schemas/.
    packaged = resources.files("mkdocs_prfaq") / "schemas" / SCHEMA_FILE
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")


def bundled_schema() -> dict[str, Any]:
    """A fresh copy of the bundled schema (callers may change it)."""
    schema: dict[str, Any] = json.loads(_bundled_text())
    return schema


def display_name(path: str | Path) -> str:
    """A schema file as the user names it: relative to the working directory when inside it,
    escaped so it prints on one line."""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = text
    return shown_path(text if rel.startswith("..") else rel.replace(os.sep, "/"))


def load_schema_file(path: str | Path) -> dict[str, Any]:
    """Read a site schema (JSON, or YAML for ``.yml``/``.yaml``) and check it is a valid schema."""
    where = display_name(path)
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SchemaConfigError(f"{where}: cannot read the schema ({e.strerror})") from None
    try:
        if len(text) > SCHEMA_CHARS:
            raise SchemaConfigError(f"{where}: the schema is {len(text):,} characters long "
                                    f"(expected at most {SCHEMA_CHARS:,})")
        if path.suffix in (".yml", ".yaml"):
            schema = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
        else:
            schema = json.loads(text)
    except RecursionError:
        raise SchemaConfigError(f"{where}: the schema is nested too deeply to read") from None
    except json.JSONDecodeError as e:
        raise SchemaConfigError(f"{where}:{e.lineno}: schema is not valid JSON: {e.msg}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SchemaConfigError(f"{where}{line}: schema is not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(schema, dict):
        raise SchemaConfigError(f"{where}: a schema must be a JSON object (a mapping)")
    try:
        check_schema(schema, where)
    except RecursionError:
        raise SchemaConfigError(f"{where}: the schema is nested too deeply to check") from None
    return schema


def _registry(bundled: dict[str, Any] | None = None) -> Registry[Any]:
    """Only the bundled schema (``bundled``: the site's effective one, its lifecycle's rules in
    it) is known; nothing else is ever retrieved."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource

    def retrieve(uri: str) -> Resource[Any]:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class: ref is its field

    resource: Resource[Any] = Resource.from_contents(bundled if bundled is not None else bundled_schema())
    registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(BUNDLED_ID, resource)  # type: ignore[call-arg]
    return registry


def check_schema(schema: dict[str, Any], origin: str) -> None:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        raise SchemaConfigError(f"{origin}: invalid JSON Schema at {escape(where)}: {escape(e.message)}") from None


_REF_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
_ONLY = (f"only '#...' references within the schema and the bundled schema {BUNDLED_ID} can be used; "
         "nothing is read from the network or the disk")


def _pointer(parts: tuple[str, ...]) -> str:
    """An RFC 6901 JSON pointer, escaped to print on one line."""
    return escape("".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts))


def _refs_in(
    node: Any, parts: tuple[str, ...], base: str, id_of: Callable[[dict[str, Any]], str | None]
) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """Every reference in a schema, wherever it is: ``(pointer parts, base URI, reference)``."""
    if not isinstance(node, dict):
        return
    try:
        own_id = id_of(node)
    except Exception:  # a mapping of names (properties) whose keys look like keywords
        own_id = None
    if isinstance(own_id, str):
        base = urljoin(base, own_id)
    for keyword in _REF_KEYWORDS:
        if isinstance(node.get(keyword), str):
            yield (*parts, keyword), base, node[keyword]
    # Every value that may hold a schema, in any draft (draft 3's type, extends and disallow hold
    # schemas too): all but the keywords whose values are data.
    for key, value in node.items():
        if key in _DATA_KEYWORDS:
            continue
        if isinstance(value, dict):
            yield from _refs_in(value, (*parts, key), base, id_of)
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                yield from _refs_in(sub, (*parts, key, str(i)), base, id_of)


_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})


def check_refs(schema: dict[str, Any], origin: str) -> None:
    """:func:`_check_refs`; a schema nested too deeply to walk is a ``SchemaConfigError`` too."""
    try:
        _check_refs(schema, origin)
    except RecursionError:
        raise SchemaConfigError(f"{origin}: the schema is nested too deeply to check") from None


def _check_refs(schema: dict[str, Any], origin: str) -> None:
    """Resolve every ``$ref`` (``$dynamicRef``, ``$recursiveRef``) of a site schema now, wherever
    it is (under ``then``, ``else``, ``not``, ``$defs``...), and of the documents those lead to
    (the bundled schema), offline. A dangling one, or one to anything outside the schema and the
    bundled one, is a ``SchemaConfigError`` naming the file and the JSON pointer of the reference;
    so is a reference to something that is not a valid schema. Nothing is ever fetched."""
    import jsonschema
    from referencing import Resource
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable
    from referencing.jsonschema import DRAFT202012, specification_with

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    dialect = schema.get("$schema")
    spec = specification_with(dialect, default=DRAFT202012) if isinstance(dialect, str) else DRAFT202012
    root: Resource[Any] = spec.create_resource(schema)
    root_uri = root.id() or ""  # registered as jsonschema registers it
    registry = _registry().with_resource(root_uri, root)

    def id_of(node: dict[str, Any]) -> str | None:
        return spec.create_resource(node).id()

    documents: list[tuple[str, str, Any]] = [(origin, root_uri, schema)]  # (name, base URI, contents)
    seen_documents = {root_uri}
    checked_targets: set[tuple[str, str]] = set()
    while documents:
        name, doc_uri, contents = documents.pop(0)
        for parts, base, ref in _refs_in(contents, (), doc_uri, id_of):
            target, fragment = urldefrag(urljoin(base, ref))
            reason = ""
            try:
                resolved = registry.resolver(base_uri=base).lookup(ref)
            except PointerToNowhere:
                where = "the bundled schema" if target == BUNDLED_ID else "this schema" if target == doc_uri else target
                reason = (f"there is nothing at {fragment!r} in {escape(where)} "
                          "(expected a pointer to a subschema, such as '#/$defs/name')")
            except NoSuchAnchor:
                reason = f"there is no anchor {fragment!r}"
            except Unresolvable:
                remote = urlsplit(target).scheme.lower() not in ("", "urn", "tag")
                reason = "a schema elsewhere is never fetched" if remote else "there is no such schema"
                reason += f" ({_ONLY})"
            if reason:
                raise SchemaConfigError(
                    f"{name}: cannot resolve $ref {ref!r} at {_pointer(parts)}: {reason}"
                ) from None
            if not isinstance(resolved.contents, (dict, bool)):
                raise SchemaConfigError(
                    f"{name}: $ref {ref!r} at {_pointer(parts)} points to a "
                    f"{type(resolved.contents).__name__}, not a schema (expected an object or a boolean)"
                )
            if (isinstance(resolved.contents, dict) and target != BUNDLED_ID  # the bundled one is tested
                    and (target, fragment) not in checked_targets):
                checked_targets.add((target, fragment))
                try:
                    cls.check_schema(resolved.contents)
                except jsonschema.SchemaError as e:
                    raise SchemaConfigError(
                        f"{name}: $ref {ref!r} at {_pointer(parts)} points to an invalid schema: {escape(e.message)}"
                    ) from None
            if target not in seen_documents:
                seen_documents.add(target)
                try:
                    document = registry.get_or_retrieve(target).value.contents
                except Unresolvable:  # pragma: no cover - lookup found it
                    continue
                label = "the bundled schema" if target == BUNDLED_ID else escape(target)
                documents.append((f"{name}: via {label}", target, document))
    cycle = _ref_cycle(schema, root_uri, lambda base, ref: registry.resolver(base_uri=base).lookup(ref).contents, id_of)
    if cycle:
        raise SchemaConfigError(
            f"{origin}: $ref cycle {' -> '.join(cycle)}: a value would be checked against the same schema again "
            "and again (expected every cycle of $ref to go through properties, items or another keyword that "
            "checks a part of the value)")


_END = object()
_IN_PLACE = ("not", "if", "then", "else", "extends")
"""Keywords whose schema checks the value itself (not one of its parts): a cycle of them and
``$ref`` never ends."""
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf", "extends")
_IN_PLACE_MAPS = ("dependentSchemas", "dependencies")
_PARTS = ("items", "additionalItems", "additionalProperties", "contains", "propertyNames", "unevaluatedItems",
          "unevaluatedProperties", "contentSchema")
_PARTS_LISTS = ("prefixItems", "items")
_PARTS_MAPS = ("properties", "patternProperties", "$defs", "definitions")


def _ref_cycle(
    schema: dict[str, Any], root_uri: str, lookup: Callable[[str, str], Any],
    id_of: Callable[[dict[str, Any]], str | None],
) -> list[str]:
    """A cycle of references and keywords that check the value itself (``{"$ref": "#"}``, A -> B -> A,
    ``allOf: [{$ref: "#"}]``) in ``schema``, as the JSON pointers along it; ``[]`` when there is none.
    Every reference is resolved already (:func:`check_refs`); the bundled schema has none."""
    labels: dict[int, str] = {}
    bases: dict[int, str] = {}
    nodes: list[dict[str, Any]] = []

    def visit(node: Any, label: str, base: str) -> None:
        if isinstance(node, dict) and id(node) not in labels:
            labels[id(node)] = label
            try:
                own = id_of(node)
            except Exception:  # pragma: no cover - an $id that is not a URI: check_refs said so
                own = None
            bases[id(node)] = urljoin(base, own) if isinstance(own, str) else base
            nodes.append(node)

    visit(schema, "#", root_uri)
    i = 0
    while i < len(nodes):  # every subschema of the document, each once
        node = nodes[i]
        i += 1
        label, base = labels[id(node)], bases[id(node)]
        for key, value in node.items():
            at = f"{label}/{_pointer((key,))[1:]}"
            if key in _IN_PLACE or key in _PARTS:
                visit(value, at, base)
            if (key in _IN_PLACE_LISTS or key in _PARTS_LISTS) and isinstance(value, list):
                for n, sub in enumerate(value):
                    visit(sub, f"{at}/{n}", base)
            if (key in _IN_PLACE_MAPS or key in _PARTS_MAPS) and isinstance(value, dict):
                for name, sub in value.items():
                    visit(sub, f"{at}/{_pointer((str(name),))[1:]}", base)

    def in_place(node: dict[str, Any]) -> Iterator[Any]:
        for key in _REF_KEYWORDS:
            ref = node.get(key)
            if isinstance(ref, str) and urldefrag(urljoin(bases[id(node)], ref))[0] != BUNDLED_ID:
                yield lookup(bases[id(node)], ref)  # resolved already: it is there
        for key in _IN_PLACE:
            yield node.get(key)
        for key in _IN_PLACE_LISTS:
            if isinstance(node.get(key), list):
                yield from node[key]
        for key in _IN_PLACE_MAPS:
            if isinstance(node.get(key), dict):
                yield from node[key].values()

    done: set[int] = set()
    for start in nodes:
        if id(start) in done:
            continue
        path: list[dict[str, Any]] = [start]
        on_path = {id(start)}
        todo: list[Iterator[Any]] = [in_place(start)]
        while todo:
            child = next(todo[-1], _END)
            if child is _END:
                done.add(id(path[-1]))
                on_path.discard(id(path[-1]))
                path.pop()
                todo.pop()
                continue
            if not isinstance(child, dict) or id(child) in done or id(child) not in labels:
                continue
            if id(child) in on_path:
                cycle = path[[id(n) for n in path].index(id(child)):]
                return [labels[id(n)] for n in (*cycle, child)]
            path.append(child)
            on_path.add(id(child))
            todo.append(in_place(child))
    return []


class SchemaValidator:
    """The site's schema, ready to check many pages: a compiled fast path says whether a page is
    valid; jsonschema, only for the invalid ones, says what is wrong (and is only imported then)."""

    def __init__(self, schema: dict[str, Any], fast: Check | None, validator: Validator | None = None,
                 bundled: dict[str, Any] | None = None) -> None:
        self.schema = schema
        self.bundled = bundled if bundled is not None else schema
        """The bundled schema as this site has it (its lifecycle's statuses and rules)."""
        self.compiled = fast is not None
        self._fast = fast
        self._jsonschema = validator

    @property
    def jsonschema(self) -> Validator:
        if self._jsonschema is None:
            self._jsonschema = _jsonschema_validator(self.schema, self.bundled)
        return self._jsonschema

    def is_valid(self, data: Any) -> bool:
        if self._fast is not None:
            return self._fast(data)
        return bool(self.jsonschema.is_valid(data))

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        if self._fast is not None and self._fast(data):
            return iter(())
        return iter(self.jsonschema.iter_errors(data))


def _jsonschema_validator(schema: dict[str, Any], bundled: dict[str, Any] | None = None) -> Validator:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator: Validator = cls(schema, registry=_registry(bundled), format_checker=cls.FORMAT_CHECKER)
    return validator


def build_validator(
    schema: dict[str, Any] | None = None, origin: str = "bundled schema", *, bundled: dict[str, Any] | None = None
) -> SchemaValidator:
    """One validator for the whole run, with date formats checked and no network access.

    ``bundled`` is the bundled schema as the site has it (``Lifecycle.schema()``: its statuses
    and status rules; the file as shipped by default); a site's ``schema`` that ``$ref``s the
    bundled one gets that. The bundled schema is trusted (the tests validate it, and the
    generated rules): it is compiled and jsonschema waits until a page is invalid. A site's
    schema is checked now, every ``$ref`` resolved, so a broken one is a config error, not a
    crash mid-build."""
    if bundled is None:
        bundled = bundled_schema()
    if schema is None:
        fast = compile_schema(bundled, {BUNDLED_ID: bundled}, None)
        if fast is not None:
            return SchemaValidator(bundled, fast)
        schema = bundled
    from referencing.exceptions import Unresolvable

    check_refs(schema, origin)
    validator = _jsonschema_validator(schema, bundled)
    try:
        for _ in validator.iter_errors({}):
            pass
        for status in bundled.get("$defs", {}).get("status", {}).get("enum", statuses()):
            for _ in validator.iter_errors({"status": status}):
                pass
    except Unresolvable as e:
        raise SchemaConfigError(f"{origin}: cannot resolve $ref {getattr(e, 'ref', str(e))!r} ({_ONLY})") from None
    except RecursionError:
        raise SchemaConfigError(f"{origin}: the schema is nested too deeply to check") from None
    checker = getattr(validator, "format_checker", None)
    fast = compile_schema(schema, {BUNDLED_ID: bundled}, checker.conforms if checker else None)
    return SchemaValidator(schema, fast, validator, bundled)


def effective_schema(schema: dict[str, Any] | None, bundled: dict[str, Any]) -> dict[str, Any]:
    """The schema pages are checked against, as one self-contained document: the bundled one as
    the site has it, or the site's schema with that bundled one embedded (under ``$defs``, by its
    ``$id``) where the site's schema refers to it, so any JSON Schema tool resolves it offline."""
    if schema is None:
        return bundled
    if BUNDLED_ID not in json.dumps(schema):
        return schema
    out = dict(schema)
    key = "definitions" if "definitions" in out and "$defs" not in out else "$defs"
    defs = dict(out.get(key) or {})
    name, n = "mkdocs-prfaq", 2
    while name in defs:
        name, n = f"mkdocs-prfaq-{n}", n + 1
    defs[name] = bundled
    out[key] = defs
    return out


def deref(schema: Mapping[str, Any], node: Any) -> Mapping[str, Any]:
    """``node`` with local ``#/$defs/...`` references followed within ``schema`` (one document, at
    most 20 in a chain; a reference to nothing is an empty mapping)."""
    seen = 0
    while isinstance(node, Mapping) and str(node.get("$ref", "")).startswith("#/") and seen < 20:
        target: Any = schema
        for part in node["$ref"][2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        node, seen = merged, seen + 1
    return node if isinstance(node, Mapping) else {}


def rule_statuses(rule: Mapping[str, Any]) -> list[str]:
    """The statuses a status rule (``if: {properties: {status: {enum|const}}}, then: ...``) applies
    to; none for any other schema part."""
    status = rule.get("if", {}).get("properties", {}).get("status", {})
    if "enum" in status:
        return [str(s) for s in status["enum"]]
    if "const" in status:
        return [str(status["const"])]
    return []


@functools.cache
def statuses() -> tuple[str, ...]:
    """The lifecycle statuses, in order, as the bundled schema defines them."""
    return tuple(bundled_schema()["$defs"]["status"]["enum"])
