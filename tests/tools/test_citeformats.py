"""Every citation format of a publication says the same thing: one item type, one split of each
name into particle, family and given name, the DOI, a plain-text abstract, and a date a reader
(BibTeX, biber, Zotero, Google Scholar) takes at its full precision.

The downloads are read back from the built demo site with the parsers reference managers use
(pybtex, rispy, JSON); the Highwire tags, which the demo does not publish, from head_meta with
the settings of a real site."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import rispy
from pybtex.database import parse_string

from macros.base.markup import markdown_text
from macros.content.pubtypes import ZOTERO_FROM, PublicationType
from macros.content.site import load_site
from support import ENGLISH_MONTHS as MONTHS
from support import ROOT

SITE = load_site(ROOT / "demo")
IDS = [p.id for p in SITE.publications]


def tex(value: str) -> str:
    """A BibTeX value as the text a reader sees (LaTeX letters and escapes decoded), as Zotero reads it."""
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text(value)


def split_family(family: str) -> tuple[str | None, str]:
    """How BibTeX, citeproc-js and Zotero read "van der Voorbeeld": lower-case words in front are the particle."""
    words = family.split()
    lead = 0
    while lead < len(words) - 1 and words[lead][0].islower():
        lead += 1
    return (" ".join(words[:lead]) or None), " ".join(words[lead:])


def split_inverted(name: str) -> tuple[str | None, str, str | None]:
    """ "van der Voorbeeld, Anna" as Zotero's cleanAuthor and RIS readers split it."""
    family, _, given = name.partition(", ")
    return (*split_family(family), given or None)


def zotero_type_from_highwire(tags: list[tuple[str, str]]) -> str:
    """Zotero's Embedded Metadata translator: the item type from the citation_* tags; without
    any, the Dublin Core / Open Graph data makes a web page."""
    keys = {k for k, _ in tags}
    for key, kind in (
        ("citation_journal_title", "journalArticle"),
        ("citation_technical_report_institution", "report"),
        ("citation_book_title", "bookSection"),
        ("citation_title", "journalArticle"),
    ):
        if key in keys:
            return kind
    return "webpage"


@pytest.fixture(scope="module")
def formats(demo_site: Path) -> dict:
    from macros.base.clock import build_time
    from macros.pages.publication_pages import head_meta
    from macros.pages.render import Settings

    settings = Settings(site_url="https://example.org/", now=build_time())
    out = {}
    for p in SITE.publications:
        folder = demo_site / f"publicaties/{p.id}"
        bib_text = (folder / f"{p.id}.bib").read_text(encoding="utf-8")
        html = (folder / "index.html").read_text(encoding="utf-8")
        out[p.id] = {
            "bib_text": bib_text,
            "bib": parse_string(bib_text, "bibtex").entries[p.id],
            "biblatex_text": (folder / f"{p.id}.biblatex.bib").read_text(encoding="utf-8"),
            "biblatex": parse_string((folder / f"{p.id}.biblatex.bib").read_text(encoding="utf-8"), "bibtex").entries[
                p.id
            ],
            "ris": rispy.loads((folder / f"{p.id}.ris").read_text(encoding="utf-8"))[0],
            "csl": json.loads((folder / f"{p.id}.json").read_text(encoding="utf-8"))[0],
            "jsonld": json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)),
            "meta": [(k, v) for _, k, v in head_meta(p, SITE, settings)],
        }
    return out


def test_the_type_table_maps_each_format_to_one_zotero_type() -> None:
    for name, row in ((t.value, t.row) for t in PublicationType):
        assert ZOTERO_FROM["csl"][row.csl] == row.zotero, name
        assert ZOTERO_FROM["ris"][row.ris] == row.zotero, name
        assert ZOTERO_FROM["biblatex"].get(row.biblatex, row.zotero) == row.zotero, name
        # BibTeX has no type for slides or blog posts: @misc, and only then
        assert ZOTERO_FROM["bibtex"].get(row.bibtex) == row.zotero or (
            row.bibtex == "misc" and row.zotero not in ZOTERO_FROM["bibtex"].values()
        ), name


@pytest.mark.parametrize("ident", IDS)
def test_every_format_files_the_same_item_type(formats, ident) -> None:
    p, f = SITE.publication(ident), formats[ident]
    row = p.type.row
    assert f["csl"]["type"] == row.csl and ZOTERO_FROM["csl"][f["csl"]["type"]] == row.zotero
    assert ZOTERO_FROM["ris"][f["ris"]["type_of_reference"]] == row.zotero
    assert f["bib"].type == row.bibtex and f["biblatex"].type == row.biblatex
    assert f["jsonld"]["@type"] == row.schema
    highwire = zotero_type_from_highwire(f["meta"])
    assert highwire == (row.zotero if row.highwire else "webpage"), (ident, highwire)
    if not row.highwire:  # a blog post or slides: never a journal article without a journal
        assert not [k for k, _ in f["meta"] if k.startswith("citation_")]
        assert ("DC.title", p.full_title) in f["meta"]


@pytest.mark.parametrize("ident", IDS)
def test_every_format_splits_names_alike(formats, ident) -> None:
    p, f = SITE.publication(ident), formats[ident]
    expected = [(a.particle, a.family, a.given) for a in p.authors]
    for bib in (f["bib"], f["biblatex"]):  # BibTeX writes letters as LaTeX ({\"E}), biblatex as UTF-8
        assert [
            (tex(" ".join(x.prelast_names)) or None, tex(" ".join(x.last_names)), tex(" ".join(x.first_names)) or None)
            for x in bib.persons["author"]
        ] == expected
    assert [split_inverted(a) for a in f["ris"]["authors"]] == expected
    assert [(*split_family(a["family"]), a.get("given")) for a in f["csl"]["author"]] == expected
    assert not any("non-dropping-particle" in a for a in f["csl"]["author"])
    assert [(*split_family(a["familyName"]), a.get("givenName")) for a in f["jsonld"]["author"]] == expected
    names = [v for k, v in f["meta"] if k in ("citation_author", "DC.creator")]
    assert [split_inverted(n) for n in names] == expected
    if any(a.particle for a in p.authors):  # the demo has to exercise the particle at all
        assert any(particle for particle, _, _ in expected)


@pytest.mark.parametrize("ident", IDS)
def test_doi_and_plain_abstract_in_every_format(formats, ident) -> None:
    p, f = SITE.publication(ident), formats[ident]
    dois = [
        f["bib"].fields.get("doi"),
        f["biblatex"].fields.get("doi"),
        f["ris"].get("doi"),
        f["csl"].get("DOI"),
        f["jsonld"].get("identifier", {}).get("value"),
        dict(f["meta"]).get("citation_doi"),
    ]
    assert dois == [p.doi] * 6
    if p.abstract:
        plain = " ".join(markdown_text(p.abstract).split())
        assert "*" in p.abstract and "*" not in plain  # the demo abstract has Markdown to drop
        assert f["ris"]["abstract"] == f["csl"]["abstract"] == f["jsonld"]["abstract"] == plain
        assert tex(f["bib"].fields["abstract"]) == plain
        assert f["biblatex"].fields["abstract"] == plain.replace("&", r"\&").replace("%", r"\%")
        assert not [c for c in f["bib_text"] if ord(c) > 127 and c.isalpha()]  # letters as LaTeX, for BibTeX 0.99


@pytest.mark.parametrize("ident", IDS)
def test_dates_at_full_precision_without_biber_warnings(formats, ident) -> None:
    p, f = SITE.publication(ident), formats[ident]
    parts = [p.date.year, p.date.month, p.date.day]
    known = [x for x in parts if x]
    assert f["csl"]["issued"]["date-parts"] == [known]
    scholar = dict(f["meta"]).get("citation_publication_date") or dict(f["meta"])["DC.date"]
    assert [int(x) for x in re.split(r"[/-]", scholar)] == known
    # BibTeX: the month as a macro (biber warns on `month = {mar}`, and styles print it literally)
    assert not re.search(r"month\s*=\s*[{\"]", f["bib_text"])
    if p.date.month:
        assert re.search(
            rf"^  month = {['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'][p.date.month - 1]},$",
            f["bib_text"],
            re.M,
        )
        assert f["bib"].fields["month"] == MONTHS[p.date.month - 1]  # pybtex expands the macro
    else:
        assert "month" not in f["bib"].fields
    # biblatex: one ISO date, the day kept; no year/month beside it (biber: "field conflict")
    assert f["biblatex"].fields["date"] == str(p.date) == "-".join(f"{x:02d}" for x in known)
    assert "year" not in f["biblatex"].fields and "month" not in f["biblatex"].fields


def test_citeproc_js_reads_the_export_as_the_site_cites_it(demo_site: Path) -> None:
    """citeproc-js (Zotero's processor) given the exported CSL-JSON and the site's Dutch APA style
    writes the reference the page shows: it reads "van der" back out of `family` as the particle."""
    import html as h

    items = json.loads((demo_site / "publicaties/publicaties.json").read_text(encoding="utf-8"))
    by_js = citeproc_js(items)
    page = (demo_site / "publicaties/index.html").read_text(encoding="utf-8")
    assert len(by_js) == len(IDS)
    assert "\u201cecht\u201d" in by_js["voorbeeld-2025-werk-en-waarde"]  # the demo has quotes in a title
    for ident, text in by_js.items():
        block = re.search(rf'id="{ident}" data-filter-item.*?</div>', page, re.S).group(0)
        assert h.escape(text, quote=False) in " ".join(re.sub(r"</?(i|span)[^>]*>", "", block).split()), ident
    assert "Voorbeeld, A. van der" in by_js["voorbeeld-2025-werk-en-waarde"]


def citeproc_js(items: list[dict]) -> dict[str, str]:
    """Each CSL-JSON item's reference as citeproc-js writes it with the site's APA style and nl-NL."""
    import os
    import shutil
    import subprocess

    import citeproc

    from macros.formats.citations import apa_style_xml

    if shutil.which("node") is None or not (ROOT / "node_modules/citeproc").exists():
        if os.environ.get("CI"):
            pytest.fail("citeproc (npm) is missing in CI; `make test` should have installed it")
        pytest.skip("citeproc (npm) is not installed (make test installs it)")
    locale = (Path(citeproc.__file__).parent / "data/locales/locales-nl-NL.xml").read_text(encoding="utf-8")
    result = subprocess.run(
        ["node", str(ROOT / "tests/tools/js/citeproc_bibliography.js")],
        capture_output=True,
        text=True,
        input=json.dumps({"style": apa_style_xml(), "locale": locale, "items": items}),
        check=True,
    )
    return dict(json.loads(result.stdout))


# What citeproc-js does with typed quotes, each case checked against it (crossed pairs such as
# `"a 'b" c'` are left out: citeproc-js keeps one of them straight, we curl both).
QUOTED_TITLES = [
    "Het \"werk\" van 'de buurt' en d'r ('s avonds) \"a 'b' c\" \"(x)\"",
    "Wat 'werkt' voor wie? 'n Vraag",
    "Een losse \" en '",
    "rock 'n' roll, zo'n 'mooie' dag, '80 jaren",
    "'a \"b\" c' en 'a' 'b'",
]


@pytest.mark.parametrize("title", QUOTED_TITLES)
def test_quotes_as_citeproc_js_writes_them(title: str) -> None:
    import html

    from macros.formats.citations import apa_reference, csl_item

    publication = next(p for p in SITE.publications if not p.doi)
    item = dict(csl_item(publication, "https://example.org/p", split_particles=True), title=title)
    ours = apa_reference(dataclasses.replace(publication, title=title), "https://example.org/p")
    assert html.unescape(re.sub(r"<[^>]+>", "", str(ours))) == citeproc_js([item])[item["id"]]
