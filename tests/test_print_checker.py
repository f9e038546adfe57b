"""The checker is fair to the government's own sample forms and catches the new faults.

The fair side uses Phụ lục III's forms Mẫu 1.2, 1.4, 1.7 filled with real values
(``tests/fixtures/make_official_forms.py``); each new rule is tested both ways on a generated
plan with one thing broken.
"""

import shutil
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from mttq_docs import checker
from mttq_docs import official_format as fmt
from mttq_docs.checker import check_document, check_paths
from mttq_docs.cli import main
from mttq_docs.docx_inspect import paragraphs

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMS = sorted(FIXTURES.glob("mau_1_*.docx"))
REFERENCE = Path("/work/shared/reference/nd30/phu-luc-III-mau-trinh-bay.docx")
PLAN = ("kim_thanh", "01_ke_hoach_chua_chon_xa.docx")
OLD_FALSE_FINDINGS = ("Thiếu đường kẻ", "Thiếu quốc hiệu", "không có dòng nào", "cỡ 13, 8",
                      "Traceback")


def texts(report):
    return [v.message for v in report.violations]


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_filled_official_forms_pass(form):
    report = check_document(form)
    assert report.ok, report.violations
    assert not [m for m in texts(report) for old in OLD_FALSE_FINDINGS if old in m]


def test_the_three_forms_are_there():
    assert [p.stem for p in FORMS] == ["mau_1_2_quyet_dinh", "mau_1_4_ke_hoach",
                                       "mau_1_7_giay_moi"]


def _copy(path, tmp_path):
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    return target


def _edit(path, change):
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return check_document(path)


def _find(document, start):
    return next(p.paragraph for p in paragraphs(document) if p.text.startswith(start))


def _retype(paragraph, text):
    runs = [r for r in paragraph.runs if r.text]
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def test_old_tone_mark_spelling_of_the_national_title_is_the_same_title(tmp_path):
    form = _copy(FIXTURES / "mau_1_4_ke_hoach.docx", tmp_path)
    report = _edit(form, lambda d: _retype(_find(d, "CỘNG HÒA"),
                                           "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert report.ok, report.violations


def test_decomposed_unicode_is_its_own_finding(tmp_path):
    form = _copy(FIXTURES / "mau_1_4_ke_hoach.docx", tmp_path)
    nfd = unicodedata.normalize("NFD", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    report = _edit(form, lambda d: _retype(_find(d, "CỘNG HÒA"), nfd))
    assert {v.rule for v in report.violations} == {"ma_chu"}, report.violations
    assert "TCVN 6909:2001" in texts(report)[0]


def test_recipients_in_the_row_below_their_label_are_read(tmp_path):
    report = check_document(FIXTURES / "mau_1_7_giay_moi.docx")
    assert not [v for v in report.violations if v.rule == "noi_nhan"]
    form = _copy(FIXTURES / "mau_1_7_giay_moi.docx", tmp_path)
    report = _edit(form, lambda d: _retype(_find(d, "- Lưu"), "Lưu: VT"))
    assert any("phải bắt đầu bằng" in m for m in texts(report))


def test_lines_drawn_as_underscores_or_shapes_count(tmp_path):
    for form in FORMS:
        assert not [m for m in texts(check_document(form)) if "Thiếu đường kẻ" in m]
    form = _copy(FIXTURES / "mau_1_4_ke_hoach.docx", tmp_path)

    def no_line_under_motto(document):
        line = next(p for p in paragraphs(document) if set(p.text) == {"_"} and p.column == 1)
        _retype(line.paragraph, "")

    report = _edit(form, no_line_under_motto)
    assert any("Thiếu đường kẻ liền dưới tiêu ngữ" in m for m in texts(report))


def test_superscript_markers_are_not_held_to_size_or_bold(good_plan):
    def marker(document):
        run = _find(document, "BAN THƯỜNG TRỰC").add_run("2")
        run.font.superscript, run.font.size, run.bold = True, Pt(8), False

    assert _edit(good_plan, marker).ok


@pytest.mark.parametrize("value", ["end", "start", "both", "distribute", "thaiDistribute"])
def test_every_valid_alignment_value_is_read(good_plan, value):
    def align(document):
        paragraph = _find(document, "KẾ HOẠCH")
        paragraph._p.get_or_add_pPr().get_or_add_jc()
        paragraph._p.pPr.find(qn("w:jc")).set(qn("w:val"), value)

    report = _edit(good_plan, align)
    assert [v.rule for v in report.violations] == ["ten_loai"]  # not centred: a finding
    assert "khong_doc_duoc" not in {v.rule for v in report.violations}


def test_missing_page_size_is_a_finding_not_a_crash(good_plan):
    def drop(document):
        page = document.sections[0]._sectPr.find(qn("w:pgSz"))
        page.getparent().remove(page)

    report = _edit(good_plan, drop)
    assert [v.rule for v in report.violations] == ["kho_giay"]
    assert "không khai báo khổ giấy" in texts(report)[0]


def test_one_files_surprise_is_reported_for_that_file_and_the_batch_goes_on(
        good_plan, monkeypatch):
    def broken(facts):
        if facts.find(lambda p: "Kim Thành" in p.text):
            raise ValueError("giá trị lạ")
        return []

    monkeypatch.setitem(checker.KIND_RULES, "KẾ HOẠCH", (*checker.DOCUMENT_RULES, broken))
    reports = check_paths([good_plan, FIXTURES / "mau_1_4_ke_hoach.docx"])
    assert [v.rule for v in reports[0].violations] == ["khong_doc_duoc"]
    assert "ValueError" in reports[0].violations[0].message
    assert reports[1].ok


def test_the_command_never_prints_a_traceback(good_plan, tmp_path):
    def odd(document):
        document.sections[0]._sectPr.remove(document.sections[0]._sectPr.find(qn("w:pgSz")))
        _find(document, "Thực hiện")._p.get_or_add_pPr().get_or_add_jc().set(qn("w:val"), "end")

    _edit(good_plan, odd)
    (tmp_path / "hong.docx").write_bytes(b"khong phai docx")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "hong.docx" in result.output and "khổ giấy" in result.output


# --- New rules, both ways -----------------------------------------------------------------

def _body_paragraphs(document):
    return [p for p in document.paragraphs if p.style.name == "Nội dung" and len(p.text) > 70]


def _set_on_body(change):
    def apply(document):
        for paragraph in _body_paragraphs(document):
            change(paragraph.paragraph_format)
    return apply


NEW_RULES = {
    "gian_dong": (_set_on_body(lambda f: setattr(f, "line_spacing", 2.5)), "giãn dòng 2.5 dòng"),
    "thut_dau_dong": (_set_on_body(lambda f: setattr(f, "first_line_indent", Pt(0))),
                      "lùi đầu dòng 0,00 cm"),
    "khoang_cach_doan": (_set_on_body(lambda f: (setattr(f, "space_after", Pt(0)),
                                                 setattr(f, "space_before", Pt(0)))),
                         "cách đoạn 0 pt"),
    "can_deu": (_set_on_body(lambda f: setattr(f, "alignment", 0)), "căn trái"),
    "ky_hieu_loai": (lambda d: _retype(_find(d, "Số:"), "Số: 05/CV-MTTQ-BTT"),
                     "quy định \"KH\""),
    "so_trang": (lambda d: d.sections[0].header.paragraphs[0]._p.find(qn("w:fldSimple"))
                 .find(qn("w:r")).find(qn("w:rPr")).find(qn("w:sz")).set(qn("w:val"), "20"),
                 "Số trang cỡ 10"),
}


@pytest.mark.parametrize("rule", sorted(NEW_RULES))
def test_each_new_rule_fails_its_fault_and_cites_nd30(good_plan, rule):
    assert check_document(good_plan).ok
    change, words = NEW_RULES[rule]
    report = _edit(good_plan, change)
    assert {v.rule for v in report.violations} == {rule}, report.violations
    assert any(words in m for m in texts(report)), report.violations
    assert all("NĐ 30/2020/NĐ-CP" in m for m in texts(report))


def test_all_four_body_faults_of_one_plan_are_found(good_plan):
    def careless(document):
        for paragraph in _body_paragraphs(document):
            f = paragraph.paragraph_format
            f.line_spacing, f.first_line_indent, f.space_after = 2.5, Pt(0), Pt(0)

    rules = {v.rule for v in _edit(good_plan, careless).violations}
    assert {"gian_dong", "thut_dau_dong", "khoang_cach_doan"} <= rules


def test_the_type_codes_are_those_of_phu_luc_iii():
    if not REFERENCE.exists():
        pytest.skip("the reference Phụ lục III file is not on this machine")
    table = docx.Document(str(REFERENCE)).tables[0]
    read = {}
    for row in table.rows[1:]:
        name, code = row.cells[1].text.strip(), row.cells[2].text.strip()
        if code and "sao" not in name.lower():
            read[name.split("(")[0].strip().upper().replace("UỶ", "ỦY")] = code
    assert read == fmt.TYPE_CODES


def test_every_rule_code_has_its_source():
    codes = {"kho_giay", "huong_giay", "le_tren", "le_duoi", "le_trai", "le_phai", "phong_chu",
             "ma_chu", "so_trang", "quoc_hieu", "tieu_ngu", "co_quan", "so_ky_hieu",
             "ky_hieu_loai", "ngay_thang", "ten_loai", "trich_yeu", "co_chu_noi_dung",
             "can_deu", "thut_dau_dong", "khoang_cach_doan", "gian_dong", "chu_ky", "noi_nhan",
             "dau_ket"}
    assert codes <= set(fmt.SOURCES)


@pytest.fixture
def good_plan(shipped_output, tmp_path):
    target = tmp_path / "ke_hoach.docx"
    shutil.copyfile(shipped_output.joinpath(*PLAN), target)
    return target
