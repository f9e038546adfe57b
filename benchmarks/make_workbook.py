"""Write a synthetic national plan workbook of N points, valid for `mttq-docs validate`.

    python benchmarks/make_workbook.py N OUT.xlsx [--levels 2]

It starts from the shipped 2017 workbook (settings, models, recipients, legal bases) and
replaces the assignments and the administrative units with N communes spread over districts
of about a dozen points each, with realistic Vietnamese names, dates and venues. With
``levels=2`` it is a plan of the two-level local government: no 'Huyện' column, N distinct
communes (a national plan: 34 provinces' worth), so one output folder per commune. Its year
stays 2017, so the names (invented) are not checked against the official list of 2025.
"""

from __future__ import annotations

import argparse
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


def build(points: int, out: Path, seed: int = 2017, levels: int = 3) -> None:
    if levels == 2:
        build_two_levels(points, out, seed)
        return
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


def build_two_levels(points: int, out: Path, seed: int) -> None:
    rng = random.Random(seed)
    book = openpyxl.load_workbook(SHIPPED)
    assignments = book["Phân công"]
    assignments.delete_rows(2, assignments.max_row)
    assignments.delete_cols(2)  # 'Huyện'
    del book["Đơn vị hành chính"]
    recipients = book["Nơi nhận"]
    for index in range(recipients.max_row, 1, -1):
        if recipients.cell(index, 1).value == "huyện":
            recipients.delete_rows(index)
    for number, commune in enumerate(names(points, rng), start=1):
        day = dt.datetime(2017, 8, rng.randint(1, 28))
        assignments.append([number, commune, None, rng.choice(MODELS), day,
                            f"Nhà văn hóa thôn {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"])
        assignments.cell(assignments.max_row, 5).number_format = "DD/MM/YYYY"
    book.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("points", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--levels", type=int, choices=(2, 3), default=3)
    args = parser.parse_args()
    build(args.points, args.out, levels=args.levels)
    print(f"wrote {args.out}: {args.points} points, {args.levels} levels")


if __name__ == "__main__":
    main()
