"""Which source claims which published path: one site-wide check, run by `make check`.

Every page and file the build writes comes from a source: a content file, a registry, a
hand-written page, or the generator itself. Two sources that claim one path (or one URL: a/b.md
and a/b/index.md are both `a/b/`), or two paths that differ only in letter case (one folder on
Windows and macOS), would make one silently replace the other; each such pair is reported with
both sources. Path components that Windows reserves (`con`, `aux`, `nul`, …) are refused too.

`claims(site, demo)` lists the paths without rendering anything (a thousand experiments are listed
in milliseconds); `tests/unit/test_outputs.py` keeps it equal to what `output.render_site` writes.
`check_outputs(site)` runs the check on a loaded site: called at the top (`wiring/checks.py`, for
`make check` and the build), since loading knows nothing of published paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..base.problems import Problem, Problems
from ..content import paths
from ..content.site import Site, relative_to_base

GENERATED = "de generator"  # the source of pages the site always has (lists, map, calendars)
ENGINE = "het bouwprogramma"  # what MkDocs, ProperDocs or Zensical write themselves
ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search.json")
FIXED = (GENERATED, ENGINE)  # sources whose paths cannot move: a clash is reported at the other one
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


@dataclass(frozen=True)
class Claim:
    path: str  # output path as MkDocs sees it (a page's src_uri, or a file's path)
    source: str  # the repository file it comes from, or GENERATED
    field: str = "bestandsnaam"
    line: int = 1

    @property
    def url(self) -> str:
        """The address a reader uses: pages by their directory URL, files by their path."""
        if not self.path.endswith(".md"):
            return self.path.removesuffix("index.html")
        return paths.url_of(self.path)


def check_outputs(site: Site, base: Path | None = None, demo: bool = False) -> list[Problem]:
    """Every problem of the site-wide path check, named relative to `base` like the content problems."""
    problems = Problems()
    check_claims(claims(site, demo), problems)
    return relative_to_base(problems.items, site.root, base)


def claims(site: Site, demo: bool = False) -> list[Claim]:
    """Every path the build will write (of the demo, when `demo`), with its source (no rendering)."""
    from ..content.registry import ROUNDS_FILE
    from ..formats.datapackage import EXPORTS
    from ..formats.schemas import render_schemas
    from .facets import facet_values, facets, publication_facets, static_files

    out = [
        Claim(p, GENERATED)
        for p in (
            paths.EXPERIMENTS,
            paths.MAP,
            paths.MATRIX,
            paths.ROUNDS,
            paths.LECTURES,
            paths.CALENDAR,
            paths.PUBLICATIONS,
            paths.PUBLICATION_FEED,
            paths.TEAM,
            paths.CONTACT,
            paths.REPORT,
            paths.OPEN_DATA,
            paths.FIELD_REFERENCE,
        )
    ]
    out += [Claim(path, ENGINE) for path in ENGINE_FILES]
    out += [Claim(paths.publication_list_download(ext), GENERATED) for ext in paths.DOWNLOAD_EXTENSIONS]
    out += [Claim(paths.data_file(name, ext), GENERATED) for name in EXPORTS for ext in paths.DATA_FORMATS]
    out += [Claim(paths.source_schema(name), GENERATED) for name in render_schemas()]
    out += [Claim(paths.export_schema(name), GENERATED) for name in EXPORTS]
    out.append(Claim(paths.DATA_PACKAGE, GENERATED))
    out += [Claim(uri, GENERATED) for uri, _ in static_files(demo)]
    if demo:
        out.append(Claim(paths.ROBOTS, GENERATED))
    for facet in facets(site):
        if paths.has_facet_pages(facet.key):
            out += [Claim(paths.facet_src(facet.key, value), GENERATED) for value in facet_values(site, facet)]
    for key, _, values in publication_facets(site):
        out += [Claim(paths.publication_facet_src(key, value), GENERATED) for value, _ in values]
    for number in site.rounds:
        out += [
            Claim(paths.round_src(number), ROUNDS_FILE, "number"),
            Claim(paths.round_feed(number), ROUNDS_FILE, "number"),
        ]
    for e in site.experiments:
        out += [Claim(paths.experiment_src(e.slug), e.path), Claim(paths.experiment_feed(e.slug), e.path)]
    for lecture in site.lectures:
        out.append(Claim(paths.lecture_src(lecture.id), lecture.path))
        if lecture.timed:
            out.append(Claim(paths.lecture_calendar(lecture.id), lecture.path))
        if slides := lecture.slides_file:
            out.append(Claim(paths.lecture_file(lecture.id, slides), lecture.path, "slides"))
    for p in site.publications:
        out.append(Claim(paths.publication_src(p.id), p.path))
        out += [Claim(paths.publication_download(p.id, ext), p.path) for ext in paths.DOWNLOAD_EXTENSIONS]
        if pdf := p.pdf_file:
            out.append(Claim(paths.publication_file(p.id, pdf), p.path, "pdf"))
        out += [Claim(paths.publication_alias(alias), p.path, "aliases") for alias in p.aliases]
    if site.has_news:
        out.append(Claim(paths.NEWS_FEED, GENERATED))
    docs = "docs"
    out += [Claim(page.source, f"{docs}/{page.source}") for page in site.pages]
    out += [Claim(paths.post_src(post.slug), f"{docs}/{post.source}", "slug", 3) for post in site.posts]
    out += [Claim(path, f"{docs}/{path}") for path in site.doc_files]
    return out


def _describe(claim: Claim) -> str:
    return f"{claim.source} ({claim.path})"


def check_claims(all_claims: Iterable[Claim], problems: Problems, base_prefix: str = "") -> None:
    """Record every pair of sources that claim one URL (also up to letter case), and reserved names."""
    exact: dict[str, Claim] = {}
    folded: dict[str, Claim] = {}
    files: dict[str, Claim] = {}  # every file the site will hold, by its path
    folders: dict[str, Claim] = {}  # every folder, with the first claim that needs it
    reported: set[str] = set()
    for claim in all_claims:
        reserved = next(
            (part for part in claim.path.split("/") if part.split(".")[0].casefold() in WINDOWS_RESERVED), None
        )
        if reserved and claim.source not in FIXED:
            if claim.source not in reported:
                reported.add(claim.source)
                problems.add(
                    claim.source,
                    claim.line,
                    claim.field,
                    f"'{reserved}' is op Windows een "
                    f"gereserveerde naam (ook als deel van {claim.path}); kies een andere naam",
                )
            continue
        other = exact.setdefault(claim.url, claim)
        if other is not claim and other.source != claim.source:
            _clash(claim, other, problems, "hetzelfde adres")
            continue
        other = folded.setdefault(claim.url.casefold(), claim)
        if other is not claim and other.url != claim.url and other.source != claim.source:
            _clash(claim, other, problems, "een adres dat alleen in hoofdletters verschilt van")
            continue
        written = claim.url + "index.html" if claim.url.endswith("/") or not claim.url else claim.url
        files.setdefault(written, claim)
        parts = written.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), claim)
    for path, written_by in files.items():  # a file where another source needs a folder (sitemap.xml.md)
        needs_folder = folders.get(path)
        if needs_folder is not None and needs_folder.source != written_by.source:
            mover = needs_folder if needs_folder.source not in FIXED else written_by
            problems.add(
                mover.source,
                mover.line,
                mover.field,
                f"'{path}' zou een map worden én een bestand: {_describe(needs_folder)} heeft er een map, "
                f"{_describe(written_by)} het bestand; kies een andere naam of id",
            )


def _clash(claim: Claim, other: Claim, problems: Problems, what: str) -> None:
    # Report at the content file (the generator's own pages cannot move); name both sources.
    first, second = (claim, other) if claim.source not in FIXED else (other, claim)
    problems.add(
        first.source,
        first.line,
        first.field,
        f"geeft {what} '{first.url}' als {_describe(second)}; kies een andere naam of id",
    )
