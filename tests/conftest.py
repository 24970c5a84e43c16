"""Helpers: real MkDocs sites in temp dirs, built by the real ``mkdocs build`` and ``mkdocs-prfaq``
commands, in this process (:func:`in_process`) or, for what only a process shows, in a new one
(:func:`run`, :meth:`Site.build_process`, tests marked ``process``)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import signal
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
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
    """``args`` as a new process in ``cwd``: for what only a process shows (the installed console
    scripts, ``serve``, resource limits, a hang that a timeout must stop)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


@contextlib.contextmanager
def _isolated_logging() -> Iterator[None]:
    """Undo what a run of the ``mkdocs`` CLI leaves behind in this process: the handler its ``State``
    adds to the ``mkdocs`` logger (with the level and ``propagate`` it sets), the ``DuplicateFilter``
    it adds to the build logger (which would hide a message a later build logs again), and the
    warnings filters and ``showwarning`` it installs. While it runs, a record that reaches the root
    logger prints as Python's last-resort handler prints it in a process (pytest's handlers on the
    root logger would otherwise swallow it)."""
    from mkdocs.commands import build

    loggers = [logging.getLogger("mkdocs"), build.log]
    saved = [(lg, lg.handlers[:], lg.filters[:], lg.level, lg.propagate) for lg in loggers]
    root = logging.getLogger()
    last_resort = logging.StreamHandler(sys.stderr)
    last_resort.setLevel(logging.WARNING)
    root.addHandler(last_resort)
    try:
        with warnings.catch_warnings():
            yield
    finally:
        root.removeHandler(last_resort)
        for lg, handlers, filters, level, propagate in saved:
            lg.handlers[:] = handlers
            lg.filters[:] = filters
            lg.setLevel(level)
            lg.propagate = propagate


class Hung(BaseException):
    """Raised in a command that runs past its ``timeout`` (a BaseException: no ``except Exception``
    in the code under test turns it into a message)."""


@contextlib.contextmanager
def _hang_guard(timeout: float | None) -> Iterator[None]:
    """SIGALRM after ``timeout`` seconds turns a hang into a failure, as a process's timeout would."""
    if timeout is None:
        yield
        return

    def hung(*_: object) -> None:
        raise Hung(f"still running after {timeout} s")

    before = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def in_process(main: Callable[[], object], cwd: Path, timeout: float | None = None) -> Result:
    """Call a command's ``main`` here as its console script would run in ``cwd``: stdout, stderr
    and the exit code as the process would give them (``SystemExit``'s code; an uncaught exception
    printed as a traceback on stderr with code 1). ``chdir`` is process-wide: fine, as each xdist
    worker runs one test at a time. With ``timeout``, a run past it fails the test (:class:`Hung`)."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _isolated_logging():
        os.chdir(cwd)
        try:
            with _hang_guard(timeout):
                returned = main()
            code = returned if isinstance(returned, int) else 0
        except SystemExit as e:
            if e.code is None or isinstance(e.code, int):
                code = e.code or 0
            else:  # sys.exit("message"): Python prints it and exits 1
                print(e.code, file=sys.stderr)
                code = 1
        except Exception:
            traceback.print_exc()
            code = 1
        finally:
            os.chdir(here)
    return Result(code, out.getvalue(), err.getvalue())


def mkdocs(args: list[str], cwd: Path, timeout: float | None = None) -> Result:
    """``mkdocs ARGS`` in ``cwd``, in this process: MkDocs' own click CLI (its options, logging
    format ``LEVEL   -  message``, ``--strict`` abort and exit codes), not a copy of it. MkDocs
    keeps every plugin with ``on_startup`` (prfaq, Material's) for the whole process, as ``serve``
    needs; emptied around, each build gets new plugins, as a new ``mkdocs build`` process does."""
    from mkdocs.__main__ import cli as mkdocs_cli
    from mkdocs.config.defaults import MkDocsConfig

    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()
    try:
        return in_process(lambda: mkdocs_cli.main(args, prog_name="mkdocs"), cwd, timeout)
    finally:
        cache.clear()


def prfaq(args: list[str], cwd: Path) -> Result:
    """``mkdocs-prfaq ARGS`` in ``cwd``, in this process, through the console script's ``main``."""
    from mkdocs_prfaq.commands.cli import main

    return in_process(lambda: main(args), cwd)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as Jinja compiles them, kept in memory for this process's next
    in-process build (MkDocs makes a new Jinja environment per build and compiled Material's
    templates again each time: half of a small site's build). Jinja's own bytecode cache, as
    ``layout/render.py`` uses for the plugin's templates: an entry is used only for the same
    template file with the same source, compiled by an environment with the same settings that
    change the code Jinja writes (syntax, extensions, autoescape, finalize, and which filters and
    tests it has, which a plugin's ``on_env`` may change). Renders as without it."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.load_bytecode(io.BytesIO(self.code[bucket.key]))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        self.code[bucket.key] = out.getvalue()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        calls = [sorted((key, _function(f), repr(getattr(f, "jinja_pass_arg", None))) for key, f in table.items())
                 for table in (environment.filters, environment.tests)]
        settings = (environment.block_start_string,
                    environment.block_end_string, environment.variable_start_string,
                    environment.variable_end_string, environment.comment_start_string,
                    environment.comment_end_string, environment.line_statement_prefix,
                    environment.line_comment_prefix, environment.trim_blocks, environment.lstrip_blocks,
                    environment.newline_sequence, environment.keep_trailing_newline, sorted(environment.extensions),
                    repr(environment.autoescape), repr(environment.finalize), environment.is_async,
                    environment.optimized, calls)
        key = self.get_cache_key(name, filename) + hashlib.sha1(repr(settings).encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def _function(f: object) -> str:
    """Which function a filter or test is: Jinja's compiler writes how it is called, and its
    optimiser calls one that needs no context on constants. A function made in a function (a
    plugin's wrapper, holding its state) is told apart from every other."""
    name = f"{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', type(f).__qualname__)}"
    return f"{name}@{id(f)}" if "<locals>" in name or not hasattr(f, "__qualname__") else name


@pytest.fixture(scope="session", autouse=True)
def compiled_templates() -> Iterator[None]:
    """Every theme environment MkDocs makes in this process gets :class:`CompiledTemplates`."""
    from mkdocs.theme import Theme

    cache, get_env = CompiledTemplates(), Theme.get_env

    def cached_env(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = cached_env  # type: ignore[method-assign]
    try:
        yield
    finally:
        Theme.get_env = get_env  # type: ignore[method-assign]


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

    def build(self, *flags: str, timeout: float | None = None) -> Result:
        """``mkdocs build FLAGS`` in the site's folder, in this process (failing past ``timeout`` s)."""
        return mkdocs(["build", *flags], self.root, timeout)

    def check(self, *args: str) -> Result:
        """``mkdocs-prfaq ARGS`` in the site's folder, in this process."""
        return prfaq(list(args), self.root)

    def build_process(self, *flags: str) -> Result:
        """``mkdocs build FLAGS`` as a new process of the installed console script."""
        return run([str(BIN / "mkdocs"), "build", *flags], self.root)

    def check_process(self, *args: str) -> Result:
        """``mkdocs-prfaq ARGS`` as a new process of the installed console script."""
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
        """The environment of a shell in which this virtualenv is activated. As on a user's machine,
        Python caches the modules it compiles (pip installs with ``--no-compile``: under a
        PYTHONDONTWRITEBYTECODE set here, every process would compile MkDocs, Material and the rest
        again)."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "NO_MKDOCS_2_WARNING", "PYTHONDONTWRITEBYTECODE")}
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


WHEEL_FIXTURES = {"wheel", "wheel_venv", "techdocs_venv"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that install more into the session's fresh virtualenv run after all that use it bare.
    Every test that uses the wheel or its virtualenv is a ``process`` test and runs on one xdist
    worker (``--dist loadgroup``), so the wheel and the virtualenv are made once, not once per
    worker. ``process`` and ``browser`` tests are ``slow`` too."""
    items.sort(key=lambda item: "techdocs_venv" in getattr(item, "fixturenames", ()))
    for item in items:
        if WHEEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.process)
            item.add_marker(pytest.mark.xdist_group("wheel"))
        if item.get_closest_marker("process") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


UNGROUPED = pytest.StashKey[bool]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """On an xdist worker under ``--dist loadgroup``, xdist groups a test by the ``@group`` it adds
    to the test's id. On a pytest where that has no effect (9.2: pytest-xdist#1386) every worker
    would make its own wheel and virtualenv, silently: the grouped tests fail instead."""
    if getattr(session.config.option, "loadgroup", False):
        session.config.stash[UNGROUPED] = any(
            item.get_closest_marker("xdist_group") and "@" not in item.nodeid for item in session.items)


@pytest.hookimpl(tryfirst=True)  # before the fixtures are made
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.config.stash.get(UNGROUPED, False) and item.get_closest_marker("xdist_group"):
        pytest.fail("--dist loadgroup does not group tests with this pytest and pytest-xdist (pytest-xdist#1386: "
                    "pytest 9.2's test ids); install pytest<9.2 (pyproject.toml) or run without --dist loadgroup")
