"""Publications: one YAML file per publication under `publications/`.

    publications/<id>.yml     the record (PUBLICATION below); the id is the file name
    publications/<file>.pdf   our own PDF, next to the record, named in `pdf:`

The id is the publication's URL (`publicaties/<id>/`) forever. Renaming one means keeping the
old id in `aliases:` (the old URL then redirects); `check_removed_ids` fails the build when a
publication that git has seen disappears without such an alias.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..base.fields import (INVALID, Boolean, Choice, Ctx, Field, ListOf, MarkdownText,
                     PartialDate, PartialDateKind, Record, Ref, RoundRef, Slug, Text, Url, check_sibling_file, check_slug,
                     read_yaml_record, url_problem)
from ..base.parallel import load_each
from ..base.problems import Problems
from .registry import Orcid
from .pubtypes import PUBTYPES

# type -> (CSL type, BibTeX entry type, RIS type, schema.org type); extend here only.
TYPES = PUBTYPES  # the one type table: macros/content/pubtypes.py
TYPE_LABELS = {
    "vakblad-artikel": "Artikel in vakblad", "wetenschappelijk-artikel": "Wetenschappelijk artikel",
    "rapport": "Rapport", "boek": "Boek", "boekhoofdstuk": "Boekhoofdstuk", "factsheet": "Factsheet",
    "presentatie": "Presentatie", "blog": "Blog",
}
LANGUAGES = ("nl", "en", "de", "fr")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PDF_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")
PAGES = re.compile(r"^(\d+)(?:\s*[-–]\s*(\d+))?$")


@dataclass(frozen=True)
class Author:
    family: str = ""
    given: str | None = None
    particle: str | None = None
    orcid: str | None = None
    person: str | None = None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.particle, self.family) if p)

    def resolved(self, people: dict) -> "Author":
        """An author that names a project member takes name and ORCID from the registry."""
        if not self.person:
            return self
        person = people[self.person]
        return Author(family=person.family, given=person.given, particle=person.particle,
                      orcid=self.orcid or person.orcid, person=self.person)


@dataclass(frozen=True)
class Publication:
    id: str
    path: str
    type: str
    title: str
    authors: tuple[Author, ...]
    date: PartialDate
    subtitle: str | None = None
    journal: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    pdf: str | None = None
    language: str = "nl"
    abstract: str | None = None
    open_access: bool | None = None
    experiments: tuple[str, ...] = ()
    rounds: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def pdf_is_file(self) -> bool:
        return bool(self.pdf) and url_problem(self.pdf, allow_relative=False) is not None

    @property
    def page_range(self) -> tuple[str | None, str | None]:
        match = PAGES.match(self.pages or "")
        return (match.group(1), match.group(2)) if match else (None, None)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then title."""
        d = self.date
        return (-d.year, -(d.month or 0), -(d.day or 0), self.title.casefold(), self.id)


class DoiKind(Text):
    """A DOI, with or without https://doi.org/ or doi:; stored bare (10.xxxx/…)."""

    doc = "DOI (10.1234/abc of https://doi.org/10.1234/abc)"

    def parse(self, node, path, ctx):
        text = super().parse(node, path, ctx)
        if text is INVALID:
            return text
        bare = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.I)
        if DOI.match(bare):
            return bare
        return ctx.error(node.line, path, f"verwacht een DOI als 10.1234/abcd, maar vond {text!r}")

    def json(self) -> dict:
        return {"type": "string", "pattern": r"^((https?://(dx\.)?doi\.org/)|doi:)?10\.\d{4,9}/\S+$"}


def _check_author(values: dict, lines: dict, path: str, ctx: Ctx) -> bool:
    if "person" in values or "family" in values:
        return True
    ctx.error(lines.get("given", 0) or 1, f"{path}.family", "geef 'family' (achternaam) of 'person' (id uit "
              "experiments/mensen.yml)")
    return False


def _check_publication(values: dict, lines: dict, path: str, ctx: Ctx) -> bool:
    ok = True
    pdf = values.get("pdf")
    if pdf and url_problem(pdf, allow_relative=False) is not None and not PDF_FILE.match(pdf):
        ctx.error(lines["pdf"], "pdf", "verwacht een link (https://…) of de naam van een pdf naast deze "
                  "publicatie, zoals rapport-2023.pdf (zonder mappen)")
        ok = False
    if values.get("pages") and not PAGES.match(values["pages"]):
        ctx.error(lines["pages"], "pages", f"verwacht pagina's als 12-19 of 12, maar vond {values['pages']!r}")
        ok = False
    return ok


AUTHOR = Record(build=None, check=_check_author, fields={
    "person": Field(Ref(target="person"), doc="Id uit experiments/mensen.yml (voor projectleden)"),
    "given": Field(Text(max_length=80), doc="Voornaam of voorletters"),
    "particle": Field(Text(max_length=20), doc="Tussenvoegsel, zoals 'van der'"),
    "family": Field(Text(max_length=80), doc="Achternaam zonder tussenvoegsel"),
    "orcid": Field(Orcid(), doc="ORCID iD"),
})

PUBLICATION = Record(check=_check_publication, fields={
    "type": Field(Choice(tuple(TYPES)), required=True, example="vakblad-artikel", doc="Soort publicatie"),
    "title": Field(Text(max_length=300), required=True, doc="Titel"),
    "subtitle": Field(Text(max_length=300), doc="Ondertitel"),
    "authors": Field(ListOf(AUTHOR, min_items=1, unique=False), required=True,
                     doc="Auteurs in volgorde: family, given, particle, orcid, of person"),
    "date": Field(PartialDateKind(), required=True, example="2023-05",
                  doc="Verschijningsdatum: jaar, maand of dag"),
    "journal": Field(Text(max_length=200), doc="Tijdschrift of vakblad"),
    "publisher": Field(Text(max_length=200), doc="Uitgever"),
    "volume": Field(Text(max_length=20), doc="Jaargang"),
    "issue": Field(Text(max_length=20), doc="Nummer"),
    "pages": Field(Text(max_length=20), doc="Pagina's, zoals 12-19"),
    "doi": Field(DoiKind(), doc="DOI"),
    "url": Field(Url(), doc="Link naar de publicatie"),
    "pdf": Field(Url(allow_relative=True), doc="Pdf: een link, of een bestand naast deze publicatie"),
    "language": Field(Choice(LANGUAGES), doc="Taal (nl, en, de of fr); standaard nl"),
    "abstract": Field(MarkdownText(max_length=6000), doc="Samenvatting (Markdown)"),
    "open_access": Field(Boolean(), doc="Vrij toegankelijk?"),
    "experiments": Field(ListOf(Ref(target="experiment")), doc="Ids van experimenten"),
    "rounds": Field(ListOf(RoundRef()), doc="Rondes waarover de publicatie gaat"),
    "themes": Field(ListOf(Ref(target="theme")), doc="Onderzoeksthema's"),
    "aliases": Field(ListOf(Slug()), doc="Vroegere ids van deze publicatie (hun oude links blijven werken)"),
})


def load_publications(root: Path, problems: Problems, parallel: bool = True) -> list[Publication]:
    """Every publication under `root/publications/`, newest first (`parallel`: see parallel.py)."""
    base = root / "publications"
    paths = [p for p in sorted(base.glob("*.yml")) if not p.name.startswith(("_", "."))] if base.is_dir() else []
    return sorted(load_each(read_publication, root, paths, problems, parallel), key=lambda p: p.sort_key)


def read_publication(root: Path, path: Path, problems: Problems) -> Publication | None:
    rel = path.relative_to(root).as_posix()
    ident = check_slug(path.stem, 1, "bestandsnaam", Ctx(rel, problems))
    parsed = read_yaml_record(root, path, PUBLICATION, problems)
    if parsed is None or ident is INVALID:
        return None
    ctx, values, lines = parsed
    if not check_sibling_file(path, values.get("pdf"), "pdf", lines, ctx, "deze publicatie"):
        return None
    values["authors"] = tuple(Author(**a) for a in values["authors"])
    return Publication(id=ident, path=rel, **values)


# publicaties/<id>/ shares its folder with these generated pages and files.
RESERVED_IDS = ("type", "thema", "feed", "index", "publicaties")


def check_ids(publications: list[Publication], problems: Problems) -> None:
    """Ids and aliases share one URL space: each may be used once."""
    owner: dict[str, Publication] = {}
    for publication in publications:
        for ident in (publication.id, *publication.aliases):
            if ident in RESERVED_IDS or ident.startswith("jaar-"):
                problems.add(publication.path, 1, "bestandsnaam" if ident == publication.id else "aliases",
                             f"id '{ident}' is gereserveerd voor een pagina van de site; kies een ander id")
                continue
            other = owner.setdefault(ident, publication)
            if other is not publication:
                problems.add(publication.path, 1, "aliases" if ident != publication.id else "bestandsnaam",
                             f"id '{ident}' is al in gebruik door {other.path}; elk id en alias mag één keer voorkomen")


def ids_in_history(root: Path) -> set[str] | None:
    """Ids of every publication file git has ever seen on this branch; None without git history."""
    try:
        result = subprocess.run(["git", "log", "--format=", "--name-only", "--diff-filter=AR", "--",
                                 "publications/*.yml"], cwd=root, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True)
    prefix = top.stdout.strip()
    ids = set()
    for line in result.stdout.splitlines():
        name = line.strip()
        if prefix and name.startswith(prefix):
            name = name[len(prefix):]
        if name.startswith("publications/") and name.count("/") == 1 and not Path(name).name.startswith("_"):
            ids.add(Path(name).stem)
    return ids


def check_removed_ids(root: Path, publications: list[Publication], problems: Problems) -> None:
    """A publication id that git has seen must live on, as an id or as an alias."""
    seen = ids_in_history(root)
    if not seen:
        return
    alive = {i for p in publications for i in (p.id, *p.aliases)}
    for ident in sorted(seen - alive):
        problems.add(f"publications/{ident}.yml", 1, "-",
                     f"publicatie '{ident}' stond eerder op de site en is verdwenen; zijn link mag niet breken: "
                     f"zet '{ident}' onder 'aliases:' van de publicatie die hem vervangt, of zet het bestand terug")
