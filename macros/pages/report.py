"""The build report, for maintainers: what the build left out or found missing.

Printed after loading (INFO, never failing the build) and published as a page that is kept
out of the navigation and the search index: `onderhoud/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.experiments import Experiment
from .lecture_pages import lectures_awaiting_material
from ..content import paths
from .render import Page, Settings, render_template, url_of
from ..content.site import Site

KEY_FIELDS = ("title", "summary", "domains", "work_forms", "target_group", "organisations", "financing",
              "wage_level", "jobs", "start", "sources")


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


def future_publications(site: Site, settings: Settings) -> list:
    """Publications dated after the build date (shown, but worth a maintainer's look)."""
    return [p for p in site.publications if p.date.first_day > settings.now.date()]


def report_lines(site: Site, settings: Settings) -> list[str]:
    """The report as log lines."""
    lines = [f"{path}: concept, niet gepubliceerd" for path in site.drafts]
    lines += lectures_awaiting_material(site, settings)
    lines += [f"{p.path}: verschijningsdatum {p.date} ligt na de bouwdatum" for p in future_publications(site, settings)]
    scores = [completeness(e) for e in site.experiments]
    if scores:
        average = round(sum(c.score for c in scores) / len(scores))
        lines.append(f"profielen: gemiddeld {average}% van de kerngegevens ingevuld "
                     f"({sum(1 for c in scores if c.score == 100)} van {len(scores)} volledig)")
    lines.append("privacyscan: geen persoonsgegevens gevonden")
    return lines


def render_report_page(site: Site, settings: Settings) -> Page:
    src = paths.REPORT
    scores = sorted((completeness(e) for e in site.experiments), key=lambda c: (c.score, c.experiment.slug))
    future = future_publications(site, settings)
    text = render_template("report.md.j2", url_of(src), site=site, scores=scores, drafts=site.drafts,
                           lectures=lectures_awaiting_material(site, settings), future=future,
                           built=settings.now, fields=KEY_FIELDS, title_of=site.title_of)
    return Page(src, text)
