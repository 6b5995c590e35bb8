"""schema.org JSON-LD, serialised safely for a <script> element."""

from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup

from ..base import fictional
from ..base.dates import PartialDate
from ..content import paths
from ..content.lectures import Attendance, Lecture, LectureStatus

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    LectureStatus.RESCHEDULED: "EventRescheduled",
    LectureStatus.MOVED_ONLINE: "EventMovedOnline",
    LectureStatus.CANCELLED: "EventCancelled",
}  # everything else: EventScheduled
ATTENDANCE_MODE = {
    Attendance.IN_PERSON: "OfflineEventAttendanceMode",
    Attendance.ONLINE: "OnlineEventAttendanceMode",
    Attendance.MIXED: "MixedEventAttendanceMode",
}


def card_url(settings) -> str:
    """The share card (og:image) of the site: tools/make_card.py, copied from macros/assets/;
    the same file as the theme's og:image (macros/theme/main.html)."""
    return settings.absolute(paths.share_card(settings.demo))


def script(data: dict) -> Markup:
    """`<script type="application/ld+json">` whose content can never close the element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _when(value: dt.datetime | PartialDate) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def event(lecture: Lecture, url: str, organizer: dict, image: str | None = None, demo: bool = False) -> dict | None:
    """An Event for a lecture with at least a month; None while the date is unknown. `image`: the
    site's share card (`card_url`); `endDate` where the lecture has an end time; `offers` with the
    registration link where there is one (no price or availability: the records do not know them)."""
    if lecture.start is None:
        return None
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": fictional.title(demo, lecture.title),
        "startDate": _when(lecture.start),
        "eventStatus": SCHEMA + EVENT_STATUS.get(lecture.status, "EventScheduled"),
        "url": url,
        "organizer": {"@type": "Organization", **organizer},
    }
    if image:
        data["image"] = image
    if lecture.end:
        data["endDate"] = _when(lecture.end)
    if lecture.registration_url:
        data["offers"] = {"@type": "Offer", "url": lecture.registration_url}
    if lecture.previous_start:
        data["previousStartDate"] = _when(lecture.previous_start)
    if lecture.attendance_mode:
        data["eventAttendanceMode"] = SCHEMA + ATTENDANCE_MODE[lecture.attendance_mode]
    locations = []
    if lecture.physical_venue:
        venue = lecture.physical_venue
        address = {"@type": "PostalAddress", "addressLocality": venue.city, "addressCountry": "NL"}
        if venue.street:
            address["streetAddress"] = venue.street
        if venue.postcode:
            address["postalCode"] = venue.postcode
        locations.append({"@type": "Place", "name": venue.name, "address": address})
    if lecture.online_url and lecture.meets_online:
        locations.append({"@type": "VirtualLocation", "url": lecture.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if lecture.speakers:
        data["performer"] = [
            {
                "@type": "Person",
                "name": s.name,
                **({"affiliation": {"@type": "Organization", "name": s.organisation}} if s.organisation else {}),
            }
            for s in lecture.speakers
        ]
    if lecture.summary:
        data["description"] = lecture.summary
    if demo:  # a search engine or calendar that reads only this data learns it is invented
        data["description"] = " ".join(filter(None, [fictional.EVENT_NOTE, data.get("description")]))
    return data
