"""The fence around the fictional demo: every file of its build says it is fictional, in the
format's own field, under the demo's own address and identifiers; the real site has none of it.

Every file of the demo build is classified; a new kind of file fails here until it is fenced."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import urllib.robotparser
from pathlib import Path

import feedparser
import icalendar
import pytest
import rispy
from pybtex.database import parse_string

from macros.base import fictional
from macros.formats.ical import PRODID, UID_DOMAIN
from support import ENV, ROOT, published_files

ROBOTS_META = re.compile(r'<meta name="robots" content="([^"]*)">')
BANNER = "Fictieve voorbeeldinhoud."
STATIC = (".css", ".js", ".map", ".png", ".svg", ".ico", ".woff", ".woff2")  # the generator's own assets
REAL_ORCID = "0000-0002-1825-0097"  # ORCID's documented example: a record that resolves


def site_address(site: Path) -> str:
    """The address a build was made for, read from its sitemap (MkDocs writes site_url there)."""
    return re.search(r"<loc>(https?://[^/<]+/)", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="session")
def addresses(real_site: Path, demo_site: Path) -> tuple[str, str]:
    real, demo = site_address(real_site), site_address(demo_site)
    assert real.rstrip("/") != demo.rstrip("/") and "waardevol-werk.example.org" not in demo
    return real, demo


# --- one checker per kind of file -----------------------------------------------------------------


def check_html(path: Path, text: str, demo: str) -> None:
    assert BANNER in text, f"{path}: no fictional banner"
    robots = ROBOTS_META.findall(text)
    assert "noindex, nofollow" in robots and all("noindex" in r for r in robots), f"{path}: robots meta {robots}"
    assert not re.search(r'<meta name="citation_', text), f"{path}: Google Scholar tags on the demo"
    for canonical in re.findall(r'<link rel="canonical" href="([^"]*)"', text):
        assert canonical.startswith(demo) or not canonical.startswith("http"), f"{path}: canonical {canonical}"


def check_bib(path: Path, text: str) -> None:
    entries = parse_string(text, "bibtex").entries
    assert entries, path
    for key, entry in entries.items():
        assert entry.fields["note"].startswith("Fictief voorbeeld"), f"{path}: {key} has no fictional note"


def check_ris(path: Path, text: str) -> None:
    entries = rispy.loads(text)
    assert entries, path
    for entry in entries:
        assert any(n.startswith("Fictief voorbeeld") for n in entry.get("notes", [])), f"{path}: {entry['title']}"


def check_json(path: Path, rel: str, text: str, demo: str) -> None:
    data = json.loads(text)
    if rel == "search/search_index.json":
        return  # the site's own search index: the pages it indexes carry the banner
    if rel.startswith("data/schemas/"):
        assert data["$id"] == f"{demo}{rel}", path
        if rel.startswith("data/schemas/export/"):  # the schema of a download: its records carry the mark
            assert data["items"]["properties"][fictional.FIELD] == {
                **data["items"]["properties"][fictional.FIELD],
                "const": True,
            }, path
            assert fictional.FIELD in data["items"]["required"], path
        return
    if rel == "data/datapackage.json":  # the package: marked title, the mark in every resource's schema
        assert data["title"].startswith(fictional.TITLE_MARK) and data["description"].startswith("Fictie"), path
        assert all(r["schema"]["fields"][0]["name"] == fictional.FIELD for r in data["resources"]), path
        return
    assert isinstance(data, list) and data, path
    if rel.startswith("publicaties/"):  # CSL-JSON
        assert all(item["note"].startswith("Fictief voorbeeld") for item in data), path
    elif rel.startswith("data/"):  # open data: a field on every record
        assert all(record[fictional.FIELD] is True for record in data), path
    else:
        pytest.fail(f"{rel}: a JSON file the fence does not know")


def check_csv(path: Path, text: str) -> None:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames[0] == fictional.FIELD and rows, path
    assert {row[fictional.FIELD] for row in rows} == {"ja"}, path


def check_ics(path: Path, raw: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]).startswith("[FICTIEF] "), path
    assert str(calendar["PRODID"]) == fictional.DEMO_PRODID, path
    events = calendar.walk("VEVENT")
    assert events, path
    for event in events:
        assert str(event["UID"]).endswith("@" + fictional.DEMO_UID_DOMAIN), path
        assert str(event["SUMMARY"]).startswith("[FICTIEF] "), path
        assert str(event["DESCRIPTION"]).startswith("Fictief voorbeeld"), path


def check_xml(path: Path, rel: str, raw: bytes, demo: str) -> None:
    if rel == "sitemap.xml":
        locations = re.findall(r"<loc>([^<]*)</loc>", raw.decode("utf-8"))
        assert locations and all(loc.startswith(demo) for loc in locations), path
        return
    feed = feedparser.parse(raw)
    assert not feed.bozo and feed.version == "atom10", f"{rel}: an XML file the fence does not know"
    assert feed.feed.title.startswith("[FICTIEF] ") and feed.feed.id.startswith(fictional.DEMO_URN), path
    assert feed.feed.author == fictional.FEED_AUTHOR, path
    for entry in feed.entries:
        assert entry.title.startswith("[FICTIEF] ") and entry.id.startswith(fictional.DEMO_URN), (path, entry.id)
        assert entry.link.startswith(demo), (path, entry.link)


def check_robots(path: Path, text: str, demo: str) -> None:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    for agent in ("*", "Googlebot", "Googlebot-Scholar", "Bingbot"):
        for url in (demo, f"{demo}publicaties/", f"{demo}colleges/colleges.ics", f"{demo}data/experimenten.csv"):
            assert not parser.can_fetch(agent, url), (agent, url)


# --- the demo build ---------------------------------------------------------------------------


def test_every_file_of_the_demo_is_fenced(demo_site: Path, addresses: tuple[str, str]) -> None:
    real, demo = addresses
    forbidden = [
        real.rstrip("/"),
        "waardevol-werk.example.org",
        fictional.URN,
        "@" + UID_DOMAIN,
        PRODID,
        REAL_ORCID,
        "10.99999/",
    ]
    if os.environ.get("SITE_URL"):
        forbidden.append(os.environ["SITE_URL"].rstrip("/"))
    seen: dict[str, int] = {}
    for path in published_files(demo_site):
        rel = path.relative_to(demo_site).as_posix()
        raw = path.read_bytes()
        content = gzip.decompress(raw) if rel.endswith(".gz") else raw
        text = content.decode("utf-8", errors="replace")
        leaked = [item for item in forbidden if item in text]
        assert not leaked, f"{rel}: names the real site: {leaked}"
        kind = path.suffix
        seen[kind] = seen.get(kind, 0) + 1
        if kind == ".html":
            check_html(path, text, demo)
        elif kind == ".bib":
            check_bib(path, text)
        elif kind == ".ris":
            check_ris(path, text)
        elif kind == ".json":
            check_json(path, rel, text, demo)
        elif kind == ".csv":
            check_csv(path, text)
        elif kind == ".ics":
            check_ics(path, raw)
        elif kind == ".xml":
            check_xml(path, rel, raw, demo)
        elif rel == "sitemap.xml.gz":
            assert content == (demo_site / "sitemap.xml").read_bytes()
        elif rel == "robots.txt":
            check_robots(path, text, demo)
        elif kind == ".pdf":  # the sample report and slides say so on the page and in their title
            assert b"/Title(FICTIEF" in raw and b"(FICTIEF VOORBEELD)" in raw, rel
        elif rel.startswith("assets/") and kind in STATIC:
            continue
        else:
            pytest.fail(f"{rel}: a file the fence does not know; mark it fictional and add it here")
    # Every kind of download is really there (a fence around nothing proves nothing).
    for kind in (".html", ".bib", ".ris", ".json", ".csv", ".ics", ".xml", ".txt", ".pdf"):
        assert seen.get(kind), kind


def test_the_open_data_page_and_dataset_say_fictional(demo_site: Path) -> None:
    html = (demo_site / "open-data/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["name"].startswith("[FICTIEF] ") and data["description"].startswith("Fictieve voorbeeldgegevens")
    assert "<code>fictief</code>" in html


def test_demo_content_uses_no_real_identifiers() -> None:
    """The demo's ORCID is outside ORCID's ranges, its DOIs use Crossref's test prefix, and its
    places lie in the North Sea (west of 4.2° E, north of 52° N: no Dutch town is there)."""
    from macros.content.registry import orcid_problem
    from macros.content.site import load_site

    site = load_site(ROOT / "demo")
    orcids = {p.orcid for p in site.people.values() if p.orcid}
    assert orcids == {"0000-0000-0000-0001"} and orcid_problem("0000-0000-0000-0001") is None
    assert {p.doi for p in site.publications if p.doi} == {"10.5555/fictief.2025.003", "10.5555/fictief.2026.101"}
    places = [(m.lat, m.lon) for m in site.municipalities.values() if m.lat is not None]
    places += [(x.venue.lat, x.venue.lon) for x in site.lectures if x.venue and x.venue.lat is not None]
    assert places and all(lat > 52 and lon < 4.2 for lat, lon in places), places


def test_the_demo_refuses_the_real_address(tmp_path: Path) -> None:
    env = {**ENV, "SITE_URL": "https://echt.example.org/", "DEMO_SITE_URL": "https://echt.example.org"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.demo.yml"), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "de voorbeeldsite zou het adres van de echte site krijgen (https://echt.example.org/)" in result.stdout
    assert not (tmp_path / "site").exists()


# --- the real build -----------------------------------------------------------------------------


def test_the_real_site_has_none_of_the_marks(real_site: Path, addresses: tuple[str, str]) -> None:
    real, demo = addresses
    assert not (real_site / "robots.txt").exists()
    for path in published_files(real_site):
        rel = path.relative_to(real_site).as_posix()
        if path.suffix in (".gz", ".pdf", ".png") or rel.startswith("assets/"):
            continue
        text = path.read_text(encoding="utf-8")
        assert demo.rstrip("/") not in text and fictional.DEMO_URN not in text, rel
        assert "[FICTIEF]" not in text and "Fictief voorbeeld" not in text, rel
        if path.suffix == ".html":
            robots = ROBOTS_META.findall(text)
            # Only a redirect from a former address and the maintainers' build report keep out of search.
            hidden = 'http-equiv="refresh"' in text or rel == "onderhoud/index.html"
            assert robots == (["noindex"] if hidden else []), rel
            assert "ww-demo-banner" not in text, rel
        elif rel.startswith("data/") and path.suffix == ".json" and "/schemas/" not in rel:
            assert all(fictional.FIELD not in record for record in json.loads(text)), rel
        elif path.suffix == ".csv":
            header = next(csv.reader(io.StringIO(text)), [])
            assert fictional.FIELD not in header, rel
        elif path.suffix == ".ics":
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            assert str(calendar["PRODID"]) == PRODID, rel
            assert all(str(e["UID"]).endswith("@" + UID_DOMAIN) for e in calendar.walk("VEVENT")), rel
        elif path.suffix == ".xml" and rel != "sitemap.xml":
            feed = feedparser.parse(path.read_bytes())
            assert feed.feed.id.startswith(fictional.URN), rel
    assert (real_site / "colleges/colleges.ics").is_file()  # the calendar check above had a calendar
