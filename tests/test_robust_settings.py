"""docs/settings.md and the SETTINGS table agree: every setting documented with its option,
type, default and help, and nothing documented that is not a setting."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main
from tidings.settings import SETTINGS, Settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def documented() -> dict[str, list[str]]:
    """The settings table of the page: setting name -> its cells (backticks removed)."""
    rows: dict[str, list[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 5:
            rows[cells[0].strip("`")] = [c.replace("`", "") for c in cells]
    return rows


def test_every_setting_is_documented_as_declared() -> None:
    rows = documented()
    missing = [name for name, *_ in SETTINGS if name not in rows]
    assert not missing, f"settings missing from docs/settings.md: {missing}"
    for name, typ, default, help_text in SETTINGS:
        _, options, type_cell, default_cell, help_cell = rows[name]
        assert type_cell == typ.__name__, name
        assert default_cell == repr(default), name
        assert help_cell == help_text, f"{name}: the help differs from SETTINGS"
        assert f"--{name.replace('_', '-')}" in options.split(", "), name
    extra = sorted(set(rows) - {name for name, *_ in SETTINGS})
    assert not extra, f"docs/settings.md documents settings that do not exist: {extra}"


def test_documented_defaults_are_the_real_defaults() -> None:
    defaults = Settings()
    for name, _, default, _ in SETTINGS:
        assert getattr(defaults, name) == default, name


def test_every_setting_is_an_option_of_extract_and_ingest() -> None:
    for command in ("extract", "ingest"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        for name, *_ in SETTINGS:
            assert f"--{name.replace('_', '-')}" in result.output, (command, name)
