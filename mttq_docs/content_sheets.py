"""The optional sheets that carry the substance of some documents, read into the plan.

Which body issues the steering committee's decision (``Quyết định``), what a conference
costs (``Dự toán``) and what a model's regulation says (``Điều khoản``) differ by locality
and by model: the workbook says, not the code. Each sheet may be absent (the documents then
fall back to the plan's issuing body, one lump sum per conference and the model's lists);
when present, its rows are checked like any other sheet's, every problem reported at once.
"""

from __future__ import annotations

from collections.abc import Callable

from .cells import CellReader
from .plan import Article, CostItem, Issuer, Model
from .vietnamese import ascii_slug
from .workbook import Column, Row

QUYET_DINH, DU_TOAN, DIEU_KHOAN = "Quyết định", "Dự toán", "Điều khoản"

GENERAL = ("chung", "tat_ca")
"""What the ``Mã mô hình`` column holds for a row that applies to every model."""


class D:
    """The columns of the three sheets."""

    model = Column("Mã mô hình")
    issuer = Column("Cơ quan ban hành")
    name = Column("Tên cơ quan trong văn bản")
    parent = Column("Cơ quan chủ quản", required=False)
    symbol = Column("Ký hiệu")
    power = Column("Căn cứ thẩm quyền", required=False)
    agreement = Column("Được sự nhất trí của", required=False)
    proposal = Column("Xét đề nghị của", required=False)
    authority = Column("Thẩm quyền ký", required=False)
    signer_title = Column("Chức vụ người ký")
    recipients = Column("Nơi nhận", required=False)
    item, unit = Column("Nội dung chi"), Column("Đơn vị tính")
    quantity, rate = Column("Số lượng", required=False), Column("Mức chi", required=False)
    basis = Column("Căn cứ mức chi", required=False)
    chapter, title, text = Column("Chương"), Column("Điều"), Column("Nội dung")


ISSUER_COLUMNS = (D.model, D.issuer, D.name, D.parent, D.symbol, D.power, D.agreement,
                  D.proposal, D.authority, D.signer_title, D.recipients)
COST_COLUMNS = (D.item, D.unit, D.quantity, D.rate, D.basis)
ARTICLE_COLUMNS = (D.model, D.chapter, D.title, D.text)

FindModel = Callable[[Row, str], Model | None]
"""Looks a code up among the models, reporting an unknown one (with a suggestion)."""


def model_of(row: Row, reader: CellReader, find: FindModel, *, general: bool,
             column: Column = D.model) -> tuple[bool, str | None]:
    """The model a row is for, in ``column`` (``Mã mô hình`` of every sheet that has one):
    ``(True, None)`` for a general row (``Chung``, or empty in an optional column) when
    allowed, ``(True, code)`` for a known model, ``(False, None)`` when the cell is wrong
    (reported, with the closest code)."""
    code = reader.text(row, column, required=column.required)
    if code is None:
        return not column.required, None
    if general and ascii_slug(code) in GENERAL:
        return True, None
    model = find(row, code)
    return (True, model.code) if model else (False, None)


def read_issuers(rows: list[Row], reader: CellReader, find: FindModel) -> list[Issuer]:
    issuers: list[Issuer] = []
    seen: dict[str | None, int] = {}
    for row in rows:
        ok, code = model_of(row, reader, find, general=True)
        name = reader.text(row, D.name, required=True)
        header = reader.text(row, D.issuer, required=True)
        symbol = reader.text(row, D.symbol, required=True)
        title = reader.text(row, D.signer_title, required=True)
        if ok and code in seen:
            reader.report("error", row, D.model, f"đã có dòng {seen[code]} cho "
                          f"{'mọi mô hình' if code is None else code}.",
                          hint="giữ một dòng cho mỗi mô hình")
            continue
        if not ok or name is None or header is None or symbol is None or title is None:
            continue
        seen[code] = row.number
        issuers.append(Issuer(
            model_code=code, name=name, parent_body=reader.text(row, D.parent),
            header_body=header, symbol=symbol.removeprefix("QĐ-"),
            power=reader.lines(row, D.power), agreement=reader.text(row, D.agreement),
            proposal=reader.text(row, D.proposal), authority=reader.text(row, D.authority) or "",
            signer_title=title, row=row.number,
            recipients=tuple(line.rstrip(";. ") for line in reader.lines(row, D.recipients))))
    return issuers


def read_cost_items(rows: list[Row], reader: CellReader) -> list[CostItem]:
    items = []
    for row in rows:
        text = reader.text(row, D.item, required=True)
        unit = reader.text(row, D.unit, required=True)
        quantity = reader.integer(row, D.quantity, reader.value(row, D.quantity), minimum=1,
                                  maximum=100_000)
        rate = reader.integer(row, D.rate, reader.value(row, D.rate), maximum=10**10)
        if text and unit:
            items.append(CostItem(text, unit, quantity, rate, reader.text(row, D.basis),
                                  row.number))
    return items


def read_articles(rows: list[Row], reader: CellReader, find: FindModel) -> list[Article]:
    articles = []
    for row in rows:
        ok, code = model_of(row, reader, find, general=False)
        chapter = reader.text(row, D.chapter, required=True)
        title = reader.text(row, D.title, required=True)
        text = reader.text(row, D.text, required=True)
        if ok and code and chapter and title and text:
            paragraphs = tuple(line.strip() for line in text.split("\n") if line.strip())
            articles.append(Article(code, chapter, title.rstrip("."), paragraphs, row.number))
    return articles
