"""Feeds to follow one municipality's experiment or one round: new findings, lectures and
publications, as Atom. Entry dates come from the data (the end of data collection, the end of
the round, the lecture, the publication); an item with no date in the data is left out."""

from __future__ import annotations

from .atom import Entry, render_atom, stamp
from .fictional import urn
from .experiments import Experiment, RoundReport
from .feeds_paths import experiment_feed, round_feed
from .lectures import Lecture
from .publication_pages import plain_text, publication_entry
from .render import Asset, Settings
from .site import Site


def finding_entry(site: Site, experiment: Experiment, report: RoundReport, settings: Settings) -> Entry | None:
    round_ = site.rounds[report.round]
    updated = stamp(report.end or round_.end or round_.start)
    if updated is None:
        return None
    return Entry(urn(settings.demo, "bevinding", experiment.slug, f"ronde-{report.round}"),
                 f"{site.title_of(experiment)}: bevindingen {round_.label.lower()}",
                 settings.absolute(f"experimenten/{experiment.slug}/#ronde-{report.round}"), updated,
                 plain_text(report.findings)[:400])


def lecture_entry(lecture: Lecture, settings: Settings) -> Entry | None:
    updated = stamp(lecture.start)
    if updated is None:
        return None
    return Entry(urn(settings.demo, "college", lecture.id), lecture.title,
                 settings.absolute(f"colleges/{lecture.id}/"), updated, lecture.summary or "")


def feed_assets(site: Site, settings: Settings) -> list[Asset]:
    """An Atom feed per experiment and per round."""
    assets = []
    for experiment in site.experiments:
        entries = [finding_entry(site, experiment, r, settings) for r in experiment.published_reports]
        entries += [lecture_entry(x, settings) for x in site.lectures_about(experiment.slug)]
        entries += [publication_entry(p, settings) for p in site.publications_about(experiment.slug)]
        assets.append(Asset(experiment_feed(experiment.slug), render_atom(
            f"{site.title_of(experiment)} – lerende evaluatie maatschappelijk waardevol werk",
            urn(settings.demo, "experiment", experiment.slug), settings.absolute(experiment_feed(experiment.slug)),
            settings.absolute(f"experimenten/{experiment.slug}/"), [e for e in entries if e], demo=settings.demo)))
    for number, round_ in site.rounds.items():
        entries = [finding_entry(site, e, e.report(number), settings) for e in site.experiments if e.report(number)]
        entries += [lecture_entry(x, settings) for x in site.lectures_of_round(number)]
        entries += [publication_entry(p, settings) for p in site.publications_of_round(number)]
        assets.append(Asset(round_feed(number), render_atom(
            f"{round_.label}: {round_.title} – lerende evaluatie maatschappelijk waardevol werk",
            urn(settings.demo, "ronde", number), settings.absolute(round_feed(number)),
            settings.absolute(f"rondes/ronde-{number}/"), [e for e in entries if e], demo=settings.demo)))
    return assets
