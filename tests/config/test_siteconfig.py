"""``siteconfig`` reads ``!ENV`` and ``INHERIT`` as MkDocs does (#23): with the same libraries,
pyyaml-env-tag and mergedeep, and to the same values as MkDocs' own ``yaml_load``, on generated
configs; what only the plugin refuses (a loop of ``INHERIT``, ``!ENV`` of a mapping) it refuses
in its own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from mkdocs_prfaq.siteconfig import ConfigError, read_yaml_config

ENV = {"PRFAQ_T_A": "ideas", "PRFAQ_T_B": "true", "PRFAQ_T_C": "3", "PRFAQ_T_D": "", "PRFAQ_T_E": "[1, 2]"}
NAMES = [*ENV, "PRFAQ_T_UNSET", "PRFAQ_T_UNSET2"]


def mkdocs_reading(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        return yaml_load(f)


def env_tag(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3))
    if len(names) == 1 and draw(st.booleans()):
        return f"!ENV {names[0]}"
    default = draw(st.sampled_from(["", ", fallback", ", 7", ", false", ", null", ", [x, y]"]))
    return f"!ENV [{', '.join(names)}{default}]"


@st.composite
def config(draw: st.DrawFn, depth: int = 0) -> str:
    """A YAML mapping (block style, two spaces a level) of plain values, lists, !ENV tags and
    nested mappings, over a few shared keys so that a parent's and a child's keys meet."""
    lines = []
    for key in draw(st.lists(st.sampled_from(["site_name", "docs_dir", "theme", "extra", "plugins", "nav"]),
                             unique=True, max_size=4)):
        kind = draw(st.sampled_from(["plain", "list", "env", "map"] if depth < 2 else ["plain", "list", "env"]))
        if kind == "plain":
            lines.append(f"{key}: {draw(st.sampled_from(['a', '1', 'true', 'null', 'x y']))}")
        elif kind == "list":
            lines.append(f"{key}: [{', '.join(draw(st.lists(st.sampled_from(['a', 'b', '2']), max_size=3)))}]")
        elif kind == "env":
            lines.append(f"{key}: {env_tag(draw)}")
        else:
            inner = draw(config(depth + 1))
            lines.append(f"{key}:" + ("".join(f"\n  {line}" for line in inner.splitlines()) or " {}"))
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(child=config(), parent=config(), grandparent=config())
def test_env_and_inherit_read_as_mkdocs_reads_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child: str, parent: str, grandparent: str) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PRFAQ_T_UNSET", raising=False)
    monkeypatch.delenv("PRFAQ_T_UNSET2", raising=False)
    (tmp_path / "sub").mkdir(exist_ok=True)
    (tmp_path / "sub" / "grand.yml").write_text(grandparent, encoding="utf-8")
    (tmp_path / "base.yml").write_text("INHERIT: sub/grand.yml\n" + parent, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n" + child, encoding="utf-8")
    for path in (tmp_path / "mkdocs.yml", tmp_path / "base.yml", tmp_path / "sub" / "grand.yml"):
        assert read_yaml_config(str(path)) == mkdocs_reading(path), path.read_text()


def test_a_merge_keeps_mappings_and_replaces_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRFAQ_T_DIR", "ideas")
    (tmp_path / "base.yml").write_text(
        "theme: {name: material, palette: {primary: red}, features: [a, b]}\nplugins: [search, prfaq]\n")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\ntheme: {palette: {accent: blue}, features: [c]}\n"
        "plugins:\n  - prfaq:\n      dir: !ENV [PRFAQ_T_DIR, proposals]\n")
    read = read_yaml_config(str(tmp_path / "mkdocs.yml"))
    assert read == {"theme": {"name": "material", "palette": {"primary": "red", "accent": "blue"}, "features": ["c"]},
                    "plugins": [{"prfaq": {"dir": "ideas"}}]}
    assert read == mkdocs_reading(tmp_path / "mkdocs.yml")


def test_what_only_the_plugin_refuses_is_refused_in_its_words(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("INHERIT: b.yml\n")
    (tmp_path / "b.yml").write_text("INHERIT: a.yml\n")
    with pytest.raises(ConfigError, match=r"a\.yml: INHERIT leads back to .*a\.yml \(expected a chain of files"):
        read_yaml_config(str(tmp_path / "a.yml"))
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: !ENV {name: X}\n")
    with pytest.raises(ConfigError, match=r"mkdocs\.yml:2: invalid YAML: !ENV expects a name or a list of names$"):
        read_yaml_config(str(tmp_path / "mkdocs.yml"))
