"""Hostile workbooks (issue "Hardening after a hostile review", items 6 and 7): look-alike
names, hidden and duplicate sheets, duplicate headers, Excel error values, merged cells,
impossible years, over-long cells, .xls files and zip bombs."""

import zipfile

import openpyxl
import pytest

from mttq_docs import api
from mttq_docs.errors import WorkbookError, WorkbookFileError
from mttq_docs.validation import load_plan

from .helpers import SHIPPED, district_row, edited_workbook

LOOK_ALIKES = ["Tứ\u200b Kỳ", "Tứ\u00a0Kỳ", "\ufeffTứ Kỳ", "tứ kỳ", "Tứ  Kỳ", "Tứ Kỳ\u00ad",
               "TỨ KỲ"]


def _book(tmp_path, *edits, append=None, units=True):
    path = edited_workbook(tmp_path, *edits, append=append)
    if not units:
        book = openpyxl.load_workbook(path)
        del book["Đơn vị hành chính"]
        book.save(path)
    return path


def _second_tu_ky(tmp_path, spelling, units):
    row = {"STT": 11, "Huyện": spelling, "Xã/Thị trấn": "Ngọc Sơn", "Mã mô hình": "BVMT"}
    return _book(tmp_path, ("Phân công", district_row("Tứ Kỳ"), "Xã/Thị trấn", "Kỳ Sơn"),
                 append={"Phân công": [row]}, units=units)


# --- 6. Look-alike names --------------------------------------------------------------------

@pytest.mark.parametrize("spelling", LOOK_ALIKES)
@pytest.mark.parametrize("units", [False, True])
def test_a_look_alike_district_name_is_the_same_district(tmp_path, spelling, units):
    result = load_plan(_second_tu_ky(tmp_path, spelling, units))
    assert result.plan.districts.count("Tứ Kỳ") == 1
    assert [p.district for p in result.plan.points].count("Tứ Kỳ") == 2
    assert len(result.plan.districts) == 10


def test_another_case_is_told_with_the_spelling_used(tmp_path):
    result = load_plan(_second_tu_ky(tmp_path, "tứ kỳ", units=False))
    warning = next(str(w) for w in result.warnings if "viết khác" in str(w))
    assert "Phân công, dòng 12, cột Huyện: 'tứ kỳ' viết khác với 'Tứ Kỳ'" in warning


def test_no_ghost_district_folder_and_one_name_in_the_province_plan(tmp_path):
    out = tmp_path / "out"
    api.generate(_second_tu_ky(tmp_path, "Tứ\u200b Kỳ", units=False), out)
    assert not (out / "tu_ky_2").exists()
    assert len(list((out / "tu_ky").glob("01_ke_hoach_xa_*.docx"))) == 2


def test_headers_with_invisible_characters_are_found(tmp_path):
    book = openpyxl.load_workbook(SHIPPED)
    book["Phân công"]["B1"] = "Huy\u200bện\u00a0"
    book["Phân công"]["G1"] = "Địa\u00a0\u00a0điểm"
    path = tmp_path / "tieu_de.xlsx"
    book.save(path)
    assert len(load_plan(path).plan.points) == 10


# --- 7. Silent wrong input ------------------------------------------------------------------

def _with_stale_copy(tmp_path, title, *, hidden):
    book = openpyxl.load_workbook(SHIPPED)
    stale = book.copy_worksheet(book["Phân công"])
    stale.title = title
    stale["B2"] = "Huyện Cũ"
    if hidden:
        stale.sheet_state = "hidden"
    book._sheets.remove(stale)
    book._sheets.insert(0, stale)  # first: the first match was the one read
    path = tmp_path / "an.xlsx"
    book.save(path)
    return path


def test_a_hidden_stale_sheet_is_not_read_instead_of_the_visible_one(tmp_path):
    result = load_plan(_with_stale_copy(tmp_path, "Phân công ", hidden=True))
    assert "Huyện Cũ" not in result.plan.districts
    assert any("bỏ qua sheet ẩn 'Phân công '" in str(w) for w in result.warnings)


def test_two_visible_sheets_of_one_name_are_an_error_naming_both(tmp_path):
    with pytest.raises(WorkbookError, match="có 2 sheet cùng tên: 'Phân công ' và 'Phân công'; không biết"):
        load_plan(_with_stale_copy(tmp_path, "Phân công ", hidden=False))


def test_the_exactly_named_visible_sheet_wins_over_a_loose_match(tmp_path):
    result = load_plan(_with_stale_copy(tmp_path, "Phan cong", hidden=False))
    assert "Huyện Cũ" not in result.plan.districts


def test_two_columns_with_one_header_are_an_error_naming_both(tmp_path):
    book = openpyxl.load_workbook(SHIPPED)
    book["Phân công"]["H1"] = "Địa điểm"
    book["Phân công"]["H2"] = "Nhà văn hóa cũ"
    path = tmp_path / "hai_cot.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError, match="hai cột cùng tiêu đề 'Địa điểm': cột G và cột H"):
        load_plan(path)


@pytest.mark.parametrize("column,value", [("Địa điểm", "#N/A"), ("Huyện", "#REF!"),
                                          ("Ngày hội nghị", "#VALUE!"), ("STT", "#DIV/0!")])
def test_an_excel_error_value_in_a_used_cell_is_an_error(tmp_path, column, value):
    book = edited_workbook(tmp_path, ("Phân công", 5, column, value))
    with pytest.raises(WorkbookError) as raised:
        load_plan(book)
    assert f"Phân công, dòng 5, cột {column}: ô có giá trị lỗi {value} của Excel" in str(
        raised.value)


@pytest.mark.parametrize("text", ["#SPILL!", "#CALC!", "#GETTING_DATA", "#NAME?"])
def test_newer_excel_error_values_too(tmp_path, text):
    book = edited_workbook(tmp_path, ("Phân công", 5, "Địa điểm", text))
    with pytest.raises(WorkbookError, match=f"ô có giá trị lỗi {text}"):
        load_plan(book)


def test_rows_under_merged_cells_are_warned_about(tmp_path):
    book = openpyxl.load_workbook(SHIPPED)
    sheet = book["Phân công"]
    sheet["G2"] = "Hội trường UBND"
    sheet.merge_cells("G2:G4")
    path = tmp_path / "gop.xlsx"
    book.save(path)
    warnings = [str(w) for w in load_plan(path).warnings]
    assert any(w.startswith("Phân công, dòng 2: ô gộp G2:G4: chỉ ô đầu (G2) có giá trị")
               for w in warnings), warnings


@pytest.mark.parametrize("edit", [("Kế hoạch", "Năm", "Giá trị", 1950),
                                  ("Kế hoạch", "Năm", "Giá trị", 17),
                                  ("Phân công", 3, "Ngày hội nghị", "15/08/0017"),
                                  ("Phân công", 3, "Ngày hội nghị", "15/08/1917"),
                                  ("Kế hoạch", "Hạn hoàn thành", "Giá trị", "31/08/1917")])
def test_years_outside_1975_2100_are_errors(tmp_path, edit):
    with pytest.raises(WorkbookError, match="1975"):
        load_plan(edited_workbook(tmp_path, edit))


def test_text_longer_than_an_excel_cell_is_an_error(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 3, "Địa điểm", "DAI_QUA_MARKER"))
    target = tmp_path / "dai.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            copy.writestr(item, source.read(item).replace(b"DAI_QUA_MARKER", b"x" * 40000))
    with pytest.raises(WorkbookError, match="Phân công, dòng 3, cột Địa điểm: ô dài 40.000 ký "
                                            "tự, quá giới hạn 32.767"):
        load_plan(target)


def test_an_unencrypted_xls_is_not_called_password_protected(tmp_path):
    fake = tmp_path / "cu.xls"
    directory_entry = "Workbook".encode("utf-16-le") + b"\0\0"
    fake.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + directory_entry
                     + b"\0" * 600)
    with pytest.raises(WorkbookFileError) as raised:
        load_plan(fake)
    assert "tệp .xls (Excel 97-2003): hãy mở bằng Excel và lưu lại dạng .xlsx" in str(raised.value)
    assert "mật khẩu" not in str(raised.value)


def test_an_encrypted_xlsx_is_still_called_password_protected(tmp_path):
    fake = tmp_path / "mat_khau.xlsx"
    fake.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(WorkbookFileError, match="đặt mật khẩu"):
        load_plan(fake)


def test_a_workbook_that_is_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(SHIPPED) as source, zipfile.ZipFile(bomb, "w",
                                                              zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            copy.writestr(item, source.read(item))
        with copy.open("xl/media/zeros.bin", "w", force_zip64=True) as part:
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(14):  # 224 MB, about 200 KB compressed
                part.write(chunk)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(WorkbookFileError, match="bom nén"):
        load_plan(bomb)
