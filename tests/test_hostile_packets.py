"""--pdf and --zip never overwrite a file a person made (issue 21, item 3)."""

from __future__ import annotations

import datetime as dt

from mttq_docs import api

from .helpers import small_workbook
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
