"""Following one experiment or one round, and citing their pages."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser

from htmlcheck import text_of
from support import git


def test_experiment_feed_lists_findings_lectures_and_publications(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "experimenten/wijkconcierges-demowijk/feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    ids = [e.id for e in feed.entries]
    assert ids == [
        "urn:waardevol-werk-demo:college:demo-verplaatst",
        "urn:waardevol-werk-demo:bevinding:wijkconcierges-demowijk:ronde-2",
        "urn:waardevol-werk-demo:publicatie:voorbeeld-2025-werk-en-waarde",
        "urn:waardevol-werk-demo:college:demo-college-ronde-1",
        "urn:waardevol-werk-demo:bevinding:wijkconcierges-demowijk:ronde-1",
    ]
    finding = next(e for e in feed.entries if e.id.endswith("demowijk:ronde-1"))
    assert finding.updated.startswith("2025-06-30") and finding.link.endswith(
        "/experimenten/wijkconcierges-demowijk/#ronde-1"
    )
    assert "Concepttekst" not in (demo_site / "experimenten/wijkconcierges-demowijk/feed.xml").read_text(
        encoding="utf-8"
    )


def test_round_feed(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "rondes/ronde-2/feed.xml").read_bytes())
    assert not feed.bozo
    assert {e.id for e in feed.entries} >= {
        "urn:waardevol-werk-demo:bevinding:groene-handen-oefenstad:ronde-2",
        "urn:waardevol-werk-demo:college:demo-college-ronde-2",
        "urn:waardevol-werk-demo:publicatie:proef-2026-basisbanen",
    }


def test_profiles_and_round_pages_can_be_cited_and_followed(demo_site: Path) -> None:
    profile = demo_site / "experimenten/wijkconcierges-demowijk/index.html"
    html = profile.read_text(encoding="utf-8")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="Nieuws over dit experiment (Atom)" href="feed.xml">'
        in html
    )
    assert (
        "Hogeschool Fictief (verzonnen). (2026, 1 juni). Wijkconciërges Demowijk. "
        "https://demo.waardevol-werk.example/experimenten/wijkconcierges-demowijk/"
    ) in text_of(profile)
    round_page = demo_site / "rondes/ronde-1/index.html"
    assert "(2026, 1 juni). Ronde 1: Eerste onderzoeksronde." in text_of(round_page)


def test_news_feed_and_latest_items_on_the_home_page(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "actueel/feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.id for e in feed.entries] == [
        "urn:waardevol-werk-demo:actueel:eerste-bevindingen",
        "urn:waardevol-werk-demo:actueel:startbijeenkomst",
    ]
    assert feed.entries[0].updated.startswith("2025-10-06")
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert '6 oktober 2025: <a href="actueel/eerste-bevindingen/">Eerste bevindingen online</a>' in home
    assert (demo_site / "actueel/startbijeenkomst/index.html").is_file()


def test_a_post_without_date_fails_with_its_place(tmp_path: Path) -> None:
    from macros.base.problems import Problems
    from macros.content.handwritten import load_docs

    post = tmp_path / "docs/actueel/posts/x.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\nslug: x\ndate: 16 mei\n---\n# Titel\n", encoding="utf-8")
    problems = Problems()
    assert load_docs(tmp_path / "docs", tmp_path, problems).posts == ()
    assert [str(p) for p in problems.sorted()] == [
        "docs/actueel/posts/x.md:3: date: verwacht een datum als 2022-03-01 (jaar-maand-dag), maar vond '16 mei'"
    ]


# --- What the W3C feed validator checks, as far as it can be checked here --------------------
# The validator itself (feedvalidator, Python 2 and a web service) cannot run in this sandbox;
# these are its checks that concern us: ImplausibleDate (an `updated` in the future, or before
# the web), MissingTextualContent (an entry with neither content nor summary), and a feed
# `updated` that is the newest of its entries, DuplicateUpdated (two entries of one feed with the
# same `updated`). Read from the validator's source (rubys/feedvalidator, logging.py and entry.py).


def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("*.xml"))


def _check_feeds(site: Path) -> int:
    import datetime as dt

    from support import BUILD_EPOCH

    build = dt.datetime.fromtimestamp(int(BUILD_EPOCH), tz=dt.UTC)
    earliest = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)
    checked = 0
    for path in _feeds(site):
        text = path.read_bytes()
        if b"http://www.w3.org/2005/Atom" not in text:
            continue  # a sitemap
        feed = feedparser.parse(text)
        assert not feed.bozo and feed.version == "atom10", path
        stamps = []
        for entry in feed.entries:
            when = dt.datetime.fromisoformat(entry.updated.replace("Z", "+00:00"))
            assert earliest <= when <= build, (path, entry.id, entry.updated)
            assert entry.get("summary", "").strip(), (path, entry.id)
            stamps.append(when)
        feed_updated = dt.datetime.fromisoformat(feed.feed.updated.replace("Z", "+00:00"))
        assert feed_updated <= build, path
        if stamps:
            assert feed_updated == max(stamps), path
        assert len(set(stamps)) == len(stamps), path  # DuplicateUpdated
        checked += 1
    return checked


def test_feeds_as_the_validator_sees_them_demo(demo_site: Path) -> None:
    assert _check_feeds(demo_site) >= 5


def test_feeds_as_the_validator_sees_them_real(real_site: Path) -> None:
    assert _check_feeds(real_site) >= 3


def test_a_cancelled_or_moved_lecture_says_so_in_the_feed(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "rondes/ronde-2/feed.xml").read_bytes())
    cancelled = next(e for e in feed.entries if e.id.endswith(":college:demo-extra-geannuleerd"))
    assert cancelled.title == "[FICTIEF] [geannuleerd] Extra college over financiering"
    assert cancelled.summary.startswith("Dit college gaat niet door.")
    moved = next(
        e
        for f in _feeds(demo_site)
        for e in feedparser.parse(f.read_bytes()).entries
        if e.id.endswith(":college:demo-verplaatst")
    )
    assert moved.title.endswith("(verplaatst naar 20 mei 2027)")
    # a lecture dated after the build is not an entry from the future: capped at the build date
    assert moved.updated == "2026-06-01T00:00:00Z"


def test_updated_is_the_last_commit_up_to_the_build_date(tmp_path: Path) -> None:
    import datetime as dt

    from macros.formats.atom import last_changed, updated

    utc = dt.UTC
    (tmp_path / "a.yml").write_text("a: 1\n")
    (tmp_path / "b.yml").write_text("b: 1\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "a.yml", "b.yml")
    git(tmp_path, "commit", "-qm", "one", when="2025-01-10T12:00:00+00:00")
    (tmp_path / "a.yml").write_text("a: 2\n")
    git(tmp_path, "commit", "-qam", "two", when="2025-03-05T08:30:00+01:00")
    now = dt.datetime(2026, 1, 1, tzinfo=utc)
    dates = last_changed(tmp_path, ["a.yml", "b.yml", "c.yml"], now)
    assert dates == {
        "a.yml": dt.datetime(2025, 3, 5, 7, 30, tzinfo=utc),
        "b.yml": dt.datetime(2025, 1, 10, 12, tzinfo=utc),
    }
    # the record's own date does not count when git knows the file
    assert updated(tmp_path, "a.yml", dt.date(2030, 1, 1), now) == "2025-03-05T07:30:00Z"
    # a build dated between the commits sees the history as it was then
    between = dt.datetime(2025, 2, 1, tzinfo=utc)
    assert updated(tmp_path, "a.yml", None, between) == "2025-01-10T12:00:00Z"
    # a file git does not know (or a build before its first commit): its own date, capped at the build date
    assert updated(tmp_path, "c.yml", dt.date(2024, 5, 1), now) == "2024-05-01T00:00:00Z"
    assert updated(tmp_path, "c.yml", dt.date(2030, 5, 1), now) == "2026-01-01T00:00:00Z"
    assert (
        updated(tmp_path, "a.yml", dt.date(2024, 5, 1), dt.datetime(2024, 12, 1, tzinfo=utc)) == "2024-05-01T00:00:00Z"
    )


def test_without_git_the_dates_are_the_records_own(tmp_path: Path) -> None:
    import datetime as dt

    from macros.formats.atom import updated

    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    (tmp_path / "a.yml").write_text("a: 1\n")  # not a repository
    assert updated(tmp_path, "a.yml", dt.date(2025, 2, 3), now) == "2025-02-03T00:00:00Z"
    assert updated(tmp_path, "a.yml", dt.date(2025, 2, 3), now) == "2025-02-03T00:00:00Z"


def test_an_entry_without_text_gets_its_title_as_summary() -> None:
    from macros.formats.atom import Entry, render_atom

    feed = feedparser.parse(
        render_atom(
            "F",
            "urn:x",
            "https://e.org/f.xml",
            "https://e.org/",
            [Entry("urn:x:1", "Titel", "https://e.org/1", "2025-01-01T00:00:00Z", "  ")],
            empty="2025-01-01T00:00:00Z",
            style="assets/feed.css",
        )
    )
    assert feed.entries[0].summary == "Titel"


def test_entries_changed_in_one_commit_get_distinct_times() -> None:
    from macros.formats.atom import Entry, render_atom

    entries = [Entry(f"urn:x:{n}", f"T{n}", f"https://e.org/{n}", "2026-03-01T10:00:00Z", "s") for n in "abc"]
    entries.append(Entry("urn:x:d", "Td", "https://e.org/d", "2026-03-01T09:59:59Z", "s"))
    feed = feedparser.parse(
        render_atom("F", "urn:x", "https://e.org/f.xml", "https://e.org/", entries, empty="-", style="feed.css")
    )
    assert [(e.id, e.updated) for e in feed.entries] == [
        ("urn:x:c", "2026-03-01T10:00:00Z"),
        ("urn:x:b", "2026-03-01T09:59:59Z"),
        ("urn:x:a", "2026-03-01T09:59:58Z"),
        ("urn:x:d", "2026-03-01T09:59:57Z"),
    ]
    assert feed.feed.updated == "2026-03-01T10:00:00Z"


def test_no_feed_carries_a_date_no_source_gives(real_site: Path) -> None:
    """A feed without entries (most experiments before their first findings) is dated by the last
    change of the record it is about (git), or the build date; never a made-up date."""
    import datetime as dt
    import subprocess
    import xml.etree.ElementTree as ET

    from support import BUILD_EPOCH, ROOT

    ns = "{http://www.w3.org/2005/Atom}"
    build = dt.datetime.fromtimestamp(int(BUILD_EPOCH), tz=dt.UTC).isoformat().replace("+00:00", "Z")
    first = subprocess.run(
        ["git", "log", "--reverse", "--format=%cI", "--max-parents=0"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    earliest = (
        dt.datetime.fromisoformat(first[0]).astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if first else ""
    )
    feeds = sorted(real_site.rglob("feed.xml"))
    assert feeds
    for feed in feeds:
        root = ET.parse(feed).getroot()
        updated = root.find(f"{ns}updated").text
        entries = [e.find(f"{ns}updated").text for e in root.findall(f"{ns}entry")]
        if entries:
            assert updated == max(entries), feed
        else:  # the record's last commit (not before the repository's first) or the build date
            assert updated == build or earliest <= updated <= build, (feed, updated)


def test_every_feed_names_a_same_origin_stylesheet_for_people(demo_site: Path, real_site: Path) -> None:
    """Issue 22: a person who opens a feed in a browser gets it styled, with a line on what a feed
    is (assets/feed.css); the stylesheet is named relative to the feed, so it is on the site's own
    origin wherever the site is deployed, and it exists."""
    for site in (demo_site, real_site):
        feeds = sorted(site.rglob("feed.xml"))
        assert len(feeds) > 3
        for feed in feeds:
            head = feed.read_text(encoding="utf-8").split("\n")[1]
            match = re.fullmatch(r'<\?xml-stylesheet type="text/css" href="((?:\.\./)*assets/feed\.css)"\?>', head)
            assert match, feed
            assert (feed.parent / match.group(1)).resolve() == (site / "assets/feed.css").resolve(), feed
        assert "Dit is een feed" in (site / "assets/feed.css").read_text(encoding="utf-8")
