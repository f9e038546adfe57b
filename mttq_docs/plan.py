"""The validated plan: typed, immutable objects made from the workbook.

Nothing here reads files or formats text for a document; :mod:`mttq_docs.validation` builds
these objects, :mod:`mttq_docs.context` turns them into what each template needs.
``None`` always means "not given in the workbook": the documents then show a blank to fill.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .vietnamese import ascii_slug


class Level(enum.Enum):
    """A level of local government, whose Front committee a document belongs to.

    The value is the word the workbook uses for it (the ``Cấp`` column of ``Nơi nhận``).
    Plans before 1 July 2025 have three levels; a plan may skip the district level.
    """

    PROVINCE = "tỉnh"
    DISTRICT = "huyện"
    COMMUNE = "xã"

    @property
    def word(self) -> str:
        return self.value


THREE_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
TWO_LEVELS = (Level.PROVINCE, Level.COMMUNE)


@dataclass(frozen=True)
class Settings:
    """The ``Kế hoạch`` sheet: one value per setting of the plan."""

    year: int
    province: str
    """Name of the province (``Hải Dương``), as it appears after its level word."""
    province_level: str
    """``tỉnh`` or ``thành phố``: the word before the province's name."""
    district_level: str
    """``huyện`` in 2017; the word before a district's name."""
    parent_body: str
    """First header line, e.g. ``ỦY BAN MTTQ VIỆT NAM``."""
    issuing_body: str
    """Header line of the body that issues, e.g. ``BAN THƯỜNG TRỰC``."""
    place: str
    """Place name of the date line of province documents (``Hải Dương``)."""
    symbol: str
    """Symbol after the document type in ``Số:``, e.g. ``MTTQ-BTT``."""
    plan_number: str | None
    issue_date: dt.date | None
    deadline: dt.date
    signer: str | None
    signer_title: str
    authority: str
    amount_per_conference: int | None


@dataclass(frozen=True)
class Model:
    """One self-management model of the ``Mô hình`` sheet; lists come from one line per item."""

    code: str
    name: str
    list_name: str
    """How the province plan lists the model in section II.2."""
    short_name: str
    """How the province plan names the model in an assignment line of section III.2."""
    assignment_phrase: str
    """The verb of the assignment line: ``phối hợp triển khai nhân rộng``."""
    lead: str
    body_name: str
    """The self-managing body set up in the residential area (``Tổ tự quản …``)."""
    regulation: str
    """``Quy ước`` (residential-area models) or ``Quy chế`` (boards)."""
    purposes: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    committee: tuple[str, ...] = ()
    """Typical members of the commune steering committee: ``Trưởng ban: Chủ tịch …``."""
    body_level: str = "thôn"
    """Where the self-managing body works: ``thôn`` (one residential area) or ``xã`` (the
    commune's People's Inspection Board): its regulation's header and scope follow."""
    row: int = 0


@dataclass(frozen=True)
class Point:
    """One row of ``Phân công``: a district, its commune (maybe not chosen yet) and its model."""

    row: int
    number: int
    district: str | None
    """``None`` in a plan without a district level."""
    commune: str | None
    unit_type: str
    """``xã`` or ``thị trấn``; when the commune is not chosen, ``xã/thị trấn``."""
    model: Model
    conference_date: dt.date | None
    venue: str | None


@dataclass(frozen=True)
class Recipient:
    """One line of a ``Nơi nhận`` list or of the invitation's guest list."""

    level: Level
    """Whose documents the line belongs to."""
    document: str
    """Document kind (``ke_hoach``, ``giay_moi``, ``khach_moi`` …) or ``tat_ca`` for all."""
    text: str
    row: int = 0
    model_code: str | None = None
    """Only for points of this model (the commune police for public order); ``None``: all."""


@dataclass(frozen=True)
class LegalBasis:
    """One ``Căn cứ`` line; ``model_code`` is ``None`` when it applies to every model."""

    text: str
    model_code: str | None
    date: dt.date | None
    row: int = 0
    verb: str = "Căn cứ"
    """How documents cite it: ``Căn cứ`` (a law) or ``Thực hiện`` (a Party directive)."""


@dataclass(frozen=True)
class Issuer:
    """Who issues a point's decision forming its steering committee (sheet ``Quyết định``).

    The body differs by locality and model (the commune Front's standing board, or the
    commune People's Committee when government officials sit on it); the header, the legal
    basis of its power, the symbol and the signature all follow from it.
    """

    model_code: str | None
    """``None``: every model without a row of its own."""
    name: str
    """The body as the text names it, before the commune: ``Ban Thường trực Ủy ban MTTQ``."""
    parent_body: str | None
    """First header line (``ỦY BAN MTTQ VIỆT NAM``), the commune under it; ``None`` for a
    body with none above it (``ỦY BAN NHÂN DÂN``), whose name the commune then follows."""
    header_body: str
    """Its name in the header, in bold: ``BAN THƯỜNG TRỰC``, ``ỦY BAN NHÂN DÂN``."""
    symbol: str
    """After ``QĐ-`` in ``Số:``: ``MTTQ-BTT``, ``UBND``."""
    power: tuple[str, ...]
    """The ``Căn cứ`` lines of its power to decide (its law)."""
    agreement: str | None
    """``Được sự nhất trí của …``: whose agreement it has."""
    proposal: str | None
    """``Xét đề nghị của …``: who proposed the decision."""
    authority: str
    """``TM. BAN THƯỜNG TRỰC``; may be empty (a chair signing in person)."""
    signer_title: str
    row: int = 0
    recipients: tuple[str, ...] = ()
    """Its ``Nơi nhận`` (a People's Committee reports to the district's); empty: the
    ``Quyết định`` lines of the ``Nơi nhận`` sheet."""


@dataclass(frozen=True)
class CostItem:
    """One cost item of a conference (sheet ``Dự toán``); ``None``: to fill by hand."""

    text: str
    unit: str
    quantity: int | None
    rate: int | None
    """Đồng per unit."""
    basis: str | None
    """Where the rate comes from (a regulation and its article); ``None``: not known."""
    row: int = 0

    @property
    def amount(self) -> int | None:
        return self.quantity * self.rate if self.quantity is not None and \
            self.rate is not None else None


@dataclass(frozen=True)
class Article:
    """One article of a model's regulation (sheet ``Điều khoản``), in reading order."""

    model_code: str
    chapter: str
    title: str
    text: tuple[str, ...]
    """One paragraph per line."""
    row: int = 0


@dataclass(frozen=True)
class Unit:
    """A commune-level unit of the ``Đơn vị hành chính`` sheet (the 2017 GSO list)."""

    district: str
    name: str
    unit_type: str
    code: str


@dataclass(frozen=True)
class Plan:
    """Everything the documents are made from."""

    settings: Settings
    models: tuple[Model, ...]
    points: tuple[Point, ...]
    recipients: tuple[Recipient, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()
    units: tuple[Unit, ...] = field(default=())
    levels: tuple[Level, ...] = THREE_LEVELS
    """The levels the plan's places have, province first."""
    issuers: tuple[Issuer, ...] = ()
    cost_items: tuple[CostItem, ...] = ()
    articles: tuple[Article, ...] = ()

    @property
    def districts(self) -> tuple[str, ...]:
        """Districts in the order of the ``Phân công`` sheet, each once."""
        return tuple(dict.fromkeys(p.district for p in self.points if p.district is not None))

    def recipients_for(self, level: Level, document: str, model_code: str | None = None
                       ) -> list[str]:
        """The lines of the ``Nơi nhận`` list of one document kind at one level; with a
        model, its own lines too."""
        return [
            r.text
            for r in self.recipients
            if r.level == level and r.document in (document, "tat_ca")
            and r.model_code in (None, model_code)
        ]

    def issuer_for(self, model_code: str) -> Issuer | None:
        """The model's own issuer row, else the general one, else ``None`` (the plan's
        issuing body)."""
        own = [i for i in self.issuers if i.model_code == model_code]
        general = [i for i in self.issuers if i.model_code is None]
        found = own or general
        return found[0] if found else None

    def articles_for(self, model_code: str) -> list[Article]:
        return [a for a in self.articles if a.model_code == model_code]

    def legal_bases_for(self, model_code: str | None) -> list[LegalBasis]:
        """General legal bases first, then those of the model, in sheet order."""
        general = [b for b in self.legal_bases if b.model_code is None]
        own = [b for b in self.legal_bases if model_code and b.model_code == model_code]
        return general + own


@dataclass(frozen=True, eq=False)
class Place:
    """A place of a plan: its province, a district, or the commune of one of its points.

    Compared by identity (one object per place of one plan's :class:`Places`), so caches keyed
    by a place cost nothing to hash and never confuse two plans.
    """

    level: Level
    name: str | None
    """``None`` for a point whose commune is not chosen yet."""
    kind: str
    """The word before the name: ``tỉnh``, ``thành phố``, ``huyện``, ``xã``, ``thị trấn``."""
    parent: Place | None
    folder: str
    """Its folder under the output folder: the province's, its own, or its parent's."""
    slug: str
    """Its ASCII name in file names, distinct among the places of its folder."""
    point: Point | None = None
    """The ``Phân công`` row of a commune-level place."""

    @property
    def title(self) -> str:
        """``huyện Thanh Hà``; the kind alone when the name is not chosen."""
        return f"{self.kind} {self.name}" if self.name else self.kind

    @property
    def where(self) -> str:
        """``huyện Thanh Hà, xã Thanh Bính`` (``chưa chọn xã`` for a commune not chosen): the
        place and those above it, the province implied; the province names itself."""
        parts: list[str] = []
        place: Place | None = self
        while place is not None and (place.level is not Level.PROVINCE or not parts):
            parts.append(place.title if place.name else "chưa chọn xã")
            place = place.parent
        return ", ".join(reversed(parts))

    def up(self, level: Level) -> Place | None:
        """This place or the one above it at ``level``."""
        place: Place | None = self
        while place is not None and place.level is not level:
            place = place.parent
        return place


PROVINCE_FOLDER = "tinh"


@dataclass(frozen=True)
class Remembered:
    """The folders and file names earlier runs gave to places, by the places' words.

    Names that fold to the same ASCII (``Thanh Hà``, ``Thạnh Hà``) need a suffix to tell
    their folders apart; given by row order, reordering the rows swapped folders (a filled
    plan archived as if it had left the plan). A place named before keeps its name.
    """

    folders: dict[str, str] = field(default_factory=dict)
    """A folder's place (``huyện Thanh Hà``; a commune without districts) → its folder."""
    slugs: dict[str, dict[str, str]] = field(default_factory=dict)
    """Folder's place → commune → the commune's name in file names."""


@dataclass(frozen=True)
class Places:
    """The tree of a plan's places, and the folders they are written into.

    One folder for the province, then one per place of the level below it (each district;
    each commune in a plan without districts), in the order of the ``Phân công`` sheet.
    """

    province: Place
    folders: tuple[Place, ...]
    """The places that own a folder, the province first."""
    points: dict[str, tuple[Place, ...]]
    """The commune-level places (one per point) written into each folder, by folder name."""

    @classmethod
    def of(cls, plan: Plan, remembered: Remembered | None = None) -> Places:
        s = plan.settings
        memory = remembered or Remembered()
        province = Place(Level.PROVINCE, s.province, s.province_level, None, PROVINCE_FOLDER,
                         PROVINCE_FOLDER)
        folders: list[Place] = [province]
        points: dict[str, tuple[Place, ...]] = {PROVINCE_FOLDER: ()}
        if Level.DISTRICT in plan.levels:
            grouped: dict[str, list[Point]] = {}
            for point in plan.points:
                grouped.setdefault(point.district or "", []).append(point)
            titles = [f"{s.district_level} {name}" for name in grouped]
            names = _names(titles, [ascii_slug(n) or f"huyen_{i:02d}"
                                    for i, n in enumerate(grouped, start=1)],
                           memory.folders, {PROVINCE_FOLDER})
            for (name, rows), title, folder in zip(grouped.items(), titles, names):
                district = Place(Level.DISTRICT, name, s.district_level, province, folder, folder)
                folders.append(district)
                points[folder] = _commune_places(district, rows, memory)
        else:
            titles = [f"{p.unit_type} {p.commune}" if p.commune else "" for p in plan.points]
            names = _names(titles, [_point_slug(p, 1) for p in plan.points], memory.folders,
                           {PROVINCE_FOLDER})
            for point, folder in zip(plan.points, names):
                commune = Place(Level.COMMUNE, point.commune, point.unit_type, province, folder,
                                folder, point)
                folders.append(commune)
                points[folder] = (commune,)
        return cls(province, tuple(folders), points)

    def communes(self) -> list[Place]:
        """Every commune-level place, folder by folder."""
        return [place for folder in self.folders for place in self.points[folder.folder]]


def _commune_places(district: Place, rows: list[Point], memory: Remembered
                    ) -> tuple[Place, ...]:
    titles = [f"{p.unit_type} {p.commune}" if p.commune else "" for p in rows]
    slugs = _names(titles, [_point_slug(p, len(rows)) for p in rows],
                   memory.slugs.get(district.title, {}), set())
    return tuple(Place(Level.COMMUNE, point.commune, point.unit_type, district, district.folder,
                       slug, point) for point, slug in zip(rows, slugs))


def _names(titles: list[str], wanted: list[str], remembered: dict[str, str],
           taken: set[str]) -> list[str]:
    """A distinct name for each place: the one an earlier run gave it, else its own slug
    (with a number when taken). Remembered names are reserved first, so a new place never
    takes an old one's name, whatever the order of the rows."""
    taken = set(taken)
    kept: dict[int, str] = {}
    for index, title in enumerate(titles):
        name = remembered.get(title) if title else None
        if name is not None and name not in taken:
            kept[index] = name
            taken.add(name)
    return [kept[i] if i in kept else _unique(name, taken) for i, name in enumerate(wanted)]


def _point_slug(point: Point, siblings: int) -> str:
    if point.commune:
        return ascii_slug(f"{point.unit_type} {point.commune}") or f"diem_{point.number:02d}"
    return "chua_chon_xa" if siblings == 1 else f"diem_{point.number:02d}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
