"""No command writes through a link out of the output folder (issue 21, item 8)."""

from __future__ import annotations

import os
import shutil

import pytest

from mttq_docs import api
from mttq_docs.errors import ErrorCode, OutsideFolder
from mttq_docs.manifest import RECORD_NAME

from .helpers import small_workbook


def test_a_record_linked_to_a_file_outside_is_refused(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "ngoai.sqlite"
    out.mkdir()
    outside.write_bytes(b"tep cua nguoi khac")
    os.symlink(outside, out / RECORD_NAME)
    with pytest.raises(OutsideFolder) as caught:
        api.generate(small_workbook(tmp_path / "v.xlsx"), out, jobs=1)
    assert caught.value.code is ErrorCode.OUTSIDE_FOLDER
    assert outside.read_bytes() == b"tep cua nguoi khac"


def test_collect_does_not_follow_a_province_folder_linked_elsewhere(tmp_path):
    workbook, out = small_workbook(tmp_path / "v.xlsx"), tmp_path / "out"
    api.generate(workbook, out, jobs=1)
    elsewhere = tmp_path / "noi_khac"
    shutil.move(out / "tinh", elsewhere)
    os.symlink(elsewhere, out / "tinh")
    before = sorted(p.name for p in elsewhere.iterdir())
    with pytest.raises(OutsideFolder):
        api.collect(out, workbook)
    assert sorted(p.name for p in elsewhere.iterdir()) == before
