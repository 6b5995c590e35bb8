"""mkdocs-macros module: macros that hand-written pages in `docs/` may call.

Only pages that opt in with `render_macros: true` in their front matter are templates; every
generated page and every content file is data. The macros return Markdown built by the
content modules, with every content value escaped.

    {{ experiment_count() }}      number of experiments
    {{ municipality_list() }}     the municipalities with experiments, linked
    {{ round_list() }}            the research rounds, linked
    {{ theme_list() }}            the research themes and their questions
    {{ latest_news(3) }}          the newest posts of Actueel
"""

from __future__ import annotations

from pathlib import Path


def define_env(env) -> None:
    """Register the macros; content is loaded lazily and cached (see `site.get_site`)."""
    from .experiment_pages import render_municipality_list, render_round_list, render_theme_list
    from .site import get_site

    project = Path(env.conf["config_file_path"]).resolve().parent
    root = project / env.conf["extra"].get("content_root", ".")

    def site():
        # on_pre_build (macros/hooks.py) has just loaded and checked the content for this build.
        return get_site(root, base=project, revalidate=False)

    def page_src() -> str:
        return env.page.file.src_uri

    env.macro(lambda: len(site().experiments), "experiment_count")
    env.macro(lambda: render_municipality_list(site(), page_src()), "municipality_list")
    env.macro(lambda: render_round_list(site(), page_src()), "round_list")
    env.macro(lambda: render_theme_list(site()), "theme_list")

    def latest_news(count: int = 3) -> str:
        from .news import load_posts, render_latest

        return render_latest(load_posts(Path(env.conf["docs_dir"]), project), page_src(), count)

    env.macro(latest_news, "latest_news")
