"""From workbook to validated :class:`~mttq_docs.plan.Plan`, with every problem reported at once.

:func:`load_plan` is the only entry point. Errors stop the run before anything is written;
warnings (a commune not chosen yet, a commune not in its district's list) are returned with
the plan so that the command line can show them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cells import YEARS, CellReader
from .kinds import NO_RECIPIENTS, RECIPIENT_DOCUMENTS
from .errors import Problem, WorkbookError
from .plan import (
    THREE_LEVELS, TWO_LEVELS, CostItem, LegalBasis, Level, Model, Plan, Point, Recipient, Settings, Unit,
)
from .vietnamese import ascii_slug, format_amount, name_key
from . import units2025
from .content_sheets import (
    ARTICLE_COLUMNS, model_of, COST_COLUMNS, DIEU_KHOAN, DU_TOAN, ISSUER_COLUMNS, QUYET_DINH, read_articles,
    read_cost_items, read_issuers,
)
from .units2025 import OfficialUnit
from .workbook import Column, Row, opened_workbook, read_table, uncomputed_formulas

logger = logging.getLogger(__name__)

# Sheet names, as the README documents them.
KE_HOACH, MO_HINH, PHAN_CONG, NOI_NHAN = "Kế hoạch", "Mô hình", "Phân công", "Nơi nhận"
CAN_CU, DON_VI = "Căn cứ", "Đơn vị hành chính"


class C:
    """The columns of every sheet, in one place."""

    item, value = Column("Mục"), Column("Giá trị")
    code, name = Column("Mã"), Column("Tên mô hình")
    list_name = Column("Tên trong danh sách", required=False)
    short_name = Column("Tên trong phân công", required=False)
    phrase = Column("Cụm từ phân công", required=False)
    lead = Column("Đơn vị chủ trì", required=False)
    body = Column("Tổ chức tự quản", required=False)
    regulation = Column("Quy ước/Quy chế", required=False)
    purposes = Column("Mục đích", required=False)
    tasks = Column("Nhiệm vụ", required=False)
    commitments = Column("Cam kết", required=False)
    committee = Column("Thành phần Ban Chỉ đạo", required=False)
    body_level = Column("Cấp tổ chức", required=False)
    number = Column("STT", required=False)
    district = Column("Huyện", required=False)
    """Absent from ``Phân công`` in a plan of the two-level local government (since 2025)."""
    commune = Column("Xã/Thị trấn")
    unit_type = Column("Loại đơn vị", required=False)
    model_code = Column("Mã mô hình")
    date = Column("Ngày hội nghị", required=False)
    venue = Column("Địa điểm", required=False)
    level, document, recipient = Column("Cấp"), Column("Văn bản"), Column("Nơi nhận")
    recipient_model = Column("Mã mô hình", required=False)
    basis, basis_date = Column("Căn cứ"), Column("Ngày ban hành", required=False)
    basis_verb = Column("Cách dẫn", required=False)
    basis_model = Column("Mã mô hình", required=False)
    unit_code = Column("Mã", required=False)


class S:
    """The settings of the ``Kế hoạch`` sheet (values of its ``Mục`` column)."""

    year, province = Column("Năm"), Column("Tỉnh")
    province_level = Column("Cấp tỉnh", required=False)
    district_level = Column("Cấp huyện", required=False)
    parent_body = Column("Cơ quan chủ quản", required=False)
    issuing_body = Column("Cơ quan ban hành", required=False)
    place = Column("Địa danh", required=False)
    symbol = Column("Ký hiệu", required=False)
    plan_number = Column("Số kế hoạch", required=False)
    issue_date = Column("Ngày ban hành", required=False)
    deadline = Column("Hạn hoàn thành")
    signer = Column("Người ký", required=False)
    signer_title = Column("Chức vụ người ký")
    authority = Column("Thẩm quyền ký")
    amount = Column("Kinh phí mỗi hội nghị", required=False)


LEVELS = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}
UNIT_TYPES = {"xa": "xã", "thi_tran": "thị trấn"}
UNIT_TYPES_2025 = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}
"""The kinds of commune-level units since 1 July 2025 (no more thị trấn)."""


@dataclass(frozen=True)
class LoadResult:
    """A valid plan and the warnings found on the way."""

    plan: Plan
    warnings: list[Problem]


def close_match(value: str, choices: list[str]) -> str | None:
    """The known value closest to ``value`` (typos, missing diacritics), or ``None``."""
    by_slug = {ascii_slug(c): c for c in choices}
    if ascii_slug(value) in by_slug:
        return by_slug[ascii_slug(value)]
    found = difflib.get_close_matches(value.upper(), [c.upper() for c in choices], n=1, cutoff=0.6)
    if found:
        return next(c for c in choices if c.upper() == found[0])
    found = difflib.get_close_matches(ascii_slug(value), list(by_slug), n=1, cutoff=0.75)
    return by_slug[found[0]] if found else None


def load_plan(path: Path) -> LoadResult:
    """Read and validate the workbook at ``path``.

    Raises :class:`~mttq_docs.errors.WorkbookFileError` when the file cannot be read and
    :class:`~mttq_docs.errors.WorkbookError` listing every error when its content is wrong.
    """
    problems: list[Problem] = []
    with opened_workbook(path) as book:
        tables = {
            name: read_table(book, name, columns, problems)
            for name, columns in [
                (KE_HOACH, [C.item, C.value]),
                (MO_HINH, [C.code, C.name, C.list_name, C.short_name, C.phrase, C.lead, C.body,
                           C.regulation, C.purposes, C.tasks, C.commitments, C.committee,
                           C.body_level]),
                (PHAN_CONG, [C.number, C.district, C.commune, C.unit_type, C.model_code, C.date,
                             C.venue]),
                (NOI_NHAN, [C.level, C.document, C.recipient, C.recipient_model]),
            ]
        }
        optional = {
            name: read_table(book, name, columns, problems) if _has_sheet(book, name) else None
            for name, columns in [
                (CAN_CU, [C.basis_model, C.basis, C.basis_date, C.basis_verb]),
                (DON_VI, [C.district, C.commune, C.unit_type, C.unit_code]),
                (QUYET_DINH, list(ISSUER_COLUMNS)),
                (DU_TOAN, list(COST_COLUMNS)),
                (DIEU_KHOAN, list(ARTICLE_COLUMNS)),
            ]
        }
        problems += uncomputed_formulas(book, [KE_HOACH, MO_HINH, PHAN_CONG, NOI_NHAN, CAN_CU,
                                               QUYET_DINH, DU_TOAN, DIEU_KHOAN])
    if any(p.level == "error" for p in problems):
        raise WorkbookError(problems, path=str(path))

    reader = CellReader()
    sheets = {name: table for name, table in (tables | optional).items() if table is not None}

    def rows(name: str) -> list[Row]:
        return sheets[name].rows if name in sheets else []

    settings = _read_settings(rows(KE_HOACH), sheets[KE_HOACH].name, reader)
    models = _read_models(rows(MO_HINH), reader)
    units = _read_units(rows(DON_VI), reader)
    assignment = rows(PHAN_CONG)
    levels = THREE_LEVELS if any(C.district.key in row.values for row in assignment) else \
        TWO_LEVELS
    if levels == THREE_LEVELS:
        points = _read_points(assignment, models, units, settings, reader)
    else:
        points = _read_communes(assignment, models, units, settings, reader)
    def find(row: Row, code: str) -> Model | None:
        return _find_model(row, code, models, reader)

    recipients = _read_recipients(rows(NOI_NHAN), reader, find)
    bases = _read_legal_bases(rows(CAN_CU), models, settings, reader)
    issuers = read_issuers(rows(QUYET_DINH), reader, find)
    cost_items = read_cost_items(rows(DU_TOAN), reader)
    articles = read_articles(rows(DIEU_KHOAN), reader, find)
    if settings is not None and cost_items and settings.amount_per_conference is not None:
        _amount_agrees(settings.amount_per_conference, cost_items, reader)
    problems += reader.problems
    if any(p.level == "error" for p in problems) or settings is None:
        raise WorkbookError(problems, path=str(path))
    if optional[DON_VI] is None and levels == THREE_LEVELS:
        problems.append(Problem("warning", DON_VI, "không có sheet này nên không kiểm tra được "
                                "tên xã, thị trấn theo huyện."))
    if levels == TWO_LEVELS:
        for recipient in [r for r in recipients if r.level is Level.DISTRICT]:
            problems.append(Problem("warning", NOI_NHAN, "kế hoạch không có cột 'Huyện' (hai cấp) "
                                    "nên không có văn bản cấp huyện; bỏ qua dòng này.",
                                    row=recipient.row, column=C.level.name,
                                    value=recipient.text))
        recipients = [r for r in recipients if r.level is not Level.DISTRICT]
    plan = Plan(settings, tuple(models.values()), tuple(points), tuple(recipients), tuple(bases),
                tuple(units), levels, tuple(issuers), tuple(cost_items), tuple(articles))
    logger.debug("plan loaded: %d models, %d points", len(plan.models), len(plan.points))
    return LoadResult(plan, [p for p in problems if p.level == "warning"])


@functools.lru_cache(maxsize=256)
def _slug(word: str) -> str:
    """:func:`ascii_slug` of a word typed in many rows (a unit's type: ``xã``, ``Thị trấn``…),
    worked out once per spelling."""
    return ascii_slug(word)


def _has_sheet(book: Any, name: str) -> bool:
    return any(ascii_slug(title) == ascii_slug(name) for title in book.sheetnames)


def _read_settings(rows: list[Row], sheet: str, reader: CellReader) -> Settings | None:
    by_key: dict[str, Row] = {}
    for row in rows:
        key = reader.text(row, C.item)
        if key:
            if ascii_slug(key) in by_key:
                reader.report("error", row, C.item, f"mục '{key}' bị nhập hai lần.",
                              hint=f"giữ một dòng, xóa dòng {by_key[ascii_slug(key)].number}")
            by_key[ascii_slug(key)] = row

    def row_of(setting: Column) -> Row | None:
        row = by_key.get(setting.key)
        if row is None and setting.required:
            reader.problems.append(Problem("error", sheet, f"thiếu mục '{setting.name}'.",
                                           column=C.item.name,
                                           hint=f"thêm một dòng '{setting.name}' và giá trị"))
        return row

    def text(setting: Column, default: str | None = None) -> str | None:
        row = row_of(setting)
        value = reader.text(row, C.value, required=setting.required) if row else None
        return value if value is not None else default

    def date(setting: Column) -> dt.date | None:
        row = row_of(setting)
        return reader.date(row, C.value, required=setting.required) if row else None

    year_row = row_of(S.year)
    year = reader.integer(year_row, C.value, reader.value(year_row, C.value), minimum=YEARS[0],
                          maximum=YEARS[1]) if year_row else None
    amount_row = row_of(S.amount)
    amount = (reader.integer(amount_row, C.value, reader.value(amount_row, C.value),
                             maximum=10**12)
              if amount_row else None)
    province = text(S.province)
    plan_number, issue_date, deadline = text(S.plan_number), date(S.issue_date), date(S.deadline)
    signer, signer_title, authority = text(S.signer), text(S.signer_title), text(S.authority)
    for setting, present in [(S.issue_date, issue_date), (S.signer, signer),
                             (S.plan_number, plan_number)]:
        if present is None:
            reader.problems.append(Problem("warning", sheet, f"chưa có '{setting.name}'; văn "
                                           "bản để trống chỗ này để điền tay.",
                                           column=C.value.name))
    if year is None or province is None or deadline is None or signer_title is None or \
            authority is None:
        return None
    return Settings(
        year=year, province=province, amount_per_conference=amount,
        province_level=text(S.province_level, "tỉnh") or "tỉnh",
        district_level=text(S.district_level, "huyện") or "huyện",
        parent_body=text(S.parent_body, "ỦY BAN MTTQ VIỆT NAM") or "ỦY BAN MTTQ VIỆT NAM",
        issuing_body=text(S.issuing_body, "BAN THƯỜNG TRỰC") or "BAN THƯỜNG TRỰC",
        place=text(S.place, province) or province, symbol=text(S.symbol, "MTTQ-BTT") or "MTTQ-BTT",
        plan_number=plan_number, issue_date=issue_date, deadline=deadline, signer=signer,
        signer_title=signer_title, authority=authority)


def _read_models(rows: list[Row], reader: CellReader) -> dict[str, Model]:
    models: dict[str, Model] = {}
    for row in rows:
        code = reader.name(row, C.code, required=True)
        # An empty name is reported, but the code stays known: otherwise every row using it
        # would be reported too, as an unknown code, hiding the one real mistake.
        name = reader.text(row, C.name, required=True) or ""
        if code is None:
            continue
        code = code.upper()
        if code in models:
            reader.report("error", row, C.code, f"mã '{code}' trùng với dòng {models[code].row}.",
                          value=code)
            continue
        regulation = reader.text(row, C.regulation) or "Quy ước"
        models[code] = Model(
            code=code, name=name, row=row.number,
            list_name=reader.text(row, C.list_name) or f"Mô hình {name}.",
            short_name=reader.text(row, C.short_name) or name,
            assignment_phrase=reader.text(row, C.phrase) or "phối hợp triển khai nhân rộng",
            lead=reader.text(row, C.lead) or "",
            body_name=reader.text(row, C.body) or "",
            regulation=regulation,
            purposes=reader.lines(row, C.purposes),
            tasks=reader.lines(row, C.tasks),
            commitments=reader.lines(row, C.commitments),
            committee=reader.lines(row, C.committee),
            body_level=_body_level(row, reader),
        )
    return models


def _body_level(row: Row, reader: CellReader) -> str:
    level = reader.text(row, C.body_level)
    if level is None:
        return "thôn"
    if ascii_slug(level) not in ("thon", "xa"):
        reader.report("error", row, C.body_level, f"'{level}' không phải 'thôn' hay 'xã'.",
                      value=level, hint="'xã' cho tổ chức của cả xã (Ban thanh tra nhân dân), "
                      "'thôn' cho tổ chức ở khu dân cư")
        return "thôn"
    return "xã" if ascii_slug(level) == "xa" else "thôn"


def _amount_agrees(amount: int, items: list[CostItem], reader: CellReader) -> None:
    """The lump sum of ``Kế hoạch`` and the sum of the cost items are one figure written
    twice: when both are given they must agree, or the budget would print two totals."""
    amounts = [item.amount for item in items]
    if all(a is not None for a in amounts) and sum(a or 0 for a in amounts) != amount:
        total = sum(a or 0 for a in amounts)
        reader.problems.append(Problem(
            "error", DU_TOAN, f"các khoản chi cộng lại {format_amount(total)} đồng cho một hội "
            f"nghị, khác 'Kinh phí mỗi hội nghị' ({format_amount(amount)} đồng) ở sheet "
            f"{KE_HOACH}.", hint=f"sửa một trong hai, hoặc để trống 'Kinh phí mỗi hội nghị'"))


def _read_units(rows: list[Row], reader: CellReader) -> list[Unit]:
    units = []
    for row in rows:
        district = reader.name(row, C.district)
        name = reader.name(row, C.commune)
        if district and name:
            unit_type = UNIT_TYPES.get(_slug(reader.text(row, C.unit_type) or "xã"), "xã")
            units.append(Unit(district, name, unit_type, reader.text(row, C.unit_code) or ""))
    return units


def _read_points(rows: list[Row], models: dict[str, Model], units: list[Unit],
                 settings: Settings | None, reader: CellReader) -> list[Point]:
    districts = list(dict.fromkeys(u.district for u in units))
    # Names are compared by name_key: old and new tone-mark placement (Hoè/Hòe), case and
    # spacing are the same name.
    known_districts = {name_key(d) for d in districts}
    units_of: dict[str, list[Unit]] = {}
    for unit in units:
        units_of.setdefault(name_key(unit.district), []).append(unit)
    seen: dict[tuple[str, str], int] = {}
    spelling = _Spelling({name_key(d): (d, 0) for d in districts})
    points = []
    for index, row in enumerate(rows, start=1):
        number = reader.integer(row, C.number, reader.value(row, C.number), minimum=1) or index
        district = spelling.of(reader.name(row, C.district, required=True), row, reader)
        commune = reader.name(row, C.commune)
        code = reader.name(row, C.model_code, required=True)
        model = _find_model(row, code, models, reader) if code else None
        if district and districts and name_key(district) not in known_districts:
            guess = close_match(district, districts)
            reader.report("error", row, C.district, f"'{district}' không có trong sheet {DON_VI}.",
                          value=district, hint=f"có phải '{guess}'?" if guess else None)
        unit_type = _unit_type(row, district, commune, units_of.get(name_key(district or ""), []),
                               reader)
        conference = reader.date(row, C.date)
        venue = reader.text(row, C.venue)
        if district:
            key = (name_key(district), name_key(commune or ""))
            if key in seen:
                what = f"xã '{commune}'" if commune else "một dòng chưa chọn xã"
                reader.report("error", row, C.commune, f"huyện '{district}' đã có {what} ở dòng "
                              f"{seen[key]}.", hint="xóa dòng trùng hoặc chọn xã khác")
            seen[key] = row.number
        if district and commune is None:
            reader.report("warning", row, C.commune, f"huyện '{district}' chưa chọn xã/thị trấn; "
                          "văn bản để trống tên xã để điền tay.")
        if conference and settings and settings.deadline and conference > settings.deadline:
            reader.report("warning", row, C.date, "ngày hội nghị sau hạn hoàn thành của kế hoạch.",
                          value=conference)
        if district and model:
            points.append(Point(row.number, number, district, commune, unit_type, model,
                                conference, venue))
    return points


class _Spelling:
    """One spelling per district: the units sheet's, else the first row's.

    Names that differ only in case, spacing or tone-mark placement are one district
    (:func:`~mttq_docs.vietnamese.name_key`); printed two ways, they made two districts (two
    folders, two plans, two budget lines) and the province plan read "Tứ Kỳ, tứ kỳ".
    """

    def __init__(self, known: dict[str, tuple[str, int]]) -> None:
        self._first = known
        """name_key → (spelling, row that set it; 0 for the units sheet)."""

    def of(self, name: str | None, row: Row, reader: CellReader) -> str | None:
        if name is None:
            return None
        first, first_row = self._first.setdefault(name_key(name), (name, row.number))
        if first != name:
            where = f"dòng {first_row}" if first_row else f"sheet {DON_VI}"
            reader.report("warning", row, C.district, f"'{name}' viết khác với '{first}' ở "
                          f"{where}; coi là một huyện, dùng cách viết '{first}'.", value=name)
        return first


def _find_model(row: Row, code: str, models: dict[str, Model], reader: CellReader) -> Model | None:
    model = models.get(code.strip().upper())
    if model is None:
        guess = close_match(code, list(models))
        reader.report("error", row, C.model_code, f"'{code}' không có trong sheet {MO_HINH}.",
                      value=code, hint=f"có phải '{guess}'?" if guess else
                      f"các mã có: {', '.join(models)}")
    return model


def _unit_type(row: Row, district: str | None, commune: str | None, in_district: list[Unit],
               reader: CellReader) -> str:
    typed = reader.text(row, C.unit_type)
    unit_type = UNIT_TYPES.get(_slug(typed)) if typed else None
    if typed and unit_type is None:
        reader.report("error", row, C.unit_type, f"'{typed}' không phải 'xã' hay 'thị trấn'.",
                      value=typed)
    if not commune or not district:
        return unit_type or "xã/thị trấn"
    key = name_key(commune)
    match = next((u for u in in_district if name_key(u.name) == key
                  and (unit_type is None or u.unit_type == unit_type)), None)
    if in_district and match is None:
        guess = close_match(commune, [u.name for u in in_district])
        reader.report("warning", row, C.commune, f"'{commune}' không có trong danh sách xã, thị "
                      f"trấn của huyện {district}.", value=commune,
                      hint=f"có phải '{guess}'?" if guess and guess != commune else None)
    return unit_type or (match.unit_type if match else "xã")


def _read_recipients(rows: list[Row], reader: CellReader,
                     find: Callable[[Row, str], Model | None]) -> list[Recipient]:
    recipients = []
    for row in rows:
        known, model_code = model_of(row, reader, find, general=True, column=C.recipient_model)
        if not known:
            continue
        level_text = reader.text(row, C.level, required=True)
        doc_text = reader.text(row, C.document, required=True)
        text = reader.text(row, C.recipient, required=True)
        level = LEVELS.get(ascii_slug(level_text or ""))
        if level_text and level is None:
            reader.report("error", row, C.level, f"'{level_text}' không phải 'tỉnh', 'huyện' "
                          "hay 'xã'.", value=level_text)
        document = ascii_slug(doc_text or "")
        if document in NO_RECIPIENTS:
            reader.report("warning", row, C.document, f"{NO_RECIPIENTS[document]}; bỏ qua dòng "
                          "này.", value=doc_text)
            continue
        if doc_text and document not in RECIPIENT_DOCUMENTS:
            guess = close_match(document, list(RECIPIENT_DOCUMENTS))
            reader.report("error", row, C.document, f"'{doc_text}' không phải loại văn bản đã "
                          "biết.", value=doc_text, hint=f"có phải '{guess}'?" if guess else
                          "dùng: Kế hoạch, Báo cáo, Giấy mời, Khách mời, Quyết định, "
                          "Chương trình, Tất cả")
        if level and document in RECIPIENT_DOCUMENTS and text:
            recipients.append(Recipient(level, document, text.rstrip(";. "), row.number,
                                        model_code))
    return recipients


def _read_legal_bases(rows: list[Row], models: dict[str, Model], settings: Settings | None,
                      reader: CellReader) -> list[LegalBasis]:
    bases = []
    for row in rows:
        known, model_code = model_of(row, reader,
                                     lambda row, code: _find_model(row, code, models, reader),
                                     general=True, column=C.basis_model)
        text = reader.text(row, C.basis, required=True)
        # A legal basis may be older than any plan (the Front's first laws).
        date = reader.date(row, C.basis_date, years=(1945, YEARS[1]))
        if not known:
            continue
        limit = settings.issue_date if settings and settings.issue_date else None
        if date and settings and (date.year > settings.year or (limit and date > limit)):
            reader.report("error", row, C.basis_date, f"văn bản ban hành sau ngày của kế hoạch "
                          f"({date:%d/%m/%Y}) không thể làm căn cứ.", value=date)
        if text:
            bases.append(LegalBasis(text.rstrip(";. "), model_code, date, row.number,
                                    _citing_verb(row, reader)))
    return bases


CITING_VERBS = {"can_cu": "Căn cứ", "thuc_hien": "Thực hiện"}


def _citing_verb(row: Row, reader: CellReader) -> str:
    """``Căn cứ`` for a law; ``Thực hiện`` for what is carried out, not a legal basis (a
    directive of the Party)."""
    verb = reader.text(row, C.basis_verb)
    if verb is None:
        return "Căn cứ"
    if ascii_slug(verb) not in CITING_VERBS:
        reader.report("error", row, C.basis_verb, f"'{verb}' không phải 'Căn cứ' hay 'Thực "
                      "hiện'.", value=verb)
        return "Căn cứ"
    return CITING_VERBS[ascii_slug(verb)]


def _read_communes(rows: list[Row], models: dict[str, Model], old_units: list[Unit],
                   settings: Settings | None, reader: CellReader) -> list[Point]:
    """``Phân công`` of a plan without districts: each row a commune, ward or special zone of
    the province, checked against the official list of 2025 when the plan is dated after
    1 July 2025 (:mod:`mttq_docs.units2025`)."""
    official = _official_units(settings)
    seen: dict[str, int] = {}
    points = []
    for index, row in enumerate(rows, start=1):
        number = reader.integer(row, C.number, reader.value(row, C.number), minimum=1) or index
        commune = reader.name(row, C.commune)
        code = reader.name(row, C.model_code, required=True)
        model = _find_model(row, code, models, reader) if code else None
        unit_type = _official_kind(row, commune, official, old_units, settings, reader)
        conference = reader.date(row, C.date)
        key = name_key(commune or f"#{row.number}")
        if key in seen:
            reader.report("error", row, C.commune, f"'{commune}' đã có ở dòng {seen[key]}.",
                          hint="xóa dòng trùng hoặc chọn đơn vị khác")
        seen[key] = row.number
        if commune is None:
            reader.report("warning", row, C.commune, "chưa chọn xã/phường/đặc khu; văn bản để "
                          "trống tên để điền tay.")
        if conference and settings and settings.deadline and conference > settings.deadline:
            reader.report("warning", row, C.date, "ngày hội nghị sau hạn hoàn thành của kế hoạch.",
                          value=conference)
        if model:
            points.append(Point(row.number, number, None, commune, unit_type, model, conference,
                                reader.text(row, C.venue)))
    return points


def _official_units(settings: Settings | None) -> tuple[OfficialUnit, ...] | None:
    """The province's units of 2025 when the plan is dated after the reform, else ``None``."""
    if settings is None:
        return None
    dated = settings.issue_date or dt.date(settings.year, 12, 31)
    if dated < units2025.TWO_LEVELS_SINCE:
        return None
    return units2025.communes_of(settings.province)


def _official_kind(row: Row, commune: str | None, official: tuple[OfficialUnit, ...] | None,
                   old_units: list[Unit], settings: Settings | None, reader: CellReader) -> str:
    typed = reader.text(row, C.unit_type)
    kind = UNIT_TYPES_2025.get(_slug(typed)) if typed else None
    if typed and kind is None:
        reader.report("error", row, C.unit_type, f"'{typed}' không phải 'xã', 'phường' hay 'đặc "
                      "khu'.", value=typed)
    if commune is None or official is None:
        return kind or "xã"
    match = units2025.find(official, commune, kind)
    if match is not None:
        return match.kind
    province = f"{settings.province_level} {settings.province}" if settings else ""
    reader.report("error", row, C.commune, _not_official(commune, official, old_units, province),
                  value=commune)
    return kind or "xã"


def _not_official(commune: str, official: tuple[OfficialUnit, ...], old_units: list[Unit],
                  province: str) -> str:
    """Why a name is not a unit of 2025, and what it probably should be."""
    old = next((u for u in old_units if name_key(u.name) == name_key(commune)), None)
    became = units2025.successor(commune, old.district) if old else None
    if old is not None and became is not None:
        old_province, new_unit, new_province = became
        return (f"{commune} (huyện {old.district}, {_lower_first(old_province)}) đã nhập vào "
                f"{_lower_first(new_unit)}, {_lower_first(new_province)} từ 01/7/2025; hãy ghi "
                "tên đơn vị mới.")
    guess = units2025.closest(official, commune)
    text = f"'{commune}' không có trong danh sách xã, phường, đặc khu của {province} từ 01/7/2025"
    return f"{text} — có phải '{guess.name}'?" if guess else f"{text}."


def _lower_first(name: str) -> str:
    """``Tỉnh Hải Dương`` → ``tỉnh Hải Dương``: a kind word inside a sentence."""
    return name[:1].lower() + name[1:]
