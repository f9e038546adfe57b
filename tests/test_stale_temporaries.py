"""A run looks for the temporary files (``.~*.tmp``) a killed run left only when the record
says the last writing run did not end cleanly, or cannot say (a record of an older version)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from mttq_docs import sync
from mttq_docs.manifest import RECORD_NAME, Manifest
from mttq_docs.sync import synchronise


@pytest.fixture
def walks(monkeypatch) -> list[str]:
    """The folders ``os.walk`` was asked to walk by :mod:`mttq_docs.sync`."""
    walked: list[str] = []
    walk = os.walk

    def counting(top, *args, **kwargs):
        walked.append(str(top))
        return walk(top, *args, **kwargs)

    monkeypatch.setattr(sync.os, "walk", counting)
    return walked


def killed_run(out) -> os.PathLike[str]:
    """A run that started writing and was killed, leaving a temporary file."""
    manifest = Manifest.open(out)
    manifest.writing()
    (out / "huyen").mkdir(exist_ok=True)
    stale = out / "huyen" / ".~abc123.tmp"
    stale.write_bytes(b"half a document")
    manifest.close()  # as a kill leaves it: no clean end noted
    return stale


def test_a_new_folder_is_looked_at_then_not_after_a_clean_run(tmp_path, walks):
    out = tmp_path / "out"
    synchronise(out, [])
    assert len(walks) == 1  # no record yet: nothing says no run was killed
    synchronise(out, [])
    assert len(walks) == 1


def test_a_killed_runs_temporary_is_removed_by_the_next_run(tmp_path, walks):
    out = tmp_path / "out"
    synchronise(out, [])
    stale = killed_run(out)
    synchronise(out, [])
    assert not os.path.exists(stale) and len(walks) == 2
    synchronise(out, [])
    assert len(walks) == 2


def test_a_run_ended_by_an_error_is_looked_after(tmp_path, walks):
    out = tmp_path / "out"
    synchronise(out, [])
    with pytest.raises(RuntimeError), Manifest.open(out) as manifest:
        manifest.writing()
        raise RuntimeError("disk failed")
    synchronise(out, [])
    assert len(walks) == 2


def test_a_record_of_an_older_version_is_looked_after(tmp_path, walks):
    out = tmp_path / "out"
    synchronise(out, [])
    db = sqlite3.connect(out / RECORD_NAME)
    db.execute("DROP TABLE runs")
    db.commit()
    db.close()
    synchronise(out, [])
    assert len(walks) == 2
    synchronise(out, [])
    assert len(walks) == 2


def test_a_run_that_does_not_look_keeps_the_note(tmp_path, walks):
    """A run writing without looking (``collect``), or a dry run, after a killed run: the next
    run still looks."""
    out = tmp_path / "out"
    synchronise(out, [])
    stale = killed_run(out)
    with Manifest.open(out):
        pass
    synchronise(out, [], dry_run=True)
    assert os.path.exists(stale) and len(walks) == 1
    synchronise(out, [])
    assert not os.path.exists(stale) and len(walks) == 2


def test_a_run_that_writes_nothing_leaves_the_record_as_it_was(tmp_path, walks):
    out = tmp_path / "out"
    synchronise(out, [])
    record = out / RECORD_NAME
    before = record.stat().st_mtime_ns, record.read_bytes()
    synchronise(out, [])
    with pytest.raises(RuntimeError), Manifest.open(out):
        raise RuntimeError("failed before writing a file")
    assert (record.stat().st_mtime_ns, record.read_bytes()) == before
    synchronise(out, [])
    assert len(walks) == 1


def test_a_temporary_beside_the_folders_notes_is_removed_by_every_run(tmp_path, walks):
    """The notes of a run (which plan made the folder, its trials) are written in the output
    folder itself without a note in the record: each run looks there."""
    out = tmp_path / "out"
    synchronise(out, [])
    stale = out / ".~note.tmp"
    stale.write_bytes(b"{")
    synchronise(out, [])
    assert not stale.exists() and len(walks) == 1
