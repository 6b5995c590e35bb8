"""Start tags as a browser's tokenizer reads them (macros/wiring/tags.py), on the cases of cases_tags.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cases_tags import TAG_CASES
from macros.wiring.tags import TANGLED, Tangled, attributes, first, start_tags


@pytest.mark.parametrize("markup, expected, _", TAG_CASES.values(), ids=TAG_CASES.keys())
def test_start_tags_and_their_attributes(markup: str, expected: list, _: bool) -> None:
    assert [(element, attributes(written)) for element, written in start_tags(markup)] == expected


def test_a_browser_keeps_the_first_of_two_attributes_of_one_name() -> None:
    assert first([("href", "/a"), ("href", "/b"), ("hidden", None)]) == {"href": "/a", "hidden": ""}


def test_start_tags_reads_on_from_where_it_is_asked() -> None:
    markup = '<p class="a"><script type="x">'
    assert next(start_tags(markup, markup.index("<script"))) == ("script", ' type="x"')


def test_tags_that_never_end_are_refused_not_read_for_ever() -> None:
    """Each '<a' starts a tag that runs to the end: read one by one, the work grows with the square
    of the length (60 KB: some 13 s); past four times the text it stops."""
    tangled = "<a/" * 20_000
    with pytest.raises(Tangled):
        list(start_tags(tangled))
    assert len(list(start_tags('<p title="<b>">' * 20_000))) == 40_000  # tags in values: still read


def test_the_preview_refuses_a_theme_page_too_tangled_to_read(monkeypatch) -> None:
    """`mkdocs serve` reads the theme's own pages for requests elsewhere (hooks.py): a page it cannot
    read is refused there too, as a problem, not a traceback."""
    from macros.wiring import hooks

    monkeypatch.setattr(hooks, "_state", hooks.BuildState())
    page = "<a/" * 30_000 + '<img src="https://elders.example/a.png">'
    hooks.note_foreign_requests(page, SimpleNamespace(site_url="https://site.example/"))
    [problem] = hooks._state.foreign
    assert problem.message == TANGLED
