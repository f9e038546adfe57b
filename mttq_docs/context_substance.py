"""Context values whose substance the workbook's optional sheets give: who issues a point's
decision, what a conference costs, what a model's regulation says, whom it invites.

Part of :mod:`mttq_docs.context` (which merges these into the layers it digests); kept apart
because each of these follows a sheet of its own (:mod:`mttq_docs.content_sheets`).
"""

from __future__ import annotations

from typing import Any

from .plan import CostItem, Issuer, Level, Model, Plan
from .vietnamese import amount_in_words, document_number, format_amount

Context = dict[str, Any]

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def issuer_values(plan: Plan, model: Model, blank: str, blank_short: str) -> Context:
    """``qd``: the body that issues the model's decision, and how it signs.

    Without a ``Quyết định`` sheet, the plan's own issuing body (``Kế hoạch`` sheet) issues it,
    as it issues every other document of the commune Front."""
    s = plan.settings
    issuer = plan.issuer_for(model.code) or Issuer(
        None, "Ban Thường trực Ủy ban MTTQ", s.parent_body, s.issuing_body, s.symbol, (), None,
        None, "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH")
    return {
        "ten": issuer.name,
        "chu_quan": issuer.parent_body or "",
        "ban_hanh": issuer.header_body,
        "so_ky_hieu": document_number(None, f"QĐ-{issuer.symbol}", blank=blank_short),
        "tham_quyen": list(issuer.power),
        "nhat_tri": issuer.agreement or "",
        "de_nghi": issuer.proposal or "",
        "ky": {"tham_quyen": issuer.authority, "chuc_vu": issuer.signer_title,
               "nguoi_ky": blank},
        "noi_nhan": list(issuer.recipients)
        or plan.recipients_for(Level.COMMUNE, "quyet_dinh", model.code),
    }


def legal_basis_values(plan: Plan, model: Model, power: list[str]) -> Context:
    """``can_cu`` (laws, cited "Căn cứ") and ``thuc_hien`` (what is carried out, such as a
    Party directive); ``can_cu_qd`` for the decision: the issuer's power first, each once."""
    bases = plan.legal_bases_for(model.code)
    laws = [b.text for b in bases if b.verb == "Căn cứ"]
    return {
        "can_cu": laws,
        "thuc_hien": [b.text for b in bases if b.verb != "Căn cứ"],
        "can_cu_qd": list(dict.fromkeys([*power, *laws])),
    }


def guest_values(plan: Plan, model: Model) -> Context:
    """The invitation's guests: every model's, then this model's own."""
    return {"khach_moi": plan.recipients_for(Level.COMMUNE, "khach_moi", model.code)}


def regulation_values(plan: Plan, model: Model) -> Context:
    """``quy.chuong``: the model's articles by chapter, chapters and articles numbered in
    reading order (``Chương I``, ``Điều 1``…), as the ``Điều khoản`` sheet lists them."""
    chapters: list[Context] = []
    for number, article in enumerate(plan.articles_for(model.code), start=1):
        if not chapters or chapters[-1]["ten"] != article.chapter:
            chapters.append({"so": _roman(len(chapters) + 1), "ten": article.chapter,
                             "dieu": []})
        chapters[-1]["dieu"].append({"so": number, "ten": article.title,
                                     "doan": list(article.text)})
    return {"quy": {"chuong": chapters, "cap_xa": model.body_level == "xã"}}


def _roman(number: int) -> str:
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


def per_conference(plan: Plan) -> int | None:
    """What one conference costs: the sum of the cost items when every one has its amount,
    else the lump sum of ``Kế hoạch`` (validation checks the two agree), else ``None``."""
    amounts = [item.amount for item in plan.cost_items]
    if amounts and all(a is not None for a in amounts):
        return sum(a for a in amounts if a is not None)
    return plan.settings.amount_per_conference if not plan.cost_items else None


def budget_values(plan: Plan, blank: str, blank_short: str, blank_line: str) -> Context:
    """``du_toan``: cost items of one conference, one line per conference, the total in
    figures and words; blanks where an amount is not known."""
    each = per_conference(plan)
    conferences = len(plan.points)
    total = each * conferences if each is not None else None
    return {
        "khoan": [_cost_line(index, item, blank_short) for index, item in
                  enumerate(plan.cost_items, start=1)],
        "co_khoan": bool(plan.cost_items),
        "moi_hoi_nghi": format_amount(each) if each is not None else blank,
        "so_hoi_nghi": conferences,
        "dong": [
            {"stt": index, "huyen": point.district or point.unit_type,
             "xa": point.commune or blank, "mo_hinh": point.model.name,
             "so_tien": format_amount(each) if each is not None else blank_short}
            for index, point in enumerate(plan.points, start=1)
        ],
        "tong": format_amount(total) if total is not None else blank,
        "tong_chu": amount_in_words(total) if total is not None else blank_line,
    }


def _cost_line(index: int, item: CostItem, blank: str) -> Context:
    amount = item.amount
    return {
        "stt": index, "noi_dung": item.text, "dvt": item.unit,
        "so_luong": format_amount(item.quantity) if item.quantity is not None else blank,
        "muc_chi": format_amount(item.rate) if item.rate is not None else blank,
        "thanh_tien": format_amount(amount) if amount is not None else blank,
        "can_cu": item.basis or blank,
    }
