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

ROOT = Path(__file__).resolve().parent.parent

# A model's name in a title, its last two words joined by a no-break space: a wrapped title
# never leaves one word alone on its last line ("… an ninh trật / tự").
MODEL_NAME = "“{{ mo_hinh.ten.rsplit(' ', 1)|join('\\u00a0') }}”"


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


COMMUNE_SIGNATURE = {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH",
                     "signer": "{{ o_trong }}"}


def _legal_bases(doc, *, last: str = ".") -> None:
    """The căn cứ lines, italic, each ending ";" and the last ``last``."""
    loop(doc, "for c in can_cu", "Căn cứ {{ c }}{{ ';' if not loop.last else '" + last + "' }}",
         italic=True)


def ke_hoach():
    """A commune's plan to carry out its model (domain notes §2.1)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", [
        "Triển khai nhân rộng mô hình", MODEL_NAME,
        "tại {{ dia_ban }} năm {{ nam }}"])
    _legal_bases(doc)
    body(doc, "Thực hiện Kế hoạch số {{ ke_hoach_tinh.so }} {{ ke_hoach_tinh.ngay }} của Ban "
              "Thường trực Ủy ban MTTQ {{ tinh }} về triển khai nhân rộng mô hình tự quản tiêu "
              "biểu ở khu dân cư năm {{ nam }}; được sự nhất trí của Thường trực Đảng ủy, Ban "
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
              "hình của xã; thành lập {{ mo_hinh.to_chuc }} ở thôn, khu dân cư được chọn. Đơn vị "
              "chủ trì: {{ mo_hinh.chu_tri }}.")
    heading(doc, "3. Nhiệm vụ trọng tâm")
    loop(doc, "for t in mo_hinh.nhiem_vu", "- {{ t }}")
    heading(doc, "4. Xây dựng {{ mo_hinh.quy_uoc }}")
    body(doc, "Xây dựng dự thảo {{ mo_hinh.quy_uoc }} hoạt động của mô hình; tổ chức họp ở cộng "
              "đồng dân cư để lấy ý kiến tham gia của nhân dân vào dự thảo trước khi ký duyệt ban "
              "hành.")
    heading(doc, "5. Tổ chức hội nghị triển khai nhân rộng mô hình")
    body(doc, "Thời gian: {{ o_dien('hoi_nghi.ngay', 'Ngày hội nghị', 'Chọn ngày hội nghị', hoi_nghi.ngay_nhap) }}. "
              "Địa điểm: {{ o_dien('hoi_nghi.dia_diem', 'Địa điểm hội nghị', 'Nhập địa điểm hội nghị', hoi_nghi.dia_diem_nhap) }}.")
    body(doc, "Thành phần: đại diện cấp ủy, chính quyền, Ban công tác Mặt trận và các chi hội "
              "đoàn thể ở các thôn, khu dân cư trong toàn xã. Tại hội nghị, các hộ gia đình ký "
              "cam kết thực hiện các nội dung sau:")
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


def bao_cao():
    """The report outline of seed II.2.3.b, with lines to fill."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO", [
        "Kết quả xây dựng kế hoạch triển khai nhân rộng mô hình", MODEL_NAME,
        "tại {{ dia_ban }}"])
    para(doc, "Kính gửi: Ban Thường trực Ủy ban MTTQ {{ cap_tren }}.", align=CENTER, after=12)
    body(doc, "Thực hiện Kế hoạch số {{ ke_hoach_tinh.so }} của Ban Thường trực Ủy ban MTTQ "
              "{{ tinh }}, Ban Thường trực Ủy ban MTTQ {{ xa }} báo cáo kết quả xây dựng kế hoạch "
              "triển khai nhân rộng mô hình “{{ mo_hinh.ten }}” như sau:")
    heading(doc, "I. CÔNG TÁC THAM MƯU, XÂY DỰNG KẾ HOẠCH TRIỂN KHAI THỰC HIỆN")
    def field(tag: str, title: str) -> None:
        # Dots for about two lines of handwriting.
        body(doc, "{{ o_dien('bao_cao." + tag + "', '" + title + "', '" + "…" * 60 + "') }}")

    sections = [
        ("1. Văn bản chỉ đạo của Cấp ủy Đảng, Chính quyền địa phương",
         "(số, ngày, nội dung chính của nghị quyết chuyên đề)",
         "nghi_quyet", "Văn bản chỉ đạo"),
        ("2. Kiện toàn và thành lập mới Ban Chỉ đạo xây dựng mô hình",
         "(quyết định số, ngày; thành phần)",
         "ban_chi_dao", "Ban Chỉ đạo đã thành lập"),
        ("3. Xây dựng {{ mo_hinh.quy_uoc }} hoạt động của mô hình",
         "(cách lấy ý kiến; số hộ dự họp, số ý kiến, tỷ lệ đồng ý)",
         "quy_uoc", "Quy ước, Quy chế đã thông qua"),
    ]
    for title, hint, tag, label in sections:
        heading(doc, title)
        # The hint tells the clerk what to write: it is the field's title, shown by Word on
        # the field, and is not printed.
        field(tag, f"{label} {hint}")
    heading(doc, "II. ĐÁNH GIÁ KHÁI QUÁT HIỆU QUẢ CỦA MÔ HÌNH")
    for title, tag, label in (
            ("1. Tính phù hợp với điều kiện tình hình thực tế của địa phương", "phu_hop",
             "Đánh giá tính phù hợp"),
            ("2. Tính khả thi để tổ chức nhân ra diện rộng mô hình", "kha_thi",
             "Đánh giá tính khả thi"),
            ("3. Tình hình kinh phí để thực hiện", "kinh_phi", "Tình hình kinh phí"),
            ("4. Những khó khăn, vướng mắc trong việc triển khai, thực hiện mô hình", "kho_khan",
             "Khó khăn, vướng mắc")):
        heading(doc, title)
        field(tag, label)
    heading(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    field("de_xuat", "Đề xuất, kiến nghị")
    body(doc, "Trên đây là báo cáo kết quả xây dựng kế hoạch triển khai nhân rộng mô hình "
              "“{{ mo_hinh.ten }}” của Ban Thường trực Ủy ban MTTQ {{ xa }}./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def giay_moi():
    """Invitation to the conference (NĐ 30 Mẫu 1.7) and, on page 2, the guest list."""
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
              "{{ o_dien('hoi_nghi.ngay', 'Ngày hội nghị', 'Chọn ngày hội nghị', hoi_nghi.ngay_nhap) }}.")
    body(doc, "Địa điểm: {{ o_dien('hoi_nghi.dia_diem', 'Địa điểm hội nghị', 'Nhập địa điểm hội nghị', hoi_nghi.dia_diem_nhap) }}.")
    body(doc, "Rất mong Ông (Bà) đến dự đúng giờ./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    page_break(doc)
    para(doc, "THÀNH PHẦN MỜI DỰ HỘI NGHỊ", bold=True, align=CENTER)
    para(doc, "(Kèm theo Giấy mời số {{ so_ky_hieu }} của Ban Thường trực Ủy ban MTTQ {{ xa }})",
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


def khanh_tiet():
    """The conference banner of seed II.2.3.d: landscape, large type, one page."""
    banner_margins = {"top": 15.0, "bottom": 15.0, "left": 20.0, "right": 20.0}
    doc = new_document(landscape=True, margins=banner_margins, page_numbers=False)
    red = RGBColor(0xC0, 0x00, 0x00)
    para(doc, "{{ co_quan_chu_quan }} {{ co_quan_cap }}", size=22, bold=True, align=CENTER,
         before=6, after=10)
    emblem = borderless_table(doc, (4.5,), rows=1)
    cell = emblem.rows[0].cells[0]
    cell_para(cell, "BIỂU TRƯNG MẶT TRẬN", size=12, italic=True)
    picture_control(cell_para(cell, ""), "Biểu trưng Mặt trận: bấm vào đây để chèn ảnh")
    _box(emblem)
    para(doc, "HỘI NGHỊ", size=80, bold=True, align=CENTER, before=12, color=red)
    para(doc, "Triển khai nhân rộng mô hình", size=34, bold=True, align=CENTER, color=red)
    para(doc, MODEL_NAME, size=34, bold=True, align=CENTER, after=24, color=red)
    para(doc, "{{ hoi_nghi.dia_danh_ngay }}", size=26, italic=True, align=CENTER)
    return doc


def ke_hoach_huyen():
    """A district's plan, built from the province's (seed III.2)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", [
        "Triển khai nhân rộng mô hình tự quản ở khu dân cư",
        "trên địa bàn {{ huyen }} năm {{ nam }}"])
    body(doc, "Thực hiện Kế hoạch số {{ ke_hoach_tinh.so }} {{ ke_hoach_tinh.ngay }} của Ban "
              "Thường trực Ủy ban MTTQ {{ tinh }} về triển khai nhân rộng {{ so_mo_hinh }} mô hình "
              "tự quản tiêu biểu ở khu dân cư năm {{ nam }}, Ban Thường trực Ủy ban MTTQ "
              "{{ huyen }} xây dựng kế hoạch như sau:")
    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    body(doc, "- Cụ thể hóa kế hoạch của Ban Thường trực Ủy ban MTTQ tỉnh; lựa chọn đúng địa bàn, "
              "mô hình phù hợp với điều kiện thực tế của địa phương.")
    body(doc, "- Phát huy vai trò của MTTQ và các tổ chức thành viên trong việc phối hợp với chính "
              "quyền tổ chức triển khai nhân rộng mô hình đạt hiệu quả.")
    heading(doc, "II. MÔ HÌNH VÀ ĐỊA ĐIỂM")
    loop(doc, "for d in diem", "- Mô hình “{{ d.mo_hinh }}” tại {{ d.xa }}; hội nghị triển "
                               "khai: {{ d.hoi_nghi_ngay }}, tại {{ d.dia_diem }}.")
    heading(doc, "III. NHIỆM VỤ CỦA BAN THƯỜNG TRỰC ỦY BAN MTTQ HUYỆN")
    body(doc, "1. Báo cáo Thường trực Huyện ủy, phối hợp với Ủy ban nhân dân huyện, các ngành chức "
              "năng và các tổ chức thành viên cùng cấp chỉ đạo triển khai kế hoạch.")
    body(doc, "2. Phối hợp với Ban Thường trực Ủy ban MTTQ tỉnh lựa chọn mô hình và địa điểm (xã, "
              "thị trấn) tổ chức hội nghị.")
    body(doc, "3. Hướng dẫn Ban Thường trực Ủy ban MTTQ xã, thị trấn được chọn xây dựng kế hoạch, "
              "kiện toàn Ban Chỉ đạo, xây dựng Quy ước, Quy chế và chuẩn bị hội nghị.")
    body(doc, "4. Dự và chỉ đạo hội nghị; theo dõi, giám sát, tổng hợp kết quả báo cáo Ban Thường "
              "trực Ủy ban MTTQ tỉnh (qua Ban Phong trào).")
    heading(doc, "IV. TIẾN ĐỘ THỰC HIỆN")
    table = grid_table(doc, (1.5, 8.0, 3.5, 3.5), ["STT", "Nội dung", "Thời gian",
                                                   "Đơn vị thực hiện"], rows=4)
    rows = [
        ("1", "Lựa chọn xã, thị trấn và mô hình; báo cáo Ban Thường trực Ủy ban MTTQ tỉnh",
         "Ngay sau khi nhận kế hoạch của tỉnh", "BTT Ủy ban MTTQ huyện"),
        ("2", "Hướng dẫn xã xây dựng kế hoạch, kiện toàn Ban Chỉ đạo, xây dựng Quy ước, Quy chế",
         "Trước ngày hội nghị", "BTT Ủy ban MTTQ huyện, xã"),
        ("3", "Tổ chức hội nghị triển khai nhân rộng mô hình", "{{ thoi_gian_hoi_nghi }}",
         "BTT Ủy ban MTTQ xã"),
        ("4", "Báo cáo kết quả về Ban Thường trực Ủy ban MTTQ tỉnh (qua Ban Phong trào)",
         "Trước {{ han_hoan_thanh_ngay }}", "BTT Ủy ban MTTQ huyện"),
    ]
    for row, values in zip(table.rows[1:], rows):
        for cell, text in zip(row.cells, values):
            cell_para(cell, text, size=13, align=LEFT if len(text) > 4 else CENTER)
    body(doc, "")
    heading(doc, "V. TỔ CHỨC THỰC HIỆN")
    body(doc, "Ban Thường trực Ủy ban MTTQ {{ huyen }} đề nghị Ban Thường trực Ủy ban MTTQ xã, thị "
              "trấn được chọn phối hợp triển khai thực hiện tốt kế hoạch; trong quá trình thực "
              "hiện nếu có khó khăn, vướng mắc phản ánh về Ban Thường trực Ủy ban MTTQ huyện để "
              "thống nhất thực hiện./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def du_toan():
    """The Movement Board's budget estimate: one line per conference (seed III.1)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "DỰ TOÁN", [
        "Kinh phí hỗ trợ tổ chức hội nghị triển khai nhân rộng",
        "mô hình tự quản ở khu dân cư năm {{ nam }}"])
    body(doc, "Căn cứ Kế hoạch số {{ ke_hoach_tinh.so }} {{ ke_hoach_tinh.ngay }} của Ban Thường "
              "trực Ủy ban MTTQ {{ tinh }} về triển khai nhân rộng {{ so_mo_hinh }} mô hình tự quản "
              "tiêu biểu ở khu dân cư năm {{ nam }}, Ban Phong trào lập dự toán kinh phí hỗ trợ "
              "{{ so_diem }} hội nghị như sau:")
    table = grid_table(doc, (1.5, 2.9, 3.1, 5.8, 3.2), ["STT", "{{ tieu_de_cap }}", "{{ tieu_de_xa }}",
                                                        "Mô hình", "Số tiền (đồng)"], rows=4)
    cell_para(table.rows[1].cells[0], "{%tr for d in du_toan.dong %}", size=12)
    repeated_row(doc, table.rows[2], ("{{ d.stt }}", "{{ d.huyen }}", "{{ d.xa }}",
                                      "{{ d.mo_hinh }}", "{{ d.so_tien }}"),
                 (CENTER, CENTER, LEFT, LEFT, CENTER))
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    total = table.rows[4].cells
    merged = total[0].merge(total[3])
    # The total, the amount in words and the signature print on one page.
    keep_together([cell_para(merged, "Tổng cộng", size=12, bold=True),
                   cell_para(total[4], "{{ du_toan.tong }}", size=12, bold=True)])
    # Dots for the amount in words get a break point (zero-width space) after every dot: one
    # unbreakable run of dots would push itself to the next line, and breaks every third dot
    # still left a gap that justification spread over the two spaces of "Bằng chữ:".
    body(doc, "Bằng chữ: {{ du_toan.tong_chu.replace('…', '…\\u200b') }}./.", italic=True,
         before=6)
    signature_block(doc)
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
        ("Thông qua dự thảo {{ mo_hinh.quy_uoc }}; thảo luận, biểu quyết",
         "Trưởng ban công tác Mặt trận thôn"),
        ("Công bố Quyết định thành lập Ban Chỉ đạo và {{ mo_hinh.to_chuc }}; ra mắt, tặng hoa",
         "Lãnh đạo Ủy ban MTTQ xã"),
        ("Đại diện {{ mo_hinh.to_chuc }} phát biểu nhận nhiệm vụ", "{{ mo_hinh.to_chuc }}"),
        ("Đại diện hộ gia đình phát biểu hưởng ứng; các hộ gia đình ký cam kết",
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


def quyet_dinh_bcd():
    """Decision forming the steering committee (seed II.2.3.b, domain notes §2.2)."""
    doc = new_document()
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH", [
        "Về việc thành lập Ban Chỉ đạo xây dựng mô hình", MODEL_NAME])
    para(doc, "BAN THƯỜNG TRỰC ỦY BAN MTTQ {{ xa_in_hoa }}", size=14, bold=True, align=CENTER,
         after=12)
    _legal_bases(doc, last=";")
    body(doc, "Căn cứ Kế hoạch số {{ ke_hoach_tinh.so }} của Ban Thường trực Ủy ban MTTQ {{ tinh }} "
              "về triển khai nhân rộng mô hình tự quản tiêu biểu ở khu dân cư năm {{ nam }};",
         italic=True)
    body(doc, "Xét đề nghị của Ban công tác Mặt trận thôn (khu dân cư) {{ o_trong }},", italic=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6)
    article(doc, "Điều 1.", "Thành lập Ban Chỉ đạo xây dựng mô hình “{{ mo_hinh.ten }}” tại "
                            "{{ xa }}, gồm các ông (bà) có tên sau:")
    table = grid_table(doc, (1.5, 4.5, 6.0, 4.5), ["STT", "Họ và tên", "Chức vụ, đơn vị",
                                                   "Nhiệm vụ trong Ban"], rows=3)
    cell_para(table.rows[1].cells[0], "{%tr for m in ban_chi_dao %}", size=13)
    values = ("{{ loop.index }}",
              "{{ o_dien('bcd.ho_ten.' ~ m.ma, 'Họ tên ' ~ m.chuc_vu, '……………………') }}",
              "{{ m.chuc_vu }}", "{{ m.vai_tro }}")
    for cell, text in zip(table.rows[2].cells, values):
        cell_para(cell, text, size=13, align=CENTER if "index" in text else LEFT)
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    body(doc, "")
    article(doc, "Điều 2.", "Ban Chỉ đạo có nhiệm vụ giúp Ban Thường trực Ủy ban MTTQ xã chỉ đạo xây "
              "dựng mô hình; thành lập {{ mo_hinh.to_chuc }} ở thôn, khu dân cư được chọn; chỉ "
              "đạo xây dựng {{ mo_hinh.quy_uoc }}, tổ chức hội nghị triển khai và theo dõi, sơ "
              "kết, tổng kết việc thực hiện mô hình. Trưởng ban phân công nhiệm vụ cụ thể cho "
              "các thành viên.")
    article(doc, "Điều 3.", "Quyết định có hiệu lực kể từ ngày ký. Các ông (bà) có tên tại Điều 1 và "
              "các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    signature_block(doc, **COMMUNE_SIGNATURE)
    return doc


def _regulation(kind: str, items: str, chapter_two: str, signer: dict):
    """A Quy ước (residential area) or Quy chế (board): chapters and numbered articles.

    A draft for residents to discuss: it has no number until it is adopted.
    """
    doc = new_document()
    header_block(doc, number=False)
    title_block(doc, kind, [
        MODEL_NAME.strip("“”"),
        "thôn (khu dân cư) {{ o_trong }}, {{ xa }}"])
    para(doc, "(Dự thảo để lấy ý kiến nhân dân)", italic=True, align=CENTER, after=12)
    def chapter(number: str, title: str) -> None:
        para(doc, f"Chương {number}", bold=True, align=CENTER)
        para(doc, title, bold=True, align=CENTER, after=6)

    chapter("I", "QUY ĐỊNH CHUNG")
    article(doc, "Điều 1.", "Phạm vi, đối tượng: " + kind.capitalize() + " này quy định việc thực hiện "
              "mô hình “{{ mo_hinh.ten }}” ở thôn (khu dân cư), áp dụng với mọi hộ gia đình, cá "
              "nhân sinh sống trên địa bàn.")
    article(doc, "Điều 2.", "Nguyên tắc: tự nguyện, tự quản, dân chủ, công khai; phù hợp với chủ trương "
              "của Đảng, chính sách, pháp luật của Nhà nước và thuần phong mỹ tục.")
    article(doc, "Điều 3.", "Tổ chức thực hiện: {{ mo_hinh.to_chuc }} chủ trì; "
                            "{{ mo_hinh.chu_tri }}.")
    chapter("II", chapter_two)
    loop(doc, f"for n in {items}", "{{ n }}", bold_lead="Điều {{ loop.index + 3 }}. ")
    chapter("III", "KHEN THƯỞNG VÀ XỬ LÝ VI PHẠM")
    article(doc, "Điều {{ " + items + "|length + 4 }}.", "Hộ gia đình, cá nhân thực hiện tốt được biểu "
              "dương tại hội nghị thôn và xét công nhận danh hiệu “Gia đình văn hóa”.")
    article(doc, "Điều {{ " + items + "|length + 5 }}.", "Trường hợp vi phạm được nhắc nhở; tái phạm "
              "thì phê bình tại hội nghị thôn, thông báo trên loa truyền thanh và không xét danh "
              "hiệu “Gia đình văn hóa” năm đó.")
    chapter("IV", "ĐIỀU KHOẢN THI HÀNH")
    article(doc, "Điều {{ " + items + "|length + 6 }}.", "Dự thảo " + kind.capitalize() + " được niêm "
              "yết công khai tại nhà văn hóa thôn và phổ biến trên loa truyền thanh để nhân dân "
              "góp ý; sau đó được đưa ra hội nghị thôn (khu dân cư) thảo luận và thông qua khi "
              "có trên 50% số hộ gia đình tán thành.")
    article(doc, "Điều {{ " + items + "|length + 7 }}.", kind.capitalize() + " có hiệu lực kể "
              "từ ngày được thông qua. Việc sửa đổi, bổ sung do hội nghị thôn (khu dân cư) quyết "
              "định theo trình tự như khi thông qua./.")
    signature_block(doc, **signer)
    return doc


def quy_uoc():
    return _regulation("QUY ƯỚC", "mo_hinh.cam_ket", "NỘI DUNG QUY ƯỚC",
                       {"recipients": None, "authority": "TM. HỘI NGHỊ THÔN",
                        "title": "TRƯỞNG THÔN", "signer": "{{ o_trong }}"})


def quy_che():
    return _regulation("QUY CHẾ", "mo_hinh.nhiem_vu", "NHIỆM VỤ VÀ HOẠT ĐỘNG",
                       {"recipients": None, "authority": "TM. {{ mo_hinh.to_chuc|upper }}",
                        "title": "TRƯỞNG BAN", "signer": "{{ o_trong }}"})


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
    para(doc, "Nếu vi phạm, gia đình tôi xin chịu hình thức xử lý theo {{ mo_hinh.quy_uoc }} của "
              "thôn (khu dân cư)./.", **compact)
    table = borderless_table(doc, (7.5, 9.0), rows=1)
    left, right = table.rows[0].cells
    cell_para(left, "")
    cell_para(right, "{{ o_trong_ngan }}, ngày {{ o_trong_ngan }} tháng {{ o_trong_ngan }} năm "
                     "{{ nam }}", size=13, italic=True)
    cell_para(left, "XÁC NHẬN CỦA {{ mo_hinh.to_chuc|upper }}", size=13, bold=True)
    cell_para(left, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    cell_para(right, "CHỦ HỘ", size=13, bold=True)
    cell_para(right, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    return doc


def danh_muc():
    """The contents list of a packet: each document, its file and what to do with it."""
    doc = new_document()
    header_block(doc, number=False)
    title_block(doc, "DANH MỤC VĂN BẢN", [
        "Bộ văn bản triển khai nhân rộng mô hình tự quản năm {{ nam }}",
        "{{ don_vi }}"])
    loop(doc, "for d in diem", "Điểm: {{ d.xa }}{{ ', ' ~ don_vi if co_huyen }} - mô hình "
                              "“{{ d.mo_hinh }}”.")
    table = grid_table(doc, (1.3, 5.2, 5.0, 5.0), ["STT", "Văn bản", "Tệp", "Việc cần làm"],
                       rows=3)
    cell_para(table.rows[1].cells[0], "{%tr for v in van_ban %}", size=12)
    values = ("{{ v.stt }}", "{{ v.ten }}", "{{ v.tep }}", "{{ v.viec }}")
    for cell, text in zip(table.rows[2].cells, values):
        cell_para(cell, text, size=12, align=CENTER if "stt" in text else LEFT)
    cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    body(doc, "")
    # Documents a person edited whose new version waits beside them: whoever sends the packet
    # must know before mailing a stale draft.
    para(doc, "{%p if chua_thong_nhat %}", style=BODY_STYLE)
    body(doc, "Lưu ý: các văn bản sau đã được sửa tay và có bản mới hơn ghi bên cạnh (tên tệp có "
              "đuôi .moi-…), cần thống nhất trước khi gửi:", bold=True)
    loop(doc, "for c in chua_thong_nhat", "- {{ c.tep }} ({{ c.ten }})")
    para(doc, "{%p endif %}", style=BODY_STYLE)
    body(doc, "Đề nghị hoàn thành các nội dung theo kế hoạch và gửi báo cáo về Ban Thường trực Ủy "
              "ban MTTQ {{ tinh }} (qua Ban Phong trào) trong tháng {{ han_hoan_thanh }}./.")
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
    heading(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐỊA PHƯƠNG")
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
