"""Refusing a zip bomb before opening it: a workbook or a template is a zip package, and a
small file may state parts of gigabytes that would be unpacked into memory.

Python's :mod:`zipfile` never unpacks more than the size a part states in the zip directory
(it stops there, and the check of the part's CRC fails), so reading the directory is enough to
bound what opening the package costs. The limits are far above real files: the shipped
workbook's largest part is about 100 KB, a national plan's sheet a few MB, a template's body
under 1 MB.
"""

from __future__ import annotations

import zipfile

PART_LIMIT = 200 * 1024 * 1024
"""Bytes one part of a package may unpack to."""
TOTAL_LIMIT = 1024 * 1024 * 1024
"""Bytes all parts of a package together may unpack to."""
PARTS_LIMIT = 10_000
"""Parts a package may hold (a real document has a few dozen)."""


def oversized(package: zipfile.ZipFile) -> str | None:
    """Why ``package`` is refused (in Vietnamese), or ``None`` when its sizes are sane."""
    entries = package.infolist()
    if len(entries) > PARTS_LIMIT:
        return f"tệp có {len(entries)} phần, quá giới hạn {PARTS_LIMIT} (tệp nén bất thường)"
    largest = max(entries, key=lambda entry: entry.file_size, default=None)
    if largest is not None and largest.file_size > PART_LIMIT:
        return (f"phần {largest.filename} giải nén ra {_megabytes(largest.file_size)}, quá "
                f"giới hạn {_megabytes(PART_LIMIT)} (tệp nén bất thường, có thể là bom nén)")
    total = sum(entry.file_size for entry in entries)
    if total > TOTAL_LIMIT:
        return (f"tệp giải nén ra {_megabytes(total)}, quá giới hạn {_megabytes(TOTAL_LIMIT)} "
                "(tệp nén bất thường, có thể là bom nén)")
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")
