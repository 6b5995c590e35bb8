"""The calendars as different clients read them: every event's start and end in UTC must be the
same in ical.js (Thunderbird's parser), node-ical, Python icalendar (both with its own zone
database and with the file's VTIMEZONE) and vobject, and equal to the lecture record's own time,
in summer and winter of several years and on the days the clocks change."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from macros.content.site import load_site
from macros.pages.lecture_pages import lecture_assets
from macros.pages.render import Settings
from support import ROOT, need

UTC = dt.UTC
# Lectures across 2025-2028: summer and winter, the days the clocks change, and the hour after.
MOMENTS = [
    "2025-01-15 10:00",
    "2025-07-01 15:00",
    "2025-10-26 15:00",
    "2026-03-29 15:00",
    "2026-06-18 19:30",
    "2026-12-10 15:00",
    "2027-03-28 03:30",
    "2027-08-26 15:00",
    "2027-10-31 02:30",
    "2028-02-29 15:00",
    "2028-07-13 15:00",
    "2028-10-29 09:00",
]


def iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def read_with_node(paths: list[Path]) -> dict:
    need(
        shutil.which("node") is not None
        and (ROOT / "node_modules/ical.js").exists()
        and (ROOT / "node_modules/node-ical").exists(),
        "ical.js and node-ical (npm)",
    )
    result = subprocess.run(
        ["node", "tests/tools/calendars.mjs", *map(str, paths)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def read_with_python(path: Path) -> dict[str, list[dict]]:
    raw = path.read_bytes()
    calendar = Calendar.from_ical(raw)
    zones = {str(zone["TZID"]): zone.to_tz() for zone in calendar.walk("VTIMEZONE")}

    def own_zone(prop) -> dt.datetime:  # the file's VTIMEZONE, not icalendar's zone database
        return prop.dt.replace(tzinfo=zones[prop.params["TZID"]]) if "TZID" in prop.params else prop.dt

    events = calendar.walk("VEVENT")
    return {
        "icalendar": [
            {
                "uid": str(e["UID"]),
                "start": iso(e.decoded("DTSTART")),
                "end": iso(e.decoded("DTEND")) if "DTEND" in e else None,
            }
            for e in events
        ],
        "icalendar VTIMEZONE": [
            {
                "uid": str(e["UID"]),
                "start": iso(own_zone(e["DTSTART"])),
                "end": iso(own_zone(e["DTEND"])) if "DTEND" in e else None,
            }
            for e in events
        ],
        "vobject": [
            {
                "uid": e.uid.value,
                "start": iso(e.dtstart.value),
                "end": iso(e.dtend.value) if hasattr(e, "dtend") else None,
            }
            for e in vobject.readOne(raw.decode("utf-8")).vevent_list
        ],
    }


def assert_clients_agree(files: list[Path], expected: dict[str, tuple[str, str]]) -> None:
    """Every file, every reader: the events in it, each at the record's UTC start and end."""
    node = read_with_node(files)
    for path in files:
        readings = {**node.pop(str(path)), **read_with_python(path)}
        assert set(readings) == {"ical.js", "node-ical", "icalendar", "icalendar VTIMEZONE", "vobject"}
        for reader, events in readings.items():
            seen = {e["uid"].split("@")[0]: (e["start"], e["end"]) for e in events}
            wanted = expected if path.name == "colleges.ics" else {path.stem: expected[path.stem]}
            assert seen == wanted, f"{reader} reads {path.name} differently"
    assert node == {}


def write_calendars(site, folder: Path) -> list[Path]:
    settings = Settings("https://example.org/", dt.datetime(2024, 1, 1, tzinfo=UTC))
    files = []
    for asset in lecture_assets(site, settings):
        if asset.uri.endswith(".ics"):
            files.append(folder / Path(asset.uri).name)
            files[-1].write_bytes(asset.content)
    return files


def test_a_calendar_across_four_years(tree, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01: every lecture still ahead
    lectures = {
        f"lectures/c{n:02d}.md": f"---\ntitle: College {n}\nround: 1\nstatus: gepland\n"
        f"start: {moment} Europe/Amsterdam\nend: {moment[:11]}{int(moment[11:13]) + 2:02d}{moment[13:]} "
        "Europe/Amsterdam\n---\n"
        for n, moment in enumerate(MOMENTS)
    }
    site = load_site(tree(lectures))
    assert len(site.lectures) == len(MOMENTS)
    expected = {x.id: (iso(x.start), iso(x.end)) for x in site.lectures}
    assert expected["c01"] == ("2025-07-01T13:00:00Z", "2025-07-01T15:00:00Z")  # summer: +02:00
    assert expected["c05"] == ("2026-12-10T14:00:00Z", "2026-12-10T16:00:00Z")  # winter: +01:00
    out = tmp_path / "out"
    out.mkdir()
    files = write_calendars(site, out)
    assert len(files) == len(MOMENTS) + 1
    assert_clients_agree(files, expected)


def test_the_demo_calendars(demo_site: Path) -> None:
    site = load_site(ROOT / "demo")
    expected = {x.id: (iso(x.start), iso(x.end)) for x in site.lectures if x.timed}
    assert {s[:4] for s, _ in expected.values()} == {"2025", "2026", "2027"}
    files = sorted((demo_site / "colleges").glob("*.ics"))
    assert len(files) == len(expected) + 1
    assert_clients_agree(files, expected)


def test_every_timed_lecture_has_an_end_in_its_event(demo_site: Path) -> None:
    calendar = Calendar.from_ical((demo_site / "colleges/colleges.ics").read_bytes())
    assert all(e.decoded("DTEND") > e.decoded("DTSTART") for e in calendar.walk("VEVENT"))


def test_the_time_zone_is_a_yearly_rule_where_the_eu_rule_holds() -> None:
    from macros.formats.ical import vtimezone

    text = vtimezone("Europe/Amsterdam", 2024, 2029).to_ical().decode()
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=") == 2 and "RDATE" not in text
    assert "DTSTART:20240331T020000" in text and "DTSTART:20241027T030000" in text


@pytest.mark.parametrize("zone, first, last", [("Europe/Amsterdam", 1994, 1998), ("America/Sao_Paulo", 2017, 2020)])
def test_a_zone_off_the_rule_gets_each_change_written_out(zone, first, last) -> None:
    """Before 1996 summer time in the Netherlands ended in September; Brazil stopped it in 2019.
    Such years get one component per change, and every moment of them reads right."""
    from zoneinfo import ZoneInfo

    from macros.formats.ical import vtimezone

    component = vtimezone(zone, first, last)
    assert "RRULE" not in component.to_ical().decode() and "RDATE" not in component.to_ical().decode()
    own = component.to_tz()
    moment = dt.datetime(first, 1, 1, 12, tzinfo=UTC)
    while moment.year <= last:
        local = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        if (
            local.replace(tzinfo=ZoneInfo(zone), fold=0).utcoffset()
            == local.replace(tzinfo=ZoneInfo(zone), fold=1).utcoffset()
        ):  # an unambiguous wall time
            assert local.replace(tzinfo=own).astimezone(UTC) == moment, local
        moment += dt.timedelta(hours=7)
