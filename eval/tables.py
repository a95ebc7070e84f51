"""How every benchmark prints a table: a title line, then a GitHub-flavoured table with three decimals."""

from __future__ import annotations

from tabulate import tabulate


def table(title: str, rows: list[list], headers: list[str]) -> None:
    print(f"\n{title}")
    print(tabulate(rows, headers=headers, tablefmt="github", floatfmt=".3f"))
