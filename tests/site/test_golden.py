"""Golden Markdown: the generated Markdown of one demo page per page type, kept in tests/site/golden/.

A change to a template or a page function shows up here as a diff to review, page type by page
type. After an intended change, rewrite the files and commit them with it (their diff is the
review):

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py -p no:cacheprovider

The pages come from `render_site` (what the build hands to MkDocs), for the demo content, its
configuration (mkdocs.demo.yml), its default address and the tests' fixed build date.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from macros.content.site import load_site
from macros.pages.output import render_site
from macros.wiring.config import SiteConfig
from support import BUILD_EPOCH, ROOT

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# page type -> the demo page that shows it (the one with the most fields filled in)
PAGES = {
    "profile": "experimenten/wijkconcierges-demowijk/index.md",
    "experiments-overview": "experimenten/index.md",
    "facet-municipality": "experimenten/gemeente/proefhoven.md",
    "facet-domain": "experimenten/domein/zorg.md",
    "map": "experimenten/kaart.md",
    "matrix": "experimenten/matrix.md",
    "rounds-overview": "rondes/index.md",
    "round": "rondes/ronde-1.md",
    "lectures-overview": "colleges/index.md",
    "lecture": "colleges/demo-college-ronde-1.md",
    "publications-overview": "publicaties/index.md",
    "publications-by-type": "publicaties/type/rapport.md",
    "publication": "publicaties/voorbeeld-2025-werk-en-waarde.md",
    "team": "team.md",
    "open-data": "open-data.md",
    "maintenance-report": "onderhoud.md",
    "field-reference": "bijdragen/velden.md",
}


@pytest.fixture(scope="module")
def demo_markdown() -> dict[str, str]:
    """src_uri -> generated Markdown of every demo page, with the settings the build makes from the
    demo's configuration (its default addresses, whatever this shell sets) on the tests' build date."""
    with pytest.MonkeyPatch.context() as env:
        for name in ("DEMO_SITE_URL", "SITE_URL", "REPO_URL"):
            env.delenv(name, raising=False)
        env.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        settings = SiteConfig.load(ROOT / "mkdocs.demo.yml").settings(parallel=False)
    pages, _ = render_site(load_site(ROOT / "demo", base=ROOT), settings)
    return {page.src_uri: page.markdown for page in pages}


@pytest.mark.parametrize("kind", PAGES)
def test_generated_markdown_matches_the_golden_file(demo_markdown: dict[str, str], kind: str) -> None:
    actual = demo_markdown[PAGES[kind]]
    path = GOLDEN / f"{kind}.md"
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(True),
            actual.splitlines(True),
            f"tests/site/golden/{kind}.md",
            f"generated {PAGES[kind]}",
        )
    )
    assert actual == expected, f"{diff}\nIntended? Rewrite with UPDATE_GOLDEN=1 (see this module's docstring)."


def test_no_stale_golden_files() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.md")) == sorted(PAGES)
