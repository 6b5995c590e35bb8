"""Person names (macros/base/names.py): the importer's split and the formats of pages and
citations are one set of rules, so a name written back reads as the name that came in."""

from __future__ import annotations

import pytest
from pybtex.database import Person as BibtexPerson

from macros.base.names import ParsedName, family_name, full_name, inverted_name, parse_name
from macros.content.publications import Author
from macros.content.registry import Person

# (as an export writes it, family, particle, given)
INVERTED = [
    ("van der Aa, Paul", "Aa", "van der", "Paul"),
    ("de Vries, J.", "Vries", "de", "J."),
    ("Jansen, Jan", "Jansen", None, "Jan"),
    ("Dikkers, Josje Anna", "Dikkers", None, "Josje Anna"),
    ("Jansen", "Jansen", None, None),
    ("van Dijk", "Dijk", "van", None),
]
NATURAL = [
    ("Paul van der Aa", "Aa", "van der", "Paul"),
    ("Jan Jansen", "Jansen", None, "Jan"),
    ("Anna Maria de Boer", "Boer", "de", "Anna Maria"),
    ("J. Jansen", "Jansen", None, "J."),
    ("Jan", "Jan", None, None),
    ("van Dijk", "Dijk", "van", None),
]


@pytest.mark.parametrize(("text", "family", "particle", "given"), INVERTED + NATURAL, ids=lambda v: str(v))
def test_parse_splits_family_particle_and_given(text, family, particle, given):
    assert parse_name(text) == ParsedName(family=family, given=given, particle=particle)


@pytest.mark.parametrize("text", [t for t, *_ in INVERTED])
def test_inverted_form_round_trips(text):
    assert inverted_name(parse_name(text)) == text


@pytest.mark.parametrize("text", [t for t, *_ in NATURAL])
def test_natural_form_round_trips(text):
    assert full_name(parse_name(text)) == text


@pytest.mark.parametrize("text", [t for t, *_ in NATURAL])
def test_both_forms_of_one_name_parse_alike(text):
    """ "Paul van der Aa" and "van der Aa, Paul" are the same name."""
    name = parse_name(text)
    assert parse_name(inverted_name(name)) == name
    assert parse_name(full_name(name)) == name


def test_parse_normalises_white_space():
    assert parse_name("  van  der Aa ,\tPaul ") == ParsedName(family="Aa", given="Paul", particle="van der")
    assert inverted_name(parse_name("  van  der Aa ,\tPaul ")) == "van der Aa, Paul"


def test_the_last_word_stays_the_family_name_even_in_lower_case():
    assert parse_name("hooks, bell") == ParsedName(family="hooks", given="bell")
    assert parse_name("van der, Aa") == ParsedName(family="der", given="Aa", particle="van")


@pytest.mark.parametrize("text", [t for t, *_ in INVERTED + NATURAL])
def test_parse_agrees_with_bibtex(text):
    """BibTeX (here pybtex) reads a name the same way: lower-case words in front are the particle."""
    person = BibtexPerson(text)
    expected = ParsedName(
        family=" ".join(person.last_names),
        given=" ".join(person.first_names + person.middle_names) or None,
        particle=" ".join(person.prelast_names) or None,
    )
    assert parse_name(text) == expected


def test_record_lists_the_fields_in_file_order_and_leaves_out_empty_ones():
    assert list(parse_name("Paul van der Aa").record().items()) == [
        ("family", "Aa"),
        ("given", "Paul"),
        ("particle", "van der"),
    ]
    assert parse_name("Jansen").record() == {"family": "Jansen"}


def test_authors_and_people_use_the_same_formats():
    author = Author(family="Voorbeeld", given="Anna", particle="van der")
    person = Person(id="anna", given="Anna", family="Voorbeeld", particle="van der")
    assert author.name == person.name == full_name(author) == "Anna van der Voorbeeld"
    assert family_name(author) == family_name(person) == "van der Voorbeeld"
    assert inverted_name(author) == inverted_name(person) == "van der Voorbeeld, Anna"
    assert inverted_name(Author(family="Jansen")) == "Jansen"
