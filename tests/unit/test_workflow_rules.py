"""The GitHub workflows: safe for pull requests from anyone (actionlint: tests/tools/test_actionlint.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from macros.wiring.publish import MARKER
from support import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


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


def test_the_deploy_publishes_no_hidden_file() -> None:
    """The build leaves its marker (publish.MARKER) in the site folder; readers must not get it.
    GitHub's upload-pages-artifact leaves hidden files out from v4 on (`tar --exclude=.[^/]*`; v5
    can be told to keep them, with `include-hidden-files`); v3, pinned before, published the marker."""
    workflow = ROOT / ".github/workflows/deploy.yml"
    steps = [step for job in load(workflow)["jobs"].values() for step in job["steps"]]
    (upload,) = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"] == {"path": "site"}  # nothing that keeps hidden files
    (version,) = [
        rest for action, rest in USES.findall(workflow.read_text(encoding="utf-8")) if "upload-pages" in action
    ]
    assert int(re.search(r"# v(\d+)\.", version).group(1)) >= 4, version
    assert MARKER.startswith(".")


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
        'github.event.workflow_run.event == \'pull_request\' && contains(fromJSON(\'["success", "failure", '
        '"timed_out", "cancelled"]\'), github.event.workflow_run.conclusion)'
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


def comment_steps() -> dict[str, dict]:
    return {step["name"]: step for step in load(COMMENT)["jobs"]["comment"]["steps"] if "name" in step}


def test_a_failed_run_replaces_the_comment_with_words_from_githubs_event() -> None:
    """A run that failed, timed out or was cancelled leaves no comment about an older commit: the
    comment says it failed, with the commit and the run from the workflow_run event (trusted), never
    from an artifact (which a failed run may not have, and which the pull request's code wrote)."""
    data = load(COMMENT)
    steps = comment_steps()
    assert steps["Verslag ophalen"]["if"] == "github.event.workflow_run.conclusion == 'success'"
    body = steps["Commentaar opmaken"]
    assert body["env"]["CONCLUSION"] == "${{ github.event.workflow_run.conclusion }}"
    assert body["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert body["env"]["RUN_URL"] == "${{ github.event.workflow_run.html_url }}"
    assert 'sitediff-comment --failed-run "$RUN_URL" --commit "$HEAD_SHA"' in body["run"]
    assert "verslag.zip" not in body["run"].split("else")[0]  # the failed branch reads no artifact
    assert '"open $HEAD_SHA $REPO"' in steps["Pull request bepalen"]["run"]  # still the open one with that head
    assert data["jobs"]["preview"]["if"].endswith("&& github.event.workflow_run.conclusion == 'success'")


# --- the comment job's steps, run with bash and a stand-in for gh ------------------------------------

FAKE_GH = """#!{python}
import json, os, re, shutil, sys
line = " ".join(sys.argv[1:])
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(line + "\\n")
for arg in sys.argv[1:]:
    if arg.startswith("body=@"):
        shutil.copy(arg[len("body=@"):], os.environ["FAKE_GH_BODY"])
for pattern, out in json.loads(os.environ["FAKE_GH"]):
    if re.search(pattern, line):
        print(out)
        break
"""
SHA = "1234567890abcdef1234567890abcdef12345678"
RUN_URL = "https://github.com/eigenaar/site/actions/runs/4242"


def run_step(name: str, tmp: Path, event: dict[str, str], gh: list[tuple[str, str]], outputs: dict) -> int:
    """One step of the comment job as the runner runs it (bash -eo pipefail, its env with the
    expressions filled in from `event` and earlier steps' `outputs`), with a `gh` that answers `gh`'s
    (pattern, output) pairs and keeps the body it is given. Its outputs are added to `outputs`."""
    step = comment_steps()[name]
    values = {
        "github.token": "token",
        "github.repository": "eigenaar/site",
        **{f"steps.{key}": value for key, value in outputs.items()},
        **event,
    }
    env = {
        key: re.sub(r"\$\{\{ ([^}]*) }}", lambda m: values[m.group(1)], str(value))
        for key, value in step.get("env", {}).items()
    }
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    output = tmp / "output"
    output.write_text("", encoding="utf-8")
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=ROOT,
        env={
            **os.environ,
            **load(COMMENT)["env"],
            **env,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "RUNNER_TEMP": str(tmp),
            "GITHUB_OUTPUT": str(output),
            "FAKE_GH": json.dumps(gh),
            "FAKE_GH_LOG": str(tmp / "gh.log"),
            "FAKE_GH_BODY": str(tmp / "posted.md"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    for line in output.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        outputs[f"{step['id']}.outputs.{key}"] = value
    return result.returncode


def failed_event(conclusion: str = "failure") -> dict[str, str]:
    return {
        "github.event.workflow_run.conclusion": conclusion,
        "github.event.workflow_run.head_sha": SHA,
        "github.event.workflow_run.html_url": RUN_URL,
        "github.event.workflow_run.id": "4242",
        "github.event.workflow_run.head_repository.owner.login": "fork-eigenaar",
        "github.event.workflow_run.head_branch": "mijn-tak",
        "join(github.event.workflow_run.pull_requests.*.number, ' ')": "",  # a fork's: none
    }


@pytest.mark.parametrize("conclusion", ["failure", "timed_out", "cancelled"])
def test_a_failed_run_of_a_fork_updates_its_comment_to_say_so(tmp_path: Path, conclusion: str) -> None:
    """No artifact and no pull request in the event (a fork): the open pull request of the built
    branch whose head is the built commit gets the failed-run comment in place of the old one."""
    gh = [
        (r"pulls -f state=open -f head=fork-eigenaar:mijn-tak", "7"),
        (r"repos/eigenaar/site/pulls/7 ", f"open {SHA} eigenaar/site"),
        (r"--paginate", "99"),  # the comment of an earlier run
    ]
    outputs: dict[str, str] = {}
    event = failed_event(conclusion)
    assert run_step("Pull request bepalen", tmp_path, event, gh, outputs) == 0
    assert outputs["pr.outputs.number"] == "7"
    assert run_step("Commentaar opmaken", tmp_path, event, gh, outputs) == 0
    assert outputs["body.outputs.state"] == "mislukt"
    assert run_step("Commentaar bijwerken", tmp_path, event, gh, outputs) == 0
    assert "-X PATCH repos/eigenaar/site/issues/comments/99" in (tmp_path / "gh.log").read_text(encoding="utf-8")
    posted = (tmp_path / "posted.md").read_text(encoding="utf-8")
    assert f"De sitediff van commit {SHA} is mislukt; zie de run <{RUN_URL}>." in posted
    assert posted.startswith("<!-- waardevol-werk-sitediff -->\n")


def test_a_failed_run_of_an_older_commit_leaves_the_pull_request_alone(tmp_path: Path) -> None:
    gh = [(r"pulls -f state=open", "7"), (r"pulls/7 ", "open 0000000000000000000000000000000000000000 eigenaar/site")]
    outputs: dict[str, str] = {}
    assert run_step("Pull request bepalen", tmp_path, failed_event(), gh, outputs) == 0
    assert "pr.outputs.number" not in outputs  # the steps that comment do not run


def success_event() -> dict[str, str]:
    return failed_event("success") | {"join(github.event.workflow_run.pull_requests.*.number, ' ')": "7"}


def test_an_artifact_that_cannot_be_read_posts_the_refused_comment(tmp_path: Path) -> None:
    """A spoiled artifact: the comment says the report was refused (fixed words), and the job fails."""
    (tmp_path / "verslag.zip").write_bytes(b"PK\x03\x04 niet echt een zip")
    gh = [(r"pulls/7 ", f"open {SHA} eigenaar/site"), (r"--paginate", "")]
    outputs: dict[str, str] = {}
    assert run_step("Pull request bepalen", tmp_path, success_event(), gh, outputs) == 0
    assert run_step("Commentaar opmaken", tmp_path, success_event(), gh, outputs) == 0
    assert outputs["body.outputs.state"] == "ongeldig"
    assert run_step("Commentaar bijwerken", tmp_path, success_event(), gh, outputs) == 1
    assert "-X POST repos/eigenaar/site/issues/7/comments" in (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert "kon niet worden gelezen" in (tmp_path / "posted.md").read_text(encoding="utf-8")


def test_a_missing_or_oversized_artifact_is_refused_in_the_comment_too(tmp_path: Path) -> None:
    gh = [
        (r"runs/4242/artifacts", "31 9000000"),  # too large to download
        (r"pulls/7 ", f"open {SHA} eigenaar/site"),
        (r"--paginate", "99"),
    ]
    outputs: dict[str, str] = {}
    for name in ("Verslag ophalen", "Pull request bepalen", "Commentaar opmaken"):
        assert run_step(name, tmp_path, success_event(), gh, outputs) == 0, name
    assert not (tmp_path / "verslag.zip").exists()
    assert outputs["body.outputs.state"] == "ongeldig"
    assert run_step("Commentaar bijwerken", tmp_path, success_event(), gh, outputs) == 1
    assert "kon niet worden gelezen" in (tmp_path / "posted.md").read_text(encoding="utf-8")


def test_an_empty_report_posts_no_new_comment(tmp_path: Path) -> None:
    from macros.wiring.sitereport import SECTIONS

    report = {
        "version": 1,
        "config": "mkdocs.yml",
        "source_date_epoch": 0,
        "base": {"label": "HEAD^1", "commit": SHA, "built": True},
        "head": {"label": "HEAD", "commit": SHA, "built": True},
        **{name: [] for name in SECTIONS},
    }
    with zipfile.ZipFile(tmp_path / "verslag.zip", "w") as archive:
        archive.writestr("report.json", json.dumps(report))
    gh = [(r"pulls/7 ", f"open {SHA} eigenaar/site"), (r"--paginate", "")]
    outputs: dict[str, str] = {}
    for name in ("Pull request bepalen", "Commentaar opmaken", "Commentaar bijwerken"):
        assert run_step(name, tmp_path, success_event(), gh, outputs) == 0, name
    assert outputs["body.outputs.state"] == "leeg"
    assert "-X P" not in (tmp_path / "gh.log").read_text(encoding="utf-8")  # no PATCH, no POST


def test_no_comment_is_written_when_none_was_rendered(tmp_path: Path) -> None:
    """sitediff-comment that printed no state (it crashed, or was never run) leaves every comment alone."""
    gh = [(r"--paginate", "99")]
    outputs = {"pr.outputs.number": "7", "body.outputs.state": ""}
    assert run_step("Commentaar bijwerken", tmp_path, success_event(), gh, outputs) == 1
    assert not (tmp_path / "gh.log").exists() or "-X P" not in (tmp_path / "gh.log").read_text(encoding="utf-8")
