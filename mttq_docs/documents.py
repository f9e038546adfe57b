"""Which documents a plan calls for, and where each one goes in the output folder.

A :class:`DocumentJob` is one file to write: its kind, its place under the output folder and
the point (or province) it is for. File and folder names are ASCII made from workbook names by
:func:`~mttq_docs.vietnamese.ascii_slug`, so no cell can make a path leave the output folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from .plan import Plan, PlanCache, Point
from .vietnamese import ascii_slug

Scope = Literal["packet", "province", "district", "point"]
"""``packet``: one per output folder (the province's and each district's)."""
PROVINCE_FOLDER = "tinh"


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template, how often it is made and its type abbreviation."""

    code: str
    """File name stem and template name: ``ke_hoach`` → ``templates_docx/ke_hoach.docx``."""
    scope: Scope
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

    @property
    def template(self) -> str:
        return f"{self.code}.docx"


def _regulation_is(name: str) -> Callable[[Point], bool]:
    return lambda point: point.model.regulation.casefold() == name.casefold()


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("danh_muc", "packet", 0, None, None, "Danh mục văn bản"),
    DocumentKind("ke_hoach_tinh", "province", 1, "KH", "ke_hoach", "Kế hoạch của tỉnh",
                 "Để biết và thực hiện"),
    DocumentKind("du_toan", "province", 2, "DT", "du_toan", "Dự toán kinh phí",
                 "Điền số tiền nếu còn trống; trình ký, quyết toán"),
    DocumentKind("ke_hoach_huyen", "district", 0, "KH", "ke_hoach", "Kế hoạch của huyện",
                 "Huyện điền chỗ trống, ký, ban hành; gửi xã được chọn"),
    DocumentKind("ke_hoach", "point", 1, "KH", "ke_hoach", "Kế hoạch triển khai của xã",
                 "Điền chỗ trống (thôn, số hộ, nhân khẩu), ký, ban hành"),
    DocumentKind("bao_cao", "point", 2, "BC", "bao_cao", "Đề cương báo cáo",
                 "Điền kết quả, ký; gửi về huyện và tỉnh"),
    DocumentKind("khanh_tiet", "point", 3, None, None, "Khánh tiết hội nghị",
                 "Chèn biểu trưng; in khổ A3 (hoặc A4) ngang"),
    DocumentKind("giay_moi", "point", 4, "GM", "giay_moi", "Giấy mời và thành phần mời",
                 "Điền tên khách mời, giờ họp; ký, gửi trước hội nghị"),
    DocumentKind("chuong_trinh", "point", 5, "CTr", "chuong_trinh", "Chương trình hội nghị",
                 "Điền giờ họp, người thực hiện; in phát tại hội nghị"),
    DocumentKind("quyet_dinh_bcd", "point", 6, "QĐ", "quyet_dinh",
                 "Quyết định thành lập Ban Chỉ đạo", "Điền họ tên thành viên; ký, ban hành"),
    DocumentKind("quy_uoc", "point", 7, None, None, "Dự thảo Quy ước",
                 "Lấy ý kiến nhân dân; thông qua tại hội nghị thôn",
                 applies=_regulation_is("Quy ước")),
    DocumentKind("quy_che", "point", 7, None, None, "Dự thảo Quy chế hoạt động",
                 "Lấy ý kiến; thông qua tại hội nghị",
                 applies=lambda point: not _regulation_is("Quy ước")(point)),
    DocumentKind("cam_ket", "point", 8, None, None, "Bản cam kết của hộ gia đình",
                 "In đủ cho các hộ; hộ gia đình ký tại hội nghị"),
)
RECIPIENT_DOCUMENTS = tuple(dict.fromkeys(
    [k.recipients for k in KINDS if k.recipients] + ["khach_moi", "tat_ca"]))


@dataclass(frozen=True, slots=True)
class DocumentJob:
    """One document to write. ``path`` is relative to the output folder, POSIX style."""

    kind: DocumentKind
    path: PurePosixPath
    point: Point | None = None
    district: str | None = None
    """The district a district or point document belongs to; ``None`` for the province."""


def district_folders(plan: Plan) -> dict[str, str]:
    """A distinct ASCII folder name per district (``Thanh Miện`` → ``thanh_mien``), in the
    plan's order; once per plan."""
    def name_them() -> dict[str, str]:
        folders: dict[str, str] = {}
        taken = {PROVINCE_FOLDER}
        for index, district in enumerate(plan.districts, start=1):
            folders[district] = _unique(ascii_slug(district) or f"huyen_{index:02d}", taken)
        return folders
    return _GROUPS.get(plan, "folders", name_them)


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def _point_slug(point: Point, siblings: int) -> str:
    if point.commune:
        return ascii_slug(f"{point.unit_type} {point.commune}") or f"diem_{point.number:02d}"
    return "chua_chon_xa" if siblings == 1 else f"diem_{point.number:02d}"


def packet_name(kind: DocumentKind) -> str:
    """``00_danh_muc.docx``: the same name in every folder, so it is found first."""
    return f"{kind.order:02d}_{kind.code}.docx"


def plan_jobs(plan: Plan, kinds: tuple[DocumentKind, ...] = KINDS) -> tuple[DocumentJob, ...]:
    """Every document of the plan, province first, then district by district."""
    return tuple(iter_jobs(plan, kinds))


def iter_jobs(plan: Plan, kinds: tuple[DocumentKind, ...] = KINDS) -> Iterator[DocumentJob]:
    """The documents of :func:`plan_jobs`, made as they are asked for (a national plan has
    80 000; a run holds only those it is working on)."""
    yield from folder_jobs(plan, None, kinds)
    for district in district_folders(plan):
        yield from folder_jobs(plan, district, kinds)


def count_jobs(plan: Plan, kinds: tuple[DocumentKind, ...] = KINDS) -> int:
    """How many documents :func:`iter_jobs` makes, without making them."""
    fixed = [k for k in kinds if k.scope != "point"]
    per_point = [k for k in kinds if k.scope == "point"]
    folders = 1 + len(district_folders(plan))
    count = sum(folders if k.scope == "packet" else 1 if k.scope == "province"
                else folders - 1 for k in fixed)
    return count + sum(1 for point in plan.points for k in per_point
                       if k.applies is None or k.applies(point))


def folder_jobs(plan: Plan, district: str | None,
                kinds: tuple[DocumentKind, ...] = KINDS) -> list[DocumentJob]:
    """The documents of one folder: the province's (``district`` is ``None``) or a
    district's, in the order of :func:`plan_jobs`.

    The last folder's are kept: its contents list asks for them again while a run is in it.
    """
    return _LAST_FOLDER.get(plan, (district, kinds),
                            lambda: _folder_jobs(plan, district, kinds))


_LAST_FOLDER = PlanCache(limit=1)


def _folder_jobs(plan: Plan, district: str | None,
                 kinds: tuple[DocumentKind, ...]) -> list[DocumentJob]:
    packet = [k for k in kinds if k.scope == "packet"]
    if district is None:
        jobs = [DocumentJob(kind, PurePosixPath(PROVINCE_FOLDER, packet_name(kind)))
                for kind in packet]
        year = plan.settings.year
        for kind in (k for k in kinds if k.scope == "province"):
            name = f"{kind.order:02d}_{kind.code}_{year}.docx"
            jobs.append(DocumentJob(kind, PurePosixPath(PROVINCE_FOLDER, name)))
        return jobs
    folder = district_folders(plan)[district]
    jobs = [DocumentJob(kind, PurePosixPath(folder, packet_name(kind)), district=district)
            for kind in packet]
    for kind in (k for k in kinds if k.scope == "district"):
        name = f"{kind.order:02d}_{kind.code}_{folder}.docx"
        jobs.append(DocumentJob(kind, PurePosixPath(folder, name), district=district))
    points = points_by_district(plan).get(district, [])
    taken: set[str] = set()
    for point in points:
        slug = _unique(_point_slug(point, len(points)), taken)
        for kind in (k for k in kinds if k.scope == "point"):
            if kind.applies is None or kind.applies(point):
                name = f"{kind.order:02d}_{kind.code}_{slug}.docx"
                jobs.append(DocumentJob(kind, PurePosixPath(folder, name), point, district))
    return jobs


def points_by_district(plan: Plan) -> dict[str, list[Point]]:
    """The plan's points grouped by district, in workbook order; once per plan."""
    def group() -> dict[str, list[Point]]:
        grouped: dict[str, list[Point]] = {}
        for point in plan.points:
            grouped.setdefault(point.district, []).append(point)
        return grouped
    return _GROUPS.get(plan, "points", group)


_GROUPS = PlanCache(limit=8)
