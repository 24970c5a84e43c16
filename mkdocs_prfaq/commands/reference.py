"""``make reference``: ``python -m mkdocs_prfaq.commands.reference [--check] FILES`` rewrites the
reference tables committed in docs pages (:mod:`mkdocs_prfaq.layout.reference` makes them) from
the bundled schema, the plugin's options and the default labels."""

from __future__ import annotations

from ..config import PrfaqConfig
from ..contract.schema import BUNDLED_ID, bundled_schema
from ..layout.reference import config_markdown, labels_markdown, refresh, schema_markdown


def bundled_table(kind: str) -> str:
    """The table of ``kind`` for the bundled schema, the plugin's options or the default labels."""
    if kind == "schema":
        return schema_markdown(bundled_schema(), {BUNDLED_ID: bundled_schema()})
    if kind == "config":
        return config_markdown(PrfaqConfig)
    return labels_markdown()


def main(argv: list[str] | None = None) -> int:
    """``python -m mkdocs_prfaq.commands.reference [--check] FILES``: rewrite the committed tables of these
    Markdown files (``--check``: only report the stale ones, exit 1 if any)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m mkdocs_prfaq.commands.reference",
                                 description="Refresh the generated reference tables committed in docs pages.")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a table is stale")
    ap.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args(argv)
    stale = []
    for name in args.files:
        with open(name, encoding="utf-8", newline="") as f:
            text = f.read()
        fresh = refresh(text, bundled_table)
        if fresh != text:
            stale.append(name)
            if not args.check:
                with open(name, "w", encoding="utf-8", newline="") as f:
                    f.write(fresh)
    for name in stale:
        print(f"{name}: {'stale (run make reference)' if args.check else 'refreshed'}",
              file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and stale else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
