"""News (Actueel): dated Markdown posts under docs/actueel/posts/, shown by Material's blog
plugin. They are read and checked with the hand-written pages (`handwritten.py`); here: an Atom
feed of them (`news_assets`), and the latest items for the home page."""

from __future__ import annotations

from ..base import identity
from ..base.fictional import urn
from ..content import paths
from ..content.handwritten import Post
from ..content.site import Site
from ..formats.atom import Entry, When, render_atom, site_dates
from .render import FEED_HELP, Asset, Settings

FEED = paths.NEWS_FEED


def news_assets(site: Site, settings: Settings) -> list[Asset]:
    """The news feed, on a site with an Actueel section; it names the posts it is made of."""
    if not site.has_news:
        return []
    feed = render_news_feed(site.posts, settings.absolute, site_dates(site, settings.now), demo=settings.demo)
    return [Asset(FEED, feed, sources=tuple(f"docs/{post.source}" for post in site.posts))]


def render_news_feed(posts: tuple[Post, ...], absolute, when: When, demo: bool = False) -> bytes:
    """`when`: `atom.site_dates` of the site (each post's last commit, else its own date)."""
    return render_atom(
        identity.feed_title("Actueel"),
        urn(demo, "actueel"),
        absolute(FEED),
        absolute(paths.NEWS),
        [
            Entry(
                urn(demo, "actueel", p.slug),
                p.title,
                absolute(paths.post_url(p.slug)),
                when(f"docs/{p.source}", p.date),
                p.description or p.title,
            )
            for p in posts
        ],
        demo=demo,
        empty=when(f"docs/{paths.NEWS}index.md", None),
        style=paths.feed_style(FEED),
    )


def render_news_status(posts: tuple[Post, ...]) -> str:
    """For the news page: that it has no posts (an empty list says nothing), and what a feed is."""
    empty = "*Op deze site staan geen berichten.*\n\n" if not posts else ""
    return empty + FEED_HELP


def render_latest(posts: tuple[Post, ...], page_src: str, count: int = 3) -> str:
    """A Markdown list of the newest posts, for a hand-written page."""
    from ..base.dates import dutch_date
    from ..base.markup import md_escape
    from ..base.relpaths import source_link

    if not posts:
        return "*Op deze site staan geen berichten.*"
    return "\n".join(
        f"- {dutch_date(p.date)}: [{md_escape(p.title)}]({source_link(page_src, p.source)})" for p in posts[:count]
    )
