"""The prepared, compiled-once rendering gives exactly what the plain docxtpl loop gives."""

import io
import zipfile

import pytest
from docxtpl import DocxTemplate

from mttq_docs import api
from mttq_docs.context import build_context
from mttq_docs.documents import plan_jobs
from mttq_docs.kinds import KINDS
from mttq_docs.fields import insert_fields
from mttq_docs.render import Renderer, Template, make_environment
from mttq_docs.validation import load_plan

from .helpers import district_row, edited_workbook

HOSTILE = '{{ 7*7 }} {% if %} & <b>"x"</b> \'y\' <w:p> 😀 Đoàn Thượng'


def plain_docxtpl(path, context) -> bytes:
    """The usual loop: open the template file, render in a fresh sandbox, save."""
    template = DocxTemplate(path)
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
                           ("Kế hoạch", "Kinh phí mỗi hội nghị", "Giá trị", 9500000))
    return load_plan(book).plan


@pytest.mark.parametrize("kind", KINDS, ids=[k.code for k in KINDS])
def test_fast_path_equals_plain_docxtpl_for_every_template(hostile_plan, kind):
    jobs = [j for j in plan_jobs(hostile_plan) if j.kind.code == kind.code]
    job = next((j for j in jobs if j.path.parts[0] == "thanh_ha"), jobs[0])
    other = next((j for j in jobs if j.path.parent != job.path.parent), jobs[-1])
    context = build_context(hostile_plan, job)
    template = Template.load(api.DEFAULT_TEMPLATES / kind.template)
    # A first document (another point when there is one) makes the template prepared; the
    # hostile one is then rendered by the prepared template, after another document.
    renderer = Renderer()
    renderer.render(template, build_context(hostile_plan, other))
    prepared = renderer.prepared[template.digest]
    assert prepared is not None
    fast_bytes = renderer.render(template, context)
    fresh = Renderer()  # its first document: plain docxtpl
    assert fresh.render(template, context) == fast_bytes
    assert fresh.prepared[template.digest] is not prepared
    fast = zipfile.ZipFile(io.BytesIO(fast_bytes))
    plain = zipfile.ZipFile(io.BytesIO(plain_docxtpl(api.DEFAULT_TEMPLATES / kind.template, context)))
    assert sorted(fast.namelist()) == sorted(plain.namelist())
    for part in plain.namelist():
        expected = plain.read(part)
        if part == "word/document.xml":
            expected = insert_fields(expected)
        assert fast.read(part) == expected, part
    if kind.code in ("ke_hoach", "giay_moi"):  # they show the venue: escaped, as typed
        assert "&lt;w:p&gt; 😀 Đoàn Thượng".encode() in fast.read("word/document.xml")


def test_fast_path_renders_headers_and_footers_for_each_document(hostile_plan, tmp_path):
    """Shipped headers hold only page numbers; a clerk may put the commune's name there."""
    from docx import Document

    kind = next(k for k in KINDS if k.code == "ke_hoach")
    document = Document(api.DEFAULT_TEMPLATES / kind.template)
    document.sections[0].header.paragraphs[0].add_run("Đầu trang {{ ten_huyen }} – {{ ten_xa }}")
    document.sections[0].footer.add_paragraph("Chân trang {{ xa }}")
    path = tmp_path / kind.template
    document.save(path)
    template = Template.load(path)
    jobs = [j for j in plan_jobs(hostile_plan) if j.kind.code == kind.code]
    contexts = [build_context(hostile_plan, job) for job in (jobs[0], jobs[-1], jobs[1])]
    assert len({(c["ten_huyen"], c["ten_xa"]) for c in contexts}) == 3
    renderer = Renderer()
    for context in contexts:
        fast = zipfile.ZipFile(io.BytesIO(renderer.render(template, context)))
        plain = zipfile.ZipFile(io.BytesIO(plain_docxtpl(path, context)))
        headers = [p for p in plain.namelist() if "header" in p or "footer" in p]
        assert any(f"Đầu trang {context['ten_huyen']}".encode() in fast.read(p) for p in headers)
        for part in plain.namelist():
            expected = plain.read(part)
            if part == "word/document.xml":
                expected = insert_fields(expected)
            assert fast.read(part) == expected, part
    assert renderer.prepared[template.digest] is not None


def test_a_template_with_tags_in_its_properties_is_rendered_the_plain_way(hostile_plan, tmp_path):
    """docxtpl renders the title, subject… of a document too; those are then not constant."""
    from docx import Document

    kind = next(k for k in KINDS if k.code == "giay_moi")
    document = Document(api.DEFAULT_TEMPLATES / kind.template)
    document.core_properties.title = "Giấy mời {{ ten_xa }}"
    path = tmp_path / kind.template
    document.save(path)
    template = Template.load(path)
    jobs = [j for j in plan_jobs(hostile_plan) if j.kind.code == kind.code]
    renderer = Renderer()
    for job in (jobs[0], jobs[-1]):
        context = build_context(hostile_plan, job)
        data = renderer.render(template, context)
        title = Document(io.BytesIO(data)).core_properties.title
        assert title == f"Giấy mời {context['ten_xa']}"
        assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml") == insert_fields(
            zipfile.ZipFile(io.BytesIO(plain_docxtpl(path, context))).read("word/document.xml"))
    assert renderer.prepared[template.digest] is None
