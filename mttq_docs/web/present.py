"""The library's results as the page shows them (JSON for the page's script)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ..api import GenerateResult
from ..cli import STATUS_WORDS
from ..collect import REPORT, TRACKING, CollectResult, PointProgress
from ..sync import Outcome
from .downloads import allowed, link, packets

MAX_LISTED = 300
"""Outcomes listed one by one on the page (the counts tell the rest)."""


def _maybe_link(out: Path, path: PurePosixPath | None) -> dict[str, str] | None:
    if path is None:
        return None
    return link(path) if allowed(out, str(path)) is not None else {"ten": str(path), "url": ""}


def outcome_view(out: Path, outcome: Outcome) -> dict[str, Any]:
    return {"trang_thai": outcome.status, "chu": STATUS_WORDS[outcome.status],
            "nhan": outcome.label, "tep": _maybe_link(out, outcome.path),
            "ban_moi": _maybe_link(out, outcome.moved_to)}


def generation_view(result: GenerateResult, titles: dict[str, str]) -> dict[str, Any]:
    out = result.out
    counts = result.counts()
    packet = result.packets
    return {
        "so_van_ban": result.document_count,
        "dem": [{"trang_thai": s, "chu": STATUS_WORDS[s], "so": counts[s]}
                for s in STATUS_WORDS if counts[s]],
        "xung_dot": [outcome_view(out, o) for o in result.conflicts],
        "thay_doi": [outcome_view(out, o) for o in result.outcomes[:MAX_LISTED]],
        "con_nua": max(0, len(result.outcomes) - MAX_LISTED) + result.tally.left_out,
        "goi": packets(out, titles),
        "luu_y": [str(p) for p in result.warnings],
        "the_thuc": list(result.format_warnings),
        "pdf": _pdf_view(packet) if packet is not None else None,
    }


def _pdf_view(packet: Any) -> dict[str, Any]:
    return {"loi": packet.pdf_error or "", "phong_chu": packet.font_warning or "",
            "da_tao": len(packet.pdf_made), "giu_nguyen": packet.pdf_unchanged}


def point_view(point: PointProgress) -> dict[str, Any]:
    titles = point.titles
    values = [{"truong": titles[tag], "gia_tri": point.value(tag)}
              for tag in titles if point.value(tag)]
    return {
        "noi": point.where, "huyen": point.point.district or "",
        "xa": point.point.commune or "(chưa chọn xã)", "mo_hinh": point.point.model.name,
        "phan_tram": point.percent, "da_gui": point.returned, "gia_tri": values,
        "trong": [titles[tag] for tag in point.empty],
        "khac_nhau": [{"truong": titles.get(tag, tag),
                       "cac_gia_tri": [{"gia_tri": v, "tep": files} for v, files in found.items()]}
                      for tag, found in point.disagreements.items()],
        "tep": point.files,
    }


def _groups(points: list[PointProgress], key: Callable[[PointProgress], str]
            ) -> list[dict[str, Any]]:
    groups: dict[str, list[PointProgress]] = {}
    for point in points:
        groups.setdefault(key(point), []).append(point)
    return [{"ten": name, "so_diem": len(members),
             "da_gui": sum(p.returned for p in members),
             "phan_tram": round(sum(p.percent for p in members) / len(members))}
            for name, members in groups.items()]


def collect_view(result: CollectResult, out: Path, placed: dict[str, Any]) -> dict[str, Any]:
    points = result.points
    return {
        "nhan_tep": placed,
        "so_diem": len(points), "da_gui": result.returned, "du": result.complete,
        "so_tep": result.files_read,
        "theo_huyen": _groups(points, lambda p: p.point.district or p.where),
        "hai_cap": not any(p.point.district for p in points),
        "theo_mo_hinh": _groups(points, lambda p: p.point.model.name),
        "diem": [point_view(p) for p in points],
        "chua_doc": [{"tep": f, "ly_do": why} for f, why in result.unreadable],
        "luu_y": list(result.warnings),
        "de_xuat": [str(p) for p in result.proposals],
        "tep_ghi": [outcome_view(out, o) for o in result.written],
        "theo_doi": _maybe_link(out, PurePosixPath(TRACKING)),
        "bao_cao": _maybe_link(out, PurePosixPath(REPORT)),
    }
