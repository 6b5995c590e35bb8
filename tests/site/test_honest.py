"""An honest site: statements traceable to a source, the tense the build date asks for, one
empty state per page instead of repeated placeholders, no control that offers nothing, and a
launch check that names every placeholder still in place."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.content.project import Project, Source, period_sentences, plan_sentence
from macros.content.site import load_site
from support import BUILD_EPOCH, ENV, ROOT, run_macros

# --- every page of the real build ---------------------------------------------------------------


class _Page(HTMLParser):
    """The article's text split in blocks, and the options of each <select>."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dd", "dt", "td", "th", "div", "section"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.blocks: list[str] = [""]
        self.selects: list[list[str]] = []
        self.in_option = False
        self.tables = 0  # table cells are data, not sentences

    def handle_starttag(self, tag, attrs) -> None:
        self.tables += tag == "table"
        if tag == "article":
            self.depth += 1
        if self.depth and tag in self.BLOCKS:
            self.blocks.append("")
        if tag == "select":
            self.selects.append([])
        if tag == "option":
            self.in_option = True
            self.selects[-1].append("")

    def handle_endtag(self, tag) -> None:
        self.tables -= tag == "table"
        if tag == "article":
            self.depth -= 1
        if tag == "option":
            self.in_option = False

    def handle_data(self, data) -> None:
        if self.in_option:
            self.selects[-1][-1] += data.strip()
        if self.depth and not self.tables:
            self.blocks[-1] += data


def _read(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def sentences(page: _Page) -> list[str]:
    out = []
    for block in page.blocks:
        flat = " ".join(block.replace("¶", "").split())
        out += [s for s in re.split(r"(?<=[.!?])\s+", flat) if len(s.split()) >= 3]
    return out


def real_pages(real_site: Path) -> list[Path]:
    return sorted(p for p in real_site.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))


def test_no_sentence_is_repeated_more_than_twice_on_a_page(real_site: Path) -> None:
    repeated = {}
    for path in real_pages(real_site):
        counts = Counter(sentences(_read(path)))
        many = {s: n for s, n in counts.items() if n > 2}
        if many:
            repeated[path.relative_to(real_site).as_posix()] = many
    assert repeated == {}


def test_no_control_offers_a_single_option(real_site: Path) -> None:
    single = {
        path.relative_to(real_site).as_posix(): options
        for path in real_pages(real_site)
        for options in _read(path).selects
        if len(options) < 2
    }
    assert single == {}


def test_unknown_is_never_shown_as_none_or_not_yet(real_site: Path) -> None:
    """'nog geen' / 'er zijn geen' turn 'not known to this site' into 'does not exist'."""
    said = {
        path.relative_to(real_site).as_posix(): s
        for path in real_pages(real_site)
        for s in sentences(_read(path))
        if re.search(r"\b(nog geen|er zijn (nog )?geen|\(nog\) geen)\b", s, re.I)
    }
    assert said == {}


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def test_counts_are_profiles_beside_the_sources_count(real_site: Path) -> None:
    """The overview counts the profiles it has, in their municipalities, beside what the source counted."""
    site = load_site(ROOT)
    text = " ".join(sentences(_read(real_site / "experimenten/index.html")))
    places = len({e.municipality for e in site.experiments})
    assert (
        f"Deze site heeft {_n(len(site.experiments), 'profiel', 'profielen')} van experimenten, "
        f"in {_n(places, 'gemeente', 'gemeenten')}."
    ) in text
    if site.project and site.project.experiments is not None:
        assert f"noemt {_n(site.project.experiments, 'experiment', 'experimenten')}" in text
    assert f"Alle {len(site.experiments)} experimenten" not in text


# --- tense follows the build date ---------------------------------------------------------------

PLANNED = Project(
    source=Source("Projectbeschrijving", "https://example.org/project", dt.date(2022, 5, 11)),
    start_year=2022,
    end_year=2024,
    rounds=3,
)


@pytest.mark.parametrize(
    "today, expected",
    [
        (dt.date(2021, 6, 1), "De projectbeschrijving van 11 mei 2022 plant het project voor 2022 tot en met 2024."),
        (dt.date(2023, 6, 1), "plant het project voor 2022 tot en met 2024; deze site volgt het in die periode."),
        (dt.date(2024, 12, 31), "plant het project voor 2022 tot en met 2024; deze site volgt het in die periode."),
        (dt.date(2026, 11, 28), "plande het project voor 2022 tot en met 2024. Die periode is voorbij"),
    ],
)
def test_the_period_is_told_in_the_tense_of_the_build_date(today, expected) -> None:
    assert expected in period_sentences(PLANNED, today)[0]
    assert plan_sentence(PLANNED, today).startswith(
        "De projectbeschrijving plande" if today.year > 2024 else "De projectbeschrijving plant"
    )


def test_without_a_project_record_the_period_is_unknown() -> None:
    assert period_sentences(None, dt.date(2026, 1, 1)) == ["De looptijd van het project is op deze site niet bekend."]


def test_the_real_home_page_tells_the_period_in_the_tense_of_the_build_date(real_site: Path) -> None:
    # The shared build date is builders.BUILD_EPOCH (2026-06-01).
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), tz=dt.UTC).date()
    text = " ".join(sentences(_read(real_site / "index.html")))
    assert " ".join(period_sentences(load_site(ROOT).project, today)) in text
    assert "zijn zeven experimenten gestart" not in text


# --- every project statement on a hand-written page has a source --------------------------------

TERMS = re.compile(
    r"\b(project\w*|Start Foundation|Hogeschool|experiment\w*|ronde\w*|college\w*|publicatie\w*|"
    r"lectora\w*|consortium|gemeente\w*|onderzoek\w*|parel\w*|lerende evaluatie)\b",
    re.I,
)
ATTRIBUTION = re.compile(r"projectbeschrijving|volgens de|\]\(https?://", re.I)
# Reviewed: sentences that mention the project's words but state how the site works, not a fact
# about the project. A new sentence about the project needs a source, or a review and a line here.
REVIEWED = {
    "docs/actueel/index.md": ["Onderzoeksupdates en hoogtepunten van de lerende evaluatie."],
    "docs/index.md": ["Bekijk [de profielen]"],
    "docs/bijdragen/index.md": [
        "Wie een bevinding, college of publicatie wil toevoegen",
        "| Wat | Bestand |",
        "Het id is ook het webadres",
        "Moet het toch, zet het oude id",
        "Open het bestand op GitHub",
        "Kopieer voor een nieuw bestand het sjabloon",
        "Zet een rondeverslag pas op",
        "Personen staan alleen op de site in hun openbare rol",
    ],
    "docs/privacy.md": [
        "Uw browser maakt pas verbinding",
        "- **Geen gegevens van deelnemers.**",
        "De site bevat geen gegevens over individuele",
        "Personen worden alleen genoemd in hun openbare rol",
    ],
    "docs/toegankelijkheid.md": [
        "- Tekst en achtergrond hebben voldoende contrast",
        "- Tabellen hebben een bijschrift",
    ],
}


def unsourced_statements(docs: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(docs.rglob("*.md")):
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        sourced = False
        for para in re.split(r"\n\s*\n", text):
            if para.lstrip().startswith(("#", "{{", "```")):
                continue
            # A list continues the paragraph that introduces it ("… een consortium van:").
            sourced = (sourced and para.lstrip().startswith("- ")) or bool(ATTRIBUTION.search(para))
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z*|\[-])", " ".join(para.split())):
                if TERMS.search(sentence) and not sourced:
                    found.setdefault(f"docs/{path.relative_to(docs).as_posix()}", []).append(sentence)
    return found


def test_every_project_statement_on_a_real_page_has_a_source() -> None:
    found = unsourced_statements(ROOT / "docs")
    unreviewed = {
        page: [s for s in items if not any(s.startswith(r) for r in REVIEWED.get(page, ()))]
        for page, items in found.items()
    }
    assert {page: items for page, items in unreviewed.items() if items} == {}


def test_the_claims_test_finds_an_unsourced_statement(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("# X\n\nHet project heeft veertig deelnemers.\n", encoding="utf-8")
    assert unsourced_statements(tmp_path) == {"docs/x.md": ["Het project heeft veertig deelnemers."]}


# --- launch readiness -----------------------------------------------------------------------------


def launch(root: Path, env: dict) -> subprocess.CompletedProcess:
    return run_macros("check", "--launch", cwd=root, env=env)


def test_launch_check_lists_every_placeholder() -> None:
    result = launch(ROOT, {k: v for k, v in ENV.items() if k not in ("SITE_URL", "REPO_URL")})
    assert result.returncode == 1
    fields = [line.split(": ")[1] for line in result.stderr.splitlines()[:-1]]
    assert fields == [
        "site_url",
        "repo_url",
        "extra.site.publisher",
        "extra.site.contact_email",
        "extra.site.controller",
        "extra.site.host",
        "extra.data_license_confirmed",
        "@waardevol-werk/beheer is een voorbeeldteam; vervang het door het team van de echte beheerders",
    ]


def test_launch_check_names_a_wrong_configuration_value_without_a_traceback(tmp_path: Path) -> None:
    """The launch check reads mkdocs.yml as the build does (config.py): a value of the wrong kind is
    a line that names it, never a traceback; a number where an address belongs is just not one."""
    result = launch(ROOT, {**ENV, "REPO_URL": "123"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml: repo_url: '123' is een voorbeeldadres" in result.stderr
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for text, message in (
        ("INHERIT: mkdocs.yml\nextra: [1]\n", "extra: moet een mapping zijn"),
        ("INHERIT: mkdocs.yml\nsite_url: [a, b]\n", "site_url: moet tekst zijn"),
        ("INHERIT: ontbreekt.yml\n", "ontbreekt.yml: kan niet gelezen worden"),
    ):
        (tmp_path / "fout.yml").write_text(text, encoding="utf-8")
        result = run_macros("check", "--launch", "-f", str(tmp_path / "fout.yml"), cwd=ROOT, env=ENV)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert message in result.stderr, result.stderr


def test_launch_check_passes_when_everything_is_filled_in(tmp_path: Path) -> None:
    for name in ("experiments", "lectures", "publications", "docs", "macros"):
        shutil.copytree(ROOT / name, tmp_path / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".github").mkdir()
    shutil.copytree(ROOT / ".github/workflows", tmp_path / ".github/workflows")
    (tmp_path / ".github/CODEOWNERS").write_text("* @lectoraat/webteam\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    filled = {
        "publisher:": "publisher: Lectoraat Inclusieve Arbeid",
        "contact_email:": "contact_email: site@hr.nl",
        "controller:": "controller: Hogeschool Rotterdam",
        "host:": "host: GitHub Pages",
        "data_license_confirmed: false": "data_license_confirmed: true",
    }
    for key, value in filled.items():
        config = re.sub(rf"(?m)^(\s+){re.escape(key)}.*$", lambda m, value=value: m.group(1) + value, config, count=1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **ENV,
        "SITE_URL": "https://waardevol-werk.nl/",
        "REPO_URL": "https://github.com/hr/waardevol-werk",
        "TMPDIR": str(temp),
    }
    result = launch(tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "klaar voor de lancering" in result.stdout
    assert list(temp.iterdir()) == []  # no temporary folder left behind (loading MkDocs' plugins left one)
    assert os.environ.get("SITE_URL") != "https://waardevol-werk.nl/"  # nothing leaked into this process
    for safeguard in (".github/CODEOWNERS", ".github/workflows/check.yml"):  # removed (or moved away)
        moved = tmp_path / "experiments" / Path(safeguard).name
        (tmp_path / safeguard).rename(moved)
        result = launch(tmp_path, env)
        assert result.returncode == 1
        assert f"{safeguard}: ontbreekt;" in result.stderr
        moved.rename(tmp_path / safeguard)


# --- descriptions say only what their page has (issue 22) ----------------------------------------


def _description(page: Path) -> str:
    import html as html_module

    match = re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8"))
    assert match, page
    return html_module.unescape(match.group(1))


@pytest.mark.parametrize("which", ["real_site", "demo_site"])
def test_descriptions_promise_only_what_the_page_has(which: str, request) -> None:
    site: Path = request.getfixturevalue(which)
    overview = (site / "experimenten/index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<label for="ww-filter-[^"]+">([^<]+)</label>', overview)
    said = _description(site / "experimenten/index.html")
    for facet in ("gemeente", "domein", "werkvorm", "ronde", "parel"):
        assert (facet in said.split("te filteren op")[-1]) == (facet in [label.lower() for label in labels]), said
    lectures = (site / "colleges/index.html").read_text(encoding="utf-8")
    said = _description(site / "colleges/index.html")
    assert ("komende colleges" in said) == ('id="komend"' in lectures), said
    assert ("afgelopen colleges" in said) == ('id="afgelopen"' in lectures), said
    matrix = (site / "experimenten/matrix/index.html").read_text(encoding="utf-8")
    assert ("Welke bevindingen" in _description(site / "experimenten/matrix/index.html")) == ("ww-matrix" in matrix)
    publications = (site / "publicaties/index.html").read_text(encoding="utf-8")
    assert ("met citaties" in _description(site / "publicaties/index.html")) == (
        "Op deze site staan geen" not in publications
    )
    data = (site / "open-data/index.html").read_text(encoding="utf-8")
    assert ("licentie." in _description(site / "open-data/index.html")) == ("mogen worden hergebruikt onder" in data)
    assert "De mensen van de lerende evaluatie" not in _description(site / "team/index.html")


def test_the_plan_is_told_as_the_plan_with_its_source(real_site: Path) -> None:
    """The round texts and the intended lectures come from the 2022 project description: every page
    and the open data that carry them say so (issue 22)."""
    site = load_site(ROOT)
    assert site.project is not None
    for number, round_ in site.rounds.items():
        page = (real_site / f"rondes/ronde-{number}/index.html").read_text(encoding="utf-8")
        if round_.summary or round_.reflection or round_.lecture:
            assert "het plan volgens de <a href=" in page and site.project.source.url in page, number
    for lecture in site.lectures:
        page = (real_site / f"colleges/{lecture.id}/index.html").read_text(encoding="utf-8")
        assert ("Dit college is voorgenomen: volgens de <a href=" in page) == lecture.is_intended, lecture.id
    package = (real_site / "data/datapackage.json").read_text(encoding="utf-8")
    assert "het plan volgens de bron: Projectbeschrijving" in package


def test_a_contact_and_press_route_on_every_page(real_site: Path, demo_site: Path) -> None:
    """Issue 22: every page's footer leads to 'Contact en pers', which gives the configured route (the
    demo's) or says it is missing (the real site, where `check --launch` fails for it)."""
    for site in (real_site, demo_site):
        for page in ("index.html", "experimenten/index.html", "404.html"):
            assert 'contact/">Contact en pers</a>' in (site / page).read_text(encoding="utf-8"), (site, page)
    demo = (demo_site / "contact/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:contact@example.org"' in demo and 'id="pers"' in demo
    real = (real_site / "contact/index.html").read_text(encoding="utf-8")
    assert "Een contactadres is nog niet ingevuld." in real


# --- every channel: descriptions, data titles, feed titles (issue 22) -------------------------------

# The fixed text of the generator's own channels that names the project's words but says what a page
# or file is, not a fact about the project; reviewed, word for word. Any other needs an attribution.
REVIEWED_CHANNELS = frozenset(
    {
        "Openbaar college van ",
        " van de lerende evaluatie naar maatschappelijk waardevol werk.",
        " van de lerende evaluatie naar maatschappelijk waardevol werk: ",
        "De openbare colleges van de lerende evaluatie",
        "; op deze site staan geen colleges.",
        "De gemeenten met experimenten met maatschappelijk waardevol werk op een kaart van Nederland.",
        "Welke bevindingen per experiment en per ronde iets zeggen over de onderzoeksthema's van de lerende evaluatie.",
        "De onderzoeksthema's van de lerende evaluatie; op deze site staan geen bevindingen om erbij te ordenen.",
        "Experimenten met maatschappelijk waardevol werk, gefilterd op ",
        "De profielen van de experimenten met maatschappelijk waardevol werk in de lerende evaluatie",
        "), een experiment met maatschappelijk waardevol werk.",
        "Publicaties van de lerende evaluatie, gefilterd op ",
        "Publicaties van de lerende evaluatie naar maatschappelijk waardevol werk, met citaties en downloads in "
        "BibTeX, biblatex, RIS en CSL-JSON.",
        "Publicaties van de lerende evaluatie naar maatschappelijk waardevol werk; op deze site staan er geen.",
        "De gepubliceerde bevindingen per experiment en ronde (als tekst)",
        "De openbare colleges",
        "De publicaties",
        # mkdocs.yml's site_description: who carries out the evaluation and who funds the experiments,
        # as the seed (the project description) and shared/reference/domain-facts.md state it.
        "Lerende evaluatie van gemeentelijke experimenten met maatschappelijk waardevol werk, door Hogeschool "
        "Rotterdam en Hogeschool Utrecht, met steun van Start Foundation.",
    }
)


def channel_sentences() -> list[str]:
    """The fixed text of every description a template writes, of the open-data titles and of the
    site's own description (content values are not in it: they are checked where they are written)."""
    import yaml

    from macros.pages.opendata import datasets

    texts = []
    for template in sorted((ROOT / "macros/templates").glob("*.md.j2")):
        for expression in re.findall(r'"description": (.*?), "render_macros"', template.read_text(encoding="utf-8")):
            texts += re.findall(r'"([^"{}]+)"', expression)
    texts += [description for description, _ in datasets(load_site(ROOT)).values()]
    config = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "x", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    texts.append(" ".join(config["site_description"].split()))
    return [t for t in texts if TERMS.search(t)]


def test_every_channel_sentence_about_the_project_has_a_source() -> None:
    unreviewed = [t for t in channel_sentences() if not ATTRIBUTION.search(t) and t not in REVIEWED_CHANNELS]
    assert unreviewed == []
    assert any("projectbeschrijving" in t for t in channel_sentences())  # the attributed ones are read too
