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


def run(args: list[str], cwd: Path, timeout: float = 600) -> Result:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
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


# -- the built wheel in a fresh virtualenv, once per session -----------------------------------

@dataclass
class Venv:
    root: Path
    extras: tuple[str, ...] = ()
    """What was installed besides the wheel (and what it depends on)."""

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def env(self) -> dict[str, str]:
        """The environment of a shell in which this virtualenv is activated."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "NO_MKDOCS_2_WARNING")}
        env["PATH"] = f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.root)
        return env

    def run(self, args: list[str], cwd: Path) -> Result:
        proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=self.env(), timeout=600)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def install(self, *requirements: str) -> None:
        """pip install into this virtualenv (which has no pip of its own: this session's pip installs)."""
        done = subprocess.run([sys.executable, "-m", "pip", "--python", str(self.bin / "python"), "install", "-q",
                               "--no-compile", "--disable-pip-version-check", *requirements],
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"pip install {' '.join(requirements)} failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel, once per session."""
    dist = tmp_path_factory.mktemp("dist")
    built = run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)], ROOT)
    assert built.code == 0, built.text
    [path] = dist.glob("mkdocs_prfaq-*.whl")
    return path


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Venv:
    """A fresh virtualenv (no site packages) holding the built wheel and what it depends on: what a
    new user's ``pip install`` gives. Tests that add to it (``techdocs_venv``) run last."""
    venv = Venv(tmp_path_factory.mktemp("venv") / "fresh")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv.root)], check=True)
    venv.install(str(wheel))
    return venv


@pytest.fixture(scope="session")
def techdocs_venv(wheel_venv: Venv) -> Venv:
    """The same virtualenv with mkdocs-techdocs-core installed beside the wheel (one install saved)."""
    if "mkdocs-techdocs-core" not in wheel_venv.extras:
        wheel_venv.install("mkdocs-techdocs-core")
        wheel_venv.extras += ("mkdocs-techdocs-core",)
    return wheel_venv


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that install more into the session's fresh virtualenv run after all that use it bare."""
    items.sort(key=lambda item: "techdocs_venv" in getattr(item, "fixturenames", ()))
