"""Person names: the one place that knows how a name splits into family name, particle and given
name, and how it is written back.

A Dutch family name may carry a particle ("van der" in "Paul van der Aa"): the lower-case words
in front of the family name. The records keep the three parts apart (`family`, `particle`,
`given`); the importer splits what BibTeX and RIS exports write (`parse_name`), and pages and
citation exports join the parts again (`full_name`, `family_name`, `inverted_name`). BibTeX,
citeproc-js, pandoc and Zotero read leading lower-case words back as the particle, so the parse
and the formats agree: `inverted_name(parse_name("van der Aa, Paul")) == "van der Aa, Paul"`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class NameParts(Protocol):
    """Anything with a family name, a particle and a given name (an author, a project member)."""

    @property
    def family(self) -> str: ...

    @property
    def given(self) -> str | None: ...

    @property
    def particle(self) -> str | None: ...


@dataclass(frozen=True)
class ParsedName:
    """A name as `parse_name` splits it."""

    family: str
    given: str | None = None
    particle: str | None = None

    def record(self) -> dict[str, str]:
        """The name as the fields of an author record, in the order a publication file lists them."""
        name = {"family": self.family}
        if self.given:
            name["given"] = self.given
        if self.particle:
            name["particle"] = self.particle
        return name


def _is_particle(word: str) -> bool:
    return word[:1].islower()


def parse_name(text: str) -> ParsedName:
    """'van der Aa, Paul' or 'Paul van der Aa' -> family 'Aa', particle 'van der', given 'Paul'.

    With a comma the family name (and its particle) comes first; without one, the family name
    starts at the first lower-case word, or is the last word. The family name keeps its last
    word even when that is lower-case."""
    text = " ".join(text.split())
    if "," in text:
        last, given = (part.strip() for part in text.split(",", 1))
    else:
        words = text.split(" ")
        index = next((i for i, w in enumerate(words[:-1]) if _is_particle(w)), len(words) - 1)
        last, given = " ".join(words[index:]), " ".join(words[:index])
    words = last.split(" ")
    particle_words = []
    while len(words) > 1 and _is_particle(words[0]):
        particle_words.append(words.pop(0))
    return ParsedName(family=" ".join(words), given=given or None, particle=" ".join(particle_words) or None)


def full_name(name: NameParts) -> str:
    """ "Anna van der Voorbeeld": the name as a reader sees it, given name first."""
    return " ".join(part for part in (name.given, name.particle, name.family) if part)


def family_name(name: NameParts) -> str:
    """The family name with its particle in front ("van der Voorbeeld"): the one form every
    export uses. BibTeX, citeproc-js, pandoc and Zotero all read the leading lower-case words
    back as the particle; a separate CSL `non-dropping-particle` is dropped by Zotero's import."""
    return " ".join(part for part in (name.particle, name.family) if part)


def inverted_name(name: NameParts) -> str:
    """ "van der Voorbeeld, Anna": Last, First, as Google Scholar, Zotero, RIS and BibTeX want it."""
    return f"{family_name(name)}, {name.given}" if name.given else family_name(name)
