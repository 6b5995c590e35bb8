"""iCalendar (RFC 5545) files for the open lectures, written with the icalendar library.

One file per lecture and one subscribable calendar with all of them. Only lectures with a
date and time get an event; a month-only or unannounced date cannot be put in a calendar.
Everything in the output derives from the content and the build date, so two builds with
the same `SOURCE_DATE_EPOCH` write the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from . import fictional
from .lectures import Lecture

PRODID = "-//Lerende evaluatie maatschappelijk waardevol werk//Openbare colleges//NL"
UID_DOMAIN = "colleges.waardevol-werk"  # stable whatever the site's host; never change it
STATUS = {"aangekondigd": "TENTATIVE", "geannuleerd": "CANCELLED"}  # everything else: CONFIRMED


def _event(lecture: Lecture, url: str, stamp: dt.datetime, demo: bool = False):
    from icalendar import Event

    event = Event()
    event.add("uid", f"{lecture.id}@{fictional.DEMO_UID_DOMAIN if demo else UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", lecture.start)
    if lecture.end:
        event.add("dtend", lecture.end)
    event.add("summary", fictional.title(demo, lecture.title))
    description = "\n\n".join(part for part in (fictional.EVENT_NOTE if demo else None, lecture.summary, url) if part)
    event.add("description", description)
    event.add("url", url)
    event.add("status", STATUS.get(lecture.status, "CONFIRMED"))
    # Clients replace an event they know only when the sequence goes up.
    event.add("sequence", 1 if lecture.previous_start else 0)
    if lecture.venue and lecture.attendance != "online" and lecture.status != "online verplaatst":
        venue = lecture.venue
        event.add("location", ", ".join(p for p in (venue.name, venue.street,
                                                    " ".join(x for x in (venue.postcode, venue.city) if x)) if p))
        if venue.lat is not None and venue.lon is not None:
            event.add("geo", (venue.lat, venue.lon))
    elif lecture.online_url:
        event.add("location", lecture.online_url)
    return event


def render_calendar(lectures: Iterable[Lecture], url_of: dict[str, str], now: dt.datetime,
                    name: str = "Openbare colleges", demo: bool = False) -> bytes:
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
    stamp = now.astimezone(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    timed = [lecture for lecture in lectures if lecture.timed]
    for lecture in timed:
        calendar.add_component(_event(lecture, url_of[lecture.id], stamp, demo))
    if timed:
        # Time-zone rules only for the years the events need keep the file small.
        years = [moment.year for x in timed for moment in (x.start, x.previous_start) if moment]
        calendar.add_missing_timezones(dt.date(min(years) - 1, 1, 1), dt.date(max(years) + 2, 1, 1))
    return calendar.to_ical()
