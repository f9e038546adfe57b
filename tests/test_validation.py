import datetime as dt
import unicodedata

import openpyxl
import pytest

from mttq_docs.errors import WorkbookError, WorkbookFileError
from mttq_docs.validation import close_match, load_plan

from .helpers import SHIPPED, district_row, edited_workbook


def test_shipped_workbook_encodes_the_seed():
    plan = load_plan(SHIPPED).plan
    assert [m.code for m in plan.models] == ["BVMT", "ANTT", "NTM", "GSDT", "VIECTANG"]
    assert plan.districts == ("Cẩm Giàng", "Kinh Môn", "Bình Giang", "Kim Thành", "Thanh Miện",
                              "Ninh Giang", "Thanh Hà", "Tứ Kỳ", "Nam Sách", "Gia Lộc")
    assert {p.district: p.model.code for p in plan.points} == {
        "Cẩm Giàng": "GSDT", "Kinh Môn": "ANTT", "Bình Giang": "ANTT", "Kim Thành": "BVMT",
        "Thanh Miện": "BVMT", "Ninh Giang": "VIECTANG", "Thanh Hà": "VIECTANG",
        "Tứ Kỳ": "VIECTANG", "Nam Sách": "NTM", "Gia Lộc": "NTM"}
    assert all(p.commune is None for p in plan.points)
    assert len(plan.units) == 224
    assert sum(u.unit_type == "thị trấn" for u in plan.units) == 13
    assert plan.settings.deadline == dt.date(2017, 8, 31)
    assert plan.settings.province == "Hải Dương"


def test_shipped_workbook_warns_about_communes_not_chosen():
    warnings = [str(w) for w in load_plan(SHIPPED).warnings]
    assert sum("chưa chọn xã/thị trấn" in w for w in warnings) == 10
    assert any(w.startswith("Phân công, dòng 2, cột Xã/Thị trấn") for w in warnings)


def test_unknown_model_code_names_sheet_row_column_value_and_close_match(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 12 - 1, "Mã mô hình", "BVTM"))
    with pytest.raises(WorkbookError) as caught:
        load_plan(book)
    assert len(caught.value.problems) == 1
    assert str(caught.value.problems[0]) == (
        "Phân công, dòng 11, cột Mã mô hình: 'BVTM' không có trong sheet Mô hình — có phải 'BVMT'?")


def test_every_error_is_reported_at_once(tmp_path):
    book = edited_workbook(
        tmp_path,
        ("Phân công", 3, "Mã mô hình", "XYZ123"),
        ("Phân công", 4, "Ngày hội nghị", "31/02/2017"),
        ("Phân công", 5, "Loại đơn vị", "phường"),
        ("Kế hoạch", "Năm", "Giá trị", "hai nghìn"),
    )
    with pytest.raises(WorkbookError) as caught:
        load_plan(book)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 4, messages
    assert any("dòng 3, cột Mã mô hình: 'XYZ123'" in m for m in messages)
    assert any("dòng 4, cột Ngày hội nghị: '31/02/2017' không phải một ngày hợp lệ" in m
               for m in messages)
    assert any("dòng 5, cột Loại đơn vị: 'phường'" in m for m in messages)
    assert any(m.startswith("Kế hoạch, dòng 2, cột Giá trị: 'hai nghìn'") for m in messages)


def test_dates_accept_excel_dates_and_text(tmp_path):
    book = edited_workbook(
        tmp_path,
        ("Phân công", 2, "Ngày hội nghị", "5/8/2017"),
        ("Phân công", 3, "Ngày hội nghị", dt.datetime(2017, 8, 12)),
        ("Kế hoạch", "Ngày ban hành", "Giá trị", "15/03/2017"),
    )
    plan = load_plan(book).plan
    assert plan.points[0].conference_date == dt.date(2017, 8, 5)
    assert plan.points[1].conference_date == dt.date(2017, 8, 12)
    assert plan.settings.issue_date == dt.date(2017, 3, 15)


def test_text_is_nfc_and_trimmed(tmp_path):
    nfd = unicodedata.normalize("NFD", "  Phú Thái  ")
    book = edited_workbook(tmp_path, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn", nfd))
    point = next(p for p in load_plan(book).plan.points if p.district == "Kim Thành")
    assert point.commune == "Phú Thái"
    assert point.unit_type == "thị trấn"  # from the units sheet


def test_commune_not_in_its_district_is_a_warning_with_a_suggestion(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn",
                                      "Kim Xuyen"))
    result = load_plan(book)
    warning = next(str(w) for w in result.warnings if "Kim Xuyen" in str(w))
    assert "không có trong danh sách xã, thị trấn của huyện Kim Thành" in warning
    assert "có phải 'Kim Xuyên'?" in warning


def test_unknown_district_is_an_error_with_a_suggestion(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 2, "Huyện", "Cam Giang"))
    with pytest.raises(WorkbookError, match="'Cam Giang' không có trong sheet Đơn vị hành chính "
                                            "— có phải 'Cẩm Giàng'"):
        load_plan(book)


def test_missing_sheet_and_missing_column(tmp_path):
    target = tmp_path / "thieu.xlsx"
    book = openpyxl.load_workbook(SHIPPED)
    del book["Nơi nhận"]
    book["Phân công"].cell(1, 5).value = "Mô hình?"
    book.save(target)
    with pytest.raises(WorkbookError) as caught:
        load_plan(target)
    text = str(caught.value.message)
    assert "Nơi nhận: thiếu sheet này" in text
    assert "Phân công, dòng 1: thiếu cột 'Mã mô hình'" in text


def test_sheet_and_column_names_match_without_diacritics(tmp_path):
    target = tmp_path / "khong_dau.xlsx"
    book = openpyxl.load_workbook(SHIPPED)
    book["Phân công"].title = "phan cong"
    book["phan cong"].cell(1, 5).value = "MA MO HINH"
    book.save(target)
    assert len(load_plan(target).plan.points) == 10


def test_duplicate_commune_in_a_district_is_an_error(tmp_path):
    row = district_row("Kim Thành")
    book = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Kim Xuyên"), append={
        "Phân công": [{"Huyện": "Kim Thành", "Xã/Thị trấn": "Kim Xuyên", "Mã mô hình": "BVMT"}]})
    with pytest.raises(WorkbookError, match=f"huyện 'Kim Thành' đã có xã 'Kim Xuyên' ở dòng {row}"):
        load_plan(book)


def test_several_communes_of_one_district_are_several_points(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn",
                                      "Kim Xuyên"), append={
        "Phân công": [{"Huyện": "Kim Thành", "Xã/Thị trấn": "Cổ Dũng", "Mã mô hình": "ANTT"}]})
    points = [p for p in load_plan(book).plan.points if p.district == "Kim Thành"]
    assert [(p.commune, p.model.code) for p in points] == [("Kim Xuyên", "BVMT"), ("Cổ Dũng", "ANTT")]


def test_a_text_file_named_xlsx_is_refused_in_one_line(tmp_path):
    fake = tmp_path / "ke_hoach.xlsx"
    fake.write_text("đây không phải bảng tính", encoding="utf-8")
    with pytest.raises(WorkbookFileError) as caught:
        load_plan(fake)
    assert "không phải bảng tính Excel .xlsx hợp lệ" in caught.value.message
    assert "\n" not in caught.value.message


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(WorkbookFileError, match="không có tệp này"):
        load_plan(tmp_path / "khong_co.xlsx")


def test_legal_basis_dated_after_the_plan_is_an_error(tmp_path):
    book = edited_workbook(tmp_path, append={"Căn cứ": [
        {"Mã mô hình": "Chung", "Căn cứ": "Quyết định 22/2018/QĐ-TTg", "Ngày ban hành": "08/05/2018"}]})
    with pytest.raises(WorkbookError, match="cột Ngày ban hành: văn bản ban hành sau ngày của kế hoạch"):
        load_plan(book)


def test_close_match():
    assert close_match("BVTM", ["BVMT", "ANTT", "NTM"]) == "BVMT"
    assert close_match("viectang", ["VIECTANG", "NTM"]) == "VIECTANG"
    assert close_match("QWERTY", ["BVMT", "ANTT"]) is None
