"""One context per document: the plain values a template fills in.

Contexts hold only strings, numbers, lists and dicts of them: never a workbook object, so a
template (which users edit, and which runs sandboxed) can reach nothing but data. Every value
is already formatted the official way; where the workbook has no value the context holds a
dotted blank for the clerk, never ``None`` or an empty string.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .documents import DocumentJob, folder_jobs, points_by_district
from .plan import Model, Plan, PlanCache, Point
from .vietnamese import (
    amount_in_words, date_line, document_number, format_amount, month_year, official_date,
    two_digits, upper,
)

BLANK = "………………"
BLANK_SHORT = "……"
BLANK_LINE = "…" * 60

Context = dict[str, Any]


def build_context(plan: Plan, job: DocumentJob) -> Context:
    """The context of ``job``: shared plan values, the issuing body, then kind-specific ones."""
    parts = context_parts(plan, job)
    return {**parts.shared, **parts.own}


@dataclass(frozen=True)
class ContextParts:
    """A context in two parts, each with its digest: what every document of the same place
    shares, and this document's own values, which take precedence. Both are built (and
    digested) once and the same objects handed to every document they serve: a national plan
    has 80 000 documents but 10 000 places and a dozen kinds."""

    shared: Context
    shared_digest: str
    own: Context
    own_digest: str


def context_parts(plan: Plan, job: DocumentJob) -> ContextParts:
    shared, shared_digest = _shared_values(plan, job)
    if job.kind.scope == "packet":  # its own part lists its folder's documents
        own, own_digest = _digested(_own_values(plan, job))
    else:
        own, own_digest = _OWN.get(plan, (job.kind.code, _level(job)),
                                   lambda: _digested(_own_values(plan, job)))
    return ContextParts(shared, shared_digest, own, own_digest)


_OWN = PlanCache(limit=256)


def _own_values(plan: Plan, job: DocumentJob) -> Context:
    """Outside packets, a function of the kind and the level only."""
    own: Context = _packet_values(plan, job) if job.kind.scope == "packet" else {}
    kind = job.kind
    symbol = f"{kind.abbreviation}-{plan.settings.symbol}" if kind.abbreviation else ""
    # Only the province plan's own number is known; every other document is numbered by the
    # body that signs it.
    number = plan.settings.plan_number if kind.code == "ke_hoach_tinh" else None
    own["so_ky_hieu"] = document_number(number, symbol, blank=BLANK_SHORT) if symbol else ""
    level = _level(job)
    own["noi_nhan"] = plan.recipients_for(level, kind.recipients) if kind.recipients else []
    return own


def _level(job: DocumentJob) -> str:
    if job.kind.scope == "packet" or (job.point is None and job.district is None):
        return "tỉnh"
    return "xã" if job.point is not None else "huyện"


_LAST_SHARED: list = []


def _shared_values(plan: Plan, job: DocumentJob) -> tuple[Context, str]:
    """The plan's values and those of the place ``job`` is for; the last ones are kept
    (documents come place by place)."""
    if job.kind.scope == "packet":
        place: tuple = ("packet",)
    elif job.point is not None:
        place = ("point", job.point)
    elif job.district is not None:
        place = ("district", job.district)
    else:
        place = ("province",)
    if _LAST_SHARED and _LAST_SHARED[0] is plan and _same_place(_LAST_SHARED[1], place):
        return _LAST_SHARED[2], _LAST_SHARED[3]
    layers = [_LAYERS.get(plan, "plan", lambda: _digested(_plan_values(plan)))]
    if place[0] == "packet":
        # The contents list goes out with the packet from the province: its header, not the
        # province plan's content (a national plan has hundreds of packets).
        layers.append(_digested(_province_header(plan)))
    elif place[0] == "point":
        model = job.point.model
        layers.append(_LAYERS.get(plan, ("model", model.code),
                                  lambda: _digested(_model_layer_values(plan, model))))
        layers.append(_digested(_point_values(plan, job.point)))
    elif place[0] == "district":
        layers.append(_digested(_district_values(plan, job.district)))
    else:
        layers.append(_digested(_province_values(plan)))
    values: Context = {}
    for layer_values, _ in layers:
        values.update(layer_values)
    digest = hashlib.sha256("\n".join(d for _, d in layers).encode()).hexdigest()
    _LAST_SHARED[:] = [plan, place, values, digest]
    return values, digest


# Values shared by every place of a plan, and by every point of a model: digested once.
_LAYERS = PlanCache(limit=256)


def _digested(values: Context) -> tuple[Context, str]:
    return values, json_digest(values)


def _same_place(kept: tuple, place: tuple) -> bool:
    return len(kept) == len(place) and all(a is b or a == b for a, b in zip(kept, place))


def json_digest(value: Any) -> str:
    """SHA-256 of ``value`` as canonical JSON (keys sorted): equal values, equal digests."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _plan_values(plan: Plan) -> Context:
    s = plan.settings
    return {
        "nam": s.year,
        "tinh": f"{s.province_level} {s.province}",
        "ten_tinh": s.province,
        "ke_hoach_tinh": {
            "so": document_number(s.plan_number, f"KH-{s.symbol}", blank=BLANK_SHORT),
            "ngay": official_date(s.issue_date, year=s.year, blank=BLANK_SHORT),
        },
        "han_hoan_thanh": month_year(s.deadline),
        "han_hoan_thanh_ngay": official_date(s.deadline),
        "so_mo_hinh": two_digits(len(plan.models)),
        "so_diem": two_digits(len(plan.points)),
        "kinh_phi": format_amount(s.amount_per_conference) if s.amount_per_conference else "",
        "o_trong": BLANK,
        "o_trong_ngan": BLANK_SHORT,
        "o_trong_dong": BLANK_LINE,
        "co_quan_chu_quan": s.parent_body,
        "co_quan_ban_hanh": s.issuing_body,
    }


def _signature(plan: Plan) -> Context:
    s = plan.settings
    return {"tham_quyen": s.authority, "chuc_vu": s.signer_title, "nguoi_ky": s.signer or BLANK}


def _province_header(plan: Plan) -> Context:
    s = plan.settings
    return {
        "co_quan_cap": upper(f"{s.province_level} {s.province}"),
        "dia_danh_ngay": date_line(s.place, s.issue_date, year=s.year, blank=BLANK_SHORT),
        "ky": _signature(plan),
    }


def _province_values(plan: Plan) -> Context:
    return {
        **_province_header(plan),
        "so_huyen": two_digits(len(plan.districts)),
        "mo_hinh": [_model_values(m) for m in plan.models],
        "phan_cong": _assignment_lines(plan),
        "du_toan": _budget(plan),
    }


def _packet_values(plan: Plan, job: DocumentJob) -> Context:
    """The documents of the folder ``job`` stands in, for the packet's contents list."""
    siblings = [j for j in folder_jobs(plan, job.district) if j.kind.scope != "packet"]
    s = plan.settings
    points = points_by_district(plan).get(job.district or "", [])
    return {
        "don_vi": f"{s.district_level} {job.district}" if job.district
        else f"{s.province_level} {s.province}",
        "diem": [{"xa": f"{p.unit_type} {p.commune or BLANK}", "mo_hinh": p.model.name}
                 for p in points],
        "van_ban": [
            {"stt": index, "ten": j.kind.label, "tep": j.path.name,
             "xa": f"{j.point.unit_type} {j.point.commune or BLANK}" if j.point else "",
             "viec": j.kind.todo}
            for index, j in enumerate(siblings, start=1)
        ],
    }


def _budget(plan: Plan) -> Context:
    """One line per conference; figures and words only when an amount is given."""
    amount = plan.settings.amount_per_conference
    lines = [
        {"stt": index, "huyen": point.district, "xa": point.commune or BLANK,
         "mo_hinh": point.model.name, "so_tien": format_amount(amount) if amount else BLANK_SHORT}
        for index, point in enumerate(plan.points, start=1)
    ]
    total = amount * len(plan.points) if amount else None
    return {
        "dong": lines,
        "tong": format_amount(total) if total is not None else BLANK,
        "tong_chu": amount_in_words(total) if total is not None else BLANK_LINE,
    }


def _district_values(plan: Plan, district: str) -> Context:
    s = plan.settings
    points = points_by_district(plan).get(district, [])
    dates = sorted({p.conference_date for p in points if p.conference_date})
    return {
        "co_quan_cap": upper(f"{s.district_level} {district}"),
        "dia_danh_ngay": date_line(district, None, year=s.year, blank=BLANK_SHORT),
        "huyen": f"{s.district_level} {district}",
        "ten_huyen": district,
        "diem": [
            {"xa": f"{p.unit_type} {p.commune or BLANK}", "mo_hinh": p.model.name,
             "hoi_nghi_ngay": official_date(p.conference_date, year=s.year, blank=BLANK_SHORT),
             "dia_diem": p.venue or BLANK}
            for p in points
        ],
        "thoi_gian_hoi_nghi": "; ".join(f"{d.day}/{d.month}/{d.year}" for d in dates)
        or f"Trong tháng {month_year(s.deadline)}",
    }


def _assignment_lines(plan: Plan) -> list[Context]:
    """Seed section III.2: one line per model, its districts in workbook order.

    Models appear in the order of their first district, as the seed lists them.
    """
    districts_by_model: dict[str, list[str]] = {}
    models: dict[str, Model] = {}
    for point in plan.points:
        names = districts_by_model.setdefault(point.model.code, [])
        if point.district not in names:
            names.append(point.district)
        models[point.model.code] = point.model
    return [
        {
            "cac_huyen": ", ".join(names),
            "cum_tu": models[code].assignment_phrase,
            "ten_mo_hinh": models[code].short_name,
            "ma": code,
        }
        for code, names in districts_by_model.items()
    ]


def _member(line: str) -> Context:
    """``Trưởng ban: Chủ tịch Ủy ban MTTQ xã`` → role and position; no colon, no role."""
    role, sep, position = line.partition(":")
    return {"vai_tro": role.strip(), "chuc_vu": position.strip()} if sep else {
        "vai_tro": "", "chuc_vu": line}


def _model_values(model: Model) -> Context:
    return {
        "ma": model.code,
        "ten": model.name,
        "ten_danh_sach": model.list_name,
        "chu_tri": model.lead or BLANK,
        "to_chuc": model.body_name or BLANK,
        "quy_uoc": model.regulation,
        "muc_dich": list(model.purposes),
        "nhiem_vu": list(model.tasks),
        "cam_ket": list(model.commitments),
    }


def _point_values(plan: Plan, point: Point) -> Context:
    s = plan.settings
    commune = point.commune or BLANK
    return {
        "co_quan_cap": upper(f"{point.unit_type} {commune}"),
        "dia_danh_ngay": date_line(commune, None, year=s.year, blank=BLANK_SHORT),
        "xa": f"{point.unit_type} {commune}",
        "ten_xa": commune,
        "huyen": f"{s.district_level} {point.district}",
        "ten_huyen": point.district,
        "hoi_nghi": {
            "ngay": official_date(point.conference_date, year=s.year, blank=BLANK_SHORT),
            "dia_diem": point.venue or BLANK,
            "ngay_nhap": official_date(point.conference_date) if point.conference_date else "",
            "dia_diem_nhap": point.venue or "",
            "dia_danh_ngay": date_line(commune, point.conference_date, year=s.year,
                                       blank=BLANK_SHORT),
        },
        "xa_in_hoa": upper(f"{point.unit_type} {commune}"),
    }


def _model_layer_values(plan: Plan, model: Model) -> Context:
    """What every point of ``model`` shows alike."""
    return {
        "mo_hinh": _model_values(model),
        "can_cu": [basis.text for basis in plan.legal_bases_for(model.code)],
        "ban_chi_dao": [_member(line) for line in model.committee],
        "khach_moi": plan.recipients_for("xã", "khach_moi"),
    }
