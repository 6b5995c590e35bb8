"""Open lectures (openbare colleges): one Markdown file per lecture under `lectures/`.

    lectures/<id>.md        front matter (LECTURE below) + a description in Markdown
    lectures/<file>.pdf     slides next to the record, named in `slides:`

The id is the file name without `.md`; it is the lecture's URL (`colleges/<id>/`) and the
stable UID of its calendar entry, so it never changes once published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from ..base.context import INVALID, Ctx, Invalid
from ..base.dates import DateTime, PartialDate
from ..base.declare import Derived, record_for, vocabulary
from ..base.kinds import Either, Field, ListOf, Number, Ref, RoundRef, Text, check_slug
from ..base.links import Url, check_sibling_file, link_or_file, url_problem
from ..base.markup import MarkdownText
from ..base.problems import Problems
from ..base.reading import read_document
from ..base.yamlio import Node
from .registry import Person


class LectureStatus(StrEnum):
    """Where a lecture stands. 'voorgenomen': only planned in the project description, with
    nothing known about date or venue; 'aangekondigd' and later need an announcement (or a
    report) to point to."""

    INTENDED = "voorgenomen"
    ANNOUNCED = "aangekondigd"
    SCHEDULED = "gepland"
    RESCHEDULED = "verplaatst"
    MOVED_ONLINE = "online verplaatst"
    CANCELLED = "geannuleerd"
    HELD = "gehouden"


class Attendance(StrEnum):
    IN_PERSON = "op locatie"
    ONLINE = "online"
    MIXED = "beide"

    @property
    def words(self) -> str:
        """How a reader reads it: the value 'beide' alone says nothing on a page."""
        return "op locatie en online" if self is Attendance.MIXED else self.value


STILL_AHEAD = (LectureStatus.INTENDED, LectureStatus.ANNOUNCED, LectureStatus.SCHEDULED)
TBA = "nog niet bekend"
# A cancelled lecture is in the calendar only to say it is off: its length does not matter.
NO_END_NEEDED = (LectureStatus.CANCELLED,)
SLIDE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(pdf|pptx|odp)$")


@dataclass(frozen=True)
class Venue:
    name: Annotated[str, Field(Text(max_length=160), required=True, doc="Naam van de locatie")]
    city: Annotated[str, Field(Text(max_length=80), required=True, doc="Plaats")]
    street: Annotated[str | None, Field(Text(max_length=160), doc="Straat en huisnummer van de locatie")] = None
    postcode: Annotated[str | None, Field(Text(max_length=7), doc="Postcode van de locatie")] = None
    lat: Annotated[float | None, Field(Number(50.7, 53.6), doc="Breedtegraad")] = None
    lon: Annotated[float | None, Field(Number(3.3, 7.3), doc="Lengtegraad")] = None


@dataclass(frozen=True)
class Speaker:
    name: Annotated[str, Field(Text(max_length=120), doc="Naam (niet nodig bij 'person')")] = ""
    organisation: Annotated[str | None, Field(Text(max_length=160), doc="Organisatie")] = None
    role: Annotated[str | None, Field(Text(max_length=160), doc="Openbare rol, zoals lector")] = None
    person: Annotated[
        str | None, Field(Ref(target="person"), doc="Id uit experiments/mensen.yml (voor projectleden)")
    ] = None

    def resolved(self, people: Mapping[str, Person]) -> Speaker:
        """A speaker who is a project member takes name, role and organisation from the registry."""
        if not self.person:
            return self
        member = people[self.person]
        return Speaker(member.name, self.organisation or member.organisation, self.role or member.role, self.person)


class Moment(Either):
    """A lecture's start: a date-time with zone, a month (2024-05), or 'nog niet bekend' (None)."""

    def parse(self, node: Node, path: str, ctx: Ctx) -> dt.datetime | PartialDate | Invalid | None:
        text = getattr(node, "text", "").strip()
        if text == TBA:
            return None
        if re.fullmatch(r"\d{4}-\d{2}", text):
            month = int(text[5:])
            if 1 <= month <= 12:
                return PartialDate(int(text[:4]), month)
        return DateTime().parse(node, path, ctx)

    def json(self) -> dict[str, Any]:
        return {"anyOf": [DateTime().json(), {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, {"const": TBA}]}


def _check_speaker(values: dict[str, Any], lines: dict[str, int], path: str, ctx: Ctx) -> bool:
    if "name" in values or "person" in values:
        return True
    ctx.error(min(lines.values(), default=1), f"{path}.name", "geef 'name' of 'person' (id uit experiments/mensen.yml)")
    return False


SPEAKER = record_for(Speaker, check=_check_speaker, first=("person",))


@dataclass(frozen=True)
class Lecture:
    id: Annotated[str, Derived("the file name")]
    path: Annotated[str, Derived("the file, relative to the repository root")]
    title: Annotated[
        str,
        Field(
            Text(max_length=200),
            required=True,
            doc="Titel van het college",
            label="titel",
            example="Openbaar college ronde 1",
        ),
    ]
    round: Annotated[
        int,
        Field(RoundRef(), required=True, example="1", doc="Nummer van de ronde die het college afsluit", label="ronde"),
    ]
    status: Annotated[
        LectureStatus,
        Field(
            vocabulary(LectureStatus),
            required=True,
            example="voorgenomen",
            doc="Stand van het college ('voorgenomen': alleen gepland in de projectbeschrijving)",
            label="status",
        ),
    ]
    # None: date to be announced
    start: Annotated[
        dt.datetime | PartialDate | None,
        Field(
            Moment(),
            required=True,
            example=TBA,
            doc="Begin: datum en tijd met tijdzone, alleen een maand (2024-05), of 'nog niet bekend'",
            label="begin",
        ),
    ] = None
    end: Annotated[
        dt.datetime | None,
        Field(
            DateTime(),
            doc="Einde, met tijdzone (nodig bij een begintijd met "
            "datum en tijd, behalve als het college geannuleerd is)",
        ),
    ] = None
    previous_start: Annotated[
        dt.datetime | None,
        Field(
            DateTime(), doc="De oorspronkelijke begintijd van een verplaatst college", label="oorspronkelijke begintijd"
        ),
    ] = None
    summary: Annotated[
        str | None,
        Field(Text(max_length=400), doc="Eén of twee zinnen voor overzichten en agenda's", label="samenvatting"),
    ] = None
    venue: Annotated[Venue | None, Field(record_for(Venue), doc="Locatie")] = None
    online_url: Annotated[
        str | None, Field(Url(), doc="Link naar de livestream of online sessie", label="online sessie")
    ] = None
    attendance: Annotated[
        Attendance | None, Field(vocabulary(Attendance), doc="Op locatie, online of beide", label="deelname")
    ] = None
    speakers: Annotated[
        tuple[Speaker, ...], Field(ListOf(SPEAKER, unique=False), doc="Sprekers (alleen in hun openbare rol)")
    ] = ()
    registration_url: Annotated[str | None, Field(Url(), doc="Link om je aan te melden", label="aanmelden")] = None
    recording_url: Annotated[str | None, Field(Url(), doc="Opname, na afloop")] = None
    slides: Annotated[
        str | None, Field(Url(allow_relative=True), doc="Dia's: een link, of een bestand naast dit college")
    ] = None
    report: Annotated[
        str | None, Field(MarkdownText(max_length=8000), doc="Kort verslag, na afloop (Markdown)", label="verslag")
    ] = None
    experiments: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Ref(target="experiment")),
            doc="Ids van de experimenten waarover het college gaat",
            label="experimenten",
        ),
    ] = ()
    publications: Annotated[
        tuple[str, ...],
        Field(ListOf(Ref(target="publication")), doc="Ids van publicaties bij dit college", label="publicaties"),
    ] = ()
    description: Annotated[str, Derived("the Markdown body", markdown=True)] = ""
    lines: Annotated[dict[str, int], Derived("field -> line in the file")] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def timed(self) -> bool:
        return isinstance(self.start, dt.datetime)

    @property
    def slides_file(self) -> str | None:
        """The slides' file name when they are a file beside the record (not a link), else None."""
        if not self.slides or url_problem(self.slides, allow_relative=False) is None:
            return None
        return self.slides

    @property
    def slides_is_file(self) -> bool:
        return self.slides_file is not None

    @property
    def is_intended(self) -> bool:
        """Only planned in the project description: nothing is known about date or venue."""
        return self.status == LectureStatus.INTENDED

    @property
    def is_cancelled(self) -> bool:
        return self.status == LectureStatus.CANCELLED

    @property
    def attendance_mode(self) -> Attendance | None:
        """How one attends: online once the lecture has moved online, else as announced (or None)."""
        return Attendance.ONLINE if self.status == LectureStatus.MOVED_ONLINE else self.attendance

    @property
    def physical_venue(self) -> Venue | None:
        """The venue where people meet; None for a lecture that is (or has moved) online only."""
        return self.venue if self.venue and self.attendance_mode != Attendance.ONLINE else None

    @property
    def meets_online(self) -> bool:
        """Attended online, wholly or in part."""
        return self.attendance_mode in (Attendance.ONLINE, Attendance.MIXED)

    def status_words(self, now: dt.datetime) -> str:
        """The status as a reader reads it: a recorded status of a lecture whose date has passed
        ('gepland', 'online verplaatst') says the date is over, without claiming it took place."""
        if self.is_past(now) and self.status not in (LectureStatus.HELD, LectureStatus.CANCELLED):
            return f"{self.status}, datum voorbij"
        return str(self.status)

    def is_past(self, now: dt.datetime) -> bool:
        """Over by `now` (a month-only date counts as over once the month is)."""
        if isinstance(self.start, dt.datetime):
            return (self.end or self.start) < now
        if isinstance(self.start, PartialDate):
            return (self.start.year, self.start.month or 12) < (now.year, now.month)
        return False

    @property
    def sort_key(self) -> tuple[int, float, str]:
        if isinstance(self.start, dt.datetime):
            return (0, self.start.timestamp(), self.id)
        if isinstance(self.start, PartialDate):
            return (
                0,
                dt.datetime(self.start.year, self.start.month or 1, 1, tzinfo=dt.UTC).timestamp(),
                self.id,
            )
        return (1, 0, self.id)

    @property
    def missing_afterwards(self) -> tuple[str, ...]:
        """What a held lecture still lacks: report, recording, slides."""
        if self.is_cancelled:
            return ()
        return tuple(
            name
            for name, value in (("verslag", self.report), ("opname", self.recording_url), ("dia's", self.slides))
            if not value
        )


def _check_lecture(values: dict[str, Any], lines: dict[str, int], path: str, ctx: Ctx) -> bool:
    ok = True
    start, end = values.get("start"), values.get("end")
    if end is not None and not isinstance(start, dt.datetime):
        ctx.error(
            lines["end"],
            "end",
            "een eindtijd kan alleen bij een begintijd met datum en tijd; vul 'start' aan of haal 'end' weg",
        )
        ok = False
    elif end is not None and end <= start:
        ctx.error(
            lines["end"],
            "end",
            f"eindtijd {end:%Y-%m-%d %H:%M} ligt niet na begintijd {start:%Y-%m-%d %H:%M}; verbeter een van beide",
        )
        ok = False
    status = values.get("status")
    if end is None and isinstance(start, dt.datetime) and status not in NO_END_NEEDED:
        # Without an end a calendar shows a moment of no length; the real end time is only known
        # to the researcher, so it is asked for, never guessed.
        ctx.error(
            lines["start"],
            "end",
            "een college met datum en tijd heeft ook een eindtijd, anders staat het "
            f"zonder duur in agenda's; voeg de echte eindtijd toe, zoals end: {start:%Y-%m-%d} UU:MM "
            "Europe/Amsterdam",
        )
        ok = False
    if status == LectureStatus.RESCHEDULED and "previous_start" not in values:
        ctx.error(
            lines["status"],
            "previous_start",
            "een verplaatst college bewaart de oude datum; zet die in 'previous_start'",
        )
        ok = False
    if status == LectureStatus.MOVED_ONLINE and values.get("attendance") not in (None, Attendance.ONLINE):
        ctx.error(lines["attendance"], "attendance", "een online verplaatst college is 'online'; pas 'attendance' aan")
        ok = False
    if values.get("attendance") in (Attendance.IN_PERSON, Attendance.MIXED) and "venue" not in values:
        ctx.error(lines["attendance"], "venue", "een college op locatie heeft een 'venue' (naam en plaats)")
        ok = False
    slides = values.get("slides")
    if slides and not link_or_file(slides, SLIDE_FILE):
        ctx.error(
            lines["slides"],
            "slides",
            "verwacht een link (https://…) of de naam van een bestand naast "
            "dit college, zoals college-1-dias.pdf (pdf, pptx of odp, zonder mappen)",
        )
        ok = False
    return ok


LECTURE = record_for(Lecture, check=_check_lecture)
DESCRIPTION = MarkdownText(max_length=20_000)


def load_lectures(root: Path, problems: Problems) -> list[Lecture]:
    """Every lecture under `root/lectures/`, in date order (date to be announced last)."""
    base = root / "lectures"
    lectures = []
    for path in sorted(base.glob("*.md")) if base.is_dir() else []:
        if path.name.startswith(("_", ".")) or path.name == "README.md":
            continue
        lecture = read_lecture(root, path, problems)
        if lecture is not None:
            lectures.append(lecture)
    return sorted(lectures, key=lambda lecture: lecture.sort_key)


def read_lecture(root: Path, path: Path, problems: Problems) -> Lecture | None:
    parsed = read_document(root, path, LECTURE, DESCRIPTION, "tekst", problems)
    ident = check_slug(path.stem, 1, "bestandsnaam", Ctx(path.relative_to(root).as_posix(), problems))
    if parsed is None or ident is INVALID:
        return None
    ctx, values, lines, body, _ = parsed
    if not check_sibling_file(path, values.get("slides"), "slides", lines, ctx, "dit college"):
        return None
    return Lecture(id=ident, path=ctx.rel, description=body, lines=lines, **values)


def check_passed(lectures: list[Lecture], now: dt.datetime, problems: Problems) -> None:
    """A lecture whose date has passed while its status still looks ahead: say what to do."""
    for lecture in lectures:
        if lecture.status not in STILL_AHEAD or lecture.start is None or not lecture.is_past(now):
            continue
        problems.add(
            lecture.path,
            lecture.lines.get("status", 1),
            "status",
            f"de datum van dit college is voorbij, maar de stand is nog '{lecture.status}'; zet de "
            "stand op 'gehouden' (met een verslag of opname als die er is) of 'geannuleerd', of geef "
            "de nieuwe datum",
        )
