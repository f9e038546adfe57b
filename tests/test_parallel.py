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


def test_a_few_dozen_documents_are_rendered_here_without_starting_processes():
    generation, planned = _planned(PoolRenderer.HERE + 5)
    with PoolRenderer(generation.sources, 2) as renderer:
        handles = [renderer.submit(item) for item in planned]
        results = [handle.result() for handle in handles]
        assert renderer._executor is None
    assert results == [SequentialRenderer().submit(item).result() for item in planned]


def test_full_batches_go_to_the_processes_and_come_back_the_same_bytes():
    generation, planned = _planned(PoolRenderer.HERE + PoolRenderer.BATCH * 2 + 3)
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


def test_the_processes_write_what_the_run_allows_and_send_back_only_hashes(tmp_path):
    """A worker writes a new document (or one nobody edited) itself; one that would go beside
    an edit comes back as bytes; one whose file already holds its bytes is not written."""
    from mttq_docs.manifest import sha256
    from mttq_docs.sync import Delivery

    generation, planned = _planned(PoolRenderer.HERE + PoolRenderer.BATCH + 3)
    expected = [SequentialRenderer().submit(item).result() for item in planned]
    deliveries = []
    for index, item in enumerate(planned):
        target = str(tmp_path / f"{index}.docx")
        if index % 3 == 0:
            deliveries.append(Delivery(target, None))  # a new file
        elif index % 3 == 1:
            deliveries.append(Delivery(None, "edited"))  # beside an edit: bytes come back
        else:
            deliveries.append(Delivery(target, expected[index].digest))  # already there
    with PoolRenderer(generation.sources, 2) as renderer:
        handles = [renderer.submit(item, d) for item, d in zip(planned, deliveries)]
        made = [handle.result() for handle in handles]
        assert renderer._executor is not None
    for index, (result, want) in enumerate(zip(made, expected)):
        assert result.digest == want.digest == sha256(want.data)
        path = tmp_path / f"{index}.docx"
        if index % 3 == 0:
            assert result.data is None and path.read_bytes() == want.data
            assert result.written == (path.stat().st_size, path.stat().st_mtime_ns)
        elif index % 3 == 1:
            assert result.data == want.data and not path.exists()
        else:
            assert result.data is None and result.written is None and not path.exists()
