"""The site configuration (`mkdocs.yml`) read without an engine.

MkDocs, ProperDocs and Zensical all read `mkdocs.yml`; the generator's own steps (export,
verify) must not depend on one of them, so they read it here: YAML with MkDocs's two extensions
that this project uses, `!ENV [NAME, default]` (an environment variable, else the default) and
`INHERIT: parent.yml` (the parent's settings, deep-merged under this file's). Nothing else of an
engine's configuration is interpreted: `settings()` takes what the generator needs.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..base.caches import cache_dir
from ..base.clock import build_time
from ..content.siteinfo import SiteInfo
from ..pages.render import Settings


class ConfigError(Exception):
    """The configuration cannot be read; the message names the file and what to do."""


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = values[:-1], values[-1] if len(values) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)]) if os.environ[str(name)] else ""
    return default


_Loader.add_constructor("!ENV", _env)


def _merge(parent: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs's INHERIT: mappings merged key by key, everything else replaced by the child's."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_config(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The configuration in `path`, with INHERIT resolved and !ENV values filled in."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: INHERIT verwijst in een kring terug naar dit bestand")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    except OSError as error:
        raise ConfigError(f"{path}: kan niet gelezen worden ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: geen geldige YAML ({error})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: de configuratie moet een mapping zijn")
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_config(path.parent / str(parent), (*_seen, path)), data)
    return data


@dataclass(frozen=True)
class SiteConfig:
    """What the generator reads of the configuration; `raw` is the whole merged mapping."""

    path: Path  # the configuration file, absolute
    raw: dict[str, Any] = field(repr=False)

    @classmethod
    def load(cls, path: Path) -> SiteConfig:
        raw = read_config(path)
        if not isinstance(raw.get("extra") or {}, dict):
            raise ConfigError(f"{path}: extra: moet een mapping zijn (sleutel: waarde per regel)")
        for key in ("site_url", "repo_url", "site_name"):
            if isinstance(raw.get(key), (dict, list)):
                raise ConfigError(f"{path}: {key}: moet tekst zijn, geen lijst of mapping")
        return cls(path.resolve(), raw)

    @property
    def project(self) -> Path:
        """The folder of the configuration file: paths in messages are relative to it."""
        return self.path.parent

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.raw.get("extra") or {})

    @property
    def config_file_path(self) -> str:
        return str(self.path)

    @property
    def site_url(self) -> str:
        return str(self.raw.get("site_url") or "/")

    @property
    def repo_url(self) -> str | None:
        value = self.raw.get("repo_url")
        return None if value is None or value == "" else str(value)

    @property
    def site_name(self) -> str:
        return str(self.raw.get("site_name") or "")

    @property
    def demo(self) -> bool:
        return bool(self.extra.get("demo"))

    @property
    def docs_dir(self) -> Path:
        return self.project / str(self.raw.get("docs_dir") or "docs")

    @property
    def site_dir(self) -> Path:
        return self.project / str(self.raw.get("site_dir") or "site")

    @property
    def content_root(self) -> Path:
        return self.project / str(self.extra.get("content_root", "."))

    def settings(self, *, parallel: bool = True) -> Settings:
        """The pages' settings for one build of this configuration (hooks and export alike)."""
        return settings_of(
            self.site_url,
            self.extra,
            self.site_name,
            self.project,
            parallel=parallel,
            repo_url=self.repo_url,
            edit_uri=self.raw.get("edit_uri"),
        )


def history_base(repo_url: str | None, edit_uri: str | None, content_root: str) -> str | None:
    """Where the repository host shows a content file's history, up to the file's path from the
    content root: `<repo_url>commits/<branch>/<content root>/`, the branch and any prefix from
    edit_uri (`edit/main/docs/` on GitHub, `-/edit/main/docs/` on GitLab; else main). None
    without repo_url: then a page shows no link."""
    if not repo_url:
        return None
    parts = [part for part in (edit_uri or "").split("/") if part]
    prefix, branch = [], "main"
    if "://" not in (edit_uri or ""):
        for index, part in enumerate(parts[:-1]):
            if part in ("edit", "blob", "tree"):
                prefix, branch = parts[:index], parts[index + 1]
                break
    root = [part for part in posixpath.normpath(content_root).split("/") if part not in ("", ".")]
    return str(repo_url).rstrip("/") + "/" + "/".join([*prefix, "commits", branch, *root]) + "/"


def settings_of(
    site_url: str | None,
    extra: Mapping[str, Any],
    site_name: str | None,
    project: Path,
    *,
    parallel: bool,
    repo_url: str | None = None,
    edit_uri: str | None = None,
) -> Settings:
    """The pages' settings from configuration values; the one place they are made."""
    return Settings(
        site_url=site_url or "/",
        now=build_time(),
        organizer=dict(extra.get("organizer", {})),
        demo=bool(extra.get("demo")),
        cache_dir=cache_dir(project),
        data_license=extra.get("data_license"),
        info=SiteInfo.from_extra(dict(extra), site_name=site_name),
        parallel=parallel,
        history_url=history_base(repo_url, edit_uri, str(extra.get("content_root", "."))),
    )
