"""The Zensical benchmark's sites (``benchmarks/run.py zensical``): the same proposals in front
matter and in the body form, both laid out by the extension, and the plain twin; each form's ratio
against the same plain build."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.generate import proposal_data, proposal_id
from benchmarks.run import bench_zensical, zensical_site

from .test_zensical import article, pytestmark, zensical  # noqa: F401  # pytestmark: skip without zensical


def test_the_body_form_site_is_laid_out_as_the_front_matter_one(tmp_path: Path) -> None:
    front = zensical_site(tmp_path / "front", 3, extension=True)
    body = zensical_site(tmp_path / "body", 3, extension=True, body_form=True)
    plain = zensical_site(tmp_path / "plain", 3, extension=False)
    assert "## Press release" in (body / "docs" / "proposals" / f"{proposal_id(1)}.md").read_text(encoding="utf-8")
    for root in (front, body, plain):
        result = zensical(root)
        assert result.code == 0, result.text
        assert "Traceback" not in result.text and "prfaq:" not in result.text, result.text
    for i in range(3):
        data = proposal_data(i)
        src = f"proposals/{proposal_id(i)}/index.html"
        pages = {root.name: article(root, src) for root in (front, body, plain)}
        for name in ("front", "body"):
            page = pages[name]
            assert 'class="prfaq-statusline"' in page, name
            assert f'prfaq-badge--{data["status"]}' in page, name
            for qa in data["faq"]["internal"]:  # each question a heading of the layout's FAQ
                assert re.search(rf"<h[34] id=\"[^\"]+\"[^>]*>{re.escape(qa['question'])}", page), (name, qa)
        assert "prfaq-statusline" not in pages["plain"]


def test_the_benchmark_reports_both_forms_against_one_plain_build() -> None:
    r = bench_zensical(2, repeats=2)
    assert r["n"] == 2 and r["repeats"] == 2
    assert len(r["pair_ratios"]) == len(r["body_pair_ratios"]) == 2
    assert r["ext_cpu_s"] > 0 and r["body_cpu_s"] > 0 and r["plain_cpu_s"] > 0
    assert r["ratio"] > 0 and r["body_ratio"] > 0
