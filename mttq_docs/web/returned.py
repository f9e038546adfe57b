"""The drafts communes sent back, put where ``collect`` reads them.

Each ``.docx`` (sent alone or inside a ``.zip``) is matched by its name to a document this
folder generated (:func:`~mttq_docs.sync.is_copy_of`, the longest name winning, as
``collect`` does) and written into that document's folder. Nothing already there is ever
overwritten: a file named like the original is written beside it as
``<stem> (gui lai N).docx``, which ``collect`` reads as a copy of the original.

Zips are checked before anything is read from them: a member whose path would leave the
folder, too many members, sizes (from the central directory, then checked again while
reading) beyond the limits, or a compression ratio no document has, and the zip is refused.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..manifest import Manifest, sha256
from ..output import OutputFolder, write_atomic
from ..sync import is_copy_of

MAX_DRAFT = 30 * 1024 * 1024
"""The largest document accepted (a filled draft is well under 1 MB)."""
MAX_ZIP_TOTAL = 300 * 1024 * 1024
"""The largest total a zip may unpack to."""
MAX_ZIP_MEMBERS = 2000
MAX_RATIO = 200
"""Documents are compressed already: a member that unpacks to 200 times its size is a bomb."""
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


class Refused(Exception):
    """An uploaded file not used; the message says why, in Vietnamese."""


@dataclass
class Placement:
    placed: list[tuple[str, str]] = field(default_factory=list)
    """(name sent, path written relative to the output folder)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(name sent, why it was not written)."""

    def view(self) -> dict[str, list[dict[str, str]]]:
        return {"da_nhan": [{"ten": n, "ghi_vao": p} for n, p in self.placed],
                "khong_nhan": [{"ten": n, "ly_do": r} for n, r in self.skipped]}


def safe_name(name: str) -> str:
    """The file's own name, without folders, characters Windows refuses or a leading dot."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = " ".join(_UNSAFE.sub("", name).split()).lstrip(". ")
    stem, dot, suffix = name.rpartition(".")
    return f"{stem[:150]}{dot}{suffix[:10]}" if dot else name[:160]


def unpack(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The documents of one upload: itself, or the ``.docx`` members of a zip."""
    if not name.lower().endswith(".zip"):
        if len(data) > MAX_DRAFT:
            raise Refused(f"tệp quá lớn so với một văn bản (tối đa {MAX_DRAFT // 2**20} MB)")
        yield name, data
        return
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as err:
        raise Refused("tệp .zip bị hỏng, không mở được") from err
    with package:
        members = [info for info in package.infolist() if not info.is_dir()]
        _check_zip(members)
        for info in members:
            if info.filename.lower().endswith(".docx"):
                yield info.filename, _read_member(package, info)


def _check_zip(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise Refused(f"tệp .zip có hơn {MAX_ZIP_MEMBERS} tệp: không dùng")
    for info in members:
        path = info.filename.replace("\\", "/")
        if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in path.split("/"):
            raise Refused(f"tệp .zip có đường dẫn ra ngoài thư mục ({info.filename}): không dùng")
        if info.file_size > MAX_DRAFT or info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(f"{info.filename} trong tệp .zip quá lớn khi giải nén (có thể là tệp "
                          "độc hại): không dùng")
    if sum(info.file_size for info in members) > MAX_ZIP_TOTAL:
        raise Refused("tệp .zip quá lớn khi giải nén: không dùng")


def _read_member(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its central directory declared."""
    try:
        with package.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
        raise Refused(f"không đọc được {info.filename} trong tệp .zip") from err
    if len(data) > info.file_size:
        raise Refused(f"{info.filename} trong tệp .zip lớn hơn khai báo: không dùng")
    return data


def generated_documents(out: Path) -> list[PurePosixPath]:
    """The documents this folder's runs wrote (its record), read without holding it."""
    manifest = Manifest.load(out)
    try:
        return [PurePosixPath(key) for key in manifest.records if key.lower().endswith(".docx")]
    finally:
        manifest.close()


def _paragraphs(data: bytes) -> set[str]:
    """The paragraphs' texts of a ``.docx`` (tags dropped), to compare two documents."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            with package.open("word/document.xml") as stream:
                xml = stream.read(MAX_DRAFT).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return set()
    return {text for part in xml.split("</w:p>") if (text := re.sub(r"<[^>]+>", "", part).strip())}


class Drafts:
    """Puts returned drafts into one output folder."""

    def __init__(self, out: Path) -> None:
        self.folder = OutputFolder(out)
        self.documents = generated_documents(out)
        self.result = Placement()

    def take(self, name: str, data: bytes) -> None:
        """One upload: a ``.docx`` or a ``.zip`` of them."""
        try:
            for member, content in unpack(name, data):
                self._place(member, content)
        except Refused as err:
            self.result.skipped.append((name, str(err)))

    def _place(self, sent: str, data: bytes) -> None:
        name = safe_name(sent)
        if not name.lower().endswith(".docx") or not data.startswith(b"PK"):
            self.result.skipped.append((sent, "không phải tệp Word .docx"))
            return
        if name.startswith("~$"):
            return  # Word's lock file, sent along by mistake
        matching = [d for d in self.documents if is_copy_of(name, d.name)]
        if not matching:
            self.result.skipped.append((sent, "tên tệp không khớp văn bản nào đã tạo (hãy giữ "
                                              "nguyên tên tệp như khi gửi đi cho xã)"))
            return
        longest = max(len(d.name) for d in matching)
        original = self._which([d for d in matching if len(d.name) == longest], sent, data)
        if original is None:
            self.result.skipped.append((sent, "có nhiều văn bản cùng tên ở các huyện khác nhau "
                                              "và không nhận ra được của huyện nào: hãy chép "
                                              "tệp vào thư mục của huyện"))
            return
        target = self._target(original, name, sha256(data))
        if target is None:
            self.result.skipped.append((sent, "trong thư mục đã có tệp giống hệt (bản đã "
                                              "nhận trước đó, hoặc bản gốc chưa điền gì)"))
            return
        write_atomic(self.folder.path(target), data)
        self.result.placed.append((sent, target.as_posix()))

    def _which(self, candidates: list[PurePosixPath], sent: str, data: bytes
               ) -> PurePosixPath | None:
        """The document a file is, among documents of the same name in several folders (the
        ``01_ke_hoach_chua_chon_xa.docx`` of each district): the folder a zip named, else the
        one whose text the file shares most of (its district's name, its models)."""
        if len(candidates) == 1:
            return candidates[0]
        folders = sent.replace("\\", "/").split("/")[:-1]
        named = [c for c in candidates if c.parent.name in folders]
        if len(named) == 1:
            return named[0]
        mine = _paragraphs(data)
        scores = []
        for candidate in candidates:
            theirs = _paragraphs(self.folder.path(candidate).read_bytes())
            scores.append((len(mine & theirs) / max(len(mine | theirs), 1), candidate))
        scores.sort(reverse=True)
        if scores[0][0] == scores[1][0]:
            return None
        return scores[0][1]

    def _target(self, original: PurePosixPath, name: str, digest: str) -> PurePosixPath | None:
        """Where to write: the name sent when it is free and not the original's; else
        ``<stem> (gui lai N).docx``. ``None`` when the same bytes are already there."""
        here = self.folder.path(original.parent / "x").parent
        for existing in sorted(here.glob(f"{original.stem}*.docx")):
            if existing.is_file() and not existing.is_symlink() and \
                    sha256(existing.read_bytes()) == digest:
                return None
        wanted = original.parent / name
        taken = self.folder.path(wanted)
        if name.casefold() != original.name.casefold() and not taken.exists() and \
                not taken.is_symlink():
            return wanted
        for number in range(1, 10_000):
            candidate = original.parent / f"{original.stem} (gui lai {number}).docx"
            if not self.folder.path(candidate).exists() and \
                    not self.folder.path(candidate).is_symlink():
                return candidate
        raise Refused("quá nhiều bản gửi lại của cùng một văn bản")
