"""A work folder of the user's own: the plan workbook, its documents and (maybe) its templates.

``mttq-docs init`` makes one; inside it (or any folder below it) the bare commands find the
workbook and write the documents there, never inside the installed package. The folder is
marked by a small text file, :data:`MARKER`, which names its parts and which a user may edit::

    # Thư mục làm việc của mttq-docs.
    bang_tinh = "ke_hoach_2018.xlsx"
    thu_muc_van_ban = "van_ban"
    thu_muc_mau = "mau"          # chỉ khi có bản mẫu riêng

Paths in it are relative to the folder. The project's own checkout is a work folder too
(``inputs/`` → ``outputs/``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import AlreadyExists, WorkFolderError
from .kinds import ALL_KINDS
from .output import OutputFolder, write_atomic
from .resources import sample_workbook, templates_folder
from .vietnamese import ascii_slug

MARKER = "mttq-docs.toml"
NOTE = "HUONG_DAN.txt"
DOCUMENTS = "van_ban"
TEMPLATES = "mau"


@dataclass(frozen=True)
class WorkFolder:
    root: Path
    workbook: Path
    documents: Path
    templates: Path | None
    """The folder's own templates, when it has a copy; else the shipped ones are used."""

    @classmethod
    def find(cls, start: Path) -> WorkFolder | None:
        """The work folder ``start`` is in (itself or a folder above it), if any."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / MARKER).is_file():
                return cls.read(folder)
        return None

    @classmethod
    def read(cls, root: Path) -> WorkFolder:
        marker = root / MARKER
        try:
            settings = tomllib.loads(marker.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise WorkFolderError(f"Không đọc được {marker} ({_reason(err)}). Hãy sửa tệp này "
                                  "hoặc tạo lại thư mục làm việc.") from err
        values = {key: settings.get(key) for key in ("bang_tinh", "thu_muc_van_ban",
                                                       "thu_muc_mau")}
        if not isinstance(values["bang_tinh"], str) or not values["bang_tinh"].strip():
            raise WorkFolderError(f"{marker} chưa ghi tên bảng tính (dòng bang_tinh = "
                                  "\"….xlsx\").")
        for key, value in values.items():
            if value is not None and not isinstance(value, str):
                raise WorkFolderError(f"{marker}: giá trị của {key} phải là một đường dẫn đặt "
                                      "trong ngoặc kép.")
        templates = values["thu_muc_mau"]
        return cls(root, root / str(values["bang_tinh"]),
                   root / str(values["thu_muc_van_ban"] or DOCUMENTS),
                   root / templates if isinstance(templates, str) and templates else None)

    def templates_or_shipped(self) -> Path:
        return self.templates or templates_folder()


def _reason(err: Exception) -> str:
    if isinstance(err, OSError):
        return err.strerror or "lỗi đọc tệp"
    if isinstance(err, UnicodeDecodeError):
        return "tệp không ở dạng UTF-8"
    return f"sai cú pháp: {err}"


def workbook_name(folder: Path) -> str:
    """``ke_hoach_2018/`` → ``ke_hoach_2018.xlsx``: the plan's workbook is named for its
    folder (``ke_hoach.xlsx`` when the name has no letters or digits)."""
    return f"{ascii_slug(folder.resolve().name) or 'ke_hoach'}.xlsx"


def create(folder: Path, *, with_templates: bool = False, overwrite: bool = False,
           example: str = "2017") -> WorkFolder:
    """Make ``folder`` a work folder: the sample workbook under the folder's name, the marker,
    a note with the next commands, and with ``with_templates`` a copy of the templates.

    Files already there are kept (:class:`~mttq_docs.errors.AlreadyExists`) unless
    ``overwrite``; every file is written whole or not at all, and a link at a file's name is
    replaced, never written through.
    """
    if folder.exists() and not folder.is_dir():
        raise WorkFolderError(f"{folder} là một tệp, không phải thư mục.")
    name = workbook_name(folder)
    targets = [folder / MARKER, folder / name]
    existing = [target for target in targets if target.exists() or target.is_symlink()]
    if existing and not overwrite:
        raise AlreadyExists(existing[0])
    marker = (f'# Thư mục làm việc của mttq-docs: các lệnh chạy trong thư mục này dùng bảng '
              f'tính và thư mục dưới đây.\nbang_tinh = "{name}"\n'
              f'thu_muc_van_ban = "{DOCUMENTS}"\n')
    folder.mkdir(parents=True, exist_ok=True)
    inside = OutputFolder(folder)  # a linked sub-folder leading elsewhere is refused
    if with_templates:
        marker += f'thu_muc_mau = "{TEMPLATES}"\n'
        for kind in ALL_KINDS:
            write_atomic(inside.path(f"{TEMPLATES}/{kind.template}"),
                         (templates_folder() / kind.template).read_bytes())
    write_atomic(inside.path(name), sample_workbook(example).read_bytes())
    write_atomic(inside.path(NOTE), _note(name, with_templates, example).encode("utf-8"))
    write_atomic(inside.path(MARKER), marker.encode("utf-8"))
    return WorkFolder.read(folder)


def _note(workbook: str, with_templates: bool, example: str = "2017") -> str:
    source = ("kế hoạch năm 2017 (ba cấp: tỉnh, huyện, xã)" if example == "2017" else
              "VÍ DỤ kế hoạch hai cấp năm 2026 của thành phố Hải Phòng, không phải kế hoạch thật")
    lines = [
        "THƯ MỤC LÀM VIỆC CỦA MTTQ-DOCS",
        "",
        f"1. Mở {workbook} bằng Excel, sửa cho đúng kế hoạch của năm (bảng tính mẫu là "
        f"{source}), lưu lại.",
        "2. Mở cửa sổ lệnh trong thư mục này và chạy:",
        "       mttq-docs validate      (kiểm tra bảng tính)",
        f"       mttq-docs generate      (tạo văn bản vào thư mục {DOCUMENTS})",
        "3. Khi các xã gửi lại văn bản đã điền, chép vào thư mục của huyện trong "
        f"{DOCUMENTS} rồi chạy:",
        "       mttq-docs collect",
        "",
        "Xem thêm: mttq-docs --help",
    ]
    if with_templates:
        lines[-1:-1] = [f"Mẫu văn bản riêng của thư mục này nằm trong {TEMPLATES}; sửa bằng Word "
                        "rồi chạy: mttq-docs templates check", ""]
    return "\r\n".join(lines) + "\r\n"  # Notepad on older Windows wants CRLF
