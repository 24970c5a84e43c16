"""Turn JSON Schema errors into problems a person can act on.

Each jsonschema error becomes one ``(line, field, message)`` with the field as a dotted path, the
line of the offending key, and a message that says what was expected; errors that come from a
status rule (an ``if``/``then``) say which status asks for it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .frontmatter import FrontMatterError, ParsedPage, Path
from .problems import field_path
from .schema import SchemaValidator

if TYPE_CHECKING:
    from jsonschema import ValidationError

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}
_NOUNS = {"external": "question", "internal": "question", "by": "name"}


def describe(value: Any) -> str:
    """What a YAML value is, in words: 'a list', 'text', 'a number'."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _one_of(options: list[Any]) -> str:
    return ", ".join(str(o) for o in options)


SUGGEST_PER_PAGE = 20
"""'Did you mean' is worked out for at most this many distinct words per page (an unknown key
repeated by YAML aliases is one word); the rest get none."""
SUGGEST_MAX_LENGTH = 100
"""A longer word gets no suggestion: keys, statuses and ids are short."""


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(word, options, n=1, cutoff=cutoff)``, the same answer (the best
    ratio, the greatest option among equals), faster: the best ratio so far becomes the cutoff, so
    most options stop at difflib's cheap upper bounds."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best, found = cutoff, None
    for option in options:
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
            ratio = matcher.ratio()
            if ratio > best or (ratio == best and (found is None or option > found)):
                best, found = ratio, option
    return found


class _Suggest:
    """'Did you mean' for one page, bounded: each distinct (word, options) is worked out once,
    at most :data:`SUGGEST_PER_PAGE` of them."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, tuple[str, ...]], str] = {}
        self.left = SUGGEST_PER_PAGE

    def __call__(self, word: Any, options: list[Any]) -> str:
        if not isinstance(word, str) or len(word) > SUGGEST_MAX_LENGTH:
            return ""
        names = tuple(str(o) for o in options)
        found = self.found.get((word, names))
        if found is None:
            if self.left <= 0:
                return ""
            self.left -= 1
            close = closest(word, names)
            found = self.found[(word, names)] = f"; did you mean {close!r}?" if close else ""
        return found


def _from_status_rule(error: ValidationError) -> bool:
    return "then" in error.absolute_schema_path


def schema_errors(validator: SchemaValidator, parsed: ParsedPage) -> Iterator[FrontMatterError]:
    """Every schema problem in one page's front matter, with lines."""
    data = parsed.data
    if data is None:
        return
    status = data.get("status") if isinstance(data.get("status"), str) else None
    seen: set[tuple[Path, str]] = set()
    suggest = _Suggest()
    for error in validator.iter_errors(data):
        for path, message in _translate(error, status, suggest):
            if (path, message) in seen:
                continue
            seen.add((path, message))
            yield FrontMatterError(parsed.line_of(path), field_path(path), message)


def _translate(error: ValidationError, status: str | None, suggest: _Suggest) -> Iterator[tuple[Path, str]]:
    path: Path = tuple(str(p) for p in error.absolute_path)
    kind: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    because = f"status {status!r} requires it" if status and _from_status_rule(error) else ""

    if kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        yield from _translate(best, status, suggest)
    elif kind == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                yield (*path, name), f"missing ({because or 'a required field'})"
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        patterns = schema.get("patternProperties", {})
        for key in instance:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            expected = f"expected one of: {_one_of(allowed)}" if allowed else "no other keys allowed"
            yield (*path, key), f"unknown key ({expected}){suggest(key, allowed)}"
    elif kind == "type":
        types = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        yield path, f"expected {wanted}, got {describe(instance)}"
    elif kind == "enum":
        what = "status" if path == ("status",) else "value"
        yield path, f"unknown {what} {short(instance)} (expected one of: {_one_of(value)}){suggest(instance, value)}"
    elif kind == "const":
        yield path, f"{short(instance)} is not allowed here (expected {value!r})"
    elif kind == "format":
        if value == "date":
            yield path, f"{short(instance)} is not a valid date (expected YYYY-MM-DD)"
        else:
            yield path, f"{short(instance)} is not a valid {value}"
    elif kind in ("minItems", "maxItems"):
        noun = _NOUNS.get(path[-1] if path else "", "item")
        if noun == "item" and path and path[-1].endswith("s"):
            noun = path[-1][:-1]
        count = f"{len(instance)} {noun}{'' if len(instance) == 1 else 's'}"
        bound = "at least" if kind == "minItems" else "at most"
        if because:
            yield path, f"{count}, status {status!r} needs {bound} {value}"
        else:
            yield path, f"{count} (expected {bound} {value})"
    elif kind == "minLength" and value == 1:
        yield path, "is empty (expected text)"
    elif kind in ("minLength", "maxLength"):
        bound = "at least" if kind == "minLength" else "at most"
        yield path, f"{len(instance)} characters (expected {bound} {value})"
    elif kind == "pattern":
        desc = schema.get("description")
        expected = desc.rstrip(".") if isinstance(desc, str) else f"text matching {value}"
        yield path, f"{short(instance)} is not valid (expected {expected})"
    elif kind == "contains":
        desc = value.get("description") if isinstance(value, dict) else None
        what = desc or "an item matching the schema"
        yield path, f"needs {what} ({because or 'none found'})"
    else:
        suffix = f" ({because})" if because else ""
        yield path, error.message + suffix
