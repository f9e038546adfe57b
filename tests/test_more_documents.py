"""The documents the plan calls for beyond the core four (district plan, commitment,
steering decision, regulation drafts, agenda, budget estimate)."""

import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from mttq_docs import api

from .helpers import LUMP_SUM, NO_ITEMS, cell_text, district_row, docx_lines, docx_text, edited_workbook

CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


def test_district_plan_has_its_points_tasks_timetable_and_recipients(shipped_output):
    lines = docx_lines(shipped_output / "kim_thanh" / "00_ke_hoach_huyen_kim_thanh.docx")
    assert lines[:3] == ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN KIM THÀNH", "BAN THƯỜNG TRỰC"]
    assert "trên địa bàn huyện Kim Thành năm 2017" in lines
    # The commune's name is held together in the heading (no-break spaces).
    assert "1. Mô hình “Khu dân cư tự quản bảo vệ môi trường” tại xã/thị\u00a0trấn\u00a0………………" \
        in lines
    assert "- Hội nghị triển khai: ngày …… tháng …… năm 2017, tại ………………." in lines
    # Guidance of the model assigned to the district, and the funding.
    assert "- Tổ chức tự quản: Tổ tự quản bảo vệ môi trường; Ban Thường trực Ủy ban MTTQ xã " \
        "chủ trì, phối hợp với Hội Liên hiệp Phụ nữ và Hội Nông dân xã." in lines
    assert "+ Nộp phí vệ sinh môi trường đầy đủ, đúng hạn." in lines
    assert "III. NHIỆM VỤ CỦA BAN THƯỜNG TRỰC ỦY BAN MTTQ HUYỆN KIM THÀNH" in lines
    assert "V. KINH PHÍ" in lines
    assert any(line.startswith("Ban Thường trực Ủy ban MTTQ tỉnh Hải Dương hỗ trợ kinh phí tổ "
                               "chức hội nghị (9.500.000 đồng/hội nghị)") for line in lines)
    table = docx.Document(str(shipped_output / "kim_thanh" / "00_ke_hoach_huyen_kim_thanh.docx")
                          ).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Nội dung", "Thời gian", "Đơn vị thực hiện"]
    assert rows[3][2] == "Trong tháng 8/2017"
    assert rows[4][2] == "Trước ngày 31 tháng 8 năm 2017"
    recipients = lines[lines.index("Nơi nhận:") + 1:lines.index("Nơi nhận:") + 5]
    assert recipients[0] == "- Ban Thường trực Ủy ban MTTQ tỉnh (Ban Phong trào) (để b/c);"
    assert recipients[-1] == "- Lưu: VT."


def test_district_plan_lists_every_point_and_conference_date(tmp_path):
    row = district_row("Kim Thành")
    book = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Kim Xuyên"),
                           ("Phân công", row, "Ngày hội nghị", "10/08/2017"),
                           append={"Phân công": [{"Huyện": "Kim Thành", "Xã/Thị trấn": "Phú Thái",
                                                  "Mã mô hình": "VIECTANG",
                                                  "Ngày hội nghị": "20/08/2017"}]})
    out = tmp_path / "out"
    api.generate(book, out)
    path = out / "kim_thanh" / "00_ke_hoach_huyen_kim_thanh.docx"
    text = docx_text(path)
    assert 'Mô hình “Khu dân cư tự quản bảo vệ môi trường” tại xã\u00a0Kim\u00a0Xuyên' in text
    assert ('Mô hình “Thực hiện nếp sống văn minh trong việc tang” tại thị\u00a0trấn\u00a0Phú'
            '\u00a0Thái') in text
    timetable = docx.Document(str(path)).tables[1]
    assert timetable.rows[3].cells[2].text == "10/8/2017; 20/8/2017"


def test_budget_estimate_with_an_amount(tmp_path):
    book = edited_workbook(tmp_path, LUMP_SUM, drop=NO_ITEMS)
    out = tmp_path / "out"
    api.generate(book, out)
    path = out / "tinh" / "02_du_toan_2017.docx"
    table = docx.Document(str(path)).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Huyện", "Xã, thị trấn", "Mô hình", "Số tiền (đồng)"]
    lines = rows[1:-1]
    assert len(lines) == 10
    assert [r[1] for r in lines][:3] == ["Cẩm Giàng", "Kinh Môn", "Bình Giang"]
    assert all(r[4] == "5.000.000" for r in lines)
    assert rows[-1][-1] == "50.000.000"
    assert "Bằng chữ: Năm mươi triệu đồng./." in docx_lines(path)
    assert "I. CHI PHÍ MỘT HỘI NGHỊ" not in docx_lines(path)  # no cost items: one sum each
    # A line is 12 pt from its paragraph style, with no formatting of its own: the row is
    # repeated once per conference (10 000 in a national plan).
    line = table.rows[1].cells[1].paragraphs[0]
    assert line.style.font.size == Pt(12) and line.style.base_style.name == "Normal"
    assert [run.font.size for run in line.runs] == [None]
    assert table.rows[1].cells[1]._tc.tcPr is None
    aligned = [cell.paragraphs[0].style.paragraph_format.alignment for cell in table.rows[1].cells]
    assert aligned == [CENTER, CENTER, LEFT, LEFT, CENTER]


def test_budget_estimate_without_an_amount_leaves_blanks(tmp_path):
    book = edited_workbook(tmp_path, drop=NO_ITEMS)
    out = tmp_path / "out"
    api.generate(book, out)
    path = out / "tinh" / "02_du_toan_2017.docx"
    rows = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[1].rows]
    assert all(r[4] == "……" for r in rows[1:-1])
    assert rows[-1][-1] == "………………"
    words = next(line for line in docx_lines(path) if line.startswith("Bằng chữ:"))
    # Dots to write on, each followed by an invisible break point so that the justified line
    # never stretches "Bằng chữ:" (seen on the page image).
    assert words.replace("\u200b", "").startswith("Bằng chữ: ……")
    assert "…\u200b…\u200b" in words


def test_commitment_lists_the_models_commitments_numbered(shipped_output):
    lines = docx_lines(shipped_output / "ninh_giang" / "08_cam_ket_chua_chon_xa.docx")
    assert lines[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "BẢN CAM KẾT" in lines
    assert 'Thực hiện mô hình “Thực hiện nếp sống văn minh trong việc\u00a0tang”' in lines
    assert "1. Không để thi hài tại nhà quá 48 giờ." in lines
    assert "3. Không rắc vàng mã, tiền âm phủ trên đường đưa tang." in lines
    assert any(line.startswith("Họ và tên chủ hộ: ") for line in lines)
    assert any(line.startswith("Địa chỉ: thôn (khu dân cư)") and "huyện Ninh Giang, tỉnh Hải "
               "Dương" in line for line in lines)
    assert "CHỦ HỘ" in lines and "(Ký, ghi rõ họ tên)" in lines


@pytest.mark.parametrize(("folder", "member"), [
    ("kinh_mon", "Trưởng Công an xã"),
    ("kim_thanh", "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường xã"),
    ("ninh_giang", "Công chức Văn hóa - Xã hội xã"),
    ("cam_giang", "Trưởng ban thanh tra nhân dân xã"),
])
def test_steering_decision_articles_and_member_table(shipped_output, folder, member):
    path = shipped_output / folder / "06_quyet_dinh_bcd_chua_chon_xa.docx"
    lines = docx_lines(path)
    assert "QUYẾT ĐỊNH" in lines and "QUYẾT ĐỊNH:" in lines
    assert "Căn cứ Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13 ngày 09/6/2015;" in lines
    assert any(line.startswith("Điều 1. Thành lập Ban Chỉ đạo") for line in lines)
    assert any(line.startswith("Điều 2.") for line in lines)
    assert any(line.startswith("Điều 3. Quyết định có hiệu lực kể từ ngày ký.") for line in lines)
    table = docx.Document(str(path)).tables[1]
    rows = [[cell_text(c) for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong Ban"]
    assert rows[1][:2] == ["1", "…" * 8]  # dots that fit the cell
    assert rows[1][3] == "Trưởng ban"
    assert [member, "Ủy viên"] in [r[2:] for r in rows]


def test_regulation_drafts_quy_uoc_or_quy_che_by_model(shipped_output):
    uoc = docx_lines(shipped_output / "kim_thanh" / "07_quy_uoc_chua_chon_xa.docx")
    che = docx_lines(shipped_output / "cam_giang" / "07_quy_che_chua_chon_xa.docx")
    assert "QUY ƯỚC" in uoc and "QUY CHẾ" in che
    for lines in (uoc, che):
        for chapter in ("Chương I", "Chương II", "Chương III", "Chương IV"):
            assert chapter in lines
        assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in lines
    assert "(Dự thảo để lấy ý kiến nhân dân)" in uoc and "(Dự thảo)" in che
    assert any("trên 50% số hộ" in line for line in uoc)


def test_agenda_order_of_business(shipped_output):
    path = shipped_output / "tu_ky" / "05_chuong_trinh_chua_chon_xa.docx"
    assert "CHƯƠNG TRÌNH" in docx_lines(path)
    rows = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[1].rows]
    assert rows[0] == ["STT", "Nội dung", "Người thực hiện"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 10)]
    # Adopted at the thôn meeting; the conference hears the draft and the residents' views.
    assert rows[4][1] == "Giới thiệu dự thảo Quy ước và kết quả lấy ý kiến; thảo luận"
    assert rows[9][1] == "Bế mạc hội nghị"


def test_nothing_dated_after_the_plans_year_in_any_document(shipped_output):
    later = re.compile(r"(?<!\d)(20(1[89]|[2-9]\d))(?!\d)")
    for path in shipped_output.rglob("*.docx"):
        # A programme period ("giai đoạn 2016 - 2020") names its end year; it is not a date.
        text = re.sub(r"giai đoạn \d{4} - \d{4}", "", docx_text(path))
        found = later.findall(text)
        assert not found, (path.name, found)
