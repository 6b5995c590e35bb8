"""Which files are code: a change to them runs code (in CI, in a build) or changes how every page
is made, so a maintainer reviews it.

The rule: researcher content is a data or document file of a content type in a content folder
(CONTENT; the same under demo/); everything else in the repository is code. So a `.py`, `.js`,
`.css`, `.html` or `.svg` file is code wherever it sits, docs/ included (and a type written in
capitals, since CODEOWNERS patterns are case-sensitive), and so is a Markdown page whose front
matter says `render_macros: true`: mkdocs-macros renders such a page as a Jinja template, and a
template can run code.

One rule for two users: tests/unit/test_codeowners.py checks that .github/CODEOWNERS sends every
code file to the maintainers, and `python -m macros codepaths -- FILE...` (in
.github/workflows/check.yml) marks the code files a pull request changes.
"""

from __future__ import annotations

import html
import os
from pathlib import Path, PurePosixPath

from ..base.problems import count_noun

# Content folder -> the file types researchers put there.
CONTENT = {
    "experiments": {".md", ".yml"},
    "lectures": {".md", ".pdf", ".pptx", ".odp"},  # lecture records, and slides beside them
    "publications": {".yml", ".md", ".pdf"},
    "docs": {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"},
}
DEMO = "demo"  # the demo site: the same content folders, one level down


def _content_folder(path: PurePosixPath) -> str | None:
    parts = path.parts
    if len(parts) > 2 and parts[0] == DEMO:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 and parts[0] in CONTENT else None


def is_template_page(text: bytes) -> bool:
    """Whether mkdocs-macros renders this Markdown as a template: read with MkDocs' own front
    matter parser and tested as the plugin does (`render_macros == True`, with
    `render_by_default: false` in mkdocs.yml). Text that is not UTF-8 counts as a template."""
    from mkdocs.utils.meta import get_data

    try:
        _, meta = get_data(text.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return True
    return meta.get("render_macros") == True  # noqa: E712 - the plugin's own test: 1 counts, "true" not


def is_code(path: str, root: Path | None = None) -> bool:
    """Whether a repository path (POSIX, relative to the root) is code. With `root`, a Markdown
    file that exists there is read to see whether it is a template page."""
    pure = PurePosixPath(path)
    folder = _content_folder(pure)
    if folder is None or pure.suffix not in CONTENT[folder]:
        return True
    if pure.suffix == ".md" and root is not None:
        file = root / path
        if file.is_symlink():
            return True  # a link shows another file's text, which may be a template
        if file.is_file():
            return is_template_page(file.read_bytes())
    return False


def workflow_data(text: str) -> str:
    """A GitHub Actions workflow command's message: %, CR and LF escaped (a new line would start a command)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(value: str) -> str:
    """A value inside a workflow command's properties (file=...): ':' and ',' escaped too, so a
    file name cannot end the property and forge another (`file=a,line=1`)."""
    return workflow_data(value).replace(":", "%3A").replace(",", "%2C")


def report(changed: list[str], root: Path, output_format: str = "text") -> list[str]:
    """The changed files that are code; printed as warnings (GitHub annotations with `github`),
    and as a list in the job summary when GitHub Actions gives one."""
    code = sorted({name for name in changed if name and is_code(name, root)})
    for name in code:
        if output_format == "github":
            print(
                f"::warning file={workflow_property(name)},title=codepad::wijziging in code (geen inhoud): "
                "een beheerder moet deze pull request beoordelen"
            )
        else:
            print(f"{name}: codepad; een beheerder moet deze wijziging beoordelen")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and output_format == "github":
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("### Codepaden\n\n")
            if code:
                handle.write(
                    f"Deze pull request wijzigt {count_noun(len(code), 'bestand dat', 'bestanden die')} "
                    f"code {'is' if len(code) == 1 else 'zijn'}, geen inhoud; een "
                    "beheerder moet ze beoordelen (zie `.github/CODEOWNERS`):\n\n"
                )
                handle.writelines(f"- <code>{html.escape(name)}</code>\n" for name in code)
            else:
                handle.write("Deze pull request wijzigt alleen inhoud.\n")
    if not code and output_format == "text":
        print("alleen inhoud gewijzigd; geen codepaden")
    return code
