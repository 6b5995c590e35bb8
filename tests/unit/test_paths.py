"""The path module (`macros/content/paths.py`): one URL scheme, the names it reserves, and the
links templates make with `href`."""

from __future__ import annotations

import re

import pytest

from cases_content import EXPERIMENT
from cases_problems import BASE, PUB
from macros.content import paths
from macros.content.site import load_site
from macros.pages.outputs import GENERATED, claims
from macros.pages.render import href
from support import ROOT, problems_of


@pytest.mark.parametrize("slug", sorted(paths.RESERVED_SLUGS))
def test_an_experiment_folder_with_a_reserved_name_is_refused(tree, slug) -> None:
    root = tree({f"experiments/{slug}/experiment.yml": EXPERIMENT, "experiments/x/experiment.yml": EXPERIMENT})
    assert problems_of(root) == [
        f"experiments/{slug}:1: map: de naam '{slug}' is gereserveerd voor een pagina van "
        "de site; kies een andere mapnaam"
    ]


@pytest.mark.parametrize("ident", sorted(paths.RESERVED_PUBLICATION_IDS))
def test_a_publication_with_a_reserved_id_or_alias_is_refused(tree, ident) -> None:
    root = tree(
        {
            "experiments/x/experiment.yml": EXPERIMENT,
            f"publications/{ident}.yml": BASE,
            PUB: BASE + f"aliases: [{ident}x, {ident}]\n",
        }
    )
    message = f"id '{ident}' is gereserveerd voor een pagina van de site; kies een ander id"
    assert sorted(problems_of(root)) == sorted(
        [f"{PUB}:1: aliases: {message}", f"publications/{ident}.yml:1: bestandsnaam: {message}"]
    )


def test_the_reserved_names_are_the_fixed_paths_first_parts() -> None:
    # Every filter of the overview reserves its key, `parel` included (it once listed `parels`,
    # which no page uses, and missed nothing else only by care).
    assert {"index", "kaart", "matrix", "gemeente", "domein", "werkvorm", "ronde", "parel"} == paths.RESERVED_SLUGS
    assert {"index", "feed", "publicaties", "type", "thema"} == paths.RESERVED_PUBLICATION_IDS
    for path in paths.fixed_paths():
        folder, _, rest = path.partition("/")
        if folder == "experimenten":
            assert rest.split("/")[0].split(".")[0] in paths.RESERVED_SLUGS, path
        if folder == "publicaties":
            assert rest.split("/")[0].split(".")[0] in paths.RESERVED_PUBLICATION_IDS, path


@pytest.mark.parametrize("root", ["demo", "."])
def test_every_generated_path_under_a_record_folder_is_reserved(root) -> None:
    """What the generator itself writes under experimenten/ and publicaties/ (not only the
    fixed paths: every facet value page too) uses a reserved first part, so no record takes it."""
    site = load_site(ROOT / root)
    reserved = {"experimenten": paths.RESERVED_SLUGS, "publicaties": paths.RESERVED_PUBLICATION_IDS}
    generated = [c.path for c in claims(site) if c.source == GENERATED]
    checked = 0
    for path in generated:
        folder, _, rest = path.partition("/")
        if folder in reserved:
            assert rest.split("/")[0].split(".")[0] in reserved[folder], path
            checked += 1
    assert checked > 10


def test_the_pages_use_the_path_modules_filters_and_downloads() -> None:
    from macros.pages.facets import facets, publication_facets
    from macros.pages.publication_pages import DOWNLOADS

    site = load_site(ROOT / "demo")
    assert tuple(f.key for f in facets(site)) == paths.EXPERIMENT_FACETS
    assert tuple(key for key, _, _ in publication_facets(site)) == paths.PUBLICATION_FACETS
    assert tuple(ext for ext, _, _ in DOWNLOADS) == paths.DOWNLOAD_EXTENSIONS


def test_href_gives_each_model_its_page() -> None:
    site = load_site(ROOT / "demo")
    experiment = next(e for e in site.experiments if e.published_reports)
    report = experiment.published_reports[0]
    lecture, publication = site.lectures[0], site.publications[0]
    person, municipality = next(iter(site.people.values())), site.municipality_of(experiment)
    theme, round_ = next(iter(site.themes.values())), site.rounds[report.round]
    assert href(experiment) == f"experimenten/{experiment.slug}/"
    assert href(report) == f"experimenten/{experiment.slug}/#ronde-{report.round}"
    assert href(round_) == f"rondes/ronde-{round_.number}/"
    assert href(lecture) == f"colleges/{lecture.id}/"
    assert href(publication) == f"publicaties/{publication.id}/"
    assert href(person) == f"team/#{person.id}"
    assert href(municipality) == f"experimenten/gemeente/{municipality.id}/"
    assert href(theme) == f"publicaties/thema/{theme.id}/"
    assert href(paths.MAP) == "experimenten/kaart/"
    assert href(paths.CALENDAR) == "colleges/colleges.ics"
    assert paths.facet_url(paths.ROUND_FACET, "2") == "rondes/ronde-2/"
    with pytest.raises(TypeError, match="no public path for int"):
        href(3)


def test_href_in_a_template_is_relative_to_the_page() -> None:
    from macros.pages.render import _environment

    site = load_site(ROOT / "demo")
    template = _environment().from_string("{{ href(e) }} {{ href(paths.CALENDAR) }} {{ href(paths.EXPERIMENTS) }}")
    e = site.experiments[0]
    assert template.render(page_url="publicaties/x/", e=e) == (
        f"../../experimenten/{e.slug}/ ../../colleges/colleges.ics ../../experimenten/"
    )


TOP_FOLDER = re.compile(r"""['"](experimenten|rondes|colleges|publicaties|team|data|actueel|onderhoud|open-data)/""")


@pytest.mark.parametrize("template", sorted((ROOT / "macros" / "templates").glob("*.j2")), ids=lambda p: p.name)
def test_templates_build_no_paths(template) -> None:
    """Links in templates come from href and the path module, never from strings put together."""
    text = template.read_text(encoding="utf-8")
    assert not TOP_FOLDER.search(text), TOP_FOLDER.search(text)
    assert "url(" not in text.replace("_url(", "")


def test_an_edit_link_is_a_path_whatever_the_file_name() -> None:
    """A docs file named like a URL scheme (`javascript:alert(1).md`) gets an edit link into the
    repository, never a `javascript:` address (the edit button, the serve error page)."""
    from macros.wiring.export import edit_links

    edit_url = edit_links("https://example.org/repo/", "edit/main/docs/", ROOT, ROOT / "docs")
    assert edit_url("docs/over.md") == "https://example.org/repo/edit/main/docs/over.md"
    hostile = edit_url("docs/javascript:alert(1).md")
    assert hostile == "https://example.org/repo/edit/main/docs/javascript%3Aalert%281%29.md"
    assert (
        edit_url("experiments/delft/experiment.yml")
        == "https://example.org/repo/edit/main/experiments/delft/experiment.yml"
    )
