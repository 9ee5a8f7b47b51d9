"""Every command and option of the `steepest` CLI is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from steepest.cli import main

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
