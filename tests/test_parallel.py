"""Rendering in other processes gives the same bytes as here, and starts no process for a
handful of documents; files written without a flush each are flushed before the record is
saved (one by one when few, all at once when many)."""

import itertools
import os

import pytest

from mttq_docs import api, output
from mttq_docs.parallel import PoolRenderer
from mttq_docs.sync import SequentialRenderer


def _planned(count):
    generation = api.prepare(api.SHIPPED_WORKBOOK)
    return generation, list(itertools.islice(generation.planned(), count))


def test_a_handful_of_documents_is_rendered_here_without_starting_processes():
    generation, planned = _planned(5)
    with PoolRenderer(generation.sources, 2) as renderer:
        handles = [renderer.submit(item) for item in planned]
        results = [handle.result() for handle in handles]
        assert renderer._executor is None
    assert results == [SequentialRenderer().submit(item).result() for item in planned]


def test_full_batches_go_to_the_processes_and_come_back_the_same_bytes():
    generation, planned = _planned(PoolRenderer.BATCH * 2 + 3)
    with PoolRenderer(generation.sources, 2) as renderer:
        handles = [renderer.submit(item) for item in planned]
        results = [handle.result() for handle in handles]
        assert renderer._executor is not None
    assert results == [SequentialRenderer().submit(item).result() for item in planned]


def test_few_written_files_are_flushed_one_by_one_and_many_at_once(tmp_path, monkeypatch):
    if not output.CAN_FLUSH_ALL:
        pytest.skip("no os.sync here (Windows): every file is flushed as it is written")
    flushed, synced = [], []
    monkeypatch.setattr(os, "fsync", lambda handle: flushed.append(handle))
    monkeypatch.setattr(os, "sync", lambda: synced.append(True))
    paths = []
    for index in range(3):
        paths.append(tmp_path / "a" / f"{index}.docx")
        output.write_atomic(paths[-1], b"x", flush_to_disk=False)
    assert flushed == []  # nothing flushed while writing
    output.flush_written(paths)
    assert len(flushed) == 3 + 1 and synced == []  # the files, then their folder
    flushed.clear()
    output.flush_written(paths * (output.FLUSH_ONE_BY_ONE // 3 + 1))
    assert flushed == [] and synced == [True]
