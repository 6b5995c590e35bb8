"""Experiments: one folder per experiment under `experiments/<slug>/`.

    experiments/<slug>/experiment.yml   key facts (EXPERIMENT below)
    experiments/<slug>/ronde-<n>.md     front matter (ROUND_REPORT) + the findings in Markdown

Folders and files whose name starts with `_` or `.` are skipped (templates to copy).
`read_experiment` reads one folder, records every problem, and returns a typed model;
cross-references to the registries are checked in `site.load_site`, which knows them all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import InitVar, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from ..base.context import INVALID, Ctx
from ..base.dates import Date, PartialDate, PartialDateKind, check_period
from ..base.declare import Derived, record_for, vocabulary
from ..base.kinds import Boolean, Either, Field, Integer, ListOf, Ref, Text, check_slug
from ..base.links import Url
from ..base.markup import MarkdownText
from ..base.privacy import scan_name
from ..base.problems import Problems, Reference
from ..base.reading import read_document, read_yaml_record
from . import paths


# Closed vocabularies. Extend them here and nowhere else: filters, schema and docs follow.
class Domain(StrEnum):
    CARE = "zorg"
    EDUCATION = "onderwijs"
    CLIMATE_TRANSITION = "klimaattransitie"
    HOUSING = "wonen"
    CIRCULAR_ECONOMY = "circulaire economie"
    NEIGHBOURHOOD_WORK = "werk in de wijk"


class WorkForm(StrEnum):
    SHELTER = "schuilplek"
    TRANSITION = "transitieplek"
    PERMANENT = "permanent"


class Role(StrEnum):
    MUNICIPALITY = "gemeente"
    EMPLOYER = "werkgever"
    PROVIDER = "uitvoerder"
    FUNDER = "financier"
    RESEARCH = "onderzoek"
    PARTNER = "partner"


class FinancingKind(StrEnum):
    BENEFITS = "uitkeringsgelden"
    SUBSIDY = "subsidie"
    MUNICIPAL_BUDGET = "gemeentebudget"
    EMPLOYER_CONTRIBUTION = "werkgeversbijdrage"
    FUND = "fonds"
    OTHER = "overig"


class WageLevel(StrEnum):
    MINIMUM_WAGE = "minimumloon"
    ABOVE_MINIMUM_WAGE = "boven minimumloon"
    COLLECTIVE_AGREEMENT = "cao-loon"


class ProfileStatus(StrEnum):
    """How far the profile is: 'in voorbereiding' while the key facts are not known yet."""

    IN_PREPARATION = "in voorbereiding"
    CURRENT = "actueel"


class Phase(StrEnum):
    STARTED = "gestart"
    RUNNING = "lopend"
    COMPLETED = "afgerond"
    STOPPED = "gestopt"


class JobKind(StrEnum):
    PLANNED = "gepland"
    REALISED = "gerealiseerd"


class Method(StrEnum):
    LITERATURE_REVIEW = "literatuurstudie"
    DOCUMENT_ANALYSIS = "documentanalyse"
    INTERVIEWS = "interviews"
    FOCUS_GROUPS = "focusgroepen"
    OBSERVATION = "observatie"
    SURVEY = "vragenlijst"
    REFLECTION_MEETING = "reflectiebijeenkomst"


class ReportStatus(StrEnum):
    """A draft ('concept') stays off the site; a published report is on it."""

    DRAFT = "concept"
    PUBLISHED = "gepubliceerd"


DOMAINS = tuple(Domain)  # in the order the filter pages list them
WORK_FORMS = tuple(WorkForm)

# Generated pages live beside the profiles; an experiment may not take their URL.
# Folder names a fixed page under experimenten/ already uses (derived from the path module).
RESERVED_SLUGS = paths.RESERVED_SLUGS

EXPERIMENT_FILE = "experiment.yml"
ROUND_FILE = re.compile(r"^ronde-(0|[1-9]\d*)\.md$")  # no leading zeros: ronde-1 and ronde-01 are one round
ALLOWED_EXTRA = re.compile(r"\.(png|jpe?g|svg|webp|pdf)$", re.I)


@dataclass(frozen=True)
class Source:
    url: Annotated[str, Field(Url(), required=True, doc="Adres van de bron", example="https://www.example.nl/")]
    title: Annotated[str | None, Field(Text(max_length=200), doc="Titel van de bron")] = None
    accessed: Annotated[dt.date | None, Field(Date(), doc="Datum waarop de bron is geraadpleegd")] = None

    @property
    def label(self) -> str:
        return self.title or self.url


@dataclass(frozen=True)
class Organisation:
    name: Annotated[str, Field(Text(max_length=160), required=True, doc="Naam van de organisatie")]
    role: Annotated[Role, Field(vocabulary(Role), required=True, doc="Rol in het experiment")]
    url: Annotated[str | None, Field(Url(), doc="Website")] = None


@dataclass(frozen=True)
class Financing:
    source: Annotated[str, Field(Text(max_length=160), required=True, doc="Wie financiert")]
    kind: Annotated[FinancingKind, Field(vocabulary(FinancingKind), required=True, doc="Soort geld")]
    note: Annotated[str | None, Field(Text(max_length=300), doc="Toelichting")] = None


SOURCE = record_for(Source)
SOURCE_KIND = Either(
    short=Url(), full=SOURCE, wrap=lambda url: Source(url), doc="link, of een groep met url, title en accessed"
)


@dataclass(frozen=True)
class JobCount:
    kind: Annotated[JobKind, Field(vocabulary(JobKind), required=True, doc="Gepland of gerealiseerd")]
    count: Annotated[int, Field(Integer(0, 100_000), required=True, doc="Aantal banen")]
    date: Annotated[PartialDate, Field(PartialDateKind(), required=True, doc="Peildatum")]
    source: Annotated[Source, Field(SOURCE_KIND, required=True, doc="Bron van het aantal")]


@dataclass(frozen=True)
class Period:
    """When a round's data were collected."""

    start: Annotated[dt.date, Field(Date(), required=True, doc="Begin van de dataverzameling")]
    end: Annotated[dt.date, Field(Date(), required=True, doc="Einde van de dataverzameling")]


@dataclass(frozen=True)
class RoundReport:
    """What one research round found in one experiment (`ronde-<n>.md`)."""

    experiment: Annotated[str, Derived("the experiment's folder")]
    path: Annotated[str, Derived("the file, relative to the repository root")]
    round: Annotated[
        int,
        Field(
            Integer(0, 9),
            required=True,
            example="1",
            doc="Nummer van de ronde (gelijk aan de bestandsnaam)",
            label="rondenummer",
        ),
    ]
    status: Annotated[
        ReportStatus,
        Field(
            vocabulary(ReportStatus),
            required=True,
            example="concept",
            doc="'concept' blijft van de site; 'gepubliceerd' komt erop",
            label="status",
        ),
    ]
    parel: Annotated[
        bool, Field(Boolean(), doc="Was het experiment in deze ronde een kernexperiment ('parel')?", label="parel")
    ] = False
    period: InitVar[
        Annotated[
            Period | None,
            Field(
                record_for(Period, check=check_period), doc="Periode van de dataverzameling", label="dataverzameling"
            ),
        ]
    ] = None
    start: Annotated[dt.date | None, Derived("period.start")] = None
    end: Annotated[dt.date | None, Derived("period.end")] = None
    methods: Annotated[
        tuple[Method, ...], Field(ListOf(vocabulary(Method)), doc="Methoden van dataverzameling", label="methoden")
    ] = ()
    themes: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Ref(target="theme")), doc="Ids van de onderzoeksthema's uit experiments/themas.yml", label="thema's"
        ),
    ] = ()
    findings: Annotated[str, Derived("the Markdown body", markdown=True)] = ""
    findings_line: Annotated[int, Derived("the body's first line")] = 1

    def __post_init__(self, period: Period | None) -> None:
        if period is not None:  # the file's group, kept as two fields of the model
            object.__setattr__(self, "start", period.start)
            object.__setattr__(self, "end", period.end)

    @property
    def published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


@dataclass(frozen=True)
class Experiment:
    slug: Annotated[str, Derived("the folder name")]
    path: Annotated[str, Derived("the experiment.yml, relative to the repository root")]
    municipality: Annotated[
        str,
        Field(
            Ref(target="municipality"),
            required=True,
            example="delft",
            doc="Id van de gemeente uit experiments/gemeenten.yml",
            label="gemeente",
        ),
    ]
    status: Annotated[
        ProfileStatus,
        Field(
            vocabulary(ProfileStatus),
            required=True,
            example="in voorbereiding",
            doc="Stand van dit profiel: 'in voorbereiding' zolang de kerngegevens nog niet bekend zijn",
            label="stand van het profiel",
        ),
    ]
    phase: Annotated[
        Phase | None,
        Field(vocabulary(Phase), doc="Fase van het experiment zelf; leeg als die niet bekend is", label="fase"),
    ] = None
    title: Annotated[
        str | None,
        Field(Text(max_length=160), doc="Naam van het experiment; leeg als die nog niet bekend is", label="naam"),
    ] = None
    summary: Annotated[
        str | None, Field(MarkdownText(max_length=4000), doc="Korte beschrijving (Markdown)", label="samenvatting")
    ] = None
    domains: Annotated[
        tuple[Domain, ...], Field(ListOf(vocabulary(Domain)), doc="Domeinen waarin het werk valt", label="domeinen")
    ] = ()
    work_forms: Annotated[
        tuple[WorkForm, ...], Field(ListOf(vocabulary(WorkForm)), doc="Vorm van het werk", label="werkvormen")
    ] = ()
    target_group: Annotated[
        str | None, Field(Text(max_length=500), doc="Voor wie het werk is bedoeld", label="doelgroep")
    ] = None
    organisations: Annotated[
        tuple[Organisation, ...],
        Field(ListOf(record_for(Organisation)), doc="Betrokken organisaties met hun rol", label="organisaties"),
    ] = ()
    financing: Annotated[
        tuple[Financing, ...], Field(ListOf(record_for(Financing)), doc="Financiering, inclusief uitkeringsgelden")
    ] = ()
    wage_level: Annotated[WageLevel | None, Field(vocabulary(WageLevel), doc="Loonniveau")] = None
    wage_note: Annotated[str | None, Field(Text(max_length=300), doc="Toelichting op het loon")] = None
    jobs: Annotated[
        tuple[JobCount, ...],
        Field(
            ListOf(record_for(JobCount), unique=False), doc="Aantallen banen, elk met peildatum en bron", label="banen"
        ),
    ] = ()
    start: Annotated[PartialDate | None, Field(PartialDateKind(), doc="Start van het experiment", label="start")] = None
    end: Annotated[PartialDate | None, Field(PartialDateKind(), doc="Einde van het experiment", label="einde")] = None
    sources: Annotated[
        tuple[Source, ...],
        Field(ListOf(SOURCE_KIND, unique=False), doc="Bronnen die het profiel onderbouwen", label="bronnen"),
    ] = ()
    reports: Annotated[tuple[RoundReport, ...], Derived("the ronde-<n>.md files beside it")] = field(default=())
    lines: Annotated[dict[str, int], Derived("field -> line in the file")] = field(
        default_factory=dict, compare=False, repr=False
    )

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


EXPERIMENT = record_for(Experiment, check=check_period)
ROUND_REPORT = record_for(RoundReport)

FINDINGS = MarkdownText(max_length=60_000)


def experiment_folders(root: Path) -> list[Path]:
    """Every experiment's folder under `root/experiments/`, sorted by slug; `site.load_site` reads
    each with `read_experiment`, in parallel with the other long folders (base/parallel.py)."""
    base = root / "experiments"
    if not base.is_dir():
        return []
    return [f for f in sorted(base.iterdir()) if f.is_dir() and not f.name.startswith(("_", "."))]


def read_experiment(root: Path, folder: Path, problems: Problems) -> Experiment | None:
    """One experiment folder: its `experiment.yml` and its round reports."""
    rel_folder = folder.relative_to(root).as_posix()
    ctx = Ctx(f"{rel_folder}/{EXPERIMENT_FILE}", problems)
    slug = check_slug(folder.name, 1, "map", Ctx(rel_folder, problems))
    if slug is not INVALID and slug in RESERVED_SLUGS:
        problems.add(
            rel_folder,
            1,
            "map",
            f"de naam '{slug}' is gereserveerd voor een pagina van de site; kies een andere mapnaam",
        )
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
            problems.add(
                path.relative_to(root).as_posix(),
                1,
                "bestandsnaam",
                f"schrijf het rondenummer zonder voorloopnul: ronde-{int(path.name[6:-3])}.md",
            )
        elif not ALLOWED_EXTRA.search(path.name) or path.is_dir():
            problems.add(
                path.relative_to(root).as_posix(),
                1,
                "-",
                f"onbekend bestand in een experimentmap; verwacht {EXPERIMENT_FILE} of "
                "ronde-<nummer>.md (zoals ronde-1.md)",
            )
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
    return Experiment(
        slug=slug, path=ctx.rel, reports=tuple(sorted(reports, key=lambda r: r.round)), lines=lines, **values
    )


def read_round_report(root: Path, path: Path, slug: str, number: int, problems: Problems) -> RoundReport | None:
    """One `ronde-<n>.md`: front matter plus findings."""
    parsed = read_document(root, path, ROUND_REPORT, FINDINGS, "bevindingen", problems)
    if parsed is None:
        return None
    ctx, values, lines, body, findings_line = parsed
    if values["round"] != number:
        ctx.error(
            lines["round"],
            "round",
            f"ronde {values['round']} past niet bij de bestandsnaam ronde-{number}.md; maak ze gelijk",
        )
        return None
    problems.references.append(Reference("round", str(number), ctx.rel, lines["round"], "round"))
    return RoundReport(experiment=slug, path=ctx.rel, findings=body, findings_line=findings_line, **values)
