"""Dates as researchers write them: a day, a partial date (year or month), a moment with its zone.

Each is a kind (`Date`, `PartialDateKind`, `DateTime`) that returns `date`, `PartialDate` or an
aware `datetime`, never a string; `check_period` is the record check that an end does not come
before its start. Dutch month names live here once, for every page and format that writes a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .context import INVALID, Ctx, Invalid, show
from .kinds import Kind
from .yamlio import Scalar

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class Date(Kind[dt.date]):
    """A calendar day written as 2022-03-01."""

    doc: str = "datum (JJJJ-MM-DD)"
    expected = "een datum"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> dt.date | Invalid:
        return parse_date(text, scalar.line, path, ctx)

    def json(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


def parse_date(text: str, line: int, path: str, ctx: Ctx) -> dt.date | Invalid:
    """A date from 2022-03-01 (an existing day), or INVALID with the problem recorded."""
    if not ISO_DATE.match(text):
        return ctx.error(line, path, f"verwacht een datum als 2022-03-01 (jaar-maand-dag), maar vond {show(text)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return ctx.error(line, path, f"{text} is geen bestaande datum; controleer dag en maand")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date, as researchers know them."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        """The first day the partial date covers (1 January for a year)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def dutch(self) -> str:
        """2023, mei 2023 or 17 mei 2023."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS_NL[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS_NL[self.month - 1]} {self.year}"


MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# The English three-letter months: BibTeX's month macros, and months as exports write them.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dutch_date(value: dt.date) -> str:
    """1 maart 2022."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


@dataclass
class PartialDateKind(Kind[PartialDate]):
    """A year (2023), a month (2023-05) or a day (2023-05-17), as a `PartialDate`."""

    doc: str = "jaar (2023), maand (2023-05) of datum (2023-05-17)"
    expected = "een jaar, maand of datum"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> PartialDate | Invalid:
        if re.fullmatch(r"\d{4}", text):
            return PartialDate(int(text))
        match = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if match:
            month = int(match.group(2))
            if not 1 <= month <= 12:
                return ctx.error(scalar.line, path, f"maand {month} bestaat niet; gebruik 01 tot en met 12")
            return PartialDate(int(match.group(1)), month)
        if ISO_DATE.match(text):
            value = parse_date(text, scalar.line, path, ctx)
            return value if value is INVALID else PartialDate(value.year, value.month, value.day)
        return ctx.error(
            scalar.line,
            path,
            f"verwacht een jaar (2023), maand (2023-05) of datum (2023-05-17), maar vond {show(text)}",
        )

    def json(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            ]
        }


def check_period(values: dict[str, Any], lines: dict[str, int], path: str, ctx: Ctx) -> bool:
    """A record check: `end` before `start` is an error (dates or partial dates)."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return True

    def first(value: dt.date | PartialDate) -> dt.date:
        return value.first_day if isinstance(value, PartialDate) else value

    if first(end) >= first(start):
        return True
    ctx.error(
        lines["end"], f"{path}.end" if path else "end", f"einde {end} ligt voor begin {start}; verbeter een van beide"
    )
    return False


AMSTERDAM = "Europe/Amsterdam"
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:\d{2}|Europe/Amsterdam)?$")


@dataclass
class DateTime(Kind[dt.datetime]):
    """A moment with its time zone: 2024-05-16T15:00+02:00 or 2024-05-16 15:00 Europe/Amsterdam."""

    doc: str = "datum en tijd met tijdzone (2024-05-16T15:00+02:00 of 2024-05-16 15:00 Europe/Amsterdam)"
    expected = "een datum en tijd"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> dt.datetime | Invalid:
        return parse_datetime(text, scalar.line, path, ctx)

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _DATETIME.pattern}


def parse_datetime(text: str, line: int, path: str, ctx: Ctx) -> dt.datetime | Invalid:
    """An aware datetime in Europe/Amsterdam; a missing or wrong zone is an error."""
    from zoneinfo import ZoneInfo

    match = _DATETIME.match(text)
    if not match:
        return ctx.error(
            line,
            path,
            f"verwacht datum en tijd als 2024-05-16T15:00+02:00 of "
            f"2024-05-16 15:00 Europe/Amsterdam, maar vond {show(text)}",
        )
    day, hour, minute, second, zone = match.groups()
    if zone is None:
        return ctx.error(
            line, path, f"tijd zonder tijdzone ({show(text)}); schrijf er +01:00/+02:00 of Europe/Amsterdam achter"
        )
    date = parse_date(day, line, path, ctx)
    if date is INVALID:
        return INVALID
    if not (int(hour) < 24 and int(minute) < 60 and int(second or 0) < 60):
        return ctx.error(line, path, f"{hour}:{minute} is geen bestaande tijd")
    tz = ZoneInfo(AMSTERDAM)
    local = dt.datetime(date.year, date.month, date.day, int(hour), int(minute), int(second or 0), tzinfo=tz)
    if zone != AMSTERDAM:
        offset = (
            dt.timedelta(0)
            if zone == "Z"
            else ((1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        )
        if local.utcoffset() != offset:
            expected = local.utcoffset()
            assert expected is not None  # an aware datetime always has an offset
            hours = int(expected.total_seconds() // 3600)
            return ctx.error(
                line,
                path,
                f"tijdzone {zone} klopt niet voor Nederland op {date.isoformat()}; "
                f"daar geldt +{hours:02d}:00 (of schrijf Europe/Amsterdam)",
            )
    return local
