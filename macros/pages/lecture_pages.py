"""Pages and files for the open lectures (published where `content/paths.py` says).

overview             upcoming first, then date to be announced, then past
one lecture          with schema.org Event JSON-LD
<id>.ics             the lecture for a calendar
CALENDAR             every lecture, to subscribe to
slides               kept next to the lecture record
"""

from __future__ import annotations

from ..content import paths
from ..content.history import site_history
from ..content.lectures import Lecture
from ..content.paths import CALENDAR
from ..content.site import Site
from ..formats.ical import render_calendar
from ..formats.jsonld import card_url, event, script
from .render import Asset, Page, Settings, history_url, render_template, url_of


def render_lecture(site: Site, lecture: Lecture, settings: Settings) -> Page:
    src = paths.lecture_src(lecture.id)
    url = url_of(src)
    data = event(lecture, settings.absolute(url), settings.organizer, card_url(settings), settings.demo)
    history = site_history(site, settings.now).lecture(lecture)
    text = render_template(
        "lecture.md.j2",
        url,
        lecture=lecture,
        site=site,
        past=lecture.is_past(settings.now),
        now=settings.now,
        jsonld=script(data) if data else "",
        round=site.rounds[lecture.round],
        experiments=[site.experiment(slug) for slug in lecture.experiments],
        publications=[site.publication(ident) for ident in lecture.publications],
        history=history,
        history_url=history_url(settings, history),
    )
    return Page(src, text, lecture.path)


def render_lectures_index(site: Site, settings: Settings) -> Page:
    src = paths.LECTURES
    # What will really happen first: a cancelled lecture after the ones that take place.
    upcoming = sorted(
        (x for x in site.lectures if x.start is not None and not x.is_past(settings.now)),
        key=lambda x: (x.is_cancelled, x.sort_key),
    )
    unknown = [x for x in site.lectures if x.start is None]
    past = sorted((x for x in site.lectures if x.is_past(settings.now)), key=lambda x: x.sort_key, reverse=True)
    text = render_template(
        "lectures.md.j2",
        url_of(src),
        upcoming=upcoming,
        unknown=unknown,
        past=past,
        site=site,
        calendar=CALENDAR,
        now=settings.now,
    )
    return Page(src, text, in_nav=True)


def render_lecture_pages(site: Site, settings: Settings) -> list[Page]:
    """The overview and a page per lecture."""
    return [render_lectures_index(site, settings)] + [render_lecture(site, x, settings) for x in site.lectures]


def lecture_assets(site: Site, settings: Settings) -> list[Asset]:
    """Calendar files and slides."""
    urls = {x.id: settings.absolute(paths.lecture_url(x.id)) for x in site.lectures}
    assets = [Asset(CALENDAR, render_calendar(site.lectures, urls, settings.now, demo=settings.demo))]
    for lecture in site.lectures:
        if lecture.timed:
            assets.append(
                Asset(
                    paths.lecture_calendar(lecture.id),
                    render_calendar([lecture], urls, settings.now, name=lecture.title, demo=settings.demo),
                )
            )
        if slides := lecture.slides_file:
            assets.append(Asset(paths.lecture_file(lecture.id, slides), path=site.root / "lectures" / slides))
    return assets
