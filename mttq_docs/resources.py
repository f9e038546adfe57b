"""What the package ships: the templates and the sample workbook, read where they are.

An installed package (a wheel: ``pip install``, ``pipx``) carries them under
``mttq_docs/_data/``, copied there from the project's ``templates_docx/`` and ``inputs/`` when
the wheel is built (``setup.py``); those two folders stay the one source. Run from a checkout
(an editable install, or the source tree itself) the package has no ``_data`` and reads them
from the checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "ke_hoach_2017.xlsx"
EXAMPLES = {"2017": SAMPLE_NAME, "2026": "ke_hoach_2026_vi_du.xlsx"}
"""The plans ``init`` can start from: the 2017 plan (three levels) and an EXAMPLE of a
two-level plan of 2026 (not a real plan)."""
_CHECKOUT = Path(__file__).resolve().parent.parent


def _packaged(*parts: str) -> Path | None:
    found = resources.files("mttq_docs").joinpath("_data", *parts)
    return Path(str(found)) if found.is_dir() or found.is_file() else None


def templates_folder() -> Path:
    """The shipped templates (``*.docx``)."""
    return _packaged("templates") or _CHECKOUT / "templates_docx"


def sample_workbook(example: str = "2017") -> Path:
    """A shipped workbook ``init`` copies: the 2017 plan, or the 2026 two-level example."""
    name = EXAMPLES[example]
    return _packaged(name) or _CHECKOUT / "inputs" / name
