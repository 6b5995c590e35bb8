"""Content problems: one type for every mistake a researcher can make in a content file.

Loaders never raise on the first mistake. They add a `Problem` to a `Problems` collector and
carry on, so that one run reports every problem in the whole tree; only at the end does the
caller raise `ContentError` with the full list.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place: `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Reference:
    """A pointer from a content file to an id in a registry, checked once all are loaded."""

    target: str
    id: str
    path: str
    line: int
    field: str


@dataclass
class Problems:
    """A collector of problems (sorted by place when reported) and of references to check."""

    items: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name or "-", message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(Exception):
    """Raised once, after loading, when any content file has a problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem]) -> str:
    """Every problem on its own line, then a count (Dutch, for researchers)."""
    return "\n".join([*(str(p) for p in problems), count_line(len(problems))])


def count_line(count: int) -> str:
    """The line under a list of content problems: how many, and that nothing was published."""
    return f"{count_noun(count, 'probleem', 'problemen')} gevonden in de inhoud; er is niets gepubliceerd."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (bedoel je 'x'?)' hint for the nearest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (bedoel je '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    """A Dutch list of allowed values for messages: 'a', 'b' of 'c'."""
    quoted = [f"'{c}'" for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " of " + quoted[-1]


def count_noun(count: int, one: str, many: str) -> str:
    """A counted Dutch noun: '1 rondeverslag', '3 rondeverslagen', '0 rondeverslagen'.

    Every count in a message goes through here, so that no message hedges a plural with brackets or a slash."""
    return f"{count} {one if count == 1 else many}"
