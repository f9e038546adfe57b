"""Regenerating into a folder where people have been working: nothing of theirs is lost."""

import datetime as dt
import sqlite3

import docx
import pytest
from click.testing import CliRunner

from mttq_docs import api, sync
from mttq_docs.cli import main
from mttq_docs.manifest import RECORD_NAME

from .helpers import docx_text, small_workbook

TODAY = dt.date(2017, 8, 1)


def snapshot(folder):
    """Every file under ``folder``: bytes and modification time."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def hand_edit(path, text="Cán bộ xã đã bổ sung nội dung này."):
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))
    return path.read_bytes()


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), folder, today=TODAY)
    return folder


def test_same_inputs_give_byte_identical_files(tmp_path, out):
    again = tmp_path / "again"
    api.generate(small_workbook(tmp_path / "v1b.xlsx"), again, today=TODAY)
    first = {k: v[0] for k, v in snapshot(out).items() if k.endswith(".docx")}
    second = {k: v[0] for k, v in snapshot(again).items() if k.endswith(".docx")}
    assert first == second


def test_second_run_with_unchanged_workbook_touches_no_file(tmp_path, out):
    before = snapshot(out)
    copy = small_workbook(tmp_path / "v1c.xlsx")
    result = api.generate(copy, out, today=TODAY)
    assert result.counts() == {"unchanged": 23}
    after = snapshot(out)
    # Only the note of which workbook made the folder changed: another file (a copy) did.
    assert {k: v for k, v in after.items() if k != ".mttq-docs-plan.json"} == {
        k: v for k, v in before.items() if k != ".mttq-docs-plan.json"}
    api.generate(copy, out, today=TODAY)
    assert snapshot(out) == after


def test_edited_files_are_kept_and_new_versions_written_beside(tmp_path, out):
    edited = {p: hand_edit(p) for p in sorted((out / "kinh_mon").glob("0*.docx"))}
    assert len(edited) == 10
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = api.generate(workbook, out, today=TODAY)
    for path, data in edited.items():
        assert path.read_bytes() == data, path
    changed = [o for o in result.conflicts]
    # Every document whose content depends on the date got a new version beside the edit.
    assert {o.path.name for o in changed} >= {"01_ke_hoach_chua_chon_xa.docx",
                                              "03_khanh_tiet_chua_chon_xa.docx",
                                              "04_giay_moi_chua_chon_xa.docx"}
    for outcome in changed:
        assert outcome.moved_to.name == outcome.path.name.replace(".docx", ".moi-2017-08-01.docx")
        assert outcome.label.startswith("huyện Kinh Môn")
    banner = out / "kinh_mon" / "03_khanh_tiet_chua_chon_xa.moi-2017-08-01.docx"
    assert "ngày 15 tháng 8 năm 2017" in docx_text(banner)
    # Files of the other district were not touched.
    assert not list((out / "cam_giang").glob("*.moi-*"))


def test_an_edit_gets_no_copy_beside_it_when_only_the_inputs_changed(tmp_path, out):
    """Another version of the program (its fingerprints all change) makes the same document as
    before: a person's edit gets no "new version" beside it that is the very file they
    started from; the record takes the new inputs, so the next run reads nothing again."""
    edited = out / "kinh_mon" / "03_khanh_tiet_chua_chon_xa.docx"
    data = hand_edit(edited)
    with sqlite3.connect(out / RECORD_NAME) as db:
        db.execute("UPDATE files SET inputs = 'phien_ban_cu'")
    db.close()
    workbook = small_workbook(tmp_path / "v1b.xlsx")
    result = api.generate(workbook, out, today=TODAY)
    assert edited.read_bytes() == data
    assert not list(out.rglob("*.moi-*")) and result.conflicts == []
    assert result.counts() == {"unchanged": 22, "edited": 1}
    assert result.unresolved.get("kinh_mon", []) == []  # the contents list names no edit
    with sqlite3.connect(out / RECORD_NAME) as db:
        assert db.execute("SELECT inputs FROM files WHERE path = ?",
                          (f"kinh_mon/{edited.name}",)).fetchone() != ("phien_ban_cu",)
    db.close()
    # A real change of the document still goes beside the edit.
    changed = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = api.generate(changed, out, today=TODAY)
    assert [o.path.name for o in result.conflicts] == [edited.name]
    beside = result.conflicts[0].moved_to
    assert result.unresolved["kinh_mon"] == [edited.name]  # in the folder's contents list
    # The change undone: the newest document is again the one edited from. The copy beside
    # stays on the disk, no longer named in the contents list as the edit's newer version.
    result = api.generate(small_workbook(tmp_path / "v1c.xlsx"), out, today=TODAY)
    assert result.conflicts == [] and (out / beside).exists() and edited.read_bytes() == data
    assert result.unresolved.get("kinh_mon", []) == []


def test_summary_names_the_conflicts(tmp_path, out):
    hand_edit(out / "kinh_mon" / "03_khanh_tiet_chua_chon_xa.docx")
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = CliRunner().invoke(main, ["generate", "--input", str(workbook), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 đã sửa tay, bản mới ghi bên cạnh" in result.output
    assert ("huyện Kinh Môn, chưa chọn xã: Khánh tiết hội nghị: kinh_mon/03_khanh_tiet_chua_chon_xa"
            ".docx → kinh_mon/03_khanh_tiet_chua_chon_xa.moi-") in result.output


def test_a_conflict_is_written_once_not_on_every_run(tmp_path, out):
    hand_edit(out / "kinh_mon" / "03_khanh_tiet_chua_chon_xa.docx")
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    api.generate(workbook, out, today=TODAY)
    before = snapshot(out)
    result = api.generate(workbook, out, today=TODAY)
    assert snapshot(out) == before
    assert len(result.conflicts) == 1


def test_changing_a_districts_commune_archives_the_old_documents(tmp_path, out):
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Xã/Thị trấn": "Minh Tân"})
    api.generate(workbook, out, today=TODAY)
    old = snapshot(out)
    edited = hand_edit(out / "kinh_mon" / "01_ke_hoach_thi_tran_minh_tan.docx")
    workbook = small_workbook(tmp_path / "v3.xlsx", **{"Xã/Thị trấn": "Hiệp Sơn"})
    result = api.generate(workbook, out, today=TODAY)
    archived = [o for o in result.outcomes if o.status == "archive"]
    assert len(archived) == 8
    for outcome in archived:
        moved = out / outcome.moved_to
        assert str(outcome.moved_to).startswith("_luu_tru/2017-08-01/kinh_mon/")
        if outcome.path.name == "01_ke_hoach_thi_tran_minh_tan.docx":
            assert moved.read_bytes() == edited
        else:
            assert moved.read_bytes() == old[str(outcome.path)][0]
    assert sorted(p.name for p in (out / "kinh_mon").glob("0[1-8]*")) == [
        f"{i:02d}_{k}_xa_hiep_son.docx" for i, k in enumerate(
            ["ke_hoach", "bao_cao", "khanh_tiet", "giay_moi", "chuong_trinh", "quyet_dinh_bcd",
             "quy_uoc", "cam_ket"], 1)]


def test_changing_a_districts_model_updates_its_documents(tmp_path, out):
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Mã mô hình": "NTM"})
    result = api.generate(workbook, out, today=TODAY)
    plan = out / "kinh_mon" / "01_ke_hoach_chua_chon_xa.docx"
    assert "Chương trình mục tiêu quốc gia xây dựng nông thôn mới" in docx_text(plan)
    assert "Đăng ký tạm trú" not in docx_text(plan)
    # ANTT drafts a Quy ước; NTM a Quy chế: the old draft goes to the archive.
    assert (out / "kinh_mon" / "07_quy_che_chua_chon_xa.docx").exists()
    assert not (out / "kinh_mon" / "07_quy_uoc_chua_chon_xa.docx").exists()
    statuses = {o.path.name: o.status for o in result.outcomes if "kinh_mon" in str(o.path)}
    assert statuses["01_ke_hoach_chua_chon_xa.docx"] == "update"
    assert statuses["07_quy_uoc_chua_chon_xa.docx"] == "archive"
    assert statuses["07_quy_che_chua_chon_xa.docx"] == "create"


def test_a_deleted_file_is_written_again(tmp_path, out):
    target = out / "cam_giang" / "02_bao_cao_chua_chon_xa.docx"
    data = target.read_bytes()
    target.unlink()
    result = api.generate(small_workbook(tmp_path / "v1.xlsx"), out, today=TODAY)
    assert target.read_bytes() == data
    assert result.counts()["recreate"] == 1


def test_dry_run_writes_nothing_and_says_what_would_happen(tmp_path, out):
    hand_edit(out / "kinh_mon" / "01_ke_hoach_chua_chon_xa.docx")
    before = snapshot(out)
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = CliRunner().invoke(main, ["generate", "--dry-run", "--input", str(workbook),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot(out) == before
    assert "Chạy thử: chưa ghi tệp nào." in result.output
    assert "đã sửa tay, bản mới ghi bên cạnh kinh_mon/01_ke_hoach_chua_chon_xa.docx" in result.output
    assert "cập nhật" in result.output


def test_a_run_counts_every_file_and_lists_at_most_so_many_of_a_kind(tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "KEEP_OUTCOMES", 3)
    workbook = small_workbook(tmp_path / "v1.xlsx")
    shown = CliRunner().invoke(main, ["generate", "--dry-run", "--input", str(workbook),
                                      "--out", str(tmp_path / "outputs")])
    assert shown.exit_code == 0, shown.output
    assert shown.output.count("tạo mới") == 3 + 1  # three listed, then the count
    assert "… và 20 tệp khác" in shown.output
    assert "23 tạo mới" in shown.output
    seen = []
    result = api.generate(workbook, tmp_path / "outputs", today=TODAY,
                          progress=lambda e: e.phase is api.Phase.WRITE and seen.append(e))
    assert result.counts() == {"create": 23} and result.document_count == 23
    assert [o.status for o in result.outcomes] == ["create"] * 3
    assert result.tally.left_out == 20
    assert len(seen) == 23  # every outcome still reaches the progress callback
    again = api.generate(workbook, tmp_path / "outputs", today=TODAY)
    assert again.counts() == {"unchanged": 23} and again.outcomes == []


def test_an_interrupted_run_is_finished_by_the_next(tmp_path, monkeypatch):
    folder = tmp_path / "outputs"
    workbook = small_workbook(tmp_path / "v1.xlsx")
    calls = []

    def stop_after_five(event):
        if event.phase is api.Phase.WRITE:
            calls.append(event)
        if len(calls) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        api.generate(workbook, folder, progress=stop_after_five, today=TODAY)
    # The processes rendering ahead of the run write what they render: the documents in
    # flight may be on disk, not recorded; the next run recognises them by their bytes.
    written = len(list(folder.rglob("*.docx")))
    assert 5 <= written < 23
    assert not list(folder.rglob("*.tmp"))
    result = api.generate(workbook, folder, today=TODAY)
    assert result.counts() == {"unchanged": written, "create": 23 - written}
    assert result.conflicts == []


def test_a_crash_between_writing_a_file_and_the_record_is_no_conflict(tmp_path, monkeypatch):
    folder = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), folder, today=TODAY)
    # Power cut: the files of the next run are written, its record is not.
    from mttq_docs.manifest import Manifest
    monkeypatch.setattr(Manifest, "save", lambda self: None)
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    api.generate(workbook, folder, today=TODAY)
    monkeypatch.undo()
    result = api.generate(workbook, folder, today=TODAY)
    assert result.conflicts == []
    assert set(result.counts()) <= {"unchanged", "update"}


def test_files_that_were_there_before_any_record_are_never_overwritten(tmp_path, out):
    (out / RECORD_NAME).unlink()
    hand_edit(out / "cam_giang" / "01_ke_hoach_chua_chon_xa.docx")
    edited = (out / "cam_giang" / "01_ke_hoach_chua_chon_xa.docx").read_bytes()
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    api.generate(workbook, out, today=TODAY)
    api.generate(small_workbook(tmp_path / "v3.xlsx"), out, today=TODAY)
    assert (out / "cam_giang" / "01_ke_hoach_chua_chon_xa.docx").read_bytes() == edited


def test_a_corrupt_record_is_reported_not_trusted(tmp_path, out):
    (out / RECORD_NAME).write_bytes(b"{not a database" * 100)
    with pytest.raises(Exception, match="bị hỏng"):
        api.generate(small_workbook(tmp_path / "v1.xlsx"), out, today=TODAY)
