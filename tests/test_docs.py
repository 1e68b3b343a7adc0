"""Docs that are tested: every command has help text and a README entry; the README's two commands exist."""

from __future__ import annotations

import re

import pytest
import typer.main

from conftest import ROOT
from gongbao.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_there_are_commands():
    assert "parse" in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_entry(name):
    command = typer.main.get_command(app).commands[name]
    assert (command.help or "").strip(), f"gongbao {name} has no help text"
    assert re.search(rf"`gongbao {name}\b", README), f"README.md does not document `gongbao {name}`"


def test_readme_states_the_two_commands_and_the_makefile_has_them():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
