"""Reference tables generated from their single source of truth, as Markdown.

- the front matter, from the effective JSON Schema: every field with its type, description, and
  the statuses that require it (read from the schema's ``if``/``then`` status rules);
- the plugin's options, from the config class and its docstrings;
- the label table.

A docs page asks for one with a marker, e.g. ``<!-- prfaq:reference schema -->``, which the build
replaces with the table. A page that should also read well where no build runs (on GitHub) keeps
the generated table in the file, between that marker and ``<!-- /prfaq:reference -->``: the build
replaces the whole block, and ``make reference`` (:mod:`mkdocs_prfaq.commands.reference`)
rewrites the table in place from the bundled schema, the config class and the labels.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..contract.labels import DEFAULT_LABELS
from ..contract.lifecycle import Lifecycle
from ..contract.schema import BUNDLED_ID, deref, load_schema_file, rule_statuses

MARKER = re.compile(
    r"^[ \t]*<!--\s*prfaq:reference\s+(schema|config|labels)\s*-->[ \t]*$"
    # optionally, the table committed after it, up to the end marker (never across another marker)
    r"(?:(?:(?!<!--\s*/?prfaq:reference)[\s\S])*^[ \t]*<!--\s*/prfaq:reference\s*-->[ \t]*$)?",
    re.MULTILINE)
"""A reference marker on a line of its own (one quoted in running text is left alone), with the
committed table and end marker that may follow it; group 1 is the kind."""

END = "<!-- /prfaq:reference -->"


@dataclass
class Row:
    path: str
    type: str
    description: str
    required: list[str] = field(default_factory=list)
    """'always', or the statuses that require the field."""
    rules: list[str] = field(default_factory=list)
    """Extra constraints from status rules, e.g. 'at least 3 for in-review, approved, launched'."""


def _type(schema: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    node = deref(schema, node)
    if "enum" in node:
        return " \\| ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        item = deref(schema, node.get("items", {}))
        inner = "object" if item.get("type") == "object" else _type(schema, item)
        return f"list of {inner}"
    if kind == "string" and node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind or "any")


def _walk(schema: Mapping[str, Any], node: Mapping[str, Any], prefix: str) -> Iterator[Row]:
    node = deref(schema, node)
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        sub = deref(schema, sub)
        path = f"{prefix}{name}"
        yield Row(path, _type(schema, sub), str(sub.get("description", "")), ["always"] if name in required else [])
        if sub.get("type") == "object":
            yield from _walk(schema, sub, f"{path}.")
        elif sub.get("type") == "array":
            item = deref(schema, sub.get("items", {}))
            if item.get("type") == "object":
                yield from _walk(schema, item, f"{path}[].")


def _apply_rule(rows: dict[str, Row], schema: Mapping[str, Any], then: Mapping[str, Any], prefix: str,
                statuses: list[str]) -> None:
    then = deref(schema, then)
    for name in then.get("required", []):
        row = rows.get(f"{prefix}{name}")
        if row is not None and "always" not in row.required:
            row.required += [s for s in statuses if s not in row.required]
    for name, sub in then.get("properties", {}).items():
        path = f"{prefix}{name}"
        sub = deref(schema, sub)
        row = rows.get(path)
        if row is not None:
            who = ", ".join(statuses)
            if "minItems" in sub:
                row.rules.append(f"at least {sub['minItems']} for {who}")
            for contains in [sub.get("contains"), *[s.get("contains") for s in sub.get("allOf", [])]]:
                if isinstance(contains, Mapping) and contains.get("description"):
                    row.rules.append(f"needs {contains['description']} for {who}")
        _apply_rule(rows, schema, sub, f"{path}.", statuses)


Part = tuple[Mapping[str, Any], Mapping[str, Any]]


def _parts(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> list[Part]:
    """``(document, node)`` pairs that make up a schema: itself and its ``allOf`` parts, with a
    ``$ref`` to another known document (the bundled schema's ``$id``) followed."""
    parts: list[Part] = [(schema, schema)]
    for part in schema.get("allOf", []):
        ref = part.get("$ref") if isinstance(part, Mapping) else None
        if isinstance(ref, str) and ref.split("#")[0] in documents and not rule_statuses(part):
            document = documents[ref.split("#")[0]]
            parts += _parts(document, documents)
        elif isinstance(part, Mapping) and not rule_statuses(part):
            parts.append((schema, deref(schema, part)))
    return parts


def schema_rows(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]] | None = None) -> list[Row]:
    """Every field of the schema (its ``allOf`` parts and the documents they reference included),
    with the statuses that require it."""
    parts = _parts(schema, documents or {})
    rows: dict[str, Row] = {}
    for root, node in parts:
        for row in _walk(root, node, ""):
            rows.setdefault(row.path, row)
    for root, node in parts:
        for rule in node.get("allOf", []):
            statuses = rule_statuses(rule)
            if statuses:
                _apply_rule(rows, root, rule.get("then", {}), "", statuses)
    return list(rows.values())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_markdown(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    lines = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for row in schema_rows(schema, documents):
        required = "always" if "always" in row.required else ", ".join(f"`{s}`" for s in row.required) or "no"
        description = _cell(row.description) + ("" if not row.rules else " *" + "; ".join(row.rules) + ".*")
        depth = row.path.count(".")
        name = f"{'&nbsp;&nbsp;' * depth}`{row.path}`"
        lines.append(f"| {name} | {row.type} | {required} | {description} |")
    return "\n".join(lines) + "\n"


def config_options(config_class: type) -> list[tuple[str, str, str]]:
    """``(name, default, description)`` for each option, the description being the docstring
    written under it in the class body."""
    source = inspect.getsource(config_class)
    tree = ast.parse(source)
    docs: dict[str, str] = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for stmt, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and \
                isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
            docs[stmt.targets[0].id] = " ".join(str(following.value.value).split())
    out = []
    for name, option in config_class._schema:  # type: ignore[attr-defined]
        default = getattr(option, "default", None)
        if hasattr(option, "config_class"):  # a sub-config: its own options, dotted
            for sub, sub_default, sub_doc in config_options(option.config_class):
                out.append((f"{name}.{sub}", sub_default, sub_doc))
            continue
        shown = "null" if default is None else f"`{_yaml_value(default)}`"
        out.append((name, shown, docs.get(name, "")))
    return out


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "{}" if value == {} else str(value)


def config_markdown(config_class: type) -> str:
    lines = ["| Option | Default | Description |", "|---|---|---|"]
    for name, default, doc in config_options(config_class):
        lines.append(f"| `{name}` | {default} | {_cell(doc)} |")
    return "\n".join(lines) + "\n"


def labels_markdown(labels: Mapping[str, str] | None = None) -> str:
    """The label table: the defaults, or a site's (its statuses' labels included)."""
    lines = ["| Label | Default text |", "|---|---|"]
    lines += [f"| `{key}` | {_cell(text)} |" for key, text in (labels or DEFAULT_LABELS).items()]
    return "\n".join(lines) + "\n"


def refresh(markdown: str, table: Callable[[str], str]) -> str:
    """``markdown`` with every reference marker followed by its table, ``table(kind)``, and the end
    marker: the form committed to the repository, readable where no build runs."""
    def block(m: re.Match[str]) -> str:
        return f"<!-- prfaq:reference {m.group(1)} -->\n\n{table(m.group(1)).rstrip()}\n\n{END}"

    return MARKER.sub(block, markdown)


def fill(markdown: str, schema_path: str | None, lifecycle: Lifecycle, labels: Mapping[str, str],
         config_class: type) -> str:
    """Reference tables where a page asks for them (:data:`MARKER`: ``<!-- prfaq:reference schema -->``,
    ``config``, ``labels``): the site's schema (``schema_path``, else the bundled one with the
    ``lifecycle``'s statuses and rules), the plugin's options (``config_class``), its ``labels``."""
    def table(m: re.Match[str]) -> str:
        kind = m.group(1)
        if kind == "schema":
            bundled = lifecycle.schema()  # the site's statuses and status rules
            schema = load_schema_file(schema_path) if schema_path else bundled
            return schema_markdown(schema, {BUNDLED_ID: bundled})
        if kind == "config":
            return config_markdown(config_class)
        return labels_markdown(labels)

    return MARKER.sub(table, markdown)
