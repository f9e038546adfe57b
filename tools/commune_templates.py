"""The templates of a commune's own documents (development tool, used by
``tools/build_templates.py``): its plan, report, invitation, decision and regulation drafts.

Each follows the official sample of NĐ 30/2020/NĐ-CP Phụ lục III for its kind (Mẫu 1.4 plan,
1.2 decision, 1.7 invitation); what differs by locality or model comes from the context,
which the workbook fills.
"""

from __future__ import annotations

from tools.docx_blocks import (
    CENTER, LEFT, article, body, borderless_table, cell_para, grid_table, header_block,
    heading, keep_row_together, loop, new_document, page_break, para, signature_block,
    title_block,
)
from tools.template_parts import (
    COMMUNE_SIGNATURE, DISTRICT_PLAN, MODEL_NAME, PROVINCE_PLAN, SET_UP_BODY, legal_bases, plain,
)

# The plans a commune carries out: the province's, and the district's where there is one.
CARRIES_OUT = PROVINCE_PLAN + "{% if co_huyen %}; " + DISTRICT_PLAN + "{% endif %}"


def ke_hoach():
    """A commune's plan to carry out its model (NĐ 30 Mẫu 1.4, domain notes §2.1)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", [
        "Triển khai nhân rộng mô hình", MODEL_NAME,
        "tại {{ dia_ban }} năm {{ nam }}"])
    legal_bases(doc)
    body(doc, "Thực hiện " + CARRIES_OUT + "; được sự nhất trí của Thường trực Đảng ủy, Ban "
              "Thường trực Ủy ban MTTQ {{ xa }} xây dựng kế hoạch triển khai nhân rộng mô hình "
              "“{{ mo_hinh.ten }}” như sau:")
    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    heading(doc, "1. Mục đích")
    loop(doc, "for m in mo_hinh.muc_dich", "- {{ m }}")
    heading(doc, "2. Yêu cầu")
    body(doc, "- Việc triển khai mô hình phải thiết thực, hiệu quả, tránh hình thức; phù hợp với "
              "điều kiện thực tế của địa phương và phong tục, tập quán của khu dân cư.")
    body(doc, "- Phát huy vai trò của Ban công tác Mặt trận, các tổ chức thành viên và tinh thần "
              "tự nguyện, tự quản của mỗi hộ gia đình.")
    heading(doc, "II. NỘI DUNG THỰC HIỆN")
    heading(doc, "1. Chọn địa bàn")
    body(doc, "Chọn thôn (khu dân cư) {{ o_dien('dia_ban.thon', 'Thôn được chọn', 'Nhập tên "
              "thôn/khu dân cư') }} để xây dựng điểm mô hình; số hộ: {{ o_dien('dia_ban.so_ho', "
              "'Số hộ', '……') }}; số nhân khẩu: {{ o_dien('dia_ban.so_khau', 'Số nhân "
              "khẩu', '……') }}.")
    heading(doc, "2. Kiện toàn tổ chức")
    body(doc, "Báo cáo xin ý kiến Đảng ủy; kiện toàn và thành lập mới Ban Chỉ đạo xây dựng mô "
              "hình của xã; " + SET_UP_BODY + ". {{ mo_hinh.chu_tri }}.")
    heading(doc, "3. Nhiệm vụ trọng tâm")
    loop(doc, "for t in mo_hinh.nhiem_vu", "- {{ t }}")
    heading(doc, "4. Xây dựng {{ mo_hinh.quy_uoc }}")
    body(doc, "Xây dựng dự thảo {{ mo_hinh.quy_uoc }}{{ ' hoạt động của ' ~ mo_hinh.to_chuc "
              "if mo_hinh.quy_uoc != 'Quy ước' else ' của thôn (khu dân cư)' }}; tổ chức họp lấy "
              "ý kiến tham gia vào dự thảo trước khi thông qua.")
    heading(doc, "5. Tổ chức hội nghị triển khai nhân rộng mô hình")
    # Two lines: blanks in one justified line stretched its spaces.
    body(doc, "- Thời gian: {{ o_dien('hoi_nghi.ngay', 'Ngày hội nghị', 'Chọn ngày hội nghị', "
              "hoi_nghi.ngay_nhap) }}.")
    body(doc, "- Địa điểm: {{ o_dien('hoi_nghi.dia_diem', 'Địa điểm hội nghị', 'Nhập địa điểm "
              "hội nghị', hoi_nghi.dia_diem_nhap) }}.")
    body(doc, "- Thành phần: đại diện cấp ủy, chính quyền, Ban công tác Mặt trận và các chi hội "
              "đoàn thể ở các thôn, khu dân cư trong toàn xã; đại diện các hộ gia đình của thôn "
              "xây dựng mô hình.")
    body(doc, "Tại hội nghị, đại diện các hộ gia đình ký cam kết; sau hội nghị, Ban công tác Mặt "
              "trận thôn tổ chức cho các hộ còn lại ký cam kết thực hiện các nội dung sau:")
    loop(doc, "for c in mo_hinh.cam_ket", "- {{ c }}")
    heading(doc, "6. Tuyên truyền")
    body(doc, "Tuyên truyền, phổ biến nội dung và hiệu quả của mô hình trên hệ thống loa truyền "
              "thanh, tại các buổi sinh hoạt của thôn, khu dân cư và của các tổ chức thành viên để "
              "mọi người hiểu và tự giác tham gia.")
    heading(doc, "7. Kiểm tra, giám sát, sơ kết")
    body(doc, "Thường xuyên kiểm tra, giám sát việc thực hiện; sơ kết 6 tháng, tổng kết cuối năm, "
              "biểu dương, khen thưởng tập thể, hộ gia đình thực hiện tốt.")
    heading(doc, "III. THỜI GIAN THỰC HIỆN")
    body(doc, "Hoàn thành các nội dung của kế hoạch trong tháng {{ han_hoan_thanh }}; báo cáo kết "
              "quả về Ban Thường trực Ủy ban MTTQ {{ cap_tren }}.")
    heading(doc, "IV. KINH PHÍ")
    body(doc, "Kinh phí tổ chức hội nghị do Ban Thường trực Ủy ban MTTQ {{ tinh }} hỗ trợ"
              "{{ ' (' ~ kinh_phi ~ ' đồng/hội nghị)' if kinh_phi else '' }}; phần còn lại từ ngân "
              "sách xã và nguồn xã hội hóa.")
    heading(doc, "V. TỔ CHỨC THỰC HIỆN")
    body(doc, "1. Ban Thường trực Ủy ban MTTQ {{ xa }} chủ trì xây dựng kế hoạch, hướng dẫn, theo "
              "dõi, đôn đốc việc thực hiện; tổng hợp, báo cáo kết quả với Ban Thường trực Ủy ban "
              "MTTQ {{ cap_tren }}.")
    body(doc, "2. Các tổ chức thành viên của Mặt trận: tuyên truyền, vận động hội viên, đoàn viên "
              "và nhân dân tham gia thực hiện mô hình.")
    body(doc, "3. Ban công tác Mặt trận thôn, khu dân cư: phối hợp với chi bộ, trưởng thôn tổ "
              "chức thực hiện mô hình ở khu dân cư.")
    body(doc, "4. Đề nghị Ủy ban nhân dân xã chỉ đạo các bộ phận chuyên môn phối hợp, tạo điều "
              "kiện để kế hoạch được triển khai hiệu quả./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


LONG_ANSWER = "…" * 60
"""Dots for about two lines of handwriting."""

# The figures a signer reports (domain notes §2.4): the row's label, its unit, its field.
FIGURES = (
    ("Số hộ gia đình của thôn (khu dân cư) xây dựng mô hình", "hộ", "so_ho"),
    ("Số hộ ký cam kết thực hiện mô hình", "hộ", "so_ho_cam_ket"),
    ("Tỷ lệ hộ ký cam kết", "%", "ty_le_cam_ket"),
    ("Số buổi tuyên truyền, họp thôn về mô hình", "buổi", "so_buoi"),
    ("Số lượt người dự các buổi tuyên truyền, họp thôn", "lượt", "so_luot"),
    ("Số ý kiến góp vào dự thảo {{ mo_hinh.quy_uoc }}", "ý kiến", "so_y_kien"),
    ("Số thành viên {{ mo_hinh.to_chuc }}", "người", "so_thanh_vien"),
)


def bao_cao():
    """The report on the model (seed II.2.3.b, domain notes §2.4): situation, what was done,
    the figures, assessment, lessons, next steps and proposals; each answer a field."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO", [
        "Kết quả triển khai nhân rộng mô hình", MODEL_NAME,
        "tại {{ dia_ban }} năm {{ nam }}"])
    para(doc, "Kính gửi: Ban Thường trực Ủy ban MTTQ {{ cap_tren }}.", align=CENTER, after=12)
    body(doc, "Thực hiện " + CARRIES_OUT + ", Ban Thường trực Ủy ban MTTQ {{ xa }} báo cáo kết "
              "quả triển khai nhân rộng mô hình “{{ mo_hinh.ten }}” như sau:")

    def answer(tag: str, what: str) -> None:
        # What to write is the field's title: Word shows it on the field; it is not printed.
        body(doc, "{{ o_dien('bao_cao." + tag + "', '" + what + "', '" + LONG_ANSWER + "') }}")

    def section(title: str, tag: str, what: str) -> None:
        heading(doc, title)
        answer(tag, what)

    section("I. ĐẶC ĐIỂM TÌNH HÌNH", "dac_diem", "Đặc điểm thôn (khu dân cư) xây dựng mô hình: "
            "số hộ, nhân khẩu; thuận lợi, khó khăn")
    heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    heading(doc, "1. Công tác tham mưu, chỉ đạo, triển khai")
    section("a) Văn bản lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền địa phương", "nghi_quyet",
            "Văn bản chỉ đạo (số, ngày, nội dung chính của nghị quyết chuyên đề)")
    section("b) Kiện toàn, thành lập Ban Chỉ đạo xây dựng mô hình", "ban_chi_dao",
            "Ban Chỉ đạo đã thành lập (quyết định số, ngày; thành phần)")
    section("c) Xây dựng {{ mo_hinh.quy_uoc }} và việc lấy ý kiến nhân dân", "quy_uoc",
            "Quy ước, Quy chế đã thông qua (cách lấy ý kiến; số hộ dự họp, tỷ lệ đồng ý)")
    section("2. Công tác tuyên truyền, vận động", "tuyen_truyen",
            "Tuyên truyền, vận động (hình thức, nội dung)")
    heading(doc, "3. Kết quả cụ thể")
    _figures_table(doc)
    heading(doc, "4. Đánh giá chung")
    section("a) Ưu điểm; tính phù hợp với điều kiện thực tế của địa phương", "phu_hop",
            "Ưu điểm, tính phù hợp")
    section("b) Tính khả thi để nhân ra diện rộng", "kha_thi", "Tính khả thi")
    section("c) Tình hình kinh phí thực hiện", "kinh_phi", "Tình hình kinh phí")
    section("d) Hạn chế, khó khăn, vướng mắc và nguyên nhân", "kho_khan",
            "Khó khăn, vướng mắc và nguyên nhân")
    section("5. Bài học kinh nghiệm", "bai_hoc", "Bài học kinh nghiệm")
    section("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "phuong_huong",
            "Phương hướng, nhiệm vụ thời gian tới")
    section("IV. ĐỀ XUẤT, KIẾN NGHỊ", "de_xuat", "Đề xuất, kiến nghị")
    body(doc, "Trên đây là báo cáo kết quả triển khai nhân rộng mô hình “{{ mo_hinh.ten }}” của "
              "Ban Thường trực Ủy ban MTTQ {{ xa }}./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def _figures_table(doc) -> None:
    table = grid_table(doc, (1.4, 9.6, 2.2, 3.3), ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
                       rows=len(FIGURES))
    for index, (row, (label, unit, tag)) in enumerate(zip(table.rows[1:], FIGURES), start=1):
        cell_para(row.cells[0], str(index), size=13)
        cell_para(row.cells[1], label, size=13, align=LEFT)
        cell_para(row.cells[2], unit, size=13)
        cell_para(row.cells[3], "{{ o_dien('bao_cao." + tag + "', '" + label.split('{{')[0]
                  .strip() + "', '……') }}", size=13)
    body(doc, "")


def giay_moi():
    """Invitation to the conference (NĐ 30 Mẫu 1.7) and, on page 2, the guest list: every
    model's guests, then the model's own (the commune police for public order)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "GIẤY MỜI", [
        "Dự Hội nghị triển khai nhân rộng mô hình", MODEL_NAME])
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ xa }} trân trọng kính mời:")
    body(doc, "Ông (Bà): {{ o_dien('khach.ho_ten', 'Họ tên khách mời', 'Nhập họ tên khách "
              "mời') }}")
    body(doc, "Chức vụ, đơn vị: {{ o_dien('khach.chuc_vu', 'Chức vụ, đơn vị của khách mời', "
              "'Nhập chức vụ, đơn vị') }}")
    body(doc, "Tới dự Hội nghị triển khai nhân rộng mô hình “{{ mo_hinh.ten }}” tại "
              "{{ dia_ban }}.")
    body(doc, "Chủ trì: Ban Thường trực Ủy ban MTTQ {{ xa }}.")
    body(doc, "Thời gian: {{ o_dien('hoi_nghi.gio', 'Giờ họp', '……') }}, "
              "{{ o_dien('hoi_nghi.ngay', 'Ngày hội nghị', 'Chọn ngày hội nghị', "
              "hoi_nghi.ngay_nhap) }}.")
    body(doc, "Địa điểm: {{ o_dien('hoi_nghi.dia_diem', 'Địa điểm hội nghị', 'Nhập địa điểm hội "
              "nghị', hoi_nghi.dia_diem_nhap) }}.")
    body(doc, "Rất mong Ông (Bà) đến dự đúng giờ./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    page_break(doc)
    para(doc, "THÀNH PHẦN MỜI DỰ HỘI NGHỊ", bold=True, align=CENTER)
    para(doc, "(Kèm theo Giấy mời số {{ so_ky_hieu }} ngày {{ o_trong_ngan }} tháng "
              "{{ o_trong_ngan }} năm {{ nam }} của Ban Thường trực Ủy ban MTTQ {{ xa }})",
         italic=True, align=CENTER, after=12)
    table = grid_table(doc, (1.5, 11.0, 4.0), ["STT", "Thành phần", "Số lượng"], rows=3)
    # docxtpl's {%tr %} tags replace their whole row: the loop opens and closes in rows of
    # their own, and the row between them is repeated once per guest line.
    cell_para(table.rows[1].cells[0], "{%tr for k in khach_moi %}", size=13)
    row = table.rows[2].cells
    cell_para(row[0], "{{ loop.index }}", size=13)
    cell_para(row[1], "{{ k }}", size=13, align=LEFT)
    cell_para(row[2], "{{ o_trong_ngan }}", size=13)
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    return doc


# The issuer's header (``qd``): a body under a parent prints the parent and the commune, then
# its own name in bold (the Front's standing board); a body with none above it prints its name
# and the commune in bold (the People's Committee).
ISSUER_HEADER = (
    ("{%p if qd.chu_quan %}", False), ("{{ qd.chu_quan }}", False),
    ("{{ co_quan_cap }}", False), ("{{ qd.ban_hanh }}", True),
    ("{%p else %}", False), ("{{ qd.ban_hanh }}", True), ("{{ co_quan_cap }}", True),
    ("{%p endif %}", False),
)


def quyet_dinh_bcd():
    """Decision forming the steering committee (NĐ 30 Mẫu 1.2, domain notes §2.2): the body
    that issues it, its power, the plans it carries out and who proposed it, from the
    workbook (``qd``)."""
    doc = new_document()
    header_block(doc, left_lines=ISSUER_HEADER, number_text="Số: {{ qd.so_ky_hieu }}")
    title_block(doc, "QUYẾT ĐỊNH", [
        "Về việc thành lập Ban Chỉ đạo xây dựng mô hình", MODEL_NAME])
    para(doc, "{{ qd.ten|upper }} {{ xa_in_hoa }}", size=14, bold=True, align=CENTER, after=12)
    legal_bases(doc, laws="can_cu_qd")
    more = "qd.nhat_tri or qd.de_nghi"
    body(doc, "Căn cứ " + PROVINCE_PLAN + "{{ ';' if co_huyen or " + more + " else '.' }}",
         italic=True)
    plain(doc, "{%p if co_huyen %}")
    body(doc, "Căn cứ " + DISTRICT_PLAN + "{{ ';' if " + more + " else '.' }}", italic=True)
    plain(doc, "{%p endif %}")
    plain(doc, "{%p if qd.nhat_tri %}")
    body(doc, "Được sự nhất trí của {{ qd.nhat_tri }}{{ ';' if qd.de_nghi else '.' }}",
         italic=True)
    plain(doc, "{%p endif %}")
    plain(doc, "{%p if qd.de_nghi %}")
    body(doc, "Xét đề nghị của {{ qd.de_nghi }}.", italic=True)
    plain(doc, "{%p endif %}")
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6)
    article(doc, "Điều 1.", "Thành lập Ban Chỉ đạo xây dựng mô hình “{{ mo_hinh.ten }}” tại "
                            "{{ xa }}, gồm các ông (bà) có tên sau:")
    # The position is the long text; the name is typed later into its dots.
    table = grid_table(doc, (1.3, 4.5, 6.9, 3.8), ["STT", "Họ và tên", "Chức vụ, đơn vị",
                                                   "Nhiệm vụ trong Ban"], rows=3)
    cell_para(table.rows[1].cells[0], "{%tr for m in ban_chi_dao %}", size=13)
    values = ("{{ loop.index }}",
              "{{ o_dien('bcd.ho_ten.' ~ m.ma, 'Họ tên ' ~ m.chuc_vu, '……………………') }}",
              "{{ m.chuc_vu }}", "{{ m.vai_tro }}")
    for cell, text in zip(table.rows[2].cells, values):
        cell_para(cell, text, size=13, align=CENTER if "index" in text else LEFT)
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    body(doc, "")
    article(doc, "Điều 2.", "Ban Chỉ đạo có nhiệm vụ giúp {{ qd.ten }} {{ xa }} chỉ đạo xây "
              "dựng mô hình; " + SET_UP_BODY + "; chỉ đạo xây dựng {{ mo_hinh.quy_uoc }}, tổ chức hội nghị "
              "triển khai và theo dõi, sơ kết, tổng kết việc thực hiện mô hình. Trưởng ban phân "
              "công nhiệm vụ cụ thể cho các thành viên.")
    article(doc, "Điều 3.", "Quyết định có hiệu lực kể từ ngày ký. Các ông (bà) có tên tại Điều 1 "
              "và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    signature_block(doc, recipients="qd.noi_nhan", authority="{{ qd.ky.tham_quyen }}",
                    title="{{ qd.ky.chuc_vu }}", signer="{{ qd.ky.nguoi_ky }}")
    return doc


def _articles(doc, fallback: str) -> None:
    """The regulation's chapters and articles from the ``Điều khoản`` sheet (``quy.chuong``);
    without that sheet, one article per line of the model's ``fallback`` list."""
    plain(doc, "{%p if quy.chuong %}")
    plain(doc, "{%p for ch in quy.chuong %}")
    para(doc, "Chương {{ ch.so }}", bold=True, align=CENTER, keep_next=True)
    para(doc, "{{ ch.ten }}", bold=True, align=CENTER, after=6, keep_next=True)
    plain(doc, "{%p for d in ch.dieu %}")
    para(doc, "Điều {{ d.so }}. {{ d.ten }}", bold=True, style="Nội dung", keep_next=True)
    loop(doc, "for p in d.doan", "{{ p }}")
    plain(doc, "{%p endfor %}")
    plain(doc, "{%p endfor %}")
    plain(doc, "{%p else %}")
    loop(doc, f"for n in {fallback}", "{{ n }}", bold_lead="Điều {{ loop.index }}. ")
    plain(doc, "{%p endif %}")


def _two_signatures(doc, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two bodies sign side by side, each with room to sign and a blank for the name."""
    table = borderless_table(doc, (8.25, 8.25), rows=1)
    keep_row_together(table.rows[0])
    for cell, (authority, title) in zip(table.rows[0].cells, (left, right)):
        cell_para(cell, authority, size=13, bold=True)
        cell_para(cell, title, size=13, bold=True)
        for _ in range(4):
            cell_para(cell, "")
        cell_para(cell, "{{ o_trong }}", size=13, bold=True)


def quy_uoc():
    """A residential area's pact (domain notes §2.3): adopted by the thôn meeting, so the
    thôn heads it and its head signs for the meeting, beside the Front's work board."""
    doc = new_document()
    header_block(doc, number=False, left_lines=(("{{ co_quan_cap }}", False),
                                                ("THÔN (KHU DÂN CƯ) {{ o_trong }}", True)))
    title_block(doc, "QUY ƯỚC", [
        "Thực hiện mô hình " + MODEL_NAME,
        "thôn (khu dân cư) {{ o_trong }}, {{ xa }}"])
    para(doc, "(Dự thảo để lấy ý kiến nhân dân)", italic=True, align=CENTER, after=12)
    _articles(doc, "mo_hinh.cam_ket")
    # The record of its adoption, which also keeps the signatures off a page of their own.
    body(doc, "Quy ước này đã được hội nghị thôn (khu dân cư) thông qua ngày {{ o_trong_ngan }} "
              "tháng {{ o_trong_ngan }} năm {{ nam }}, với {{ o_trong_ngan }}/{{ o_trong_ngan }} "
              "hộ gia đình tán thành./.", italic=True, before=6, keep_next=True)
    _two_signatures(doc, ("TM. BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN"),
                    ("TM. HỘI NGHỊ THÔN", "TRƯỞNG THÔN"))
    return doc


def quy_che():
    """A board's operating rules (domain notes §2.3): the board heads it and signs; a
    commune-level board (the People's Inspection Board) is the commune's, not a thôn's."""
    doc = new_document()
    board = "{{ mo_hinh.to_chuc|upper }}"
    # Its last two words held together: a name too long for the column wraps as "BAN THANH
    # TRA / NHÂN DÂN", never leaving one word alone on the second line.
    board_in_header = "{{ (mo_hinh.to_chuc|upper).rsplit(' ', 1)|join('\\u00a0') }}"
    header_block(doc, number=False, left_lines=(
        ("{{ co_quan_chu_quan }}", False), ("{{ co_quan_cap }}", False),
        ("{%p if quy.cap_xa %}", False), (board_in_header, True), ("{%p else %}", False),
        (board + " THÔN {{ o_trong }}", True), ("{%p endif %}", False)))
    title_block(doc, "QUY CHẾ", [
        "Hoạt động của {{ mo_hinh.to_chuc }}",
        "{{ xa if quy.cap_xa else 'thôn (khu dân cư) ' ~ o_trong ~ ', ' ~ xa }}"])
    para(doc, "(Dự thảo)", italic=True, align=CENTER, after=12)
    _articles(doc, "mo_hinh.nhiem_vu")
    body(doc, "Quy chế này đã được {{ mo_hinh.to_chuc }} thông qua tại cuộc họp ngày "
              "{{ o_trong_ngan }} tháng {{ o_trong_ngan }} năm {{ nam }}./.", italic=True,
         before=6)
    signature_block(doc, recipients=None, authority="TM. " + board, title="TRƯỞNG BAN",
                    signer="{{ o_trong }}")
    return doc
