"""`check` holds off Python's cycle collector while it loads the catalog (#23, Speed) and gives
it back as it found it; a page whose YAML aliases make a cycle is still reported, and its nodes
are collected afterwards."""

from __future__ import annotations

import gc

import pytest

from ..conftest import Site


@pytest.mark.parametrize("enabled", [True, False])
def test_check_leaves_the_collector_as_it_found_it(site: Site, enabled: bool) -> None:
    site.proposal("a.md")
    site.page("loop.md", "---\ntitle: &a [*a]\nstatus: draft\n---\n")
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        result = site.check("check")
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
    assert result.code == 1
    assert "loop.md:2: title.0: recursive YAML alias" in result.out
