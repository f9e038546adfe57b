"""The templates of the province's and districts' working documents (development tool, used by
``tools/build_templates.py``): the district's plan, the budget estimate, the packet's
contents list.
"""

from __future__ import annotations

from docx.shared import Pt

from tools.docx_blocks import (
    CENTER, LEFT, body, borderless_table, cell_para, grid_table, header_block, heading,
    keep_row_together, keep_together, loop, new_document, para, repeated_row, signature_block,
    title_block,
)
from tools.template_parts import COMMUNE_SIGNATURE, PROVINCE_PLAN, plain


def ke_hoach_huyen():
    """A district's plan (seed III.2): the province's plan made concrete for the district's
    commune and model, with what that model asks, the timetable and the funding."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", [
        "Triển khai nhân rộng mô hình tự quản ở khu dân cư",
        "trên địa bàn {{ huyen }} năm {{ nam }}"])
    body(doc, "Thực hiện " + PROVINCE_PLAN + ", Ban Thường trực Ủy ban MTTQ {{ huyen }} xây "
              "dựng kế hoạch như sau:")
    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    body(doc, "- Cụ thể hóa kế hoạch của Ban Thường trực Ủy ban MTTQ {{ tinh }}; lựa chọn đúng "
              "địa bàn, mô hình phù hợp với điều kiện thực tế của địa phương.")
    body(doc, "- Phát huy vai trò của MTTQ và các tổ chức thành viên trong việc phối hợp với chính "
              "quyền tổ chức triển khai nhân rộng mô hình đạt hiệu quả.")
    heading(doc, "II. MÔ HÌNH, ĐỊA ĐIỂM VÀ NỘI DUNG")
    plain(doc, "{%p for d in diem %}")
    # The commune's name never splits over two lines of the heading.
    heading(doc, "{{ loop.index }}. Mô hình “{{ d.mo_hinh }}” tại {{ d.xa.replace(' ', "
                 "'\\u00a0') }}")
    body(doc, "- Hội nghị triển khai: {{ d.hoi_nghi_ngay }}, tại {{ d.dia_diem }}.")
    body(doc, "- Tổ chức tự quản: {{ d.chi_tiet.to_chuc }}; {{ d.chi_tiet.chu_tri }}.")
    body(doc, "- Mục đích:")
    loop(doc, "for m in d.chi_tiet.muc_dich", "+ {{ m }}")
    body(doc, "- Nội dung trọng tâm hướng dẫn xã thực hiện:")
    loop(doc, "for t in d.chi_tiet.nhiem_vu", "+ {{ t }}")
    body(doc, "- Các hộ gia đình ký cam kết:")
    loop(doc, "for c in d.chi_tiet.cam_ket", "+ {{ c }}")
    plain(doc, "{%p endfor %}")
    heading(doc, "III. NHIỆM VỤ CỦA BAN THƯỜNG TRỰC ỦY BAN MTTQ {{ huyen|upper }}")
    body(doc, "1. Báo cáo Thường trực Huyện ủy, phối hợp với Ủy ban nhân dân huyện, các ngành chức "
              "năng và các tổ chức thành viên cùng cấp chỉ đạo triển khai kế hoạch.")
    body(doc, "2. {{ 'Phối hợp với Ban Thường trực Ủy ban MTTQ ' ~ tinh ~ ' lựa chọn địa điểm "
              "(xã, thị trấn) tổ chức hội nghị' if con_chua_chon else 'Phổ biến kế hoạch, giao "
              "nhiệm vụ cho Ban Thường trực Ủy ban MTTQ ' ~ cac_xa_chon }}.")
    body(doc, "3. Hướng dẫn Ban Thường trực Ủy ban MTTQ {{ cac_xa_chon }} xây dựng kế hoạch, "
              "thành lập Ban Chỉ đạo, xây dựng {{ quy_dinh }} và chuẩn bị hội nghị.")
    body(doc, "4. Dự và chỉ đạo hội nghị; theo dõi, giám sát, tổng hợp kết quả báo cáo Ban Thường "
              "trực Ủy ban MTTQ {{ tinh }} (qua Ban Phong trào).")
    heading(doc, "IV. TIẾN ĐỘ THỰC HIỆN")
    _timetable(doc)
    heading(doc, "V. KINH PHÍ")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ tinh }} hỗ trợ kinh phí tổ chức hội nghị"
              "{{ ' (' ~ kinh_phi ~ ' đồng/hội nghị)' if kinh_phi }} theo dự toán kèm theo kế "
              "hoạch của tỉnh. Ban Thường trực Ủy ban MTTQ {{ huyen }} hướng dẫn xã sử dụng "
              "đúng mục đích và thanh quyết toán theo quy định; phần còn lại do xã bố trí từ "
              "ngân sách xã và nguồn xã hội hóa.")
    heading(doc, "VI. TỔ CHỨC THỰC HIỆN")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ huyen }} đề nghị Ban Thường trực Ủy ban MTTQ "
              "{{ cac_xa_chon }} phối hợp triển khai thực hiện tốt kế hoạch; trong quá trình thực "
              "hiện nếu có khó khăn, vướng mắc phản ánh về Ban Thường trực Ủy ban MTTQ "
              "{{ huyen }} để thống nhất thực hiện./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def _timetable(doc) -> None:
    table = grid_table(doc, (1.5, 8.0, 3.5, 3.5), ["STT", "Nội dung", "Thời gian",
                                                   "Đơn vị thực hiện"], rows=4)
    rows = [
        ("1", "{{ 'Lựa chọn xã, thị trấn; báo cáo' if con_chua_chon else 'Giao nhiệm vụ cho "
              "xã; báo cáo' }} Ban Thường trực Ủy ban MTTQ {{ tinh }}",
         "Ngay sau khi nhận kế hoạch của tỉnh", "BTT Ủy ban MTTQ huyện"),
        ("2", "Hướng dẫn xã xây dựng kế hoạch, thành lập Ban Chỉ đạo, xây dựng {{ quy_dinh }}",
         "Trước ngày hội nghị", "BTT Ủy ban MTTQ huyện, xã"),
        ("3", "Tổ chức hội nghị triển khai nhân rộng mô hình", "{{ thoi_gian_hoi_nghi }}",
         "BTT Ủy ban MTTQ xã"),
        ("4", "Báo cáo kết quả về Ban Thường trực Ủy ban MTTQ {{ tinh }} (qua Ban Phong trào)",
         "Trước {{ han_hoan_thanh_ngay }}", "BTT Ủy ban MTTQ huyện"),
    ]
    for row, values in zip(table.rows[1:], rows):
        for cell, text in zip(row.cells, values):
            cell_para(cell, text, size=13, align=LEFT if len(text) > 4 else CENTER)
    body(doc, "")


def du_toan():
    """The budget estimate that goes with the province's plan: what one conference costs,
    item by item with the norm each rate rests on (sheet ``Dự toán``), what each point gets,
    the total in figures and words, signed by whoever drew it up, the accountant and the head
    of the office. Not a document type of NĐ 30, so it has no number of its own."""
    doc = new_document()
    header_block(doc, number=False)
    title_block(doc, "DỰ TOÁN KINH PHÍ", [
        "Hỗ trợ tổ chức hội nghị triển khai nhân rộng",
        "mô hình tự quản ở khu dân cư năm {{ nam }}"])
    para(doc, "(Kèm theo " + PROVINCE_PLAN + ")", italic=True, align=CENTER, after=12)
    plain(doc, "{%p if du_toan.co_khoan %}")
    heading(doc, "I. CHI PHÍ MỘT HỘI NGHỊ")
    _cost_table(doc)
    heading(doc, "II. PHÂN BỔ CHO {{ du_toan.so_hoi_nghi }} HỘI NGHỊ")
    plain(doc, "{%p endif %}")
    _allocation_table(doc)
    # Dots for the amount in words get a break point (zero-width space) after every dot: one
    # unbreakable run of dots would push itself to the next line, and breaks every third dot
    # still left a gap that justification spread over the two spaces of "Bằng chữ:".
    body(doc, "Bằng chữ: {{ du_toan.tong_chu.replace('…', '…\\u200b') }}./.", italic=True,
         before=6)
    _three_signatures(doc)
    return doc


def _cost_table(doc) -> None:
    widths = (1.3, 4.4, 1.6, 1.5, 2.1, 2.3, 3.3)
    table = grid_table(doc, widths, ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng",
                                     "Mức chi (đồng)", "Thành tiền (đồng)", "Căn cứ mức chi"],
                       rows=4)
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(12)
    cell_para(table.rows[1].cells[0], "{%tr for k in du_toan.khoan %}", size=12)
    repeated_row(doc, table.rows[2], ("{{ k.stt }}", "{{ k.noi_dung }}", "{{ k.dvt }}",
                                      "{{ k.so_luong }}", "{{ k.muc_chi }}", "{{ k.thanh_tien }}",
                                      "{{ k.can_cu }}"),
                 (CENTER, LEFT, CENTER, CENTER, CENTER, CENTER, LEFT))
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    total = table.rows[4].cells
    merged = total[0].merge(total[4])
    cell_para(merged, "Cộng một hội nghị", size=12, bold=True)
    cell_para(total[5], "{{ du_toan.moi_hoi_nghi }}", size=12, bold=True)
    body(doc, "")


def _allocation_table(doc) -> None:
    table = grid_table(doc, (1.5, 2.9, 3.1, 5.8, 3.2), ["STT", "{{ tieu_de_cap }}",
                                                        "{{ tieu_de_xa }}", "Mô hình",
                                                        "Số tiền (đồng)"], rows=4)
    cell_para(table.rows[1].cells[0], "{%tr for d in du_toan.dong %}", size=12)
    repeated_row(doc, table.rows[2], ("{{ d.stt }}", "{{ d.huyen }}", "{{ d.xa }}",
                                      "{{ d.mo_hinh }}", "{{ d.so_tien }}"),
                 (CENTER, CENTER, LEFT, LEFT, CENTER))
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    total = table.rows[4].cells
    merged = total[0].merge(total[3])
    # The total, the amount in words and the signatures print on one page.
    keep_together([cell_para(merged, "Tổng cộng", size=12, bold=True),
                   cell_para(total[4], "{{ du_toan.tong }}", size=12, bold=True)])


def _three_signatures(doc) -> None:
    """Người lập, Kế toán, and the head of the office (Thủ trưởng), who signs for the
    standing board."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = borderless_table(doc, (4.5, 4.5, 7.5), rows=1)
    keep_row_together(table.rows[0])
    columns = (("NGƯỜI LẬP", "(Ký, ghi rõ họ tên)", "{{ o_trong }}"),
               ("KẾ TOÁN", "(Ký, ghi rõ họ tên)", "{{ o_trong }}"),
               ("{{ ky.tham_quyen }}", "{{ ky.chuc_vu }}", "{{ ky.nguoi_ky }}"))
    for index, (cell, (title, under, name)) in enumerate(zip(table.rows[0].cells, columns)):
        cell_para(cell, title, size=13, bold=True).paragraph_format.space_before = Pt(12)
        head = index == 2  # the head's title is bold, as every signature's (NĐ 30)
        cell_para(cell, under, size=13 if head else 12, bold=head, italic=not head)
        for _ in range(4):
            cell_para(cell, "")
        cell_para(cell, name, size=13, bold=True)


def danh_muc():
    """The contents list of a packet: each document, its file and what to do with it. A
    working checklist that travels with the files, not an official document: no state
    header, number or signature."""
    doc = new_document()
    title_block(doc, "DANH MỤC VĂN BẢN", [
        "Bộ văn bản triển khai nhân rộng mô hình tự quản năm {{ nam }}",
        "{{ don_vi }}"])
    loop(doc, "for d in diem", "Điểm: {{ d.xa }}{{ ', ' ~ don_vi if co_huyen }} - mô hình "
                              "“{{ d.mo_hinh }}”.")
    # The file's name is the widest word: its column fits one at 12 pt.
    table = grid_table(doc, (1.4, 4.1, 7.2, 3.8), ["STT", "Văn bản", "Tệp", "Việc cần làm"],
                       rows=3)
    cell_para(table.rows[1].cells[0], "{%tr for v in van_ban %}", size=12)
    values = ("{{ v.stt }}", "{{ v.ten }}", "{{ v.tep }}", "{{ v.viec }}")
    for cell, text in zip(table.rows[2].cells, values):
        cell_para(cell, text, size=12, align=CENTER if "stt" in text else LEFT)
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    body(doc, "")
    # Documents a person edited whose new version waits beside them: whoever sends the packet
    # must know before mailing a stale draft.
    plain(doc, "{%p if chua_thong_nhat %}")
    body(doc, "Lưu ý: các văn bản sau đã được sửa tay và có bản mới hơn ghi bên cạnh (tên tệp có "
              "đuôi .moi-…), cần thống nhất trước khi gửi:", bold=True)
    loop(doc, "for c in chua_thong_nhat", "- {{ c.tep }} ({{ c.ten }})")
    plain(doc, "{%p endif %}")
    # The province's own folder has no point: it does not report to itself.
    plain(doc, "{%p if diem %}")
    body(doc, "Đề nghị hoàn thành các nội dung theo kế hoạch và gửi báo cáo về Ban Thường trực Ủy "
              "ban MTTQ {{ tinh }} (qua Ban Phong trào) trong tháng {{ han_hoan_thanh }}.")
    plain(doc, "{%p endif %}")
    return doc
