"""Where a value is being read, and the typed value a kind returns when it was wrong.

Every kind gets a `Ctx`: the file (relative to the repository root) and the problem
collector. A kind that finds a wrong value records the problem with `Ctx.error` and returns
`INVALID`, so a parsed value has the type `T | Invalid` and a type checker makes every caller
look before it uses the value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from .problems import Problems


class Invalid(enum.Enum):
    """The type of `INVALID`: one member, so `value is INVALID` narrows `T | Invalid` to `T`.

    An enum rather than `object()`: it keeps its identity through pickling (parallel loading)."""

    INVALID = "INVALID"

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid.INVALID
"""Returned by a kind when the node was wrong; the problem is already recorded."""


@dataclass
class Ctx:
    """Where we are: the file (relative to the repository root) and the problem collector."""

    rel: str
    problems: Problems

    def error(self, line: int, path: str, message: str) -> Invalid:
        """Record a problem at this line and field path; returns INVALID for the caller to pass on."""
        self.problems.add(self.rel, line, path, message)
        return INVALID


def show(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: repr, cut to `limit` characters with an ellipsis."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)
