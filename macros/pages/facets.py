"""What the site's generated pages are, without rendering any: the filters of the overviews and the
values each has (one page per value), and the site's own static files.

Apart from the page modules, which render with Jinja, so that `make check` (`outputs.claims`) can
list every path the build will write without importing a template engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..base.text import slugify
from ..content import paths
from ..content.experiments import DOMAINS, WORK_FORMS, Experiment
from ..content.pubtypes import PublicationType
from ..content.site import Site

STATIC = Path(__file__).parents[1] / "assets"  # copied as they are, under paths.ASSETS


@dataclass(frozen=True)
class Facet:
    """A filter of the overview: its URL part, label, and the values of one experiment."""

    key: str
    label: str
    values: Callable[[Experiment], Iterable[str]]
    label_of: Callable[[str], str]


def facets(site: Site) -> list[Facet]:
    """The overview's filters, in display order."""
    rounds = site.rounds
    return [
        Facet(paths.MUNICIPALITY_FACET, "Gemeente", lambda e: [e.municipality], lambda v: site.municipalities[v].name),
        Facet(
            paths.DOMAIN_FACET,
            "Domein",
            lambda e: [slugify(d) for d in e.domains],
            lambda v: next(d for d in DOMAINS if slugify(d) == v),
        ),
        Facet(paths.WORK_FORM_FACET, "Werkvorm", lambda e: list(e.work_forms), lambda v: v),
        Facet(
            paths.ROUND_FACET,
            "Ronde",
            lambda e: [str(r.round) for r in e.published_reports],
            lambda v: f"Ronde {v}: {rounds[int(v)].title}",
        ),
        Facet(paths.PAREL_FACET, "Parel", lambda e: ["ja"] if e.parel_rounds else [], lambda v: "Parel in een ronde"),
    ]


def facet_values(site: Site, facet: Facet) -> list[str]:
    """The values of a facet that some experiment has, in a stable, meaningful order."""
    present = {v for e in site.experiments for v in facet.values(e)}
    if facet.key == paths.DOMAIN_FACET:
        order = [slugify(d) for d in DOMAINS]
    elif facet.key == paths.WORK_FORM_FACET:
        order = list(WORK_FORMS)
    elif facet.key == paths.ROUND_FACET:
        order = [str(n) for n in site.rounds]
    else:
        order = sorted(present, key=lambda v: facet.label_of(v).lower())
    return [v for v in order if v in present]


def publication_facets(site: Site) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(key, label, [(value, label)]) for the values some publication has."""
    types = [(t.value, t.row.label) for t in PublicationType if any(p.type == t for p in site.publications)]
    themes = [(t.id, t.title) for t in site.themes.values() if any(t.id in p.themes for p in site.publications)]
    return [(paths.TYPE_FACET, "Soort", types), (paths.THEME_FACET, "Onderzoeksthema", themes)]


def static_files(demo: bool) -> list[tuple[str, Path]]:
    """(published path, file) of the site's own CSS, JavaScript and share card (macros/assets/);
    each site ships its own card only."""
    other_card = paths.share_card(not demo)
    files = [(f"{paths.ASSETS}/{file.relative_to(STATIC).as_posix()}", file) for file in sorted(STATIC.rglob("*"))]
    return [(name, file) for name, file in files if file.is_file() and name != other_card]
