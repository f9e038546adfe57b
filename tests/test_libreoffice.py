"""A real client opens the output: LibreOffice converts one document of each kind to PDF."""

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed; .ci/run installs it")

EXPECTED_PAGES = {
    "00_danh_muc": (1, 2),
    "01_ke_hoach_tinh_2017": (3, 5),
    "02_du_toan_2017": (1, 2),
    "00_ke_hoach_huyen_nam_sach": (2, 3),
    "05_chuong_trinh_chua_chon_xa": (1, 2),
    "06_quyet_dinh_bcd_chua_chon_xa": (2, 3),
    "07_quy_che_chua_chon_xa": (5, 8),  # the board's operating rules, article by article
    "08_cam_ket_chua_chon_xa": (1, 1),  # printed in bulk: one sheet per household
    "01_ke_hoach_chua_chon_xa": (2, 4),
    "02_bao_cao_chua_chon_xa": (2, 3),
    "03_khanh_tiet_chua_chon_xa": (1, 1),  # the banner must be one page
    "04_giay_moi_chua_chon_xa": (2, 2),  # invitation, then the guest list on its own page
}


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(l.split()[-1] for l in info.stdout.splitlines() if l.startswith("Pages:")))


def test_libreoffice_converts_each_kind_to_pdf(shipped_output, tmp_path):
    sources = sorted((shipped_output / "tinh").glob("*.docx")) + sorted(
        (shipped_output / "nam_sach").glob("*.docx"))
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    for source in sources:
        pdf = tmp_path / f"{source.stem}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {source.name}"
        if shutil.which("pdfinfo"):
            low, high = EXPECTED_PAGES[source.stem]
            assert low <= pdf_pages(pdf) <= high, source.name
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "03_khanh_tiet_chua_chon_xa.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "HỘI NGHỊ" in text
        assert "xây dựng nông thôn mới" in text
