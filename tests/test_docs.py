"""Every command and option of the `steepest` CLI, every setting and every JSON endpoint is
documented in the README: its Settings table says what `steepest.web.settings.SETTINGS` says,
and its JSON API table lists the app's routes with their summaries, row by row."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import click
import pytest

from steepest.cli import main
from steepest.engine.functions.table import typed_names
from steepest.web.app import create_app
from steepest.web.settings import SETTINGS, Setting, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), commands())
def test_command_and_its_options_are_in_the_readme(name: str, command: click.Command) -> None:
    assert f"steepest {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"{name} {param.opts} undocumented"


def test_every_field_of_the_settings_has_one_row() -> None:
    fields = [field.name for field in dataclasses.fields(Settings)]
    assert sorted(setting.field for setting in SETTINGS) == sorted(fields)
    assert len({setting.variable for setting in SETTINGS}) == len(SETTINGS)


def readme_row(setting: Setting) -> str:
    meaning = setting.meaning + (f" (`{setting.option}`)" if setting.option else "")
    default = setting.default_text or f"`{getattr(Settings, setting.field)}`"
    return f"| `{setting.variable}` | {meaning} | {default} |"


def test_the_readme_settings_table_is_the_settings_list() -> None:
    rows = [line for line in README.splitlines() if line.startswith("| `STEEPEST_")]
    expected = [readme_row(setting) for setting in SETTINGS]
    assert rows == expected, "the README's Settings table should read:\n" + "\n".join(expected)


def test_the_options_of_serve_are_the_settings_options() -> None:
    serve = dict(commands())["serve"]
    options = {param.opts[0]: param for param in serve.params if isinstance(param, click.Option)}
    assert set(options) == {setting.option for setting in SETTINGS if setting.option}
    for setting in SETTINGS:
        if setting.option:
            # The option's help names the variable it beats.
            assert setting.variable in (options[setting.option].help or "")


def readme_section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_the_readme_lists_every_json_endpoint() -> None:
    # The routes as the app's OpenAPI document lists them: the one /openapi.json serves.
    paths = create_app(Settings()).openapi()["paths"]
    expected = [
        f"| `{method.upper()}` | `{path}` | {operation['summary']} |"
        for path, operations in paths.items()
        for method, operation in operations.items()
    ]
    section = readme_section("The JSON API")
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows == expected, "the README's JSON API table should read:\n" + "\n".join(expected)


def test_the_readme_names_every_function_and_spelling_the_parser_reads() -> None:
    section = readme_section("Typing math")
    missing = [name for name in typed_names() if not re.search(rf"`[^`]*\b{name}\b", section)]
    assert not missing, f"the README's Typing math section should name {missing}"
