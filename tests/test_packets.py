"""Packets ready to send: PDFs by LibreOffice, one zip per folder, a contents list."""

import datetime as dt
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from mttq_docs import api, pdf
from mttq_docs.cli import main

from .helpers import SHIPPED, docx_lines, small_workbook

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice or poppler-utils is not installed; .ci/run installs them")
TODAY = dt.date(2017, 8, 1)


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(l.split()[-1] for l in info.stdout.splitlines() if l.startswith("Pages:")))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def zip_listing(path):
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.namelist())


def folder_listing(out, folder):
    return sorted(f"{folder}/{p.name}" for p in (out / folder).iterdir()
                  if p.suffix in (".docx", ".pdf") and ".moi-" not in p.name)


@needs_libreoffice
def test_pdf_and_zip_for_the_shipped_workbook(tmp_path):
    out = tmp_path / "outputs"
    result = CliRunner().invoke(main, ["generate", "--pdf", "--zip", "--out", str(out)])
    assert result.exit_code == 0, result.output
    docs = sorted(out.rglob("*.docx"))
    assert len(docs) == 103
    for doc in docs:
        assert doc.with_suffix(".pdf").exists(), doc
    for banner in out.glob("*/03_khanh_tiet_*.pdf"):
        assert pages(banner) == 1, banner
    for form in out.glob("*/08_cam_ket_*.pdf"):
        assert pages(form) == 1, form
    assert 3 <= pages(out / "tinh" / "01_ke_hoach_tinh_2017.pdf") <= 5
    text = pdf_text(out / "tinh" / "01_ke_hoach_tinh_2017.pdf")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Triển khai nhân rộng 05 mô hình tự quản tiêu biểu ở khu dân cư" in text
    zips = sorted(p.name for p in out.glob("*.zip"))
    assert len(zips) == 11 and "tinh.zip" in zips and "kim_thanh.zip" in zips
    for name in zips:
        folder = name.removesuffix(".zip")
        listing = zip_listing(out / name)
        assert listing == folder_listing(out, folder)
        assert all(n.isascii() for n in listing)
        assert f"{folder}/00_danh_muc.docx" in listing
    assert "PDF: đã tạo 103, giữ nguyên 0." in result.output
    assert "Tệp zip: đã tạo 11, giữ nguyên 0." in result.output


@needs_libreoffice
def test_pdfs_and_zips_are_rebuilt_only_when_their_documents_change(tmp_path):
    out = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), out, pdf=True, zips=True, today=TODAY)
    again = api.generate(small_workbook(tmp_path / "v1.xlsx"), out, pdf=True, zips=True,
                         today=TODAY)
    assert again.packets.pdf_made == [] and again.packets.zip_made == []
    assert again.packets.pdf_unchanged == 23 and again.packets.zip_unchanged == 3
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Ngày hội nghị": "15/08/2017"})
    changed = api.generate(workbook, out, pdf=True, zips=True, today=TODAY)
    updated = {str(o.path) for o in changed.outcomes if o.status == "update"}
    assert {str(p.with_suffix(".docx")) for p in changed.packets.pdf_made} == updated
    assert [str(p) for p in changed.packets.zip_made] == ["kinh_mon.zip"]
    banner = out / "kinh_mon" / "03_khanh_tiet_chua_chon_xa.pdf"
    assert "ngày 15 tháng 8 năm 2017" in pdf_text(banner)


@needs_libreoffice
def test_pdf_of_an_archived_document_goes_to_the_archive(tmp_path):
    out = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), out, pdf=True, today=TODAY)
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Xã/Thị trấn": "Minh Tân"})
    result = api.generate(workbook, out, pdf=True, today=TODAY)
    assert len(result.packets.pdf_archived) == 8
    assert not list((out / "kinh_mon").glob("*chua_chon_xa.pdf"))
    assert len(list((out / "_luu_tru").rglob("*chua_chon_xa.pdf"))) == 8


def test_without_libreoffice_the_documents_are_written_and_the_user_told_how(tmp_path,
                                                                             monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "outputs"
    result = CliRunner().invoke(main, ["generate", "--pdf", "--input",
                                       str(small_workbook(tmp_path / "v1.xlsx")),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Chưa cài LibreOffice" in result.output and "apt-get install" in result.output
    assert len(list(out.rglob("*.docx"))) == 23
    assert not list(out.rglob("*.pdf"))


def test_zips_without_pdfs_hold_the_documents_and_are_reproducible(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        api.generate(small_workbook(tmp_path / "v1.xlsx"), out, zips=True, today=TODAY)
    assert zip_listing(first / "cam_giang.zip") == folder_listing(first, "cam_giang")
    for name in ("tinh.zip", "cam_giang.zip", "kinh_mon.zip"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_contents_list_names_each_document_and_what_to_do(tmp_path):
    out = tmp_path / "outputs"
    api.generate(SHIPPED, out, today=TODAY)
    lines = docx_lines(out / "ninh_giang" / "00_danh_muc.docx")
    assert "DANH MỤC VĂN BẢN" in lines
    assert "huyện Ninh Giang" in lines
    assert ('Điểm: xã/thị trấn ………………, huyện Ninh Giang - mô hình “Thực hiện nếp sống văn '
            'minh trong việc tang”.') in lines
    import docx
    table = docx.Document(str(out / "ninh_giang" / "00_danh_muc.docx")).tables[0]  # no header
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Văn bản", "Tệp", "Việc cần làm"]
    assert len(rows) == 10
    assert rows[4][1:] == ["Khánh tiết hội nghị", "03_khanh_tiet_chua_chon_xa.docx",
                           "Chèn biểu trưng; in khổ A3 (hoặc A4) ngang"]
    assert any("trong tháng 8/2017." in line for line in lines)
