"""Everything the build writes from content, in one stable list."""

from __future__ import annotations

from ..content.site import Site
from .experiment_pages import render_experiment_pages
from .feeds import feed_assets
from .field_reference import render_field_reference
from .lecture_pages import lecture_assets, render_lecture_pages
from .opendata import data_assets, datasets, render_open_data_page
from .publication_pages import publication_assets, render_publication_pages
from .render import Asset, Page, Settings
from .report import render_report_page


def render_site(site: Site, settings: Settings) -> tuple[list[Page], list[Asset]]:
    """All generated pages and files."""
    sets = datasets(site)  # the open data: exported as files and described on a page
    pages = (
        render_experiment_pages(site, settings)
        + render_lecture_pages(site, settings)
        + render_publication_pages(site, settings)
        + [render_report_page(site, settings), render_open_data_page(site, settings, sets), render_field_reference()]
    )
    assets = (
        lecture_assets(site, settings)
        + publication_assets(site, settings)
        + data_assets(site, settings, sets)
        + feed_assets(site, settings)
    )
    return pages, assets
