"""One context per document: the plain values a template fills in.

Contexts hold only strings, numbers, lists and dicts of them: never a workbook object, so a
template (which users edit, and which runs sandboxed) can reach nothing but data. Every value
is already formatted the official way; where the workbook has no value the context holds a
dotted blank for the clerk, never ``None`` or an empty string.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .context_substance import (
    budget_values, guest_values, issuer_values, legal_basis_values, per_conference,
    regulation_values,
)
from . import folder_memo
from .documents import DocumentJob, Layout
from .plan import Level, Model, Place, Plan, Point, Unit
from .vietnamese import (
    amount_in_words, ascii_slug, date_line, document_number, format_amount, month_year,
    official_date, two_digits, upper,
)

BLANK = "………………"
BLANK_SHORT = "……"
BLANK_LINE = "…" * 60

Context = dict[str, Any]


def build_context(plan: Plan, job: DocumentJob) -> Context:
    """The context of ``job`` (a convenience for one document: a run uses a
    :class:`ContextBuilder`, which builds what documents share once)."""
    return ContextBuilder(plan).context(job)


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

    def merged(self) -> Context:
        """The document's context: the shared values, then its own."""
        return {**self.shared, **self.own}


Digested = tuple[Context, str]


_UNIT_FIELDS = operator.attrgetter(*(field.name for field in dataclasses.fields(Unit)))
"""A unit as the tuple of its fields, every field (what its repr shows, faster)."""


class ContextBuilder:
    """The contexts of one plan's documents, for one run.

    What documents share is built and digested once and kept here (never in the module): the
    plan's values, each model's, each kind's at each level, and the last place's (documents
    come place by place). Use one builder per run and per thread.
    """

    def __init__(self, plan: Plan, layout: Layout | None = None) -> None:
        self.plan = plan
        self.layout = layout or Layout(plan)
        self._plan_layer: Digested | None = None
        self._models: dict[str, Digested] = {}
        self._own: dict[tuple[str, Level], Digested] = {}
        self._last: tuple[Place, bool, Digested] | None = None
        self.unresolved: dict[str, list[Context]] = {}
        """Per folder, the documents a person edited that have a newer version beside them
        (``tep``, ``ten``): the folder's contents list says so. Set by the run."""
        self._values_of: dict[Level, Callable[[Place], Context]] = {
            Level.PROVINCE: lambda place: _province_values(plan),
            Level.DISTRICT: lambda place: _district_values(plan, self.layout, place),
            Level.COMMUNE: self._commune_values,
        }

    def context(self, job: DocumentJob) -> Context:
        """Shared plan values, the place's, then the document's own."""
        parts = self.parts(job)
        return {**parts.shared, **parts.own}

    def parts(self, job: DocumentJob) -> ContextParts:
        shared, shared_digest = self._shared(job)
        if job.kind.per_folder:  # its own part lists its folder's documents
            own, own_digest = _digested(self._own_values(job))
        else:
            key = (job.kind.code, job.kind.level)
            if key not in self._own:
                self._own[key] = _digested(self._own_values(job))
            own, own_digest = self._own[key]
        return ContextParts(shared, shared_digest, own, own_digest)

    def shared_key(self) -> str:
        """What a document's context may depend on besides the places of its own folder
        (:mod:`mttq_docs.folder_memo`): the plan but its points, the kinds of documents, and
        the layers every document shares, which hold what the points add up to (how many
        points, how many districts)."""
        if self._plan_layer is None:
            self._plan_layer = _digested(_plan_values(self.plan))
        models = [self._model_layer(model)[1] for model in self.plan.models]
        # The units (a national plan lists 12 000) a few hundred at a time: the repr of the
        # whole plan was a string of a megabyte, 5 MB at its peak, all of it in the main
        # process's peak; each as the tuple of its fields (a dataclass's repr, one part per
        # unit, took 70 ms for 12 000).
        units = map(_UNIT_FIELDS, self.plan.units)
        return folder_memo.digest(itertools.chain([
            dataclasses.replace(self.plan, points=(), units=()), self._plan_layer[1],
            _digested(_province_header(self.plan))[1], models,
            [kind.code for kind in self.layout.kinds]],
            iter(lambda: tuple(itertools.islice(units, 256)), ())))

    def _own_values(self, job: DocumentJob) -> Context:
        """Outside packets, a function of the kind (and so of its level) only."""
        plan, kind = self.plan, job.kind
        own: Context = _packet_values(plan, self.layout, job) if kind.per_folder else {}
        if kind.per_folder:
            own["chua_thong_nhat"] = self.unresolved.get(job.place.folder, [])
        symbol = f"{kind.abbreviation}-{plan.settings.symbol}" if kind.abbreviation else ""
        # Only the province plan's own number is known; every other document is numbered by
        # the body that signs it.
        number = plan.settings.plan_number if kind.code == "ke_hoach_tinh" else None
        own["so_ky_hieu"] = document_number(number, symbol, blank=BLANK_SHORT) if symbol else ""
        own["noi_nhan"] = plan.recipients_for(kind.level, kind.recipients) if kind.recipients \
            else []
        return own

    def _shared(self, job: DocumentJob) -> Digested:
        """The plan's values and those of the place ``job`` is for."""
        packet = job.kind.per_folder
        if self._last is not None and self._last[0] is job.place and self._last[1] == packet:
            return self._last[2]
        if self._plan_layer is None:
            self._plan_layer = _digested(_plan_values(self.plan))
        layers = [self._plan_layer]
        if packet:
            # The contents list goes out with the packet from the province: its header, not
            # the province plan's content (a national plan has hundreds of packets).
            layers.append(_digested(_province_header(self.plan)))
        else:
            if job.place.point is not None:
                layers.append(self._model_layer(job.place.point.model))
            layers.append(_digested(self._values_of[job.place.level](job.place)))
        values: Context = {}
        for layer_values, _ in layers:
            values.update(layer_values)
        digest = hashlib.sha256("\n".join(d for _, d in layers).encode()).hexdigest()
        self._last = (job.place, packet, (values, digest))
        return values, digest

    def _model_layer(self, model: Model) -> Digested:
        """What every point of ``model`` shows alike, digested once."""
        if model.code not in self._models:
            self._models[model.code] = _digested(_model_layer_values(self.plan, model))
        return self._models[model.code]

    def _commune_values(self, place: Place) -> Context:
        assert place.point is not None
        return _point_values(self.plan, place.point)


def _digested(values: Context) -> Digested:
    return values, json_digest(values)


def json_digest(value: Any) -> str:
    """SHA-256 of ``value`` as canonical JSON (keys sorted): equal values, equal digests.

    A value holding a long list (the province's values: a line per point, 1.6 million
    characters of JSON for a national plan) is hashed a piece at a time, each item of the list
    encoded at once: the same text, so the same digest, without the whole of it in memory as
    text, then as UTF-8 (7.7 MB at the peak of the main process; 50 ms instead of 20).
    """
    if not _holds_long_list(value, _LONG_LIST_DEPTH):
        return hashlib.sha256(_json(value).encode()).hexdigest()
    hasher = hashlib.sha256()
    for piece in _json_pieces(value, _LONG_LIST_DEPTH):
        hasher.update(piece.encode())
    return hasher.hexdigest()


_LONG_LIST = 1000
"""A list of this many items or more is encoded item by item (see :func:`json_digest`)."""
_LONG_LIST_DEPTH = 2
"""How many dicts deep a long list is looked for (the province's: ``du_toan.dong``)."""


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _holds_long_list(value: Any, depth: int) -> bool:
    """Whether ``value`` is a long list, or a dict holding one within ``depth`` dicts."""
    if isinstance(value, (list, tuple)):
        return len(value) >= _LONG_LIST
    return depth > 0 and isinstance(value, dict) and any(
        _holds_long_list(item, depth - 1) for item in value.values())


def _json_pieces(value: Any, depth: int) -> Iterator[str]:
    """``_json(value)`` in pieces, as :mod:`json` writes it: a long list item by item, a dict
    holding one key by key (keys sorted; only string keys, which JSON keeps as they are)."""
    if isinstance(value, (list, tuple)) and len(value) >= _LONG_LIST:
        yield "["
        for index, item in enumerate(value):
            yield _json(item) if index == 0 else ", " + _json(item)
        yield "]"
    elif (depth > 0 and isinstance(value, dict) and all(type(key) is str for key in value)
          and _holds_long_list(value, depth)):
        yield "{"
        for index, key in enumerate(sorted(value)):
            yield ("" if index == 0 else ", ") + _json(key) + ": "
            yield from _json_pieces(value[key], depth - 1)
        yield "}"
    else:
        yield _json(value)


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
        # The district's plan passes the task on to its commune; the district numbers it.
        "ke_hoach_huyen": {
            "so": document_number(None, f"KH-{s.symbol}", blank=BLANK_SHORT),
            "ngay": official_date(None, year=s.year, blank=BLANK_SHORT),
        },
        "han_hoan_thanh": month_year(s.deadline),
        "han_hoan_thanh_ngay": official_date(s.deadline),
        "so_mo_hinh": two_digits(len(plan.models)),
        "so_diem": two_digits(len(plan.points)),
        "kinh_phi": format_amount(each) if (each := per_conference(plan)) else "",
        "o_trong": BLANK,
        "o_trong_ngan": BLANK_SHORT,
        "o_trong_dong": BLANK_LINE,
        "co_quan_chu_quan": s.parent_body,
        **_level_words(plan),
        "co_quan_ban_hanh": s.issuing_body,
    }


def _level_words(plan: Plan) -> Context:
    """Words that follow the levels the plan has: a plan of the two-level local government
    (since 1 July 2025) never speaks of a district."""
    s = plan.settings
    if Level.DISTRICT in plan.levels:
        return {"co_huyen": True, "cap_tinh": s.province_level,
                "cac_don_vi": f"các {s.district_level}",
                "so_don_vi": two_digits(len(plan.districts)),
                "lanh_dao_chi_dao": f"{s.province_level}, {s.district_level}",
                "tieu_de_cap": s.district_level.capitalize(), "tieu_de_xa": "Xã, thị trấn"}
    return {"co_huyen": False, "cap_tinh": s.province_level, "cac_don_vi": "các xã, phường, đặc khu",
            "so_don_vi": two_digits(len(plan.points)), "lanh_dao_chi_dao": s.province_level,
            "tieu_de_cap": "Loại đơn vị", "tieu_de_xa": "Xã, phường, đặc khu"}


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
        "du_toan": budget_values(plan, BLANK, BLANK_SHORT, BLANK_LINE),
    }


def _packet_values(plan: Plan, layout: Layout, job: DocumentJob) -> Context:
    """The documents of the folder ``job`` stands in, for the packet's contents list."""
    siblings = [j for j in layout.folder_jobs(job.place) if not j.kind.per_folder]
    points = layout.points_of(job.place)
    return {
        "don_vi": job.place.title,
        "diem": [{"xa": f"{p.unit_type} {p.commune or BLANK}", "mo_hinh": p.model.name}
                 for p in points],
        "van_ban": [
            {"stt": index, "ten": j.kind.label, "tep": j.path.name,
             "xa": f"{j.point.unit_type} {j.point.commune or BLANK}" if j.point else "",
             "viec": j.kind.todo}
            for index, j in enumerate(siblings, start=1)
        ],
    }


def _district_values(plan: Plan, layout: Layout, place: Place) -> Context:
    s = plan.settings
    district = place.name or ""
    points = layout.points_of(place)
    dates = sorted({p.conference_date for p in points if p.conference_date})
    return {
        "co_quan_cap": upper(f"{s.district_level} {district}"),
        "dia_danh_ngay": date_line(district, None, year=s.year, blank=BLANK_SHORT),
        "huyen": f"{s.district_level} {district}",
        "ten_huyen": district,
        "diem": [
            {"xa": f"{p.unit_type} {p.commune or BLANK}", "mo_hinh": p.model.name,
             "hoi_nghi_ngay": official_date(p.conference_date, year=s.year, blank=BLANK_SHORT),
             "dia_diem": p.venue or BLANK, "chi_tiet": _model_values(p.model)}
            for p in points
        ],
        "thoi_gian_hoi_nghi": "; ".join(f"{d.day}/{d.month}/{d.year}" for d in dates)
        or f"Trong tháng {month_year(s.deadline)}",
        # Its communes by name, and whether one is still to choose (the plan then asks the
        # district to choose it; once chosen, it names it).
        "cac_xa_chon": ", ".join(f"{p.unit_type} {p.commune or BLANK}" for p in points),
        "con_chua_chon": any(p.commune is None for p in points),
        "quy_dinh": ", ".join(dict.fromkeys(p.model.regulation for p in points)),
    }


def _assignment_lines(plan: Plan) -> list[Context]:
    """Seed section III.2: one line per model, its districts in workbook order.

    Models appear in the order of their first district, as the seed lists them.
    """
    districts_by_model: dict[str, list[str]] = {}
    models: dict[str, Model] = {}
    three_levels = Level.DISTRICT in plan.levels
    for point in plan.points:
        names = districts_by_model.setdefault(point.model.code, [])
        # A plan without districts assigns each model to communes, each with its kind word.
        name = point.district if three_levels else f"{point.unit_type} {point.commune or BLANK}"
        if name is not None and name not in names:
            names.append(name)
        models[point.model.code] = point.model
    lead = f"{plan.settings.district_level} " if three_levels else ""
    return [
        {
            "cac_huyen": ", ".join(names),
            "noi": lead + ", ".join(names),
            "cum_tu": models[code].assignment_phrase,
            "ten_mo_hinh": models[code].short_name,
            "ma": code,
        }
        for code, names in districts_by_model.items()
    ]


def _members(lines: tuple[str, ...]) -> list[Context]:
    """``Trưởng ban: Chủ tịch Ủy ban MTTQ xã`` → role and position; no colon, no role.

    ``ma`` names the member's field by the position (``chu_tich_uy_ban_mttq_xa``), so that
    what a commune types under a position comes back under that position whatever the model
    and its order of members; a position listed twice gets ``_2``."""
    members, taken = [], set()
    for line in lines:
        role, sep, position = line.partition(":")
        role, position = (role.strip(), position.strip()) if sep else ("", line.strip())
        key = base = ascii_slug(position, max_length=40) or "thanh_vien"
        counter = 2
        while key in taken:
            key, counter = f"{base}_{counter}", counter + 1
        taken.add(key)
        members.append({"vai_tro": role, "chuc_vu": position, "ma": key})
    return members


def _model_values(model: Model) -> Context:
    return {
        "ma": model.code,
        "ten": model.name,
        "ten_danh_sach": model.list_name,
        "chu_tri": model.lead or BLANK,
        "to_chuc": model.body_name or BLANK,
        "cap_to_chuc": model.body_level,
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
        "huyen": f"{s.district_level} {point.district}" if point.district else "",
        "ten_huyen": point.district or "",
        "dia_ban": f"{point.unit_type} {commune}"
                   + (f", {s.district_level} {point.district}" if point.district else ""),
        "cap_tren": f"{s.district_level} {point.district}" if point.district
                    else f"{s.province_level} {s.province}",
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
    issuer = issuer_values(plan, model, BLANK, BLANK_SHORT)
    return {
        "mo_hinh": _model_values(model),
        **legal_basis_values(plan, model, issuer["tham_quyen"]),
        "qd": issuer,
        "ban_chi_dao": _members(model.committee),
        **guest_values(plan, model),
        **regulation_values(plan, model),
    }
