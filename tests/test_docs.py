"""Every command and option of the `steepest` CLI, and every setting, is documented in the
README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
import pytest

from steepest.cli import main
from steepest.web import settings

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


def setting_variables() -> list[str]:
    """The STEEPEST_* variables, as the settings module lists them in its docstring."""
    assert settings.__doc__ is not None
    lines = settings.__doc__.splitlines()
    return [line.split()[0] for line in lines if line.startswith("STEEPEST_")]


def test_every_setting_is_read_and_documented() -> None:
    variables = setting_variables()
    assert len(variables) == len(dataclasses.fields(settings.Settings))
    source = Path(settings.__file__).read_text()
    for variable in variables:
        assert f'"{variable}"' in source, f"{variable} is listed but never read"
        assert f"| `{variable}` |" in README, f"{variable} is not in the README's settings table"
