"""Plans of the two-level local government (since 1 July 2025): province → commune."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from mttq_docs import api
from mttq_docs.cli import main
from mttq_docs.errors import WorkbookError
from mttq_docs.plan import TWO_LEVELS
from mttq_docs.resources import sample_workbook

from .helpers import SHIPPED, docx_lines, docx_text
from .test_generate import slips

EXAMPLE = sample_workbook("2026")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("hai_cap") / "van_ban"
    api.generate(EXAMPLE, out, jobs=1)
    return out


def _edited(tmp_path, rows, keep_units=False):
    """The 2026 example with ``rows`` of ``Phân công`` ({header: value}) replacing its own;
    with ``keep_units``, the 2017 units sheet copied in (as a moved 2017 workbook has it)."""
    target = tmp_path / "ke_hoach_2026.xlsx"
    shutil.copyfile(EXAMPLE, target)
    book = openpyxl.load_workbook(target)
    sheet = book["Phân công"]
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    if keep_units:
        units = openpyxl.load_workbook(SHIPPED)["Đơn vị hành chính"]
        copy = book.create_sheet("Đơn vị hành chính")
        for values in units.iter_rows(values_only=True):
            copy.append(list(values))
    book.save(target)
    return target


def test_the_example_is_a_two_level_plan_of_the_city():
    plan = api.validate(EXAMPLE).plan
    assert plan.levels == TWO_LEVELS and plan.districts == ()
    assert {p.unit_type for p in plan.points} == {"xã", "phường", "đặc khu"}
    result = CliRunner().invoke(main, ["validate", "--input", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "10 điểm ở 10 xã, phường, đặc khu (kế hoạch hai cấp" in result.output


def test_one_folder_per_commune_and_no_district_anywhere(output):
    folders = sorted(p.name for p in output.iterdir() if p.is_dir())
    assert folders == ["dac_khu_cat_hai", "phuong_kinh_mon", "tinh", "xa_binh_giang",
                       "xa_kim_thanh", "xa_mao_dien", "xa_nam_sach", "xa_ninh_giang",
                       "xa_thanh_ha", "xa_thanh_mien", "xa_tu_ky"]
    documents = list(output.rglob("*.docx"))
    assert not any("ke_hoach_huyen" in p.name for p in documents)
    for path in documents:
        text = docx_text(path)
        assert not re.search(r"(?i)huyện", text), path
        assert "None" not in text, path


def test_headers_name_the_units_of_2025_and_the_city(output):
    def header(path):
        return "\n".join(c.text for c in Document(str(path)).tables[0].rows[0].cells)
    assert "XÃ MAO ĐIỀN" in header(output / "xa_mao_dien" / "01_ke_hoach_xa_mao_dien.docx")
    assert "PHƯỜNG KINH MÔN" in header(output / "phuong_kinh_mon" /
                                       "01_ke_hoach_phuong_kinh_mon.docx")
    assert "ĐẶC KHU CÁT HẢI" in header(output / "dac_khu_cat_hai" /
                                       "01_ke_hoach_dac_khu_cat_hai.docx")
    assert "THÀNH PHỐ HẢI PHÒNG" in header(output / "tinh" / "01_ke_hoach_tinh_2026.docx")
    plan = docx_text(output / "tinh" / "01_ke_hoach_tinh_2026.docx")
    assert "- MTTQ xã Mao Điền phối hợp" in plan
    assert "tại các xã, phường, đặc khu như sau" in plan
    assert "Ban Thường trực Ủy ban MTTQ thành phố" in plan
    contents = docx_text(output / "xa_mao_dien" / "00_danh_muc.docx")
    assert "Điểm: xã Mao Điền - mô hình" in contents
    commune = docx_text(output / "xa_mao_dien" / "02_bao_cao_xa_mao_dien.docx")
    assert "Kính gửi: Ban Thường trực Ủy ban MTTQ thành phố Hải Phòng." in commune
    assert "Mao Điền, ngày" in docx_text(output / "xa_mao_dien" / "01_ke_hoach_xa_mao_dien.docx")



def test_the_city_plan_has_none_of_the_2017_seeds_slips(output):
    assert slips(docx_lines(output / "tinh" / "01_ke_hoach_tinh_2026.docx")) == []


def test_a_misspelt_commune_gets_the_official_name(tmp_path):
    workbook = _edited(tmp_path, [{"STT": 1, "Xã/Thị trấn": "Mao Điềm", "Mã mô hình": "GSDT"}])
    with pytest.raises(WorkbookError) as caught:
        api.validate(workbook)
    assert "có phải 'Mao Điền'?" in caught.value.message


def test_a_commune_of_the_old_map_gets_its_successor(tmp_path):
    workbook = _edited(tmp_path, [{"STT": 1, "Xã/Thị trấn": "Cẩm Điền", "Mã mô hình": "GSDT"}],
                       keep_units=True)
    with pytest.raises(WorkbookError) as caught:
        api.validate(workbook)
    assert ("Cẩm Điền (huyện Cẩm Giàng, tỉnh Hải Dương) đã nhập vào xã Mao Điền, thành phố "
            "Hải Phòng từ 01/7/2025") in caught.value.message


def test_the_kind_comes_from_the_official_list_when_left_empty(tmp_path):
    workbook = _edited(tmp_path, [{"STT": 1, "Xã/Thị trấn": "Cát Hải", "Mã mô hình": "NTM"},
                                  {"STT": 2, "Xã/Thị trấn": "Kinh Môn", "Mã mô hình": "ANTT"}])
    kinds = {p.commune: p.unit_type for p in api.validate(workbook).plan.points}
    assert kinds == {"Cát Hải": "đặc khu", "Kinh Môn": "phường"}


def test_init_offers_the_two_level_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "kh2026", "--vi-du", "2026"])
    assert result.exit_code == 0 and "VÍ DỤ" in result.output
    assert (tmp_path / "kh2026" / "kh2026.xlsx").read_bytes() == EXAMPLE.read_bytes()
