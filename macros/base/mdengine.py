"""Python-Markdown, set up the two ways researcher Markdown is read: as the check reads text with
code in it (`reader`) and as pages render it (`renderer`).

A module of its own so that Python-Markdown is imported only when text is rendered or has code in
it: `make check` reads most text with the line scan of `markup.py` alone, and the package's import
was a twentieth of its second at N = 1000.
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable

import markdown


class AfterFences(markdown.preprocessors.Preprocessor):
    """Notes how much of the stash is fenced code (stored by fenced_code, which runs just before)."""

    fenced = 0

    def run(self, lines: list[str]) -> list[str]:
        self.fenced = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class ShiftHeadings(markdown.treeprocessors.Treeprocessor):
    """Body headings sit under the page's own: the body's highest heading becomes h{base}.

    Researchers start with `#` or `##` as they please; the outline stays the same either way."""

    base = 3

    def run(self, root: etree.Element) -> None:
        headings = [e for e in root.iter() if re.fullmatch(r"h[1-6]", e.tag)]
        if not headings:
            return
        shift = self.base - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{max(1, min(6, int(element.tag[1]) + shift))}"


def built_in(names: Iterable[str]) -> list[markdown.Extension]:
    """Python-Markdown's own extensions by their short names ("tables"), made from their modules:
    given as names, Markdown looks each up among the installed packages' entry points, which took a
    new process about 35 ms (a build and a check make their first Markdown instance in each worker)."""
    return [importlib.import_module(f"markdown.extensions.{name}").makeExtension() for name in names]


def reader(extensions: Iterable[str]) -> tuple[markdown.Markdown, AfterFences]:
    """A Markdown instance that notes where the stash's raw HTML starts (after the fenced code)."""
    md = markdown.Markdown(extensions=built_in(extensions), output_format="html")
    fences = AfterFences(md)
    md.preprocessors.register(fences, "after_fences", 24)  # fenced_code: 25, html_block: 20
    return md, fences


def renderer(extensions: Iterable[str]) -> tuple[markdown.Markdown, ShiftHeadings]:
    """A Markdown instance whose headings start at the level its `ShiftHeadings.base` says."""
    md = markdown.Markdown(extensions=built_in(extensions), output_format="html")
    shift = ShiftHeadings(md)
    md.treeprocessors.register(shift, "shift_headings", 5)
    return md, shift
