"""The in-process helpers the suite builds and checks with (``Site.build``, ``Site.check``) give
exactly what the installed console scripts give as processes: exit code, stdout and stderr, for
clean, failing, strict and misconfigured sites. If they drift apart (global state in the plugin, a
logging handler or warnings filter left behind by an earlier build), this fails."""

from __future__ import annotations

import re

import pytest

from ..conftest import Result, Site

pytestmark = pytest.mark.process


def same(result: Result) -> tuple[int, str, str]:
    """The result without what differs from run to run (the build's duration)."""
    def timeless(text: str) -> str:
        return re.sub(r"built in \d+\.\d+ seconds", "built in N seconds", text)

    return result.code, timeless(result.out), timeless(result.err)


def both_builds(site: Site, *flags: str) -> Result:
    here, process = site.build(*flags), site.build_process(*flags)
    assert same(here) == same(process), f"in process:\n{here.text}\nas a process:\n{process.text}"
    return here


def both_checks(site: Site, *args: str) -> Result:
    here, process = site.check(*args), site.check_process(*args)
    assert same(here) == same(process), f"in process:\n{here.text}\nas a process:\n{process.text}"
    return here


def test_build_in_process_gives_what_mkdocs_build_gives(site: Site) -> None:
    site.proposal("a.md", "approved")
    assert both_builds(site, "--strict").code == 0
    site.proposal("b.md", "in-review", subtitle=None, reviewers=[])
    site.page("c.md", "---\n- not a mapping\n---\n")
    failed = both_builds(site)
    assert failed.code == 1 and "ERROR   -  " in failed.err and "Traceback" not in failed.text
    site.config("on_invalid: warn")
    warned = both_builds(site, "--strict")
    assert warned.code == 1 and "WARNING -  " in warned.err and "in strict mode" in warned.text
    assert both_builds(site).code == 0
    assert both_builds(site, "-q").err == ""
    site.config("on_invalid: sometimes")
    assert both_builds(site).code == 1


def test_check_in_process_gives_what_mkdocs_prfaq_gives(site: Site) -> None:
    site.proposal("a.md", "approved")
    assert both_checks(site, "check").code == 0
    site.proposal("b.md", "in-review", subtitle=None, reviewers=[])
    assert both_checks(site, "check").code == 1
    assert both_checks(site, "check", "--format", "json").code == 1
    assert both_checks(site, "check", "--format", "xml").code == 2
    assert both_checks(site, "check", "docs/index.md").code == 2
    assert both_checks(site, "--version").code == 0
    site.config("on_invalid: sometimes")
    assert both_checks(site, "check").code == 2
