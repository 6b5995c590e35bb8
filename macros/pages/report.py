"""The build report, for maintainers: what the build left out or found missing.

Printed after loading (INFO, never failing the build) and published as a page that is kept
out of the navigation and the search index: `onderhoud/`. Each line is a `Note`, made and
formatted here only.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from ..content import paths
from ..content.experiments import Experiment
from ..content.site import Site
from ..content.siteinfo import contact_markdown
from .render import Page, Settings, render_template, url_of

NoteKind = Literal["draft", "lecture", "future", "completeness", "privacy"]

KEY_FIELDS = (
    "title",
    "summary",
    "domains",
    "work_forms",
    "target_group",
    "organisations",
    "financing",
    "wage_level",
    "jobs",
    "start",
    "sources",
)


@dataclass(frozen=True)
class Completeness:
    experiment: Experiment
    filled: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def score(self) -> int:
        return round(100 * len(self.filled) / len(KEY_FIELDS))


def completeness(experiment: Experiment) -> Completeness:
    filled = tuple(f for f in KEY_FIELDS if getattr(experiment, f))
    return Completeness(experiment, filled, tuple(f for f in KEY_FIELDS if f not in filled))


@dataclass(frozen=True)
class Note:
    """One line of the build report: what it is about, its text (Dutch), and the content file it
    concerns, relative to the content root ('' when it is about the site as a whole)."""

    kind: NoteKind
    text: str
    path: str = ""

    def __str__(self) -> str:
        """The line as the report page shows it: `path: text`, or the text alone."""
        return f"{self.path}: {self.text}" if self.path else self.text

    def line(self, content_root: str) -> str:
        """The line as the build prints it, its path relative to the repository (the content root
        is at `content_root` there), so that an editor can open it."""
        return f"{posixpath.normpath(f'{content_root}/{self.path}')}: {self.text}" if self.path else self.text


def lectures_awaiting_material(site: Site, settings: Settings) -> list[Note]:
    """Held lectures that still lack report, recording or slides."""
    return [
        Note("lecture", f"college '{x.title}' is voorbij maar mist nog: {', '.join(x.missing_afterwards)}", x.path)
        for x in site.lectures
        if x.is_past(settings.now) and x.missing_afterwards
    ]


def future_publications(site: Site, settings: Settings) -> list:
    """Publications dated after the build date (shown, but worth a maintainer's look)."""
    return [p for p in site.publications if p.date.first_day > settings.now.date()]


def report_notes(site: Site, settings: Settings) -> list[Note]:
    """The report, line by line."""
    notes = [Note("draft", "concept, niet gepubliceerd", path) for path in site.drafts]
    notes += lectures_awaiting_material(site, settings)
    notes += [
        Note("future", f"verschijningsdatum {p.date} ligt na de bouwdatum", p.path)
        for p in future_publications(site, settings)
    ]
    scores = [completeness(e) for e in site.experiments]
    if scores:
        average = round(sum(c.score for c in scores) / len(scores))
        complete = sum(1 for c in scores if c.score == 100)
        notes.append(
            Note(
                "completeness",
                f"profielen: gemiddeld {average}% van de kerngegevens ingevuld ({complete} van {len(scores)} volledig)",
            )
        )
    notes.append(Note("privacy", "privacyscan: geen persoonsgegevens gevonden"))
    return notes


def render_contact_page(settings: Settings) -> Page:
    """Contact and press: the route readers and editors take, from the configuration (siteinfo.py);
    while it is missing the page says so, and `check --launch` fails."""
    text = render_template(
        "contact.md.j2", url_of(paths.CONTACT), contact=Markup(contact_markdown(settings.info)), demo=settings.demo
    )
    return Page(paths.CONTACT, text, in_nav=True)


def render_report_page(site: Site, settings: Settings) -> Page:
    src = paths.REPORT
    scores = sorted((completeness(e) for e in site.experiments), key=lambda c: (c.score, c.experiment.slug))
    future = future_publications(site, settings)
    text = render_template(
        "report.md.j2",
        url_of(src),
        site=site,
        scores=scores,
        drafts=site.drafts,
        lectures=lectures_awaiting_material(site, settings),
        future=future,
        built=settings.now,
        fields=KEY_FIELDS,
        title_of=site.title_of,
    )
    return Page(src, text)
