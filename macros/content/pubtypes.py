"""One table from which every citation format takes a publication's type.

A reference manager must file a publication as the same kind of item whichever door it comes
in by: the page's Highwire tags (Zotero's Embedded Metadata translator, Google Scholar), the
JSON-LD, BibTeX, biblatex, RIS or CSL-JSON. So each type of the content model maps here, once,
to the type of every format, and to the Zotero item type they all must arrive as (`zotero`).

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

from typing import NamedTuple


class PubType(NamedTuple):
    zotero: str  # the Zotero item type every format must arrive as
    csl: str  # CSL-JSON `type`
    bibtex: str  # BibTeX entry type
    biblatex: str  # biblatex entry type
    ris: str  # RIS TY
    schema: str  # schema.org @type
    highwire: str | None  # which set of citation_* tags; None for none


PUBTYPES: dict[str, PubType] = {
    "vakblad-artikel": PubType(
        "journalArticle", "article-journal", "article", "article", "JOUR", "ScholarlyArticle", "journal"
    ),
    "wetenschappelijk-artikel": PubType(
        "journalArticle", "article-journal", "article", "article", "JOUR", "ScholarlyArticle", "journal"
    ),
    "rapport": PubType("report", "report", "techreport", "report", "RPRT", "Report", "report"),
    "boek": PubType("book", "book", "book", "book", "BOOK", "Book", "book"),
    "boekhoofdstuk": PubType("bookSection", "chapter", "incollection", "incollection", "CHAP", "Chapter", "chapter"),
    "factsheet": PubType("report", "report", "techreport", "report", "RPRT", "Report", "report"),
    "presentatie": PubType("presentation", "speech", "misc", "misc", "SLIDE", "PresentationDigitalDocument", None),
    "blog": PubType("blogPost", "post-weblog", "misc", "online", "BLOG", "BlogPosting", None),
}

# What each format's type is read back as by Zotero's importers (BibTeX.js, RIS.js, the CSL
# mapping in Zotero's schema): the test checks every row of PUBTYPES arrives as one item type.
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

# Reading another tool's export (`python -m macros import`): the inverse of PUBTYPES, where two of
# our types share a code the first in IMPORT_ORDER wins, overridden by IMPORT_EXTRA for codes we
# never write or read otherwise (a bare `misc` is most often a factsheet, not slides).
IMPORT_ORDER = (
    "wetenschappelijk-artikel",
    "rapport",
    "boek",
    "boekhoofdstuk",
    "presentatie",
    "blog",
    "vakblad-artikel",
    "factsheet",
)
IMPORT_EXTRA = {
    "bibtex": {
        "report": "rapport",
        "inbook": "boekhoofdstuk",
        "online": "blog",
        "unpublished": "presentatie",
        "misc": "factsheet",
    },
    "ris": {"MGZN": "vakblad-artikel", "NEWS": "vakblad-artikel", "ELEC": "blog", "GEN": "factsheet"},
}


def import_types(fmt: str) -> dict[str, str]:
    """Our type for each type code of `fmt` ("bibtex" or "ris") that an import may meet."""
    table: dict[str, str] = {}
    for name in IMPORT_ORDER:
        table.setdefault(getattr(PUBTYPES[name], fmt), name)
    return {**table, **IMPORT_EXTRA[fmt]}
