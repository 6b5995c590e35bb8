"""The project's own facts, as a sourced record (`experiments/project.yml`).

Sentences the generator writes about the project (how many experiments, in which
municipalities, which period, who funds what, what was planned) come from this record, never
from a template's own words, and each carries the record's source. The record is what a source
*says*, dated by that source: the period is the planned one, the number of experiments is what
the project description counted then. Pages compare the build date with that period (`phase`)
and choose their tense: before, during or after it. After the period, without newer sources,
they say what the description planned, not what happened.

The file is optional: without it every such fact is shown as unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from ..base.context import INVALID, Ctx
from ..base.dates import Date
from ..base.declare import Derived, record_for
from ..base.kinds import Field, Integer, ListOf, Ref, Text
from ..base.links import Url
from ..base.problems import Problems
from ..base.yamlio import parse_yaml, read_text

PROJECT_FILE = "experiments/project.yml"


@dataclass(frozen=True)
class Source:
    title: Annotated[
        str,
        Field(
            Text(max_length=200),
            required=True,
            doc="Naam van de bron",
            example="Projectbeschrijving van Hogeschool Rotterdam",
        ),
    ]
    url: Annotated[str, Field(Url(), required=True, doc="Waar de bron staat")]
    date: Annotated[dt.date, Field(Date(), required=True, doc="Datum die de bron zichzelf geeft", example="2022-05-11")]


@dataclass(frozen=True)
class Project:
    """What the source says about the project; None where it says nothing."""

    source: Annotated[Source, Field(record_for(Source), required=True, doc="De bron van alle feiten in dit bestand")]
    start_year: Annotated[int | None, Field(Integer(2000, 2100), doc="Eerste jaar van de geplande looptijd")] = None
    end_year: Annotated[int | None, Field(Integer(2000, 2100), doc="Laatste jaar van de geplande looptijd")] = None
    # the number the source gives, at its date
    experiments: Annotated[
        int | None, Field(Integer(0, 999), doc="Aantal experimenten volgens de bron (op haar datum)")
    ] = None
    municipalities: Annotated[
        tuple[str, ...], Field(ListOf(Ref(target="municipality")), doc="Gemeenten die de bron noemt")
    ] = ()
    funder: Annotated[str | None, Field(Text(max_length=120), doc="Wie financiert")] = None
    # what the funder funds, in the source's words
    funds: Annotated[
        str | None, Field(Text(max_length=200), doc="Wat de financier financiert, in de woorden van de bron")
    ] = None
    consortium: Annotated[tuple[str, ...], Field(ListOf(Text(max_length=200)), doc="Wie het onderzoek uitvoeren")] = ()
    rounds: Annotated[int | None, Field(Integer(0, 9), doc="Aantal geplande onderzoeksrondes")] = None
    lectures: Annotated[int | None, Field(Integer(0, 99), doc="Aantal geplande openbare colleges")] = None
    # planned publications, in the source's words
    publications: Annotated[
        str | None, Field(Text(max_length=200), doc="Geplande publicaties, in de woorden van de bron")
    ] = None
    path: Annotated[str, Derived("the file, relative to the repository root")] = PROJECT_FILE

    def phase(self, today: dt.date) -> str | None:
        """'voor', 'tijdens' or 'na' the planned period on `today`; None when the period is unknown."""
        if self.start_year is None or self.end_year is None:
            return None
        if today.year < self.start_year:
            return "voor"
        return "tijdens" if today.year <= self.end_year else "na"

    @property
    def period(self) -> str | None:
        if self.start_year is None or self.end_year is None:
            return None
        return f"{self.start_year}–{self.end_year}"


PROJECT = record_for(Project)


def load_project(root: Path, problems: Problems) -> Project | None:
    """The project record, or None when the file is absent (every project fact is then unknown)."""
    path = root / PROJECT_FILE
    if not path.exists() and not path.is_symlink():
        return None
    ctx = Ctx(PROJECT_FILE, problems)
    text = read_text(path, PROJECT_FILE, problems)
    if text is None:
        return None
    node = parse_yaml(text, PROJECT_FILE, problems)
    parsed = PROJECT.parse_values(node, "", ctx) if node is not None else INVALID
    if parsed is INVALID:
        return None
    values, lines = parsed
    if values.get("start_year") and values.get("end_year") and values["end_year"] < values["start_year"]:
        ctx.error(lines["end_year"], "end_year", "het laatste jaar ligt voor het eerste; verbeter een van beide")
        return None
    values["municipalities"] = tuple(values.get("municipalities", ()))
    values["consortium"] = tuple(values.get("consortium", ()))
    return Project(**values)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def count_sentence(project: Project | None, profiles: int, places: int, dated: bool = True) -> str:
    """Profiles counted as profiles, beside what the source counted (and when). `dated=False`
    when the sentence before has just named the source and its date."""
    mine = (
        f"Deze site heeft {_n(profiles, 'profiel', 'profielen')} van experimenten, in "
        f"{_n(places, 'gemeente', 'gemeenten')}."
    )
    if project is None or project.experiments is None:
        return mine + " Hoeveel experimenten er zijn, is op deze site niet bekend."
    where = f" in {_n(len(project.municipalities), 'gemeente', 'gemeenten')}" if project.municipalities else ""
    said = f"De projectbeschrijving van {_date(project.source.date)}" if dated else "Zij"
    theirs = (
        f"{said} noemt {_n(project.experiments, 'experiment', 'experimenten')}{where}; welk experiment in "
        "welke gemeente loopt, zegt zij niet."
    )
    return f"{mine} {theirs}" if dated else f"{theirs} {mine}"


def period_sentences(project: Project | None, today: dt.date) -> list[str]:
    """The planned period in the tense the build date asks for."""
    if project is None or project.phase(today) is None:
        return ["De looptijd van het project is op deze site niet bekend."]
    assert project.start_year is not None and project.end_year is not None
    period = f"{project.start_year} tot en met {project.end_year}"
    said = f"De projectbeschrijving van {_date(project.source.date)}"
    phase = project.phase(today)
    if phase == "voor":
        return [f"{said} plant het project voor {period}."]
    if phase == "tijdens":
        return [f"{said} plant het project voor {period}; deze site volgt het in die periode."]
    return [
        f"{said} plande het project voor {period}. Die periode is voorbij; deze site heeft geen bron "
        "over hoe het project daarna is verlopen of afgerond."
    ]


def funding_sentence(project: Project | None) -> str | None:
    if project is None or not project.funder:
        return None
    what = project.funds or "het project"
    return f"Volgens de projectbeschrijving financiert {project.funder} {what}."


def plan_sentence(project: Project | None, today: dt.date) -> str | None:
    """What the description planned for rounds, lectures and publications."""
    if project is None or not (project.rounds or project.lectures or project.publications):
        return None
    parts = []
    if project.rounds:
        parts.append(_n(project.rounds, "onderzoeksronde", "onderzoeksrondes"))
    if project.lectures:
        parts.append(_n(project.lectures, "openbaar college", "openbare colleges"))
    if project.publications:
        parts.append(project.publications)
    verb = "plande" if project.phase(today) == "na" else "plant"
    listed = ", ".join(parts[:-1]) + " en " + parts[-1] if len(parts) > 1 else parts[0]
    return f"De projectbeschrijving {verb} {listed}."


def _date(value: dt.date) -> str:
    from ..base.dates import dutch_date

    return dutch_date(value)


def source_markdown(project: Project | None) -> str:
    """The source line under generated sentences (Markdown)."""
    if project is None:
        return ""
    from ..base.markup import md_escape

    return f"*Bron: [{md_escape(project.source.title)}](<{project.source.url}>), {_date(project.source.date)}.*"


def status_markdown(project: Project | None, today: dt.date, profiles: int, places: int) -> str:
    """Period in the build date's tense, and the counts: for hand-written pages."""
    from ..base.markup import md_escape

    sentences = [
        *period_sentences(project, today),
        count_sentence(project, profiles, places, dated=project is None or project.phase(today) is None),
    ]
    return "\n\n".join([md_escape(" ".join(sentences)), source_markdown(project)]).strip()


def plan_markdown(project: Project | None, today: dt.date) -> str:
    """What the description planned and who funds what: for hand-written pages."""
    from ..base.markup import md_escape

    sentences = [s for s in (plan_sentence(project, today), funding_sentence(project)) if s]
    if not sentences:
        return md_escape("Wat het project plande en wie het financiert, is op deze site niet bekend.")
    return "\n\n".join([md_escape(" ".join(sentences)), source_markdown(project)])
