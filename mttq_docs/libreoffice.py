"""Where LibreOffice is, on Linux, macOS and Windows.

On Windows the installer does not put LibreOffice on ``PATH``: it goes under ``Program
Files`` (or ``Program Files (x86)`` for a 32-bit build) and writes its folder in the registry
(``HKEY_LOCAL_MACHINE\\SOFTWARE\\LibreOffice\\UNO\\InstallPath``). :func:`find_soffice`
looks on ``PATH`` first, then in the registry, then in the usual folders.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PureWindowsPath

_REGISTRY_KEYS = (r"SOFTWARE\LibreOffice\UNO\InstallPath",
                  r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath")


def find_soffice(*, environ: Mapping[str, str] | None = None,
                 which: Callable[[str], str | None] = shutil.which,
                 registry: Callable[[], Iterable[str]] | None = None,
                 exists: Callable[[Path], bool] = Path.is_file,
                 windows: bool | None = None) -> str | None:
    """The LibreOffice program (``soffice``), or ``None`` when it is not installed.

    The keyword arguments stand for the system (environment, ``PATH`` lookup, registry, file
    test), so that the Windows rules can be tested on any system.
    """
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return found
    windows = sys.platform == "win32" if windows is None else windows
    if not windows:
        mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        return str(mac) if exists(mac) else None
    environ = os.environ if environ is None else environ
    folders = list((registry or _registry_folders)())
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        if environ.get(variable):
            folders.append(str(PureWindowsPath(environ[variable], "LibreOffice", "program")))
    folders.append(r"C:\Program Files\LibreOffice\program")
    for folder in folders:
        candidate = PureWindowsPath(folder) / "soffice.exe"
        if exists(Path(str(candidate))):
            return str(candidate)
    return None


def _registry_folders() -> list[str]:
    """The program folders the LibreOffice installer wrote in the registry (Windows only)."""
    if sys.platform != "win32":  # (also tells the type checker where winreg exists)
        return []
    import winreg

    found: list[str] = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for key in _REGISTRY_KEYS:
            try:
                with winreg.OpenKey(hive, key) as opened:
                    value, _ = winreg.QueryValueEx(opened, "")
            except OSError:
                continue
            if isinstance(value, str) and value:
                # The value names the URE or program folder: soffice.exe is in ``program``.
                path = PureWindowsPath(value)
                found += [str(path), str(path.parent / "program"), str(path.parent.parent /
                                                                      "program")]
    return found
