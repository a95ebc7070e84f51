"""`nq02`, the command line: commands (commands.py), its Vietnamese argparse (messages.py), the way into a
running app (local_api.py) and what it prints made safe for a terminal (terminal.py)."""

from app.cli.commands import main

__all__ = ["main"]
