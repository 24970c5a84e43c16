"""A custom fence formatter from outside pymdownx (for test_security_plugins.py)."""

from __future__ import annotations

from typing import Any


def shout(source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any) -> str:
    return f'<div class="{css_class}">{source.upper()}</div>'
