"""iCalendar (RFC 5545) files for the open lectures, written with the icalendar library.

One file per lecture and one subscribable calendar with all of them. Only lectures with a
date and time get an event; a month-only or unannounced date cannot be put in a calendar.
Everything in the output derives from the content and the build date, so two builds with
the same `SOURCE_DATE_EPOCH` write the same bytes.

The time zone (VTIMEZONE) is written here, not by icalendar: its writer lists several dates on
one RDATE line, and ical.js (Thunderbird's parser) reads only the first of them, so its events
in later summers came out an hour off. We write the EU rule as two yearly RRULEs (the last Sunday
of March and of October, 01:00 UTC), the form Outlook, Google, Apple, ical.js, node-ical and
icalendar all read alike, after checking it against the zoneinfo database for every year the
events need. Should the zone ever stop following that rule (the EU has debated ending the
clock change), each transition is written as its own component instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..base import fictional, identity
from ..content.lectures import Lecture, LectureStatus

PRODID = f"-//{identity.TITLE}//Openbare colleges//NL"
UID_DOMAIN = f"colleges.{identity.ID}"  # stable whatever the site's host; never change it
STATUS = {LectureStatus.ANNOUNCED: "TENTATIVE", LectureStatus.CANCELLED: "CANCELLED"}  # everything else: CONFIRMED


def _unambiguous(moment: dt.datetime) -> dt.datetime:
    """A wall time that occurs twice (the night the clocks go back) or never is written in UTC:
    RFC 5545 means the first of two, ical.js takes the second, so only UTC reads alike."""
    if moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset():
        return moment.astimezone(dt.UTC)
    return moment


def _event(lecture: Lecture, url: str, stamp: dt.datetime, demo: bool = False):
    from icalendar import Event

    event = Event()
    event.add("uid", f"{lecture.id}@{fictional.DEMO_UID_DOMAIN if demo else UID_DOMAIN}")
    if not isinstance(lecture.start, dt.datetime):
        raise ValueError(f"{lecture.id}: only a lecture with a date and a time is a calendar event")
    event.add("dtstamp", stamp)
    event.add("dtstart", _unambiguous(lecture.start))
    if lecture.end:
        event.add("dtend", _unambiguous(lecture.end))
    event.add("summary", fictional.title(demo, lecture.title))
    description = "\n\n".join(part for part in (fictional.EVENT_NOTE if demo else None, lecture.summary, url) if part)
    event.add("description", description)
    event.add("url", url)
    event.add("status", STATUS.get(lecture.status, "CONFIRMED"))
    # Clients replace an event they know only when the sequence goes up.
    event.add("sequence", 1 if lecture.previous_start else 0)
    if lecture.physical_venue:
        venue = lecture.physical_venue
        event.add(
            "location",
            ", ".join(
                p for p in (venue.name, venue.street, " ".join(x for x in (venue.postcode, venue.city) if x)) if p
            ),
        )
        if venue.lat is not None and venue.lon is not None:
            event.add("geo", (venue.lat, venue.lon))
    elif lecture.online_url:
        event.add("location", lecture.online_url)
    return event


def render_calendar(
    lectures: Iterable[Lecture],
    url_of: dict[str, str],
    now: dt.datetime,
    name: str = "Openbare colleges",
    demo: bool = False,
) -> bytes:
    """An .ics file with an event for each timed lecture; `url_of` maps lecture id to page URL.

    The demo's calendar has its own PRODID and UIDs, and says it is fictional in its name and
    in every event (`fictional.py`)."""
    from icalendar import Calendar  # imported here: a site without lectures never pays for it

    calendar = Calendar()
    calendar.add("prodid", fictional.DEMO_PRODID if demo else PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", fictional.title(demo, name))
    stamp = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    timed = [lecture for lecture in lectures if lecture.timed]
    for lecture in timed:
        calendar.add_component(_event(lecture, url_of[lecture.id], stamp, demo))
    if timed:
        years = [moment.year for x in timed for moment in (x.start, x.end, x.previous_start) if moment]
        zones = {
            str(_unambiguous(moment).tzinfo)
            for x in timed
            for moment in (x.start, x.end)
            if isinstance(moment, dt.datetime)  # a timed lecture's start is one
        }
        for zone in sorted(zones - {"UTC"}):
            calendar.subcomponents.insert(0, vtimezone(zone, min(years) - 1, max(years) + 1))
    return calendar.to_ical()


def _transitions(
    zone: dt.tzinfo, first: int, last: int
) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str | None]]:
    """Every offset change of `zone` from 1 January `first` to 31 December `last` (UTC):
    (moment, offset before, offset after, abbreviation after), found to the second."""

    def offset(moment: dt.datetime) -> dt.timedelta:
        delta = moment.astimezone(zone).utcoffset()
        assert delta is not None  # astimezone gives an aware time, which has an offset
        return delta

    found: list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str | None]] = []
    day = dt.datetime(first, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last + 1, 1, 1, tzinfo=dt.UTC)
    while day < end:
        following = day + dt.timedelta(days=1)
        if offset(day) != offset(following):
            low, high = day, following  # offset(low) differs from offset(high): halve to the second
            while high - low > dt.timedelta(seconds=1):
                middle = low + dt.timedelta(seconds=(high - low).total_seconds() // 2)
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            found.append((high, offset(low), offset(high), high.astimezone(zone).tzname()))
        day = following
    return found


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - 6) % 7)


def _follows_eu_rule(changes: list, first: int, last: int) -> bool:
    """Two changes a year, to summer time on the last Sunday of March and back on the last
    Sunday of October, both at 01:00 UTC, for every year from `first` to `last`."""
    expected = [
        dt.datetime.combine(_last_sunday(year, month), dt.time(1), dt.UTC)
        for year in range(first, last + 1)
        for month in (3, 10)
    ]
    return [moment for moment, *_ in changes] == expected and len({c[1:] for c in changes}) == 2


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def vtimezone(key: str, first: int, last: int):
    """A VTIMEZONE for `key` that is right for every moment from `first` to `last` (years)."""
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    zone = ZoneInfo(key)
    changes = _transitions(zone, first, last)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{key}"]

    def onset(moment, before, after, name, *extra):
        kind = "DAYLIGHT" if after > before else "STANDARD"
        lines.extend(
            [
                f"BEGIN:{kind}",
                f"TZNAME:{name}",
                f"TZOFFSETFROM:{_offset(before)}",
                f"TZOFFSETTO:{_offset(after)}",
                f"DTSTART:{(moment + before).replace(tzinfo=None):%Y%m%dT%H%M%S}",
                *extra,
                f"END:{kind}",
            ]
        )

    if changes and _follows_eu_rule(changes, first, last):
        for change, month in zip(changes[:2], (3, 10), strict=False):
            onset(*change, f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY=-1SU")
    else:
        # The offset in force at the start of the range, then each change as its own component
        # with only a DTSTART (no RDATE list for a parser to misread).
        start = dt.datetime(first, 1, 1, tzinfo=dt.UTC)
        here = start.astimezone(zone)
        onset(start, here.utcoffset(), here.utcoffset(), here.tzname())
        for change in changes:
            onset(*change)
    lines.append("END:VTIMEZONE")
    return Timezone.from_ical("\r\n".join(lines) + "\r\n")
