"""Split a Markdown page into YAML front matter and body, and parse the front matter.

Parsing uses libyaml (``yaml.compose`` with ``CSafeLoader`` where available) so every value keeps
the line it was written on, and catches what MkDocs and PyYAML let through silently: malformed
YAML, duplicate keys, front matter that is not a mapping, and aliases that expand a small file
into a huge document. Dates become ISO strings so JSON Schema's ``format: date`` can check them.
"""

from __future__ import annotations

import datetime
import json
import operator
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import FRONT_MATTER, field_path

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Front matter as MkDocs finds it (mkdocs.utils.meta.YAML_RE:
# ^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n), matched in two steps: the opening line, then the
# first closing line after at least one line of YAML. Same result, without the lazy scan that
# tries the closing pattern at every character of the front matter.
OPEN_RE = re.compile(r"^-{3}[ \t]*\n")
CLOSE_RE = re.compile(r"\n(?:\.{3}|-{3})[ \t]*\n")  # the newline before the closing line, and it
EMPTY_RE = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*\n")

MAX_VALUES = 20_000
"""How many values (scalars, lists, mappings) one front matter may expand to, aliases counted."""
MAX_CHARS = 1_000_000
"""How many characters the scalars (keys and values) of one front matter may add up to, each alias
counted again for everything it repeats: a 10,000-character anchor repeated 19,000 times is 190
million. Front matter written out longer than this may expand to its own length."""

MAX_DEPTH = 32
"""How deep lists and mappings may nest in front matter (a PR/FAQ needs 4: ``faq.external.0.answer``),
aliases counted for what they hold: a deeper value is one problem, found before anything validates it."""

MAX_NUMBER_CHARS = 100
"""How long a number YAML reads (``!!int``) may be written. Python refuses to print a whole number
of more than 4,300 digits (an error in whatever words a problem about it, far from the page), a
hexadecimal one is 1.2 digits a character, and PyYAML builds a sexagesimal one (``1:59:59:...``) in
time that grows with the square of its length: a longer one is kept as the text it is, with a
problem at its line."""

Path = tuple[str, ...]

_TAG = "tag:yaml.org,2002:"
_INT = f"{_TAG}int"
_STR = f"{_TAG}str"
_MERGE = f"{_TAG}merge"
_TIMESTAMP = f"{_TAG}timestamp"
_SEQ = f"{_TAG}seq"
_MAP = f"{_TAG}map"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("null", "bool", "int", "float", "str", "timestamp")}
_MAPPING_TAGS = {f"{_TAG}map", f"{_TAG}set"}
_SEQUENCE_TAGS = {f"{_TAG}seq"}


@dataclass
class FrontMatterError:
    line: int
    field: str
    message: str


@dataclass
class ParsedPage:
    """A page split into front matter (as data, with line numbers) and Markdown body."""

    data: dict[str, Any] | None
    lines: dict[Path, int]
    body: str
    errors: list[FrontMatterError] = field(default_factory=list)
    raw: dict[Path, str] = field(default_factory=dict)
    """The text as written of each plain scalar YAML read as something other than text (``No``
    read as false, ``2027`` as a number, ``null`` as nothing), so a problem can quote it."""

    def line_of(self, path: Path) -> int:
        return line_of(self.lines, path)


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of the deepest key in ``path`` that exists (line 1 for a missing top key)."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


_RESOLVED: dict[str, str] = {}


class _Loader(_BaseLoader):
    """libyaml asks the Python resolver for every plain scalar's tag (is it a date, a number,
    a bool?). Most scalars are prose or keys: answer those without trying each pattern.

    It also tells the resolver each time it goes into a node and out of it, for path resolvers
    (``yaml.add_path_resolver``), which this loader never has: two Python calls per value,
    a tenth of the parse, answered here by C functions that do nothing with their arguments."""

    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (parent, index) -> unread bool
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # () -> the empty tuple

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> Any:
        by_first = self.yaml_implicit_resolvers  # implicit types by their first character
        if kind is ScalarNode and None not in by_first:
            if not implicit[0] or (value and value[0] not in by_first):
                return _STR  # quoted, or no implicit type starts with this character
            if len(value) <= 24:  # keys and short values repeat from page to page
                tag = _RESOLVED.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                    if len(_RESOLVED) < 4096:
                        _RESOLVED[value] = tag
                return tag
        elif kind is not ScalarNode and not self.yaml_path_resolvers:  # PyYAML's default tag for its kind
            return _SEQ if kind is SequenceNode else _MAP
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Budget(Exception):
    """The front matter expands past a bound; ``path`` is where the bound was crossed."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class _Deep(Exception):
    """A value nests deeper than :data:`MAX_DEPTH`; ``path`` is the first one past it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class _Builder:
    """Turns a composed YAML node graph into plain data, recording each value's line."""

    def __init__(self, first_line: int, max_chars: int = MAX_CHARS) -> None:
        self.offset = first_line
        self.lines: dict[Path, int] = {}
        self.errors: list[FrontMatterError] = []
        self.count = 0
        self.chars = 0
        """Characters of every scalar built so far, keys included: what aliases expand to."""
        self.max_chars = max_chars
        self.raw: dict[Path, str] = {}
        self.active: set[int] = set()
        self.constructor = SafeConstructor()

    def line(self, node: Node) -> int:
        return int(node.start_mark.line) + self.offset

    def error(self, node: Node, path: Path, message: str) -> None:
        self.errors.append(FrontMatterError(self.line(node), field_path(path), message))

    def build(self, node: Node, path: Path) -> Any:
        """The value of ``node``; its line is recorded by the caller (the key's or item's line)."""
        self.count += 1
        if isinstance(node, ScalarNode):
            self.chars += len(node.value)
        if self.count > MAX_VALUES or self.chars > self.max_chars:
            raise _Budget(path)
        if isinstance(node, ScalarNode):
            return node.value if node.tag == _STR else self.scalar(node, path)
        if len(path) >= MAX_DEPTH:  # its items would be deeper
            raise _Deep(path)
        if id(node) in self.active:
            self.error(node, path, "recursive YAML alias (expected a plain document)")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if node.tag not in _SEQUENCE_TAGS:
                    self.error(node, path, f"unsupported YAML tag {node.tag!r} (expected a plain list)")
                return self.sequence(node, path)
            if not isinstance(node, MappingNode):  # pragma: no cover - yaml has three node kinds
                raise AssertionError(f"unexpected YAML node {node!r}")
            if node.tag not in _MAPPING_TAGS:
                self.error(node, path, f"unsupported YAML tag {node.tag!r} (expected a plain mapping)")
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def sequence(self, node: SequenceNode, path: Path) -> list[Any]:
        items = []
        lines, offset = self.lines, self.offset
        for i, item in enumerate(node.value):
            item_path = (*path, str(i))
            lines.setdefault(item_path, item.start_mark.line + offset)
            if type(item) is ScalarNode and item.tag == _STR:  # the common case, inlined
                self.count += 1
                self.chars += len(item.value)
                if self.count > MAX_VALUES or self.chars > self.max_chars:
                    raise _Budget(item_path)
                items.append(item.value)
            else:
                items.append(self.build(item, item_path))
        return items

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        """A scalar that is not plain text (strings take a shortcut in :meth:`build`)."""
        if node.tag not in _SCALAR_TAGS:
            self.error(node, path, f"unsupported YAML tag {node.tag!r} (expected plain YAML values)")
            return node.value
        if node.tag == _TIMESTAMP and len(node.value) == 10 and node.value[4] == node.value[7] == "-":
            return node.value  # YYYY-MM-DD: its own ISO form, valid or not (the schema says which)
        if node.tag == _INT and len(node.value) > MAX_NUMBER_CHARS:
            self.error(node, path, f"YAML reads {_clip(node.value, 40)} as a number of {len(node.value):,} characters "
                                   f"(expected at most {MAX_NUMBER_CHARS}: write it in quotes if it is text)")
            return node.value
        try:
            value = self.constructor.construct_object(node)
        except Exception:  # PyYAML's scalar constructors raise anything on a value that does not fit
            # e.g. `created: 2026-13-45` looks like a date but is none, `!!bool maybe` is no
            # bool: keep the text; the schema reports it (`format: date`, a type) with its line.
            return node.value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if not node.style and (value is None or isinstance(value, (bool, int, float))):
            self.raw[path] = node.value  # `answer: No` is false: keep what was written
        return value

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: dict[str, Any] | None = None
        lines, offset = self.lines, self.offset
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = merged or {}
                merged.update(self.merge(value_node, path))
                continue
            if type(key_node) is not ScalarNode:
                self.error(key_node, path, "a key must be a plain scalar, not a list or mapping")
                continue
            key = str(key_node.value)  # the key as written: `on:` stays "on", `2026:` stays "2026"
            key_path = (*path, key)
            self.chars += len(key)  # checked with the value, next
            if key in first_line:
                self.error(
                    key_node,
                    key_path,
                    f"duplicate key (first at line {first_line[key]}; YAML would silently keep the last)",
                )
                continue
            line = first_line[key] = key_node.start_mark.line + offset
            lines.setdefault(key_path, line)
            if type(value_node) is ScalarNode and value_node.tag == _STR:  # the common case, inlined
                self.count += 1
                self.chars += len(value_node.value)
                if self.count > MAX_VALUES or self.chars > self.max_chars:
                    raise _Budget(key_path)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, key_path)
        for key, value in (merged or {}).items():
            result.setdefault(key, value)
        return result

    def merge(self, node: Node, path: Path) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, MappingNode):
                self.error(source, path, "'<<' merges a mapping or a list of mappings")
                continue
            merged.update(self.build(source, path))
        return merged


NO_FRONT_MATTER = ("no front matter (a PR/FAQ page starts with a '---' line and YAML; a page under the proposals "
                   "folder that is no PR/FAQ holds a listing marker, '<!-- prfaq index -->', "
                   "'<!-- prfaq status NAME -->' or '<!-- prfaq roadmap -->', or is named in the plugin's exclude "
                   "option)")
"""What a page under the proposals folder with no front matter is told: what a PR/FAQ starts with,
and the two ways a page there is none (a listing page, an excluded page)."""


def split(text: str) -> tuple[str | None, str, FrontMatterError | None]:
    """Return ``(yaml_text, body, error)`` the way MkDocs splits a page."""
    if not text.endswith("\n"):
        text += "\n"  # a page may end right after its closing '---'
    opening = OPEN_RE.match(text)
    if opening:
        # The YAML is at least one line: the newline before the closing line is its last character.
        closing = CLOSE_RE.search(text, opening.end())
        if closing:
            return text[opening.end() : closing.start() + 1], text[closing.end() :], None
    if EMPTY_RE.match(text):
        return None, text, FrontMatterError(1, FRONT_MATTER, "front matter is empty")
    if OPEN_RE.match(text):
        return None, text, FrontMatterError(
            1, FRONT_MATTER, "front matter is not closed (expected a line '---' after it)"
        )
    return None, text, FrontMatterError(1, FRONT_MATTER, NO_FRONT_MATTER)


def parse(text: str, *, max_chars: int = MAX_CHARS) -> ParsedPage:
    """Parse a page's text (already decoded, newlines normalised) into a :class:`ParsedPage`.

    ``max_chars`` bounds what the front matter's scalars add up to once YAML aliases are expanded
    (see :data:`MAX_CHARS`); going over it is one error and no data, found before anything is
    expanded in memory.
    """
    yaml_text, body, error = split(text)
    if yaml_text is None:
        assert error is not None
        return ParsedPage(None, {}, body, [error])
    return parse_yaml(yaml_text, body, first_line=2, max_chars=max_chars)


def parse_yaml(yaml_text: str, body: str = "", first_line: int = 2, *, max_chars: int = MAX_CHARS) -> ParsedPage:
    """Parse front-matter YAML that starts on ``first_line`` of its file."""
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and (mark is None or mark.line >= yaml_text.count("\n")):
            mark = e.context_mark  # the problem is "end of front matter": point where it started
        line = (mark.line + first_line) if mark is not None else first_line
        what = " ".join(x for x in (e.context, e.problem) if x)
        quoted = _quote_trouble(e, yaml_text.split("\n"))
        if quoted is not None:
            line, what = quoted[0] + first_line, quoted[1]
        elif mark is not None and mark is e.problem_mark:
            lines = yaml_text.split("\n")
            source = lines[mark.line] if mark.line < len(lines) else ""
            what = _explain(e.problem or "", source, mark.column) or what
        return ParsedPage(None, {}, body, [FrontMatterError(line, FRONT_MATTER, f"invalid YAML: {what}")])
    except yaml.reader.ReaderError as e:
        line = yaml_text[: e.position].count("\n") + first_line
        return ParsedPage(None, {}, body, [FrontMatterError(line, FRONT_MATTER, f"invalid YAML: {e.reason}")])
    except yaml.YAMLError as e:
        return ParsedPage(None, {}, body, [FrontMatterError(first_line, FRONT_MATTER, f"invalid YAML: {e}")])
    if node is None:
        return ParsedPage(None, {}, body, [FrontMatterError(1, FRONT_MATTER, "front matter is empty")])
    # Text written out is never an expansion: a front matter longer than the bound may reach its length.
    builder = _Builder(first_line, max(max_chars, len(yaml_text)))
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        return ParsedPage(
            None, {}, body,
            [FrontMatterError(
                builder.line(node), FRONT_MATTER, f"front matter is {kind} (expected a mapping of keys to values)"
            )],
        )
    builder.lines[()] = builder.line(node)
    line = first_line
    try:
        data = builder.build(node, ())
    except _Budget as over:
        # The top-level key whose value crossed the bound: aliased values carry their anchor's line.
        line = builder.lines.get(over.path[:1], first_line)
        if builder.count > MAX_VALUES:
            message = (f"has more than {MAX_VALUES:,} values, YAML aliases counted for everything they repeat "
                       f"(expected at most {MAX_VALUES:,})")
        else:
            bound = builder.max_chars
            message = (f"expands to more than {bound:,} characters through YAML aliases "
                       f"(expected at most {bound:,}; remove the aliases that repeat long text, "
                       "or write it out once)")
    except _Deep as deep:
        where = deep.path[:MAX_DEPTH]
        return ParsedPage(None, {}, body, [FrontMatterError(
            line_of(builder.lines, where), field_path(where),
            f"nested deeper than {MAX_DEPTH} levels (expected at most {MAX_DEPTH} levels of lists and mappings)")])
    except RecursionError:
        message = "front matter is nested too deeply"
    else:
        errors = builder.errors + _cut_by_comments(node, yaml_text, first_line)
        return ParsedPage(data, builder.lines, body, errors, builder.raw)
    return ParsedPage(None, {}, body, [FrontMatterError(line, FRONT_MATTER, message)])


# -- YAML's mistakes in the author's words -----------------------------------------------------

_KEY_VALUE = re.compile(r"""^[ \t]*(?:-[ \t]+)*([^\s#'"\-:][^:#]*?|"[^"]*"|'[^']*'):[ \t]+(\S.*?)[ \t]*$""")
_CUT = re.compile(r"[ \t]#\S")
"""A comment that starts right after a value and a space: `our #1 priority`, `#ops`. A comment
written `# like this` (a space after the '#') is taken for what YAML says it is."""
_EXAMPLE_MAX = 80


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _in_quotes(lead: str, value: str) -> str:
    """How to write ``value`` after ``lead`` (``title:``, ``-``) so YAML keeps all of it."""
    quoted = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted strings
    example = f"{lead.strip()} {quoted}".strip()
    return f"quote the value: {example}" if len(example) <= _EXAMPLE_MAX else "quote the value"


_ITEM = re.compile(r"""^([ \t]*-[ \t]+)(['"].*?)[ \t]*$""")


def _closing(value: str) -> int | None:
    """Where the quoted text that ``value`` opens ends (the index of its closing quote), or None
    when it is never closed: ``''`` is an apostrophe inside single quotes, ``\\"`` a quote
    inside double quotes."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _quote_trouble(e: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str] | None:
    """``(line index, message)`` when a quote or an apostrophe broke the YAML: a value that
    opens a quote and closes it before its end (``subtitle: 'Don't do this'``, ``title: "The
    "best" skates"``), or opens one that never closes (``title: 'Tis the season``). None for
    other errors, which :func:`_explain` reads."""
    unclosed = "quoted scalar" in (e.context or "")
    mark = e.context_mark if unclosed else e.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    source = lines[mark.line]
    kv = _KEY_VALUE.match(source)
    if kv and kv.group(2)[:1] in ("'", '"'):
        lead, value, what = kv.group(1) + ":", kv.group(2), f"the value of {kv.group(1)!r}"
    else:
        item = _ITEM.match(source)
        if item is None:
            return None
        lead, value, what = item.group(1), item.group(2), "this list item"
    quote = value[0]
    name = "an apostrophe" if quote == "'" else "a double quote"
    if any(w in (e.problem or "") for w in ("escape", "hexdecimal", "hexadecimal")):  # "C:\path", "\x"
        meant = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
        return mark.line, (f"{what} is in double quotes, where a backslash starts an escape such as \\n, and "
                           f"YAML knows no escape in it ({_in_quotes(lead, meant)})")
    end = _closing(value)
    if end is None:
        if not unclosed:
            return None
        return mark.line, (f"{what} starts with {name}, which YAML reads as an opening quote that is never "
                           f"closed ({_in_quotes(lead, value)})")
    rest = value[end + 1 :].strip()
    if not rest or rest.startswith("#"):
        return None
    meant = value[1:-1] if value.endswith(quote) else value
    return mark.line, (f"{what} starts with {name}, so YAML ends the text at the next one and cannot read "
                       f"{_clip(rest)!r} after it ({_in_quotes(lead, meant)})")


def _explain(problem: str, source: str, column: int) -> str | None:
    """libyaml's ``problem`` at ``column`` of the ``source`` line, in words an author can act on
    (None: libyaml's own words are the best there are)."""
    char = source[column : column + 1]
    if char == "\t" or "tab character" in problem:
        if source[: len(source) - len(source.lstrip(" \t"))].count("\t"):
            return "this line is indented with a tab (expected spaces: YAML indents with spaces only)"
        return "a tab where YAML expects a space (expected spaces instead of the tab)"
    kv = _KEY_VALUE.match(source)
    if "cannot start any token" in problem and char in ("@", "`", "%"):
        if kv and kv.start(2) == column:
            return f"a value cannot start with {char!r} ({_in_quotes(kv.group(1) + ':', kv.group(2))})"
        return f"text cannot start with {char!r} (expected the text in quotes)"
    if "mapping values are not allowed" in problem:
        if kv and kv.start(2) <= column:
            key, value = kv.group(1), kv.group(2)
            return f"the value of {key!r} contains ': ' ({_in_quotes(key + ':', value)})"
        name = source.strip().split(":", 1)[0]
        return (f"{_clip(name)!r} is read as part of the text on the line above (expected it lined up with "
                "the keys above it, or the text above in quotes)")
    return None


def _cut_by_comments(root: Node, yaml_text: str, first_line: int) -> list[FrontMatterError]:
    """Values a ``#`` cut short: YAML ends a plain value at `` #`` and drops the rest of the line
    as a comment, so ``title: Why is this our #1 priority?`` is "Why is this our". Each node is
    looked at once (aliases repeat nodes), and only on lines where such a comment is."""
    if "#" not in yaml_text:
        return []
    lines = yaml_text.split("\n")
    suspects = {i for i, text in enumerate(lines) if "#" in text and _CUT.search(text)}
    if not suspects:
        return []
    errors: list[FrontMatterError] = []
    seen: set[int] = set()
    stack: list[tuple[Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend((value, (*path, str(key.value))) for key, value in reversed(node.value)
                         if isinstance(key, ScalarNode) and key.tag != _MERGE)
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, str(i))) for i, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, ScalarNode) and not node.style and node.end_mark.line in suspects:
            source = lines[node.end_mark.line]
            rest = source[node.end_mark.column :]
            cut = re.match(r"[ \t]+(#\S.*?)[ \t]*$", rest)
            if cut is None:
                continue
            comment = cut.group(1)
            kept = f"keeps only {_clip(node.value)!r}" if node.value else "leaves the value empty"
            if node.start_mark.line == node.end_mark.line:
                start = node.start_mark.column
                how = _in_quotes(source[:start], source[start:].strip())
            else:
                how = "quote the value"
            errors.append(FrontMatterError(
                node.end_mark.line + first_line, field_path(path),
                f"YAML reads {_clip(comment)!r} as a comment and {kept} ({how})"))
    return errors
