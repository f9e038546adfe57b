"""The substance a signer checks before signing (issue 16): who issues the decision, which
plans each commune document carries out, whom the invitation lists, what the budget adds up
to, what the regulations say, what the contents list is."""

import datetime as dt

import docx
import pytest

from mttq_docs import api
from mttq_docs.errors import WorkbookError
from mttq_docs.vietnamese import amount_in_words

from .helpers import cell_text, district_row, docx_lines, docx_text, edited_workbook

DISTRICTS = {"cam_giang": "Cẩm Giàng", "kinh_mon": "Kinh Môn", "kim_thanh": "Kim Thành",
             "ninh_giang": "Ninh Giang", "nam_sach": "Nam Sách"}  # one per model
CITING = ("01_ke_hoach", "02_bao_cao", "06_quyet_dinh_bcd")


def _signature(lines: list[str]) -> list[str]:
    """The words of the signature block: the last non-empty lines."""
    return [line for line in lines if line][-3:]


def test_the_decision_issuer_header_and_signature_agree_and_come_from_the_workbook(
        shipped_output):
    # Funerals: the commune People's Committee issues it (sheet Quyết định, row VIECTANG).
    lines = docx_lines(shipped_output / "ninh_giang" / "06_quyet_dinh_bcd_chua_chon_xa.docx")
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "XÃ/THỊ TRẤN ………………"]
    assert "Số: ……/QĐ-UBND" in lines
    assert "ỦY BAN NHÂN DÂN XÃ/THỊ TRẤN ………………" in lines
    assert lines[lines.index("ỦY BAN NHÂN DÂN XÃ/THỊ TRẤN ………………") + 1].startswith(
        "Căn cứ Luật Tổ chức chính quyền địa phương")
    assert _signature(lines) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "………………"]
    assert any(line.startswith("Điều 2. Ban Chỉ đạo có nhiệm vụ giúp Ủy ban nhân dân xã/thị "
                               "trấn") for line in lines)
    # Every other model: the commune Front's standing board, with the agreement of the Party
    # committee and the People's Committee whose officials sit on it.
    lines = docx_lines(shipped_output / "cam_giang" / "06_quyet_dinh_bcd_chua_chon_xa.docx")
    assert lines[:3] == ["ỦY BAN MTTQ VIỆT NAM", "XÃ/THỊ TRẤN ………………", "BAN THƯỜNG TRỰC"]
    assert "Số: ……/QĐ-MTTQ-BTT" in lines
    assert "BAN THƯỜNG TRỰC ỦY BAN MTTQ XÃ/THỊ TRẤN ………………" in lines
    assert "Được sự nhất trí của Thường trực Đảng ủy, Ủy ban nhân dân xã;" in lines
    assert _signature(lines) == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "………………"]


def test_a_locality_names_its_own_issuer(tmp_path):
    book = edited_workbook(
        tmp_path, ("Quyết định", 2, "Cơ quan ban hành", "ỦY BAN NHÂN DÂN"),
        ("Quyết định", 2, "Tên cơ quan trong văn bản", "Ủy ban nhân dân"),
        ("Quyết định", 2, "Cơ quan chủ quản", None), ("Quyết định", 2, "Ký hiệu", "QĐ-UBND"),
        ("Quyết định", 2, "Thẩm quyền ký", "KT. CHỦ TỊCH"),
        ("Quyết định", 2, "Chức vụ người ký", "PHÓ CHỦ TỊCH"),
        ("Quyết định", 2, "Được sự nhất trí của", None),
        ("Kế hoạch", "Số kế hoạch", "Giá trị", 15),
        ("Kế hoạch", "Ngày ban hành", "Giá trị", "06/02/2017"))
    out = tmp_path / "out"
    api.generate(book, out)
    lines = docx_lines(out / "cam_giang" / "06_quyet_dinh_bcd_chua_chon_xa.docx")
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "XÃ/THỊ TRẤN ………………"]
    assert "Số: ……/QĐ-UBND" in lines  # "QĐ-" typed in the symbol is not doubled
    assert _signature(lines) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "………………"]
    # The province plan is cited with its number and date; the proposal ends the preamble
    # with a full stop (NĐ 30 Mẫu 1.2) and comes from a commune-level body.
    assert ("Căn cứ Kế hoạch số 15/KH-MTTQ-BTT ngày 06 tháng 02 năm 2017 của Ban Thường trực Ủy "
            "ban MTTQ tỉnh Hải Dương về triển khai nhân rộng mô hình tự quản tiêu biểu ở khu dân "
            "cư năm 2017;") in lines
    last = lines[lines.index("QUYẾT ĐỊNH:") - 1]
    assert last == "Xét đề nghị của Phó Chủ tịch Ủy ban MTTQ xã phụ trách công tác phong trào."
    assert not any(line.startswith("Được sự nhất trí") for line in lines)


@pytest.mark.parametrize("folder", sorted(DISTRICTS))
def test_every_citing_commune_document_cites_the_district_plan(shipped_output, folder):
    district_plan = ("Kế hoạch số ……/KH-MTTQ-BTT ngày …… tháng …… năm 2017 của Ban Thường trực "
                     f"Ủy ban MTTQ huyện {DISTRICTS[folder]}")
    for stem in CITING:
        text = docx_text(shipped_output / folder / f"{stem}_chua_chon_xa.docx")
        assert district_plan in text, stem
        assert "Ban Thường trực Ủy ban MTTQ tỉnh Hải Dương về triển khai" in text, stem


def test_a_party_directive_is_carried_out_not_a_legal_basis(shipped_output):
    for stem in ("01_ke_hoach", "06_quyet_dinh_bcd"):
        lines = docx_lines(shipped_output / "kinh_mon" / f"{stem}_chua_chon_xa.docx")
        assert any(line.startswith("Thực hiện Chỉ thị số 09-CT/TW") for line in lines), stem
        assert not any(line.startswith("Căn cứ Chỉ thị") for line in lines), stem


def test_the_steering_committee_has_one_post_per_row(shipped_output):
    path = shipped_output / "gia_loc" / "06_quyet_dinh_bcd_chua_chon_xa.docx"
    rows = [[cell_text(c) for c in row.cells] for row in docx.Document(str(path)).tables[1].rows]
    posts = [row[2] for row in rows[1:]]
    assert {"Bí thư chi bộ thôn được chọn", "Trưởng thôn được chọn",
            "Trưởng ban công tác Mặt trận thôn được chọn"} <= set(posts)
    assert not any("," in post for post in posts)


def _guests(path) -> list[str]:
    table = docx.Document(str(path)).tables[-1]
    return [row.cells[1].text for row in table.rows[1:]]


def test_the_public_order_invitation_lists_the_commune_police(shipped_output):
    guests = _guests(shipped_output / "kinh_mon" / "04_giay_moi_chua_chon_xa.docx")
    assert any(g.startswith("Trưởng Công an xã") for g in guests)
    assert not any("Công an" in g for g in _guests(
        shipped_output / "kim_thanh" / "04_giay_moi_chua_chon_xa.docx"))
    lines = docx_lines(shipped_output / "kinh_mon" / "04_giay_moi_chua_chon_xa.docx")
    assert ("(Kèm theo Giấy mời số ……/GM-MTTQ-BTT ngày …… tháng …… năm 2017 của Ban Thường trực "
            "Ủy ban MTTQ xã/thị trấn ………………)") in lines


def _amount(text: str) -> int:
    return int(text.replace(".", ""))


def test_the_budget_has_cost_items_that_add_up_to_its_total_in_words(shipped_output):
    path = shipped_output / "tinh" / "02_du_toan_2017.docx"
    document = docx.Document(str(path))
    items, allocation = document.tables[1], document.tables[2]
    rows = [[c.text for c in row.cells] for row in items.rows]
    assert rows[0] == ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Mức chi (đồng)",
                       "Thành tiền (đồng)", "Căn cứ mức chi"]
    lines, total_row = rows[1:-1], rows[-1]
    assert len(lines) == 4
    for line in lines:  # quantity × rate = amount, and every rate says where it comes from
        assert _amount(line[3]) * _amount(line[4]) == _amount(line[5])
        assert line[6]
    each = sum(_amount(line[5]) for line in lines)
    assert _amount(total_row[5]) == each == 9_500_000
    assert any("Thông tư số 40/2017/TT-BTC" in line[6] for line in lines)
    conferences = [[c.text for c in row.cells] for row in allocation.rows][1:-1]
    assert len(conferences) == 10 and {r[4] for r in conferences} == {"9.500.000"}
    total = _amount(allocation.rows[-1].cells[-1].text)
    assert total == 10 * each
    text = docx_lines(path)
    assert f"Bằng chữ: {amount_in_words(total)}./." in text
    # Not a document type of NĐ 30: no number, no "DT"; signed by whoever drew it up, the
    # accountant and the head of the office.
    assert not any(line.startswith("Số:") for line in text)
    assert "DT-" not in docx_text(path)
    assert {"NGƯỜI LẬP", "KẾ TOÁN", "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH"} <= set(text)


def test_a_lump_sum_that_disagrees_with_the_cost_items_is_refused(tmp_path):
    book = edited_workbook(tmp_path, ("Kế hoạch", "Kinh phí mỗi hội nghị", "Giá trị", 5000000))
    out = tmp_path / "out"
    with pytest.raises(WorkbookError) as caught:
        api.generate(book, out)
    assert "9.500.000" in str(caught.value) and "5.000.000" in str(caught.value)
    assert not out.exists()


@pytest.mark.parametrize(("sheet", "column", "value", "message"), [
    ("Điều khoản", "Mã mô hình", "ANTX", "'ANTX' không có trong sheet Mô hình"),
    ("Nơi nhận", "Mã mô hình", "ANTX", "'ANTX' không có trong sheet Mô hình"),
    ("Căn cứ", "Mã mô hình", "BVTM", "'BVTM' không có trong sheet Mô hình"),
    ("Dự toán", "Mức chi", "một trăm", "'một trăm' không phải một số nguyên"),
    ("Căn cứ", "Cách dẫn", "Theo", "'Theo' không phải 'Căn cứ' hay 'Thực hiện'"),
    ("Quyết định", "Ký hiệu", None, "ô này không được để trống"),
])
def test_bad_cells_of_the_new_sheets_name_sheet_row_and_column(tmp_path, sheet, column, value,
                                                              message):
    book = edited_workbook(tmp_path, (sheet, 2, column, value))
    out = tmp_path / "out"
    with pytest.raises(WorkbookError) as caught:
        api.generate(book, out)
    problem = next(p for p in caught.value.problems if p.level == "error")
    assert (problem.sheet, problem.row, problem.column) == (sheet, 2, column)
    assert message in problem.message
    assert not out.exists()


def test_the_contents_list_is_a_checklist_without_the_state_header(shipped_output):
    for folder in ("tinh", "kim_thanh"):
        lines = docx_lines(shipped_output / folder / "00_danh_muc.docx")
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in lines
        assert not any(line.startswith(("Số:", "Nơi nhận")) for line in lines)
        assert lines[0] == "DANH MỤC VĂN BẢN"
    # The province does not ask itself for a report.
    assert "gửi báo cáo" not in docx_text(shipped_output / "tinh" / "00_danh_muc.docx")
    assert "gửi báo cáo" in docx_text(shipped_output / "kim_thanh" / "00_danh_muc.docx")


def test_the_peoples_inspection_board_rules_are_the_communes_operating_rules(shipped_output):
    lines = docx_lines(shipped_output / "cam_giang" / "07_quy_che_chua_chon_xa.docx")
    # The board's name in the header keeps its last two words together.
    assert lines[:3] == ["ỦY BAN MTTQ VIỆT NAM", "XÃ/THỊ TRẤN ………………",
                         "BAN THANH TRA NHÂN\u00a0DÂN"]
    assert "Hoạt động của Ban thanh tra nhân dân" in lines
    text = "\n".join(lines)
    assert "Gia đình văn hóa" not in text
    assert "thôn (khu dân cư) ……" not in "\n".join(lines[:8])
    # Meetings, division of duties, working relations and reporting (domain notes §2.3).
    for article in ("Phân công nhiệm vụ", "Chế độ sinh hoạt", "Chế độ báo cáo"):
        assert any(line.startswith("Điều ") and article in line for line in lines), article
    assert any(line.startswith("Chương ") for line in lines)
    assert _signature(lines)[:2] == ["TM. BAN THANH TRA NHÂN DÂN", "TRƯỞNG BAN"]


@pytest.mark.parametrize("folder", ["kinh_mon", "kim_thanh", "ninh_giang"])
def test_a_residential_pact_is_the_thons_with_limits_and_breaches(shipped_output, folder):
    lines = docx_lines(shipped_output / folder / "07_quy_uoc_chua_chon_xa.docx")
    # Header and signature agree: the thôn adopts it, its head signs for the meeting.
    assert lines[1].startswith("THÔN (KHU DÂN CƯ)")
    assert "TM. HỘI NGHỊ THÔN" in lines and "TRƯỞNG THÔN" in lines
    assert "BAN THƯỜNG TRỰC" not in lines[:4]
    articles = [line for line in lines if line.startswith("Điều ")]
    assert len(articles) >= 10
    assert any("vi phạm" in line.lower() for line in articles)
    assert any(line.startswith("a) ") for line in lines)  # articles have their points


def test_the_funeral_pact_sets_concrete_limits(shipped_output):
    text = docx_text(shipped_output / "ninh_giang" / "07_quy_uoc_chua_chon_xa.docx")
    assert "48 giờ" in text and "22 giờ" in text


def test_without_the_articles_sheet_a_regulation_lists_the_models_lines(tmp_path):
    row = district_row("Kim Thành")
    book = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Kim Xuyên"),
                           drop=("Điều khoản",))
    out = tmp_path / "out"
    api.generate(book, out)
    lines = docx_lines(out / "kim_thanh" / "07_quy_uoc_xa_kim_xuyen.docx")
    assert ("Điều 1. Phân loại rác thải sinh hoạt tại nguồn; đổ rác đúng giờ, đúng nơi quy "
            "định.") in lines


def test_the_summary_report_adds_up_the_figures_the_communes_typed(tmp_path):
    from .test_collect import type_into  # a commune typing into its report's fields

    kim, cam, gia = (district_row(d) for d in ("Kim Thành", "Cẩm Giàng", "Gia Lộc"))
    book = edited_workbook(tmp_path, ("Phân công", kim, "Xã/Thị trấn", "Kim Xuyên"),
                           ("Phân công", cam, "Xã/Thị trấn", "Cẩm Hưng"),
                           ("Phân công", gia, "Xã/Thị trấn", "Đoàn Thượng"))
    out = tmp_path / "out"
    api.generate(book, out, jobs=1)
    typed = {"kim_thanh/02_bao_cao_xa_kim_xuyen.docx": ("320", "272 hộ", "3"),
             "cam_giang/02_bao_cao_xa_cam_hung.docx": ("1.250", "1.000", "5"),
             "gia_loc/02_bao_cao_xa_doan_thuong.docx": ("khoảng 300 - 320", "", "")}
    for name, (households, signed, meetings) in typed.items():
        type_into(out / name, {"bao_cao.so_ho": households, "bao_cao.so_ho_cam_ket": signed,
                               "bao_cao.so_buoi": meetings})
    api.collect(out, today=dt.date(2017, 9, 5))
    table = next(t for t in docx.Document(str(out / "tinh" / "bao_cao_tong_hop.docx")).tables
                 if t.rows[0].cells[1].text == "Điểm")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Điểm", "Số hộ", "Số hộ ký cam kết", "Tỷ lệ (%)",
                       "Số buổi tuyên truyền"]
    by_place = {row[1]: row[2:] for row in rows[1:-1]}
    assert by_place["Huyện Kim Thành, Kim Xuyên"] == ["320", "272 hộ", "85,0", "3"]
    assert by_place["Huyện Cẩm Giàng, Cẩm Hưng"] == ["1.250", "1.000", "80,0", "5"]
    assert by_place["Huyện Gia Lộc, Đoàn Thượng"][:2] == ["khoảng 300 - 320", ""]
    # The total counts the two points whose figures are whole numbers, and says so.
    assert rows[-1][0] == "Cộng (2 điểm có đủ số liệu)"
    assert rows[-1][2:] == ["1.570", "1.272", "81,0", "8"]
