"""Declare each field once, on the model; `record_for` derives the file's `Record` from it.

A content model is a frozen dataclass. Each field that a researcher writes in a file carries
its declaration as `Annotated` metadata, a `Field` (kind, required, doc, example):

    title: Annotated[str, Field(Text(max_length=200), required=True, doc="Titel")]

`record_for(Model)` reads those annotations in order and builds the `Record` that validates
the file, and from which the JSON Schemas, the `new` templates and the field reference come.
So the model and its file cannot drift apart: there is nothing to keep in step.

- A field the loader computes after reading (the file's path, line numbers, the id from the
  file name, the Markdown body, values a file field is read into) is marked `Derived()`; the
  reader and the schema skip it.
- A file field that the model keeps in another shape (a `period` group read into `start` and
  `end`) is a `dataclasses.InitVar` with a `Field`; `__post_init__` unpacks it.
- A model field with neither mark is a `TypeError` when the module is imported, and so is an
  optional file field without a default (the model could not be built without it).
- Where a file lists its fields in another order than the model (a model puts its required
  fields first), `record_for(..., first=(...))` names the fields that open the file.

Closed vocabularies are `enum.StrEnum`s with the Dutch values as written in the files; a
`Vocabulary` kind reads one and hands the model the enum member, which compares equal to (and
prints as) its Dutch text, so templates and YAML are unchanged.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .context import INVALID, Ctx
from .kinds import Choice, Field, Record, RecordCheck
from .yamlio import Scalar


@dataclass(frozen=True)
class Derived:
    """Marks a model field that no file holds: the loader computes it after reading. A derived field
    that holds researcher Markdown (a document's body) says so: the exports write it as text, as
    they write the fields declared with a Markdown kind."""

    why: str = ""
    markdown: bool = False


def declared_fields(cls: type) -> dict[str, Field]:
    """The file fields of a model, in the model's order: name -> its `Field` declaration."""
    hints = typing.get_type_hints(cls, include_extras=True)
    names = [f.name for f in dataclasses.fields(cls)]
    # An InitVar is not a dataclass field, but it is a constructor argument the file holds.
    init_vars = [name for name, hint in hints.items() if isinstance(hint, dataclasses.InitVar)]
    order = {name: index for index, name in enumerate(hints)}
    declared: dict[str, Field] = {}
    for name in sorted(names + init_vars, key=order.__getitem__):
        hint = hints[name]
        if isinstance(hint, dataclasses.InitVar):
            hint = hint.type
        marks = getattr(hint, "__metadata__", ())
        spec = next((m for m in marks if isinstance(m, Field)), None)
        derived = any(isinstance(m, Derived) for m in marks)
        if spec is None and not derived:
            raise TypeError(
                f"{cls.__name__}.{name}: declare it with Annotated[..., Field(...)] "
                "or mark it Annotated[..., Derived()]"
            )
        if spec is not None and derived:
            raise TypeError(f"{cls.__name__}.{name}: a field is read from the file or derived, not both")
        if spec is not None:
            declared[name] = spec
    defaults = {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    }
    defaults |= {name for name in init_vars if hasattr(cls, name)}
    for name, spec in declared.items():
        if not spec.required and name not in defaults:
            raise TypeError(f"{cls.__name__}.{name}: an optional file field needs a default")
    return declared


def record_for(cls: type, *, check: RecordCheck | None = None, first: tuple[str, ...] = ()) -> Record:
    """The `Record` of a model's file: its declared fields (those in `first` first), building the
    model when nested in another record; `check` is the record's cross-field check."""
    declared = declared_fields(cls)
    unknown = [name for name in first if name not in declared]
    if unknown:
        raise TypeError(f"{cls.__name__}: first= names fields it does not declare: {', '.join(unknown)}")
    names = [*first, *(name for name in declared if name not in first)]
    return Record(fields={name: declared[name] for name in names}, build=cls, check=check)


@dataclass
class Vocabulary(Choice):
    """One value of a closed vocabulary (a StrEnum of the Dutch values); read as the enum member."""

    vocabulary: type[StrEnum] | None = None

    def __post_init__(self) -> None:
        if self.vocabulary is not None:
            self.choices = tuple(member.value for member in self.vocabulary)

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> Any:
        value = super().parse_scalar(scalar, text, path, ctx)
        return value if value is INVALID or self.vocabulary is None else self.vocabulary(value)


def vocabulary(enum: type[StrEnum]) -> Vocabulary:
    """The kind that reads one value of `enum`."""
    return Vocabulary(vocabulary=enum)
