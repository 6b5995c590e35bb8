"""Pages and files for the publications and the people of the project (published where
`content/paths.py` says).

    the list             by year, newest first, filterable by type and theme
    one type or theme    the list for one value (works without JavaScript)
    one publication      Scholar meta tags, JSON-LD, Open Graph, cite block
    downloads            its citations as BibTeX, biblatex, RIS, CSL-JSON; the same for the whole list
    an alias             redirect from a former id
    the feed             Atom
    team                 the people, with their publications and lectures
"""

from __future__ import annotations

from ..base import fictional, identity
from ..base.fictional import urn
from ..base.markup import plain_line
from ..base.names import family_name, inverted_name
from ..content import paths
from ..content.history import site_history
from ..content.paths import PUBLICATION_FEED as FEED
from ..content.publications import Publication
from ..content.site import Site
from ..formats.atom import Entry, render_atom, site_dates
from ..formats.citations import (
    apa_references,
    plain_abstract,
    render_biblatex,
    render_bibtex,
    render_csl_json,
    render_ris,
)
from ..formats.jsonld import script
from .facets import publication_facets
from .render import Asset, Page, Settings, history_url, relative, render_template, url_of

# The citation downloads: (file extension, label, writer), in the order of paths.DOWNLOAD_EXTENSIONS.
DOWNLOADS = tuple(
    zip(
        paths.DOWNLOAD_EXTENSIONS,
        ("BibTeX", "biblatex", "RIS", "CSL-JSON"),
        (render_bibtex, render_biblatex, render_ris, render_csl_json),
        strict=True,
    )
)


def publication_url(publication: Publication) -> str:
    """The URL of a publication's page, relative to the site root."""
    return paths.publication_url(publication.id)


def _item_values(publication: Publication) -> dict[str, list[str]]:
    return {paths.TYPE_FACET: [publication.type], paths.THEME_FACET: list(publication.themes)}


def head_meta(publication: Publication, site: Site, settings: Settings) -> list[list[str]]:
    """Highwire (Google Scholar) and Open Graph tags, as [attribute, key, value].

    The demo has no Highwire tags at all: Google Scholar must never list an invented paper."""
    p = publication
    url = settings.absolute(publication_url(p))
    date = p.date
    kind = p.type.row.highwire
    # Scholar: YYYY/MM/DD at the precision known
    scholar_date = "/".join([f"{date.year:04d}"] + [f"{part:02d}" for part in (date.month, date.day) if part])
    first, last = p.page_range
    if kind:
        meta = [["name", "citation_title", p.full_title]]
        meta += [["name", "citation_author", inverted_name(a)] for a in p.authors]
        meta.append(["name", "citation_publication_date", scholar_date])
        optional = [
            ("citation_journal_title", p.journal if kind == "journal" else None),
            ("citation_book_title", p.journal if kind == "chapter" else None),
            ("citation_volume", p.volume),
            ("citation_issue", p.issue),
            ("citation_firstpage", first),
            ("citation_lastpage", last),
            ("citation_doi", p.doi),
            ("citation_technical_report_institution", p.publisher if kind == "report" else None),
            ("citation_publisher", p.publisher if kind != "report" else None),
            ("citation_pdf_url", settings.absolute(paths.publication_file(p.id, p.pdf_file)) if p.pdf_file else None),
            ("citation_language", p.language),
            ("citation_abstract_html_url", url),
        ]
    else:  # no citation_* tag, or Zotero files it as a journal article: Dublin Core instead
        meta = [["name", "DC.title", p.full_title]]
        meta += [["name", "DC.creator", inverted_name(a)] for a in p.authors]
        meta.append(["name", "DC.date", str(date)])
        optional = [
            ("DC.publisher", p.publisher),
            ("DC.identifier", f"doi:{p.doi}" if p.doi else None),
            ("DC.language", p.language),
        ]
    meta += [["name", key, value] for key, value in optional if value]
    if settings.demo:
        meta = []  # not one citation_* (or DC.*) tag
    meta += [
        ["property", "og:type", "article"],
        ["property", "og:title", fictional.title(settings.demo, p.full_title)],
        ["property", "og:url", url],
        ["property", "og:locale", "nl_NL"],
        ["property", "article:published_time", str(date)],
    ]
    if p.abstract or settings.demo:  # a link preview of the demo says it is fictional, in its own words
        text = plain_line(p.abstract) if p.abstract else ""
        meta.append(["property", "og:description", (f"{fictional.NOTE} {text}" if settings.demo else text)[:300]])
    return meta


def scholarly_jsonld(publication: Publication, settings: Settings) -> dict:
    """The schema.org JSON-LD of a publication's page (its type, authors, date, identifiers)."""
    p = publication
    data: dict = {
        "@context": "https://schema.org",
        "@type": p.type.row.schema,
        "headline": fictional.title(settings.demo, p.full_title),
        "name": fictional.title(settings.demo, p.full_title),
        "datePublished": str(p.date),
        "inLanguage": p.language,
        "url": settings.absolute(publication_url(p)),
        "author": [
            {
                "@type": "Person",
                "name": a.name,
                "familyName": family_name(a),
                **({"givenName": a.given} if a.given else {}),
                **({"sameAs": f"https://orcid.org/{a.orcid}"} if a.orcid else {}),
            }
            for a in p.authors
        ],
    }
    if p.journal:
        data["isPartOf"] = {"@type": "Periodical", "name": p.journal}
    if p.publisher:
        data["publisher"] = {"@type": "Organization", "name": p.publisher}
    if p.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": p.doi}
        data["sameAs"] = f"https://doi.org/{p.doi}"
    if p.pages:
        first, last = p.page_range
        data["pageStart"] = first
        if last:
            data["pageEnd"] = last
    if p.abstract:
        data["abstract"] = plain_abstract(p)
    if p.open_access is not None:
        data["isAccessibleForFree"] = p.open_access
    if settings.demo:
        data["disambiguatingDescription"] = fictional.NOTE
    return data


def render_publication(site: Site, publication: Publication, reference, settings: Settings) -> Page:
    """A publication's page: reference, cite block, downloads, meta tags for Scholar and Zotero."""
    src = paths.publication_src(publication.id)
    history = site_history(site, settings.now).publication(publication)
    text = render_template(
        "publication.md.j2",
        url_of(src),
        p=publication,
        site=site,
        reference=reference,
        permalink=settings.absolute(publication_url(publication)),
        head_meta=head_meta(publication, site, settings),
        jsonld=script(scholarly_jsonld(publication, settings)),
        type_label=publication.type.row.label,
        downloads=DOWNLOADS,
        lectures=[x for x in site.lectures if publication.id in x.publications],
        history=history,
        history_url=history_url(settings, history),
    )
    return Page(src, text, publication.path)


def render_publication_list(site: Site, references, facet: tuple | None = None, value: tuple | None = None) -> Page:
    """The list of publications by year, or of one type or theme (`facet`, `value`)."""
    if facet is None or value is None:
        src, listed = paths.PUBLICATIONS, list(site.publications)
    else:
        src = paths.publication_facet_src(facet[0], value[0])
        listed = [p for p in site.publications if value[0] in _item_values(p)[facet[0]]]
    years: dict[int, list[Publication]] = {}
    for publication in listed:
        years.setdefault(publication.date.year, []).append(publication)
    text = render_template(
        "publications.md.j2",
        url_of(src),
        years=sorted(years.items(), reverse=True),
        references=references,
        facets=publication_facets(site),
        facet=facet,
        value=value,
        filters=[f for f in publication_facets(site) if len(f[2]) > 1],
        values_of=_item_values,
        total=len(site.publications),
        downloads=DOWNLOADS,
        feed=FEED,
        site=site,
    )
    return Page(src, text, in_nav=facet is None)


def render_team(site: Site) -> Page:
    """The team page: every person with their publications and lectures."""
    src = paths.TEAM
    text = render_template(
        "team.md.j2",
        url_of(src),
        site=site,
        people=[
            (person, site.publications_by(person.id), site.lectures_by(person.id)) for person in site.people.values()
        ],
    )
    return Page(src, text, "experiments/mensen.yml", in_nav=True)


def render_publication_pages(site: Site, settings: Settings) -> list[Page]:
    """Every page of the publications: the lists, one per facet value, and one per publication."""
    references = apa_references(
        site.publications, settings.cache_dir, {p.id: settings.absolute(publication_url(p)) for p in site.publications}
    )
    pages = [render_publication_list(site, references), render_team(site)]
    for facet in publication_facets(site):
        pages += [render_publication_list(site, references, facet, value) for value in facet[2]]
    pages += [render_publication(site, p, references[p.id], settings) for p in site.publications]
    return pages


def redirect_html(target: str, title: str, demo: bool = False) -> bytes:
    """A page at a former URL that sends readers and crawlers to the current one (`target`, relative)."""
    return render_template("redirect.html.j2", "", target=target, title=title, demo=demo).encode()


def publication_entry(p: Publication, settings: Settings, when) -> Entry:
    """`when`: `atom.site_dates` of the site (the entry's `updated` is the record's last change)."""
    return Entry(
        urn(settings.demo, "publicatie", p.id),
        p.full_title,
        settings.absolute(publication_url(p)),
        when(p.path, p.date),
        plain_line(p.abstract or p.type.row.label),
        tuple(a.name for a in p.authors),
    )


def render_feed(site: Site, settings: Settings) -> bytes:
    """The Atom feed of all publications."""
    when = site_dates(site, settings.now)
    return render_atom(
        identity.feed_title("Publicaties"),
        urn(settings.demo, "publicaties"),
        settings.absolute(FEED),
        settings.absolute(url_of(paths.PUBLICATIONS)),
        [publication_entry(p, settings, when) for p in site.publications],
        demo=settings.demo,
        empty=when("publications", None),
        style=paths.feed_style(FEED),
    )


def publication_assets(site: Site, settings: Settings) -> list[Asset]:
    """The files beside the pages: the feed, the citation downloads, PDFs and the alias redirects."""
    urls = {p.id: settings.absolute(publication_url(p)) for p in site.publications}
    assets = [Asset(FEED, render_feed(site, settings))]
    for extension, _, writer in DOWNLOADS:
        assets.append(
            Asset(
                paths.publication_list_download(extension),
                writer(site.publications, urls, demo=settings.demo).encode("utf-8"),
            )
        )
    for p in site.publications:
        for extension, _, writer in DOWNLOADS:
            assets.append(
                Asset(
                    paths.publication_download(p.id, extension), writer([p], urls, demo=settings.demo).encode("utf-8")
                )
            )
        if p.pdf_file:
            assets.append(Asset(paths.publication_file(p.id, p.pdf_file), path=site.root / "publications" / p.pdf_file))
        for alias in p.aliases:
            target = relative(paths.publication_url(alias), publication_url(p))
            assets.append(Asset(paths.publication_alias(alias), redirect_html(target, p.full_title, settings.demo)))
    return assets
