"""The prepared, compiled-once rendering gives exactly what the plain docxtpl loop gives."""

import io
import zipfile

import pytest
from docxtpl import DocxTemplate

from mttq_docs import api
from mttq_docs.context import build_context
from mttq_docs.documents import KINDS, plan_jobs
from mttq_docs.fields import insert_fields
from mttq_docs.render import Template, make_environment, render
from mttq_docs.validation import load_plan

from .helpers import district_row, edited_workbook

HOSTILE = '{{ 7*7 }} {% if %} & <b>"x"</b> \'y\' <w:p> 😀 Đoàn Thượng'
PARTS = ("word/document.xml", "word/header1.xml", "word/header2.xml", "docProps/core.xml",
         "word/styles.xml")


def plain_docxtpl(kind, context) -> bytes:
    """The usual loop: open the template file, render in a fresh sandbox, save."""
    template = DocxTemplate(api.DEFAULT_TEMPLATES / kind.template)
    template.render(context, jinja_env=make_environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fast")
    row = district_row("Thanh Hà")
    book = edited_workbook(folder, ("Phân công", row, "Địa điểm", HOSTILE),
                           ("Phân công", row, "Xã/Thị trấn", "Thanh Bính"),
                           ("Kế hoạch", "Kinh phí mỗi hội nghị", "Giá trị", 5000000))
    return load_plan(book).plan


@pytest.mark.parametrize("kind", KINDS, ids=[k.code for k in KINDS])
def test_fast_path_equals_plain_docxtpl_for_every_template(hostile_plan, kind):
    jobs = [j for j in plan_jobs(hostile_plan) if j.kind.code == kind.code]
    job = next((j for j in jobs if j.district == "Thanh Hà"), jobs[0])
    context = build_context(hostile_plan, job)
    template = Template.load(api.DEFAULT_TEMPLATES / kind.template)
    render(template, context)  # warm the caches: the second document is the fast one
    fast = zipfile.ZipFile(io.BytesIO(render(template, context)))
    plain = zipfile.ZipFile(io.BytesIO(plain_docxtpl(kind, context)))
    assert fast.namelist() == plain.namelist()
    for part in (p for p in PARTS if p in plain.namelist()):
        expected = plain.read(part)
        if part == "word/document.xml":
            expected = insert_fields(expected)
        assert fast.read(part) == expected, part
    if kind.code in ("ke_hoach", "giay_moi"):  # they show the venue: escaped, as typed
        assert "&lt;w:p&gt; 😀 Đoàn Thượng".encode() in fast.read("word/document.xml")
