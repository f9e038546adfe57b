"""Write ``inputs/ke_hoach_2026_vi_du.xlsx``: an EXAMPLE of a two-level plan (development tool).

It is the shipped 2017 workbook moved to the map of 1 July 2025, as a Front office would move
its own plan: no 'Huyện' column, the province is Thành phố Hải Phòng (which Hải Dương joined),
the five models of 2017 at ten communes, wards and special zones of today's city (names from
the official list, ``vietnam-provinces``), no 'Nơi nhận' rows of the district level, and no
district in any recipient's wording. It is not a real plan: ``init --vi-du 2026`` says so.

    python tools/make_sample_2026.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
SOURCE, TARGET = ROOT / "inputs" / "ke_hoach_2017.xlsx", ROOT / "inputs" / "ke_hoach_2026_vi_du.xlsx"

SETTINGS = {"Năm": 2026, "Cấp tỉnh": "thành phố", "Tỉnh": "Hải Phòng", "Địa danh": "Hải Phòng",
            "Hạn hoàn thành": dt.datetime(2026, 8, 31)}
# (commune, kind, model): the models of 2017, at units of the 2025 map.
POINTS = [("Mao Điền", "xã", "GSDT"), ("Kinh Môn", "phường", "ANTT"), ("Bình Giang", "xã", "ANTT"),
          ("Kim Thành", "xã", "BVMT"), ("Thanh Miện", "xã", "BVMT"),
          ("Ninh Giang", "xã", "VIECTANG"), ("Thanh Hà", "xã", "VIECTANG"),
          ("Tứ Kỳ", "xã", "VIECTANG"), ("Nam Sách", "xã", "NTM"), ("Cát Hải", "đặc khu", "NTM")]
RECIPIENTS = {
    "Ban Thường trực Ủy ban MTTQ 10 huyện theo kế hoạch":
        "Ban Thường trực Ủy ban MTTQ 10 xã, phường, đặc khu theo kế hoạch",
    "Ban Thường trực Ủy ban MTTQ huyện (để b/c)": "Ban Thường trực Ủy ban MTTQ thành phố (để b/c)",
    "Ban Thường trực Ủy ban MTTQ huyện": "Ban Thường trực Ủy ban MTTQ thành phố",
    "Ban Thường trực Ủy ban MTTQ các huyện": "Ban Thường trực Ủy ban MTTQ các xã, phường, đặc khu",
    "Đại diện lãnh đạo Ban Thường trực Ủy ban MTTQ huyện":
        "Đại diện lãnh đạo Ban Thường trực Ủy ban MTTQ thành phố",
}


def main() -> None:
    book = openpyxl.load_workbook(SOURCE)
    plan = book["Kế hoạch"]
    for row in plan.iter_rows(min_row=2):
        if row[0].value in SETTINGS:
            row[1].value = SETTINGS[row[0].value]
        if row[0].value == "Cấp huyện":
            row[1].value = None
    assignment = book["Phân công"]
    assignment.delete_rows(2, assignment.max_row)
    assignment.delete_cols(2)  # 'Huyện'
    for number, (commune, kind, model) in enumerate(POINTS, start=1):
        assignment.append([number, commune, kind, model, None, None])
    recipients = book["Nơi nhận"]
    for index in range(recipients.max_row, 1, -1):
        level, _, text = (cell.value for cell in recipients[index][:3])
        if level == "huyện":
            recipients.delete_rows(index)
        elif text in RECIPIENTS:
            recipients.cell(index, 3).value = RECIPIENTS[text]
        elif text and "huyện" in str(text).lower():
            sys.exit(f"a recipient still names a district: {text}")
    for index in range(recipients.max_row, 1, -1):
        level, document, text = (cell.value for cell in recipients[index][:3])
        # The report is addressed to the province itself ("Như trên"): no second copy.
        if (level, document) == ("xã", "Báo cáo") and str(text).startswith(
                "Ban Thường trực Ủy ban MTTQ tỉnh"):
            recipients.delete_rows(index)
    issuers = book["Quyết định"]
    for row in issuers.iter_rows(min_row=2):
        if row[5].value and "77/2015/QH13" in row[5].value:
            # The law of local government in force since 1 July 2025.
            row[5].value = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
        if row[10].value:  # a commune reports to the city now
            row[10].value = row[10].value.replace("huyện", "thành phố")
    for row in recipients.iter_rows(min_row=2):
        # The province is a city: its Front committee is the city's.
        text = row[2].value or ""
        row[2].value = text.replace("MTTQ tỉnh", "MTTQ thành phố").replace("Tỉnh ủy", "Thành ủy")
    del book["Đơn vị hành chính"]  # the official list of 2025 comes from vietnam-provinces
    book.save(TARGET)
    print(f"written {TARGET}")


if __name__ == "__main__":
    main()
