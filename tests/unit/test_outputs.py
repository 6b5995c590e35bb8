"""One site-wide check of published paths: no two sources claim one URL (also up to letter
case), no Windows-reserved names, no round numbers with leading zeros. `outputs.claims` lists
the paths without rendering; here it is held equal to what the build really writes. The check
runs at the top (`wiring/checks.py`, for `make check` and the build), not while loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from cases_content import EXPERIMENT, REPORT
from cases_problems import CLASHES, EXP, ROUND
from macros.base.problems import ContentError
from macros.content.site import load_site
from macros.pages.outputs import ENGINE, GENERATED, claims
from macros.wiring.checks import load_checked_site
from support import ROOT, build_in_process, snapshot


def problems_of(root: Path) -> list[str]:
    """The problem lines `make check` reports for a tree: content, then the site-wide path check."""
    try:
        load_checked_site(root, None)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("root, demo", [("demo", True), (".", False)])
def test_claims_are_what_the_build_writes(root: str, demo: bool) -> None:
    from macros.base.clock import build_time
    from macros.pages.output import render_site
    from macros.pages.render import Settings

    site = load_site(ROOT / root)
    pages, assets = render_site(site, Settings(site_url="https://example.org/", now=build_time(), demo=demo))
    generated = {p.src_uri for p in pages} | {a.uri for a in assets}
    claimed = {
        c.path for c in claims(site, demo) if c.source == GENERATED or not c.source.startswith(("docs/", ENGINE))
    }
    assert claimed == generated


@pytest.mark.parametrize("files, expected", CLASHES.values(), ids=CLASHES.keys())
def test_two_sources_never_share_an_address(tree, files, expected) -> None:
    assert problems_of(tree({EXP: EXPERIMENT, ROUND: REPORT, "docs/index.md": "# Home\n", **files})) == expected


def test_loading_alone_leaves_the_path_check_to_the_top(tree) -> None:
    """The content layer knows nothing of published paths: the clash is found by the check on top."""
    root = tree({EXP: EXPERIMENT, ROUND: REPORT, "docs/index.md": "# Home\n", "docs/team.md": "# Team\n"})
    assert [p.source for p in load_site(root).pages] == ["index.md", "team.md"]
    assert problems_of(root) == [
        "docs/team.md:1: bestandsnaam: geeft hetzelfde adres 'team/' als de generator "
        "(team.md); kies een andere naam of id"
    ]


def test_the_build_refuses_a_path_clash_in_its_one_content_error(built, capsys) -> None:  # noqa: F811
    config, site = built
    before = snapshot(site)
    (config.parent / "docs/team.md").write_text("# Team\n", encoding="utf-8")
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    assert (
        "docs/team.md:1: bestandsnaam: geeft hetzelfde adres 'team/' als de generator (team.md); "
        "kies een andere naam of id\n1 probleem gevonden in de inhoud; er is niets gepubliceerd."
    ) in output
    assert snapshot(site) == before


def test_news_posts_and_content_problems_come_in_one_error(built, capsys) -> None:  # noqa: F811
    """One list, one count, one exit: a bad news post and a bad experiment are reported together."""
    config, site = built
    (config.parent / "docs/actueel/posts").mkdir(parents=True, exist_ok=True)
    post = config.parent / "docs/actueel/posts/b.md"
    post.write_text("---\ndate: morgen\nslug: b\n---\n# B\n", encoding="utf-8")
    (config.parent / EXP).write_text(EXPERIMENT + "status: klaar\n", encoding="utf-8")  # a field given twice
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    problems = [line for line in output.splitlines() if line.startswith(("docs/", "experiments/"))]
    places = [line.split(": ")[0] for line in problems]
    assert places == ["docs/actueel/posts/b.md:2", f"{EXP}:{len(EXPERIMENT.splitlines()) + 1}"], output
    assert output.count("gevonden in de inhoud") == 1 and "2 problemen gevonden in de inhoud" in output
