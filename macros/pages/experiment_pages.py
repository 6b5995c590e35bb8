"""The generated pages: one function per page type, each a Jinja template fed by models.

Every page is Markdown with HTML blocks, handed to MkDocs as a virtual file, so that MkDocs
and Material render it like any page (search, table of contents, theme) while content values
only ever pass through autoescaping (HTML) or `md_escape` (Markdown). The pages are never
rendered by mkdocs-macros: content is data, not a template.

The pages: the overview with filters, a profile per experiment, the overview for one filter
value (works without JavaScript), the map, the matrix (experiments x research themes, per
round), and the rounds; where each is published is in `content/paths.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from ..base.clock import build_time
from ..base.geo import HEIGHT, WIDTH, project
from ..base.markup import md_escape
from ..base.parallel import fork_map
from ..base.relpaths import source_link
from ..content import paths
from ..content.experiments import Experiment
from ..content.history import RecordHistory, site_history
from ..content.project import count_sentence
from ..content.registry import ROUNDS_FILE
from ..content.site import Site
from ..formats.citations import page_citation
from .facets import Facet, facet_values, facets
from .render import Page, Settings, history_url, local_day, render_template, url_of

OUTLINE = Path(__file__).parents[1] / "data" / "nl-outline.json"


def sorted_experiments(site: Site, experiments: Iterable[Experiment]) -> list[Experiment]:
    """Experiments by municipality name, then title, then slug."""
    return sorted(experiments, key=lambda e: (site.municipality_of(e).name.lower(), site.title_of(e).lower(), e.slug))


def _common(site: Site) -> dict:
    return {"site": site, "title_of": site.title_of}


def cite(title: str, url: str, settings: Settings | None, history: RecordHistory | None = None) -> Markup | str:
    """'Cite this page', dated by the last change of what the page says (`history`) or, where
    that is not known, by the build date ('' without settings, as in unit tests)."""
    if settings is None:
        return ""
    version = local_day(history.last) if history and history.last else settings.now.date()
    return page_citation(title, settings.absolute(url), settings.info.author, version, settings.cache_dir)


def render_profile(site: Site, experiment: Experiment, settings: Settings | None = None) -> Page:
    """`experimenten/<slug>/`: key facts, summary, round timeline, themes, sources."""
    src = paths.experiment_src(experiment.slug)
    history = site_history(site, settings.now).experiment(experiment) if settings else RecordHistory(experiment.path)
    text = render_template(
        "profile.md.j2",
        url_of(src),
        experiment=experiment,
        citation=cite(site.title_of(experiment), url_of(src), settings, history),
        history=history,
        history_url=history_url(settings, history),
        feed=paths.experiment_feed(experiment.slug),
        municipality=site.municipality_of(experiment),
        lectures=site.lectures_about(experiment.slug),
        publications=site.publications_about(experiment.slug),
        now=settings.now if settings else build_time(),
        **_common(site),
    )
    return Page(src, text, experiment.path)


def render_overview(
    site: Site,
    all_facets: list[tuple[Facet, list[str]]],
    experiments: list[Experiment],
    facet: Facet | None = None,
    value: str | None = None,
) -> Page:
    """`experimenten/` (a filterable table), or one facet value's page (a plain list)."""
    if facet is None:
        src = paths.EXPERIMENTS
    elif value is not None:
        src = paths.facet_src(facet.key, value)
    else:
        raise TypeError(f"the page of facet {facet.key!r} needs a value")
    filters = [] if facet else [(f, values) for f, values in all_facets if narrows(site, f, values)]
    places = len({e.municipality for e in site.experiments})
    text = render_template(
        "overview.md.j2",
        url_of(src),
        experiments=sorted_experiments(site, experiments),
        facets=all_facets,
        filters=filters,
        facet=facet,
        value=value,
        total=len(site.experiments),
        counts=count_sentence(site.project, len(site.experiments), places),
        **_common(site),
    )
    return Page(src, text, in_nav=facet is None)


def narrows(site: Site, facet: Facet, values: list[str]) -> bool:
    """Whether a filter can change the list: two values, or one that some experiment lacks.
    A filter offering only 'Alle' (or one value every experiment has) is not shown."""
    if len(values) != 1:
        return len(values) > 1
    return any(values[0] not in facet.values(e) for e in site.experiments)


def render_map(site: Site) -> Page:
    src = paths.MAP
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    places = []
    for municipality in sorted(site.municipalities.values(), key=lambda m: m.name.lower()):
        experiments = sorted_experiments(site, site.experiments_in(municipality.id))
        if not experiments or municipality.lat is None or municipality.lon is None:
            continue
        x, y = project(municipality.lat, municipality.lon)
        places.append({"municipality": municipality, "experiments": experiments, "x": round(x, 1), "y": round(y, 1)})
    unplaced = [
        m for m in site.municipalities.values() if site.experiments_in(m.id) and (m.lat is None or m.lon is None)
    ]
    text = render_template(
        "map.md.j2",
        url_of(src),
        places=places,
        unplaced=unplaced,
        outline=outline,
        width=WIDTH,
        height=HEIGHT,
        **_common(site),
    )
    return Page(src, text, in_nav=True)


def render_matrix(site: Site) -> Page:
    src = paths.MATRIX
    rounds = [r for r in site.rounds.values() if any(e.report(r.number) for e in site.experiments)]
    text = render_template(
        "matrix.md.j2",
        url_of(src),
        rounds=rounds,
        experiments=sorted_experiments(site, site.experiments),
        **_common(site),
    )
    return Page(src, text, in_nav=True)


def render_round(site: Site, number: int, settings: Settings | None = None) -> Page:
    src = paths.round_src(number)
    round_ = site.rounds[number]
    reports = [(e, e.report(number)) for e in sorted_experiments(site, site.experiments) if e.report(number)]
    history = (
        site_history(site, settings.now).round(number, [e for e, _ in reports])
        if settings
        else RecordHistory(ROUNDS_FILE)
    )
    text = render_template(
        "round.md.j2",
        url_of(src),
        round=round_,
        reports=reports,
        feed=paths.round_feed(number),
        citation=cite(f"{round_.label}: {round_.title}", url_of(src), settings, history),
        history=history,
        history_url=history_url(settings, history),
        lectures=site.lectures_of_round(number),
        publications=site.publications_of_round(number),
        now=settings.now if settings else build_time(),
        **_common(site),
    )
    return Page(src, text, "experiments/rondes.yml")


def render_rounds_index(site: Site) -> Page:
    src = paths.ROUNDS
    counts = {n: sum(1 for e in site.experiments if e.report(n)) for n in site.rounds}
    text = render_template(
        "rounds.md.j2", url_of(src), rounds=list(site.rounds.values()), counts=counts, **_common(site)
    )
    return Page(src, text, "experiments/rondes.yml", in_nav=True)


def _profile(shared: tuple[Site, Settings | None], experiment: Experiment) -> Page:
    return render_profile(shared[0], experiment, shared[1])


def _facet_page(shared: tuple, job: tuple[str, str]) -> Page:
    site, all_facets, members = shared
    facet = next(f for f, _ in all_facets if f.key == job[0])
    return render_overview(site, all_facets, members[job], facet, job[1])


def render_experiment_pages(site: Site, settings: Settings | None = None) -> list[Page]:
    """Every page about experiments and rounds, in a stable order."""
    all_facets = [(f, facet_values(site, f)) for f in facets(site)]
    # One pass over the experiments gives every facet page its members (not one pass per page).
    members: dict[tuple[str, str], list[Experiment]] = {}
    for experiment in site.experiments:
        for facet, _ in all_facets:
            for value in facet.values(experiment):
                members.setdefault((facet.key, value), []).append(experiment)
    pages = [
        render_overview(site, all_facets, list(site.experiments)),
        render_map(site),
        render_matrix(site),
        render_rounds_index(site),
    ]
    parallel = settings.parallel if settings is not None else True
    pages += fork_map(_profile, site.experiments, (site, settings), parallel)
    jobs = [(facet.key, v) for facet, values in all_facets if paths.has_facet_pages(facet.key) for v in values]
    pages += fork_map(_facet_page, jobs, (site, all_facets, members), parallel)
    pages += [render_round(site, n, settings) for n in site.rounds]
    return pages


# Snippets for hand-written pages (mkdocs-macros). They return Markdown whose links point at
# the generated pages' source names, so MkDocs checks and rewrites them like any other link.


def render_municipality_list(site: Site, page_src: str) -> str:
    """A Markdown list: each municipality with an experiment, linking to its experiments."""
    lines = []
    for municipality in sorted(site.municipalities.values(), key=lambda m: m.name.lower()):
        count = len(site.experiments_in(municipality.id))
        if count:
            target = source_link(page_src, paths.facet_src(paths.MUNICIPALITY_FACET, municipality.id))
            lines.append(f"- [{md_escape(municipality.name)}]({target}) ({md_escape(municipality.province)})")
    return "\n".join(lines)


def render_round_list(site: Site, page_src: str) -> str:
    """A Markdown list of the rounds, linking to their pages."""
    return "\n".join(
        f"- [{r.label}: {md_escape(r.title)}]({source_link(page_src, paths.round_src(r.number))})"
        for r in site.rounds.values()
    )


def render_theme_list(site: Site) -> str:
    """A Markdown list of the research themes with their questions."""
    return "\n".join(f"- **{md_escape(t.title)}**: {md_escape(t.question)}" for t in site.themes.values())
