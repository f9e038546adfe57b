from __future__ import annotations

from pathlib import Path

import pytest

from mttq_docs import api

from .helpers import SHIPPED


@pytest.fixture(scope="session")
def shipped_output(tmp_path_factory) -> Path:
    """The output of the shipped workbook, generated once for the whole session."""
    out = tmp_path_factory.mktemp("shipped") / "outputs"
    api.generate(SHIPPED, out)
    return out
