"""A JSON Schema compiled into Python closures: a fast yes/no for the common case of a valid page.

jsonschema walks the schema for every instance; at 10,000 proposals that costs more than parsing
them. This compiles the keywords PR/FAQ schemas use into one nested closure, once per run. It
answers only "valid or not": for an invalid page, jsonschema itself reports the errors, worded.
A schema using any keyword not listed in ``_SUPPORTED`` is not compiled (``compile_schema``
returns None) and jsonschema does all the work, so the answer never differs, only its speed.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Callable, Sized
from typing import Any
from urllib.parse import urldefrag, urljoin

Check = Callable[[Any], bool]
Conforms = Callable[[Any, str], bool]
"""``conforms(instance, format)``, like jsonschema's ``FormatChecker.conforms``."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(instance: Any) -> bool:
    """``format: date`` exactly as jsonschema checks it (RFC 3339 full-date)."""
    if not isinstance(instance, str):
        return True
    try:
        return bool(_DATE.fullmatch(instance) and datetime.date.fromisoformat(instance))
    except ValueError:
        return False

_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples",
                "deprecated", "readOnly", "writeOnly", "$defs", "definitions"}
_SUPPORTED = _ANNOTATIONS | {
    "type", "enum", "const", "required", "properties", "additionalProperties", "patternProperties",
    "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "allOf", "anyOf",
    "oneOf", "not", "if", "then", "else", "contains", "minContains", "maxContains", "$ref", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "uniqueItems", "minProperties", "maxProperties",
    "dependentRequired", "propertyNames", "multipleOf",
}


class Unsupported(Exception):
    pass


def _is_integer(x: Any) -> bool:
    return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "string": lambda x: isinstance(x, str),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "integer": _is_integer,
    "number": _is_number,
}


def equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, containers compared deeply."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return bool(a == b)


def _bounded(test: Callable[[Any, Any], bool], bound: Any, x: Any) -> bool:
    return not _is_number(x) or test(x, bound)


def _sized(kind: type[Sized], test: Callable[[Any, Any], bool], bound: int, x: Any) -> bool:
    return not isinstance(x, kind) or test(len(x), bound)


def _size_bounds(s: dict[str, Any], kind: type[Sized], low: str, high: str) -> list[Check]:
    """minItems/maxItems, minLength/maxLength, minProperties/maxProperties: sizes of one kind."""
    checks: list[Check] = []
    if low in s:
        checks.append(functools.partial(_sized, kind, operator.ge, s[low]))
    if high in s:
        checks.append(functools.partial(_sized, kind, operator.le, s[high]))
    return checks


def _all(checks: list[Check]) -> Check:
    # Loops rather than all(generator): a valid page runs every check, and a generator per call
    # costs more than most of the checks themselves.
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)

    def check_all(x: Any) -> bool:
        for c in checks:
            if not c(x):
                return False
        return True
    return check_all


def _each(item: Check) -> Check:
    def check_items(x: Any) -> bool:
        if isinstance(x, list):
            for i in x:
                if not item(i):
                    return False
        return True
    return check_items


_PLAIN_STRING = _ANNOTATIONS | {"type", "minLength", "maxLength"}


def _string_of_length(low: Any, high: Any) -> Check:
    """``type: string`` with ``minLength``/``maxLength`` (the bundled schema's text and Markdown) in
    one call, where the type and each bound would be one each."""
    if low is None and high is None:
        return _TYPES["string"]
    if high is None:
        return lambda x: isinstance(x, str) and len(x) >= low
    if low is None:
        return lambda x: isinstance(x, str) and len(x) <= high
    return lambda x: isinstance(x, str) and low <= len(x) <= high


class Compiler:
    def __init__(self, resources: dict[str, Any], conforms: Conforms | None) -> None:
        self.resources = resources  # base URI -> schema document
        self.conforms = conforms
        self.refs: dict[tuple[str, str], Check] = {}

    def resolve(self, base: str, ref: str) -> tuple[str, str, Any]:
        uri, fragment = urldefrag(urljoin(base, ref))
        if uri not in self.resources:
            raise Unsupported(f"$ref {ref}")
        node = self.resources[uri]
        if fragment and not fragment.startswith("/"):
            raise Unsupported(f"anchor {ref}")
        for part in fragment.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                raise Unsupported(f"dangling $ref {ref}")
        return uri, fragment, node

    def ref(self, base: str, ref: str) -> Check:
        uri, fragment, node = self.resolve(base, ref)
        key = (uri, fragment)
        if key not in self.refs:
            cell: list[Check] = []
            self.refs[key] = lambda x: cell[0](x)  # recursive schemas: filled in below
            cell.append(self.compile(node, uri))
            self.refs[key] = cell[0]  # compiled: later references call it without the indirection
        return self.refs[key]

    def compile(self, schema: Any, base: str) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported("schema is not an object")
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        if schema.get("type") == "string" and schema.keys() <= _PLAIN_STRING:
            return _string_of_length(schema.get("minLength"), schema.get("maxLength"))
        if isinstance(schema.get("$id"), str) and schema["$id"] != base:
            base = urljoin(base, schema["$id"])
        s = schema
        checks: list[Check] = []
        if "$ref" in s:
            checks.append(self.ref(base, s["$ref"]))
        if "type" in s:
            names = s["type"] if isinstance(s["type"], list) else [s["type"]]
            tests = [_TYPES[n] for n in names]
            checks.append(tests[0] if len(tests) == 1 else lambda x: any(t(x) for t in tests))
        if "enum" in s:
            options = list(s["enum"])
            if all(isinstance(o, str) for o in options):
                strings = frozenset(options)
                checks.append(lambda x: isinstance(x, str) and x in strings)
            else:
                checks.append(lambda x: any(equal(x, o) for o in options))
        if "const" in s:
            const = s["const"]
            checks.append(lambda x: equal(x, const))
        checks.extend(self._object(s, base))
        checks.extend(self._array(s, base))
        checks.extend(self._string(s))
        checks.extend(self._number(s))
        if "allOf" in s:
            checks.extend(self.compile(sub, base) for sub in s["allOf"])
        if "anyOf" in s:
            anyof = [self.compile(sub, base) for sub in s["anyOf"]]
            checks.append(lambda x: any(c(x) for c in anyof))
        if "oneOf" in s:
            oneof = [self.compile(sub, base) for sub in s["oneOf"]]
            checks.append(lambda x: sum(1 for c in oneof if c(x)) == 1)
        if "not" in s:
            negated = self.compile(s["not"], base)
            checks.append(lambda x: not negated(x))
        if "if" in s:
            cond = self.compile(s["if"], base)
            then = self.compile(s.get("then", True), base)
            other = self.compile(s.get("else", True), base)
            checks.append(lambda x: then(x) if cond(x) else other(x))
        return _all(checks)

    def _object(self, s: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        if "required" in s:
            required = frozenset(s["required"])
            checks.append(lambda x: not isinstance(x, dict) or required <= x.keys())
        props = {k: self.compile(v, base) for k, v in s.get("properties", {}).items()}
        patterns = [(re.compile(p), self.compile(v, base)) for p, v in s.get("patternProperties", {}).items()]
        extra = self.compile(s["additionalProperties"], base) if "additionalProperties" in s else None

        if props and not patterns and extra is None:
            def check_named(x: Any) -> bool:  # only named properties: no pattern to try on each key
                if not isinstance(x, dict):
                    return True
                for key, value in x.items():
                    sub = props.get(key)
                    if sub is not None and not sub(value):
                        return False
                return True
            checks.append(check_named)
        elif props or patterns or extra is not None:
            def check_props(x: Any) -> bool:
                if not isinstance(x, dict):
                    return True
                for key, value in x.items():
                    sub = props.get(key)
                    if sub is not None and not sub(value):
                        return False
                    matched = False
                    for pattern, check in patterns:
                        if pattern.search(key):
                            matched = True
                            if not check(value):
                                return False
                    if extra is not None and sub is None and not matched and not extra(value):
                        return False
                return True
            checks.append(check_props)
        checks.extend(_size_bounds(s, dict, "minProperties", "maxProperties"))
        if "propertyNames" in s:
            names = self.compile(s["propertyNames"], base)
            checks.append(lambda x: not isinstance(x, dict) or all(names(k) for k in x))
        if "dependentRequired" in s:
            deps = dict(s["dependentRequired"])
            checks.append(lambda x: not isinstance(x, dict) or all(
                all(d in x for d in needed) for key, needed in deps.items() if key in x))
        return checks

    def _array(self, s: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        if "items" in s:
            checks.append(_each(self.compile(s["items"], base)))
        checks.extend(_size_bounds(s, list, "minItems", "maxItems"))
        if s.get("uniqueItems"):
            checks.append(lambda x: not isinstance(x, list) or not any(
                equal(a, b) for i, a in enumerate(x) for b in x[i + 1:]))
        if "contains" in s:
            contains = self.compile(s["contains"], base)
            least = s.get("minContains", 1)
            most = s.get("maxContains")

            def check_contains(x: Any) -> bool:
                if not isinstance(x, list):
                    return True
                found = sum(1 for i in x if contains(i))
                return found >= least and (most is None or found <= most)
            checks.append(check_contains)
        return checks

    def _string(self, s: dict[str, Any]) -> list[Check]:
        checks: list[Check] = _size_bounds(s, str, "minLength", "maxLength")
        if "pattern" in s:
            pattern = re.compile(s["pattern"])
            checks.append(lambda x: not isinstance(x, str) or pattern.search(x) is not None)
        if "format" in s and s["format"] == "date":
            checks.append(is_date)
        elif "format" in s and self.conforms is not None:
            fmt, conforms = s["format"], self.conforms
            checks.append(lambda x: conforms(x, fmt))
        return checks

    def _number(self, s: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        bounds: dict[str, Callable[[Any, Any], bool]] = {
            "minimum": operator.ge, "maximum": operator.le,
            "exclusiveMinimum": operator.gt, "exclusiveMaximum": operator.lt,
        }
        for keyword, test in bounds.items():
            if keyword in s:
                checks.append(functools.partial(_bounded, test, s[keyword]))
        if "multipleOf" in s:
            raise Unsupported("multipleOf")  # float semantics: leave it to jsonschema
        return checks


def compile_schema(schema: Any, resources: dict[str, Any], conforms: Conforms | None) -> Check | None:
    """A fast validity check for ``schema``, or None when it uses what this does not compile.
    ``format: date`` is checked here; other formats by ``conforms`` (unchecked when None)."""
    base = schema.get("$id", "") if isinstance(schema, dict) else ""
    all_resources = dict(resources)
    all_resources.setdefault(base, schema)
    try:
        return Compiler(all_resources, conforms).compile(schema, base)
    except (Unsupported, KeyError, TypeError, re.error, RecursionError):
        return None
