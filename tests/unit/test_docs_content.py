"""Hand-written pages and news posts (`docs/`) are content: every rule that holds for
experiments, lectures and publications holds for them, in `make check` and in the build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cases_content import EXPERIMENT, REPORT
from cases_problems import BAD_DOCS, EXP, POST, ROUND
from support import ROOT, build_in_process, run_macros, snapshot, write_tree

# Every case above runs through `make check` (below); one page and one post also through a full build.
FULL_BUILD = {
    name: BAD_DOCS[name]
    for name in ("page: jinja expression", "post: raw script", "page: MultiMarkdown meta instead of front matter")
}


@pytest.mark.parametrize("files, expected", FULL_BUILD.values(), ids=FULL_BUILD.keys())
def test_bad_docs_fail_the_build_and_keep_the_previous_site(built, capsys, files, expected) -> None:  # noqa: F811
    config, site = built
    root = config.parent
    before_site = snapshot(site)
    write_tree(root, files, registries=False)
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith("docs/")] == expected
    assert "Traceback" not in output
    assert snapshot(site) == before_site


def check(root: Path) -> subprocess.CompletedProcess:
    return run_macros("check", cwd=root, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("files, expected", BAD_DOCS.values(), ids=BAD_DOCS.keys())
def test_make_check_reads_pages_and_posts(tmp_path: Path, files, expected) -> None:
    write_tree(tmp_path, {"docs/index.md": "# Test\n", EXP: EXPERIMENT, ROUND: REPORT, **files})
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == expected


@pytest.mark.parametrize("name", ["x.js", "pagina.html", "logo.svg", "stijl.css"])
def test_only_markdown_images_and_pdfs_sit_in_docs(tmp_path: Path, name: str) -> None:
    write_tree(tmp_path, {"docs/index.md": "# Test\n", f"docs/{name}": "alert(1)\n", EXP: EXPERIMENT, ROUND: REPORT})
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"docs/{name}:1: -: alleen Markdown (.md), afbeeldingen")


def test_building_blocks_and_code_are_fine(tmp_path: Path) -> None:
    """Blocks on their own line, template syntax in code, and the post excerpt marker pass."""
    write_tree(
        tmp_path,
        {
            "docs/index.md": "# Test\n\n{{ round_list() }}\n\n{{ latest_news(2) }}\n\nSchrijf `{{ round_list() }}`.\n\n"
            "```\n{% include 'x' %}\n```\n",
            "docs/actueel/posts/b.md": "---\ndate: 2025-10-06\nslug: b\n---\n# B\n\nKort.\n\n<!-- more -->\n\nLang.\n",
            EXP: EXPERIMENT,
            ROUND: REPORT,
        },
    )
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr


def test_an_image_name_in_docs_is_scanned_for_personal_data(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"docs/index.md": "# Test\n", "docs/pasfoto-111222333.png": b"\x89PNG\r\n", EXP: EXPERIMENT, ROUND: REPORT},
    )
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("docs/pasfoto-111222333.png:1: bestandsnaam: ")


def test_every_allowed_building_block_is_made_and_only_block_lines_change() -> None:
    """The names the check allows (content layer) are exactly the blocks the build makes (pages
    layer); each expands to its own Markdown, and a line that is not a known block stays as written."""
    from macros.base.clock import build_time
    from macros.content.handwritten import BLOCKS
    from macros.content.site import load_site
    from macros.pages.blocks import RENDERERS, expand_blocks
    from macros.pages.render import Settings

    assert list(RENDERERS) == list(BLOCKS)
    site = load_site(ROOT / "demo")
    settings = Settings(site_url="https://example.org/", now=build_time())
    for name, block in BLOCKS.items():
        call = f"{{{{ {name}({'2' if block.takes_count else ''}) }}}}"
        expanded = expand_blocks(f"# Kop\n\n{call}\n\nSchrijf `{call}`.", site, "index.md", settings)
        head, _, rest = expanded.partition("\n\n")
        body, _, tail = rest.rpartition("\n\n")
        assert head == "# Kop" and tail == f"Schrijf `{call}`." and body.strip() and "{{" not in body, name
    assert (
        expand_blocks("{{ secrets() }}\n{{round_list()}} tekst", site, "index.md", settings)
        == "{{ secrets() }}\n{{round_list()}} tekst"
    )


def test_news_post_fields_the_blog_would_refuse_are_checked_or_built(built, capsys) -> None:  # noqa: F811
    """A quoted date, a numeric slug, authors as text: Material's blog refuses each (with a traceback);
    the check reads them with its own kinds and the export hands the blog a date and a text slug."""
    config, site = built
    write_tree(
        config.parent,
        {
            "docs/actueel/index.md": "# Actueel\n",
            POST: '---\ndate: "2025-10-06"\nslug: 2025\nauthors: Redactie\n---\n# Bericht\n\nTekst.\n',
        },
        registries=False,
    )
    code, output = build_in_process(config, site, capsys)
    assert "Traceback" not in output
    assert code == 0, output
    assert (site / "actueel/2025/index.html").is_file()
