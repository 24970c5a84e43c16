"""The plugin's options in ``mkdocs.yml`` (``plugins: - prfaq: {...}``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class _Dir(c.Type[str]):
    """A folder under ``docs_dir``, written without leading or trailing slashes."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        if not text or text.startswith("..") or "\\" in text:
            raise base.ValidationError(
                f"expected a folder under docs_dir such as 'proposals', got {value!r}"
            )
        return text


class PrfaqConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. `enabled: !ENV [PRFAQ, true]`)."""
    dir = _Dir(default="proposals")
    """Every Markdown page under `docs/<dir>/` except `<dir>/index.md` is a PR/FAQ."""
    schema = c.Optional(c.File(exists=True))
    """A site schema (JSON or YAML) used instead of the bundled one; it may `$ref` the bundled one."""
    on_invalid = c.Choice(("fail", "warn"), default="fail")
    """`fail` stops the build on any problem; `warn` logs each as a warning and builds anyway."""
