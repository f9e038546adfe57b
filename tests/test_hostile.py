"""Hostile and broken input: nothing corrupt, nothing lost, nothing run."""

import io
import re
import signal
import subprocess
import sys
import time
import zipfile

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mttq_docs import api
from mttq_docs.context import build_context
from mttq_docs.docx_inspect import paragraph_text, paragraphs
from mttq_docs.documents import plan_jobs
from mttq_docs.errors import WorkbookError, WorkbookFileError
from mttq_docs.render import Template, render
from mttq_docs.validation import load_plan
from mttq_docs.cells import canonical

from .helpers import SHIPPED, district_row, docx_text, edited_workbook, small_workbook

HOSTILE = ['{{ 7*7 }}', '{% if x %}', 'A & B', '<b>đậm</b>', '"nháy" \'đơn\'', '<w:p>',
           'Xin chào 😀🇻🇳', ']]></w:t>', '${x}', '{{ cycler.__init__ }}']


def without_units(path):
    book = openpyxl.load_workbook(path)
    del book["Đơn vị hành chính"]
    book.save(path)
    return path


def all_docx_valid(out):
    for path in out.rglob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
        docx.Document(str(path))


def test_hostile_text_in_the_assignment_sheet_shows_as_typed(tmp_path):
    row = district_row("Gia Lộc")
    text = " ".join(HOSTILE)
    book = edited_workbook(tmp_path, ("Phân công", row, "Địa điểm", text),
                           ("Phân công", row, "Xã/Thị trấn", "Đoàn Thượng <&> {{ x }}"))
    out = tmp_path / "out"
    api.generate(book, out)
    all_docx_valid(out)
    folder = out / "gia_loc"
    plan = next(folder.glob("01_ke_hoach_*.docx"))
    assert plan.name == "01_ke_hoach_xa_doan_thuong_x.docx"
    assert text in docx_text(plan)
    assert "Đoàn Thượng <&> {{ x }}" in docx_text(plan)
    assert "49" not in docx_text(plan).replace("2017", "")


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "C:\\Windows\\x", "CON", "..\\\\..\\\\x",
                                  "tinh", "aux.txt", "Thanh Miện" + "x" * 300])
def test_names_from_cells_never_leave_the_output_folder(tmp_path, name):
    book = without_units(small_workbook(tmp_path / "v.xlsx", **{"Huyện": name,
                                                                 "Xã/Thị trấn": name}))
    out = tmp_path / "out"
    api.generate(book, out)
    inside = out.resolve()
    for path in tmp_path.rglob("*"):
        if path.suffix == ".docx":
            assert path.resolve().is_relative_to(inside), path
    for path in out.rglob("*"):
        relative = path.relative_to(out)
        assert all(part.isascii() and len(part) <= 120 for part in relative.parts), relative
        assert path.name.lower().split(".")[0] not in {"con", "aux", "nul", "prn"}
    assert len(list(out.rglob("*.docx"))) == 23


def test_control_characters_are_removed_with_a_warning_naming_the_cell(tmp_path):
    row = district_row("Tứ Kỳ")
    book = edited_workbook(tmp_path, ("Phân công", row, "Địa điểm", "Nhà\x7f văn hóa\x9f"))
    result = api.generate(book, tmp_path / "out")
    warning = next(str(w) for w in result.warnings if "ký tự điều khiển" in str(w))
    assert warning.startswith(f"Phân công, dòng {row}, cột Địa điểm")
    text = docx_text(next((tmp_path / "out" / "tu_ky").glob("01_ke_hoach_*.docx")))
    assert "Nhà văn hóa" in text


def test_very_long_text_stays_valid(tmp_path):
    long_text = "Nhà văn hóa thôn Đông " * 500
    book = edited_workbook(tmp_path, ("Phân công", 2, "Địa điểm", long_text))
    out = tmp_path / "out"
    api.generate(book, out)
    all_docx_valid(out)
    assert long_text.strip() in docx_text(next((out / "cam_giang").glob("01_ke_hoach_*.docx")))


# --- Bad files ---------------------------------------------------------------------------

def test_password_protected_workbook(tmp_path):
    fake = tmp_path / "mat_khau.xlsx"
    fake.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    with pytest.raises(WorkbookFileError, match="đặt mật khẩu"):
        load_plan(fake)


def test_corrupt_workbook(tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(SHIPPED.read_bytes()[:3000])
    with pytest.raises(WorkbookFileError, match="không phải bảng tính Excel .xlsx hợp lệ"):
        load_plan(broken)


def test_merged_header_cells(tmp_path):
    target = tmp_path / "gop.xlsx"
    book = openpyxl.load_workbook(SHIPPED)
    book["Phân công"].merge_cells("B1:C1")
    book.save(target)
    with pytest.raises(WorkbookError, match="Phân công, dòng 1: dòng tiêu đề có ô gộp"):
        load_plan(target)


def test_cells_merged_below_the_header_are_not_a_header_error(tmp_path):
    target = tmp_path / "gop_duoi.xlsx"
    book = openpyxl.load_workbook(SHIPPED)
    book["Phân công"].merge_cells("G2:H2")
    book.save(target)
    assert len(load_plan(target).plan.points) == 10


def test_a_sheet_size_written_wrong_by_another_program_loses_no_row(tmp_path):
    # Programs other than Excel may state a sheet's size wrong (<dimension>); openpyxl's
    # streaming reader would then stop at the stated last row.
    target = tmp_path / "kich_thuoc_sai.xlsx"
    with zipfile.ZipFile(SHIPPED) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', data)
            copy.writestr(item, data)
    with zipfile.ZipFile(target) as written:
        assert b'<dimension ref="A1:B3"' in written.read("xl/worksheets/sheet3.xml")
    points = load_plan(target).plan.points
    assert len(points) == 10 and points[-1].venue == load_plan(SHIPPED).plan.points[-1].venue


def test_formula_without_a_value(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 3, "STT", "=A2+1"))
    with pytest.raises(WorkbookError, match="Phân công, dòng 3, cột STT: ô có công thức =A2\\+1"):
        load_plan(book)


def test_number_where_text_belongs(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 4, "Huyện", 12345))
    with pytest.raises(WorkbookError, match="Phân công, dòng 4, cột Huyện: cần một tên bằng "
                                            "chữ, ở đây là một số"):
        load_plan(book)


def test_bad_workbook_from_the_command_line_gives_no_traceback(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 3, "STT", "=A2+1"))
    result = subprocess.run([sys.executable, "-m", "mttq_docs", "generate", "--input", str(book),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "ô có công thức" in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


# --- Killed in the middle ----------------------------------------------------------------

def test_a_run_killed_after_one_second_leaves_only_valid_documents(tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "mttq_docs", "generate", "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    all_docx_valid(out) if out.exists() else None
    result = api.generate(SHIPPED, out)
    assert result.document_count == 103
    assert result.conflicts == []
    all_docx_valid(out)
    assert not list(out.rglob("*.tmp"))


# --- Any text at all ---------------------------------------------------------------------

def _cell_text():
    # Text openpyxl can store as text: no XML-illegal characters, no leading "=" (a formula).
    return st.text(min_size=1, max_size=40).filter(
        lambda t: not ILLEGAL_CHARACTERS_RE.search(t) and not t.startswith("="))


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(district=_cell_text(), commune=_cell_text(), venue=_cell_text(), model=_cell_text(),
       recipient=_cell_text())
def test_any_unicode_text_gives_well_formed_documents_showing_it(tmp_path_factory, district,
                                                                 commune, venue, model,
                                                                 recipient):
    folder = tmp_path_factory.mktemp("prop")
    book = openpyxl.load_workbook(small_workbook(folder / "base.xlsx"))
    del book["Đơn vị hành chính"]
    # Name columns need a letter; prefixing one keeps every other character as drawn.
    book["Phân công"]["B3"], book["Phân công"]["C3"] = "X" + district, "X" + commune
    book["Phân công"]["G3"] = venue
    book["Mô hình"]["B3"] = model
    book["Nơi nhận"]["C7"] = recipient
    path = folder / "prop.xlsx"
    book.save(path)
    try:
        plan = load_plan(path).plan
    except WorkbookError as err:  # only a blank cell may be refused: that is not a crash
        assert all("không được để trống" in p.message for p in err.problems), err.message
        return
    point = next(p for p in plan.points if p.row == 3)
    jobs = [j for j in plan_jobs(plan) if j.point == point]
    for job in jobs:
        data = render(Template.load(api.DEFAULT_TEMPLATES / job.kind.template),
                      build_context(plan, job))
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(paragraph_text(p.paragraph) for p in paragraphs(document))
        # The venue sits in a fill-in field, which holds one line.
        expected = [canonical("X" + commune)[0], re.sub(r"[\n\t]", " ", canonical(venue)[0])]
        expected = [value for value in expected if value]
        if job.kind.code in ("ke_hoach", "giay_moi"):
            for value in expected:
                assert value.replace("\r", "") in text, (job.kind.code, value)
