"""The numbers of the official format (Nghị định 30/2020/NĐ-CP, Phụ lục I), in one place.

Ranges are the rule; the ``CHOSEN`` values are what the shipped templates use, inside them.
Lengths are in millimetres, sizes in points.
"""

from __future__ import annotations

FONT = "Times New Roman"

PAGE_A4 = (210.0, 297.0)
PAGE_A3 = (297.0, 420.0)

MARGINS = {"top": (20.0, 25.0), "bottom": (20.0, 25.0), "left": (30.0, 35.0), "right": (15.0, 20.0)}
CHOSEN_MARGINS = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}

SIZE_NATIONAL_TITLE = (12, 13)
SIZE_MOTTO = (13, 14)
SIZE_BODY = (13, 14)
SIZE_BODIES_HEADER = (12, 13)
SIZE_NUMBER = (13, 13)
SIZE_DATE_LINE = (13, 14)
SIZE_RECIPIENTS_LABEL = (12, 12)
SIZE_RECIPIENT = (11, 11)
SIZE_PAGE_NUMBER = (13, 14)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
END_MARK = "./."

# Body: first-line indent 1 cm or 1.27 cm, at least 6 pt between paragraphs,
# line spacing from single to 1.5 lines.
BODY_FIRST_LINE_INDENT_CM = 1.27
BODY_SPACE_AFTER_PT = 6
BODY_LINE_SPACING = 1.15

# Legacy Vietnamese (TCVN3 / VNI) fonts render without diacritics where they are missing.
LEGACY_FONTS = (".VnTime", ".VnTimeH", ".VnArial", "VNI-Times", "VNI-Helve")

# Body text rules (Phụ lục I, Mục II, khoản 6 điểm e).
BODY_FIRST_LINE_INDENT_RANGE_CM = (1.0, 1.27)
BODY_MIN_PARAGRAPH_GAP_PT = 6
BODY_LINE_SPACING_RANGE = (1.0, 1.5)
BODY_LONG = 70
"""A paragraph this long (characters) runs over more than one line, where its alignment
shows; a shorter centred line (a sample, a note) is not held to the body's alignment."""

# Abbreviations of the document types (NĐ 30/2020, Phụ lục III, Mục I), by type name as the
# title prints it. Công văn has none: its ký hiệu is the issuer's and drafting unit's.
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "DỰ ÁN": "DA",
    "BÁO CÁO": "BC", "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr", "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "BGN", "BẢN THỎA THUẬN": "BTT", "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT", "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}

# Where NĐ 30/2020/NĐ-CP states each rule of the checker (Phụ lục I, Phần I unless said).
_PL1 = "NĐ 30/2020/NĐ-CP, Phụ lục I, "
SOURCES = {
    "kho_giay": _PL1 + "mục I.1–2", "huong_giay": _PL1 + "mục I.1–2",
    **{f"le_{side}": _PL1 + "mục I.3" for side in ("tren", "duoi", "trai", "phai")},
    "phong_chu": _PL1 + "mục I.4", "ma_chu": _PL1 + "mục I.4 (TCVN 6909:2001)",
    "so_trang": _PL1 + "mục I.7",
    "quoc_hieu": _PL1 + "mục II.1", "tieu_ngu": _PL1 + "mục II.1",
    "co_quan": _PL1 + "mục II.2", "so_ky_hieu": _PL1 + "mục II.3",
    "ky_hieu_loai": _PL1 + "mục II.3.b; Phụ lục III, mục I",
    "ngay_thang": _PL1 + "mục II.4", "ten_loai": _PL1 + "mục II.5",
    "trich_yeu": _PL1 + "mục II.5", "co_chu_noi_dung": _PL1 + "mục II.6.e",
    "can_deu": _PL1 + "mục II.6.e", "thut_dau_dong": _PL1 + "mục II.6.e",
    "khoang_cach_doan": _PL1 + "mục II.6.e", "gian_dong": _PL1 + "mục II.6.e",
    "chu_ky": _PL1 + "mục II.7", "noi_nhan": _PL1 + "mục II.9",
    "dau_ket": "NĐ 30/2020/NĐ-CP, Phụ lục III, mẫu 1.1–1.7",
}
