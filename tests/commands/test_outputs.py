"""Outputs are checked writable before any work (one line naming the path and the reason), the check
leaves nothing behind, and an error while writing is the same one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from wasteopt.commands.common import UnwritableOutput
from wasteopt.commands import outputs
from wasteopt.commands.outputs import check_writable, writing

not_root = pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders and files")


def refused(**kwargs: list) -> str:
    with pytest.raises(UnwritableOutput) as caught:
        check_writable(**kwargs)
    return str(caught.value)


def test_missing_folders_pass_and_are_not_left_behind(tmp_path: Path) -> None:
    check_writable(files=[tmp_path / "a" / "b" / "plan.json"], folders=[tmp_path / "c" / "d"])
    assert list(tmp_path.iterdir()) == []


def test_existing_folder_and_file_pass_and_are_untouched(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("old", encoding="utf-8")
    check_writable(files=[tmp_path / "plan.json"], folders=[tmp_path])
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == "old"


def test_a_file_where_a_folder_is_needed(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("", encoding="utf-8")
    target = tmp_path / "out" / "sub" / "plan.json"
    assert refused(files=[target]) == f"{target}: cannot write: {tmp_path / 'out'} is a file, not a folder"
    assert refused(folders=[tmp_path / "out"]) == f"{tmp_path / 'out'}: cannot write: {tmp_path / 'out'} is a file, not a folder"


def test_a_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    (tmp_path / "report.html").mkdir()
    assert refused(files=[tmp_path / "report.html"]) == f"{tmp_path / 'report.html'}: cannot write: Is a directory"


def test_a_folder_that_refuses_files_names_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(kwargs["dir"]))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", denied)
    target = tmp_path / "out" / "plan.json"
    assert refused(files=[target]) == f"{target}: cannot write: Permission denied"
    assert not (tmp_path / "out").exists()


@not_root
def test_a_read_only_folder(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir(mode=0o555)
    try:
        assert refused(files=[tmp_path / "ro" / "plan.json"]) == f"{tmp_path / 'ro' / 'plan.json'}: cannot write: Permission denied"
        assert refused(folders=[tmp_path / "ro" / "new"]) == f"{tmp_path / 'ro' / 'new'}: cannot write: Permission denied"
    finally:
        (tmp_path / "ro").chmod(0o755)


@not_root
def test_a_read_only_file(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("", encoding="utf-8")
    (tmp_path / "plan.json").chmod(0o444)
    assert refused(files=[tmp_path / "plan.json"]) == f"{tmp_path / 'plan.json'}: cannot write: Permission denied (read-only file)"


def test_an_error_while_writing_is_one_line_naming_the_file() -> None:
    with pytest.raises(UnwritableOutput) as caught:
        with writing("out"):
            raise OSError(errno.ENOSPC, "No space left on device", "out/sheets/T01.csv")
    assert str(caught.value) == "out/sheets/T01.csv: cannot write: No space left on device"
    with pytest.raises(UnwritableOutput) as caught:
        with writing("out/plan.json"):
            raise OSError(errno.EIO, "Input/output error")
    assert str(caught.value) == "out/plan.json: cannot write: Input/output error"
