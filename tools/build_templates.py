"""Write the shipped templates ``templates_docx/*.docx`` (development tool).

The templates are the product's source of wording: users open them in Word and edit them,
and the generator only fills them. This script is how their first version was made, kept so
that a developer can see and repeat it; re-running it overwrites any edit made in Word.

    python tools/build_templates.py [OUT_DIR]

Variables available to each template are listed in the README ("Sửa mẫu văn bản").
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.docx_blocks import (  # noqa: E402
    BODY_STYLE, CENTER, LEFT, article, body, borderless_table, cell_para, grid_table, header_block,
    heading, keep_headings_with_next, keep_together, loop, new_document, page_break, para, picture_control,
    repeated_row, signature_block, slim, title_block,
)
from mttq_docs import official_format as fmt  # noqa: E402
from tools.commune_templates import (  # noqa: E402
    bao_cao, giay_moi, ke_hoach, quy_che, quy_uoc, quyet_dinh_bcd,
)
from tools.office_templates import danh_muc, du_toan, ke_hoach_huyen  # noqa: E402
from tools.template_parts import COMMUNE_SIGNATURE, MODEL_NAME  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

def ke_hoach_tinh():
    """The provincial plan: the seed's text, with its data (counts, years, lists) as variables
    and its typing slips corrected (README, "Những lỗi đánh máy của văn bản gốc đã được sửa")."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", [
        "Triển khai nhân rộng {{ so_mo_hinh }} mô hình tự quản tiêu biểu ở khu dân cư",
        "Năm {{ nam }}"])
    body(doc, "Thực hiện Chương trình công tác của MTTQ năm {{ nam }}, Ban Thường trực Ủy ban MTTQ "
              "{{ cap_tinh }} xây dựng kế hoạch nhân rộng {{ so_mo_hinh }} mô hình tại {{ cac_don_vi }} như sau:")
    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    body(doc, "Việc triển khai các mô hình tự quản do MTTQ và các tổ chức thành viên chủ trì thực "
              "hiện nhằm đánh giá hiệu quả hoạt động của các mô hình từ đó rút ra những bài học "
              "kinh nghiệm, tìm ra những cách làm hay trong việc tổ chức triển khai thực hiện mô "
              "hình để làm cơ sở cho {{ 'các xã của các huyện, thành phố, thị xã còn lại' if co_huyen "
              "else 'các xã, phường, đặc khu còn lại' }} triển khai nhân rộng mô hình tại các địa "
              "phương trong toàn {{ cap_tinh }}.")
    body(doc, "Trong quá trình triển khai kế hoạch nhân rộng {{ so_mo_hinh }} mô hình cần có sự "
              "thống nhất cao về nhận thức và hành động trong lãnh đạo, chỉ đạo, hướng dẫn thực "
              "hiện của cấp ủy Đảng, chính quyền, MTTQ và các đoàn thể các cấp, đồng thời xác định "
              "rõ vai trò, trách nhiệm của MTTQ trong việc phối hợp với chính quyền và các tổ chức "
              "thành viên để việc triển khai nhân rộng đạt hiệu quả cao nhất.")
    heading(doc, "II. NỘI DUNG THỰC HIỆN")
    heading(doc, "1. Tiếp tục duy trì và phát huy hiệu quả hoạt động của các điểm mô hình năm "
                 "{{ nam - 2 }}, {{ nam - 1 }}")
    body(doc, "Ban Thường trực Ủy ban MTTQ các xã, thị trấn đã được tổ chức triển khai "
              "{{ so_mo_hinh }} mô hình tiếp tục tham mưu cấp ủy, phối hợp với chính quyền, các tổ "
              "chức thành viên tham gia củng cố, kiện toàn Ban công tác Mặt trận đủ về số lượng, "
              "cơ cấu, thành phần đảm bảo chất lượng hoạt động hiệu quả, tạo điều kiện thuận lợi "
              "cho mô hình, duy trì có hiệu quả trên địa bàn dân cư.")
    body(doc, "Tổ chức cho các hộ gia đình trong thôn, KDC ký cam kết thực hiện kế hoạch và phát "
              "huy vai trò tự quản của các hộ gia đình trong cộng đồng dân cư.")
    heading(doc, "2. Tiếp tục triển khai {{ so_mo_hinh }} mô hình tự quản:")
    loop(doc, "for m in mo_hinh", "- {{ m.ten_danh_sach }}")
    body(doc, "2.1. Số lượng: {{ so_diem }} điểm (của {{ so_mo_hinh }} mô hình).")
    body(doc, "2.2. Địa điểm tổ chức hội nghị triển khai kế hoạch nhân rộng: {% if co_huyen %}Tại "
              "{{ so_huyen }} huyện, mỗi đơn vị lựa chọn 01 (xã hoặc thị trấn) và lựa chọn mô hình "
              "cần nhân rộng{% else %}Tại {{ so_don_vi }} xã, phường, đặc khu, mỗi đơn vị một mô hình "
              "theo phân công{% endif %} để tổ chức hội nghị.")
    body(doc, "2.3. Các bước triển khai")
    body(doc, "a) Ban Thường trực Ủy ban MTTQ các xã, thị trấn nơi được lựa chọn xây dựng điểm mô "
              "hình báo cáo xin ý kiến cấp ủy, phối hợp với chính quyền, các tổ chức thành viên "
              "của Mặt trận xây dựng kế hoạch triển khai mô hình.")
    body(doc, "b) Xây dựng nội dung báo cáo:")
    body(doc, "- Công tác tham mưu, xây dựng kế hoạch triển khai thực hiện:")
    body(doc, "+ Văn bản chỉ đạo của cấp ủy Đảng, chính quyền địa phương (ban hành Nghị quyết "
              "chuyên đề lãnh đạo việc xây dựng mô hình).")
    body(doc, "+ Kiện toàn và thành lập mới Ban Chỉ đạo xây dựng mô hình.")
    body(doc, "+ Xây dựng Quy ước, Quy chế hoạt động của các mô hình (hình thức tổ chức họp để lấy "
              "ý kiến tham gia vào dự thảo ở cộng đồng dân cư trước khi ký duyệt ban hành).")
    body(doc, "- Đánh giá khái quát hiệu quả của mô hình chuẩn bị tổ chức nhân ra diện rộng (đánh "
              "giá tính phù hợp với điều kiện tình hình thực tế của địa phương, tính khả thi để tổ "
              "chức việc nhân ra diện rộng mô hình, tình hình kinh phí để thực hiện, những khó "
              "khăn vướng mắc trong việc triển khai, thực hiện mô hình).")
    body(doc, "c) Công tác tuyên truyền, phổ biến nội dung và hiệu quả hoạt động của các mô hình "
              "tới các tầng lớp nhân dân để mọi người hiểu và tự giác tham gia triển khai thực hiện "
              "việc nhân rộng các mô hình; phát động toàn dân tham gia hưởng ứng thực hiện việc "
              "triển khai nhân ra diện rộng các mô hình tự quản.")
    body(doc, "d) Tổ chức hội nghị (mời đại diện cấp ủy, chính quyền, Ban công tác Mặt trận và các "
              "chi hội đoàn thể ở các thôn, KDC trong toàn xã) tham dự hội nghị.")
    # The banner's sample prints whole on one page, with the line that introduces it.
    keep_together([
        body(doc, "* Trang trí khánh tiết hội nghị:"),
        para(doc, "BIỂU TRƯNG MẶT TRẬN", bold=True, align=CENTER, after=6),
        para(doc, "HỘI NGHỊ", bold=True, align=CENTER, after=6),
        para(doc, "Triển khai nhân rộng mô hình “.....................................................”",
             bold=True, align=CENTER, after=6)])
    para(doc, ".....................ngày ... tháng......năm {{ nam }}", italic=True, align=CENTER,
         after=6)
    body(doc, "đ) MTTQ các cấp cần giám sát chặt chẽ việc triển khai nhân rộng các mô hình để kịp "
              "thời hướng dẫn, điều chỉnh, rút kinh nghiệm trong quá trình thực hiện.")
    heading(doc, "III. TỔ CHỨC THỰC HIỆN")
    heading(doc, "1. Ban Thường trực Ủy ban MTTQ {{ cap_tinh }}")
    body(doc, "Xây dựng kế hoạch, chủ trì và phối hợp với Ban Thường trực Ủy ban MTTQ {{ cac_don_vi }}, "
              "các tổ chức thành viên của Mặt trận, tổ chức triển khai thực hiện tới Ban Thường "
              "trực Ủy ban MTTQ cơ sở.")
    body(doc, "Giao Ban Phong trào tham mưu giúp Ban Thường trực Ủy ban MTTQ {{ cap_tinh }} triển khai kế "
              "hoạch; theo dõi tiến độ, tổng hợp kết quả việc tổ chức triển khai nhân ra diện rộng "
              "các mô hình, lập dự toán kinh phí triển khai kế hoạch nhân ra diện rộng các mô hình "
              "năm {{ nam }}, quyết toán nguồn kinh phí được cấp.")
    heading(doc, "2. Ban Thường trực Ủy ban MTTQ {{ cac_don_vi }}")
    body(doc, "Đề nghị Ban Thường trực Ủy ban MTTQ {{ cac_don_vi }} căn cứ vào kế hoạch của MTTQ {{ cap_tinh }} báo "
              "cáo cấp ủy, phối hợp với chính quyền, các ngành chức năng, các tổ chức thành viên "
              "cùng cấp tổ chức triển khai thực hiện; phối hợp với Ban Thường trực Ủy ban MTTQ {{ cap_tinh }} "
              "lựa chọn mô hình và địa điểm{{ ' (xã, thị trấn)' if co_huyen }} để tổ chức hội nghị "
              "cụ thể:")
    loop(doc, "for a in phan_cong",
         "- MTTQ {{ a.noi }} {{ a.cum_tu }} mô hình “{{ a.ten_mo_hinh }}”.")
    heading(doc, "3. Ban Thường trực Ủy ban MTTQ {{ 'các xã, thị trấn' if co_huyen else "
                 "'các xã, phường, đặc khu' }}")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ 'các xã, thị trấn' if co_huyen else 'các xã, phường, đặc khu' }} nơi có mô hình được lựa chọn tổ chức "
              "nhân ra diện rộng phối hợp với các tổ chức thành viên, chính quyền cùng cấp chủ "
              "động báo cáo xin ý kiến của cấp ủy, xây dựng kế hoạch tổ chức hội nghị triển khai "
              "nhân rộng mô hình theo hướng dẫn của MTTQ cấp trên.")
    heading(doc, "4. Kinh phí thực hiện")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ cap_tinh }} hỗ trợ kinh phí tổ chức hội nghị triển khai kế "
              "hoạch nhân rộng mô hình.")
    heading(doc, "5. Thời gian thực hiện")
    body(doc, "Căn cứ vào kế hoạch của MTTQ {{ cap_tinh }}, Ban Thường trực Ủy ban MTTQ "
              "{{ cac_don_vi }} xây dựng kế hoạch và lựa chọn đơn vị, địa điểm để triển khai tổ "
              "chức hội nghị nhân rộng mô hình, hoàn thành các nội dung theo kế hoạch trong tháng "
              "{{ han_hoan_thanh }}.")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ cap_tinh }} đề nghị Ban Thường trực Ủy ban MTTQ "
              "{{ cac_don_vi }} ({% if co_huyen %}có xã, thị trấn được lựa chọn{% else %}được lựa "
              "chọn{% endif %} tổ chức hội nghị triển khai nhân ra diện rộng các mô hình) tổ chức "
              "triển khai thực hiện tốt các nội dung kế hoạch đề ra. Trong quá trình tổ chức thực "
              "hiện nếu có khó khăn vướng mắc phản ánh về Ban Thường trực Ủy ban MTTQ {{ cap_tinh }} "
              "(qua Ban Phong trào) để thống nhất thực hiện./.")
    signature_block(doc)
    return doc


def khanh_tiet():
    """The conference banner of seed II.2.3.d: landscape, large type, one page."""
    banner_margins = {"top": 15.0, "bottom": 15.0, "left": 20.0, "right": 20.0}
    doc = new_document(landscape=True, margins=banner_margins, page_numbers=False)
    red = RGBColor(0xC0, 0x00, 0x00)
    para(doc, "{{ co_quan_chu_quan }} {{ co_quan_cap }}", size=22, bold=True, align=CENTER,
         before=6, after=10)
    emblem = borderless_table(doc, (4.5,), rows=1)
    cell = emblem.rows[0].cells[0]
    cell_para(cell, "BIỂU TRƯNG MẶT TRẬN", size=11, italic=True)
    picture_control(cell_para(cell, ""), "Biểu trưng Mặt trận: bấm vào đây để chèn ảnh")
    _box(emblem)
    para(doc, "HỘI NGHỊ", size=80, bold=True, align=CENTER, before=12, color=red)
    para(doc, "Triển khai nhân rộng mô hình", size=34, bold=True, align=CENTER, color=red)
    para(doc, MODEL_NAME, size=34, bold=True, align=CENTER, after=24, color=red)
    para(doc, "{{ hoi_nghi.dia_danh_ngay }}", size=26, italic=True, align=CENTER)
    return doc


def chuong_trinh():
    """The order of business of the conference (seed II.2.3.d, domain notes §2.6)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "CHƯƠNG TRÌNH", [
        "Hội nghị triển khai nhân rộng mô hình", MODEL_NAME, "tại {{ xa }}"])
    body(doc, "Thời gian: {{ o_trong_ngan }} giờ {{ o_trong_ngan }}, {{ hoi_nghi.ngay }}.")
    body(doc, "Địa điểm: {{ hoi_nghi.dia_diem }}.")
    table = grid_table(doc, (1.5, 9.3, 5.7), ["STT", "Nội dung", "Người thực hiện"], rows=9)
    rows = [
        ("Văn nghệ chào mừng; chào cờ, hát Quốc ca", "Ban Tổ chức"),
        ("Tuyên bố lý do, giới thiệu đại biểu", "Phó Chủ tịch Ủy ban MTTQ xã"),
        ("Khai mạc hội nghị; quán triệt mục đích, ý nghĩa của mô hình", "Chủ tịch Ủy ban MTTQ xã"),
        # A pact is the thôn's (its Front work board presents it); a board's rules, the
        # board's own head.
        # Adopted where it belongs (the thôn meeting; the board's own meeting), not here.
        ("Giới thiệu dự thảo {{ mo_hinh.quy_uoc }} và kết quả lấy ý kiến; thảo luận",
         "{{ 'Trưởng ban công tác Mặt trận thôn' if mo_hinh.quy_uoc == 'Quy ước' else 'Trưởng '"
         " ~ mo_hinh.to_chuc }}"),
        ("Công bố Quyết định thành lập Ban Chỉ đạo; ra mắt {{ mo_hinh.to_chuc }}, tặng hoa",
         "Lãnh đạo {{ qd.ten }} xã"),
        ("Đại diện {{ mo_hinh.to_chuc }} phát biểu nhận nhiệm vụ", "{{ mo_hinh.to_chuc }}"),
        ("Đại diện hộ gia đình phát biểu hưởng ứng; đại diện các hộ gia đình ký cam kết",
         "Đại diện hộ gia đình"),
        ("Phát biểu chỉ đạo", "Lãnh đạo Ủy ban MTTQ {{ lanh_dao_chi_dao }}; Đảng ủy xã"),
        ("Bế mạc hội nghị", "Chủ tịch Ủy ban MTTQ xã"),
    ]
    for index, (row, (task, who)) in enumerate(zip(table.rows[1:], rows), start=1):
        cell_para(row.cells[0], str(index), size=13)
        cell_para(row.cells[1], task, size=13, align=LEFT)
        cell_para(row.cells[2], who, size=13, align=LEFT)
    body(doc, "")
    body(doc, "Chương trình có thể điều chỉnh theo thực tế của hội nghị./.", italic=True)
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def cam_ket():
    """A household's commitment (seed II.1): one page, printed in bulk."""
    doc = new_document(page_numbers=False)
    para(doc, fmt.NATIONAL_TITLE, size=13, bold=True, align=CENTER)
    para(doc, fmt.MOTTO, size=14, bold=True, align=CENTER)
    from tools.docx_blocks import rule, TEXT_WIDTH_CM
    rule(doc, length_cm=6.2, column_cm=TEXT_WIDTH_CM)
    para(doc, "BẢN CAM KẾT", size=14, bold=True, align=CENTER, before=12)
    para(doc, "Thực hiện mô hình " + MODEL_NAME, size=14, bold=True, align=CENTER)
    rule(doc, length_cm=4.5, column_cm=TEXT_WIDTH_CM).paragraph_format.space_after = Pt(8)
    compact = {"size": 13, "style": BODY_STYLE, "after": 3}
    para(doc, "Họ và tên chủ hộ: {{ o_trong }}{{ o_trong }}  Năm sinh: {{ o_trong_ngan }}", **compact)
    para(doc, "Địa chỉ: thôn (khu dân cư) {{ o_trong }}, {{ dia_ban }}, {{ tinh }}.",
         **compact)
    para(doc, "Số nhân khẩu: {{ o_trong_ngan }}", **compact)
    para(doc, "Sau khi được tuyên truyền, quán triệt nội dung mô hình, gia đình tôi tự nguyện cam "
              "kết thực hiện tốt các nội dung sau:", **compact)
    para(doc, "{%p for c in mo_hinh.cam_ket %}", **compact)
    para(doc, "{{ loop.index }}. {{ c }}", **compact)
    para(doc, "{%p endfor %}", **compact)
    # A pact binds households; a board's operating rules do not, so then the law and the
    # thôn's own pacts do.
    para(doc, "Nếu vi phạm, gia đình tôi xin chịu hình thức xử lý theo {{ 'Quy ước của thôn (khu "
              "dân cư)' if mo_hinh.quy_uoc == 'Quy ước' else 'hương ước, quy ước của thôn (khu dân "
              "cư) và quy định của pháp luật' }}./.", **compact)
    table = borderless_table(doc, (7.5, 9.0), rows=1)
    left, right = table.rows[0].cells
    cell_para(left, "")
    cell_para(right, "{{ o_trong_ngan }}, ngày {{ o_trong_ngan }} tháng {{ o_trong_ngan }} năm "
                     "{{ nam }}", size=13, italic=True)
    # A commune-level board (the People's Inspection Board) does not confirm a household's
    # pledge: the thôn's Front work board does.
    cell_para(left, "XÁC NHẬN CỦA {{ 'BAN CÔNG TÁC MẶT TRẬN THÔN' if mo_hinh.cap_to_chuc == 'xã' "
                    "else mo_hinh.to_chuc|upper }}", size=13, bold=True)
    cell_para(left, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    cell_para(right, "CHỦ HỘ", size=13, bold=True)
    cell_para(right, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    return doc


def bao_cao_tong_hop():
    """The province summary written by `collect` from the filled drafts (seed III.1)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO", [
        "Tổng hợp kết quả triển khai nhân rộng mô hình tự quản",
        "ở khu dân cư năm {{ nam }}"])
    body(doc, "Thực hiện Kế hoạch số {{ ke_hoach_tinh.so }} {{ ke_hoach_tinh.ngay }} của Ban "
              "Thường trực Ủy ban MTTQ {{ tinh }}, Ban Thường trực Ủy ban MTTQ tỉnh tổng hợp kết "
              "quả từ báo cáo của các xã, thị trấn như sau:")
    heading(doc, "I. TÌNH HÌNH CHUNG")
    body(doc, "Đã có {{ so_diem_bao_cao }}/{{ so_diem }} điểm gửi báo cáo; {{ so_diem_hoan_thanh }} "
              "điểm đã hoàn thành đầy đủ các nội dung.")
    heading(doc, "II. KẾT QUẢ THEO MÔ HÌNH")
    para(doc, "{%p for g in nhom %}", style=BODY_STYLE)
    heading(doc, "Mô hình “{{ g.ten }}”")
    para(doc, "{%p for d in g.diem %}", style=BODY_STYLE)
    body(doc, "- {{ d.noi }} (hoàn thành {{ d.hoan_thanh }}%): "
              "hội nghị {{ d.hoi_nghi or '(chưa báo cáo)' }}, tại {{ d.dia_diem or '(chưa báo "
              "cáo)' }}; Ban Chỉ đạo: {{ d.ban_chi_dao or '(chưa báo cáo)' }}; {{ g.quy_uoc }}: "
              "{{ d.quy_dinh or '(chưa báo cáo)' }}; khó khăn, vướng mắc: {{ d.kho_khan or "
              "'(chưa báo cáo)' }}.")
    para(doc, "{%p endfor %}", style=BODY_STYLE)
    para(doc, "{%p endfor %}", style=BODY_STYLE)
    _summary_figures(doc)
    heading(doc, "IV. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐỊA PHƯƠNG")
    para(doc, "{%p if not co_de_xuat %}", style=BODY_STYLE)
    body(doc, "Chưa có địa phương nào gửi đề xuất, kiến nghị.")
    para(doc, "{%p endif %}", style=BODY_STYLE)
    # One {%p %} tag per paragraph: two in one paragraph corrupt the file (docxtpl #161).
    para(doc, "{%p for g in nhom %}", style=BODY_STYLE)
    para(doc, "{%p for d in g.diem if d.de_xuat %}", style=BODY_STYLE)
    body(doc, "- {{ d.noi }}: {{ d.de_xuat }}")
    para(doc, "{%p endfor %}", style=BODY_STYLE)
    para(doc, "{%p endfor %}", style=BODY_STYLE)
    body(doc, "Trên đây là báo cáo tổng hợp kết quả triển khai nhân rộng mô hình tự quản ở khu dân "
              "cư năm {{ nam }} của Ban Thường trực Ủy ban MTTQ {{ tinh }}./.")
    signature_block(doc)
    return doc


def _summary_figures(doc) -> None:
    """The figures each point reported, one row per point, and their sum."""
    heading(doc, "III. SỐ LIỆU CỦA CÁC ĐIỂM ĐÃ BÁO CÁO")
    para(doc, "{%p if so_lieu %}", style=BODY_STYLE)
    table = grid_table(doc, (1.3, 5.3, 2.0, 2.6, 2.0, 3.3),
                       ["STT", "Điểm", "Số hộ", "Số hộ ký cam kết", "Tỷ lệ (%)",
                        "Số buổi tuyên truyền"], rows=4)
    cell_para(table.rows[1].cells[0], "{%tr for r in so_lieu %}", size=12)
    repeated_row(doc, table.rows[2], ("{{ loop.index }}", "{{ r.noi }}", "{{ r.so_ho }}",
                                      "{{ r.so_ho_cam_ket }}", "{{ r.ty_le }}", "{{ r.so_buoi }}"),
                 (CENTER, LEFT, CENTER, CENTER, CENTER, CENTER))
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    total = table.rows[4].cells
    cell_para(total[0].merge(total[1]), "Cộng ({{ tong.so_diem }} điểm có đủ số liệu)", size=12,
              bold=True)
    for cell, key in zip(total[2:], ("so_ho", "so_ho_cam_ket", "ty_le", "so_buoi")):
        cell_para(cell, "{{ tong.%s }}" % key, size=12, bold=True)
    body(doc, "")
    para(doc, "{%p else %}", style=BODY_STYLE)
    body(doc, "Chưa có điểm nào gửi số liệu.")
    para(doc, "{%p endif %}", style=BODY_STYLE)


def _box(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for element in list(borders):
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "8")
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(Cm(3.0).twips)))
    table.rows[0]._tr.get_or_add_trPr().append(height)
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    table.rows[0].cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


TEMPLATES = {
    "danh_muc": danh_muc,
    "ke_hoach_tinh": ke_hoach_tinh,
    "du_toan": du_toan,
    "ke_hoach_huyen": ke_hoach_huyen,
    "chuong_trinh": chuong_trinh,
    "quyet_dinh_bcd": quyet_dinh_bcd,
    "quy_uoc": quy_uoc,
    "quy_che": quy_che,
    "cam_ket": cam_ket,
    "bao_cao_tong_hop": bao_cao_tong_hop,
    "ke_hoach": ke_hoach,
    "bao_cao": bao_cao,
    "khanh_tiet": khanh_tiet,
    "giay_moi": giay_moi,
}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    import datetime as dt
    import io

    from mttq_docs.render import reproducible
    for name, build in TEMPLATES.items():
        doc = build()
        keep_headings_with_next(doc)
        slim(doc)
        props = doc.core_properties
        props.title, props.author, props.last_modified_by = name, "mttq-docs", "mttq-docs"
        props.comments = "Mẫu văn bản của mttq-docs; sửa được bằng Word."
        props.created = props.modified = dt.datetime(2017, 1, 1)
        props.revision = 1
        buffer = io.BytesIO()
        doc.save(buffer)
        # Same bytes on every build, so that rebuilding changes nothing that did not change.
        (out / f"{name}.docx").write_bytes(reproducible(buffer.getvalue()))
        print(f"wrote {out / name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates_docx")
