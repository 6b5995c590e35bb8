"""Each field is declared once, on its model: `record_for` builds the file's Record from it; the
vocabularies are StrEnums, and the lecture rules that iCalendar, JSON-LD and pages share are
properties of the model."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import InitVar, dataclass
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

import pytest

from macros.base.context import INVALID, Ctx
from macros.base.dates import Date
from macros.base.declare import Derived, Vocabulary, record_for, vocabulary
from macros.base.kinds import Choice, Field, Integer, ListOf, Text
from macros.base.problems import Problems
from macros.base.yamlio import parse_yaml
from macros.content.experiments import EXPERIMENT, ROUND_REPORT, Experiment, RoundReport
from macros.content.lectures import LECTURE, Attendance, Lecture, LectureStatus, Venue
from macros.content.publications import AUTHOR, PUBLICATION, Author, Publication
from macros.content.registry import MUNICIPALITY, PERSON, ROUND, THEME, Municipality, Person, Round, Theme
from macros.formats import ical, jsonld


class Colour(StrEnum):
    RED = "rood"
    GREEN = "groen"


@dataclass(frozen=True)
class Span:
    start: Annotated[dt.date, Field(Date(), required=True, doc="Begin")]
    end: Annotated[dt.date, Field(Date(), required=True, doc="Einde")]


@dataclass(frozen=True)
class Thing:
    path: Annotated[str, Derived("where it was read")]
    name: Annotated[str, Field(Text(max_length=20), required=True, doc="Naam", example="lamp")]
    count: Annotated[int, Field(Integer(0, 9), doc="Aantal")] = 0
    span: InitVar[Annotated[Span | None, Field(record_for(Span), doc="Periode")]] = None
    start: Annotated[dt.date | None, Derived("span.start")] = None
    colours: Annotated[tuple[Colour, ...], Field(ListOf(vocabulary(Colour)), doc="Kleuren")] = ()

    def __post_init__(self, span: Span | None) -> None:
        if span is not None:
            object.__setattr__(self, "start", span.start)


def parse(record, text: str):
    problems = Problems()
    values = record.parse_values(parse_yaml(text, "x.yml", problems), "", Ctx("x.yml", problems))
    return values, [str(p) for p in problems.items]


def test_the_record_lists_the_declared_fields_in_order_without_derived_ones():
    record = record_for(Thing)
    assert list(record.fields) == ["name", "count", "span", "colours"]
    assert record.fields["name"].required and record.fields["name"].example == "lamp"
    assert not record.fields["count"].required and record.fields["count"].doc == "Aantal"
    assert record.build is Thing
    assert list(record_for(Thing, first=("colours", "count")).fields) == ["colours", "count", "name", "span"]


def test_values_read_build_the_model_with_groups_and_vocabularies():
    (values, lines), problems = parse(
        record_for(Thing), "name: lamp\nspan:\n  start: 2024-01-02\n  end: 2024-02-01\ncolours: [rood, groen]\n"
    )
    assert problems == []
    thing = Thing(path="x.yml", **values)
    assert thing.start == dt.date(2024, 1, 2) and "span" not in {f.name for f in dataclasses.fields(Thing)}
    assert thing.colours == (Colour.RED, Colour.GREEN) and all(type(c) is Colour for c in thing.colours)
    assert thing.colours == ("rood", "groen") and f"{thing.colours[0]}" == "rood"  # YAML and templates see text


def test_a_derived_field_is_not_accepted_from_the_file():
    result, problems = parse(record_for(Thing), "name: lamp\npath: elders.yml\n")
    assert result is INVALID
    assert problems == ["x.yml:2: path: onbekend veld; toegestaan zijn: name, count, span, colours"]


def test_a_vocabulary_reports_like_a_choice():
    choice = Choice(("rood", "groen"))
    assert Vocabulary(vocabulary=Colour).choices == choice.choices
    assert Vocabulary(vocabulary=Colour).json() == choice.json()
    wrong = "name: lamp\ncolours: [rod]\n"
    plain = record_for(Thing)
    plain.fields["colours"] = Field(ListOf(choice))
    assert (
        parse(record_for(Thing), wrong)[1]
        == parse(plain, wrong)[1]
        == ["x.yml:2: colours[0]: onbekende waarde 'rod' (bedoel je 'rood'?); kies uit 'rood' of 'groen'"]
    )


def test_an_undeclared_field_is_refused_when_the_model_is_declared():
    @dataclass
    class Loose:
        name: Annotated[str, Field(Text(), required=True)]
        note: str = ""

    with pytest.raises(TypeError, match=r"Loose.note: declare it with Annotated"):
        record_for(Loose)


def test_an_optional_field_without_default_and_an_unknown_first_are_refused():
    @dataclass
    class NoDefault:
        name: Annotated[str, Field(Text())]

    with pytest.raises(TypeError, match="NoDefault.name: an optional file field needs a default"):
        record_for(NoDefault)
    with pytest.raises(TypeError, match="first= names fields it does not declare: colour"):
        record_for(Thing, first=("colour",))


@pytest.mark.parametrize(
    "record, model, derived",
    [
        (EXPERIMENT, Experiment, {"slug", "path", "reports", "lines"}),
        (ROUND_REPORT, RoundReport, {"experiment", "path", "start", "end", "findings", "findings_line"}),
        (LECTURE, Lecture, {"id", "path", "description", "lines"}),
        (PUBLICATION, Publication, {"id", "path"}),
        (AUTHOR, Author, set()),
        (MUNICIPALITY, Municipality, {"id"}),
        (ROUND, Round, {"number"}),
        (THEME, Theme, {"id"}),
        (PERSON, Person, {"id"}),
    ],
    ids=lambda x: getattr(x, "__name__", ""),
)
def test_each_content_file_holds_exactly_the_models_fields_less_the_derived(record, model, derived):
    fields = {f.name for f in dataclasses.fields(model)}
    assert set(record.fields) - fields <= {"period"}  # a RoundReport's period is read into start and end
    assert fields - set(record.fields) == derived


AMS = ZoneInfo("Europe/Amsterdam")
VENUE = Venue("Zaal", "Utrecht", street="Straat 1", postcode="3500 AA")


def lecture(
    status: LectureStatus,
    attendance: Attendance | None,
    venue: Venue | None = VENUE,
    online_url: str | None = "https://stream.example.nl/",
) -> Lecture:
    return Lecture(
        id="c",
        path="lectures/c.md",
        title="C",
        round=1,
        status=status,
        start=dt.datetime(2024, 5, 16, 15, tzinfo=AMS),
        end=dt.datetime(2024, 5, 16, 17, tzinfo=AMS),
        venue=venue,
        attendance=attendance,
        online_url=online_url,
    )


@pytest.mark.parametrize(
    "status, attendance, mode, venue, online",
    [
        (LectureStatus.SCHEDULED, Attendance.IN_PERSON, Attendance.IN_PERSON, True, False),
        (LectureStatus.SCHEDULED, Attendance.MIXED, Attendance.MIXED, True, True),
        (LectureStatus.SCHEDULED, Attendance.ONLINE, Attendance.ONLINE, False, True),
        (LectureStatus.SCHEDULED, None, None, True, False),
        (LectureStatus.MOVED_ONLINE, None, Attendance.ONLINE, False, True),
        (LectureStatus.MOVED_ONLINE, Attendance.ONLINE, Attendance.ONLINE, False, True),
    ],
)
def test_lecture_rules_and_the_formats_that_follow_them(status, attendance, mode, venue, online):
    item = lecture(status, attendance)
    assert (item.attendance_mode, item.physical_venue is not None, item.meets_online) == (mode, venue, online)
    event = ical._event(item, "https://site.example.nl/colleges/c/", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert str(event["location"]) == ("Zaal, Straat 1, 3500 AA Utrecht" if venue else "https://stream.example.nl/")
    data = jsonld.event(item, "https://site.example.nl/colleges/c/", {"name": "HR"})
    places = data.get("location", [])
    places = [places] if isinstance(places, dict) else places
    assert [p["@type"] for p in places] == ["Place"] * venue + ["VirtualLocation"] * online
    assert data.get("eventAttendanceMode") == (jsonld.SCHEMA + jsonld.ATTENDANCE_MODE[mode] if mode else None)


@pytest.mark.parametrize(
    "status, ical_status, event_status",
    [
        (LectureStatus.ANNOUNCED, "TENTATIVE", "EventScheduled"),
        (LectureStatus.SCHEDULED, "CONFIRMED", "EventScheduled"),
        (LectureStatus.RESCHEDULED, "CONFIRMED", "EventRescheduled"),
        (LectureStatus.MOVED_ONLINE, "CONFIRMED", "EventMovedOnline"),
        (LectureStatus.CANCELLED, "CANCELLED", "EventCancelled"),
        (LectureStatus.HELD, "CONFIRMED", "EventScheduled"),
    ],
)
def test_each_status_has_its_calendar_and_schema_org_status(status, ical_status, event_status):
    item = lecture(status, Attendance.IN_PERSON)
    assert item.is_cancelled == (status == "geannuleerd") and not item.is_intended
    event = ical._event(item, "https://site.example.nl/colleges/c/", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert str(event["status"]) == ical_status
    assert jsonld.event(item, "u", {})["eventStatus"] == jsonld.SCHEMA + event_status
