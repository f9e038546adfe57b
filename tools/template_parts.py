"""Pieces several templates share (development tool, used by ``tools/build_templates.py``)."""

from __future__ import annotations

from tools.docx_blocks import BODY_STYLE, loop, para

# A model's name in a title, its last two words joined by a no-break space: a wrapped title
# never leaves one word alone on its last line ("… an ninh trật / tự").
MODEL_NAME = "“{{ mo_hinh.ten.rsplit(' ', 1)|join('\\u00a0') }}”"

COMMUNE_SIGNATURE = {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH",
                     "signer": "{{ o_trong }}"}

PROVINCE_PLAN = ("Kế hoạch số {{ ke_hoach_tinh.so }} {{ ke_hoach_tinh.ngay }} của Ban Thường "
                 "trực Ủy ban MTTQ {{ tinh }} về triển khai nhân rộng mô hình tự quản tiêu biểu "
                 "ở khu dân cư năm {{ nam }}")
"""The province's plan, as a commune's document cites it (number and date from the workbook)."""

DISTRICT_PLAN = ("Kế hoạch số {{ ke_hoach_huyen.so }} {{ ke_hoach_huyen.ngay }} của Ban Thường "
                 "trực Ủy ban MTTQ {{ huyen }}")
"""The district's plan that passed the task to the commune (three-level plans only)."""


SET_UP_BODY = ("{{ 'kiện toàn' if mo_hinh.quy_uoc != 'Quy ước' else 'thành lập' }} "
               "{{ mo_hinh.to_chuc }}{{ ' của xã' if mo_hinh.cap_to_chuc == 'xã' else ' ở thôn, "
               "khu dân cư được chọn' }}")
"""Setting up the model's body: a board with operating rules exists already (every thôn has
its Front work board, every commune its People's Inspection Board) and is strengthened; a
self-managing team is new. A commune-level board is the commune's, not a thôn's."""


def legal_bases(doc, *, laws: str = "can_cu", last: str = ";") -> None:
    """The ``Căn cứ`` lines (laws), then the ``Thực hiện`` lines (a Party directive is
    carried out, not a legal basis), italic, each ending ";" and the very last ``last``."""
    loop(doc, f"for c in {laws}", "Căn cứ {{ c }}{{ ';' if not loop.last or thuc_hien else '"
         + last + "' }}", italic=True)
    loop(doc, "for t in thuc_hien", "Thực hiện {{ t }}{{ ';' if not loop.last else '" + last
         + "' }}", italic=True)


def plain(doc, text: str):
    """A paragraph holding only a Jinja paragraph tag (``{%p if … %}``)."""
    return para(doc, text, style=BODY_STYLE)
