"""The validated plan: typed, immutable objects made from the workbook.

Nothing here reads files or formats text for a document; :mod:`mttq_docs.validation` builds
these objects, :mod:`mttq_docs.context` turns them into what each template needs.
``None`` always means "not given in the workbook": the documents then show a blank to fill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


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
    row: int = 0


@dataclass(frozen=True)
class Point:
    """One row of ``Phân công``: a district, its commune (maybe not chosen yet) and its model."""

    row: int
    number: int
    district: str
    commune: str | None
    unit_type: str
    """``xã`` or ``thị trấn``; when the commune is not chosen, ``xã/thị trấn``."""
    model: Model
    conference_date: dt.date | None
    venue: str | None


@dataclass(frozen=True)
class Recipient:
    """One line of a ``Nơi nhận`` list or of the invitation's guest list."""

    level: str
    """``tỉnh``, ``huyện`` or ``xã``: whose documents the line belongs to."""
    document: str
    """Document kind (``ke_hoach``, ``giay_moi``, ``khach_moi`` …) or ``tat_ca`` for all."""
    text: str
    row: int = 0


@dataclass(frozen=True)
class LegalBasis:
    """One ``Căn cứ`` line; ``model_code`` is ``None`` when it applies to every model."""

    text: str
    model_code: str | None
    date: dt.date | None
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

    @property
    def districts(self) -> tuple[str, ...]:
        """Districts in the order of the ``Phân công`` sheet, each once."""
        return tuple(dict.fromkeys(p.district for p in self.points))

    def recipients_for(self, level: str, document: str) -> list[str]:
        """The lines of the ``Nơi nhận`` list of one document kind at one level."""
        return [
            r.text
            for r in self.recipients
            if r.level == level and r.document in (document, "tat_ca")
        ]

    def legal_bases_for(self, model_code: str | None) -> list[LegalBasis]:
        """General legal bases first, then those of the model, in sheet order."""
        general = [b for b in self.legal_bases if b.model_code is None]
        own = [b for b in self.legal_bases if model_code and b.model_code == model_code]
        return general + own


class PlanCache:
    """Values computed from a plan, kept while that plan is in use.

    Keys hold the plan's ``id``; the plan itself is kept beside each value and compared by
    identity, so a value is never served for another plan that reuses the id. A run uses two
    plans (the trial one, then the whole one); ``limit`` bounds what is kept.
    """

    def __init__(self, limit: int) -> None:
        self._values: dict = {}
        self._limit = limit

    def get(self, plan: Plan, key: Hashable, compute: Callable[[], T]) -> T:
        kept = self._values.get((id(plan), key))
        if kept is None or kept[0] is not plan:
            if len(self._values) >= self._limit:
                self._values.clear()
            kept = self._values[(id(plan), key)] = (plan, compute())
        return kept[1]

