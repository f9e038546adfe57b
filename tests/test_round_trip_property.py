"""Whatever a commune types into whatever fields, every value is in the tracking workbook."""

from __future__ import annotations


import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mttq_docs import api
from mttq_docs.fields import PLACEHOLDER_PREFIXES
from mttq_docs.vietnamese import nfc

from .helpers import district_row, edited_workbook
from .test_collect import fields_of, type_into


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tinh_chat")
    workbook = edited_workbook(folder, ("Phân công", district_row("Kim Thành"), "Xã/Thị trấn",
                                        "Kim Xuyên"))
    out = folder / "out"
    api.generate(workbook, out, jobs=1)
    drafts = sorted((out / "kim_thanh").glob("0*_xa_kim_xuyen.docx"))
    originals = {path: path.read_bytes() for path in drafts}
    tags = sorted({(path.name, value.tag) for path in drafts for value in fields_of(path)})
    return out, originals, tags


def _meaningful(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped.strip("…. ")) and not stripped.startswith(PLACEHOLDER_PREFIXES)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co")), min_size=1,
               max_size=30).filter(_meaningful)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_typed_value_is_missing_from_the_tracking_workbook(generated, data):
    out, originals, tags = generated
    chosen = data.draw(st.lists(st.sampled_from(tags), min_size=1, max_size=6, unique=True))
    typed = {(name, tag): data.draw(TEXT) for name, tag in chosen}
    try:
        for path in originals:
            mine = {tag: text for (name, tag), text in typed.items() if name == path.name}
            if mine:
                type_into(path, mine)
        api.collect(out)
        sheet = openpyxl.load_workbook(out / "tinh" / "theo_doi_tien_do.xlsx")["Tất cả giá trị"]
        found = {(row[2].rsplit("/", 1)[-1], row[4], row[5])
                 for row in sheet.iter_rows(min_row=2, values_only=True)}
        for (name, tag), text in typed.items():
            assert (name, tag, " ".join(nfc(text).split())) in found, (name, tag, text)
    finally:
        for path, data_bytes in originals.items():
            path.write_bytes(data_bytes)
