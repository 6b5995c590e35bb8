"""mkdocs-macros module of the site, and the generator's package.

No page is a Jinja template: every file a pull request can touch is data. The plugin stays
configured with `render_by_default: false`, and `wiring/hooks.on_page_markdown` removes any
`render_macros` before it runs, so `define_env` registers no macros that content could call.

The site's macros are its *building blocks* instead: a hand-written page names one on a line of
its own, such as `{{ round_list() }}` or `{{ latest_news(3) }}`. They are named and documented in
one table, `content/handwritten.py` (BLOCKS: the names a page may use, what each gives, and
whether it takes a count; `make check` refuses any other name), and made by `pages/blocks.py`
with every content value escaped; the hooks expand them.

The package is cut into layers that import one way only (`.importlinter`):
wiring > pages > formats > content > base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:
    """The mkdocs-macros entry point: deliberately empty (content is never a template; the
    building blocks in `content/handwritten.py` are the site's macros)."""
