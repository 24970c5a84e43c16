"""A Python-Markdown extension that does nothing but what the ``prfaq`` extension does to a page's
metadata (keep its title and status): the Zensical benchmark's floor, the same PR/FAQ sources with
no layout and no checks, so what Zensical itself spends on their front matter is measured apart."""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

KEEP = ("title", "status")


class _Trim(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        for processor in self.md.preprocessors:
            if getattr(processor, "name", "") == "rendering_context" and hasattr(processor, "page"):
                meta = processor.page.meta
                kept = {k: meta[k] for k in KEEP if k in meta}
                meta.clear()
                meta.update(kept)
        return lines


class NoopExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Trim(md), "zensical_noop", 100)


def makeExtension(**kwargs: Any) -> NoopExtension:
    return NoopExtension(**kwargs)
