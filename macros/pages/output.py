"""Everything the generator writes, in one stable list: every generated page and every generated
or copied file (feeds, the news feed, calendars, downloads, open data, the site's own CSS,
JavaScript and share card, the demo's robots.txt). Only the docs folder's own pages and files join
them in the docs tree (`tree.py`); `outputs.claims` lists the same paths without rendering."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from ..base.fictional import ROBOTS_TXT
from ..base.parallel import fork_pair, without_gc_pauses, worth_forking
from ..content import paths
from ..content.history import site_history
from ..content.site import Site
from .experiment_pages import render_experiment_pages
from .facets import static_files
from .feeds import feed_assets
from .field_reference import render_field_reference
from .lecture_pages import lecture_assets, render_lecture_pages
from .news import news_assets
from .opendata import data_assets, datasets, render_open_data_page
from .publication_pages import publication_assets, render_publication_pages
from .render import Asset, Page, Settings
from .report import render_contact_page, render_report_page


def render_site(site: Site, settings: Settings) -> tuple[list[Page], list[Asset]]:
    """All generated pages and files.

    Two halves of about equal work: the experiment and round pages, and everything else. For a
    large site (from parallel.PARALLEL_FROM experiments) they run side by side in two processes,
    each rendering its half in one process; the real site is rendered in one."""
    site_history(site, settings.now)  # read once here: both halves (and their workers) inherit it
    split = settings.parallel and worth_forking(len(site.experiments))
    inner = replace(settings, parallel=False) if split else settings
    with without_gc_pauses():
        experiment_pages, (other_pages, assets) = fork_pair(
            partial(render_experiment_pages, site, inner), partial(_the_rest, site, inner), parallel=split
        )
    return experiment_pages + other_pages, assets


def _the_rest(site: Site, settings: Settings) -> tuple[list[Page], list[Asset]]:
    """The pages and files besides the experiment and round pages."""
    sets = datasets(site)  # the open data: exported as files and described on a page
    pages = (
        render_lecture_pages(site, settings)
        + render_publication_pages(site, settings)
        + [render_report_page(site, settings), render_open_data_page(site, settings, sets), render_field_reference()]
        + [render_contact_page(settings)]
    )
    assets = (
        lecture_assets(site, settings)
        + publication_assets(site, settings)
        + data_assets(site, settings, sets)
        + feed_assets(site, settings)
        + news_assets(site, settings)
        + static_assets(settings.demo)
    )
    if settings.demo:  # the fictional site keeps out of search engines altogether
        assets.append(Asset(paths.ROBOTS, ROBOTS_TXT.encode()))
    return pages, assets


def static_assets(demo: bool) -> list[Asset]:
    """The site's own CSS, JavaScript and share card (macros/assets/), copied; each site ships its own card only."""
    return [Asset(name, path=file) for name, file in static_files(demo)]
