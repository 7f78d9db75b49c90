"""Render `presswatch --help` and each command's help as Markdown (used by cog in
README.md, so the README's CLI reference cannot drift from the code)."""

from __future__ import annotations

from typer.main import get_command
from typer.testing import CliRunner

from presswatch.cli import app

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="presswatch", env=ENV)
    lines = [line.rstrip() for line in result.output.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def reference() -> str:
    group = get_command(app)
    names = sorted(getattr(group, "commands", {}))
    parts = ["```", help_text([]), "```"]
    for name in names:
        parts += ["", f"### `presswatch {name}`", "", "```", help_text([name]), "```"]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference())
