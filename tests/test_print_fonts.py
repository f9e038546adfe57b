"""The PDFs print in one Times-compatible family; a fallback font is reported in Vietnamese."""

import shutil
import subprocess
import zlib
from pathlib import PurePosixPath

import pytest

from mttq_docs import api, packets
from mttq_docs.pdf import font_family, font_warning, pdf_fonts

from .helpers import SHIPPED


def fake_pdf(*fonts: str, compressed: bool = False) -> bytes:
    """A PDF-like file whose font dictionaries name ``fonts`` (all the check reads)."""
    objects = b"".join(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s >>\n" % f.encode()
                       for f in fonts)
    if compressed:
        stream = zlib.compress(objects)
        return (b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /Filter /FlateDecode /Length "
                + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream\n")
    return b"%PDF-1.4\n" + objects + b"%%EOF\n"


def test_font_names_without_subset_prefix_and_families():
    assert pdf_fonts(fake_pdf("BAAAAA+LiberationSerif-Bold", "OpenSymbol")) == {
        "LiberationSerif-Bold", "OpenSymbol"}
    assert pdf_fonts(fake_pdf("CAAAAA+DejaVuSerif", compressed=True)) == {"DejaVuSerif"}
    assert font_family("TimesNewRomanPS-BoldMT") == "TimesNewRoman"
    assert font_family("LiberationSerif-BoldItalic") == "LiberationSerif"


def test_one_times_compatible_family_gives_no_warning(tmp_path):
    good = tmp_path / "a.pdf"
    good.write_bytes(fake_pdf("BAAAAA+LiberationSerif", "CAAAAA+LiberationSerif-Bold",
                              "DAAAAA+OpenSymbol"))
    windows = tmp_path / "b.pdf"
    windows.write_bytes(fake_pdf("TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT"))
    assert font_warning([good, windows]) is None


def test_vietnamese_letters_fallen_back_are_reported_with_the_font_to_install(tmp_path):
    # What fonts-liberation 1.07 gives: Liberation Serif, with ư ơ ộ taken from DejaVu.
    mixed = tmp_path / "01_ke_hoach.pdf"
    mixed.write_bytes(fake_pdf("BAAAAA+LiberationSerif", "CAAAAA+DejaVuSerif-Italic"))
    warning = font_warning([mixed])
    assert "01_ke_hoach.pdf" in warning and "DejaVu Serif" in warning
    assert "lẫn hai kiểu chữ" in warning and "fonts-liberation2" in warning
    assert "Windows" in warning


def test_no_times_compatible_font_at_all_is_reported(tmp_path):
    only = tmp_path / "x.pdf"
    only.write_bytes(fake_pdf("BAAAAA+DejaVuSerif", compressed=True))
    warning = font_warning([only])
    assert "DejaVu Serif thay cho Times New Roman" in warning


def test_the_packet_result_carries_the_warning(tmp_path, monkeypatch):
    out = tmp_path / "out"
    (out / "tinh").mkdir(parents=True)
    (out / "tinh" / "a.docx").write_bytes(b"docx")

    def convert(sources, deliver, **options):
        # As LibreOffice would: a PDF per source, handed to the packet's rules to be placed.
        return [deliver(source, fake_pdf("LiberationSerif", "DejaVuSerif"))
                for source in sources]

    monkeypatch.setattr(packets, "convert_to_pdf", convert)
    result = packets.make_packets(out, [PurePosixPath("tinh/a.docx")], pdf=True, zips=False)
    assert result.pdf_made == [PurePosixPath("tinh/a.pdf")]
    assert "DejaVu Serif" in result.font_warning


def _vietnamese_serif_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(["fc-list", ":lang=vi", "family"], capture_output=True,
                             text=True).stdout
    return "Liberation Serif" in listing or "Times New Roman" in listing


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(not _vietnamese_serif_installed(),
                    reason="no serif font with Vietnamese letters (fonts-liberation2)")
def test_every_pdf_of_a_generated_plan_uses_one_serif_family(tmp_path):
    out = tmp_path / "out"
    api.generate(SHIPPED, out)
    documents = [PurePosixPath(p.relative_to(out).as_posix())
                 for folder in ("tinh", "kim_thanh") for p in (out / folder).glob("*.docx")]
    result = packets.make_packets(out, documents, pdf=True, zips=False)
    assert result.pdf_error is None and len(result.pdf_made) == len(documents)
    assert result.font_warning is None
    for pdf in result.pdf_made:
        families = {font_family(f) for f in pdf_fonts((out / pdf).read_bytes())}
        assert families - {"OpenSymbol"} == {"LiberationSerif"} or families == {"TimesNewRoman"}
