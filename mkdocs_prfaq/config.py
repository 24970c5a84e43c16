"""The plugin's options in ``mkdocs.yml`` (``plugins: - prfaq: {...}``)."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .labels import DEFAULT_LABELS, merge_labels


class _Dir(c.Type[str]):
    """A folder under ``docs_dir``, written without leading or trailing slashes."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        if not text or text.startswith("..") or "\\" in text:
            raise base.ValidationError(f"expected a folder under docs_dir such as 'proposals', got {value!r}")
        return text


class _WordLimit(base.BaseConfigOption[int | None]):
    """A positive number of words, or null to disable the limit."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected a positive number of words, or null to disable, got {value!r}")
        return value


class LimitsConfig(base.Config):
    press_release_words = _WordLimit(600)
    """Warn when the press release (subtitle, parts and quotes) is longer: about one page."""
    faq_words = _WordLimit(2500)
    """Warn when the FAQ (questions and answers) is longer: at most about five pages."""


class _Labels(base.BaseConfigOption[dict[str, str]]):
    """Overrides for the label table: section names, status names, index words."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, str] = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, (str, int, float)) for v in value.values()):
            raise base.ValidationError("expected a mapping of label names to text, e.g. {internal_faq: Business FAQ}")
        overrides: dict[str, Any] = {str(k): str(v) for k, v in value.items()}
        try:
            merge_labels(overrides)
        except KeyError as e:
            raise base.ValidationError(
                f"unknown label(s): {e.args[0]} (see the configuration reference for the label names)"
            ) from None
        for key, text in overrides.items():
            expected = DEFAULT_LABELS[key]
            try:
                text.format(count=0, shown=0, total=0, status="")
            except (KeyError, IndexError, ValueError) as e:
                raise base.ValidationError(
                    f"label {key!r}: {text!r} has a placeholder it cannot fill ({e}); "
                    f"expected text like {expected!r}"
                ) from None
        return overrides


class PrfaqConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. `enabled: !ENV [PRFAQ, true]`)."""
    dir = _Dir(default="proposals")
    """Every Markdown page under `docs/<dir>/` except `<dir>/index.md` is a PR/FAQ."""
    schema = c.Optional(c.File(exists=True))
    """A site schema (JSON or YAML) used instead of the bundled one; it may `$ref` the bundled one."""
    on_invalid = c.Choice(("fail", "warn"), default="fail")
    """`fail` stops the build on any problem; `warn` logs each as a warning and builds anyway."""
    layout = c.Type(bool, default=True)
    """Render the press release, quotes and FAQ from front matter (false: only validate)."""
    limits = c.SubConfig(LimitsConfig)
    """Length guidance; going over logs a warning (an error under `mkdocs build --strict`)."""
    index = c.Type(bool, default=True)
    """Generate the proposals index, a page per status, the roadmap and `proposals.json`."""
    nav = c.Choice(("auto", "all", "index"), default="auto")
    """`all`: every proposal in the navigation (MkDocs' default); `index`: only the index, status
    pages and roadmap; `auto`: `all` up to `nav_limit` proposals, `index` above. An explicit
    `nav` in mkdocs.yml is always respected."""
    nav_limit = c.Type(int, default=50)
    """With `nav: auto`, the number of proposals above which they leave the navigation."""
    labels = _Labels()
    """Rename or translate section and status names: `{internal_faq: Business FAQ, in-review: Under review}`."""
