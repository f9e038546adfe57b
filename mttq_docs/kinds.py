"""The catalogue of document kinds: what each is, the level it belongs to, its template.

At the bottom of the import graph (it needs only :mod:`mttq_docs.plan`), so validation,
layout, contexts and collection all read the same catalogue. The summary report made by
``collect`` is a kind too (:data:`REPORT_KIND`), so that ``templates check`` checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .plan import Level, Point


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template, the level it is made for and its type abbreviation."""

    code: str
    """File name stem and template name: ``ke_hoach`` → ``templates_docx/ke_hoach.docx``."""
    level: Level
    """Whose document it is: one is made per place of this level (per point for a commune)."""
    order: int
    """Position in a packet; file names start with it so the packet sorts in reading order."""
    abbreviation: str | None
    """Document type in ``Số:`` (NĐ 30 Phụ lục III): ``KH``, ``BC``, ``GM``; none for a banner."""
    recipients: str | None
    """Which ``Nơi nhận`` lines the document lists (``Văn bản`` column), if any."""
    label: str
    todo: str = ""
    """What the receiving office does with it, for the packet's contents list."""
    applies: Callable[[Point], bool] | None = None
    """For point documents made only for some models (``quy_uoc`` or ``quy_che``)."""
    per_folder: bool = False
    """One in every output folder (the contents list), issued by the province."""

    @property
    def template(self) -> str:
        return f"{self.code}.docx"

    def made_for(self, point: Point) -> bool:
        return self.applies is None or self.applies(point)


def _regulation_is(name: str) -> Callable[[Point], bool]:
    return lambda point: point.model.regulation.casefold() == name.casefold()


_PROVINCE, _DISTRICT, _COMMUNE = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE

KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("danh_muc", _PROVINCE, 0, None, None, "Danh mục văn bản", per_folder=True),
    DocumentKind("ke_hoach_tinh", _PROVINCE, 1, "KH", "ke_hoach", "Kế hoạch của tỉnh",
                 "Trình ký, ban hành; gửi các nơi nhận"),
    # An estimate is not a document type of NĐ 30 (Điều 7): it goes with the plan, unnumbered,
    # signed by whoever drew it up, the accountant and the head of the office.
    DocumentKind("du_toan", _PROVINCE, 2, None, None, "Dự toán kinh phí",
                 "Trình ký cùng kế hoạch; gửi bộ phận kế toán"),
    DocumentKind("ke_hoach_huyen", _DISTRICT, 0, "KH", "ke_hoach", "Kế hoạch của huyện",
                 "Huyện điền chỗ trống, ký, ban hành; gửi xã được chọn"),
    DocumentKind("ke_hoach", _COMMUNE, 1, "KH", "ke_hoach", "Kế hoạch triển khai của xã",
                 "Điền chỗ trống (thôn, số hộ, nhân khẩu), ký, ban hành"),
    DocumentKind("bao_cao", _COMMUNE, 2, "BC", "bao_cao", "Báo cáo kết quả (đề cương)",
                 "Điền kết quả, ký; gửi về Ủy ban MTTQ cấp trên"),
    DocumentKind("khanh_tiet", _COMMUNE, 3, None, None, "Khánh tiết hội nghị",
                 "Chèn biểu trưng; in khổ A3 (hoặc A4) ngang"),
    DocumentKind("giay_moi", _COMMUNE, 4, "GM", "giay_moi", "Giấy mời và thành phần mời",
                 "Điền tên khách mời, giờ họp; ký, gửi trước hội nghị"),
    DocumentKind("chuong_trinh", _COMMUNE, 5, "CTr", "chuong_trinh", "Chương trình hội nghị",
                 "Điền giờ họp, người thực hiện; in phát tại hội nghị"),
    DocumentKind("quyet_dinh_bcd", _COMMUNE, 6, "QĐ", "quyet_dinh",
                 "Quyết định thành lập Ban Chỉ đạo",
                 "Điền họ tên thành viên; cơ quan ban hành ký, ban hành"),
    DocumentKind("quy_uoc", _COMMUNE, 7, None, None, "Dự thảo Quy ước",
                 "Lấy ý kiến nhân dân; thông qua tại hội nghị thôn",
                 applies=_regulation_is("Quy ước")),
    DocumentKind("quy_che", _COMMUNE, 7, None, None, "Dự thảo Quy chế hoạt động",
                 "Lấy ý kiến; Ban thông qua tại cuộc họp của Ban",
                 applies=lambda point: not _regulation_is("Quy ước")(point)),
    DocumentKind("cam_ket", _COMMUNE, 8, None, None, "Bản cam kết của hộ gia đình",
                 "In đủ cho các hộ; ký tại hội nghị và ở thôn"),
)
"""The documents ``generate`` makes."""

REPORT_KIND = DocumentKind("bao_cao_tong_hop", _PROVINCE, 3, "BC", "bao_cao",
                           "Báo cáo tổng hợp kết quả")
"""Made by ``collect`` from what the communes sent back, not by ``generate``."""

ALL_KINDS: tuple[DocumentKind, ...] = (*KINDS, REPORT_KIND)
"""Every kind with a template: what ``templates check`` and a run's templates cover."""

RECIPIENT_DOCUMENTS = tuple(dict.fromkeys(
    [k.recipients for k in ALL_KINDS if k.recipients] + ["khach_moi", "tat_ca"]))
"""The values of the ``Văn bản`` column of ``Nơi nhận``."""

NO_RECIPIENTS = {"du_toan": "dự toán đi kèm kế hoạch, không có nơi nhận riêng"}
"""Values of ``Văn bản`` that earlier workbooks used and no document prints now."""
