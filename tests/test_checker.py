"""Each rule of the format checker, with a passing and a failing document.

The passing documents are the generator's own output; each failing one is that output with
one thing broken the way a clerk might break it in Word.
"""

import shutil

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from mttq_docs import api
from mttq_docs.checker import check_document, check_paths
from mttq_docs.cli import main
from mttq_docs.docx_inspect import paragraphs

from .helpers import district_row, edited_workbook

PLAN = ("kim_thanh", "01_ke_hoach_chua_chon_xa.docx")
BANNER = ("nam_sach", "03_khanh_tiet_chua_chon_xa.docx")


def find(document, predicate):
    return next(p.paragraph for p in paragraphs(document) if predicate(p.paragraph.text.strip()))


def set_text(paragraph, text):
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def remove_border(paragraph):
    borders = paragraph._p.pPr.find(qn("w:pBdr"))
    borders.getparent().remove(borders)


def the_line_after(document, text):
    located = paragraphs(document)
    index = next(i for i, p in enumerate(located) if p.paragraph.text.strip() == text)
    return located[index + 1].paragraph


def _set_size(paragraph, size):
    for run in paragraph.runs:
        run.font.size = Pt(size)


def _no_bold(paragraph):
    for run in paragraph.runs:
        run.bold = False


def _no_italic(paragraph):
    for run in paragraph.runs:
        run.italic = False


def _remove_end_mark(document):
    paragraph = find(document, lambda t: t.endswith("./."))
    set_text(paragraph, paragraph.text.replace("./.", "."))


def _remove_page_field(document):
    header = document.sections[0].header._element
    for field in header.iter(qn("w:fldSimple")):
        field.getparent().remove(field)


MUTATIONS = {
    # rule code: (what a clerk did, expected words in the message)
    "kho_giay": (lambda d: (setattr(d.sections[0], "page_width", Mm(216)),
                            setattr(d.sections[0], "page_height", Mm(279))), "Khổ giấy 216×279 mm"),
    "le_tren": (lambda d: setattr(d.sections[0], "top_margin", Mm(10)), "Lề trên 10 mm, quy định 20–25 mm"),
    "le_duoi": (lambda d: setattr(d.sections[0], "bottom_margin", Mm(30)), "Lề dưới 30 mm"),
    "le_trai": (lambda d: setattr(d.sections[0], "left_margin", Mm(10)), "Lề trái 10 mm, quy định 30–35 mm"),
    "le_phai": (lambda d: setattr(d.sections[0], "right_margin", Mm(25)), "Lề phải 25 mm, quy định 15–20 mm"),
    "phong_chu": (lambda d: setattr(find(d, lambda t: t.startswith("Thực hiện")).runs[0].font,
                                    "name", "Arial"), "Phông Arial ở đoạn"),
    "co_chu_noi_dung": (lambda d: _set_size(find(d, lambda t: t.startswith("Thực hiện")), 12),
                        "Cỡ chữ 12 ở đoạn"),
    "quoc_hieu": (lambda d: _no_bold(find(d, lambda t: t.startswith("CỘNG HÒA"))),
                  "Quốc hiệu không in đậm"),
    "tieu_ngu": (lambda d: remove_border(the_line_after(d, "Độc lập - Tự do - Hạnh phúc")),
                 "Thiếu đường kẻ liền dưới tiêu ngữ"),
    "co_quan": (lambda d: _no_bold(find(d, lambda t: t == "BAN THƯỜNG TRỰC")),
                "Tên cơ quan ban hành \"BAN THƯỜNG TRỰC\" không in đậm"),
    "so_ky_hieu": (lambda d: set_text(find(d, lambda t: t.startswith("Số:")), "Số: 5/KH-MTTQ-BTT"),
                   "Số 5 thiếu số 0 đứng trước"),
    "ngay_thang": (lambda d: set_text(find(d, lambda t: ", ngày" in t),
                                      "Kim Xuyên, ngày 5 tháng 03 năm 2017"),
                   "Tháng \"03\", quy định \"tháng 3\""),
    "ten_loai": (lambda d: _no_bold(find(d, lambda t: t == "KẾ HOẠCH")), "Tên loại \"KẾ HOẠCH\" không in đậm"),
    "trich_yeu": (lambda d: remove_border(the_line_after(
        d, "tại xã/thị trấn ………………, huyện Kim Thành năm 2017")), "Thiếu đường kẻ ngắn dưới trích yếu"),
    "noi_nhan": (lambda d: _set_size(find(d, lambda t: t == "Nơi nhận:"), 14),
                 "\"Nơi nhận:\" cỡ 14, quy định 12"),
    "chu_ky": (lambda d: _no_bold(find(d, lambda t: t == "CHỦ TỊCH")), "Chức vụ người ký \"CHỦ TỊCH\" phải in đậm"),
    "so_trang": (_remove_page_field, "Thiếu số trang"),
    "dau_ket": (_remove_end_mark, "Thiếu dấu kết thúc \"./.\""),
}


@pytest.fixture
def good_plan(shipped_output, tmp_path):
    target = tmp_path / "ke_hoach.docx"
    shutil.copyfile(shipped_output.joinpath(*PLAN), target)
    return target


def test_generated_document_passes_every_rule(good_plan):
    report = check_document(good_plan)
    assert report.ok, report.violations
    assert report.kind == "KẾ HOẠCH"


@pytest.mark.parametrize("rule", sorted(MUTATIONS))
def test_each_rule_catches_its_problem(good_plan, rule):
    mutate, words = MUTATIONS[rule]
    document = docx.Document(str(good_plan))
    mutate(document)
    document.save(str(good_plan))
    report = check_document(good_plan)
    assert {v.rule for v in report.violations} == {rule}, report.violations
    assert any(words in v.message for v in report.violations), report.violations


def test_date_line_rules_leading_zero_and_italic(good_plan):
    document = docx.Document(str(good_plan))
    line = find(document, lambda t: ", ngày" in t)
    set_text(line, "Kim Xuyên, ngày 5 tháng 1 năm 2017")
    _no_italic(line)
    document.save(str(good_plan))
    messages = [v.message for v in check_document(good_plan).violations]
    assert any("Ngày \"5\"" in m for m in messages)
    assert any("Tháng \"1\", quy định \"tháng 01\"" in m for m in messages)
    assert any("không in nghiêng" in m for m in messages)


def test_recipient_entries_dash_semicolon_size_and_last_luu(good_plan):
    document = docx.Document(str(good_plan))
    first = the_line_after(document, "Nơi nhận:")
    set_text(first, "Ban Thường trực Ủy ban MTTQ huyện (để b/c)")
    _set_size(first, 13)
    last = find(document, lambda t: t.startswith("- Lưu"))
    set_text(last, "- Văn phòng.")
    document.save(str(good_plan))
    messages = [v.message for v in check_document(good_plan).violations]
    assert any("phải bắt đầu bằng \"-\"" in m for m in messages)
    assert any("phải kết thúc bằng \";\"" in m for m in messages)
    assert any("cỡ 13, quy định 11" in m for m in messages)
    assert any("Dòng cuối của nơi nhận phải là \"- Lưu: VT, …\"" in m for m in messages)


def test_font_set_through_a_style_is_caught(good_plan):
    document = docx.Document(str(good_plan))
    document.styles["Normal"].font.name = "Arial"
    document.save(str(good_plan))
    report = check_document(good_plan)
    assert any("Phông Arial" in v.message for v in report.violations)


def test_legacy_vietnamese_font_is_named(good_plan):
    document = docx.Document(str(good_plan))
    find(document, lambda t: t.startswith("Thực hiện")).runs[0].font.name = ".VnTime"
    document.save(str(good_plan))
    messages = [v.message for v in check_document(good_plan).violations]
    assert any(".VnTime" in m and "TCVN3" in m for m in messages)


def test_first_page_must_not_be_numbered(good_plan):
    document = docx.Document(str(good_plan))
    document.sections[0].different_first_page_header_footer = False
    document.save(str(good_plan))
    assert any("Trang 1 không được đánh số" in v.message
               for v in check_document(good_plan).violations)


def test_page_number_must_be_centred(good_plan):
    document = docx.Document(str(good_plan))
    document.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(good_plan))
    assert [v.rule for v in check_document(good_plan).violations] == ["so_trang"]


def test_portrait_document_in_landscape_is_caught(good_plan):
    document = docx.Document(str(good_plan))
    section = document.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width
    document.save(str(good_plan))
    assert "huong_giay" in {v.rule for v in check_document(good_plan).violations}


# --- Banner ---------------------------------------------------------------------------

@pytest.fixture
def banner(shipped_output, tmp_path):
    target = tmp_path / "03_khanh_tiet.docx"
    shutil.copyfile(shipped_output.joinpath(*BANNER), target)
    return target


def test_banner_passes_banner_rules(banner):
    report = check_document(banner)
    assert report.ok, report.violations
    assert report.kind == "khánh tiết"


def test_banner_must_be_landscape_a4_or_a3(banner):
    document = docx.Document(str(banner))
    section = document.sections[0]
    section.page_width, section.page_height = Mm(420), Mm(297)  # A3 landscape is fine
    document.save(str(banner))
    assert check_document(banner).ok
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.save(str(banner))
    assert {v.rule for v in check_document(banner).violations} == {"huong_giay"}


def test_banner_must_fit_one_page(banner):
    document = docx.Document(str(banner))
    for _ in range(6):
        document.add_paragraph().add_run("Triển khai nhân rộng mô hình").font.size = Pt(60)
    document.save(str(banner))
    assert {v.rule for v in check_document(banner).violations} == {"mot_trang"}


def test_banner_font(banner):
    document = docx.Document(str(banner))
    find(document, lambda t: t == "HỘI NGHỊ").runs[0].font.name = "Arial"
    document.save(str(banner))
    assert {v.rule for v in check_document(banner).violations} == {"phong_chu"}


# --- Whole outputs and the command line -----------------------------------------------

def test_everything_generated_from_the_shipped_workbook_passes(shipped_output):
    reports = check_paths([shipped_output])
    assert len(reports) == 103
    assert [r for r in reports if not r.ok] == []


def test_everything_generated_with_every_optional_field_filled_passes(tmp_path):
    edits = [("Kế hoạch", "Số kế hoạch", "Giá trị", 15),
             ("Kế hoạch", "Ngày ban hành", "Giá trị", "06/02/2017"),
             ("Kế hoạch", "Người ký", "Giá trị", "Nguyễn Văn An"),
             # The lump sum agrees with the sum of the Dự toán sheet's items.
             ("Kế hoạch", "Kinh phí mỗi hội nghị", "Giá trị", 9500000)]
    communes = {"Cẩm Giàng": "Lai Cách", "Kinh Môn": "Minh Tân", "Bình Giang": "Thái Học",
                "Kim Thành": "Kim Xuyên", "Thanh Miện": "Ngô Quyền", "Ninh Giang": "Ứng Hoè",
                "Thanh Hà": "Thanh Bính", "Tứ Kỳ": "Tân Kỳ", "Nam Sách": "An Lâm",
                "Gia Lộc": "Đoàn Thượng"}
    for district, commune in communes.items():
        row = district_row(district)
        edits += [("Phân công", row, "Xã/Thị trấn", commune),
                  ("Phân công", row, "Ngày hội nghị", "0%d/08/2017" % (row % 9 + 1)),
                  ("Phân công", row, "Địa điểm", f"Nhà văn hóa thôn {commune}")]
    out = tmp_path / "out"
    result = api.generate(edited_workbook(tmp_path, *edits), out)
    assert result.format_warnings == []
    reports = check_paths([out])
    assert len(reports) == 103 and [r for r in reports if not r.ok] == []


def test_check_command_names_both_problems_and_exits_1(good_plan):
    document = docx.Document(str(good_plan))
    MUTATIONS["le_trai"][0](document)
    MUTATIONS["phong_chu"][0](document)
    document.save(str(good_plan))
    result = CliRunner().invoke(main, ["check", str(good_plan)])
    assert result.exit_code == 1
    assert "Lề trái 10 mm, quy định 30–35 mm." in result.output
    assert "Phông Arial ở đoạn" in result.output and "quy định Times New Roman" in result.output


def test_check_command_on_a_folder_exits_0_when_all_pass(shipped_output):
    result = CliRunner().invoke(main, ["check", str(shipped_output / "kim_thanh")])
    assert result.exit_code == 0, result.output
    assert "10 tệp, 10 đạt, 0 có lỗi thể thức." in result.output


def test_generate_warns_when_an_edited_template_breaks_a_rule(tmp_path):
    templates = tmp_path / "mau"
    shutil.copytree(api.DEFAULT_TEMPLATES, templates)
    document = docx.Document(str(templates / "bao_cao.docx"))
    document.sections[0].left_margin = Mm(12)
    document.save(str(templates / "bao_cao.docx"))
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path / "out"),
                                       "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    assert "Mẫu bao_cao.docx: Lề trái 12 mm, quy định 30–35 mm." in result.output


def test_unreadable_file_is_reported(tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    report = check_document(broken)
    assert [v.rule for v in report.violations] == ["mo_tep"]
