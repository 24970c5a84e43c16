"""Problems found in PR/FAQ pages, and how they are printed.

One problem is one line: ``path/to/page.md:LINE: field.path: what is wrong (what was expected)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

FRONT_MATTER = "front matter"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one PR/FAQ page."""

    path: str
    """The page's path as shown to the user (relative to the working directory when inside it)."""
    line: int
    """1-based line in the page's file."""
    field: str
    """Dotted path of the offending field (``faq.internal.2.answer``), or ``front matter``."""
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: whatever a message quotes, it never breaks the line.
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def field_path(path: tuple[str, ...]) -> str:
    """``faq.internal.0.answer``; a key that is not a plain word is quoted (``x."a: b"``)."""
    if not path:
        return FRONT_MATTER
    return ".".join(
        key if _SIMPLE_KEY.match(key) else json.dumps(key).replace(": ", ":\\u0020") for key in path
    )


def summary(problems: Sequence[Problem]) -> str:
    """``3 problems in 2 PR/FAQs``."""
    pages = len({p.path for p in problems})
    return f"{_plural(len(problems), 'problem')} in {_plural(pages, 'PR/FAQ')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def format_json(problems: Sequence[Problem], checked: int) -> str:
    return json.dumps(
        {"checked": checked, "problems": [asdict(p) for p in problems]}, indent=2, ensure_ascii=False
    )


def _gh_escape(value: str, *, prop: bool = False) -> str:
    # https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: one ``::error`` annotation per problem."""
    return "\n".join(
        f"::error file={_gh_escape(p.path, prop=True)},line={p.line},"
        f"title={_gh_escape('PR/FAQ ' + p.field, prop=True)}::{_gh_escape(p.field + ': ' + p.message)}"
        for p in problems
    )
