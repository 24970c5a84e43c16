"""Turn JSON Schema errors into problems a person can act on.

Each jsonschema error becomes one ``(line, field, message)`` with the field as a dotted path, the
line of the offending key, and a message that says what was expected; errors that come from a
status rule (an ``if``/``then``) say which status asks for it.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .frontmatter import FrontMatterError, ParsedPage, Path
from .problems import field_path
from .schema import BUNDLED_ID, SchemaValidator, bundled_schema
from .vocabulary import MONTHS

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


def _read_as(value: Any) -> str:
    if value is None:
        return "no value"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number"


_MONTHS = MONTHS
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def impossible_date(text: str) -> str | None:
    """Why a ``YYYY-MM-DD`` is no date, in words (``February has 28 days in 2027``); None when it
    is a date or not written that way."""
    m = _YMD.fullmatch(text)
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= days:
        return f"{_MONTHS[month - 1]} has {days} days" + (f" in {year}" if month == 2 else "")
    return None


def _one_of(options: list[Any]) -> str:
    return ", ".join(str(o) for o in options)


SUGGEST_PER_PAGE = 20
"""'Did you mean' is worked out for at most this many distinct words per page (an unknown key
repeated by YAML aliases is one word); the rest get none."""
SUGGEST_MAX_LENGTH = 100
"""A longer word gets no suggestion: keys, statuses and ids are short."""


def closest_hint(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'approved'?`` for the option :func:`closest` to ``word``, else ``''``: the
    end of a message that names an unknown word."""
    near = closest(word, options)
    return f"; did you mean {near!r}?" if near else ""


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
        self.meant: dict[tuple[str, tuple[str, ...]], str] = {}
        """The option each word was taken for, where one was close."""
        self.claimed: set[Path] = set()
        """Missing keys that an unknown key beside them misspells (``faq.external.0.question`` for
        ``questoin``): the unknown key's problem says it, so they are not problems of their own."""

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
            if close:
                self.meant[(word, names)] = close
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
    found: list[tuple[Path, str]] = []
    for error in validator.iter_errors(data):
        for path, message in _translate(error, status, suggest, parsed.raw):
            if (path, message) in seen:
                continue
            seen.add((path, message))
            found.append((path, message))
    for path, message in found:
        if path in suggest.claimed and message.startswith("missing ("):
            continue
        yield FrontMatterError(parsed.line_of(path), field_path(path), message)


def _translate(
    error: ValidationError, status: str | None, suggest: _Suggest, raw: dict[Path, str]
) -> Iterator[tuple[Path, str]]:
    path: Path = tuple(str(p) for p in error.absolute_path)
    kind: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    because = f"status {status!r} requires it" if status and _from_status_rule(error) else ""

    if kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        yield from _translate(best, status, suggest, raw)
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
            hint = suggest(key, allowed)
            meant = suggest.meant.get((key, tuple(allowed)))
            if meant is not None and meant not in instance:  # `questoin` for a missing `question`
                suggest.claimed.add((*path, meant))
            yield (*path, key), f"unknown key ({expected}){hint}"
    elif kind == "type":
        types = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        written = raw.get(path)
        if written is not None and "string" in types and not isinstance(instance, str):
            if written == "" and instance is None:
                yield path, f"is empty (expected {wanted})"
            else:  # `answer: No` is false to YAML, `2027` a number, `null` nothing
                yield path, (f"YAML reads {short(written, 40)[1:-1]} as {_read_as(instance)} "
                             f"(expected {wanted}: write {json.dumps(written, ensure_ascii=False)} in quotes)")
        elif "object" in types and not isinstance(instance, dict) and _fields(schema):
            # `decision: Approved at the review`: say which fields the mapping holds, and how
            fields = _fields(schema)
            key = path[-1] if path and not path[-1].isdigit() else "it"
            yield path, (f"expected {wanted} with the fields {_one_of(fields)}, got {describe(instance)} "
                         f"(each field on its own indented line under {key}:)")
        else:
            yield path, f"expected {wanted}, got {describe(instance)}"
    elif kind == "enum":
        what = "status" if path == ("status",) else "value"
        yield path, f"unknown {what} {short(instance)} (expected one of: {_one_of(value)}){suggest(instance, value)}"
    elif kind == "const":
        yield path, f"{short(instance)} is not allowed here (expected {value!r})"
    elif kind == "format":
        if value == "date":
            why = impossible_date(instance) if isinstance(instance, str) else None
            yield path, f"{short(instance)} is not a valid date{', ' + why if why else ''} (expected YYYY-MM-DD)"
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
        expected = _in_parentheses(desc) if isinstance(desc, str) else f"text matching {value}"
        yield path, f"{short(instance)} is not valid (expected {expected})"
    elif kind in ("contains", "minContains"):
        if kind == "minContains":  # at least n items matching 'contains' (the site's requirements: two leader quotes)
            value = schema.get("contains")
        desc = value.get("description") if isinstance(value, dict) else None
        what = desc or "an item matching the schema"
        yield path, f"needs {what} ({because or 'none found'})"
    else:
        suffix = f" ({because})" if because else ""
        yield path, error.message + suffix


def _in_parentheses(description: str) -> str:
    """A schema's description inside a message's ``(expected ...)``: without its full stop, and an
    opening article in lower case (``An id: ...`` reads ``(expected an id: ...)``)."""
    text = description.strip().rstrip(".")
    head, _, rest = text.partition(" ")
    return f"{head.lower()} {rest}" if rest and head in ("A", "An", "The") else text


def _fields(schema: dict[str, Any]) -> list[str]:
    """The fields a mapping of this schema needs (its ``required``), else those it may hold."""
    required = schema.get("required")
    if isinstance(required, list) and required:
        return [str(r) for r in required]
    properties = schema.get("properties")
    return [str(p) for p in properties] if isinstance(properties, dict) else []


# -- top-level keys --------------------------------------------------------------------------

THEME_KEYS = frozenset({"template", "hide", "search", "description", "icon", "comments", "social"})
"""Page metadata MkDocs and Material for MkDocs read themselves: known, beside the schema's fields."""
UNKNOWN_KEYS = ("allow", "warn", "error")
KEYS_REPORTED = 20
"""Unknown keys reported one by one per page; the rest are one line."""


@dataclass(frozen=True)
class _Keys:
    names: frozenset[str]
    """Top-level fields the schema names (``properties``, ``required``), wherever they are
    (``allOf``, status rules, the bundled schema through ``$ref``)."""
    patterns: tuple[str, ...]
    closed: bool
    """The schema rejects other keys itself (``additionalProperties: false``)."""


_KEYS: weakref.WeakKeyDictionary[SchemaValidator, _Keys] = weakref.WeakKeyDictionary()


def _pointer(document: Any, fragment: str) -> Any:
    node = document
    for part in fragment.lstrip("/").split("/") if fragment.strip("/") else []:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node.get(part) if isinstance(node, dict) else None
    return node


def schema_keys(validator: SchemaValidator) -> _Keys:
    """The top-level keys the validator's schema knows, worked out once per validator."""
    found = _KEYS.get(validator)
    if found is not None:
        return found
    names: set[str] = set()
    patterns: list[str] = []
    root = validator.schema
    closed = root.get("additionalProperties") is False or root.get("unevaluatedProperties") is False
    bundled: dict[str, Any] | None = None
    seen: set[tuple[int, str]] = set()
    stack: list[tuple[Any, Any]] = [(validator.schema, validator.schema)]  # (node, its document)
    while stack and len(seen) < 1000:
        node, document = stack.pop()
        if not isinstance(node, dict):
            continue
        names.update(str(k) for k in node.get("properties", {}) if isinstance(node.get("properties"), dict))
        names.update(str(k) for k in node.get("required", []) if isinstance(node.get("required"), list))
        if isinstance(node.get("patternProperties"), dict):
            patterns.extend(str(p) for p in node["patternProperties"])
        for keyword in ("allOf", "anyOf", "oneOf"):
            if isinstance(node.get(keyword), list):
                stack.extend((sub, document) for sub in node[keyword])
        for keyword in ("then", "else"):
            stack.append((node.get(keyword), document))
        ref = node.get("$ref")
        if isinstance(ref, str):
            target, _, fragment = ref.partition("#")
            if target == BUNDLED_ID:
                bundled = bundled if bundled is not None else bundled_schema()
                document = bundled
            elif target:
                continue  # the schema checks refuse any other; nothing to learn from it
            if (id(document), fragment) not in seen:
                seen.add((id(document), fragment))
                stack.append((_pointer(document, fragment), document))
    found = _KEYS[validator] = _Keys(frozenset(names), tuple(patterns), closed)
    return found


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``; anything over
    ``limit`` is ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def near_miss(key: str, known: Iterable[str]) -> str | None:
    """The known key ``key`` is a slip of: the same but for case, '-' for '_', or one edit
    (two for keys of 10 letters or more): ``tag`` for ``tags``, ``udpated`` for ``updated``."""
    if len(key) > SUGGEST_MAX_LENGTH:
        return None
    word = key.strip().casefold().replace("-", "_").replace(" ", "_")
    best: tuple[int, str] | None = None
    for name in sorted(known):
        if word == name:
            return name
        if min(len(word), len(name)) < 3:
            continue
        limit = 2 if len(name) >= 10 else 1
        d = _distance(word, name, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, name)
    return best[1] if best else None


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


THEME_SHAPES: dict[str, tuple[str, str]] = {
    "hide": ("list", "a list of names, such as [navigation, toc]"),
    "search": ("mapping", "a mapping, such as {exclude: true} or {boost: 2}"),
}
"""Theme keys (:data:`THEME_KEYS`) whose value the theme reads without looking at it: Material
stops the build with a traceback at ``hide: 5`` (``'toc' in 5``) and ``search: 5``
(``5.get('boost')``)."""


def theme_value_fits(key: str, value: Any) -> bool:
    """Whether ``value`` is of the shape the themes read ``key`` in (any value for other keys). An
    empty value (``hide:`` left blank, ``search: false``) fits: Material reads neither then
    (``{% if page.meta.hide %}``, ``page.meta.get("search") or {}``)."""
    shape = THEME_SHAPES.get(key)
    if shape is None or not value:
        return True
    if shape[0] == "list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, dict)


def theme_key_errors(parsed: ParsedPage, schema_names: Iterable[str] = ()) -> list[FrontMatterError]:
    """A problem for each theme key of :data:`THEME_SHAPES` whose value the theme cannot read (a
    key the site's schema names is the schema's to check)."""
    data, named = parsed.data or {}, set(schema_names)
    found = []
    for key, (_, expected) in THEME_SHAPES.items():
        if key not in data or key in named or theme_value_fits(key, data[key]):
            continue
        value = data[key]
        odd = next((item for item in value if not isinstance(item, str)), None) if isinstance(value, list) else None
        got = f"a list holding {describe(odd)}" if isinstance(value, list) else describe(value)
        found.append(FrontMatterError(parsed.line_of((key,)), field_path((key,)),
                                      f"expected {expected}, got {got} (the theme reads it so: another value "
                                      "stops the build)"))
    return found


def date_order_errors(parsed: ParsedPage) -> list[FrontMatterError]:
    """``updated`` and ``decision.date`` before ``created``: one problem each, at the later field."""
    data = parsed.data or {}
    created = _date(data.get("created"))
    if created is None:
        return []
    decision = data.get("decision")
    errors = []
    for path, value in ((("updated",), data.get("updated")),
                        (("decision", "date"), decision.get("date") if isinstance(decision, dict) else None)):
        when = _date(value)
        if when is not None and when < created:
            errors.append(FrontMatterError(
                parsed.line_of(path), field_path(path),
                f"{value!r} is before created, {data['created']!r} at line {parsed.line_of(('created',))} "
                f"(expected a date on or after created)"))
    return errors


def page_errors(
    validator: SchemaValidator, parsed: ParsedPage, unknown_keys: str = "warn"
) -> tuple[list[FrontMatterError], list[FrontMatterError]]:
    """``(errors, warnings)`` of one page's front matter: the schema's problems, dates out of
    order, and top-level keys the schema and the themes do not know. A key one slip from a known
    one (``tag``, ``subtitel``) is an error; with a required field missing that it looks like, the
    missing field is reported at that key's line. Other unknown keys follow ``unknown_keys``
    (``allow``, ``warn``, ``error``)."""
    data = parsed.data
    if data is None:
        return [], []
    keys = schema_keys(validator)
    near: dict[str, str] = {}  # unknown key -> the known key it looks like
    others: list[str] = []
    if keys.names and not keys.closed:
        known = keys.names | THEME_KEYS
        for key in data:
            if key in known or any(re.search(p, key) for p in keys.patterns):
                continue
            hit = near_miss(key, known)
            if hit is not None:
                near[key] = hit
            else:
                others.append(key)
    claims: dict[str, str] = {}  # a missing known key -> the unknown key that looks like it
    for key, hit in near.items():
        if hit not in data:
            claims.setdefault(hit, key)
    errors: list[FrontMatterError] = []
    explained: set[str] = set()
    for error in schema_errors(validator, parsed):
        slip = claims.get(error.field)
        if slip is not None and error.message.startswith("missing ("):
            line = parsed.line_of((slip,))
            error = FrontMatterError(line, error.field, f"{error.message}; {slip!r} at line {line} looks like it")
            explained.add(slip)
        errors.append(error)
    for key, hit in near.items():
        if key not in explained:
            errors.append(FrontMatterError(parsed.line_of((key,)), field_path((key,)),
                                           f"unknown key; did you mean {hit!r}?"))
    errors.extend(date_order_errors(parsed))
    errors.extend(theme_key_errors(parsed, keys.names))
    warnings: list[FrontMatterError] = []
    if unknown_keys != "allow" and others:
        sink = errors if unknown_keys == "error" else warnings
        suggest = _Suggest()
        options = sorted(keys.names | THEME_KEYS)
        for key in others[:KEYS_REPORTED]:
            sink.append(FrontMatterError(
                parsed.line_of((key,)), field_path((key,)),
                f"unknown key (expected a PR/FAQ field; unknown_keys: allow accepts keys of your own)"
                f"{suggest(key, options)}"))
        if len(others) > KEYS_REPORTED:
            rest = others[KEYS_REPORTED:]
            sink.append(FrontMatterError(
                parsed.line_of((rest[0],)), field_path((rest[0],)),
                f"and {len(rest):,} more unknown keys (expected PR/FAQ fields; unknown_keys: allow accepts "
                "keys of your own)"))
    return errors, warnings
