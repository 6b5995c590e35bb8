"""Publications: strict records, stable URLs, and citation data that other tools read back."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import feedparser
import pytest
import rispy
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text

from cases_content import EXPERIMENT
from cases_problems import BAD_PUBLICATIONS, BASE, PUB
from macros.content.site import load_site
from macros.formats.citations import apa_references
from macros.pages.publication_pages import redirect_html
from support import ROOT, git, problems_of


def pub_problems(tree, text: str, extra: dict | None = None) -> list[str]:
    return problems_of(tree({"experiments/x/experiment.yml": EXPERIMENT, PUB: text, **(extra or {})}))


@pytest.mark.parametrize("text, expected", BAD_PUBLICATIONS.values(), ids=BAD_PUBLICATIONS.keys())
def test_bad_publication_is_reported_exactly(tree, text, expected) -> None:
    assert pub_problems(tree, text) == expected


def test_reserved_ids_and_alias_collisions(tree) -> None:
    problems = pub_problems(tree, BASE + "aliases: [q]\n", {"publications/q.yml": BASE, "publications/feed.yml": BASE})
    assert problems == [
        "publications/feed.yml:1: bestandsnaam: id 'feed' is gereserveerd voor een pagina van de site; kies een ander id",
        "publications/q.yml:1: bestandsnaam: id 'q' is al in gebruik door publications/p.yml; elk id en alias mag "
        "één keer voorkomen",
    ]


@pytest.mark.parametrize(
    "written",
    ["10.1234/abc.5", "https://doi.org/10.1234/abc.5", "doi:10.1234/abc.5", "http://dx.doi.org/10.1234/abc.5"],
)
def test_doi_is_normalised(tree, written) -> None:
    root = tree({PUB: BASE + f"doi: {written}\n"})
    assert load_site(root).publications[0].doi == "10.1234/abc.5"


def test_removing_a_published_id_without_alias_fails(tree) -> None:
    root = tree({PUB: BASE})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "publish p")
    (root / PUB).rename(root / "publications/nieuw.yml")
    assert problems_of(root) == [
        "publications/p.yml:1: -: publicatie 'p' stond eerder op de site en is verdwenen; zijn link mag niet "
        "breken: zet 'p' onder 'aliases:' van de publicatie die hem vervangt, of zet het bestand terug"
    ]
    (root / "publications/nieuw.yml").write_text(BASE + "aliases: [p]\n", encoding="utf-8")
    assert problems_of(root) == []


def test_apa_reference_follows_dutch_conventions(tree) -> None:
    root = tree(
        {
            PUB: "type: vakblad-artikel\ntitle: Werk & waarde <b>\nauthors:\n  - family: Aa\n    particle: van der\n"
            "    given: Paul\n  - family: Bell\n    particle: de\n    given: Leendert\ndate: 2023-05\n"
            "journal: Tijdschrift voor Arbeidsvraagstukken\nvolume: '39'\nissue: '2'\npages: 123-140\n"
            "doi: 10.1234/abc.5\n"
        }
    )
    reference = str(apa_references(load_site(root).publications)["p"])
    # A trade-journal article is a journal article in every format (macros/content/pubtypes.py): APA gives the year.
    assert reference == (
        "Aa, P. van der, &amp; Bell, L. de. (2023). Werk &amp; waarde &lt;b&gt;. "
        "<i>Tijdschrift voor Arbeidsvraagstukken</i>, <i>39</i>(2), 123-140. "
        "https://doi.org/10.1234/abc.5"
    )


# --- the built demo site -------------------------------------------------------------------------

SOURCE = "voorbeeld-2025-werk-en-waarde"
TITLE = 'Werk & waarde: 100% {inclusief} – "echt" werk in Proefhoven'


def latex_to_text(value: str) -> str:
    return LatexNodes2Text().latex_to_text(value)


def test_bibtex_round_trips_through_two_parsers(demo_site: Path) -> None:
    text = (demo_site / f"publicaties/{SOURCE}/{SOURCE}.bib").read_text(encoding="utf-8")
    entry = parse_string(text, "bibtex").entries[SOURCE]
    assert latex_to_text(entry.fields["title"]) == TITLE
    assert [latex_to_text(str(p)) for p in entry.persons["author"]] == [
        "van der Voorbeeld, Anna",
        "Ëxample, Chloë",
        "de Proef, Bram",
    ]
    assert entry.persons["author"][0].prelast_names == ["van", "der"]
    assert (entry.fields["journal"], entry.fields["volume"], entry.fields["number"], entry.fields["pages"]) == (
        "Verzonnen Vakblad voor Voorbeeldwerk",
        "3",
        "2",
        "12--19",
    )
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    fields = library.entries[0].fields_dict
    assert fields["doi"].value == "10.5555/fictief.2025.003" and fields["year"].value == "2025"
    assert latex_to_text(fields["title"].value) == TITLE
    whole = parse_string((demo_site / "publicaties/publicaties.bib").read_text(encoding="utf-8"), "bibtex")
    assert len(whole.entries) == 4


def test_ris_round_trips(demo_site: Path) -> None:
    entries = rispy.loads((demo_site / "publicaties/publicaties.ris").read_text(encoding="utf-8"))
    by_title = {e["title"]: e for e in entries}
    assert len(entries) == 4
    entry = by_title[TITLE]
    assert entry["type_of_reference"] == "JOUR"
    assert entry["authors"] == ["van der Voorbeeld, Anna", "Ëxample, Chloë", "de Proef, Bram"]
    assert (entry["start_page"], entry["end_page"], entry["doi"]) == ("12", "19", "10.5555/fictief.2025.003")
    assert "\n" not in entry["abstract"] and "café, reünie, ë" in entry["abstract"]
    assert entry["abstract"].startswith("Een verzonnen artikel") and "*" not in entry["abstract"]
    assert (
        by_title["Eindrapport eerste ronde: Wat zeven verzonnen experimenten ons leren"]["type_of_reference"] == "RPRT"
    )


def test_csl_json_matches_the_source(demo_site: Path) -> None:
    items = json.loads((demo_site / f"publicaties/{SOURCE}/{SOURCE}.json").read_text(encoding="utf-8"))
    item = items[0]
    assert item["title"] == TITLE and item["type"] == "article-journal"
    # The particle stays in `family`: Zotero's CSL import drops a separate non-dropping-particle,
    # and citeproc-js, pandoc and Zotero read "van der" back as the particle.
    assert item["author"][0] == {"family": "van der Voorbeeld", "given": "Anna"}
    assert item["issued"] == {"date-parts": [[2025, 11]]} and item["DOI"] == "10.5555/fictief.2025.003"


def meta_tags(page: Path) -> list[tuple[str, str]]:
    html = page.read_text(encoding="utf-8")
    import html as h

    return [(k, h.unescape(v)) for k, v in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', html)]


def test_scholar_and_open_graph_tags() -> None:
    """The Highwire tags a real site gives Google Scholar (the demo has none: see test_demo_fence)."""
    from macros.base.clock import build_time
    from macros.pages.publication_pages import head_meta
    from macros.pages.render import Settings

    site = load_site(ROOT / "demo")
    settings = Settings(site_url="https://example.org/", now=build_time())
    tags = [(k, v) for _, k, v in head_meta(site.publication(SOURCE), site, settings)]
    assert ("citation_title", TITLE) in tags
    assert [v for k, v in tags if k == "citation_author"] == [
        "van der Voorbeeld, Anna",
        "Ëxample, Chloë",
        "de Proef, Bram",
    ]
    for expected in [
        ("citation_publication_date", "2025/11"),
        ("citation_volume", "3"),
        ("citation_issue", "2"),
        ("citation_firstpage", "12"),
        ("citation_lastpage", "19"),
        ("citation_doi", "10.5555/fictief.2025.003"),
        ("citation_language", "nl"),
        ("citation_journal_title", "Verzonnen Vakblad voor Voorbeeldwerk"),
        ("og:title", TITLE),
        ("og:type", "article"),
    ]:
        assert expected in tags, expected
    report = [(k, v) for _, k, v in head_meta(site.publication("eindrapport-ronde-1"), site, settings)]
    assert ("citation_technical_report_institution", "Hogeschool Fictief") in report
    assert ("citation_pdf_url", "https://example.org/publicaties/eindrapport-ronde-1/eindrapport-ronde-1.pdf") in report
    demo_settings = Settings(site_url="https://example.org/", now=build_time(), demo=True)
    demo_tags = [k for _, k, _ in head_meta(site.publication(SOURCE), site, demo_settings)]
    assert "og:title" in demo_tags and not [k for k in demo_tags if k.startswith("citation_")]


def test_publication_pages_carry_open_graph_tags(demo_site: Path) -> None:
    tags = meta_tags(demo_site / f"publicaties/{SOURCE}/index.html")
    assert ("og:title", "[FICTIEF] " + TITLE) in tags and ("og:type", "article") in tags
    assert (demo_site / "publicaties/eindrapport-ronde-1/eindrapport-ronde-1.pdf").is_file()


def test_scholarly_jsonld(demo_site: Path) -> None:
    html = (demo_site / f"publicaties/{SOURCE}/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "ScholarlyArticle" and data["headline"] == "[FICTIEF] " + TITLE  # the demo says so
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Anna van der Voorbeeld",
        "familyName": "van der Voorbeeld",
        "givenName": "Anna",
        "sameAs": "https://orcid.org/0000-0000-0000-0001",
    }
    assert data["sameAs"] == "https://doi.org/10.5555/fictief.2025.003" and data["isAccessibleForFree"] is True
    report = (demo_site / "publicaties/eindrapport-ronde-1/index.html").read_text(encoding="utf-8")
    assert '"@type": "Report"' in report


def test_list_groups_by_year_with_stable_anchors(demo_site: Path) -> None:
    html = (demo_site / "publicaties/index.html").read_text(encoding="utf-8")
    assert html.index('id="jaar-2026"') < html.index('id="jaar-2025"')
    for ident in ["blog-2026-buurtkamer", "proef-2026-basisbanen", "eindrapport-ronde-1", SOURCE]:
        assert f'<div class="ww-pub" id="{ident}" data-filter-item' in html
    assert "Voorbeeld, A. van der, Ëxample, C., &amp; Proef, B. de. (2025)." in html
    thema = (demo_site / "publicaties/thema/stelsel/index.html").read_text(encoding="utf-8")
    assert "2 van de 4 publicaties" in thema


def test_feed_is_valid_atom_with_stable_ids(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "publicaties/feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    ids = [e.id for e in feed.entries]
    assert ids[0] == "urn:waardevol-werk-demo:publicatie:blog-2026-buurtkamer" and len(ids) == 4
    entry = next(e for e in feed.entries if e.id.endswith(SOURCE))
    assert entry.title == "[FICTIEF] " + TITLE and entry.updated.startswith("2025-11-01")


def test_aliases_redirect_to_the_current_page(demo_site: Path) -> None:
    html = (demo_site / "publicaties/voorbeeld-2025-werk/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../{SOURCE}/">' in html
    assert f'<link rel="canonical" href="../{SOURCE}/">' in html


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside each element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "link"):
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data


@pytest.mark.parametrize("demo", [False, True])
def test_a_redirect_escapes_its_title_and_target(demo: bool) -> None:
    """A hostile title and a target with a quote stay text and attribute values: the page parses to
    the same elements as a harmless one, with the title and the URL read back unchanged."""
    title, target = "\"><script>alert(1)</script> it's", '../a"b/?x=1&y=2'
    page = _Elements()
    page.feed(redirect_html(target, title, demo).decode("utf-8"))
    tags = [tag for tag, _ in page.elements]
    assert tags == ["html", "head", "meta", "title", "link", "meta", "meta", "body"] + ["p", "strong"] * demo + [
        "p",
        "a",
    ]
    attributes = [a for _, a in page.elements]
    assert attributes[4] == {"rel": "canonical", "href": target}
    assert attributes[5] == {"http-equiv": "refresh", "content": f"0; url={target}"}
    assert attributes[6] == {"name": "robots", "content": "noindex, nofollow" if demo else "noindex"}
    assert attributes[-1] == {"href": target}
    assert page.text["title"] == title and page.text["a"] == title
    assert page.text["p"] == "Deze publicatie heeft een nieuw adres: ."


def test_team_page_and_cross_links(demo_site: Path) -> None:
    team = (demo_site / "team/index.html").read_text(encoding="utf-8")
    assert 'id="anna-van-der-voorbeeld"' in team
    section = team.split('id="anna-van-der-voorbeeld"')[1].split('id="bram-de-proef"')[0]
    assert "Eindrapport eerste ronde" in section and "Eerste openbaar college" in section
    profile = (demo_site / "experimenten/zorgmaatjes-proefhoven/index.html").read_text(encoding="utf-8")
    assert f'href="../../publicaties/{SOURCE}/"' in profile
    assert "Eindrapport eerste ronde" in (demo_site / "rondes/ronde-1/index.html").read_text(encoding="utf-8")


def test_real_publications_and_people_can_be_traced() -> None:
    """No invented publications or roles: every real publication can be found (DOI, address or PDF), and
    every person's public role has a source."""
    site = load_site(ROOT)
    assert [p.id for p in site.publications if not (p.doi or p.url or p.pdf)] == []
    assert [person.id for person in site.people.values() if not person.source] == []


def test_apa_cache_is_keyed_by_the_record(tree, tmp_path_factory) -> None:
    cache = tmp_path_factory.mktemp("cache")
    root = tree({PUB: BASE})
    first = apa_references(load_site(root).publications, cache)
    files = list(cache.iterdir())
    assert len(files) == 1 and first == apa_references(load_site(root).publications, cache)
    (root / PUB).write_text(BASE.replace("title: T", "title: Nieuwe titel"), encoding="utf-8")
    assert "Nieuwe titel" in str(apa_references(load_site(root).publications, cache)["p"])


DEMO_URL = os.environ.get("DEMO_SITE_URL", "https://demo.waardevol-werk.example/").rstrip("/") + "/"
REPORT = "eindrapport-ronde-1"  # the demo's report: no DOI, no url of its own


def test_publication_page_shows_its_absolute_address(demo_site: Path) -> None:
    html = (demo_site / f"publicaties/{REPORT}/index.html").read_text(encoding="utf-8")
    address = f"{DEMO_URL}publicaties/{REPORT}/"
    line = re.search(r"Vaste link:.*?</p>", html).group(0)
    assert f'<a href="{address}" id="vaste-link">{address}</a>' in line
    assert 'data-copy="vaste-link"' in line and "./" not in line.replace(address, "")


def test_reference_without_doi_gives_the_page_address_in_every_format(demo_site: Path) -> None:
    address = f"{DEMO_URL}publicaties/{REPORT}/"
    page = (demo_site / f"publicaties/{REPORT}/index.html").read_text(encoding="utf-8")
    apa = re.search(r'<p class="ww-cite__ref" id="citatie">(.*?)</p>', page, re.S).group(1)
    assert apa.endswith(f"Hogeschool Fictief. {address}")
    listed = (demo_site / "publicaties/index.html").read_text(encoding="utf-8")
    assert f"Hogeschool Fictief. {address}" in listed
    item = json.loads((demo_site / f"publicaties/{REPORT}/{REPORT}.json").read_text(encoding="utf-8"))[0]
    assert item["URL"] == address and "DOI" not in item
    bib = bibtexparser.parse_string((demo_site / f"publicaties/{REPORT}/{REPORT}.bib").read_text(encoding="utf-8"))
    assert bib.entries[0].fields_dict["url"].value == address
    ris = rispy.loads((demo_site / f"publicaties/{REPORT}/{REPORT}.ris").read_text(encoding="utf-8"))[0]
    assert ris["urls"] == [address]


def test_apa_reference_prefers_the_records_url_and_a_doi_over_the_page(tree) -> None:
    root = tree(
        {
            PUB: BASE,
            "publications/q.yml": BASE + "url: https://elders.example.org/q\n",
            "publications/r.yml": BASE + "doi: 10.1234/abc.5\n",
        }
    )
    pages = {ident: f"https://site.example/publicaties/{ident}/" for ident in "pqr"}
    references = {k: str(v) for k, v in apa_references(load_site(root).publications, urls=pages).items()}
    assert references["p"].endswith(" https://site.example/publicaties/p/")
    assert references["q"].endswith(" https://elders.example.org/q") and "site.example" not in references["q"]
    assert references["r"].endswith(" https://doi.org/10.1234/abc.5") and "site.example" not in references["r"]
