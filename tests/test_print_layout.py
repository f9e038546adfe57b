"""Printed drafts: dots where people write, no prompt as text, page breaks an office accepts."""

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from mttq_docs import api
from mttq_docs.docx_inspect import paragraph_text
from mttq_docs.fields import DOTS, read_fields

PROMPTS = re.compile(r"\b(Nhập|Chọn ngày)\b")


def generated(out):
    return sorted(p for p in out.rglob("*.docx") if not p.name.startswith("~"))


def test_no_table_row_can_split_and_long_tables_repeat_their_header(shipped_output):
    for path in generated(shipped_output):
        for index, table in enumerate(docx.Document(str(path)).tables):
            rows = table._tbl.findall(qn("w:tr"))
            for number, row in enumerate(rows, start=1):
                assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, (
                    f"{path.name}: table {index}, row {number} can split across pages")
            if len(rows) >= 3:
                assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, (
                    f"{path.name}: table {index} does not repeat its header row")


def _all_bold(paragraph):
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def test_every_heading_keeps_with_the_next_paragraph(shipped_output):
    for path in generated(shipped_output):
        paragraphs = docx.Document(str(path)).paragraphs
        for paragraph, following in zip(paragraphs, paragraphs[1:]):
            heading = _all_bold(paragraph) or re.match(r"^(Chương|Điều \d+\..*:$)",
                                                       paragraph.text.strip())
            if heading and following.text.strip():
                assert paragraph.paragraph_format.keep_with_next, (
                    f"{path.name}: heading {paragraph.text!r} can be left at a page foot")


def test_budget_total_words_and_signature_stay_together(shipped_output):
    document = docx.Document(str(shipped_output / "tinh" / "02_du_toan_2017.docx"))
    total_row = document.tables[-2].rows[-1]  # the allocation's; the signatures come last
    assert all(p.paragraph_format.keep_with_next for c in total_row.cells for p in c.paragraphs
               if p.text.strip())
    words = next(p for p in document.paragraphs if p.text.startswith("Bằng chữ"))
    assert words.paragraph_format.keep_with_next
    # (The dots of a blank amount wrap instead of stretching "Bằng chữ:": see
    # test_budget_estimate_without_an_amount_leaves_blanks.)


def test_the_banner_sample_in_the_province_plan_stays_on_one_page(shipped_output):
    paragraphs = docx.Document(str(shipped_output / "tinh" / "01_ke_hoach_tinh_2017.docx")).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("* Trang trí"))
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[start:start + 4])


def test_commune_drafts_show_dots_not_prompts_and_fields_stay_empty(shipped_output):
    for name in ("01_ke_hoach_chua_chon_xa", "04_giay_moi_chua_chon_xa",
                 "06_quyet_dinh_bcd_chua_chon_xa", "02_bao_cao_chua_chon_xa"):
        path = shipped_output / "kim_thanh" / f"{name}.docx"
        text = "\n".join(paragraph_text(p) for p in _all_paragraphs(path))
        assert not PROMPTS.search(text), f"{name}: a prompt prints as text"
        with zipfile.ZipFile(path) as package:
            fields = read_fields(package.read("word/document.xml"))
        assert fields and not any(f.filled for f in fields)
        assert all(f.title for f in fields)  # the label still says what to write


def _all_paragraphs(path):
    document = docx.Document(str(path))
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_template_wording_uses_typographic_quotes():
    for template in sorted(api.DEFAULT_TEMPLATES.glob("*.docx")):
        for paragraph in _all_paragraphs(template):
            wording = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", paragraph_text(paragraph))
            assert '"' not in wording, f"{template.name}: straight quote in {wording!r}"


def test_model_names_in_titles_keep_their_last_two_words_together(shipped_output):
    lines = [p.text for p in docx.Document(str(
        shipped_output / "kinh_mon" / "01_ke_hoach_chua_chon_xa.docx")).paragraphs]
    assert "“Khu dân cư tự quản đảm bảo an ninh trật\u00a0tự”" in lines


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext (poppler-utils) are not installed")
def test_printed_commune_documents_have_dots_and_no_prompt(shipped_output, tmp_path):
    sources = [shipped_output / "nam_sach" / f"{name}.docx" for name in (
        "01_ke_hoach_chua_chon_xa", "04_giay_moi_chua_chon_xa", "06_quyet_dinh_bcd_chua_chon_xa")]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, sources)], check=True, capture_output=True, timeout=300)
    for source in sources:
        text = subprocess.run(["pdftotext", str(tmp_path / f"{source.stem}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert not PROMPTS.search(text), f"{source.name}: prompt text printed"
        assert "……" in text
    invitation = subprocess.run(["pdftotext", str(tmp_path / "04_giay_moi_chua_chon_xa.pdf"),
                                 "-"], capture_output=True, text=True, check=True).stdout
    assert f"Ông (Bà): {DOTS}" in invitation
