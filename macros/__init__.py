"""mkdocs-macros module of the site.

No page is a Jinja template: every file a pull request can touch is data (see `handwritten.py`,
where hand-written pages name building blocks such as `{{ round_list() }}` on a line of their
own, expanded by `hooks.py` with escaped content). The plugin stays configured with
`render_by_default: false`, and `hooks.on_page_markdown` removes any `render_macros` before it
runs, so this module registers no macros that content could call.
"""

from __future__ import annotations


def define_env(env) -> None:
    """The mkdocs-macros entry point: deliberately empty (content is never a template)."""
