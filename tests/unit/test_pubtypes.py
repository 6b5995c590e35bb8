"""Publication types are one enum with one row each (macros/content/pubtypes.py): every row has a
value for every format, from that format's own vocabulary; labels, import ranks and the codes an
import reads are one per type; every format the site writes carries the row's value for every type,
not only for the types the demo happens to have; an import of a type's own code files it alike."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from pathlib import Path

import citeproc
import pytest
import rispy
import rispy.config
from pybtex.database import parse_string

from macros.base.clock import build_time
from macros.base.dates import PartialDate
from macros.content.publications import Author, Publication
from macros.content.pubtypes import Highwire, PublicationType, import_types
from macros.content.site import load_site
from macros.formats.citations import render_biblatex, render_bibtex, render_csl_json, render_ris
from macros.pages.publication_pages import head_meta, render_publication_pages, scholarly_jsonld
from macros.pages.render import Settings
from support import ROOT

TYPES = list(PublicationType)

# Each format's vocabulary, from its own source.
# CSL's item types: the schema citeproc-py ships.
CSL_SCHEMA = Path(citeproc.__file__).parent / "data/schema/schemas/styles/csl-types.rnc"
# BibTeX's standard entry types (btxdoc, "Entry Types").
BIBTEX = {
    "article",
    "book",
    "booklet",
    "conference",
    "inbook",
    "incollection",
    "inproceedings",
    "manual",
    "mastersthesis",
    "misc",
    "phdthesis",
    "proceedings",
    "techreport",
    "unpublished",
}
# biblatex's entry types (its manual, 2.1.1 regular types, 2.1.2 aliases for BibTeX's, 2.1.3 non-standard types).
BIBLATEX = {
    "article",
    "book",
    "mvbook",
    "inbook",
    "bookinbook",
    "suppbook",
    "booklet",
    "collection",
    "mvcollection",
    "incollection",
    "suppcollection",
    "dataset",
    "manual",
    "misc",
    "online",
    "patent",
    "periodical",
    "suppperiodical",
    "proceedings",
    "mvproceedings",
    "inproceedings",
    "reference",
    "mvreference",
    "inreference",
    "report",
    "set",
    "software",
    "thesis",
    "unpublished",
    "xdata",
    "conference",
    "electronic",
    "mastersthesis",
    "phdthesis",
    "techreport",
    "www",
    "artwork",
    "audio",
    "bibnote",
    "commentary",
    "image",
    "jurisdiction",
    "legislation",
    "legal",
    "letter",
    "movie",
    "music",
    "performance",
    "review",
    "standard",
    "video",
}
# Zotero's item types (its schema.json, `itemTypes`).
ZOTERO = {
    "artwork",
    "audioRecording",
    "bill",
    "blogPost",
    "book",
    "bookSection",
    "case",
    "computerProgram",
    "conferencePaper",
    "dataset",
    "dictionaryEntry",
    "document",
    "email",
    "encyclopediaArticle",
    "film",
    "forumPost",
    "hearing",
    "instantMessage",
    "interview",
    "journalArticle",
    "letter",
    "magazineArticle",
    "manuscript",
    "map",
    "newspaperArticle",
    "patent",
    "podcast",
    "preprint",
    "presentation",
    "radioBroadcast",
    "report",
    "standard",
    "statute",
    "thesis",
    "tvBroadcast",
    "videoRecording",
    "webpage",
}
# schema.org's CreativeWork and those of its subtypes a publication can be (schema.org/CreativeWork, "More specific Types").
SCHEMA_ORG = {
    "CreativeWork",
    "Article",
    "ScholarlyArticle",
    "NewsArticle",
    "Report",
    "TechArticle",
    "Book",
    "Chapter",
    "Thesis",
    "DigitalDocument",
    "PresentationDigitalDocument",
    "TextDigitalDocument",
    "BlogPosting",
    "SocialMediaPosting",
    "Dataset",
    "Poster",
    "PodcastEpisode",
    "AudioObject",
    "VideoObject",
    "Review",
    "Guide",
    "Manuscript",
    "Legislation",
}
# The citation_* tag that says each Highwire tag set (Zotero's Embedded Metadata translator).
HIGHWIRE_TAG = {
    "journal": "citation_journal_title",
    "report": "citation_technical_report_institution",
    "chapter": "citation_book_title",
    "book": "citation_publisher",
}


def csl_types() -> set[str]:
    """The item types of the CSL schema citeproc-py ships (`item-types = "article" | ...`)."""
    text = CSL_SCHEMA.read_text(encoding="utf-8")
    block = text[text.index("item-types =") :].split("\n\n")[0]
    return set(re.findall(r'"([a-z-]+)"', block))


def test_the_vocabularies_are_read() -> None:
    assert {"article-journal", "report", "speech", "post-weblog"} <= csl_types()
    assert {"JOUR", "RPRT", "SLIDE", "BLOG"} <= set(rispy.config.TYPE_OF_REFERENCE_MAPPING)


@pytest.mark.parametrize("kind", TYPES, ids=str)
def test_every_type_has_a_value_for_every_format(kind: PublicationType) -> None:
    row = kind.row
    assert set(row._fields) == {
        *["label", "import_rank", "zotero", "csl", "bibtex", "biblatex", "ris", "schema", "highwire"],
        "reads_bibtex",
        "reads_ris",
    }
    assert row.label.strip() == row.label and row.label[:1].isupper(), "label"
    assert isinstance(row.import_rank, int) and row.import_rank >= 1, "import_rank"
    assert row.zotero in ZOTERO, "zotero"
    assert row.csl in csl_types(), "csl"
    assert row.bibtex in BIBTEX, "bibtex"
    assert row.biblatex in BIBLATEX, "biblatex"
    assert row.ris in rispy.config.TYPE_OF_REFERENCE_MAPPING, "ris"
    assert row.schema in SCHEMA_ORG, "schema"
    assert row.highwire is None or row.highwire in typing.get_args(Highwire), "highwire"
    assert set(row.reads_bibtex) <= BIBTEX | BIBLATEX and set(row.reads_ris) <= set(
        rispy.config.TYPE_OF_REFERENCE_MAPPING
    )


def test_labels_ranks_and_read_codes_are_one_per_type() -> None:
    labels = [t.row.label for t in TYPES]
    assert len(set(labels)) == len(labels)
    assert sorted(t.row.import_rank for t in TYPES) == list(range(1, len(TYPES) + 1))
    for fmt in ("bibtex", "ris"):
        read = [code for t in TYPES for code in getattr(t.row, f"reads_{fmt}")]
        assert len(set(read)) == len(read), fmt


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_an_import_of_a_types_own_code_files_it_alike(fmt: str) -> None:
    """Reading back what the site writes gives a type of the same Zotero item type (where two share a
    code, the lower rank); BibTeX's `misc` alone is read as a factsheet, as such exports mostly are."""
    table = import_types(fmt)  # type: ignore[arg-type]
    for kind in TYPES:
        code = getattr(kind.row, fmt)
        back = PublicationType(table[code])
        assert back.row.zotero == kind.row.zotero or (fmt, code) == ("bibtex", "misc"), (kind, code, back)
        assert all(table[c] == kind for c in getattr(kind.row, f"reads_{fmt}")), kind


def one_of_each() -> list[Publication]:
    return [
        Publication(
            id=f"voorbeeld-{kind}",
            path=f"publications/voorbeeld-{kind}.yml",
            type=kind,
            title="Titel",
            authors=(Author(family="Voorbeeld", given="Anna"),),
            date=PartialDate(2025, 3, 4),
            journal="Verzamelnaam",
            publisher="Uitgeverij",
        )
        for kind in TYPES
    ]


def test_every_format_the_site_writes_carries_each_type() -> None:
    publications = one_of_each()
    settings = Settings(site_url="https://example.org/", now=build_time())
    site = dataclasses.replace(load_site(ROOT / "demo"), publications=tuple(publications))
    csl = {item["id"]: item["type"] for item in json.loads(render_csl_json(publications, {}))}
    ris = {
        p.id: entry["type_of_reference"]
        for p, entry in zip(publications, rispy.loads(render_ris(publications, {})), strict=True)
    }
    bibtex = {key: e.type for key, e in parse_string(render_bibtex(publications, {}), "bibtex").entries.items()}
    biblatex = {key: e.type for key, e in parse_string(render_biblatex(publications, {}), "bibtex").entries.items()}
    pages = {page.src_uri: page.markdown for page in render_publication_pages(site, settings)}
    for p in publications:
        row = p.type.row
        assert (csl[p.id], ris[p.id], bibtex[p.id], biblatex[p.id]) == (row.csl, row.ris, row.bibtex, row.biblatex)
        assert scholarly_jsonld(p, settings)["@type"] == row.schema
        tags = {key for _, key, _ in head_meta(p, site, settings)}
        if row.highwire is None:  # Dublin Core instead: Zotero would take a bare citation_title for an article
            assert not {t for t in tags if t.startswith("citation_")} and "DC.title" in tags, p.type
        else:
            assert {"citation_title", HIGHWIRE_TAG[row.highwire]} <= tags, p.type
        assert f"<dt>Soort</dt><dd>{row.label}</dd>" in pages[f"publicaties/{p.id}.md"]
        assert f"publicaties/type/{p.type}.md" in pages  # the list filtered by this type
