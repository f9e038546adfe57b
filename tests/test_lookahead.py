"""A re-run has another process read its output folder's record and files while it reads the
workbook (:mod:`mttq_docs.lookahead`): the same answers as reading them itself, taken only
while the record is the file that process read, and nothing lost when that process fails."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from mttq_docs import api, folder_memo, lookahead
from mttq_docs.documents import remembered_in
from mttq_docs.manifest import RECORD_NAME, Manifest, Record
from mttq_docs.output import OutputFolder

from .helpers import small_workbook, watch_passed

TODAY = dt.date(2017, 8, 1)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), folder, today=TODAY)
    return folder


def answers_here(out, generation: api.Generation) -> dict[str, int | None]:
    """What the run finds itself for each folder, with its key now."""
    with Manifest.load(out) as manifest:
        return {folder.folder: folder_memo.passable(manifest, OutputFolder(out), folder.folder,
                                                    generation.folder_key(folder))
                for folder in generation.layout.folders}


def test_the_other_process_finds_what_the_run_would_find(tmp_path, out, monkeypatch):
    edited = sorted((out / "kinh_mon").glob("01_*.docx"))[0]
    edited.write_bytes(edited.read_bytes() + b"\0")
    touched = sorted((out / "tinh").glob("*.docx"))[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    monkeypatch.setattr(lookahead, "LARGE_RECORD", 0)
    looking = lookahead.start(out)
    assert isinstance(looking, lookahead.Lookahead)
    generation = api.prepare(small_workbook(tmp_path / "v1b.xlsx"), out=out, looking=looking)
    assert generation.remembered == remembered_in(out)
    assert generation.remembered.folders  # the district folders' names are remembered
    looked = looking.folders()
    assert looked is not None
    expected = answers_here(out, generation)
    assert {folder: looked.passable(folder, generation.folder_key(place))
            for place in generation.layout.folders
            for folder in [place.folder]} == expected == {"tinh": None, "cam_giang": 10,
                                                         "kinh_mon": None}
    assert looked.passable("cam_giang", "another key") is None


def test_a_run_takes_the_other_processs_answers(tmp_path, out, monkeypatch):
    monkeypatch.setattr(lookahead, "LARGE_RECORD", 0)
    generation = api.prepare(small_workbook(tmp_path / "v1b.xlsx"), out=out)
    assert isinstance(generation.lookahead, lookahead.Lookahead)  # started by prepare itself
    monkeypatch.setattr(folder_memo, "passable", lambda *args: pytest.fail("looked at here"))
    passed = watch_passed(generation, monkeypatch)
    result = generation.write(out, today=TODAY)
    assert passed == ["tinh", "cam_giang", "kinh_mon"] and result.counts() == {"unchanged": 23}


def test_a_record_changed_after_it_was_read_is_read_again(tmp_path, out, monkeypatch):
    monkeypatch.setattr(lookahead, "LARGE_RECORD", 0)
    looking = lookahead.start(out)
    assert looking is not None
    generation = api.prepare(small_workbook(tmp_path / "v1b.xlsx"), out=out, looking=looking)
    looking._folders.result()  # the other process has read the record
    with Manifest.open(out) as manifest:  # another run writes in between
        manifest.records["cam_giang/ghi_chu.docx"] = Record("i", "o")
        manifest.save()
    assert looking.folders() is None
    # The run then looks at each folder itself: the new record opens its folder (the other
    # process saw it as it was, to be passed over).
    generation.lookahead = looking
    passed = watch_passed(generation, monkeypatch)
    generation.write(out, today=TODAY)
    assert passed == ["tinh", "kinh_mon"]


def test_a_run_whose_other_process_failed_reads_the_record_itself(tmp_path, out, monkeypatch):
    """The other process cannot read the record (here: it is gone when it looks); the run
    reads what it needs itself, and does what it would have done."""
    monkeypatch.setattr(lookahead, "LARGE_RECORD", 0)
    record = out / RECORD_NAME
    kept = record.read_bytes()
    looking = lookahead.start(out)
    assert looking is not None
    record.unlink()  # before the other process has started (it takes a fraction of a second)
    assert looking.folders() is None
    record.write_bytes(kept)
    generation = api.prepare(small_workbook(tmp_path / "v1b.xlsx"), out=out, looking=looking)
    passed = watch_passed(generation, monkeypatch)
    result = generation.write(out, today=TODAY)
    assert result.counts() == {"unchanged": 23}
    assert passed == ["tinh", "cam_giang", "kinh_mon"]


def test_a_small_record_is_read_by_the_run_itself(out):
    assert (out / RECORD_NAME).stat().st_size < lookahead.LARGE_RECORD
    assert lookahead.start(out) is None
    assert lookahead.start(out / "khong_co") is None


def test_the_stamp_tells_a_changed_record(out):
    record = out / RECORD_NAME
    before = lookahead.stamp(record)
    assert lookahead.stamp(record) == before
    with Manifest.open(out) as manifest:
        manifest.records["tinh/x.docx"] = Record("i", "o")
        manifest.save()
    assert lookahead.stamp(record) != before
