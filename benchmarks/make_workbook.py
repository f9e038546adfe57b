"""Write a synthetic national plan workbook of N points, valid for `mttq-docs validate`.

    python benchmarks/make_workbook.py N OUT.xlsx

It starts from the shipped 2017 workbook (settings, models, recipients, legal bases) and
replaces the assignments and the administrative units with N communes spread over districts
of about a dozen points each, with realistic Vietnamese names, dates and venues.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
import sys
from pathlib import Path

import openpyxl

from mttq_docs.vietnamese import ascii_slug

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "inputs" / "ke_hoach_2017.xlsx"
SYLLABLES = ["An", "Bình", "Cẩm", "Đông", "Gia", "Hòa", "Hưng", "Kim", "Lạc", "Minh", "Nam",
             "Ngọc", "Phú", "Quang", "Tân", "Thanh", "Thái", "Thượng", "Trung", "Vĩnh", "Xuân",
             "Yên", "Hồng", "Đức", "Long", "Phúc", "Sơn", "Hà", "Lâm", "Thành", "Nghĩa", "Tiến"]
MODELS = ["BVMT", "ANTT", "NTM", "GSDT", "VIECTANG"]
POINTS_PER_DISTRICT = 12


@functools.cache
def _distinct_pairs() -> tuple[str, ...]:
    # Names that differ only by diacritics ("Thanh"/"Thành") count as one, as in validation.
    unique = {ascii_slug(f"{a} {b}"): f"{a} {b}" for a, b in itertools.permutations(SYLLABLES, 2)}
    return tuple(sorted(unique.values()))


def names(count: int, rng: random.Random) -> list[str]:
    pairs = list(_distinct_pairs())  # made once: a national plan asks for a thousand lists
    rng.shuffle(pairs)
    if count > len(pairs):  # more than the pairs allow: number the rest
        pairs += [f"{p} {i}" for i, p in enumerate(pairs * (count // len(pairs)), start=2)]
    return pairs[:count]


def build(points: int, out: Path, seed: int = 2017) -> None:
    rng = random.Random(seed)
    book = openpyxl.load_workbook(SHIPPED)
    assignments, units = book["Phân công"], book["Đơn vị hành chính"]
    assignments.delete_rows(2, assignments.max_row)
    units.delete_rows(2, units.max_row)
    districts = names(max(1, -(-points // POINTS_PER_DISTRICT)), rng)
    number = 0
    for district in districts:
        communes = names(POINTS_PER_DISTRICT + 3, random.Random(f"{seed}{district}"))
        for index, commune in enumerate(communes):
            units.append([district, commune, "thị trấn" if index == 0 else "xã",
                          str(10000 + number * 3 + index)])
        for commune in communes[:POINTS_PER_DISTRICT]:
            if number == points:
                break
            number += 1
            day = dt.datetime(2017, 8, rng.randint(1, 28))
            assignments.append([number, district, commune, None, rng.choice(MODELS), day,
                                f"Nhà văn hóa thôn {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"])
            assignments.cell(assignments.max_row, 6).number_format = "DD/MM/YYYY"
    book.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: python benchmarks/make_workbook.py N OUT.xlsx")
    build(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}: {sys.argv[1]} points")
