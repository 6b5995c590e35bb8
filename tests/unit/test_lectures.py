"""Open lectures: strict records, calendars read by an independent parser, event data, and the
upcoming/past split around one build date."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import vobject

from cases_content import EXPERIMENT
from cases_problems import BAD_LECTURES, LEC
from macros.content.site import load_site
from macros.pages.lecture_pages import lecture_assets, render_lecture, render_lectures_index
from macros.pages.render import Settings
from support import fixture_project, mkdocs_build, problems_of

AMS = "Europe/Amsterdam"


@pytest.fixture(autouse=True)
def build_date_before_the_lectures(monkeypatch) -> None:
    """These lectures are set in 2024; a build then still sees them ahead (a passed 'gepland'
    lecture is a content problem, tested on its own below)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01


def lecture_problems(tree, front: str, body: str = "", extra: dict | None = None) -> list[str]:
    files = {"experiments/x/experiment.yml": EXPERIMENT, LEC: f"---\n{front}---\n{body}", **(extra or {})}
    return problems_of(tree(files))


@pytest.mark.parametrize("front, expected", BAD_LECTURES.values(), ids=BAD_LECTURES.keys())
def test_bad_lecture_is_reported_exactly(tree, front, expected) -> None:
    assert lecture_problems(tree, front) == expected


def test_an_empty_lecture_file_asks_for_front_matter(tree) -> None:
    assert problems_of(tree({"experiments/x/experiment.yml": EXPERIMENT, LEC: ""})) == [
        f"{LEC}:1: -: front matter ontbreekt; begin het bestand met een regel '---', de velden, en weer een regel '---'"
    ]


def test_cancelled_lecture_needs_no_end_and_problems_come_together(tree) -> None:
    assert lecture_problems(tree, "title: C\nround: 1\nstatus: geannuleerd\nstart: 2024-05-16T15:00+02:00\n") == []
    files = {
        "experiments/x/experiment.yml": EXPERIMENT,
        LEC: "---\ntitle: C\nround: 1\nstatus: gepland\nstart: 2024-05-16T15:00+02:00\n---\n",
        "lectures/b.md": "---\ntitle: B\nround: 1\nstatus: gepland\nstart: 2024-06-01T10:00+02:00\n"
        "attendance: op locatie\n---\n",
    }
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems_of(tree(files))] == [
        "lectures/b.md:5: end",
        "lectures/b.md:6: venue",
        f"{LEC}:5: end",
    ]


def test_raw_html_in_the_description(tree) -> None:
    assert lecture_problems(
        tree, "title: C\nround: 1\nstatus: gepland\nstart: nog niet bekend\n", "Welkom <iframe src=x>\n"
    ) == [
        f"{LEC}:7: tekst: ruwe HTML ('<iframe'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, "
        "[tekst](https://…)) of zet code tussen `backticks`"
    ]


def test_times_are_read_in_dutch_local_time(tree) -> None:
    root = tree(
        {
            LEC: "---\ntitle: C\nround: 1\nstatus: gepland\nstart: 2024-01-10T15:00+01:00\n"
            "end: 2024-01-10 17:00 Europe/Amsterdam\n---\n"
        }
    )
    lecture = load_site(root).lectures[0]
    assert lecture.start == dt.datetime(2024, 1, 10, 14, 0, tzinfo=dt.UTC)
    assert str(lecture.end.tzinfo) == AMS and lecture.end.hour == 17


SPLIT_LECTURE = (
    "---\ntitle: Het college\nround: 1\nstatus: gepland\nstart: 2024-05-16 15:00 Europe/Amsterdam\n"
    "end: 2024-05-16 17:00 Europe/Amsterdam\nregistration_url: https://aanmelden.example.org/\n"
    "recording_url: https://video.example.org/\n---\n"
)


@pytest.mark.parametrize(
    "now, upcoming",
    [
        (dt.datetime(2024, 5, 16, 14, 59, tzinfo=dt.UTC), True),  # 16:59 in Amsterdam: still on
        (dt.datetime(2024, 5, 16, 15, 1, tzinfo=dt.UTC), False),  # 17:01 in Amsterdam: over
    ],
)
def test_upcoming_and_past_follow_the_build_date(tree, now, upcoming) -> None:
    site = load_site(tree({LEC: SPLIT_LECTURE}))
    settings = Settings("https://example.org/", now)
    index = render_lectures_index(site, settings).markdown
    komend, _, afgelopen = index.partition("## Afgelopen colleges")  # a section only when it has lectures
    assert ("Het college" in komend) is upcoming
    assert ("Het college" in afgelopen) is not upcoming
    page = render_lecture(site, site.lectures[0], settings).markdown
    assert ("Aanmelden" in page) is upcoming
    assert ("Opname bekijken" in page) is not upcoming


def test_jsonld_cannot_close_its_script_element(tree) -> None:
    root = tree(
        {LEC: '---\ntitle: "</script><script>alert(1)</script>"\nround: 1\nstatus: gepland\nstart: 2024-05\n---\n'}
    )
    site = load_site(root)
    page = render_lecture(
        site, site.lectures[0], Settings("https://example.org/", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    )
    block = page.markdown.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_assets_include_slides_and_calendars(tree) -> None:
    root = tree(
        {
            LEC: SPLIT_LECTURE.replace("recording_url", "slides: dias.pdf\nrecording_url"),
            "lectures/dias.pdf": b"%PDF-1.4\n",
        }
    )
    site = load_site(root)
    assets = {a.uri: a for a in lecture_assets(site, Settings("https://example.org/", dt.datetime.now(dt.UTC)))}
    assert set(assets) == {"colleges/colleges.ics", "colleges/college.ics", "colleges/college/dias.pdf"}
    assert assets["colleges/college/dias.pdf"].path == root / "lectures/dias.pdf"


# --- the built demo site: what calendar apps, search engines and readers get -----------------


def read_calendar(path: Path):
    raw = path.read_bytes()
    return raw, vobject.readOne(raw.decode("utf-8"))


def test_calendar_files_are_valid_rfc5545(demo_site: Path) -> None:
    files = sorted((demo_site / "colleges").glob("*.ics"))
    assert [f.name for f in files] == [
        "colleges.ics",
        "demo-college-ronde-1.ics",
        "demo-college-ronde-2.ics",
        "demo-college-ronde-3.ics",
        "demo-extra-geannuleerd.ics",
        "demo-verplaatst.ics",
    ]
    for path in files:
        raw, calendar = read_calendar(path)
        lines = raw.split(b"\r\n")
        assert lines[-1] == b"" and all(b"\n" not in line for line in lines), path
        assert all(len(line) <= 75 for line in lines), path
        assert calendar.version.value == "2.0"
        assert calendar.prodid.value.startswith("-//Voorbeeldsite met fictieve inhoud")
        assert calendar.vtimezone.tzid.value == AMS
        for event in calendar.vevent_list:
            assert event.uid.value.endswith("@colleges.demo.waardevol-werk.example")
            assert event.dtstamp.value == dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
            assert str(event.dtstart.value.tzinfo) in (AMS, "<tzicalvtz 'Europe/Amsterdam'>") or event.dtstart.params[
                "TZID"
            ] == [AMS]


def test_calendar_events_carry_the_record(demo_site: Path) -> None:
    _, calendar = read_calendar(demo_site / "colleges/colleges.ics")
    events = {e.uid.value.split("@")[0]: e for e in calendar.vevent_list}
    assert sorted(events) == [
        "demo-college-ronde-1",
        "demo-college-ronde-2",
        "demo-college-ronde-3",
        "demo-extra-geannuleerd",
        "demo-verplaatst",
    ]
    third = events["demo-college-ronde-3"]
    assert third.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert third.dtstart.value.replace(tzinfo=None) == dt.datetime(2027, 3, 11, 15, 0)
    assert third.location.value == "Stadhuis Voorbeelddam, Marktplein 2, 0000 YY Voorbeelddam"
    note, summary, _ = third.description.value.split("\n\n")
    assert note.startswith("Fictief voorbeeld") and third.summary.value.startswith("[FICTIEF] Derde")
    assert summary.startswith('Wat leren we van drie rondes? Met een "debat" & vragen')
    assert third.status.value == "CONFIRMED"
    assert events["demo-extra-geannuleerd"].status.value == "CANCELLED"
    assert events["demo-verplaatst"].sequence.value == "1"
    assert events["demo-college-ronde-2"].location.value == "https://live.example.org/college-2"
    raw = (demo_site / "colleges/colleges.ics").read_bytes()
    assert b"LOCATION:Stadhuis Voorbeelddam\\, Marktplein 2\\, 0000 YY Voorbeelddam" in raw


def jsonld_of(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, page
    return json.loads(match.group(1))


def test_event_jsonld(demo_site: Path) -> None:
    third = jsonld_of(demo_site / "colleges/demo-college-ronde-3/index.html")
    assert (
        third["@type"] == "Event" and third["name"] == "[FICTIEF] Derde openbaar college – lessen voor het stelsel"
    )  # the demo says so
    assert third["startDate"] == "2027-03-11T15:00:00+01:00" and third["endDate"] == "2027-03-11T17:30:00+01:00"
    assert third["eventStatus"] == "https://schema.org/EventScheduled"
    assert third["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = third["location"]
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Marktplein 2",
        "postalCode": "0000 YY",
        "addressLocality": "Voorbeelddam",
        "addressCountry": "NL",
    }
    assert virtual == {"@type": "VirtualLocation", "url": "https://live.example.org/college-3"}
    assert third["organizer"] == {"@type": "Organization", "name": "Hogeschool Fictief (verzonnen)"}
    assert third["performer"][0]["name"] == "Dr. A. Voorbeeld"
    assert third["url"] == "https://demo.waardevol-werk.example/colleges/demo-college-ronde-3/"
    moved = jsonld_of(demo_site / "colleges/demo-verplaatst/index.html")
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2027-04-22T14:00:00+02:00"
    online = jsonld_of(demo_site / "colleges/demo-college-ronde-2/index.html")
    assert online["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://live.example.org/college-2"}
    cancelled = jsonld_of(demo_site / "colleges/demo-extra-geannuleerd/index.html")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert jsonld_of(demo_site / "colleges/demo-maand/index.html")["startDate"] == "2027-06"


def test_lecture_pages_before_and_after(demo_site: Path) -> None:
    past = (demo_site / "colleges/demo-college-ronde-1/index.html").read_text(encoding="utf-8")
    assert 'href="https://video.example.org/college-1">Opname bekijken' in past
    assert 'href="demo-college-ronde-1-dias.pdf">Dia' in past
    assert (demo_site / "colleges/demo-college-ronde-1/demo-college-ronde-1-dias.pdf").read_bytes().startswith(b"%PDF")
    assert "Aanmelden" not in past and "Zestig (fictieve) bezoekers" in past
    upcoming = (demo_site / "colleges/demo-college-ronde-3/index.html").read_text(encoding="utf-8")
    assert 'href="https://aanmelden.example.org/college-3">Aanmelden' in upcoming
    assert 'href="../demo-college-ronde-3.ics" download>Zet in je agenda' in upcoming
    assert "Opname" not in upcoming
    index = (demo_site / "colleges/index.html").read_text(encoding="utf-8")
    komend, afgelopen = index.split('id="afgelopen"')
    # By date, what takes place first; the cancelled lecture after them (issue 22).
    assert (
        komend.index("Derde openbaar college")
        < komend.index("Slotbijeenkomst")
        < komend.index("Extra college over financiering")
    )
    assert afgelopen.index("Tweede openbaar college") < afgelopen.index("Eerste openbaar college")


def test_lectures_show_on_round_pages_and_profiles(demo_site: Path) -> None:
    assert "Eerste openbaar college – werk dat ertoe doet" in (demo_site / "rondes/ronde-1/index.html").read_text(
        encoding="utf-8"
    )
    profile = (demo_site / "experimenten/wijkconcierges-demowijk/index.html").read_text(encoding="utf-8")
    assert "Eerste openbaar college" in profile and "Werkbezoek en college in Demowijk" in profile


def test_build_reports_lectures_missing_material_without_failing(tmp_path: Path) -> None:
    held = SPLIT_LECTURE.replace("status: gepland", "status: gehouden")
    config = fixture_project(tmp_path, {"experiments/x/experiment.yml": EXPERIMENT, LEC: held})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lectures/college.md: college 'Het college' is voorbij maar mist nog: verslag, dia's" in result.stderr


@pytest.mark.parametrize(
    "status, problem",
    [("gepland", True), ("aangekondigd", True), ("voorgenomen", True), ("gehouden", False), ("geannuleerd", False)],
)
def test_a_passed_lecture_that_still_looks_ahead_is_reported(tree, monkeypatch, status, problem) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01, after the lecture
    expected = (
        [
            f"{LEC}:4: status: de datum van dit college is voorbij, maar de stand is nog '{status}'; zet de "
            "stand op 'gehouden' (met een verslag of opname als die er is) of 'geannuleerd', of geef de "
            "nieuwe datum"
        ]
        if problem
        else []
    )
    assert lecture_problems(tree, f"title: C\nround: 1\nstatus: {status}\nstart: 2024-05\n") == expected


def test_lecture_page_shows_the_summary_the_list_shows(demo_site: Path) -> None:
    summary = "Wat leren we van drie rondes? Met een &#34;debat&#34; &amp; vragen uit de zaal (fictief)."
    page = (demo_site / "colleges/demo-college-ronde-3/index.html").read_text(encoding="utf-8")
    listing = (demo_site / "colleges/index.html").read_text(encoding="utf-8")
    assert summary in listing
    assert f'<p class="ww-lead">{summary}</p>' in page
    assert page.index('class="ww-lead"') < page.index('class="ww-facts"')


def test_lecture_lists_put_what_takes_place_first_and_values_read_as_words(demo_site: Path) -> None:
    """Issue 22: a cancelled lecture is listed after the ones that take place; 'beide' reads as words."""
    overview = (demo_site / "colleges/index.html").read_text(encoding="utf-8")
    upcoming = overview[overview.index('id="komend"') : overview.index('id="afgelopen"')]
    statuses = re.findall(r'ww-status--([a-z-]+)">', upcoming)
    assert "geannuleerd" in statuses and statuses.index("geannuleerd") == len(statuses) - 1, statuses
    third = (demo_site / "colleges/demo-college-ronde-3/index.html").read_text(encoding="utf-8")
    assert "<dt>Deelname</dt>\n<dd>op locatie en online" in third and "<dd>beide" not in third


def test_a_past_lecture_with_a_recorded_plan_says_its_date_is_over(demo_site: Path) -> None:
    """Issue 22: 'online verplaatst' on a lecture whose date has passed reads as still ahead; it says
    the date is over, without claiming the lecture took place ('gehouden' needs its own record)."""
    overview = (demo_site / "colleges/index.html").read_text(encoding="utf-8")
    past = overview[overview.index('id="afgelopen"') :]
    assert "online verplaatst, datum voorbij" in past
    assert "gehouden, datum voorbij" not in past and ">gehouden<" in past
    page = (demo_site / "colleges/demo-college-ronde-2/index.html").read_text(encoding="utf-8")
    assert "online verplaatst, datum voorbij" in page
