"""Write ``inputs/ke_hoach_2017.xlsx``: the 2017 plan of the seed, as a workbook users edit.

A development tool, run once when the shipped workbook's content changes; the product never
runs it. It records where each value comes from: the seed plan (settings, models' names as the
seed writes them, the ten assignments of section III.2, its "Nơi nhận"), the 2017 GSO list of
communes (``tools/data/hai_duong_2017_units.csv``) and the domain notes (per-model content,
legal bases in force in 2017).

    python tools/make_shipped_workbook.py [OUT.xlsx]
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = [
    ("Năm", 2017, "Năm của kế hoạch"),
    ("Cơ quan chủ quản", "ỦY BAN MTTQ VIỆT NAM", "Dòng đầu của tiêu đề bên trái"),
    ("Cấp tỉnh", "tỉnh", "'tỉnh' hoặc 'thành phố' (đứng trước tên tỉnh)"),
    ("Tỉnh", "Hải Dương", "Tên tỉnh, không kèm chữ 'tỉnh'"),
    ("Cấp huyện", "huyện", "Chữ đứng trước tên huyện"),
    ("Cơ quan ban hành", "BAN THƯỜNG TRỰC", "Dòng in đậm của tiêu đề bên trái"),
    ("Địa danh", "Hải Dương", "Địa danh ở dòng ngày tháng của văn bản cấp tỉnh"),
    ("Ký hiệu", "MTTQ-BTT", "Phần sau loại văn bản trong số, ký hiệu (KH-MTTQ-BTT)"),
    ("Số kế hoạch", None, "Để trống nếu chưa có số: văn bản để chỗ trống điền tay"),
    ("Ngày ban hành", None, "dd/mm/yyyy; để trống nếu chưa ký"),
    ("Hạn hoàn thành", dt.date(2017, 8, 31), "Kế hoạch: hoàn thành trong tháng 8/2017"),
    ("Người ký", None, "Họ tên người ký; để trống để ký tay"),
    ("Chức vụ người ký", "PHÓ CHỦ TỊCH", ""),
    ("Thẩm quyền ký", "TM. BAN THƯỜNG TRỰC", ""),
    ("Kinh phí mỗi hội nghị", None, "Đồng; để trống nếu chưa có dự toán"),
]

MODEL_COLUMNS = ["Mã", "Tên mô hình", "Tên trong danh sách", "Tên trong phân công",
                 "Cụm từ phân công", "Đơn vị chủ trì", "Tổ chức tự quản", "Quy ước/Quy chế",
                 "Mục đích", "Nhiệm vụ", "Cam kết", "Thành phần Ban Chỉ đạo", "Cấp tổ chức"]
BODY_LEVELS = {"GSDT": "xã"}
"""The People's Inspection Board is the commune's; every other body works in one thôn."""


def _committee(*members: str, government_leads: bool = False) -> list[str]:
    """A commune steering committee (domain notes §2.2): the usual core plus the model's own.

    Members' titles are those of 2017: commune civil servants as NĐ 92/2009/NĐ-CP Điều 3 names
    them. With ``government_leads`` (a committee the commune People's Committee forms, as for
    funerals under Chỉ thị 14/1998/CT-TTg) its Vice-Chair heads it."""
    leads = (["Trưởng ban: Phó Chủ tịch Ủy ban nhân dân xã",
              "Phó Trưởng ban: Chủ tịch Ủy ban MTTQ xã"] if government_leads else
             ["Trưởng ban: Chủ tịch Ủy ban MTTQ xã",
              "Phó Trưởng ban: Phó Chủ tịch Ủy ban nhân dân xã"])
    return [*leads,
            "Phó Trưởng ban: Phó Chủ tịch Ủy ban MTTQ xã",
            *[f"Ủy viên: {m}" for m in members],
            "Ủy viên: Chủ tịch Hội Nông dân xã",
            "Ủy viên: Chủ tịch Hội Liên hiệp Phụ nữ xã",
            "Ủy viên: Chủ tịch Hội Cựu chiến binh xã",
            "Ủy viên: Bí thư Đoàn Thanh niên xã",
            "Ủy viên: Chủ tịch Hội Người cao tuổi xã",
            "Ủy viên: Bí thư chi bộ thôn được chọn",
            "Ủy viên: Trưởng thôn được chọn",
            "Ủy viên: Trưởng ban công tác Mặt trận thôn được chọn"]


LAND_OFFICER = "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường xã"

MODELS = [
    {
        "Mã": "BVMT",
        "Thành phần Ban Chỉ đạo": _committee(LAND_OFFICER),
        "Tên mô hình": "Khu dân cư tự quản bảo vệ môi trường",
        "Tên trong danh sách": "Mô hình Khu dân cư tự quản BVMT.",
        "Tên trong phân công": "Khu dân cư tự quản BVMT",
        "Cụm từ phân công": "phối hợp nhân rộng",
        "Đơn vị chủ trì": "Ban Thường trực Ủy ban MTTQ xã chủ trì, phối hợp với Hội Liên hiệp "
                          "Phụ nữ và Hội Nông dân xã",
        "Tổ chức tự quản": "Tổ tự quản bảo vệ môi trường",
        "Quy ước/Quy chế": "Quy ước",
        "Mục đích": [
            "Nâng cao nhận thức, trách nhiệm của mỗi hộ gia đình, mỗi người dân trong việc bảo "
            "vệ môi trường, giữ gìn vệ sinh nơi ở và nơi công cộng.",
            "Phát huy vai trò tự quản của cộng đồng dân cư trong thu gom, phân loại, xử lý rác "
            "thải sinh hoạt, góp phần xây dựng khu dân cư xanh - sạch - đẹp.",
        ],
        "Nhiệm vụ": [
            "Thành lập Tổ tự quản bảo vệ môi trường ở thôn, khu dân cư được chọn; xây dựng Quy "
            "ước bảo vệ môi trường, tổ chức họp lấy ý kiến nhân dân trước khi ban hành.",
            "Vận động các hộ gia đình phân loại rác tại nguồn, đổ rác đúng giờ, đúng nơi quy "
            "định và nộp phí vệ sinh đầy đủ.",
            "Tổ chức tổng vệ sinh đường làng, ngõ xóm, khơi thông cống rãnh định kỳ hằng tháng; "
            "trồng cây xanh ở nơi công cộng.",
            "Tuyên truyền việc thu gom vỏ bao bì thuốc bảo vệ thực vật vào nơi quy định, không "
            "đốt rơm rạ, rác thải trên đường.",
        ],
        "Cam kết": [
            "Phân loại rác thải sinh hoạt tại nguồn; đổ rác đúng giờ, đúng nơi quy định.",
            "Nộp phí vệ sinh môi trường đầy đủ, đúng hạn.",
            "Không vứt rác thải, xác động vật xuống ao, hồ, kênh mương, lòng đường.",
            "Có nhà tiêu hợp vệ sinh; chuồng trại chăn nuôi sạch sẽ, cách xa nhà ở.",
            "Không đốt rơm rạ, rác thải trên đường làng, ngõ xóm.",
            "Thu gom vỏ bao bì thuốc bảo vệ thực vật vào bể chứa theo quy định.",
            "Tham gia tổng vệ sinh định kỳ, trồng cây xanh, hạn chế dùng túi ni lông.",
        ],
    },
    {
        "Mã": "ANTT",
        "Thành phần Ban Chỉ đạo": _committee("Trưởng Công an xã"),
        "Tên mô hình": "Khu dân cư tự quản đảm bảo an ninh trật tự",
        "Tên trong danh sách": "Mô hình Khu dân cư tự quản đảm bảo ANTT.",
        "Tên trong phân công": "Khu dân cư tự quản đảm bảo ANTT",
        "Cụm từ phân công": "phối hợp triển khai nhân rộng",
        "Đơn vị chủ trì": "Ban Thường trực Ủy ban MTTQ xã chủ trì, phối hợp với Công an xã, Hội "
                          "Cựu chiến binh và Đoàn Thanh niên xã",
        "Tổ chức tự quản": "Tổ tự quản đảm bảo an ninh trật tự",
        "Quy ước/Quy chế": "Quy ước",
        "Mục đích": [
            "Phát huy sức mạnh của cả hệ thống chính trị và của nhân dân trong phong trào \"Toàn "
            "dân bảo vệ an ninh Tổ quốc\"; giữ vững an ninh chính trị, trật tự an toàn xã hội ở "
            "khu dân cư.",
            "Nâng cao ý thức chấp hành pháp luật, tinh thần cảnh giác, phòng ngừa tội phạm và tệ "
            "nạn xã hội của mỗi hộ gia đình.",
        ],
        "Nhiệm vụ": [
            "Thành lập Tổ tự quản đảm bảo an ninh trật tự ở thôn, khu dân cư được chọn; xây dựng "
            "Quy ước, tổ chức họp lấy ý kiến nhân dân trước khi ban hành.",
            "Tổ tự quản thường xuyên nắm tình hình, đến từng hộ phổ biến quy định mới, cảnh báo "
            "các thủ đoạn trộm cắp, lừa đảo.",
            "Hòa giải kịp thời các mâu thuẫn, tranh chấp trong nhân dân, không để phát sinh điểm "
            "nóng.",
            "Phối hợp với Công an xã tuần tra, giữ gìn trật tự; phát hiện, tố giác tội phạm.",
        ],
        "Cam kết": [
            "Không có người vi phạm pháp luật, phạm tội trong gia đình.",
            "Không mắc và không tham gia các tệ nạn xã hội: ma túy, cờ bạc, mại dâm, trộm cắp.",
            "Không tàng trữ, sử dụng trái phép vũ khí, vật liệu nổ, pháo.",
            "Đăng ký tạm trú, tạm vắng theo quy định.",
            "Quản lý, giáo dục con em trong gia đình.",
            "Hòa giải mâu thuẫn, không để xảy ra xô xát, khiếu kiện vượt cấp.",
            "Tham gia tuần tra, tố giác tội phạm.",
            "Chấp hành quy định về trật tự an toàn giao thông.",
        ],
    },
    {
        "Mã": "NTM",
        "Thành phần Ban Chỉ đạo": _committee("Công chức Tài chính - Kế toán xã", LAND_OFFICER),
        "Tên mô hình": "Ban công tác Mặt trận tham gia vận động nhân dân thực hiện Chương trình "
                       "mục tiêu quốc gia xây dựng nông thôn mới",
        # The seed types a full stop after "thực hiện": a slip, corrected (README).
        "Tên trong danh sách": "Mô hình Ban công tác Mặt trận tham gia vận động nhân dân thực "
                               "hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới.",
        "Tên trong phân công": "Ban công tác Mặt trận tham gia vận động nhân dân thực hiện Chương "
                               "trình mục tiêu quốc gia xây dựng nông thôn mới",
        "Cụm từ phân công": "phối hợp triển khai nhân rộng",
        "Đơn vị chủ trì": "Ban công tác Mặt trận thôn, khu dân cư, dưới sự chỉ đạo của Ban "
                          "Thường trực Ủy ban MTTQ xã",
        "Tổ chức tự quản": "Ban công tác Mặt trận",
        "Quy ước/Quy chế": "Quy chế",
        "Mục đích": [
            "Phát huy vai trò của Ban công tác Mặt trận trong vận động nhân dân tham gia xây dựng "
            "nông thôn mới, gắn với cuộc vận động \"Toàn dân đoàn kết xây dựng nông thôn mới, đô "
            "thị văn minh\".",
            "Phát huy dân chủ ở cơ sở, để nhân dân bàn bạc, quyết định và giám sát các công trình "
            "xây dựng nông thôn mới.",
        ],
        "Nhiệm vụ": [
            "Kiện toàn Ban công tác Mặt trận thôn, khu dân cư; xây dựng Quy chế hoạt động, tổ "
            "chức họp lấy ý kiến nhân dân trước khi ban hành.",
            "Vận động các hộ gia đình hiến đất, đóng góp tiền, ngày công làm đường giao thông, "
            "kênh mương, điện chiếu sáng.",
            "Tham gia giám sát cộng đồng các công trình xây dựng nông thôn mới trên địa bàn.",
            "Vận động nhân dân thực hiện các tiêu chí nông thôn mới về văn hóa, môi trường, an "
            "ninh trật tự.",
        ],
        "Cam kết": [
            "Tham gia bàn bạc, đóng góp ý kiến vào kế hoạch xây dựng nông thôn mới của thôn.",
            "Tự nguyện hiến đất, đóng góp tiền, ngày công làm đường giao thông, kênh mương theo "
            "khả năng.",
            "Chỉnh trang nhà ở, vườn, cổng ngõ, tường rào xanh - sạch - đẹp.",
            "Giữ gìn vệ sinh môi trường, bảo đảm an toàn thực phẩm.",
            "Xây dựng gia đình văn hóa; chấp hành chủ trương của Đảng, chính sách, pháp luật của "
            "Nhà nước.",
            "Tham gia giám sát các công trình xây dựng nông thôn mới ở thôn.",
        ],
    },
    {
        "Mã": "GSDT",
        "Thành phần Ban Chỉ đạo": _committee("Trưởng ban thanh tra nhân dân xã", "Công chức Tài chính - Kế toán xã"),
        "Tên mô hình": "Ban thanh tra nhân dân thực hiện giám sát đầu tư của cộng đồng",
        "Tên trong danh sách": "Mô hình Ban thanh tra nhân dân thực hiện giám sát đầu tư của "
                               "cộng đồng.",
        "Tên trong phân công": "Ban thanh tra nhân dân thực hiện giám sát đầu tư của cộng đồng",
        "Cụm từ phân công": "phối hợp triển khai nhân rộng",
        "Đơn vị chủ trì": "Ban Thường trực Ủy ban MTTQ xã chủ trì, Trưởng ban thanh tra nhân dân "
                          "điều hành",
        "Tổ chức tự quản": "Ban thanh tra nhân dân",
        "Quy ước/Quy chế": "Quy chế",
        "Mục đích": [
            "Phát huy quyền làm chủ của nhân dân trong việc giám sát các chương trình, dự án đầu "
            "tư trên địa bàn xã.",
            "Góp phần phòng ngừa tham nhũng, lãng phí, bảo đảm chất lượng công trình và việc sử "
            "dụng đúng mục đích các khoản đóng góp của nhân dân.",
        ],
        "Nhiệm vụ": [
            "Kiện toàn Ban thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng; xây dựng Quy "
            "chế hoạt động, tổ chức họp lấy ý kiến nhân dân trước khi ban hành.",
            "Giám sát sự phù hợp của dự án với quy hoạch, kế hoạch được duyệt; việc công khai "
            "quyết định đầu tư, thiết kế, dự toán, nhà thầu, tiến độ.",
            "Giám sát tiến độ, khối lượng, chất lượng công trình, việc giải phóng mặt bằng và sử "
            "dụng các khoản đóng góp của nhân dân.",
            "Tham gia nghiệm thu công trình; kiến nghị với cơ quan có thẩm quyền; báo cáo định kỳ "
            "với Ủy ban MTTQ xã.",
        ],
        "Cam kết": [
            "Tham gia giới thiệu, bầu người có uy tín vào Ban thanh tra nhân dân, Ban giám sát "
            "đầu tư của cộng đồng.",
            "Phản ánh kịp thời với Ban thanh tra nhân dân những biểu hiện sai phạm trong thi công "
            "công trình.",
            "Thực hiện đầy đủ các khoản đóng góp đã được nhân dân bàn bạc, thống nhất.",
            "Bảo vệ, giữ gìn các công trình sau khi hoàn thành đưa vào sử dụng.",
        ],
    },
    {
        "Mã": "VIECTANG",
        "Thành phần Ban Chỉ đạo": _committee("Công chức Văn hóa - Xã hội xã", government_leads=True),
        "Tên mô hình": "Thực hiện nếp sống văn minh trong việc tang",
        "Tên trong danh sách": "Mô hình “Thực hiện nếp sống văn minh trong việc tang”.",
        "Tên trong phân công": "Thực hiện nếp sống văn minh trong việc tang",
        "Cụm từ phân công": "phối hợp nhân rộng",
        "Đơn vị chủ trì": "Ban công tác Mặt trận thôn chủ trì, phối hợp với chi hội Người cao "
                          "tuổi và các chi hội đoàn thể",
        "Tổ chức tự quản": "Ban vận động thực hiện nếp sống văn minh trong việc tang",
        "Quy ước/Quy chế": "Quy ước",
        "Mục đích": [
            "Vận động nhân dân tổ chức việc tang văn minh, tiết kiệm, phù hợp với thuần phong mỹ "
            "tục; bài trừ hủ tục, mê tín dị đoan.",
            "Giảm chi phí, giảm ô nhiễm môi trường; khuyến khích hỏa táng, an táng tại nghĩa "
            "trang theo quy hoạch.",
        ],
        "Nhiệm vụ": [
            "Thành lập Ban vận động thực hiện nếp sống văn minh trong việc tang ở thôn, khu dân "
            "cư được chọn; xây dựng Quy ước, tổ chức họp lấy ý kiến nhân dân trước khi ban hành.",
            "Ban vận động đến gia đình có tang để tuyên truyền, hướng dẫn tổ chức lễ tang theo "
            "Quy ước.",
            "Tuyên truyền trên loa truyền thanh, tại các buổi sinh hoạt của thôn và các chi hội "
            "đoàn thể.",
            "Biểu dương các gia đình thực hiện tốt; nhắc nhở các trường hợp vi phạm.",
        ],
        "Cam kết": [
            "Không để thi hài tại nhà quá 48 giờ.",
            "Không cử nhạc tang trước 6 giờ sáng và sau 22 giờ đêm.",
            "Không rắc vàng mã, tiền âm phủ trên đường đưa tang.",
            "Không tổ chức ăn uống linh đình, không hút thuốc lá trong đám tang; không thực hiện "
            "hủ tục, mê tín dị đoan.",
            "Dùng chung vòng hoa; hạn chế số câu đối, trướng.",
            "Rạp tang không lấn chiếm lòng đường; sử dụng nhà văn hóa thôn khi có điều kiện.",
            "Ưu tiên hỏa táng; an táng tại nghĩa trang theo quy hoạch.",
            "Tổ chức lễ cúng 3 ngày, 7 ngày, 49 ngày, 100 ngày gọn nhẹ trong phạm vi gia đình.",
        ],
    },
]

# Seed, section III.2, in its order.
ASSIGNMENTS = [
    ("Cẩm Giàng", "GSDT"), ("Kinh Môn", "ANTT"), ("Bình Giang", "ANTT"),
    ("Kim Thành", "BVMT"), ("Thanh Miện", "BVMT"), ("Ninh Giang", "VIECTANG"),
    ("Thanh Hà", "VIECTANG"), ("Tứ Kỳ", "VIECTANG"), ("Nam Sách", "NTM"), ("Gia Lộc", "NTM"),
]

RECIPIENTS = [
    # Seed "Nơi nhận", with one spelling of "Ủy" (the seed mixes two, a slip corrected: README);
    # "Lưu" follows NĐ 30 ("Lưu: VT, <đơn vị soạn thảo>").
    ("tỉnh", "Kế hoạch", "Ban TT Ủy ban TW MTTQ Việt Nam"),
    ("tỉnh", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ tỉnh"),
    ("tỉnh", "Kế hoạch", "Ban Phong trào Ủy ban MTTQ tỉnh"),
    ("tỉnh", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ 10 huyện theo kế hoạch"),
    ("tỉnh", "Kế hoạch", "Lưu: VT, BPT"),
    ("xã", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ huyện (để b/c)"),
    ("xã", "Kế hoạch", "Thường trực Đảng ủy, HĐND, UBND xã (để b/c)"),
    ("xã", "Kế hoạch", "Các tổ chức thành viên của Mặt trận xã"),
    ("xã", "Kế hoạch", "Ban công tác Mặt trận các thôn, khu dân cư"),
    ("xã", "Kế hoạch", "Lưu: VT"),
    # The report is addressed to the district ("Kính gửi"): "Như trên" names it.
    ("xã", "Báo cáo", "Như trên"),
    ("xã", "Báo cáo", "Ban Thường trực Ủy ban MTTQ tỉnh (Ban Phong trào) (để b/c)"),
    ("xã", "Báo cáo", "Thường trực Đảng ủy xã (để b/c)"),
    ("xã", "Báo cáo", "Lưu: VT"),
    ("xã", "Giấy mời", "Như thành phần mời"),
    ("xã", "Giấy mời", "Lưu: VT"),
    ("xã", "Quyết định", "Như Điều 3"),
    ("xã", "Quyết định", "Ban Thường trực Ủy ban MTTQ huyện (để b/c)"),
    ("xã", "Quyết định", "Thường trực Đảng ủy xã (để b/c)"),
    ("xã", "Quyết định", "Lưu: VT"),
    ("xã", "Chương trình", "Các đại biểu dự hội nghị"),
    ("xã", "Chương trình", "Lưu: VT"),
    ("huyện", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ tỉnh (Ban Phong trào) (để b/c)"),
    ("huyện", "Kế hoạch", "Thường trực Huyện ủy, Ủy ban nhân dân huyện (để b/c)"),
    ("huyện", "Kế hoạch", "Ban Thường trực Ủy ban MTTQ xã, thị trấn được chọn"),
    ("huyện", "Kế hoạch", "Lưu: VT"),
    ("tỉnh", "Báo cáo", "Ban Thường trực Ủy ban TW MTTQ Việt Nam (để b/c)"),
    ("tỉnh", "Báo cáo", "Thường trực Tỉnh ủy (để b/c)"),
    ("tỉnh", "Báo cáo", "Ban Thường trực Ủy ban MTTQ các huyện"),
    ("tỉnh", "Báo cáo", "Lưu: VT, BPT"),
    ("xã", "Khách mời", "Đại diện lãnh đạo Ban Thường trực Ủy ban MTTQ tỉnh"),
    ("xã", "Khách mời", "Đại diện lãnh đạo Ban Thường trực Ủy ban MTTQ huyện"),
    ("xã", "Khách mời", "Thường trực Đảng ủy, HĐND, UBND xã"),
    ("xã", "Khách mời", "Ban Thường trực Ủy ban MTTQ xã và người đứng đầu các tổ chức thành "
                        "viên"),
    ("xã", "Khách mời", "Bí thư chi bộ, Trưởng thôn, Trưởng ban công tác Mặt trận các thôn, khu "
                        "dân cư"),
    ("xã", "Khách mời", "Chi hội trưởng Nông dân, Phụ nữ, Cựu chiến binh, Thanh niên, Người cao "
                        "tuổi các thôn, khu dân cư"),
    ("xã", "Khách mời", "Đại diện các hộ gia đình ở thôn, khu dân cư xây dựng mô hình"),
]

# Guests only some models invite (the ``Mã mô hình`` column of ``Nơi nhận``): the officers
# whose work the model touches, with their 2017 titles (Pháp lệnh Công an xã 2008 Điều 10;
# NĐ 92/2009/NĐ-CP Điều 3).
MODEL_GUESTS = [
    ("ANTT", "Trưởng Công an xã và công an viên phụ trách các thôn, khu dân cư"),
    ("BVMT", f"{LAND_OFFICER}"),
    ("VIECTANG", "Công chức Văn hóa - Xã hội xã; Trưởng ban lễ tang (nếu có) các thôn"),
    ("NTM", "Ban quản lý xây dựng nông thôn mới xã"),
    ("GSDT", "Ban thanh tra nhân dân xã; chủ đầu tư các công trình đang thi công trên địa bàn xã"),
]

# Who issues the decision forming a point's steering committee (sheet ``Quyết định``). The
# commune Front's standing board, with the agreement of the Party committee and the
# People's Committee whose officials sit on it; for funerals the People's Committee itself
# (Chỉ thị 14/1998/CT-TTg: steering committees for a civilised way of life are headed by a
# Vice-Chair of the People's Committee).
ISSUER_COLUMNS = ["Mã mô hình", "Cơ quan ban hành", "Tên cơ quan trong văn bản",
                  "Cơ quan chủ quản", "Ký hiệu", "Căn cứ thẩm quyền", "Được sự nhất trí của",
                  "Xét đề nghị của", "Thẩm quyền ký", "Chức vụ người ký", "Nơi nhận"]
ISSUERS = [
    ["Chung", "BAN THƯỜNG TRỰC", "Ban Thường trực Ủy ban MTTQ", "ỦY BAN MTTQ VIỆT NAM",
     "MTTQ-BTT", "Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13 ngày 09/6/2015",
     "Thường trực Đảng ủy, Ủy ban nhân dân xã",
     "Phó Chủ tịch Ủy ban MTTQ xã phụ trách công tác phong trào", "TM. BAN THƯỜNG TRỰC",
     "CHỦ TỊCH", None],
    ["VIECTANG", "ỦY BAN NHÂN DÂN", "Ủy ban nhân dân", None, "UBND",
     "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015", None,
     "Ban Thường trực Ủy ban MTTQ xã", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
     "Như Điều 3\nỦy ban nhân dân huyện (để b/c)\nThường trực Đảng ủy xã (để b/c)\n"
     "Ban Thường trực Ủy ban MTTQ xã\nLưu: VT"],
]

# What one conference costs (sheet ``Dự toán``). The meal rate is the one of Thông tư
# 40/2017/TT-BTC (in force from 01/7/2017, before the conferences of August): 100.000
# đ/người/ngày for a meeting a commune holds. Hải Dương's own resolution on conference
# spending was not found: the other items are estimates at cost, and say so.
COST_COLUMNS = ["Nội dung chi", "Đơn vị tính", "Số lượng", "Mức chi", "Căn cứ mức chi"]
COST_ITEMS = [
    ["Trang trí khánh tiết (phông, hoa, cờ)", "hội nghị", 1, 1500000, "Dự kiến theo giá thực tế"],
    ["Tài liệu, văn phòng phẩm", "bộ", 100, 10000, "Dự kiến theo giá thực tế"],
    ["Nước uống cho đại biểu", "người", 100, 20000, "Dự kiến theo giá thực tế"],
    ["Hỗ trợ tiền ăn cho đại biểu không hưởng lương từ ngân sách nhà nước", "người", 50,
     100000, "Khoản 4 Điều 12 Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài chính"],
]

# The articles of each model's regulation (sheet ``Điều khoản``): see
# tools/data/dieu_khoan_2017_NGUON.md for what they rest on.
ARTICLE_COLUMNS = ["Mã mô hình", "Chương", "Điều", "Nội dung"]


def _articles() -> list[list]:
    path = ROOT / "tools" / "data" / "dieu_khoan_2017.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [[r[c] for c in ARTICLE_COLUMNS] for r in csv.DictReader(handle)]


# Party directives are carried out ("Thực hiện"), not legal bases ("Căn cứ").
CARRIED_OUT = ("-CT/TW", "-NQ/TW", "-KL/TW")

# Legal bases in force in 2017 (domain notes §3); "Chung" applies to every model.
LEGAL_BASES = [
    ("Chung", "Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13 ngày 09/6/2015",
     dt.date(2015, 6, 9)),
    ("BVMT", "Luật Bảo vệ môi trường số 55/2014/QH13 ngày 23/6/2014", dt.date(2014, 6, 23)),
    ("BVMT", "Nghị định số 38/2015/NĐ-CP ngày 24/4/2015 của Chính phủ về quản lý chất thải và "
             "phế liệu", dt.date(2015, 4, 24)),
    ("ANTT", "Chỉ thị số 09-CT/TW ngày 01/12/2011 của Ban Bí thư về tăng cường sự lãnh đạo của "
             "Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc", dt.date(2011, 12, 1)),
    ("ANTT", "Thông tư số 23/2012/TT-BCA ngày 27/4/2012 của Bộ Công an quy định về khu dân cư, "
             "xã, phường, thị trấn, cơ quan, doanh nghiệp, nhà trường đạt tiêu chuẩn \"An toàn "
             "về an ninh, trật tự\"", dt.date(2012, 4, 27)),
    ("NTM", "Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ phê duyệt Chương "
            "trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2016 - 2020",
     dt.date(2016, 8, 16)),
    ("NTM", "Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ ban hành Bộ tiêu "
            "chí quốc gia về xã nông thôn mới giai đoạn 2016 - 2020", dt.date(2016, 10, 17)),
    ("GSDT", "Luật Thanh tra số 56/2010/QH12 ngày 15/11/2010", dt.date(2010, 11, 15)),
    ("GSDT", "Nghị định số 84/2015/NĐ-CP ngày 30/9/2015 của Chính phủ về giám sát và đánh giá "
             "đầu tư", dt.date(2015, 9, 30)),
    ("GSDT", "Nghị định số 159/2016/NĐ-CP ngày 29/11/2016 của Chính phủ quy định chi tiết Luật "
             "Mặt trận Tổ quốc Việt Nam về hoạt động của Ban thanh tra nhân dân",
     dt.date(2016, 11, 29)),
    ("VIECTANG", "Quyết định số 308/2005/QĐ-TTg ngày 25/11/2005 của Thủ tướng Chính phủ ban "
                 "hành Quy chế thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội",
     dt.date(2005, 11, 25)),
    ("VIECTANG", "Thông tư số 04/2011/TT-BVHTTDL ngày 21/01/2011 của Bộ Văn hóa, Thể thao và "
                 "Du lịch quy định về việc thực hiện nếp sống văn minh trong việc cưới, việc tang "
                 "và lễ hội", dt.date(2011, 1, 21)),
    ("VIECTANG", "Quyết định số 2282/QĐ-TTg ngày 26/11/2013 của Thủ tướng Chính phủ phê duyệt "
                 "Đề án khuyến khích sử dụng hình thức hỏa táng", dt.date(2013, 11, 26)),
]

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    return sheet


def _units() -> list[list]:
    path = ROOT / "tools" / "data" / "hai_duong_2017_units.csv"
    with path.open(encoding="utf-8") as handle:
        return [[r["district"].removeprefix("Huyện ").strip(), r["commune"], r["unit_type"],
                 r["code"]] for r in csv.DictReader(handle)]


def build(out: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "Kế hoạch", ["Mục", "Giá trị", "Ghi chú"], [list(s) for s in SETTINGS],
           [26, 40, 60])
    models = [m | {"Cấp tổ chức": BODY_LEVELS.get(m["Mã"], "thôn")} for m in MODELS]
    _sheet(book, "Mô hình", MODEL_COLUMNS,
           [[("\n".join(m[c]) if isinstance(m[c], list) else m[c]) for c in MODEL_COLUMNS]
            for m in models], [11, 40, 40, 40, 26, 40, 30, 14, 60, 60, 60, 60, 12])
    _sheet(book, "Phân công", ["STT", "Huyện", "Xã/Thị trấn", "Loại đơn vị", "Mã mô hình",
                               "Ngày hội nghị", "Địa điểm"],
           [[i, d, None, None, code, None, None] for i, (d, code) in enumerate(ASSIGNMENTS, 1)],
           [6, 16, 20, 12, 13, 15, 36])
    _sheet(book, "Nơi nhận", ["Cấp", "Văn bản", "Nơi nhận", "Mã mô hình"],
           [[*r, None] for r in RECIPIENTS]
           + [["xã", "Khách mời", text, code] for code, text in MODEL_GUESTS], [8, 14, 80, 13])
    _sheet(book, "Căn cứ", ["Mã mô hình", "Căn cứ", "Ngày ban hành", "Cách dẫn"],
           [[*b, "Thực hiện" if any(m in b[1] for m in CARRIED_OUT) else "Căn cứ"]
            for b in LEGAL_BASES], [13, 90, 15, 12])
    _sheet(book, "Quyết định", ISSUER_COLUMNS, ISSUERS,
           [11, 20, 30, 24, 11, 50, 36, 40, 24, 14, 44])
    _sheet(book, "Dự toán", COST_COLUMNS, COST_ITEMS, [50, 12, 10, 12, 60])
    _sheet(book, "Điều khoản", ARTICLE_COLUMNS, _articles(), [11, 30, 40, 100])
    _sheet(book, "Đơn vị hành chính", ["Huyện", "Xã/Thị trấn", "Loại đơn vị", "Mã"], _units(),
           [16, 20, 12, 8])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "inputs" / "ke_hoach_2017.xlsx"
    build(target)
    print(f"wrote {target}")
