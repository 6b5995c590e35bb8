"""The whole site as an engine-neutral docs tree: every file an engine needs, in one list.

`docs_tree` is what `python -m macros export` writes and what the MkDocs hooks of `mkdocs serve`
hand to MkDocs: generated pages (Markdown with front matter: title, description, `edit_url` of
the source record, head tags), hand-written pages and news posts already rendered and sanitised
(`handwritten_pages.py`), and every other file as bytes or as a file to copy: all that the generator
writes (`output.render_site`: feeds, calendars, downloads, open data, the site's CSS/JS and share
card, the demo's `robots.txt`, slides and publication PDFs), then the docs folder's images and PDFs.
Each file names the source files it comes from, so the output gate (`wiring/verify.py`) can say
which source produced a problem.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..base.problems import Problems
from ..content import paths
from ..content.site import Site
from .handwritten_pages import export_handwritten
from .output import render_site
from .render import Settings


@dataclass(frozen=True)
class OutFile:
    """One file of the docs tree: bytes to write, or a file to copy."""

    path: str  # in the docs tree, with '/'
    content: bytes | None = None
    copy_of: Path | None = None
    sources: tuple[str, ...] = ()  # the files it comes from, relative to the project (none: the whole content)
    in_nav: bool = True  # False: a page kept out of the navigation (profiles, filter pages)
    url: str | None = None  # where a page is published, when not where its path says (news posts)

    @property
    def folder_path(self) -> str:
        """Its path as a folder page (`team.md` -> `team/index.md`; export.as_folder_pages), for a
        page published where its path says; any other file's path as it is."""
        if self.path.endswith(".md") and posixpath.basename(self.path) != "index.md" and self.url is None:
            return self.path.removesuffix(".md") + "/index.md"
        return self.path

    @property
    def published(self) -> str:
        """The file the engine writes for it: a page's `…/index.html`, any other file as it is."""
        if not self.path.endswith(".md"):
            return self.path
        return (self.url if self.url is not None else paths.url_of(self.path)) + "index.html"


def with_edit_url(markdown: str, url: str | None) -> str:
    """A generated page's Markdown with `edit_url` added to its front matter (written by render._front_matter)."""
    if not url or not markdown.startswith("---\n"):
        return markdown
    import json

    return f"---\nedit_url: {json.dumps(url, ensure_ascii=False)}\n" + markdown[4:]


def docs_tree(
    site: Site,
    settings: Settings,
    *,
    docs_dir: Path,
    root_rel: str,
    docs_rel: str,
    edit_url: Callable[[str], str | None],
    problems: Problems,
) -> list[OutFile]:
    """Every file of the docs tree, sorted by path.

    `root_rel`: the content root relative to the project ('.' or 'demo'); `docs_rel`: docs_dir
    relative to the project; `edit_url(project_path)`: the edit link of a project file, or None.
    Links in hand-written pages that lead nowhere are recorded in `problems`."""

    def project_path(content_path: str) -> str:
        return posixpath.normpath(posixpath.join(root_rel, content_path))

    pages, assets = render_site(site, settings)
    out: list[OutFile] = []
    for page in pages:
        source = project_path(page.source) if page.source else None
        out.append(
            OutFile(
                page.src_uri,
                with_edit_url(page.markdown, edit_url(source) if source else None).encode(),
                sources=(source,) if source else (),
                in_nav=page.in_nav,
            )
        )
    for asset in assets:
        out.append(OutFile(asset.uri, asset.content, asset.path, sources=tuple(map(project_path, asset.sources))))
    published = {f.path: f.path for f in out} | {p.source: p.source for p in site.pages}
    published |= {name: name for name in site.doc_files} | {p.source: paths.post_src(p.slug) for p in site.posts}
    handwritten = export_handwritten(
        site, settings, published, lambda src: edit_url(f"{docs_rel}/{src}"), problems, docs_rel
    )
    post_urls = {post.source: paths.post_url(post.slug) for post in site.posts}
    out += [
        OutFile(src, text.encode(), sources=(f"{docs_rel}/{src}",), url=post_urls.get(src))
        for src, text in handwritten.items()
    ]
    out += [OutFile(name, copy_of=docs_dir / name, sources=(f"{docs_rel}/{name}",)) for name in site.doc_files]
    return sorted(out, key=lambda f: f.path)
