"""Layer (b): renderers on small fixtures, without MkDocs."""

from __future__ import annotations

import markdown
import pytest

from cases_content import EXPERIMENT, REPORT
from macros.base.markup import md_escape, render_markdown
from macros.content.site import load_site
from macros.pages.experiment_pages import render_experiment_pages, render_profile
from macros.pages.render import relative, url_of


@pytest.mark.parametrize(
    "src, url",
    [
        ("index.md", ""),
        ("experimenten/index.md", "experimenten/"),
        ("experimenten/kaart.md", "experimenten/kaart/"),
        ("experimenten/delft/index.md", "experimenten/delft/"),
    ],
)
def test_url_of(src: str, url: str) -> None:
    assert url_of(src) == url


@pytest.mark.parametrize(
    "start, target, link",
    [
        ("experimenten/", "experimenten/delft/", "delft/"),
        ("experimenten/delft/", "experimenten/", "../"),
        ("experimenten/delft/", "experimenten/delft/#ronde-1", "./#ronde-1"),
        ("experimenten/gemeente/delft/", "rondes/ronde-1/", "../../../rondes/ronde-1/"),
    ],
)
def test_relative_links(start: str, target: str, link: str) -> None:
    assert relative(start, target) == link


@pytest.mark.parametrize(
    "text",
    [
        "*a* _b_ [c](javascript:x) <script>",
        "# kop",
        "1. lijst",
        "`code` | pipe",
        "&amp; \\ {#id}",
        "- item",
        "![img](x.png)",
    ],
)
def test_md_escape_round_trips_as_plain_text(text: str) -> None:
    html = markdown.markdown(md_escape(text), extensions=["attr_list", "tables"])
    assert html.startswith("<p>") and html.endswith("</p>")
    import html as h

    assert h.unescape(html[3:-4]) == text


def test_render_markdown_sanitises_and_shifts_headings() -> None:
    html = str(
        render_markdown(
            "## Kop\n\n### Sub\n\n<script>x</script> [a](javascript:b) [c](https://c.example.org/)\n", heading_base=4
        )
    )
    assert "<h4>Kop</h4>" in html and "<h5>Sub</h5>" in html
    assert "<script" not in html and "javascript:" not in html
    assert '<a href="https://c.example.org/" rel="noopener">c</a>' in html


def test_profile_page_of_a_fixture(tree) -> None:
    root = tree({"experiments/x/experiment.yml": EXPERIMENT, "experiments/x/ronde-1.md": REPORT})
    site = load_site(root)
    page = render_profile(site, site.experiments[0])
    assert page.src_uri == "experimenten/x/index.md"
    assert page.source == "experiments/x/experiment.yml"
    assert page.markdown.startswith('---\ntitle: "Proef"\n')
    assert "### Ronde 1: Eerste ronde {#ronde-1}" in page.markdown
    assert '<span class="ww-parel">kernexperiment in deze ronde</span>' in page.markdown
    assert "Over ronde 0 staan hier geen bevindingen van dit experiment." in page.markdown
    assert "### Ronde 0" not in page.markdown  # no section without findings


def test_generated_pages_are_stable_and_unique(tree) -> None:
    root = tree(
        {
            "experiments/x/experiment.yml": EXPERIMENT,
            "experiments/x/ronde-1.md": REPORT,
            "experiments/y/experiment.yml": "municipality: eindhoven\nstatus: in voorbereiding\n",
        }
    )
    first = render_experiment_pages(load_site(root))
    second = render_experiment_pages(load_site(root))
    assert first == second
    uris = [p.src_uri for p in first]
    assert len(uris) == len(set(uris))
    assert "experimenten/gemeente/eindhoven.md" in uris and "experimenten/parel/ja.md" in uris
    assert "experimenten/ronde/0.md" not in uris  # no experiment has findings in round 0


@pytest.mark.parametrize(
    "text",
    [
        "[a](https://example.org/) en [![b](c.png)](https://example.org/d) `[code` en [open",
        "[" * 80 + "x" + "]" * 80,
        "tekst [zonder eind " * 40,
        "```\n" + "[" * 70 + "\n```\nna [link](https://example.org/)",
    ],
)
def test_brackets_that_cannot_open_a_link_render_the_same_escaped(text) -> None:
    """defuse_brackets keeps rendering linear without changing what a reader sees."""
    from macros.base.markup import _Renderer, defuse_brackets

    plain = _Renderer()
    plain.md.reset()
    expected = plain.md.convert(text)
    assert plain.md.reset().convert(defuse_brackets(text)) == expected
