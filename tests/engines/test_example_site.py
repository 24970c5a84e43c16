"""The project's own docs site: an example proposal in every status, built with --strict."""

from __future__ import annotations

from pathlib import Path

from mkdocs_prfaq.contract.model import STATUSES, load_page
from mkdocs_prfaq.contract.schema import build_validator

from ..conftest import ROOT, mkdocs, prfaq


def test_the_docs_have_a_proposal_in_every_status() -> None:
    validator = build_validator()
    seen = set()
    for page in sorted((ROOT / "docs" / "proposals").glob("*.md")):
        if page.name == "index.md":
            continue
        proposal, problems = load_page(f"proposals/{page.name}", str(page), page.read_text(encoding="utf-8"), validator)
        assert problems == []
        seen.add(proposal.status)
    assert seen == set(STATUSES)


def test_the_docs_build_strict(tmp_path: Path) -> None:
    result = mkdocs(["build", "--strict", "-d", str(tmp_path / "site")], ROOT)
    assert result.code == 0, result.text
    assert (tmp_path / "site" / "proposals" / "front-matter-contract" / "index.html").exists()
    check = prfaq(["check"], ROOT)
    assert check.code == 0 and "PR/FAQs checked, no problems" in check.err
