"""The output gate reads start tags as Chromium does (macros/wiring/tags.py against the browser).

Each markup of cases_tags.py is parsed by Chromium's own HTML parser (a template's innerHTML: no
html, head or body added); every element it makes, with its attributes, must be among the tags the
gate's reader finds, and for an exact case be all of them, in order.
"""

from __future__ import annotations

import pytest

from cases_tags import TAG_CASES
from macros.wiring.tags import attributes, first, start_tags

PARSE = """markup => {
    const template = document.createElement("template");
    template.innerHTML = markup;
    return [...template.content.querySelectorAll("*")].map(
        element => [element.localName, [...element.attributes].map(a => [a.name, a.value])]);
}"""


@pytest.fixture(scope="module")
def chromium_reads(browser):
    page = browser.new_page()
    yield lambda markup: [(element, dict(pairs)) for element, pairs in page.evaluate(PARSE, markup)]
    page.close()


@pytest.mark.parametrize("markup, _, exact", TAG_CASES.values(), ids=TAG_CASES.keys())
def test_the_gate_reads_every_tag_chromium_reads(chromium_reads, markup: str, _: list, exact: bool) -> None:
    ours = [(element, first(attributes(written))) for element, written in start_tags(markup)]
    chromium = chromium_reads(markup)
    assert chromium, markup
    if exact:
        assert ours == chromium
    else:
        assert all(tag in ours for tag in chromium), (ours, chromium)
