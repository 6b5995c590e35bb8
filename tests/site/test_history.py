"""A dated history for readers (issue 23): each record's page says when what it says last changed,
from the git history of its source files, and lists its last changes in the words of the field
declarations; a commit that changes no field (a comment, whitespace, key order) is no change, on
the pages and in the feeds alike; without git history the date is "niet bekend".

The scenario is a scratch repository in tmp_path: a record committed, then a comment and
whitespace edit, then a field change, then a change of one section of a round report's body."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from cases_content import EXPERIMENT
from macros.base.history import BODY, DATA, file_histories, normal_text, parse_version, sections
from macros.content.history import site_history
from macros.content.site import load_site
from macros.pages.render import Settings, edit_words
from macros.wiring.config import history_base
from support import git, write_tree

UTC = dt.UTC
NOW = dt.datetime(2026, 1, 1, tzinfo=UTC)
HOST = "https://git.example.org/groep/site/commits/main/"

REPORT = """\
---
round: 1
status: gepubliceerd
methods: [interviews]
---
Wat we deden.

## Wat werkt & wat niet

Eerst dit.
"""

LECTURE = """\
---
title: College
round: 1
status: voorgenomen
start: nog niet bekend
---
Over het college.
"""

PUBLICATION = """\
type: rapport
title: Rapport
authors:
  - family: Voorbeeld
    given: A.
date: 2025
"""


def commit(root: Path, files: dict[str, str], when: str) -> None:
    write_tree(root, files, registries=False)
    git(root, "add", "-A")
    git(root, "commit", "-qm", when, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content tree with four commits: the records; a comment, whitespace and key order edit;
    a field change; a change of one section of the round report's body."""
    root = tmp_path / "repo"
    write_tree(root, {})  # the registries
    git(root, "init", "-q")
    commit(
        root,
        {
            "experiments/proef/experiment.yml": EXPERIMENT,
            "experiments/proef/ronde-1.md": REPORT,
            "lectures/college.md": LECTURE,
            "publications/rapport.yml": PUBLICATION,
        },
        "2025-01-10T12:00:00+00:00",
    )
    commit(
        root,
        {
            # a comment, blank lines, other quoting, another key order, trailing spaces
            "experiments/proef/experiment.yml": '# Bron: de gemeente\nstatus: "actueel"   \n\nmunicipality: delft\ntitle:   Proef\n',
            # the body's paragraph wrapped anew, blank lines added: it reads the same
            "experiments/proef/ronde-1.md": REPORT.replace("Wat we deden.", "Wat\nwe   deden.\n\n"),
        },
        "2025-02-10T12:00:00+00:00",
    )
    commit(
        root,
        {
            "experiments/proef/experiment.yml": "title: Proef\nmunicipality: delft\nstatus: in voorbereiding\nphase: lopend\n"
        },
        "2025-03-10T12:00:00+00:00",
    )
    commit(
        root,
        {"experiments/proef/ronde-1.md": REPORT.replace("Eerst dit.", "Nu dat.")},
        "2025-04-10T23:30:00+00:00",  # 11 april in the Netherlands
    )
    return root


def test_only_commits_that_change_a_field_count(repo: Path) -> None:
    files = file_histories(repo, ["experiments/proef/experiment.yml", "experiments/proef/ronde-1.md", "x.yml"], NOW)
    assert set(files) == {
        "experiments/proef/experiment.yml",
        "experiments/proef/ronde-1.md",
    }  # x.yml: git does not know it
    record = files["experiments/proef/experiment.yml"].changes
    assert [c.when.date() for c in record] == [dt.date(2025, 3, 10), dt.date(2025, 1, 10)]  # not 10 February
    assert record[0].added == ((DATA, "phase"),)
    assert record[0].changed == ((DATA, "status"),)
    assert record[1].created
    report = files["experiments/proef/ronde-1.md"].changes
    assert [c.when.date() for c in report] == [dt.date(2025, 4, 10), dt.date(2025, 1, 10)]
    assert report[0].changed == ((BODY, "Wat werkt & wat niet"),)
    assert files["experiments/proef/ronde-1.md"].last == dt.datetime(2025, 4, 10, 23, 30, tzinfo=UTC)


def test_a_build_dated_in_the_past_sees_the_history_as_it_was(repo: Path) -> None:
    files = file_histories(repo, ["experiments/proef/experiment.yml"], dt.datetime(2025, 3, 1, tzinfo=UTC))
    assert files["experiments/proef/experiment.yml"].last == dt.datetime(2025, 1, 10, 12, tzinfo=UTC)
    assert file_histories(repo, ["experiments/proef/experiment.yml"], dt.datetime(2024, 1, 1, tzinfo=UTC)) == {}


def test_a_record_says_what_changed_in_the_words_of_its_fields(repo: Path) -> None:
    site = load_site(repo)
    history = site_history(site, NOW)
    experiment = history.experiment(site.experiment("proef"))
    assert experiment.last == dt.datetime(2025, 4, 10, 23, 30, tzinfo=UTC)
    assert experiment.source == "experiments/proef" and experiment.folder
    assert [edit_words(e) for e in experiment.edits] == [
        "gewijzigd: bevindingen ronde 1 (paragraaf ‘Wat werkt & wat niet’)",
        "gewijzigd: stand van het profiel; toegevoegd: fase",
        "aangemaakt; toegevoegd: bevindingen ronde 1",  # one commit made the profile and its report
    ]
    round_ = history.round(1, site.experiments)
    assert round_.source == "experiments/rondes.yml" and not round_.folder
    assert [edit_words(e) for e in round_.edits] == [
        "gewijzigd: bevindingen van Proef (paragraaf ‘Wat werkt & wat niet’)",
        "aangemaakt; toegevoegd: bevindingen van Proef",  # the registry and the report in one commit
    ]
    assert round_.last == experiment.last
    lecture = history.lecture(site.lectures[0])
    assert [e.when.date() for e in lecture.edits] == [dt.date(2025, 1, 10)] and lecture.edits[0].created
    publication = history.publication(site.publications[0])
    assert publication.source == "publications/rapport.yml" and publication.last is not None


def test_another_rounds_entry_is_not_this_rounds_change(repo: Path) -> None:
    rounds = (repo / "experiments/rondes.yml").read_text(encoding="utf-8")
    commit(
        repo, {"experiments/rondes.yml": rounds.replace("title: Start", "title: De start")}, "2025-06-01T10:00:00+00:00"
    )
    commit(
        repo,
        {
            "experiments/rondes.yml": rounds.replace("title: Start", "title: De start").replace(
                "end: 2023-03", "end: 2023-04"
            )
        },
        "2025-07-01T10:00:00+00:00",
    )
    site = load_site(repo)
    history = site_history(site, NOW)
    zero = [(e.when.date(), edit_words(e)) for e in history.round(0, site.experiments).edits]
    assert zero == [(dt.date(2025, 6, 1), "gewijzigd: naam van de ronde"), (dt.date(2025, 1, 10), "aangemaakt")]
    one = [(e.when.date(), edit_words(e)) for e in history.round(1, site.experiments).edits]
    assert one[0] == (dt.date(2025, 7, 1), "gewijzigd: einde van de ronde")
    assert dt.date(2025, 6, 1) not in [when for when, _ in one]


def test_a_version_that_does_not_parse_is_a_change_of_the_whole_file(repo: Path) -> None:
    commit(repo, {"publications/rapport.yml": PUBLICATION + "title: [niet af\n"}, "2025-05-01T10:00:00+00:00")
    commit(repo, {"publications/rapport.yml": PUBLICATION}, "2025-06-01T10:00:00+00:00")
    site = load_site(repo)
    edits = site_history(site, NOW).publication(site.publications[0]).edits
    assert [edit_words(e) for e in edits[:2]] == [
        "het hele bestand publications/rapport.yml (een versie ervan was niet te lezen)"
    ] * 2


def test_feeds_use_the_same_history(repo: Path) -> None:
    from macros.formats.atom import last_changed, site_dates

    site = load_site(repo)
    when = site_dates(site, NOW)
    assert (
        when("experiments/proef/experiment.yml", dt.date(2030, 1, 1)) == "2025-03-10T12:00:00Z"
    )  # not the whitespace commit
    assert last_changed(repo, ["experiments/proef/experiment.yml"], NOW) == {
        "experiments/proef/experiment.yml": dt.datetime(2025, 3, 10, 12, tzinfo=UTC)
    }


def settings(**changes) -> Settings:
    return Settings(**{"site_url": "https://site.example.org/", "now": NOW, "history_url": HOST, **changes})


def test_the_pages_show_the_history(repo: Path) -> None:
    from macros.pages.experiment_pages import render_profile, render_round
    from macros.pages.lecture_pages import render_lecture
    from macros.pages.publication_pages import render_publication

    site = load_site(repo)
    profile = render_profile(site, site.experiment("proef"), settings()).markdown
    assert "## Wijzigingen {#wijzigingen}" in profile
    assert 'Laatst inhoudelijk gewijzigd op <time datetime="2025-04-11">11 april 2025</time>.' in profile
    assert (
        '<li><time datetime="2025-04-11">11 april 2025</time>: gewijzigd: bevindingen ronde 1 '
        "(paragraaf ‘Wat werkt &amp; wat niet’)</li>"
    ) in profile  # escaped
    assert (
        '<li><time datetime="2025-03-10">10 maart 2025</time>: gewijzigd: stand van het profiel; toegevoegd: fase</li>'
        in profile
    )
    assert f'<a href="{HOST}experiments/proef">Volledige geschiedenis van de bronbestanden</a>' in profile
    assert "(2025, 11 april)" in profile  # the APA reference: the last change, not the build date
    assert "De versie is de datum waarop de inhoud van deze pagina het laatst is gewijzigd." in profile
    round_page = render_round(site, 1, settings()).markdown
    assert f'<a href="{HOST}experiments/rondes.yml">Volledige geschiedenis van het bronbestand</a>' in round_page
    assert "11 april 2025</time>: gewijzigd: bevindingen van Proef" in round_page
    lecture = render_lecture(site, site.lectures[0], settings()).markdown
    assert 'Laatst inhoudelijk gewijzigd op <time datetime="2025-01-10">10 januari 2025</time>.' in lecture
    assert f'{HOST}lectures/college.md">Volledige geschiedenis van het bronbestand</a>' in lecture
    publication = render_publication(site, site.publications[0], "", settings()).markdown
    assert "10 januari 2025</time>: aangemaakt</li>" in publication
    # no repo_url: no link
    assert (
        "Volledige geschiedenis"
        not in render_profile(site, site.experiment("proef"), settings(history_url=None)).markdown
    )


def test_at_most_five_changes_are_listed(repo: Path) -> None:
    for day in range(1, 8):
        commit(
            repo,
            {"lectures/college.md": LECTURE.replace("Over het college.", f"Versie {day}.")},
            f"2025-08-0{day}T10:00:00+00:00",
        )
    from macros.pages.lecture_pages import render_lecture

    site = load_site(repo)
    page = render_lecture(site, site.lectures[0], settings()).markdown
    block = page[page.index("## Wijzigingen") :]
    assert block.count("<li>") == 5
    assert "7 augustus 2025</time>: gewijzigd: beschrijving</li>" in block


def test_without_git_the_date_is_not_known(repo: Path, tmp_path: Path) -> None:
    """An export or a tarball: no history, so no date, and never the build date in its place."""
    from macros.formats.atom import site_dates
    from macros.pages.experiment_pages import render_profile

    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    site = load_site(plain)
    assert site_history(site, NOW).files == {}
    page = render_profile(site, site.experiment("proef"), settings()).markdown
    block = page[page.index("## Wijzigingen") : page.index("## Volgen en citeren")]
    assert "<p>Laatst inhoudelijk gewijzigd: niet bekend.</p>" in block
    assert "<time" not in block and "1 januari 2026" not in block and "None" not in block
    assert "wanneer de inhoud het laatst is gewijzigd, is niet bekend" in page  # the APA version says why
    # a feed entry falls back to the record's own date
    assert site_dates(site, NOW)("experiments/proef/experiment.yml", dt.date(2024, 5, 1)) == "2024-05-01T00:00:00Z"


def test_whitespace_and_wrapping_read_the_same() -> None:
    assert normal_text("Een  zin\ndie doorloopt.  \n\n\n\nTweede.") == normal_text("Een zin die doorloopt.\n\nTweede.")
    assert normal_text("- een\n- twee") != normal_text("- een - twee")  # a list item is a line of its own
    assert normal_text("```\na  b\n```") != normal_text("```\na b\n```")  # code is kept as written
    assert normal_text("# Kop\ntekst") != normal_text("# Kop tekst")
    assert parse_version("---\ntitle: x\n", "a.md") is None  # a front matter that never closes
    assert parse_version("a: [\n", "a.yml") is None
    assert parse_version("b: 1\na: 2  # noot\n", "a.yml") == parse_version("a: '2'\nb: 1\n", "a.yml")
    assert sections("Intro.\n\n## A\n\nx\n\n## A\n\ny\n") == {"": "Intro.", "A": "## A\n\nx", "A (2)": "## A\n\ny"}


def test_history_link_from_repo_url_and_edit_uri() -> None:
    assert history_base("https://github.com/o/r", "edit/main/docs/", ".") == "https://github.com/o/r/commits/main/"
    assert history_base("https://github.com/o/r/", "edit/main/demo/docs/", "demo") == (
        "https://github.com/o/r/commits/main/demo/"
    )
    assert history_base("https://gitlab.com/o/r", "-/edit/dev/docs/", ".") == "https://gitlab.com/o/r/-/commits/dev/"
    assert history_base(None, "edit/main/docs/", ".") is None


PAGES = {
    "profile": "experimenten/wijkconcierges-demowijk/index.html",
    "round": "rondes/ronde-1/index.html",
    "lecture": "colleges/demo-college-ronde-1/index.html",
    "publication": "publicaties/voorbeeld-2025-werk-en-waarde/index.html",
}


@pytest.mark.parametrize("kind", PAGES)
def test_the_demo_build_shows_the_block_on_every_record_page(demo_site: Path, kind: str) -> None:
    html = (demo_site / PAGES[kind]).read_text(encoding="utf-8")
    assert re.search(r'<h2 id="wijzigingen">Wijzigingen', html), kind
    # the tests' build date (2026-06-01) is before the demo's first commit: the date is not known
    block = html[html.index('id="wijzigingen"') :]
    assert "Laatst inhoudelijk gewijzigd" in block
    assert "Volledige geschiedenis van" in block
