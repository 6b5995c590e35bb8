"""Feeds to follow one municipality's experiment or one round: new findings, lectures and
publications, as Atom. An entry's `updated` is when its record last changed (`atom.site_dates`:
the history of content/history.py, where a commit that changes no field is no change); a feed
without entries is dated by the last change of the experiment or round it is about; an
item with no date in the data (a round not yet held, a lecture still to be dated) is left out. A
lecture's title in a feed says when it was cancelled or moved."""

from __future__ import annotations

import datetime as dt

from ..base import identity
from ..base.dates import PartialDate, dutch_date
from ..base.fictional import urn
from ..base.markup import plain_line
from ..content import paths
from ..content.experiments import Experiment, RoundReport
from ..content.history import site_history
from ..content.lectures import Lecture, LectureStatus
from ..content.paths import experiment_feed, round_feed
from ..content.site import Site
from ..formats.atom import Entry, entry_time, render_atom, site_dates
from .publication_pages import publication_entry
from .render import Asset, Settings, href


def finding_entry(site: Site, experiment: Experiment, report: RoundReport, settings: Settings, when) -> Entry | None:
    round_ = site.rounds[report.round]
    date = report.end or round_.end or round_.start
    if date is None:
        return None
    title = f"{site.title_of(experiment)}: bevindingen {round_.label.lower()}"
    return Entry(
        urn(settings.demo, "bevinding", experiment.slug, f"ronde-{report.round}"),
        title,
        settings.absolute(href(report)),
        when(report.path, date),
        plain_line(report.findings)[:400] or title,
    )


def _day(value: dt.datetime | PartialDate) -> str:
    return dutch_date(value.date()) if isinstance(value, dt.datetime) else str(value)


def lecture_title(lecture: Lecture) -> str:
    """A lecture's title as it travels in a feed: a cancelled or moved lecture says so."""
    if lecture.is_cancelled:
        return f"[geannuleerd] {lecture.title}"
    if lecture.status == LectureStatus.RESCHEDULED and lecture.start is not None:
        return f"{lecture.title} (verplaatst naar {_day(lecture.start)})"
    if lecture.status == LectureStatus.MOVED_ONLINE:
        return f"{lecture.title} (verplaatst naar online)"
    return lecture.title


def lecture_entry(lecture: Lecture, settings: Settings, when) -> Entry | None:
    """`when`: `atom.site_dates` of the site."""
    if lecture.start is None:
        return None
    status = {
        LectureStatus.CANCELLED: "Dit college gaat niet door.",
        LectureStatus.RESCHEDULED: f"Dit college is verplaatst naar {_day(lecture.start)}.",
        LectureStatus.MOVED_ONLINE: "Dit college is verplaatst naar online.",
    }.get(lecture.status, "")
    summary = " ".join(
        part for part in (status, lecture.summary or ("" if status else f"College op {_day(lecture.start)}.")) if part
    )
    return Entry(
        urn(settings.demo, "college", lecture.id),
        lecture_title(lecture),
        settings.absolute(paths.lecture_url(lecture.id)),
        when(lecture.path, lecture.start),
        summary,
    )


def feed_assets(site: Site, settings: Settings) -> list[Asset]:
    """An Atom feed per experiment and per round."""
    assets = []
    when = site_dates(site, settings.now)
    history = site_history(site, settings.now)
    for experiment in site.experiments:
        entries = [finding_entry(site, experiment, r, settings, when) for r in experiment.published_reports]
        entries += [lecture_entry(x, settings, when) for x in site.lectures_about(experiment.slug)]
        entries += [publication_entry(p, settings, when) for p in site.publications_about(experiment.slug)]
        assets.append(
            Asset(
                experiment_feed(experiment.slug),
                render_atom(
                    identity.feed_title(site.title_of(experiment)),
                    urn(settings.demo, "experiment", experiment.slug),
                    settings.absolute(experiment_feed(experiment.slug)),
                    settings.absolute(paths.experiment_url(experiment.slug)),
                    [e for e in entries if e],
                    demo=settings.demo,
                    empty=entry_time(history.experiment(experiment).last, None, settings.now),
                    style=paths.feed_style(experiment_feed(experiment.slug)),
                ),
            )
        )
    for number, round_ in site.rounds.items():
        entries = [
            finding_entry(site, e, report, settings, when) for e in site.experiments if (report := e.report(number))
        ]
        entries += [lecture_entry(x, settings, when) for x in site.lectures_of_round(number)]
        entries += [publication_entry(p, settings, when) for p in site.publications_of_round(number)]
        assets.append(
            Asset(
                round_feed(number),
                render_atom(
                    identity.feed_title(f"{round_.label}: {round_.title}"),
                    urn(settings.demo, "ronde", number),
                    settings.absolute(round_feed(number)),
                    settings.absolute(paths.round_url(number)),
                    [e for e in entries if e],
                    demo=settings.demo,
                    empty=entry_time(history.round(number, site.experiments).last, None, settings.now),
                    style=paths.feed_style(round_feed(number)),
                ),
            )
        )
    return assets
