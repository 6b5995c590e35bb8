"""The contributor guide's field reference (`bijdragen/velden/`), made from the field declarations.

What each field takes comes from `formats/schemas.py` (the same declarations give the JSON
Schemas); this module only turns those rows into the page.
"""

from __future__ import annotations

from ..content import paths
from ..formats.schemas import CONTENT_TYPES, field_rows, record_of
from .render import Page, render_template, url_of


def render_field_reference() -> Page:
    """`bijdragen/velden/`: every field of every content type."""
    src = paths.FIELD_REFERENCE
    types = [
        (name, title, pattern, field_rows(record if record.fields else record_of(name)))
        for name, (title, record, pattern) in CONTENT_TYPES.items()
    ]
    return Page(src, render_template("fields.md.j2", url_of(src), types=types), in_nav=True)
