"""The types of publication: one enum, one row per type, from which every format takes it.

A reference manager must file a publication as the same kind of item whichever door it comes
in by: the page's Highwire tags (Zotero's Embedded Metadata translator, Google Scholar), the
JSON-LD, BibTeX, biblatex, RIS or CSL-JSON. So each type's row names, once, its type in every
format and the Zotero item type they all must arrive as (`zotero`), with its Dutch label on the
site and its rank when another tool's export is read. A new type is one new member here; the
field reference, the JSON Schema of the files, the filters and every format follow, and
`tests/unit/test_pubtypes.py` checks that its row is complete.

Highwire tag sets (`highwire`), after Zotero's Embedded Metadata translator, which takes the item
type from the first tag that names one:
- "journal": citation_journal_title and friends → journalArticle;
- "report": citation_technical_report_institution → report;
- "chapter": citation_book_title → bookSection;
- "book": citation_title with citation_publisher; Scholar indexes books this way;
- None: no citation_* tag at all, since a bare citation_title makes Zotero guess
  journalArticle; such pages (blog posts, slides) carry Dublin Core (DC.*) and Open Graph tags,
  which Zotero reads as a web page with its author and date.

A trade-journal article (vakblad-artikel) is a journal article everywhere: Zotero's magazine
article cannot hold a DOI, and Highwire has no tag set that says magazine.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, NamedTuple

Highwire = Literal["journal", "report", "chapter", "book"]


class Row(NamedTuple):
    """Everything a type is, in every format (no defaults but for the extra import codes: a
    type without a value for a format cannot be written)."""

    label: str  # the Dutch name on the site: the list's filter, a publication's page
    import_rank: int  # reading another tool's export: where two types share a code, the lower rank wins
    zotero: str  # the Zotero item type every format must arrive as
    csl: str  # CSL-JSON `type`
    bibtex: str  # BibTeX entry type
    biblatex: str  # biblatex entry type
    ris: str  # RIS TY
    schema: str  # schema.org @type
    highwire: Highwire | None  # which set of citation_* tags (Google Scholar); None for none
    # Codes we never write that an import reads as this type, overriding the ranks.
    reads_bibtex: tuple[str, ...] = ()
    reads_ris: tuple[str, ...] = ()


class PublicationType(StrEnum):
    """A publication's `type`: the Dutch value in the file; `.row` holds the rest. Members are listed
    in the order the site shows them."""

    row: Row

    def __new__(cls, value: str, row: Row) -> PublicationType:
        member = str.__new__(cls, value)
        member._value_ = value
        member.row = row
        return member

    TRADE_ARTICLE = (
        "vakblad-artikel",
        Row(
            label="Artikel in vakblad",
            import_rank=7,
            zotero="journalArticle",
            csl="article-journal",
            bibtex="article",
            biblatex="article",
            ris="JOUR",
            schema="ScholarlyArticle",
            highwire="journal",
            reads_ris=("MGZN", "NEWS"),
        ),
    )
    SCHOLARLY_ARTICLE = (
        "wetenschappelijk-artikel",
        Row(
            label="Wetenschappelijk artikel",
            import_rank=1,
            zotero="journalArticle",
            csl="article-journal",
            bibtex="article",
            biblatex="article",
            ris="JOUR",
            schema="ScholarlyArticle",
            highwire="journal",
        ),
    )
    REPORT = (
        "rapport",
        Row(
            label="Rapport",
            import_rank=2,
            zotero="report",
            csl="report",
            bibtex="techreport",
            biblatex="report",
            ris="RPRT",
            schema="Report",
            highwire="report",
            reads_bibtex=("report",),
        ),
    )
    BOOK = (
        "boek",
        Row(
            label="Boek",
            import_rank=3,
            zotero="book",
            csl="book",
            bibtex="book",
            biblatex="book",
            ris="BOOK",
            schema="Book",
            highwire="book",
        ),
    )
    CHAPTER = (
        "boekhoofdstuk",
        Row(
            label="Boekhoofdstuk",
            import_rank=4,
            zotero="bookSection",
            csl="chapter",
            bibtex="incollection",
            biblatex="incollection",
            ris="CHAP",
            schema="Chapter",
            highwire="chapter",
            reads_bibtex=("inbook",),
        ),
    )
    FACTSHEET = (
        "factsheet",
        Row(
            label="Factsheet",
            import_rank=8,
            zotero="report",
            csl="report",
            bibtex="techreport",
            biblatex="report",
            ris="RPRT",
            schema="Report",
            highwire="report",
            # A bare `misc` is most often a factsheet, not slides; so is what no other code names.
            reads_bibtex=("misc",),
            reads_ris=("GEN",),
        ),
    )
    PRESENTATION = (
        "presentatie",
        Row(
            label="Presentatie",
            import_rank=5,
            zotero="presentation",
            csl="speech",
            bibtex="misc",
            biblatex="misc",
            ris="SLIDE",
            schema="PresentationDigitalDocument",
            highwire=None,
            reads_bibtex=("unpublished",),
        ),
    )
    BLOG = (
        "blog",
        Row(
            label="Blog",
            import_rank=6,
            zotero="blogPost",
            csl="post-weblog",
            bibtex="misc",
            biblatex="online",
            ris="BLOG",
            schema="BlogPosting",
            highwire=None,
            reads_bibtex=("online",),
            reads_ris=("ELEC",),
        ),
    )


# What an import makes of a code no row names (`import_type`).
IMPORT_FALLBACK = PublicationType.FACTSHEET

# What each format's type is read back as by Zotero's importers (BibTeX.js, RIS.js, the CSL
# mapping in Zotero's schema): the test checks every row arrives as one item type. A type with a
# code that is not here yet adds what Zotero reads it as.
ZOTERO_FROM = {
    "csl": {
        "article-journal": "journalArticle",
        "report": "report",
        "book": "book",
        "chapter": "bookSection",
        "speech": "presentation",
        "post-weblog": "blogPost",
    },
    "ris": {
        "JOUR": "journalArticle",
        "RPRT": "report",
        "BOOK": "book",
        "CHAP": "bookSection",
        "SLIDE": "presentation",
        "BLOG": "blogPost",
    },
    "bibtex": {"article": "journalArticle", "techreport": "report", "book": "book", "incollection": "bookSection"},
    "biblatex": {
        "article": "journalArticle",
        "report": "report",
        "book": "book",
        "incollection": "bookSection",
        "online": "blogPost",
    },
}


def import_types(fmt: Literal["bibtex", "ris"]) -> dict[str, str]:
    """Our type (its value in a file) for each type code of `fmt` that an import may meet: the
    rows' own codes, the lowest rank first, then the codes each row reads besides."""
    table: dict[str, str] = {}
    for kind in sorted(PublicationType, key=lambda t: t.row.import_rank):
        table.setdefault(getattr(kind.row, fmt), kind.value)
    extra = {code: kind.value for kind in PublicationType for code in getattr(kind.row, f"reads_{fmt}")}
    return {**table, **extra}
