"""Entry point of the `roleplay` command (and `python -m roleplay_cli`)."""

from __future__ import annotations

from roleplay_cli._app import app


def main() -> None:
    """Run the CLI; click exits 2 on usage errors."""
    app(prog_name="roleplay")


if __name__ == "__main__":
    main()
