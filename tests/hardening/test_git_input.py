"""Git's actions refuse names that are not what they claim, before git sees them."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support import git


def test_a_branch_name_with_a_nul_byte_is_refused(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    for action, body in (("branches", {"name": "nul\x00b"}), ("checkout", {"branch": "nul\x00b"})):
        response = api.post(f"/projects/{project['id']}/git/{action}", json=body)
        assert response.status_code == 400, response.text
        assert "not a valid branch name" in response.json()["detail"]
    assert "nul" not in git(project_root, "branch", "--format=%(refname:short)").split()


def test_discarding_refuses_paths_out_of_the_project_and_names_too_long(
    api: httpx.Client, project: dict, project_root: Path, tmp_path: Path
) -> None:
    (tmp_path / "kept.txt").write_text("outside\n")
    link = project_root / "link_out"
    link.symlink_to(tmp_path, target_is_directory=True)
    try:
        for path in ("link_out/kept.txt", "n" * 5000):
            response = api.post(f"/projects/{project['id']}/git/discard", json={"paths": [path]})
            assert response.status_code == 400, response.text
    finally:
        link.unlink()
    assert (tmp_path / "kept.txt").read_text() == "outside\n"
