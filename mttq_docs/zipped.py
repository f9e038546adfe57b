"""A zip that starts with a fixed set of entries, finished with a few more per document.

Every document of a prepared template is the same zip of the parts no document changes (its
*head*), then its rendered parts. Appending them with :mod:`zipfile`'s append mode read the
head's central directory back and built its records again for every document (a tenth of a
document's cost). :class:`ZipHead` splits the head once into its entries and its central
directory and writes the rest directly, with :mod:`zipfile`'s own header code
(:meth:`zipfile.ZipInfo.FileHeader`) and the same compressor: the bytes are those of
``zipfile.ZipFile(head, "a").writestr(...)`` (``tests/test_fast_path.py`` compares them).
Anything unusual (a head with a comment, zip64 sizes) goes through :mod:`zipfile` itself.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

# The records of the zip format (APPNOTE 4.3.12, 4.3.16), as zipfile packs them.
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\005\006"
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\001\002"
_UTF8_NAME = 0x800
_SMALL = 1 << 30
"""Sizes and offsets below this never need zip64 records (:data:`zipfile.ZIP64_LIMIT`)."""


class ZipHead:
    """``head`` (a zip), ready to be finished with rendered entries many times."""

    def __init__(self, head: bytes, entry_info: Callable[[str], zipfile.ZipInfo],
                 level: int) -> None:
        """``entry_info`` makes the :class:`~zipfile.ZipInfo` of a new entry; ``level`` is
        the compression level of the new entries."""
        self.head, self._info, self._level = head, entry_info, level
        end = head[-_END.size:]
        fields = _END.unpack(end) if len(head) >= _END.size else ()
        # (signature, disk, disk of the directory, entries here, entries, directory size,
        # directory offset, comment length)
        simple = bool(fields) and fields[0] == _END_SIGNATURE and fields[1:4] == (
            0, 0, fields[4]) and fields[7] == 0 and fields[6] + fields[5] + _END.size == len(
            head) and len(head) < _SMALL
        self._count = fields[4] if simple else -1
        self._entries = head[:fields[6]] if simple else b""
        self._central = head[fields[6]:fields[6] + fields[5]] if simple else b""

    def finish(self, rendered: list[tuple[str, bytes]]) -> bytes:
        """The head with ``rendered`` (name, bytes) appended, as zipfile's append mode
        writes it."""
        if self._count < 0 or sum(len(data) for _, data in rendered) >= _SMALL:
            return self._by_zipfile(rendered)
        pieces, central = [self._entries], [self._central]
        offset = len(self._entries)
        for name, data in rendered:
            info = self._info(name)
            compressor = zlib.compressobj(self._level, zlib.DEFLATED, -15)
            compressed = compressor.compress(data) + compressor.flush()
            info.flag_bits, info.CRC = 0, zlib.crc32(data)
            info.compress_size, info.file_size = len(compressed), len(data)
            info.header_offset = offset
            header = info.FileHeader(False)
            pieces += (header, compressed)
            central.append(_central_record(info))
            offset += len(header) + len(compressed)
        directory = b"".join(central)
        count = self._count + len(rendered)
        pieces += (directory, _END.pack(_END_SIGNATURE, 0, 0, count, count,
                                        len(directory), offset, 0))
        return b"".join(pieces)

    def _by_zipfile(self, rendered: list[tuple[str, bytes]]) -> bytes:
        buffer = io.BytesIO(self.head)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as target:
            for name, content in rendered:
                target.writestr(self._info(name), content, compresslevel=self._level)
        return buffer.getvalue()


def _central_record(info: zipfile.ZipInfo) -> bytes:
    """The central directory record zipfile writes for ``info`` (no zip64 fields)."""
    try:  # as zipfile encodes a name
        filename, flag_bits = info.filename.encode("ascii"), info.flag_bits
    except UnicodeEncodeError:
        filename, flag_bits = info.filename.encode(), info.flag_bits | _UTF8_NAME
    year, month, day, hour, minute, second = info.date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    record: bytes = _CENTRAL.pack(
        _CENTRAL_SIGNATURE, info.create_version, info.create_system,
        info.extract_version, info.reserved, flag_bits, info.compress_type, dostime, dosdate,
        info.CRC, info.compress_size, info.file_size, len(filename), len(info.extra),
        len(info.comment), 0, info.internal_attr, info.external_attr,
        info.header_offset)
    return record + filename + info.extra + info.comment
