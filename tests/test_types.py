"""The package type-checks with mypy in strict mode (settings in ``pyproject.toml``)."""

from __future__ import annotations

import os
from pathlib import Path

from mypy import api as mypy

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks():
    previous = Path.cwd()
    os.chdir(ROOT)  # mypy reads its settings from the project's pyproject.toml
    try:
        report, errors, status = mypy.run(["--no-incremental", "--config-file",
                                           str(ROOT / "pyproject.toml")])
    finally:
        os.chdir(previous)
    assert status == 0, report + errors
