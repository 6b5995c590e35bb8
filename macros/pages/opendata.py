"""Open data: the evidence base as JSON and CSV under /data/, with the JSON Schemas of the files
researchers edit, and a page that describes it all (schema.org Dataset).

Every record is written from the models, never from raw YAML, so the exports hold the
normalised values (a DOI without https://doi.org/, dates in ISO form) that the pages show; which
records and fields each export holds is declared once, in `formats/datapackage.py`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..base import fictional, identity
from ..content import paths
from ..content.paths import export_schema
from ..content.site import Site
from ..formats import datapackage
from ..formats.schemas import BASE_ID, render_schemas
from .render import Asset, Page, Settings, render_template, url_of


def _cell(value: Any) -> str:
    """A value as CSV text; text that a spreadsheet would run as a formula gets a leading quote, at
    its start and after every `;` or tab (a Dutch spreadsheet splits a cell there: `Werkplaats;=1+1`
    would be a cell `=1+1`)."""
    text = _text(value)
    if isinstance(value, (int, float)):
        return text  # a number, such as a negative coordinate, is data, not a formula
    return FORMULA.sub(r"\1'", text)


FORMULA = re.compile(r"(^|[;\t])(?=[=+\-@\t\r])")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def to_csv(records: list[dict], columns: list[str] | None = None) -> str:
    """One row per record; `columns` (the export's field list) gives the header also without records."""
    columns = columns or list(dict.fromkeys(key for record in records for key in record))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _cell(record.get(key)) for key in columns})
    return out.getvalue()


def datasets(site: Site) -> dict[str, tuple[str, list[dict]]]:
    """name -> (Dutch description, records), as `datapackage.EXPORTS` declares them."""
    return {
        name: (export.description(site), datapackage.records(name, site))
        for name, export in datapackage.EXPORTS.items()
    }


def data_assets(site: Site, settings: Settings, sets: dict | None = None) -> list[Asset]:
    """The JSON and CSV files. On the demo every record (and so every CSV row) carries
    `fictief: true` ("ja"), first, so that no row copied out of it passes for real data."""
    assets = []
    sets = sets or datasets(site)
    for name, (_, records) in sets.items():
        if settings.demo:
            records = [{fictional.FIELD: True, **record} for record in records]
        assets.append(
            Asset(paths.data_file(name, "json"), (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode())
        )
        assets.append(
            Asset(
                paths.data_file(name, "csv"), to_csv(records, datapackage.columns(name, settings.demo)).encode("utf-8")
            )
        )
        schema = datapackage.json_schema(name, settings.demo, settings.absolute(export_schema(name)))
        assets.append(Asset(export_schema(name), _json_text(schema)))
    assets.append(Asset(paths.DATA_PACKAGE, _json_text(package(site, settings, sets))))
    for file, text in render_schemas().items():
        if settings.demo:  # the schemas' ids name the demo's own address, never the real site's
            text = text.replace(BASE_ID, settings.absolute(paths.source_schema("")))
        assets.append(Asset(paths.source_schema(file), text.encode("utf-8")))
    return assets


def _json_text(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _title(settings: Settings) -> str:
    return fictional.title(settings.demo, f"{identity.TITLE}: experimenten, rondes, colleges en publicaties")


def _description(settings: Settings) -> str:
    return (
        ("Fictieve voorbeeldgegevens: alles hierin is verzonnen om de generator te tonen. " if settings.demo else "")
        + "De gegevens achter deze site: de experimenten met hun kerngegevens, de bevindingen per "
        "ronde, de openbare colleges en de publicaties, als JSON en CSV."
    )


def _license(settings: Settings) -> tuple[str | None, bool]:
    license_url = settings.data_license
    return license_url, bool(license_url) and settings.info.data_license_confirmed


def package(site: Site, settings: Settings, sets: dict) -> dict:
    """data/datapackage.json: every export with its schema (see datapackage.py)."""
    license_url, confirmed = _license(settings)
    return datapackage.package(
        sets,
        settings.demo,
        title=_title(settings),
        description=_description(settings),
        license_url=license_url,
        license_confirmed=confirmed,
        homepage=settings.absolute(url_of(paths.OPEN_DATA)),
        version=settings.now.date().isoformat(),
        created=settings.now.isoformat(timespec="seconds"),
    )


def coverage(site: Site) -> dict:
    """keywords, temporalCoverage and spatialCoverage of the Dataset, only as far as the records know them."""
    out: dict[str, Any] = {}
    keywords: list[str] = list(dict.fromkeys(d for e in site.experiments for d in e.domains))
    keywords += [t.title for t in site.themes.values() if t.title not in keywords]
    if keywords:
        out["keywords"] = keywords
    project = site.project
    if project and project.start_year is not None and project.end_year is not None:
        out["temporalCoverage"] = f"{project.start_year}/{project.end_year}"
    ids = list(
        dict.fromkeys([e.municipality for e in site.experiments] + list(project.municipalities if project else ()))
    )
    places = [{"@type": "Place", "name": site.municipalities[i].name} for i in ids if i in site.municipalities]
    if places:
        out["spatialCoverage"] = places
    return out


def render_open_data_page(site: Site, settings: Settings, sets: dict | None = None) -> Page:
    src = paths.OPEN_DATA
    sets = sets or datasets(site)
    license_url, confirmed = _license(settings)
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _title(settings),
        "description": _description(settings),
        "url": settings.absolute(url_of(src)),
        "identifier": settings.absolute(url_of(src)),
        "version": settings.now.date().isoformat(),
        "inLanguage": "nl",
        "license": license_url if confirmed else None,
        "isAccessibleForFree": True,
        "dateModified": settings.now.date().isoformat(),
        **coverage(site),
        "creator": {
            "@type": "Organization",
            "name": settings.info.publisher,
            **({"url": settings.info.publisher_url} if settings.info.publisher_url else {}),
        }
        if settings.info.publisher
        else None,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": mime,
                "contentUrl": settings.absolute(paths.data_file(name, ext)),
            }
            for name in sets
            for ext, mime in (("json", "application/json"), ("csv", "text/csv"))
        ],
        "subjectOf": {
            "@type": "DigitalDocument",
            "encodingFormat": "application/json",
            "name": "Frictionless Data Package",
            "url": settings.absolute(paths.DATA_PACKAGE),
        },
    }
    from ..formats.jsonld import script

    text = render_template(
        "opendata.md.j2",
        url_of(src),
        sets=sets,
        schemas=sorted(render_schemas()),
        package=paths.DATA_PACKAGE,
        export_schemas={name: export_schema(name) for name in sets},
        demo=settings.demo,
        license_url=license_url,
        license_confirmed=confirmed,
        jsonld=script({k: v for k, v in jsonld.items() if v is not None}),
    )
    return Page(src, text, in_nav=True)
