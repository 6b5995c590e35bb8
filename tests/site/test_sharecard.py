"""A share card on every page: Open Graph and Twitter tags with an image the build makes itself."""

from __future__ import annotations

import json
import re
import struct
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT

REAL_URL = "https://waardevol-werk.example.org/"
DEMO_URL = "https://demo.waardevol-werk.example/"
REQUIRED = ("og:title", "og:description", "og:type", "og:url", "og:image", "og:locale", "twitter:card")


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.refresh = False

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.tags.append((a.get("property") or a.get("name"), a.get("content") or ""))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = True


def _meta(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("which", ["real", "demo"])
def test_every_page_has_a_share_card(which: str, request) -> None:
    site: Path = request.getfixturevalue(f"{which}_site")
    base = REAL_URL if which == "real" else DEMO_URL
    image = base + ("assets/card.png" if which == "real" else "assets/card-demo.png")
    pages = 0
    for path in sorted(site.rglob("*.html")):
        meta = _meta(path)
        if meta.refresh:
            continue  # a redirect from a former address: never shared, it sends the reader on
        names = [name for name, _ in meta.tags]
        tags = dict(meta.tags)
        rel = path.relative_to(site).as_posix()
        for name in REQUIRED:
            assert names.count(name) == 1, (rel, name, names.count(name))
            assert tags[name].strip(), (rel, name)
        assert tags["og:locale"] == "nl_NL" and tags["twitter:card"] == "summary_large_image", rel
        assert tags["og:image"] == image and tags["twitter:image"] == image, rel
        assert tags["og:url"].startswith(base), (rel, tags["og:url"])
        if rel != "404.html":
            assert tags["og:url"] == base + rel.removesuffix("index.html"), (rel, tags["og:url"])
        pages += 1
    assert pages > 20
    assert _png_size(site / image.removeprefix(base)) == (1200, 630)
    other = "assets/card-demo.png" if which == "real" else "assets/card.png"
    assert not (site / other).exists()  # each site ships its own card only


def test_lecture_and_open_data_pages_have_their_own_title_and_description(demo_site: Path) -> None:
    tags = dict(_meta(demo_site / "colleges/demo-extra-geannuleerd/index.html").tags)
    assert tags["og:title"].startswith("Extra college over financiering")
    data = dict(_meta(demo_site / "open-data/index.html").tags)
    assert data["og:title"] == "Open data – Voorbeeldsite – fictieve lerende evaluatie"
    assert (
        data["og:description"] == "De gegevens achter de site als JSON en CSV, met schema's en licentie."
    )  # once escaped
    publication = dict(_meta(demo_site / "publicaties/voorbeeld-2025-werk-en-waarde/index.html").tags)
    assert publication["og:type"] == "article"  # the page's own tags win over the defaults


def test_the_lecture_event_has_the_card_as_image(demo_site: Path) -> None:
    html = (demo_site / "colleges/demo-extra-geannuleerd/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S).group(1))
    assert data["image"] == DEMO_URL + "assets/card-demo.png"
    assert data["endDate"].startswith("2027-01-14T16:00")


def test_the_cards_are_what_the_script_makes() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_card
    finally:
        sys.path.pop(0)
    for name, (lines, demo) in make_card.CARDS.items():
        assert (ROOT / "macros/assets" / name).read_bytes() == make_card.card(lines, demo), name
        assert _png_size(ROOT / "macros/assets" / name) == (1200, 630)


def test_an_event_offers_its_registration_link_and_nothing_it_does_not_know(demo_site: Path) -> None:
    def event(slug: str) -> dict:
        html = (demo_site / f"colleges/{slug}/index.html").read_text(encoding="utf-8")
        return json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S).group(1))

    assert event("demo-college-ronde-1")["offers"] == {
        "@type": "Offer",
        "url": "https://aanmelden.example.org/college-1",
    }
    assert "offers" not in event("demo-extra-geannuleerd")
