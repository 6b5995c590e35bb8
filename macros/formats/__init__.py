"""Output formats derived from the content: Atom, iCalendar, citations, JSON-LD, open-data package,
JSON Schemas."""
