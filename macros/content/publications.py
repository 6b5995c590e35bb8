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
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from ..base.context import INVALID, Ctx, Invalid
from ..base.dates import PartialDate, PartialDateKind
from ..base.declare import Derived, record_for, vocabulary
from ..base.kinds import Boolean, Field, ListOf, Ref, RoundRef, Slug, Text, check_slug
from ..base.links import Url, check_sibling_file, link_or_file, url_problem
from ..base.markup import MarkdownText
from ..base.names import full_name
from ..base.problems import Problems
from ..base.reading import read_yaml_record
from ..base.yamlio import Node
from . import paths
from .pubtypes import PublicationType
from .registry import Orcid, Person


class Language(StrEnum):
    """A publication's language: the ISO 639-1 code in the file, its Dutch name on the page
    (`label`), its English name for BibTeX/biblatex and for reading imports (`english`)."""

    DUTCH = "nl"
    ENGLISH = "en"
    GERMAN = "de"
    FRENCH = "fr"

    @property
    def label(self) -> str:
        return LANGUAGE_NAMES[self][0]

    @property
    def english(self) -> str:
        return LANGUAGE_NAMES[self][1]


LANGUAGE_NAMES = {
    Language.DUTCH: ("Nederlands", "dutch"),
    Language.ENGLISH: ("Engels", "english"),
    Language.GERMAN: ("Duits", "german"),
    Language.FRENCH: ("Frans", "french"),
}


DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PDF_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")
PAGES = re.compile(r"^(\d+)(?:\s*[-–]\s*(\d+))?$")


@dataclass(frozen=True)
class Author:
    family: Annotated[str, Field(Text(max_length=80), doc="Achternaam zonder tussenvoegsel")] = ""
    given: Annotated[str | None, Field(Text(max_length=80), doc="Voornaam of voorletters")] = None
    particle: Annotated[str | None, Field(Text(max_length=20), doc="Tussenvoegsel, zoals 'van der'")] = None
    orcid: Annotated[str | None, Field(Orcid(), doc="ORCID iD")] = None
    person: Annotated[
        str | None, Field(Ref(target="person"), doc="Id uit experiments/mensen.yml (voor projectleden)")
    ] = None

    @property
    def name(self) -> str:
        return full_name(self)

    def resolved(self, people: Mapping[str, Person]) -> Author:
        """An author that names a project member takes name and ORCID from the registry."""
        if not self.person:
            return self
        person = people[self.person]
        return Author(
            family=person.family,
            given=person.given,
            particle=person.particle,
            orcid=self.orcid or person.orcid,
            person=self.person,
        )


@dataclass(frozen=True)
class Publication:
    id: Annotated[str, Derived("the file name")]
    path: Annotated[str, Derived("the file, relative to the repository root")]
    type: Annotated[
        PublicationType,
        Field(
            vocabulary(PublicationType), required=True, example="vakblad-artikel", doc="Soort publicatie", label="soort"
        ),
    ]
    title: Annotated[str, Field(Text(max_length=300), required=True, doc="Titel")]
    authors: Annotated[
        tuple[Author, ...],
        Field(
            ListOf(AUTHOR, min_items=1, unique=False),
            required=True,
            doc="Auteurs in volgorde: family, given, particle, orcid, of person",
            label="auteurs",
        ),
    ]
    date: Annotated[
        PartialDate,
        Field(PartialDateKind(), required=True, example="2023-05", doc="Verschijningsdatum: jaar, maand of dag"),
    ]
    subtitle: Annotated[str | None, Field(Text(max_length=300), doc="Ondertitel")] = None
    journal: Annotated[str | None, Field(Text(max_length=200), doc="Tijdschrift of vakblad")] = None
    publisher: Annotated[str | None, Field(Text(max_length=200), doc="Uitgever")] = None
    volume: Annotated[str | None, Field(Text(max_length=20), doc="Jaargang")] = None
    issue: Annotated[str | None, Field(Text(max_length=20), doc="Nummer")] = None
    pages: Annotated[str | None, Field(Text(max_length=20), doc="Pagina's, zoals 12-19")] = None
    doi: Annotated[str | None, Field(DoiKind(), doc="DOI")] = None
    url: Annotated[str | None, Field(Url(), doc="Link naar de publicatie")] = None
    pdf: Annotated[
        str | None, Field(Url(allow_relative=True), doc="Pdf: een link, of een bestand naast deze publicatie")
    ] = None
    language: Annotated[Language, Field(vocabulary(Language), doc="Taal (nl, en, de of fr); standaard nl")] = (
        Language.DUTCH
    )
    abstract: Annotated[str | None, Field(MarkdownText(max_length=6000), doc="Samenvatting (Markdown)")] = None
    open_access: Annotated[bool | None, Field(Boolean(), doc="Vrij toegankelijk?")] = None
    experiments: Annotated[
        tuple[str, ...], Field(ListOf(Ref(target="experiment")), doc="Ids van experimenten", label="experimenten")
    ] = ()
    rounds: Annotated[
        tuple[int, ...], Field(ListOf(RoundRef()), doc="Rondes waarover de publicatie gaat", label="rondes")
    ] = ()
    themes: Annotated[tuple[str, ...], Field(ListOf(Ref(target="theme")), doc="Onderzoeksthema's")] = ()
    aliases: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Slug()), doc="Vroegere ids van deze publicatie (hun oude links blijven werken)", label="vroegere ids"
        ),
    ] = ()

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def pdf_file(self) -> str | None:
        """The PDF's file name when it is a file beside the record (not a link), else None."""
        if not self.pdf or url_problem(self.pdf, allow_relative=False) is None:
            return None
        return self.pdf

    @property
    def pdf_is_file(self) -> bool:
        return self.pdf_file is not None

    @property
    def page_range(self) -> tuple[str | None, str | None]:
        match = PAGES.match(self.pages or "")
        return (match.group(1), match.group(2)) if match else (None, None)

    @property
    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Newest first, then title."""
        d = self.date
        return (-d.year, -(d.month or 0), -(d.day or 0), self.title.casefold(), self.id)


def bare_doi(text: str) -> str | None:
    """'https://doi.org/10.1234/x', 'doi: 10.1234/x' or '10.1234/x' -> '10.1234/x'; None if it is no DOI."""
    bare = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text.strip(), flags=re.I)
    return bare if DOI.match(bare) else None


class DoiKind(Text):
    """A DOI, with or without https://doi.org/ or doi:; stored bare (10.xxxx/…)."""

    doc = "DOI (10.1234/abc of https://doi.org/10.1234/abc)"

    def parse(self, node: Node, path: str, ctx: Ctx) -> str | Invalid:
        text = super().parse(node, path, ctx)
        if text is INVALID:
            return text
        bare = bare_doi(text)
        if bare:
            return bare
        return ctx.error(node.line, path, f"verwacht een DOI als 10.1234/abcd, maar vond {text!r}")

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^((https?://(dx\.)?doi\.org/)|doi:)?10\.\d{4,9}/\S+$"}


def _check_author(values: dict[str, Any], lines: dict[str, int], path: str, ctx: Ctx) -> bool:
    if "person" in values or "family" in values:
        return True
    ctx.error(
        lines.get("given", 0) or 1,
        f"{path}.family",
        "geef 'family' (achternaam) of 'person' (id uit experiments/mensen.yml)",
    )
    return False


def _check_publication(values: dict[str, Any], lines: dict[str, int], path: str, ctx: Ctx) -> bool:
    ok = True
    pdf = values.get("pdf")
    if pdf and not link_or_file(pdf, PDF_FILE):
        ctx.error(
            lines["pdf"],
            "pdf",
            "verwacht een link (https://…) of de naam van een pdf naast deze "
            "publicatie, zoals rapport-2023.pdf (zonder mappen)",
        )
        ok = False
    if values.get("pages") and not PAGES.match(values["pages"]):
        ctx.error(lines["pages"], "pages", f"verwacht pagina's als 12-19 of 12, maar vond {values['pages']!r}")
        ok = False
    return ok


AUTHOR = record_for(Author, check=_check_author, first=("person", "given", "particle", "family"))
PUBLICATION = record_for(Publication, check=_check_publication, first=("type", "title", "subtitle"))


def publication_files(root: Path) -> list[Path]:
    """Every publication's file under `root/publications/`; `site.load_site` reads each with
    `read_publication` (in parallel with the experiments, base/parallel.py) and lists them newest first."""
    base = root / "publications"
    return [p for p in sorted(base.glob("*.yml")) if not p.name.startswith(("_", "."))] if base.is_dir() else []


def read_publication(root: Path, path: Path, problems: Problems) -> Publication | None:
    rel = path.relative_to(root).as_posix()
    ident = check_slug(path.stem, 1, "bestandsnaam", Ctx(rel, problems))
    parsed = read_yaml_record(root, path, PUBLICATION, problems)
    if parsed is None or ident is INVALID:
        return None
    ctx, values, lines = parsed
    if not check_sibling_file(path, values.get("pdf"), "pdf", lines, ctx, "deze publicatie"):
        return None
    values["authors"] = tuple(values["authors"])  # Author records, without the list's line numbers
    return Publication(id=ident, path=rel, **values)


# publicaties/<id>/ shares its folder with these generated pages and files (derived from the path module).
RESERVED_IDS = paths.RESERVED_PUBLICATION_IDS


def check_ids(publications: list[Publication], problems: Problems) -> None:
    """Ids and aliases share one URL space: each may be used once."""
    owner: dict[str, Publication] = {}
    for publication in publications:
        for ident in (publication.id, *publication.aliases):
            if ident in RESERVED_IDS or ident.startswith(paths.YEAR_ANCHOR):
                problems.add(
                    publication.path,
                    1,
                    "bestandsnaam" if ident == publication.id else "aliases",
                    f"id '{ident}' is gereserveerd voor een pagina van de site; kies een ander id",
                )
                continue
            other = owner.setdefault(ident, publication)
            if other is not publication:
                problems.add(
                    publication.path,
                    1,
                    "aliases" if ident != publication.id else "bestandsnaam",
                    f"id '{ident}' is al in gebruik door {other.path}; elk id en alias mag één keer voorkomen",
                )


def ids_in_history(root: Path) -> set[str] | None:
    """Ids of every publication file git has ever seen on this branch; None without git history."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=", "--name-only", "--diff-filter=AR", "--", "publications/*.yml"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=20,
        )
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
            name = name[len(prefix) :]
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
        problems.add(
            f"publications/{ident}.yml",
            1,
            "-",
            f"publicatie '{ident}' stond eerder op de site en is verdwenen; zijn link mag niet breken: "
            f"zet '{ident}' onder 'aliases:' van de publicatie die hem vervangt, of zet het bestand terug",
        )
