"""The front-matter contract: the bundled JSON Schema, a site's own schema, and the validator.

A site schema may ``$ref`` the bundled one by its ``$id``; that reference is resolved from the
package, never from the network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .compiled import Check, compile_schema

if TYPE_CHECKING:  # jsonschema is imported when first needed: valid pages never need it
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator
    from referencing import Registry

SCHEMA_FILE = "prfaq.schema.json"
BUNDLED_ID = "https://mkdocs-prfaq.github.io/schemas/prfaq/v1.schema.json"


class SchemaConfigError(Exception):
    """The site's schema cannot be used. The message says why, in one line."""


@functools.cache
def _bundled_text() -> str:
    # In a wheel the schema is package data; in a source checkout it is the top-level schemas/.
    packaged = resources.files("mkdocs_prfaq") / "schemas" / SCHEMA_FILE
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")


def bundled_schema() -> dict[str, Any]:
    """A fresh copy of the bundled schema (callers may change it)."""
    schema: dict[str, Any] = json.loads(_bundled_text())
    return schema


def load_schema_file(path: str | Path) -> dict[str, Any]:
    """Read a site schema (JSON, or YAML for ``.yml``/``.yaml``) and check it is a valid schema."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SchemaConfigError(f"{path}: cannot read the schema ({e.strerror})") from None
    try:
        if path.suffix in (".yml", ".yaml"):
            schema = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
        else:
            schema = json.loads(text)
    except json.JSONDecodeError as e:
        raise SchemaConfigError(f"{path}:{e.lineno}: schema is not valid JSON: {e.msg}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SchemaConfigError(f"{path}{line}: schema is not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(schema, dict):
        raise SchemaConfigError(f"{path}: a schema must be a JSON object (a mapping)")
    check_schema(schema, str(path))
    return schema


def _registry() -> Registry[Any]:
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource

    def retrieve(uri: str) -> Resource[Any]:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class: ref is its field

    bundled: Resource[Any] = Resource.from_contents(bundled_schema())
    registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(BUNDLED_ID, bundled)  # type: ignore[call-arg]
    return registry


def check_schema(schema: dict[str, Any], origin: str) -> None:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        raise SchemaConfigError(f"{origin}: invalid JSON Schema at {where}: {e.message}") from None


class SchemaValidator:
    """The site's schema, ready to check many pages: a compiled fast path says whether a page is
    valid; jsonschema, only for the invalid ones, says what is wrong (and is only imported then)."""

    def __init__(self, schema: dict[str, Any], fast: Check | None, validator: Validator | None = None) -> None:
        self.schema = schema
        self.compiled = fast is not None
        self._fast = fast
        self._jsonschema = validator

    @property
    def jsonschema(self) -> Validator:
        if self._jsonschema is None:
            self._jsonschema = _jsonschema_validator(self.schema)
        return self._jsonschema

    def is_valid(self, data: Any) -> bool:
        if self._fast is not None:
            return self._fast(data)
        return bool(self.jsonschema.is_valid(data))

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        if self._fast is not None and self._fast(data):
            return iter(())
        return iter(self.jsonschema.iter_errors(data))


def _jsonschema_validator(schema: dict[str, Any]) -> Validator:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator: Validator = cls(schema, registry=_registry(), format_checker=cls.FORMAT_CHECKER)
    return validator


def build_validator(schema: dict[str, Any] | None = None, origin: str = "bundled schema") -> SchemaValidator:
    """One validator for the whole run, with date formats checked and no network access.

    The bundled schema is trusted (the tests validate it): it is compiled and jsonschema waits
    until a page is invalid. A site's schema is checked now, every ``$ref`` resolved, so a broken
    one is a config error, not a crash mid-build."""
    if schema is None:
        bundled = bundled_schema()
        fast = compile_schema(bundled, {BUNDLED_ID: bundled}, None)
        if fast is not None:
            return SchemaValidator(bundled, fast)
        schema = bundled
    from referencing.exceptions import Unresolvable

    validator = _jsonschema_validator(schema)
    try:
        for _ in validator.iter_errors({}):
            pass
        for status in statuses():
            for _ in validator.iter_errors({"status": status}):
                pass
    except Unresolvable as e:
        raise SchemaConfigError(
            f"{origin}: cannot resolve $ref {getattr(e, 'ref', str(e))!r} "
            f"(only '#...' and the bundled schema {BUNDLED_ID} can be referenced; no network access)"
        ) from None
    checker = getattr(validator, "format_checker", None)
    fast = compile_schema(schema, {BUNDLED_ID: bundled_schema()}, checker.conforms if checker else None)
    return SchemaValidator(schema, fast, validator)


@functools.cache
def statuses() -> tuple[str, ...]:
    """The lifecycle statuses, in order, as the bundled schema defines them."""
    return tuple(bundled_schema()["$defs"]["status"]["enum"])
