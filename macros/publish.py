"""Build the site safely: into a fresh folder, moved into place only when everything succeeded.

Stock `mkdocs build` empties the output folder before it builds and, with `--strict`, aborts
only after writing every page, so a failed build leaves no site at all, and a `site_dir`
pointing at the wrong folder gets wiped. Here:

    1. build into a new temporary folder beside the target (same file system);
    2. on any failure: remove that temporary folder, leave the target byte for byte as it was;
    3. on success: mark the new folder as ours (MARKER), swap it in with two renames, and only
       then delete the old one, if and only if it carries our marker; symlinks are never
       followed while deleting.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".waardevol-werk-build"
MARKER_TEXT = "Deze map is gemaakt door `python -m macros build`; hij mag in zijn geheel worden vervangen.\n"


class PublishError(Exception):
    """The build could not be published; the message says why and what to do."""


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise PublishError(f"{target}: is een symbolische link; de site wordt daar niet neergezet")
    if target.exists() and not (target / MARKER).is_file():
        if target.is_dir() and not any(target.iterdir()):
            return
        raise PublishError(f"{target}: deze map is niet door deze generator gemaakt (het bestand {MARKER} "
                           "ontbreekt); kies een andere map of ruim hem zelf op")


def remove_tree(path: Path) -> None:
    """Delete a folder we made; symlinks inside are removed as links, never followed."""
    if path.is_symlink():
        path.unlink()
        return
    shutil.rmtree(path)  # rmtree does not follow symlinks (and refuses a symlinked root)


def _shutdown_quietly(plugins) -> None:
    try:
        plugins.on_shutdown()
    except OSError:
        pass  # a plugin shared by several builds cleaned up after the first already


def build(config_file: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build with MkDocs into a temporary folder and publish it to `site_dir` atomically."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    config_file = config_file.resolve()
    probe = load_config(config_file=str(config_file), strict=strict)
    given = Path(site_dir or probe.site_dir).absolute()
    _check_target(given)  # before resolving: a symlinked site folder is refused, not followed
    target = given.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        config = load_config(config_file=str(config_file), strict=strict, site_dir=str(scratch))
        config.plugins.on_startup(command="build", dirty=False)
        # MkDocs keeps plugins that have on_startup alive across builds in one process (as in
        # `mkdocs serve`), so their shutdown belongs at the end of the process, not of a build.
        atexit.register(_shutdown_quietly, config.plugins)
        mkdocs_build(config)
        (scratch / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except (Abort, ConfigurationError, Exception):
        remove_tree(scratch)
        raise
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(scratch, target)
    if old is not None:
        remove_tree(old)
    logging.getLogger("mkdocs").info("Site gepubliceerd in %s", target)
    return target
