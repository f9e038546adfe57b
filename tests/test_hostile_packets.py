"""--pdf and --zip never overwrite a file a person made (issue 21, item 3)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from mttq_docs import api
from mttq_docs.documents import Layout

from .helpers import edited_workbook, small_workbook
from .test_collect import fields_of, type_into
from .test_packets import needs_libreoffice

TODAY = dt.date(2017, 8, 1)


def test_a_zip_that_was_there_before_is_kept(tmp_path):
    out = tmp_path / "outputs"
    workbook = small_workbook(tmp_path / "v1.xlsx")
    api.generate(workbook, out, today=TODAY)
    theirs = out / "cam_giang.zip"
    theirs.write_bytes(b"PK goi cua phong tu lam")
    result = api.generate(workbook, out, zips=True, today=TODAY)
    assert theirs.read_bytes() == b"PK goi cua phong tu lam"
    kept = {str(o.path): o.moved_to for o in result.packets.kept}
    assert str(kept["cam_giang.zip"]) == "cam_giang.moi-2017-08-01.zip"
    assert (out / "cam_giang.moi-2017-08-01.zip").read_bytes().startswith(b"PK\x03\x04")
    assert "kinh_mon.zip" in [str(p) for p in result.packets.zip_made]


def test_a_zip_changed_by_a_person_is_kept_when_its_documents_change(tmp_path):
    out = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), out, zips=True, today=TODAY)
    (out / "kinh_mon.zip").write_bytes(b"PK da sua")
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = api.generate(workbook, out, zips=True, today=TODAY)
    assert (out / "kinh_mon.zip").read_bytes() == b"PK da sua"
    assert [str(o.path) for o in result.packets.kept] == ["kinh_mon.zip"]


@needs_libreoffice
def test_a_signed_pdf_beside_its_document_is_kept(tmp_path):
    out = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), out, pdf=True, today=TODAY)
    signed = out / "kinh_mon" / "04_giay_moi_chua_chon_xa.pdf"
    signed.write_bytes(b"%PDF-1.7 ban da ky")
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    result = api.generate(workbook, out, pdf=True, today=TODAY)
    assert signed.read_bytes() == b"%PDF-1.7 ban da ky"
    beside = out / "kinh_mon" / "04_giay_moi_chua_chon_xa.moi-2017-08-01.pdf"
    assert beside.read_bytes().startswith(b"%PDF")
    assert "kinh_mon/04_giay_moi_chua_chon_xa.pdf" in [str(o.path) for o in result.packets.kept]


def test_reordered_rows_keep_every_folder_and_file_name(tmp_path):
    """Thanh Hà and Thạnh Hà fold to the same ASCII: their folders used to follow row order,
    so reordering the rows archived a filled plan as if it had left the plan (issue 21, 5)."""
    rows = [{"STT": 11, "Huyện": "Thạnh Hà", "Xã/Thị trấn": "Thạnh Lộc", "Mã mô hình": "NTM"},
            {"STT": 12, "Huyện": "Thanh Ha", "Xã/Thị trấn": "Minh Đức", "Mã mô hình": "ANTT"}]
    first = edited_workbook(tmp_path, append={"Phân công": rows}, name="a.xlsx")
    book = openpyxl.load_workbook(first)
    del book["Đơn vị hành chính"]  # invented districts: no list to check them against
    book.save(first)
    out = tmp_path / "out"
    api.generate(first, out, jobs=1, today=TODAY)
    filled = out / "thanh_ha" / "01_ke_hoach_chua_chon_xa.docx"  # the shipped Thanh Hà's
    type_into(filled, {"dia_ban.thon": "Thôn Một"})
    # The same plan, its rows in the opposite order.
    sheet = book["Phân công"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    sheet.delete_rows(2, sheet.max_row)
    for row in reversed(values):
        sheet.append(row)
    second = tmp_path / "b.xlsx"
    book.save(second)
    fresh = {place.name: place.folder for place in Layout(api.validate(second).plan).folders}
    assert fresh["Thanh Ha"] == "thanh_ha"  # named afresh, the order would decide
    result = api.generate(second, out, jobs=1, today=TODAY)
    assert "archive" not in result.counts() and "beside" not in result.counts(), result.counts()
    assert [v.text for v in fields_of(filled) if v.tag == "dia_ban.thon"] == ["Thôn Một"]
    assert not (out / "_luu_tru").exists()
