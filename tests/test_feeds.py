"""Following one experiment or one round, and citing their pages."""

from __future__ import annotations

from pathlib import Path

import feedparser

from htmlcheck import text_of


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
    assert finding.updated.startswith("2025-06-30") and finding.link.endswith("/experimenten/wijkconcierges-demowijk/#ronde-1")
    assert "Concepttekst" not in (demo_site / "experimenten/wijkconcierges-demowijk/feed.xml").read_text(encoding="utf-8")


def test_round_feed(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "rondes/ronde-2/feed.xml").read_bytes())
    assert not feed.bozo
    assert {e.id for e in feed.entries} >= {"urn:waardevol-werk-demo:bevinding:groene-handen-oefenstad:ronde-2",
                                           "urn:waardevol-werk-demo:college:demo-college-ronde-2",
                                           "urn:waardevol-werk-demo:publicatie:proef-2026-basisbanen"}


def test_profiles_and_round_pages_can_be_cited_and_followed(demo_site: Path) -> None:
    profile = demo_site / "experimenten/wijkconcierges-demowijk/index.html"
    html = profile.read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Nieuws over dit experiment (Atom)" href="feed.xml">' in html
    assert ("Hogeschool Fictief (verzonnen). (2026, juni 1). Wijkconciërges Demowijk. "
            "https://demo.waardevol-werk.example/experimenten/wijkconcierges-demowijk/") in text_of(profile)
    round_page = demo_site / "rondes/ronde-1/index.html"
    assert "(2026, juni 1). Ronde 1: Eerste onderzoeksronde." in text_of(round_page)


def test_news_feed_and_latest_items_on_the_home_page(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "actueel/feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.id for e in feed.entries] == ["urn:waardevol-werk-demo:actueel:eerste-bevindingen",
                                            "urn:waardevol-werk-demo:actueel:startbijeenkomst"]
    assert feed.entries[0].updated.startswith("2025-10-06")
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert '6 oktober 2025: <a href="actueel/eerste-bevindingen/">Eerste bevindingen online</a>' in home
    assert (demo_site / "actueel/startbijeenkomst/index.html").is_file()


def test_a_post_without_date_fails_with_its_place(tmp_path: Path) -> None:
    from macros.handwritten import load_docs
    from macros.problems import Problems

    post = tmp_path / "docs/actueel/posts/x.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\nslug: x\ndate: 16 mei\n---\n# Titel\n", encoding="utf-8")
    problems = Problems()
    assert load_docs(tmp_path / "docs", tmp_path, problems).posts == ()
    assert [str(p) for p in problems.sorted()] == [
        "docs/actueel/posts/x.md:3: date: verwacht een datum als 2022-03-01 (jaar-maand-dag), maar vond '16 mei'"]
