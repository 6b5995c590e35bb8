"""Start tags as a browser's tokenizer reads them (macros/wiring/tags.py), on the cases of cases_tags.py."""

from __future__ import annotations

import pytest

from cases_tags import TAG_CASES
from macros.wiring.tags import attributes, first, start_tags


@pytest.mark.parametrize("markup, expected, _", TAG_CASES.values(), ids=TAG_CASES.keys())
def test_start_tags_and_their_attributes(markup: str, expected: list, _: bool) -> None:
    assert [(element, attributes(written)) for element, written in start_tags(markup)] == expected


def test_a_browser_keeps_the_first_of_two_attributes_of_one_name() -> None:
    assert first([("href", "/a"), ("href", "/b"), ("hidden", None)]) == {"href": "/a", "hidden": ""}


def test_start_tags_reads_on_from_where_it_is_asked() -> None:
    markup = '<p class="a"><script type="x">'
    assert next(start_tags(markup, markup.index("<script"))) == ("script", ' type="x"')
