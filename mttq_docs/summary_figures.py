"""The figures of the communes' reports, side by side and added up, for the province's
summary report (``collect``).

Each commune types its figures into the report's table (households, households that signed,
meetings); the province needs them for every point and in total. A figure that is not one
whole number (``300 - 320``, ``chưa có``) is shown as typed and left out of the totals, which
say how many points they cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from .vietnamese import format_amount, format_percent, parse_count

HOUSEHOLDS, SIGNED, MEETINGS = "bao_cao.so_ho", "bao_cao.so_ho_cam_ket", "bao_cao.so_buoi"
RATE = "bao_cao.ty_le_cam_ket"


class Returned(Protocol):
    """What a point sent back (:class:`~mttq_docs.collect.PointProgress`)."""

    def value(self, tag: str) -> str: ...


def figures(points: Iterable[tuple[str, Returned]]) -> dict[str, Any]:
    """``so_lieu``: one row per point (``noi``: how the summary names it) with its typed
    figures; ``tong``: the sums over the points whose figures are whole numbers."""
    rows, households, signed, meetings, counted = [], 0, 0, 0, 0
    for where, point in points:
        typed = {tag: point.value(tag) for tag in (HOUSEHOLDS, SIGNED, MEETINGS, RATE)}
        numbers = {tag: parse_count(text) for tag, text in typed.items()}
        rate = typed[RATE]
        if not rate and numbers[HOUSEHOLDS] and numbers[SIGNED] is not None:
            rate = format_percent(numbers[SIGNED] or 0, numbers[HOUSEHOLDS] or 0)
        rows.append({"noi": where, "so_ho": typed[HOUSEHOLDS], "so_ho_cam_ket": typed[SIGNED],
                     "ty_le": rate, "so_buoi": typed[MEETINGS]})
        if numbers[HOUSEHOLDS] is not None and numbers[SIGNED] is not None:
            households += numbers[HOUSEHOLDS] or 0
            signed += numbers[SIGNED] or 0
            meetings += numbers[MEETINGS] or 0
            counted += 1
    return {"so_lieu": rows, "tong": {
        "so_diem": counted,
        "so_ho": format_amount(households) if counted else "",
        "so_ho_cam_ket": format_amount(signed) if counted else "",
        "ty_le": format_percent(signed, households) if counted else "",
        "so_buoi": format_amount(meetings) if counted else "",
    }}
