"""The generated pages: one function per page type, each a Jinja template fed by models.

Every page is Markdown with HTML blocks, handed to MkDocs as a virtual file, so that MkDocs
and Material render it like any page (search, table of contents, theme) while content values
only ever pass through autoescaping (HTML) or `md_escape` (Markdown). The pages are never
rendered by mkdocs-macros: content is data, not a template.

URLs (with `use_directory_urls`):

    experimenten/                     overview with filters
    experimenten/<slug>/              profile
    experimenten/<facet>/<value>/     the overview for one filter value (works without JavaScript)
    experimenten/kaart/               map
    experimenten/matrix/              experiments x research themes, per round
    rondes/, rondes/ronde-<n>/        the rounds
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

import jinja2
from markupsafe import Markup

from .experiments import DOMAINS, WORK_FORMS, Experiment
from .fields import MONTHS_NL, PartialDate, dutch_date
from .geo import HEIGHT, WIDTH, project
from .markup import md_escape, render_markdown
from .site import Site

TEMPLATES = Path(__file__).parent / "templates"
OUTLINE = Path(__file__).parent / "data" / "nl-outline.json"


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its Markdown, and the content file it comes from."""

    src_uri: str
    markdown: str
    source: str | None = None
    in_nav: bool = False

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: a/b.md -> a/b/, a/index.md -> a/."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another (both relative to the site root)."""
    target, _, fragment = to_url.partition("#")
    path = posixpath.relpath(target or ".", from_url or ".")
    if target.endswith("/") and not path.endswith("/"):
        path += "/"
    if path == "./":
        path = "./"
    return path + (f"#{fragment}" if fragment else "")


def slugify(text: str) -> str:
    """'circulaire economie' -> 'circulaire-economie' (ASCII, for URLs and anchors)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def display_title(experiment: Experiment, site: Site) -> str:
    """The experiment's name, or 'Experiment in <gemeente>' while the name is unknown."""
    return experiment.title or f"Experiment in {site.municipality_of(experiment).name}"


def date_nl(value) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.dutch()
    return dutch_date(value)


def period_nl(start, end) -> str:
    if start and end:
        return f"{date_nl(start)} – {date_nl(end)}"
    if start:
        return f"vanaf {date_nl(start)}"
    if end:
        return f"tot {date_nl(end)}"
    return ""


def _md(value: object) -> Markup:
    return Markup(md_escape(str(value)))


def _front_matter(meta: dict) -> Markup:
    """Page metadata as YAML front matter.

    Material writes `title` and `description` into HTML without escaping (<title>, <meta
    content="...">), so text values are HTML-escaped here, where they come from content.
    JSON is valid YAML, and json.dumps escapes every character YAML could misread."""
    lines = []
    for key, value in meta.items():
        if isinstance(value, str):
            value = html.escape(value, quote=True)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
    return Markup("".join(lines))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown heading ids are written `{#id}`; Jinja comments must not claim that syntax.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=_md, markdown=render_markdown, date_nl=date_nl, slugify=slugify,
                       front_matter=_front_matter)
    env.globals.update(period_nl=period_nl, months=MONTHS_NL)
    return env


def _render(template: str, page_url: str, **context) -> str:
    def url(target: str) -> str:
        return relative(page_url, target)

    return _environment().get_template(template).render(url=url, page_url=page_url, **context)


@dataclass(frozen=True)
class Facet:
    """A filter of the overview: its URL part, label, and the values of one experiment."""

    key: str
    label: str
    values: Callable[[Experiment], Iterable[str]]
    label_of: Callable[[str], str]


def facets(site: Site) -> list[Facet]:
    """The overview's filters, in display order."""
    rounds = site.rounds
    return [
        Facet("gemeente", "Gemeente", lambda e: [e.municipality],
              lambda v: site.municipalities[v].name),
        Facet("domein", "Domein", lambda e: [slugify(d) for d in e.domains],
              lambda v: next(d for d in DOMAINS if slugify(d) == v)),
        Facet("werkvorm", "Werkvorm", lambda e: list(e.work_forms), lambda v: v),
        Facet("ronde", "Ronde", lambda e: [str(r.round) for r in e.published_reports],
              lambda v: f"Ronde {v}: {rounds[int(v)].title}"),
        Facet("parel", "Parel", lambda e: ["ja"] if e.parel_rounds else [], lambda v: "Parel in een ronde"),
    ]


def facet_values(site: Site, facet: Facet) -> list[str]:
    """The values of a facet that some experiment has, in a stable, meaningful order."""
    present = {v for e in site.experiments for v in facet.values(e)}
    if facet.key == "domein":
        order = [slugify(d) for d in DOMAINS]
    elif facet.key == "werkvorm":
        order = list(WORK_FORMS)
    elif facet.key == "ronde":
        order = [str(n) for n in site.rounds]
    else:
        order = sorted(present, key=lambda v: facet.label_of(v).lower())
    return [v for v in order if v in present]


def sorted_experiments(site: Site, experiments: Iterable[Experiment]) -> list[Experiment]:
    """Experiments by municipality name, then title, then slug."""
    return sorted(experiments, key=lambda e: (site.municipality_of(e).name.lower(),
                                              display_title(e, site).lower(), e.slug))


def _common(site: Site) -> dict:
    return {"site": site, "title_of": lambda e: display_title(e, site)}


def render_profile(site: Site, experiment: Experiment) -> Page:
    """`experimenten/<slug>/`: key facts, summary, round timeline, themes, sources."""
    src = f"experimenten/{experiment.slug}/index.md"
    text = _render("profile.md.j2", url_of(src), experiment=experiment,
                   municipality=site.municipality_of(experiment), **_common(site))
    return Page(src, text, experiment.path)


def render_overview(site: Site, experiments: list[Experiment] | None = None,
                    facet: Facet | None = None, value: str | None = None) -> Page:
    """`experimenten/`, or one facet value's page when `facet` is given."""
    if facet is None:
        src = "experimenten/index.md"
        listed = sorted_experiments(site, site.experiments)
    else:
        src = f"experimenten/{facet.key}/{value}.md"
        listed = sorted_experiments(site, experiments or [])
    all_facets = [(f, facet_values(site, f)) for f in facets(site)]
    text = _render("overview.md.j2", url_of(src), experiments=listed, facets=all_facets,
                   facet=facet, value=value, total=len(site.experiments), **_common(site))
    return Page(src, text, in_nav=facet is None)


def render_map(site: Site) -> Page:
    src = "experimenten/kaart.md"
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    places = []
    for municipality in sorted(site.municipalities.values(), key=lambda m: m.name.lower()):
        experiments = sorted_experiments(site, site.experiments_in(municipality.id))
        if not experiments or municipality.lat is None or municipality.lon is None:
            continue
        x, y = project(municipality.lat, municipality.lon)
        places.append({"municipality": municipality, "experiments": experiments,
                       "x": round(x, 1), "y": round(y, 1)})
    unplaced = [m for m in site.municipalities.values()
                if site.experiments_in(m.id) and (m.lat is None or m.lon is None)]
    text = _render("map.md.j2", url_of(src), places=places, unplaced=unplaced, outline=outline,
                   width=WIDTH, height=HEIGHT, **_common(site))
    return Page(src, text, in_nav=True)


def render_matrix(site: Site) -> Page:
    src = "experimenten/matrix.md"
    rounds = [r for r in site.rounds.values()
              if any(e.report(r.number) and e.report(r.number).published for e in site.experiments)]
    text = _render("matrix.md.j2", url_of(src), rounds=rounds,
                   experiments=sorted_experiments(site, site.experiments), **_common(site))
    return Page(src, text, in_nav=True)


def render_round(site: Site, number: int) -> Page:
    src = f"rondes/ronde-{number}.md"
    round_ = site.rounds[number]
    reports = [(e, e.report(number)) for e in sorted_experiments(site, site.experiments)
               if e.report(number) and e.report(number).published]
    text = _render("round.md.j2", url_of(src), round=round_, reports=reports, **_common(site))
    return Page(src, text, "experiments/rondes.yml")


def render_rounds_index(site: Site) -> Page:
    src = "rondes/index.md"
    counts = {n: sum(1 for e in site.experiments if e.report(n) and e.report(n).published)
              for n in site.rounds}
    text = _render("rounds.md.j2", url_of(src), rounds=list(site.rounds.values()), counts=counts,
                   **_common(site))
    return Page(src, text, "experiments/rondes.yml", in_nav=True)


def render_pages(site: Site) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    pages = [render_overview(site), render_map(site), render_matrix(site), render_rounds_index(site)]
    pages += [render_profile(site, e) for e in site.experiments]
    for facet in facets(site):
        for value in facet_values(site, facet):
            members = [e for e in site.experiments if value in facet.values(e)]
            pages.append(render_overview(site, members, facet, value))
    pages += [render_round(site, n) for n in site.rounds]
    return pages


# Snippets for hand-written pages (mkdocs-macros). They return Markdown whose links point at
# the generated pages' source names, so MkDocs checks and rewrites them like any other link.

def _link_from(page_src: str, target_src: str) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")


def render_municipality_list(site: Site, page_src: str) -> str:
    """A Markdown list: each municipality with an experiment, linking to its experiments."""
    lines = []
    for municipality in sorted(site.municipalities.values(), key=lambda m: m.name.lower()):
        count = len(site.experiments_in(municipality.id))
        if count:
            target = _link_from(page_src, f"experimenten/gemeente/{municipality.id}.md")
            lines.append(f"- [{md_escape(municipality.name)}]({target}) ({md_escape(municipality.province)})")
    return "\n".join(lines)


def render_round_list(site: Site, page_src: str) -> str:
    """A Markdown list of the rounds, linking to their pages."""
    return "\n".join(f"- [{r.label}: {md_escape(r.title)}]({_link_from(page_src, f'rondes/ronde-{r.number}.md')})"
                     for r in site.rounds.values())


def render_theme_list(site: Site) -> str:
    """A Markdown list of the research themes with their questions."""
    return "\n".join(f"- **{md_escape(t.title)}**: {md_escape(t.question)}" for t in site.themes.values())
