"""The building blocks of hand-written pages, expanded: `{{ round_list() }}` on a line of its own
becomes the Markdown of the round list.

Which names a page may use, and what each gives, is the table `content.handwritten.BLOCKS`
(checked at load time, so `make check` refuses an unknown name); here is how each is made. Every
content value in a block's Markdown is escaped by the function that writes it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.handwritten import block_call
from ..content.project import plan_markdown, status_markdown
from ..content.site import Site
from ..content.siteinfo import contact_markdown, hosting_markdown
from .experiment_pages import render_municipality_list, render_round_list, render_theme_list
from .news import render_latest, render_news_status
from .render import Settings

# name -> render(site, page_src, count, settings): one for every name in content.handwritten.BLOCKS.
RENDERERS: dict[str, Callable[[Site, str, int, Settings], str]] = {
    "site_contact": lambda site, src, count, settings: contact_markdown(settings.info),
    "site_hosting": lambda site, src, count, settings: hosting_markdown(settings.info),
    "project_status": lambda site, src, count, settings: status_markdown(
        site.project, settings.now.date(), len(site.experiments), len({e.municipality for e in site.experiments})
    ),
    "project_plan": lambda site, src, count, settings: plan_markdown(site.project, settings.now.date()),
    "municipality_list": lambda site, src, count, settings: render_municipality_list(site, src),
    "round_list": lambda site, src, count, settings: render_round_list(site, src),
    "theme_list": lambda site, src, count, settings: render_theme_list(site),
    "latest_news": lambda site, src, count, settings: render_latest(site.posts, src, count or 3),
    "news_status": lambda site, src, count, settings: render_news_status(site.posts),
}


def expand_blocks(markdown: str, site: Site, page_src: str, settings: Settings) -> str:
    """A checked page's Markdown with each building-block line replaced by the block's Markdown."""

    def expand(line: str) -> str:
        call = block_call(line)
        if call is None:
            return line
        name, count = call
        return RENDERERS[name](site, page_src, count, settings)

    if "{{" not in markdown:
        return markdown
    return "\n".join(expand(line) for line in markdown.split("\n"))
