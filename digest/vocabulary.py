"""Reading the project's vocabulary data files: one entry a line, `#` comments."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.abc import Traversable
from pathlib import Path


def read_lines(path: Traversable | Path) -> list[str]:
    """Non-empty lines without `#` comments, stripped."""
    return list(_entries(path.read_text(encoding="utf-8")))


def read_table(path: Traversable | Path) -> list[list[str]]:
    """Tab-separated rows of a data file; the first row (the header) is dropped."""
    rows = [line.split("\t") for line in _entries(path.read_text(encoding="utf-8"), strip=False)]
    return rows[1:]


def _entries(text: str, strip: bool = True) -> Iterator[str]:
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield line.strip() if strip else line.rstrip("\n")
