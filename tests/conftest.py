"""Helpers: real MkDocs sites in temp dirs, built with the real CLI or mkdocs.commands.build."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import prfaq_page, proposal_data  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
BIN = Path(sys.executable).parent


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(args: list[str], cwd: Path) -> Result:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr)


class Site:
    """A MkDocs site in a temp dir: ``docs/``, ``mkdocs.yml`` and helpers to build or check it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        (self.docs / "proposals").mkdir(parents=True)
        (self.docs / "index.md").write_text("# Home\n", encoding="utf-8")
        self.config("")

    def config(self, plugin_options: str = "", *, theme: str = "mkdocs", extra: str = "") -> None:
        options = ":\n" + "".join(f"      {line}\n" for line in plugin_options.splitlines()) if plugin_options else "\n"
        (self.root / "mkdocs.yml").write_text(
            f"site_name: Test\ntheme:\n  name: {theme}\nplugins:\n  - search\n  - prfaq{options}{extra}",
            encoding="utf-8",
        )

    def page(self, name: str, text: str) -> Path:
        path = self.docs / "proposals" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def proposal(self, name: str, status: str = "draft", i: int = 0, **changes: Any) -> Path:
        """A valid proposal of that status, with fields changed (None removes one)."""
        data = proposal_data(i, status)
        data["id"] = name.removesuffix(".md").split("/")[-1]
        if status == "superseded":
            data.pop("superseded_by")
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return self.page(name, prfaq_page(data))

    def build(self, *flags: str) -> Result:
        return run([str(BIN / "mkdocs"), "build", *flags], self.root)

    def check(self, *args: str) -> Result:
        return run([str(BIN / "mkdocs-prfaq"), *args], self.root)

    def html(self, src: str) -> str:
        return (self.root / "site" / src).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site-src")


@pytest.fixture
def full() -> Callable[..., dict[str, Any]]:
    return proposal_data
