"""Experiments: one folder per experiment under `experiments/<slug>/`.

    experiments/<slug>/experiment.yml   key facts (EXPERIMENT below)
    experiments/<slug>/ronde-<n>.md     front matter (ROUND_REPORT) + the findings in Markdown

Folders and files whose name starts with `_` or `.` are skipped (templates to copy).
`load_experiments` reads every folder, records every problem, and returns typed models;
cross-references to the registries are checked in `site.load_site`, which knows them all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..base.fields import (INVALID, Boolean, Choice, Ctx, Date, Either, Field, Integer, ListOf,
                     MarkdownText, PartialDate, PartialDateKind, Record, Ref, Text, Url,
                     check_period, check_slug, read_document, read_yaml_record)
from ..base.parallel import load_each
from ..base.privacy import scan_name
from ..base.problems import Problems, Reference

# Closed vocabularies. Extend them here and nowhere else: filters, schema and docs follow.
DOMAINS = ("zorg", "onderwijs", "klimaattransitie", "wonen", "circulaire economie", "werk in de wijk")
WORK_FORMS = ("schuilplek", "transitieplek", "permanent")
ROLES = ("gemeente", "werkgever", "uitvoerder", "financier", "onderzoek", "partner")
FINANCING_KINDS = ("uitkeringsgelden", "subsidie", "gemeentebudget", "werkgeversbijdrage", "fonds", "overig")
WAGE_LEVELS = ("minimumloon", "boven minimumloon", "cao-loon")
PROFILE_STATUSES = ("in voorbereiding", "actueel")
PHASES = ("gestart", "lopend", "afgerond", "gestopt")
JOB_KINDS = ("gepland", "gerealiseerd")
METHODS = ("literatuurstudie", "documentanalyse", "interviews", "focusgroepen", "observatie",
           "vragenlijst", "reflectiebijeenkomst")
REPORT_STATUSES = ("concept", "gepubliceerd")

# Generated pages live beside the profiles; an experiment may not take their URL.
RESERVED_SLUGS = ("kaart", "matrix", "gemeente", "domein", "werkvorm", "ronde", "parel", "parels", "index")

EXPERIMENT_FILE = "experiment.yml"
ROUND_FILE = re.compile(r"^ronde-(0|[1-9]\d*)\.md$")  # no leading zeros: ronde-1 and ronde-01 are one round
ALLOWED_EXTRA = re.compile(r"\.(png|jpe?g|svg|webp|pdf)$", re.I)


@dataclass(frozen=True)
class Source:
    url: str
    title: str | None = None
    accessed: dt.date | None = None

    @property
    def label(self) -> str:
        return self.title or self.url


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str
    url: str | None = None


@dataclass(frozen=True)
class Financing:
    source: str
    kind: str
    note: str | None = None


@dataclass(frozen=True)
class JobCount:
    kind: str
    count: int
    date: PartialDate
    source: Source


@dataclass(frozen=True)
class RoundReport:
    """What one research round found in one experiment (`ronde-<n>.md`)."""

    experiment: str
    path: str
    round: int
    status: str
    parel: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    methods: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    findings: str = ""
    findings_line: int = 1

    @property
    def published(self) -> bool:
        return self.status == "gepubliceerd"


@dataclass(frozen=True)
class Experiment:
    slug: str
    path: str
    municipality: str
    status: str
    phase: str | None = None
    title: str | None = None
    summary: str | None = None
    domains: tuple[str, ...] = ()
    work_forms: tuple[str, ...] = ()
    target_group: str | None = None
    organisations: tuple[Organisation, ...] = ()
    financing: tuple[Financing, ...] = ()
    wage_level: str | None = None
    wage_note: str | None = None
    jobs: tuple[JobCount, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    sources: tuple[Source, ...] = ()
    reports: tuple[RoundReport, ...] = field(default=())
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def report(self, number: int) -> RoundReport | None:
        """The published report of round `number` (drafts never reach the site), or None."""
        return next((r for r in self.reports if r.round == number and r.published), None)

    @property
    def published_reports(self) -> tuple[RoundReport, ...]:
        return tuple(r for r in self.reports if r.published)

    @property
    def parel_rounds(self) -> tuple[int, ...]:
        return tuple(r.round for r in self.published_reports if r.parel)

    @property
    def themes(self) -> tuple[str, ...]:
        """Every research theme any published round speaks to, first mention first."""
        return tuple(dict.fromkeys(t for r in self.published_reports for t in r.themes))


SOURCE = Record(build=Source, fields={
    "url": Field(Url(), required=True, doc="Adres van de bron", example="https://www.example.nl/"),
    "title": Field(Text(max_length=200), doc="Titel van de bron"),
    "accessed": Field(Date(), doc="Datum waarop de bron is geraadpleegd"),
})
SOURCE_KIND = Either(short=Url(), full=SOURCE, wrap=lambda url: Source(url),
                     doc="link, of een groep met url, title en accessed")

EXPERIMENT = Record(check=check_period, fields={
    "municipality": Field(Ref(target="municipality"), required=True, example="delft",
                          doc="Id van de gemeente uit experiments/gemeenten.yml"),
    "status": Field(Choice(PROFILE_STATUSES), required=True, example="in voorbereiding",
                    doc="Stand van dit profiel: 'in voorbereiding' zolang de kerngegevens nog niet bekend zijn"),
    "phase": Field(Choice(PHASES), doc="Fase van het experiment zelf; leeg als die niet bekend is"),
    "title": Field(Text(max_length=160), doc="Naam van het experiment; leeg als die nog niet bekend is"),
    "summary": Field(MarkdownText(max_length=4000), doc="Korte beschrijving (Markdown)"),
    "domains": Field(ListOf(Choice(DOMAINS)), doc="Domeinen waarin het werk valt"),
    "work_forms": Field(ListOf(Choice(WORK_FORMS)), doc="Vorm van het werk"),
    "target_group": Field(Text(max_length=500), doc="Voor wie het werk is bedoeld"),
    "organisations": Field(ListOf(Record(build=Organisation, fields={
        "name": Field(Text(max_length=160), required=True, doc="Naam van de organisatie"),
        "role": Field(Choice(ROLES), required=True, doc="Rol in het experiment"),
        "url": Field(Url(), doc="Website"),
    })), doc="Betrokken organisaties met hun rol"),
    "financing": Field(ListOf(Record(build=Financing, fields={
        "source": Field(Text(max_length=160), required=True, doc="Wie financiert"),
        "kind": Field(Choice(FINANCING_KINDS), required=True, doc="Soort geld"),
        "note": Field(Text(max_length=300), doc="Toelichting"),
    })), doc="Financiering, inclusief uitkeringsgelden"),
    "wage_level": Field(Choice(WAGE_LEVELS), doc="Loonniveau"),
    "wage_note": Field(Text(max_length=300), doc="Toelichting op het loon"),
    "jobs": Field(ListOf(Record(build=JobCount, fields={
        "kind": Field(Choice(JOB_KINDS), required=True, doc="Gepland of gerealiseerd"),
        "count": Field(Integer(0, 100_000), required=True, doc="Aantal banen"),
        "date": Field(PartialDateKind(), required=True, doc="Peildatum"),
        "source": Field(SOURCE_KIND, required=True, doc="Bron van het aantal"),
    }), unique=False), doc="Aantallen banen, elk met peildatum en bron"),
    "start": Field(PartialDateKind(), doc="Start van het experiment"),
    "end": Field(PartialDateKind(), doc="Einde van het experiment"),
    "sources": Field(ListOf(SOURCE_KIND, unique=False), doc="Bronnen die het profiel onderbouwen"),
})

ROUND_REPORT = Record(fields={
    "round": Field(Integer(0, 9), required=True, example="1", doc="Nummer van de ronde (gelijk aan de bestandsnaam)"),
    "status": Field(Choice(REPORT_STATUSES), required=True, example="concept",
                    doc="'concept' blijft van de site; 'gepubliceerd' komt erop"),
    "parel": Field(Boolean(), doc="Was het experiment in deze ronde een kernexperiment ('parel')?"),
    "period": Field(Record(check=check_period, fields={
        "start": Field(Date(), required=True, doc="Begin van de dataverzameling"),
        "end": Field(Date(), required=True, doc="Einde van de dataverzameling"),
    }), doc="Periode van de dataverzameling"),
    "methods": Field(ListOf(Choice(METHODS)), doc="Methoden van dataverzameling"),
    "themes": Field(ListOf(Ref(target="theme")), doc="Ids van de onderzoeksthema's uit experiments/themas.yml"),
})

FINDINGS = MarkdownText(max_length=60_000)


def load_experiments(root: Path, problems: Problems, parallel: bool = True) -> list[Experiment]:
    """Every experiment under `root/experiments/`, sorted by slug (`parallel`: see parallel.py)."""
    base = root / "experiments"
    folders = [f for f in sorted(base.iterdir()) if f.is_dir() and not f.name.startswith(("_", "."))] \
        if base.is_dir() else []
    return load_each(read_experiment, root, folders, problems, parallel)


def read_experiment(root: Path, folder: Path, problems: Problems) -> Experiment | None:
    """One experiment folder: its `experiment.yml` and its round reports."""
    rel_folder = folder.relative_to(root).as_posix()
    ctx = Ctx(f"{rel_folder}/{EXPERIMENT_FILE}", problems)
    slug = check_slug(folder.name, 1, "map", Ctx(rel_folder, problems))
    if slug is not INVALID and slug in RESERVED_SLUGS:
        problems.add(rel_folder, 1, "map", f"de naam '{slug}' is gereserveerd voor een pagina van de site; "
                     "kies een andere mapnaam")
        slug = INVALID
    if folder.is_symlink():
        problems.add(rel_folder, 1, "map", "deze map is een symbolische link; zet de inhoud zelf hier")
        return None
    reports = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("_", ".")) or path.name == EXPERIMENT_FILE:
            continue
        match = ROUND_FILE.match(path.name)
        if match:
            report = read_round_report(root, path, folder.name, int(match.group(1)), problems)
            if report is not None:
                reports.append(report)
        elif re.match(r"^ronde-0\d+\.md$", path.name):
            problems.add(path.relative_to(root).as_posix(), 1, "bestandsnaam", "schrijf het rondenummer zonder "
                         f"voorloopnul: ronde-{int(path.name[6:-3])}.md")
        elif not ALLOWED_EXTRA.search(path.name) or path.is_dir():
            problems.add(path.relative_to(root).as_posix(), 1, "-",
                         f"onbekend bestand in een experimentmap; verwacht {EXPERIMENT_FILE} of "
                         "ronde-<nummer>.md (zoals ronde-1.md)")
        else:
            scan_name(path.relative_to(root).as_posix(), problems)  # an image or PDF kept beside the record
    path = folder / EXPERIMENT_FILE
    if not path.exists():
        problems.add(ctx.rel, 1, "-", f"{EXPERIMENT_FILE} ontbreekt; kopieer experiments/_sjabloon/{EXPERIMENT_FILE}")
        return None
    parsed = read_yaml_record(root, path, EXPERIMENT, problems)
    if parsed is None or slug is INVALID:
        return None
    _, values, lines = parsed
    return Experiment(slug=slug, path=ctx.rel, reports=tuple(sorted(reports, key=lambda r: r.round)),
                      lines=lines, **values)


def read_round_report(root: Path, path: Path, slug: str, number: int, problems: Problems) -> RoundReport | None:
    """One `ronde-<n>.md`: front matter plus findings."""
    parsed = read_document(root, path, ROUND_REPORT, FINDINGS, "bevindingen", problems)
    if parsed is None:
        return None
    ctx, values, lines, body, findings_line = parsed
    if values["round"] != number:
        ctx.error(lines["round"], "round", f"ronde {values['round']} past niet bij de bestandsnaam "
                  f"ronde-{number}.md; maak ze gelijk")
        return None
    problems.references.append(Reference("round", str(number), ctx.rel, lines["round"], "round"))
    period = values.pop("period", {})
    return RoundReport(experiment=slug, path=ctx.rel, start=period.get("start"), end=period.get("end"),
                       findings=body, findings_line=findings_line, **values)
