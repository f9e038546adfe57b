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
