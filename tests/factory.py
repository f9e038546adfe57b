"""Plans built in code, without a workbook: three levels (the 2017 map) or two (since 2025).

    plan = make_plan()                      # tỉnh Hải Dương, two districts, three points
    plan = make_plan(levels=2)              # thành phố Hải Phòng, three communes
    plan = make_plan(province="Bắc Ninh")   # another province, same shape
"""

from __future__ import annotations

import datetime as dt

from mttq_docs.plan import (
    THREE_LEVELS, TWO_LEVELS, LegalBasis, Level, Model, Plan, Point, Recipient, Settings,
)


def make_model(code: str = "ANTT", regulation: str = "Quy ước") -> Model:
    return Model(
        code=code, name=f"Mô hình {code}", list_name=f"Mô hình {code} ở khu dân cư",
        short_name=f"mô hình {code}", assignment_phrase="phối hợp triển khai nhân rộng",
        lead="Ủy ban MTTQ xã", body_name=f"Tổ tự quản {code}", regulation=regulation,
        purposes=("Nâng cao ý thức tự quản.",), tasks=("Xây dựng quy ước.",),
        commitments=("Chấp hành pháp luật.",),
        committee=("Trưởng ban: Chủ tịch Ủy ban MTTQ xã", "Thành viên: Trưởng Công an xã"))


def make_settings(province: str = "Hải Dương", province_level: str = "tỉnh",
                  year: int = 2017) -> Settings:
    return Settings(
        year=year, province=province, province_level=province_level, district_level="huyện",
        parent_body="ỦY BAN MTTQ VIỆT NAM", issuing_body="BAN THƯỜNG TRỰC", place=province,
        symbol="MTTQ-BTT", plan_number="12", issue_date=dt.date(year, 3, 10),
        deadline=dt.date(year, 9, 30), signer="Nguyễn Văn A", signer_title="PHÓ CHỦ TỊCH",
        authority="TM. BAN THƯỜNG TRỰC", amount_per_conference=5_000_000)


def make_plan(*, levels: int = 3, province: str | None = None,
              points: list[tuple[str | None, str | None, str]] | None = None) -> Plan:
    """A valid plan. ``points`` are (district, commune, model code) rows; the district is
    ``None`` in a two-level plan."""
    models = {"ANTT": make_model("ANTT"), "GSDT": make_model("GSDT", "Quy chế")}
    if levels == 3:
        settings = make_settings(province or "Hải Dương")
        rows = points or [("Thanh Hà", "Thanh Bính", "ANTT"), ("Thanh Hà", "Thanh Cường", "GSDT"),
                          ("Kim Thành", None, "ANTT")]
    else:
        settings = make_settings(province or "Hải Phòng", "thành phố", year=2026)
        rows = points or [(None, "Mao Điền", "ANTT"), (None, "Kinh Môn", "GSDT"),
                          (None, "Cát Hải", "ANTT")]
    plan_points = tuple(
        Point(row=index + 1, number=index, district=district, commune=commune,
              unit_type="xã" if commune else "xã/thị trấn", model=models[code],
              conference_date=dt.date(settings.year, 6, 20 + index),
              venue=f"Nhà văn hóa {commune or 'thôn'}")
        for index, (district, commune, code) in enumerate(rows, start=1))
    recipients = (
        Recipient(Level.PROVINCE, "tat_ca", "Lưu VT"),
        Recipient(Level.COMMUNE, "ke_hoach", "Ban Thường trực Ủy ban MTTQ tỉnh"),
        Recipient(Level.COMMUNE, "khach_moi", "Đại diện Công an xã"),
    ) + ((Recipient(Level.DISTRICT, "ke_hoach", "Các xã được chọn"),) if levels == 3 else ())
    bases = (LegalBasis("Chương trình phối hợp số 05/CTrPH", None, None),)
    return Plan(settings, tuple(models.values()), plan_points, recipients, bases,
                levels=THREE_LEVELS if levels == 3 else TWO_LEVELS)
