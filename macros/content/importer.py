"""Import a BibTeX or RIS export (as Zotero writes it) into publication files.

Steps: parse the export (bibtexparser with LaTeX decoding, or rispy) -> map each entry to a
publication record -> give it an id (<family>-<year>-<first title word>) -> write it to a
scratch folder and validate it with the same loader as hand-written files -> copy only valid
records into `publications/`, never over an existing file unless `overwrite` is set, and never
through a symbolic link (the folder or the file).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..base.dates import MONTH_ABBREVIATIONS
from ..base.fsafe import UnsafeWrite, check_write_path, write_file
from ..base.names import parse_name
from ..base.problems import Problems
from ..base.text import slugify
from .publications import Language, bare_doi, read_publication
from .pubtypes import IMPORT_FALLBACK, import_types

BIBTEX_TYPES = import_types("bibtex")
RIS_TYPES = import_types("ris")
LANGUAGE_CODES = {
    name.lower(): language.value for language in Language for name in (language.value, language.english, language.label)
}
MONTHS = {name: i for i, name in enumerate(MONTH_ABBREVIATIONS, start=1)}


@dataclass
class Imported:
    """One entry of an export as a publication record; its `id` is given when the entries are written."""

    id: str
    record: dict[str, Any]
    source: str  # the entry's key or title, for messages


def _date(year: str | None, month: str | None = None, day: str | None = None) -> str | None:
    if not year or not re.fullmatch(r"\d{4}", year.strip()):
        return None
    parts = [year.strip()]
    if month:
        m = month.strip().lower()[:3]
        number = MONTHS.get(m) or (int(m) if m.isdigit() and 1 <= int(m) <= 12 else None)
        if number:
            parts.append(f"{number:02d}")
            if day and day.strip().isdigit():
                parts.append(f"{int(day):02d}")
    return "-".join(parts)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def from_bibtex(text: str) -> list[Imported]:
    """The entries of a BibTeX export as publication records (no ids yet, not yet validated)."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    entries = []
    for entry in library.entries:
        fields = {k.lower(): str(f.value).strip() for k, f in entry.fields_dict.items()}
        authors = [parse_name(a).record() for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()]
        title = " ".join(fields.get("title", "").replace("{", "").replace("}", "").split())
        record = {
            "type": BIBTEX_TYPES.get(entry.entry_type.lower(), IMPORT_FALLBACK.value),
            "title": title,
            "authors": authors,
            "date": _date(fields.get("year"), fields.get("month"), fields.get("day")),
            "journal": fields.get("journal") or fields.get("booktitle"),
            "publisher": fields.get("publisher") or fields.get("institution"),
            "volume": fields.get("volume"),
            "issue": fields.get("number"),
            "pages": fields.get("pages", "").replace("--", "-") or None,
            "doi": bare_doi(fields.get("doi") or ""),
            "url": fields.get("url"),
            "language": LANGUAGE_CODES.get(fields.get("language", "").lower()),
            "abstract": fields.get("abstract"),
        }
        entries.append(Imported("", _clean(record), entry.key))
    return entries


def from_ris(text: str) -> list[Imported]:
    """The entries of a RIS export as publication records (no ids yet, not yet validated)."""
    import rispy

    entries = []
    for entry in rispy.loads(text):
        start, end = entry.get("start_page"), entry.get("end_page")
        date = entry.get("date", "") or ""
        parts = [p for p in date.split("/") if p]
        record = {
            "type": RIS_TYPES.get(entry.get("type_of_reference", ""), IMPORT_FALLBACK.value),
            "title": " ".join((entry.get("title") or entry.get("primary_title") or "").split()),
            "authors": [parse_name(a).record() for a in entry.get("authors", []) or entry.get("first_authors", [])],
            "date": _date(entry.get("year") or (parts[0] if parts else None), *(parts[1:3] if parts else [])),
            "journal": entry.get("journal_name") or entry.get("secondary_title") or entry.get("alternate_title3"),
            "publisher": entry.get("publisher"),
            "volume": entry.get("volume"),
            "issue": entry.get("number"),
            "pages": f"{start}-{end}" if start and end else start,
            "doi": bare_doi(entry.get("doi") or ""),
            "url": (entry.get("urls") or [None])[0],
            "language": LANGUAGE_CODES.get((entry.get("language") or "").lower()),
            "abstract": entry.get("abstract"),
        }
        entries.append(Imported("", _clean(record), record["title"][:40]))
    return entries


def make_id(record: dict[str, Any], taken: set[str]) -> str:
    """family-year-firstword, ASCII, unique among `taken`."""

    family = slugify(record["authors"][0]["family"]) if record.get("authors") else "onbekend"
    year = (record.get("date") or "0000")[:4]
    words = [w for w in slugify(record.get("title", "")).split("-") if len(w) > 3][:1] or ["publicatie"]
    base = "-".join([family, year, *words])
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def import_file(source: Path, root: Path, overwrite: bool = False) -> tuple[list[str], list[str]]:
    """Import an export into `root/publications/`; (files written, messages)."""
    text = source.read_text(encoding="utf-8-sig")
    entries = from_ris(text) if source.suffix.lower() in (".ris", ".txt") else from_bibtex(text)
    try:  # never write through a symlinked publications/ (or a file in it): see fsafe.py
        check_write_path(root, "publications", folder=True)
    except UnsafeWrite as error:
        return [], [str(error)]
    taken: set[str] = set()  # ids are unique within one import; existing files are never overwritten
    written, messages = [], []
    with tempfile.TemporaryDirectory() as scratch:
        scratch_root = Path(scratch)
        (scratch_root / "publications").mkdir()
        for entry in entries:
            entry.id = make_id(entry.record, taken)
            path = scratch_root / "publications" / f"{entry.id}.yml"
            header = (
                f"# Geïmporteerd uit {source.name} ({entry.source}). "
                "Controleer en vul aan: experiments, rounds, themes.\n"
            )
            path.write_text(
                header + yaml.safe_dump(entry.record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
            )
            problems = Problems()
            read_publication(scratch_root, path, problems)
            if problems:
                messages += [f"{source.name} ({entry.source}): {p.field}: {p.message}" for p in problems.sorted()]
                continue
            rel = f"publications/{path.name}"
            try:
                write_file(root, rel, path.read_bytes(), overwrite=overwrite)
            except FileExistsError:
                messages.append(f"{rel} bestaat al; niet overschreven (gebruik --overwrite om dat wel te doen)")
                continue
            except UnsafeWrite as error:
                messages.append(str(error))
                continue
            written.append(rel)
    return written, messages
