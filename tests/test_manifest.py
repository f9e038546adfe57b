"""The regeneration record: read back the same, not rewritten when nothing changed, forgetting
what was not saved, one writing run at a time; a JSON record of an earlier version is taken
over, and a damaged one reported."""

import json
import sqlite3

import pytest

from mttq_docs.errors import OutputError
from mttq_docs.manifest import LEGACY_NAME, RECORD_NAME, Beside, Manifest, Record


def records():
    return {"cam_giang/01_ke_hoach_xa.docx": Record("i", "o", "huyện Cẩm Giàng: Kế hoạch \"xã\"",
                                                    Beside("a.moi.docx", "i2", "o2"), 15, 7),
            "tinh/02_du_toan_2017.docx": Record("j", "p")}


def saved(folder, files=None, derived=None):
    with Manifest.open(folder) as manifest:
        for name, record in (files or {}).items():
            manifest.records[name] = record
        for name, record in (derived or {}).items():
            manifest.derived[name] = record
        manifest.save()


def test_the_record_round_trips(tmp_path):
    saved(tmp_path, records(), {"tinh/a.pdf": Record("s", "t")})
    with Manifest.load(tmp_path) as again:
        assert dict(again.records) == records()
        assert dict(again.derived) == {"tinh/a.pdf": Record("s", "t")}
        assert len(again.records) == 2
        assert again.records.get("absent.docx") is None


def test_an_unchanged_record_is_not_written_again(tmp_path):
    saved(tmp_path, records())
    path = tmp_path / RECORD_NAME
    before = path.stat().st_mtime_ns, path.read_bytes()
    saved(tmp_path, records())  # equal records: no change
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    saved(tmp_path, {"tinh/02_du_toan_2017.docx": Record("j", "changed")})
    with Manifest.load(tmp_path) as again:
        assert again.records["tinh/02_du_toan_2017.docx"].output == "changed"


def test_what_was_not_saved_is_forgotten(tmp_path):
    saved(tmp_path, records())
    with Manifest.open(tmp_path) as manifest:
        manifest.records["tinh/new.docx"] = Record("x", "y")
        del manifest.records["tinh/02_du_toan_2017.docx"]
    with Manifest.load(tmp_path) as again:
        assert dict(again.records) == records()


def test_a_dry_run_copy_writes_nothing(tmp_path):
    with Manifest.open(tmp_path / "new", dry_run=True) as manifest:
        manifest.records["a.docx"] = Record("x", "y")
    assert not (tmp_path / "new").exists()
    saved(tmp_path, records())
    before = sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir())
    with Manifest.open(tmp_path, dry_run=True) as manifest:
        manifest.records["a.docx"] = Record("x", "y")
        assert len(manifest.records) == 3
    assert sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir()) == before


def test_unseen_lists_the_records_a_run_did_not_ask_for(tmp_path):
    saved(tmp_path, records())
    with Manifest.load(tmp_path) as manifest:
        manifest.seen("tinh/02_du_toan_2017.docx")
        manifest.seen("tinh/not_recorded.docx")
        assert manifest.unseen() == [("cam_giang/01_ke_hoach_xa.docx",
                                      records()["cam_giang/01_ke_hoach_xa.docx"])]


def test_a_folder_seen_covers_every_file_recorded_in_it_and_only_those(tmp_path):
    """A folder passed over is noted whole: its files (in subfolders too) are not unseen; a
    folder whose name starts alike, or a file at the top, still is."""
    names = ["an/a.docx", "an/sub/b.docx", "an_binh/c.docx", "an0/d.docx", "anx.docx",
             "tinh/e.docx"]
    with Manifest.open(tmp_path) as manifest:
        for name in names:
            manifest.records[name] = Record("i", "o")
        manifest.seen_folder("an")
        manifest.seen("tinh/e.docx")
        assert [path for path, _ in manifest.unseen()] == ["an0/d.docx", "an_binh/c.docx",
                                                           "anx.docx"]
        with pytest.raises(ValueError):
            manifest.seen_folder("an/sub")


def test_a_second_writing_run_on_the_same_folder_is_refused(tmp_path):
    with Manifest.open(tmp_path):
        with pytest.raises(OutputError, match="đang được một lần chạy khác ghi"):
            Manifest.open(tmp_path)
        with Manifest.load(tmp_path) as reader:  # reading (a dry run) is still allowed
            assert len(reader.records) == 0


def test_a_json_record_of_an_earlier_version_is_taken_over(tmp_path):
    entries = {name: {k: v for k, v in {
        "inputs": r.inputs, "output": r.output, "label": r.label, "size": r.size,
        "mtime_ns": r.mtime_ns,
        "beside": r.beside and {"path": r.beside.path, "inputs": r.beside.inputs,
                                "output": r.beside.output}}.items() if v}
        for name, r in records().items()}
    (tmp_path / LEGACY_NAME).write_text(json.dumps(
        {"format": 1, "files": entries, "derived": {"tinh/a.pdf": {"inputs": "s", "output": "t"}}},
        ensure_ascii=False, indent=1), encoding="utf-8")
    with Manifest.open(tmp_path, dry_run=True) as preview:  # a dry run reads it, moves nothing
        assert dict(preview.records) == records()
    assert (tmp_path / LEGACY_NAME).exists()
    with Manifest.open(tmp_path) as manifest:
        assert dict(manifest.records) == records()
        assert dict(manifest.derived) == {"tinh/a.pdf": Record("s", "t")}
    assert not (tmp_path / LEGACY_NAME).exists()
    assert (tmp_path / f"{LEGACY_NAME}.imported").exists()
    with Manifest.load(tmp_path) as again:
        assert dict(again.records) == records()


@pytest.mark.parametrize("name, content", [(RECORD_NAME, b"not a database at all" * 100),
                                           (LEGACY_NAME, b"{not json")])
def test_a_damaged_record_is_reported(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    for dry_run in (True, False):
        with pytest.raises(OutputError, match="bị hỏng"):
            Manifest.open(tmp_path, dry_run=dry_run)
    assert (tmp_path / name).read_bytes() == content


def test_a_record_from_a_newer_version_is_not_touched(tmp_path):
    saved(tmp_path, records())
    db = sqlite3.connect(tmp_path / RECORD_NAME)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(OutputError, match="phiên bản mttq-docs mới hơn"):
        Manifest.open(tmp_path)
