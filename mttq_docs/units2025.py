"""The official list of provinces and communes since 1 July 2025 (two-level local government).

From the maintained package ``vietnam-provinces`` (its data version is :func:`data_version`),
not a hand-copied file. A commune of the old map (before 1 July 2025) is traced to the
commune it became with ``vietnamadminunits`` (its old → new mapping). Both are read only when a
plan dated after 1 July 2025 is checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from dataclasses import dataclass

from .vietnamese import name_key, strip_diacritics

TWO_LEVELS_SINCE = dt.date(2025, 7, 1)
KINDS = ("xã", "phường", "đặc khu")


@dataclass(frozen=True)
class OfficialUnit:
    name: str
    """``Mao Điền``, without the kind word."""
    kind: str
    """``xã``, ``phường`` or ``đặc khu``."""
    code: str


def data_version() -> str:
    import vietnam_provinces

    return str(vietnam_provinces.__data_version__)


def _split(full: str, kind: str) -> str:
    """``Xã Mao Điền`` → ``Mao Điền``."""
    return full[len(kind):].strip() if full.casefold().startswith(kind.casefold()) else full


@functools.lru_cache(maxsize=64)
def communes_of(province: str) -> tuple[OfficialUnit, ...] | None:
    """The communes, wards and special zones of ``province`` (``Hải Phòng`` or ``Thành phố Hải
    Phòng``), or ``None`` when no province of 2025 has that name."""
    from vietnam_provinces import Province, Ward

    wanted = name_key(province)
    found = next((p for p in Province.iter_all()
                  if wanted in (name_key(p.name), name_key(_split(p.name, "thành phố")),
                                name_key(_split(p.name, "tỉnh")))), None)
    if found is None:
        return None
    units = []
    for ward in Ward.iter_by_province(found.code):
        kind = str(ward.division_type.value)
        units.append(OfficialUnit(_split(ward.name, kind), kind, str(int(ward.code))))
    return tuple(units)


def find(units: tuple[OfficialUnit, ...], name: str, kind: str | None) -> OfficialUnit | None:
    key = name_key(name)
    return next((u for u in units if name_key(u.name) == key and kind in (None, u.kind)), None)


def closest(units: tuple[OfficialUnit, ...], name: str) -> OfficialUnit | None:
    """The official unit whose name is closest to a misspelt ``name``."""
    plain = {strip_diacritics(u.name).casefold(): u for u in units}
    match = difflib.get_close_matches(strip_diacritics(name).casefold(), list(plain), n=1,
                                      cutoff=0.7)
    return plain[match[0]] if match else None


def successor(commune: str, old_district: str) -> tuple[str, str, str] | None:
    """What the commune ``commune`` of district ``old_district`` (old map) became on 1 July
    2025: (its old province, the new commune with its kind, the new province), or ``None``."""
    try:
        from vietnamadminunits import convert_address, parse_address

        old = parse_address(f"{commune}, {old_district}", mode="LEGACY")
        if not old.province:
            return None
        new = convert_address(f"{commune}, {old_district}, {old.province}")
    except Exception:  # noqa: BLE001 - the mapping is a help for the message, never a failure
        return None
    if not new.ward or not new.province:
        return None
    return str(old.province), str(new.ward), str(new.province)
