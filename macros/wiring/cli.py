"""Command line: `python -m macros <command>`, run from the repository root.

check [--root DIR]              check every content file; print each problem as path:line: field: message
build [-f mkdocs.yml] [-d DIR]  build the site into a new folder and swap it in only when all went well
new experiment|round|lecture|publication ID [N]
                                write a commented template for a new item (never overwrites)
schemas [--check]               write (or check) the JSON Schemas in schemas/
cache [--clear]                 show (or empty) the folder outside the repository where builds keep caches
codepaths [--format github] [--] FILE...
                                name the changed files that are code (a maintainer reviews them)
sitediff BASE HEAD [-f mkdocs.yml] --out DIR [--preview-url URL] [--keep DIR]
                                build two refs (or read two built sites) and report what changes for readers
sitediff-comment REPORT --out FILE [--preview-url URL]
                                the pull-request comment from a report.json (or an artifact's .zip), validated
sitediff-comment --failed-run URL --commit SHA --out FILE
                                the pull-request comment when the sitediff run failed
import FILE [--root DIR] [--overwrite]
                                turn a BibTeX (.bib) or RIS (.ris) export into publication files
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from pathlib import Path

# Material for MkDocs prints a banner about its future to every build; the project's commands
# print only their own report (the Makefile sets this too, for `mkdocs serve`).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from ..base.problems import ContentError, count_noun
from ..base.relpaths import posix_relpath


def check(root: Path, output_format: str = "text") -> int:
    """The fast content check: no site build, every problem at once."""
    from ..base.caches import cache_problems
    from .checks import load_checked_site  # the content types: not needed by the other commands

    started = time.perf_counter()
    base = Path.cwd()
    # Caches a commit could plant: in the project (the current folder), and in --root when that
    # is a project of its own elsewhere.
    problems = cache_problems(base)
    if not root.resolve().is_relative_to(base.resolve()):
        problems += cache_problems(root, base)
    try:
        site = load_checked_site(root, base, problems)
    except ContentError as error:
        if output_format == "github":
            # GitHub Actions turns these lines into annotations on the pull request's files.
            from .codepaths import workflow_data, workflow_property

            for problem in error.problems:
                file, title = workflow_property(problem.path), workflow_property(problem.field)
                print(f"::error file={file},line={problem.line},title={title}::{workflow_data(problem.message)}")
        print(error, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    reports = sum(len(e.reports) for e in site.experiments)
    print(
        f"inhoud in orde: {count_noun(len(site.experiments), 'experiment', 'experimenten')}, "
        f"{count_noun(reports, 'rondeverslag', 'rondeverslagen')}, "
        f"{count_noun(len(site.lectures), 'college', 'colleges')} ({elapsed:.2f} s)"
    )
    return 0


def launch_check(config_file: Path) -> int:
    """`check --launch`: every placeholder that must go before the real site goes live; 1 if any."""
    from ..content.siteinfo import launch_problems
    from .config import ConfigError, SiteConfig

    # The configuration as the build reads it (config.py), not through MkDocs: loading MkDocs'
    # plugins here cost an engine import and left Material's blog plugin's temporary folder behind.
    try:
        config = SiteConfig.load(config_file)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    problems = launch_problems(config, config.project)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(
            f"{count_noun(len(problems), 'punt', 'punten')} voor de lancering; de site is nog "
            "niet klaar om live te gaan.",
            file=sys.stderr,
        )
        return 1
    print("klaar voor de lancering: geen voorbeeldwaarden meer")
    return 0


def import_publications(source: Path, root: Path, overwrite: bool) -> int:
    """Write publication files from an export; every refused entry is listed."""
    from ..content.importer import import_file

    if not source.is_file():
        print(f"{source}: bestand niet gevonden", file=sys.stderr)
        return 2
    written, messages = import_file(source, root, overwrite)
    for line in written:
        print(f"geschreven: {line}")
    for line in messages:
        print(line, file=sys.stderr)
    print(
        f"{count_noun(len(written), 'publicatie', 'publicaties')} geïmporteerd, "
        f"{count_noun(len(messages), 'melding', 'meldingen')}."
    )
    return 1 if messages and not written else 0


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (not the one at creation), so repeated calls in one
    process, as in the tests, never write to a closed stream."""

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _refused(error: Exception, outcome: str) -> int:
    """Print why a command did nothing (every content problem on its own line, then the outcome); exit 1."""
    lead = "\n" if isinstance(error, ContentError) else ""
    print(f"{lead}{error}\n{outcome}", file=sys.stderr)
    return 1


def build_site(config: Path, site_dir: Path | None, engine: str = "mkdocs") -> int:
    """check -> export -> engine -> verify -> atomic publish (publish.py)."""
    from .config import ConfigError
    from .publish import PublishError, build

    mkdocs_log = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in mkdocs_log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    try:
        target = build(config, site_dir, engine)
    except (ConfigError, PublishError, ContentError) as error:
        return _refused(error, "De vorige versie van de site is ongewijzigd.")
    print(f"site gebouwd in {target}")
    return 0


def export_site(config_file: Path, folder: Path) -> int:
    """`export DIR`: the engine-neutral docs tree (export.py)."""
    from .config import ConfigError, SiteConfig
    from .export import write_export

    try:
        done = write_export(SiteConfig.load(config_file), folder)
    except (ConfigError, ContentError) as error:
        return _refused(error, "Er is niets geëxporteerd.")
    print(f"geëxporteerd: {count_noun(len(done.files), 'bestand', 'bestanden')} in {folder}")
    return 0


def verify(site_dir: Path, config_file: Path, sources: Path | None) -> int:
    """`verify SITE_DIR`: the output gate over every file of a built site (verify.py)."""
    from .config import ConfigError, SiteConfig
    from .verify import Sources, verify_site

    if not site_dir.is_dir():
        print(f"{site_dir}: geen map; bouw de site eerst (make site)", file=sys.stderr)
        return 2
    try:
        config = SiteConfig.load(config_file)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    started = time.perf_counter()
    origin = Sources.load(sources, config.project, posix_relpath(config.content_root, config.project))
    problems = verify_site(site_dir, site_url=config.site_url, demo=config.demo, sources=origin, label=str(site_dir))
    for line in problems:
        print(line, file=sys.stderr)
    files = sum(1 for p in site_dir.rglob("*") if p.is_file())
    if problems:
        print(f"{count_noun(len(problems), 'probleem', 'problemen')} in wat de site publiceert.", file=sys.stderr)
        return 1
    print(
        f"uitvoer in orde: {count_noun(files, 'bestand', 'bestanden')} gelezen ({time.perf_counter() - started:.2f} s)"
    )
    return 0


def new_item(kind: str, ident: str, number: int | None, root: Path) -> int:
    from ..base.fsafe import UnsafeWrite
    from ..base.kinds import SLUG
    from ..formats.schemas import new_file

    if not SLUG.match(ident):
        print(f"id '{ident}' is ongeldig; gebruik kleine letters a-z, cijfers en losse streepjes", file=sys.stderr)
        return 2
    from ..base.privacy import name_kinds

    if name_kinds(ident):  # the id becomes a file name and a web address: the scan refuses it there too
        print(
            f"dit id lijkt persoonsgegevens te bevatten ({', '.join(name_kinds(ident))}); kies een ander id. "
            "Niets geschreven.",
            file=sys.stderr,
        )
        return 2
    if kind == "round":
        if number is None:
            print("geef het nummer van de ronde: python -m macros new round <experiment-id> <nummer>", file=sys.stderr)
            return 2
        refusal = round_refusal(ident, number, root)
        if refusal:
            print(f"{refusal}\nNiets geschreven.", file=sys.stderr)
            return 1
    try:
        path = new_file(kind, ident, root, number)
    except FileExistsError as error:
        print(f"{error.args[0]} bestaat al; niets geschreven", file=sys.stderr)
        return 1
    except UnsafeWrite as error:
        print(f"{error}\nNiets geschreven.", file=sys.stderr)
        return 1
    print(f"geschreven: {path.relative_to(root).as_posix()}")
    return 0


def round_refusal(ident: str, number: int, root: Path) -> str:
    """Why `new round <ident> <number>` must not write (an unknown experiment or round), or ''."""
    from ..base.problems import Problems, did_you_mean
    from ..content.registry import ROUNDS_FILE, load_rounds
    from ..content.site import REGISTRY_FILES, unknown_target

    refusals = []
    experiments = sorted(
        p.parent.name
        for p in (root / "experiments").glob("*/experiment.yml")
        if not p.parent.name.startswith(("_", "."))
    )  # as experiment_folders skips them
    if ident not in experiments:
        unknown, pronoun = unknown_target("experiment")
        refusals.append(
            f"{unknown} '{ident}'{did_you_mean(ident, experiments)}; kies uit "
            f"{', '.join(experiments) or '(geen)'} of maak {pronoun} eerst aan met: "
            f"python -m macros new experiment {ident}"
        )
    problems = Problems()
    rounds = sorted(load_rounds(root, problems))
    if problems:
        refusals += [str(p) for p in problems.sorted()]
        refusals.append(f"{ROUNDS_FILE} is niet in orde; verbeter dat eerst")
    elif number not in rounds:
        unknown, pronoun = unknown_target("round")
        known = [str(n) for n in rounds]
        refusals.append(
            f"{unknown} {number}{did_you_mean(str(number), known)}; kies uit "
            f"{', '.join(known) or '(geen)'} of voeg {pronoun} toe aan {REGISTRY_FILES['round']}"
        )
    return "\n".join(refusals)


def schemas(root: Path, check_only: bool) -> int:
    """The content files' schemas (formats/schemas.py) and the site diff's report schema (sitereport.py)."""
    from ..base.fsafe import UnsafeWrite, check_write_path, write_file
    from ..formats.schemas import render_schemas, write_schemas
    from .sitereport import SCHEMA_FILE, schema_text

    if check_only:
        stale = [
            name
            for name, text in {**render_schemas(), SCHEMA_FILE: schema_text()}.items()
            if not (root / "schemas" / name).is_file() or (root / "schemas" / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"schemas/{name} loopt niet gelijk met de code; draai python -m macros schemas", file=sys.stderr)
        return 1 if stale else 0
    try:
        written = write_schemas(root)
        rel = f"schemas/{SCHEMA_FILE}"
        check_write_path(root, rel)
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text():
            write_file(root, rel, schema_text().encode("utf-8"), overwrite=True)
            written.append(rel)
    except UnsafeWrite as error:
        print(error, file=sys.stderr)
        return 1
    for name in written:
        print(f"geschreven: {name}")
    return 0


def cache(clear_it: bool) -> int:
    from ..base.caches import cache_dir, clear

    if clear_it:
        folder, removed = clear(Path.cwd())
        print(f"{count_noun(removed, 'cachebestand', 'cachebestanden')} verwijderd uit {folder}")
    else:
        print(cache_dir(Path.cwd()))
    return 0


def codepaths(changed: list[str], output_format: str) -> int:
    from .codepaths import report

    report(changed, Path.cwd(), output_format)
    return 0  # a signal for reviewers, not a failure: CODEOWNERS decides who must approve


def site_diff(base: str, head: str, config_file: Path, out: Path, preview: str | None, keep: Path | None) -> int:
    """`sitediff BASE HEAD --out DIR`: report.json and report.md of what changes (sitediff.py)."""
    from .sitediff import SitediffError, Stopped, sitediff, stopped_by_signals, write_report
    from .sitereport import ReportError, checked_preview, summary

    if preview is not None and checked_preview(preview) is None:
        print(f"--preview-url '{preview}': geef een https-adres zonder spaties of aanhalingstekens", file=sys.stderr)
        return 2
    try:
        with stopped_by_signals():  # its worktrees and scratch folder removed, its builds stopped
            report = sitediff(base, head, config_file, keep)
        json_file, markdown = write_report(report, out, preview)
    except (SitediffError, ReportError) as error:  # ReportError: a report outside its schema, written by no one
        print(f"{error}\nEr is geen verslag geschreven.", file=sys.stderr)
        return 2
    except (Stopped, KeyboardInterrupt) as stopped:  # Ctrl-C too: the same cleanup, no traceback
        signum = stopped.signum if isinstance(stopped, Stopped) else signal.SIGINT
        name = signal.Signals(signum).name
        print(
            f"sitediff is gestopt ({name}); de builds zijn beëindigd en de worktrees en tijdelijke mappen "
            "opgeruimd. Er is geen verslag geschreven.",
            file=sys.stderr,
        )
        return 128 + signum
    print(f"sitediff: {summary(report)}; verslag in {markdown} en {json_file}")
    return 0


def site_diff_comment(artifact: Path, out: Path, preview: str | None) -> int:
    """`sitediff-comment REPORT --out FILE`: the comment, rendered anew from a validated report.json.

    Prints `verschil`, `leeg` (the report is empty) or `ongeldig` (the report was refused, whatever
    is wrong with it: the comment then says so in fixed words, and the exit code is 1)."""
    from .sitereport import ReportError, is_empty, read_report, refused_comment, render_markdown

    try:
        report = read_report(artifact)
    except ReportError as error:
        print(error, file=sys.stderr)
        out.write_text(refused_comment(), encoding="utf-8")
        print("ongeldig")
        return 1
    out.write_text(render_markdown(report, preview), encoding="utf-8")
    print("leeg" if is_empty(report) else "verschil")
    return 0


def site_diff_failed(run_url: str, commit: str, out: Path) -> int:
    """`sitediff-comment --failed-run URL --commit SHA --out FILE`: the comment when the run failed,
    timed out or was cancelled (fixed words, the commit, the run). Prints `mislukt`."""
    from .sitereport import ReportError, failed_comment

    try:
        text = failed_comment(commit, run_url)
    except ReportError as error:
        print(error, file=sys.stderr)
        return 2
    out.write_text(text, encoding="utf-8")
    print("mislukt")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Hulpmiddelen voor de inhoud van de site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="controleer alle inhoud zonder de site te bouwen")
    check_parser.add_argument("--root", type=Path, default=Path("."), help="map met experiments/ (standaard: .)")
    check_parser.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: ook als annotaties voor GitHub Actions"
    )
    check_parser.add_argument(
        "--launch",
        action="store_true",
        help="ook controleren of de site klaar is om live te gaan (geen voorbeeldwaarden meer)",
    )
    check_parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="bij --launch: de configuratie van de site"
    )
    build_parser = commands.add_parser("build", help="de site bouwen; bij een fout blijft de vorige site staan")
    build_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    build_parser.add_argument("-d", "--site-dir", type=Path, default=None)
    build_parser.add_argument(
        "--engine", choices=["mkdocs", "properdocs", "zensical"], default="mkdocs", help="het bouwprogramma"
    )
    export_parser = commands.add_parser(
        "export", help="de hele site als map voor een bouwprogramma (MkDocs, ProperDocs, Zensical) schrijven"
    )
    export_parser.add_argument("folder", type=Path, help="een nieuwe of lege map (of een eerdere export)")
    export_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    verify_parser = commands.add_parser(
        "verify", help="de gebouwde site controleren: elk bestand, zoals lezers het krijgen"
    )
    verify_parser.add_argument("site_dir", type=Path, help="de map van de gebouwde site (zoals site/)")
    verify_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    verify_parser.add_argument("--sources", type=Path, default=None, help="sources.json van de export (voor de bron)")
    import_parser = commands.add_parser("import", help="publicaties importeren uit BibTeX of RIS (bijv. uit Zotero)")
    import_parser.add_argument("file", type=Path, help="het .bib- of .ris-bestand")
    import_parser.add_argument("--root", type=Path, default=Path("."), help="map met publications/ (standaard: .)")
    import_parser.add_argument("--overwrite", action="store_true", help="bestaande bestanden overschrijven")
    new_parser = commands.add_parser(
        "new", help="een sjabloon schrijven voor een nieuw experiment, rondeverslag, college of publicatie"
    )
    new_parser.add_argument("kind", choices=["experiment", "round", "lecture", "publication"])
    new_parser.add_argument("id", help="id (bij round: het id van het experiment)")
    new_parser.add_argument("number", nargs="?", type=int, help="bij round: het nummer van de ronde")
    new_parser.add_argument("--root", type=Path, default=Path("."))
    schema_parser = commands.add_parser("schemas", help="JSON Schemas voor de editor schrijven of controleren")
    schema_parser.add_argument("--check", action="store_true")
    schema_parser.add_argument("--root", type=Path, default=Path("."))
    cache_parser = commands.add_parser("cache", help="de cachemap van de build tonen (buiten de repository)")
    cache_parser.add_argument("--clear", action="store_true", help="de cachebestanden van de build verwijderen")
    code_parser = commands.add_parser("codepaths", help="gewijzigde bestanden noemen die code zijn, geen inhoud")
    code_parser.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: als waarschuwingen en samenvatting voor GitHub Actions",
    )
    code_parser.add_argument(
        "changed",
        nargs="*",
        metavar="BESTAND",
        help="gewijzigde paden ten opzichte van de repository (bijv. uit git diff --name-only); zet -- ervoor",
    )
    diff_parser = commands.add_parser(
        "sitediff", help="twee versies bouwen en vergelijken: wat verandert er voor lezers en programma's"
    )
    diff_parser.add_argument(
        "base", metavar="BASE", help="git-ref (zoals main) of een map met een gebouwde site (./map: altijd de map)"
    )
    diff_parser.add_argument(
        "head", metavar="HEAD", help="git-ref (zoals HEAD) of een map met een gebouwde site (./map: altijd de map)"
    )
    diff_parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    diff_parser.add_argument("--out", type=Path, required=True, help="map voor report.md en report.json")
    diff_parser.add_argument("--preview-url", default=None, help="https-adres waar de gebouwde HEAD te bekijken is")
    diff_parser.add_argument("--keep", type=Path, default=None, help="de twee builds bewaren in KEEP/base en KEEP/head")
    comment_parser = commands.add_parser(
        "sitediff-comment",
        help="het commentaar voor een pull request uit report.json (gecontroleerd en opnieuw opgemaakt)",
    )
    comment_parser.add_argument("report", type=Path, nargs="?", help="report.json, of de .zip van het artefact")
    comment_parser.add_argument("--out", type=Path, required=True, help="bestand voor het commentaar (Markdown)")
    comment_parser.add_argument("--preview-url", default=None, help="https-adres van de voorvertoning")
    comment_parser.add_argument(
        "--failed-run", metavar="URL", default=None, help="in plaats van REPORT: het adres van de mislukte run"
    )
    comment_parser.add_argument("--commit", default=None, help="bij --failed-run: de commit die de run bouwde")
    args = parser.parse_args(argv)
    if args.command == "sitediff":
        return site_diff(args.base, args.head, args.config_file, args.out, args.preview_url, args.keep)
    if args.command == "sitediff-comment":
        if (args.failed_run is None) == (args.report is None) or (args.failed_run is None) != (args.commit is None):
            comment_parser.error("geef REPORT, of --failed-run URL met --commit SHA")
        if args.failed_run is not None:
            return site_diff_failed(args.failed_run, args.commit, args.out)
        return site_diff_comment(args.report, args.out, args.preview_url)
    if args.command == "cache":
        return cache(args.clear)
    if args.command == "codepaths":
        return codepaths(args.changed, args.format)
    if args.command == "new":
        return new_item(args.kind, args.id, args.number, args.root)
    if args.command == "schemas":
        return schemas(args.root, args.check)
    if args.command == "check":
        code = check(args.root, args.format)
        return launch_check(args.config_file) or code if args.launch else code
    if args.command == "build":
        return build_site(args.config_file, args.site_dir, args.engine)
    if args.command == "verify":
        return verify(args.site_dir, args.config_file, args.sources)
    if args.command == "export":
        return export_site(args.config_file, args.folder)
    if args.command == "import":
        return import_publications(args.file, args.root, args.overwrite)
    return 2  # pragma: no cover - argparse refuses unknown commands
