"""Every public path of the site: the one place that knows where a page or file is published.

Two kinds of string come out of here, both relative to the site root:

- a page's *source* (`…_src`): the virtual Markdown file MkDocs renders, such as
  `experimenten/<slug>/index.md`; its address is `url_of(src)`;
- a *URL* (`…_url`, and every file: feeds, calendars, downloads, data), such as
  `experimenten/<slug>/` or `colleges/colleges.ics`, which a page links to.

    experimenten/                       overview with filters          EXPERIMENTS
    experimenten/<slug>/                profile                         experiment_src/_url
    experimenten/<slug>/feed.xml        the experiment's feed           experiment_feed
    experimenten/<facet>/<value>/       the overview for one value      facet_src/_url
    experimenten/kaart/, …/matrix/      map, matrix                     MAP, MATRIX
    rondes/, rondes/ronde-<n>/          the rounds (and …/feed.xml)     ROUNDS, round_src/_url/_feed
    colleges/, colleges/<id>/           lectures; <id>.ics, <id>/<file> LECTURES, lecture_*
    colleges/colleges.ics               every lecture                   CALENDAR
    publicaties/, publicaties/<id>/     publications                    PUBLICATIONS, publication_*
    publicaties/<facet>/<value>/        one type or theme               publication_facet_src/_url
    publicaties/feed.xml, publicaties.* feed, downloads of the list     PUBLICATION_FEED, publication_list_download
    team/#<id>                          a person                        person_url
    actueel/feed.xml, actueel/<slug>/   news                            NEWS_FEED, post_src/_url
    data/…, open-data/                  the open data and its page      DATA, data_file, export_schema, …
    onderhoud/, bijdragen/velden/       build report, field reference   REPORT, FIELD_REFERENCE

Which model links to which of these is `href(obj)` in `pages/render.py`, the pages' side, since
the models import this module. The names a content file may not take, because a fixed path of the
site already uses them, are derived from the functions here (`reserved_names`), so a new fixed
page reserves its name by being added here.

This module sits in the content layer, below the pages, because the loaders refuse reserved
names; it imports no model (the models import it).
"""

from __future__ import annotations

from ..base.relpaths import source_link

# Fixed pages (sources).
EXPERIMENTS = "experimenten/index.md"
MAP = "experimenten/kaart.md"
MATRIX = "experimenten/matrix.md"
ROUNDS = "rondes/index.md"
LECTURES = "colleges/index.md"
PUBLICATIONS = "publicaties/index.md"
TEAM = "team.md"
REPORT = "onderhoud.md"
OPEN_DATA = "open-data.md"
CONTACT = "contact.md"  # contact and press route, from the configuration
FIELD_REFERENCE = "bijdragen/velden.md"

# Fixed files.
CALENDAR = "colleges/colleges.ics"
PUBLICATION_FEED = "publicaties/feed.xml"
NEWS = "actueel/"  # the blog's index (Material's blog plugin, `blog_dir: actueel`)
NEWS_FEED = "actueel/feed.xml"
DATA = "data"
DATA_PACKAGE_FILE = "datapackage.json"  # its name inside DATA
EXPORT_SCHEMAS = "schemas/export"  # the schemas of the exports, inside DATA
SOURCE_SCHEMAS = f"{DATA}/schemas"  # the schemas of the files researchers edit
DATA_PACKAGE = f"{DATA}/{DATA_PACKAGE_FILE}"
DATA_FORMATS = ("json", "csv")
ASSETS = "assets"  # CSS, JS and the share cards, copied from macros/assets/
ROBOTS = "robots.txt"  # the demo's only: it keeps search engines out (base/fictional.py)


FEED_STYLE = f"{ASSETS}/feed.css"  # how a browser shows a feed to a person (macros/assets/feed.css)


def feed_style(feed: str) -> str:
    """The feed stylesheet's address relative to the feed file `feed` (a site path): the same
    origin wherever the site is deployed, so the feed's processing instruction requests nothing
    from another party."""
    return source_link(feed, FEED_STYLE)


def share_card(demo: bool) -> str:
    """The share card (og:image); the demo's says it is fictional. The theme (macros/theme/main.html)
    names the same two files."""
    return f"{ASSETS}/card-demo.png" if demo else f"{ASSETS}/card.png"


# The overview's filters (experimenten/<key>/<value>/), in display order; `ronde` links to the round pages.
MUNICIPALITY_FACET, DOMAIN_FACET, WORK_FORM_FACET, ROUND_FACET, PAREL_FACET = (
    "gemeente",
    "domein",
    "werkvorm",
    "ronde",
    "parel",
)
EXPERIMENT_FACETS = (MUNICIPALITY_FACET, DOMAIN_FACET, WORK_FORM_FACET, ROUND_FACET, PAREL_FACET)
# The publication list's filters (publicaties/<key>/<value>/).
TYPE_FACET, THEME_FACET = "type", "thema"
PUBLICATION_FACETS = (TYPE_FACET, THEME_FACET)
# The citation downloads of a publication and of the whole list, by file extension.
DOWNLOAD_EXTENSIONS = ("bib", "biblatex.bib", "ris", "json")
# Anchors of the publication list (#jaar-2023) share the id space of the page.
YEAR_ANCHOR = "jaar-"


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: a/b.md -> a/b/, a/index.md -> a/."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# Experiments and rounds.


def experiment_src(slug: str) -> str:
    return f"experimenten/{slug}/index.md"


def experiment_url(slug: str, round_number: int | None = None) -> str:
    """The profile, or its section about one round."""
    return f"experimenten/{slug}/" + (f"#ronde-{round_number}" if round_number is not None else "")


def experiment_feed(slug: str) -> str:
    return f"experimenten/{slug}/feed.xml"


def facet_src(key: str, value: str) -> str:
    return f"experimenten/{key}/{value}.md"


def facet_url(key: str, value: str) -> str:
    """Where the no-JavaScript link for one filter value goes (round values: the round's page,
    which lists every experiment of the round already)."""
    return round_url(int(value)) if key == ROUND_FACET else url_of(facet_src(key, value))


def has_facet_pages(key: str) -> bool:
    """Whether a filter of the overview has pages of its own (round values have the round pages)."""
    return key != ROUND_FACET


def round_src(number: int) -> str:
    return f"rondes/ronde-{number}.md"


def round_url(number: int) -> str:
    return url_of(round_src(number))


def round_feed(number: int) -> str:
    return f"rondes/ronde-{number}/feed.xml"


# Lectures.


def lecture_src(ident: str) -> str:
    return f"colleges/{ident}.md"


def lecture_url(ident: str) -> str:
    return url_of(lecture_src(ident))


def lecture_calendar(ident: str) -> str:
    return f"colleges/{ident}.ics"


def lecture_file(ident: str, name: str) -> str:
    """A file kept next to the lecture record (its slides)."""
    return f"colleges/{ident}/{name}"


# Publications and people.


def publication_src(ident: str) -> str:
    return f"publicaties/{ident}.md"


def publication_url(ident: str) -> str:
    return url_of(publication_src(ident))


def publication_download(ident: str, extension: str) -> str:
    return f"publicaties/{ident}/{ident}.{extension}"


def publication_list_download(extension: str) -> str:
    return f"publicaties/publicaties.{extension}"


def publication_file(ident: str, name: str) -> str:
    """A file kept next to the publication record (its PDF)."""
    return f"publicaties/{ident}/{name}"


def publication_alias(alias: str) -> str:
    """The redirect page at a former id."""
    return f"publicaties/{alias}/index.html"


def publication_facet_src(key: str, value: str) -> str:
    return f"publicaties/{key}/{value}.md"


def publication_facet_url(key: str, value: str) -> str:
    return url_of(publication_facet_src(key, value))


def person_url(ident: str) -> str:
    return f"{url_of(TEAM)}#{ident}"


# News and open data.


def post_src(slug: str) -> str:
    """Where a news post is published (Material's blog: `actueel/<slug>/`)."""
    return f"{NEWS}{slug}/index.md"


def post_url(slug: str) -> str:
    return url_of(post_src(slug))


def data_file(name: str, extension: str) -> str:
    return f"{DATA}/{name}.{extension}"


def export_schema(name: str) -> str:
    """The JSON Schema of data/<name>.json."""
    return f"{DATA}/{EXPORT_SCHEMAS}/{schema_file(name)}"


def schema_file(name: str) -> str:
    """The file name of the JSON Schema of `name` (a kind of content file, or an export)."""
    return f"{name}.schema.json"


def source_schema(file: str) -> str:
    """The JSON Schema of a kind of content file (`experiment.schema.json`)."""
    return f"{SOURCE_SCHEMAS}/{file}"


# Reserved names, derived from the paths above.


def fixed_paths() -> tuple[str, ...]:
    """Every path the site has whatever its content (facet pages with a placeholder value)."""
    return (
        EXPERIMENTS,
        MAP,
        MATRIX,
        *(facet_src(key, "x") for key in EXPERIMENT_FACETS),
        ROUNDS,
        LECTURES,
        CALENDAR,
        PUBLICATIONS,
        PUBLICATION_FEED,
        *(publication_list_download(ext) for ext in DOWNLOAD_EXTENSIONS),
        *(publication_facet_src(key, "x") for key in PUBLICATION_FACETS),
        TEAM,
        REPORT,
        OPEN_DATA,
        CONTACT,
        FIELD_REFERENCE,
        NEWS_FEED,
        DATA_PACKAGE,
    )


def reserved_names(folder: str) -> frozenset[str]:
    """The names a record published under `folder/` may not take: the first part (up to a dot)
    of every fixed path in that folder, which a record's page or folder would collide with."""
    prefix = folder + "/"
    return frozenset(
        path[len(prefix) :].split("/")[0].split(".")[0] for path in fixed_paths() if path.startswith(prefix)
    )


RESERVED_SLUGS = reserved_names("experimenten")  # experiment folder names
RESERVED_PUBLICATION_IDS = reserved_names("publicaties")  # publication ids and aliases
