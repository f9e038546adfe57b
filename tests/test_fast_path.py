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
    # A first document (another point when there is one) is made the plain way; the hostile
    # one, the second, prepares the template (checked against the first) and is rendered by
    # the prepared template.
    renderer = Renderer()
    renderer.render(template, build_context(hostile_plan, other))
    assert template.digest not in renderer.prepared
    fast_bytes = renderer.render(template, context)
    prepared = renderer.prepared[template.digest]
    assert prepared is not None and prepared.checked
    assert prepared.template._whole is not None  # the one-parse path gave the first's bytes
    fresh = Renderer()  # its first document: plain docxtpl
    assert fresh.render(template, context) == fast_bytes
    assert template.digest not in fresh.prepared
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


def _with_paragraph(tmp_path, kind_code, text, table_without_a_cell=False):
    from docx import Document

    kind = next(k for k in KINDS if k.code == kind_code)
    document = Document(api.DEFAULT_TEMPLATES / kind.template)
    document.add_paragraph(text)
    if table_without_a_cell:  # a grid of 3 columns, a row of 2 cells: docxtpl fixes the grid
        row = document.add_table(rows=1, cols=3).rows[0]._tr
        row.remove(row.tc_lst[-1])
    path = tmp_path / kind.template
    document.save(path)
    return kind, path


def _two_contexts(plan, kind):
    """Contexts of two documents of ``kind`` for two communes."""
    contexts = [build_context(plan, j) for j in plan_jobs(plan) if j.kind.code == kind.code]
    first = next(c for c in contexts if "…" not in c["ten_xa"])
    return first, next(c for c in reversed(contexts) if c["ten_xa"] not in (first["ten_xa"], ))


@pytest.mark.parametrize("markup", ['<w:r>', '</w:t></w:r></w:p></w:body><w:body><w:p><w:r><w:t>',
                                    '</w:t></w:r></w:p><w:p/><!-- x --><w:p><w:r><w:t>',
                                    # xml:id twice, and not a name: the one parse does not
                                    # look at xml:id values (nor does docxtpl's check)
                                    '</w:t></w:r></w:p><w:p xml:id="a"/><w:p xml:id="a"/>'
                                    '<w:p xml:id="1 2"><w:r><w:t>'])
def test_markup_broken_for_one_document_only_gives_the_message_of_the_plain_path(
        hostile_plan, tmp_path, markup):
    """The one-parse path parses the body inside its part; what the standalone body's strict
    check refuses is still refused, with the same message, and what it accepts is the same."""
    from mttq_docs.errors import TemplateError

    kind = next(k for k in KINDS if k.code == "ke_hoach")
    first, second = _two_contexts(hostile_plan, kind)
    assert first["ten_xa"] != second["ten_xa"]
    _, path = _with_paragraph(tmp_path, "ke_hoach", "{% if ten_xa != '" + first["ten_xa"] +
                              "' %}{{ '" + markup + "' | safe }}{% endif %}")
    template = Template.load(path)
    renderer = Renderer()
    renderer.render(template, first)
    outcomes = []
    for attempt in (renderer, Renderer()):  # prepared, then a first document (plain docxtpl)
        try:
            outcomes.append(attempt.render(template, second))
        except TemplateError as err:
            outcomes.append(err.message)
    assert renderer.prepared[template.digest].template._whole is not None
    assert outcomes[0] == outcomes[1]
    if markup.startswith("<w:r>") or "<w:body>" in markup:
        assert "XML hỏng" in outcomes[0]


def test_a_table_docxtpl_fixes_is_rendered_by_docxtpls_steps_with_the_same_bytes(
        hostile_plan, tmp_path):
    kind, path = _with_paragraph(tmp_path, "giay_moi", "Bảng {{ ten_xa }}",
                                 table_without_a_cell=True)
    template = Template.load(path)
    renderer = Renderer()
    for context in _two_contexts(hostile_plan, kind):
        fast = zipfile.ZipFile(io.BytesIO(renderer.render(template, context)))
        plain = zipfile.ZipFile(io.BytesIO(plain_docxtpl(path, context)))
        assert fast.read("word/document.xml") == insert_fields(plain.read("word/document.xml"))
        assert b"<w:gridCol" in fast.read("word/document.xml")
    assert renderer.prepared[template.digest] is not None


@pytest.mark.parametrize("sizes", [(0,), (10, 70_000), (3, 5, 200_000)])
def test_the_zip_finished_from_its_head_is_zipfiles_append(sizes):
    import random

    from mttq_docs.render import _append, _entry_info, reproducible_zip
    from mttq_docs.zipped import ZipHead

    rng = random.Random(len(sizes))
    head = reproducible_zip([("[Content_Types].xml", b"<Types/>" * 40),
                             ("word/styles.xml", bytes(rng.randrange(256) for _ in range(900)))])
    rendered = [(f"word/part{i}.xml", bytes(rng.choice(b"<w:p>abc") for _ in range(size)))
                for i, size in enumerate(sizes)]
    assert ZipHead(head, _entry_info, 1).finish(rendered) == _append(head, rendered)
    # An unusual head (with a comment) goes through zipfile itself: the same bytes.
    buffer = io.BytesIO(head)
    with zipfile.ZipFile(buffer, "a") as commented:
        commented.comment = b"note"
    assert ZipHead(buffer.getvalue(), _entry_info, 1).finish(rendered) == _append(
        buffer.getvalue(), rendered)


def test_a_large_first_document_is_checked_on_the_next_one(hostile_plan, monkeypatch):
    """The budget of a national plan is large: its template is not rendered twice at once
    to check the one-parse path; the next document is rendered plain and checked."""
    from mttq_docs import render

    monkeypatch.setattr(render, "_LARGE", 0)
    kind = next(k for k in KINDS if k.code == "ke_hoach")
    template = Template.load(api.DEFAULT_TEMPLATES / kind.template)
    contexts = [build_context(hostile_plan, j) for j in plan_jobs(hostile_plan)
                if j.kind.code == kind.code][:3]
    renderer = Renderer()
    made = [renderer.render(template, contexts[0])]
    assert renderer._firsts[template.digest].kept is None  # large: nothing kept to check
    made.append(renderer.render(template, contexts[1]))  # prepared, rendered plain, checked
    prepared = renderer.prepared[template.digest]
    assert prepared is not None and prepared.checked and prepared.template._whole is not None
    made.append(renderer.render(template, contexts[2]))
    assert made == [Renderer().render(template, context) for context in contexts]


def test_tables_whose_cells_come_and_go_are_fixed_as_docxtpl_fixes_them():
    """A row of cells made by a loop: as many as the grid's columns (nothing to fix), fewer
    or more (docxtpl fixes the grid); tables already seen to need nothing are told by their
    markup, the others looked at in the tree."""
    from docx import Document

    document = Document()
    document.add_paragraph("Bảng {{ ten }}")
    cells = document.add_table(rows=1, cols=3).rows[0].cells
    for cell, text in zip(cells, ("{%tc for x in ds %}", "{{ x }}", "{%tc endfor %}")):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    template = Template("bang.docx", buffer.getvalue())
    renderer = Renderer()
    for number, count in enumerate([3, 3, 2, 3, 4, 3, 1, 3]):
        context = {"ten": f"Xã {number} & <b>", "ds": [f"ô {i} “{number}”" for i in range(count)]}
        fast = zipfile.ZipFile(io.BytesIO(renderer.render(template, context)))
        plain = DocxTemplate(io.BytesIO(template.data))
        plain.render(context, jinja_env=make_environment(), autoescape=True)
        saved = io.BytesIO()
        plain.save(saved)
        expected = zipfile.ZipFile(saved).read("word/document.xml")
        assert fast.read("word/document.xml") == expected
        assert expected.count(b"<w:gridCol ") == count
    whole = renderer.prepared[template.digest].template._whole
    assert whole is not None and len(whole.fine_tables) == 1


@pytest.mark.parametrize("body", [
    "<w:tbl/>", "<w:tbl\n></w:tbl>", "<w:tbl></w:tbl\n>", "<!-- <w:tbl></w:tbl> -->",
    "<?x <w:tbl></w:tbl>?>", '<w:p xmlns:v="urn:x"/>', "<w:tbl><w:tbl></w:tbl></w:tbl>",
    "<w:tbl><w:tr><w:tc><w:tbl></w:tbl></w:tc></w:tr></w:tbl>"])
def test_tables_not_told_by_their_markup(body):
    from mttq_docs.prepared import _tables

    assert _tables("<w:body>" + body, len("<w:body>")) is None


def test_tables_told_by_their_markup_less_their_text():
    from mttq_docs.prepared import _table_key, _tables

    def table(text: str, span: str = "2") -> str:
        return (f'<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr>'
                f'<w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r>'
                f'</w:p></w:tc></w:tr></w:tbl>')

    def keys(*tables: str) -> list[tuple[str, ...]]:
        found = _tables("<w:body><w:p/>" + "<w:p/>".join(tables), len("<w:body>"))
        assert found == list(tables)
        return [_table_key(markup) for markup in found]

    assert keys() == []
    assert keys(table("a"), table("b &amp; c")) == [keys(table("x"))[0]] * 2
    assert keys(table("a", span="3")) != keys(table("a"))


def test_a_template_rendered_once_is_not_prepared_yet_zipped_as_its_prepared_documents(
        hostile_plan, tmp_path, monkeypatch):
    """A re-run renders a few documents of each template: preparing one costs as much as a
    document, so it waits for the second; the first is still the zip a prepared template
    makes (its changing parts last, a tagged header among them), the same bytes."""
    from docx import Document

    from mttq_docs import render

    kind = next(k for k in KINDS if k.code == "ke_hoach")
    document = Document(api.DEFAULT_TEMPLATES / kind.template)
    document.sections[0].header.paragraphs[0].add_run("Đầu trang {{ ten_xa }}")
    path = tmp_path / kind.template
    document.save(path)
    template = Template.load(path)
    contexts = [build_context(hostile_plan, j) for j in plan_jobs(hostile_plan)
                if j.kind.code == kind.code][:2]
    prepared = []
    real = render.PreparedTemplate
    monkeypatch.setattr(render, "PreparedTemplate",
                        lambda *args, **kwargs: prepared.append(real(*args, **kwargs))
                        or prepared[-1])
    once = Renderer().render(template, contexts[1])
    assert prepared == []
    renderer = Renderer()
    renderer.render(template, contexts[0])
    assert renderer.render(template, contexts[1]) == once
    assert len(prepared) == 1 and renderer.prepared[template.digest].checked
    # The body and the tagged header last; the untagged header (page numbers) in the head.
    names = zipfile.ZipFile(io.BytesIO(once)).namelist()
    assert set(names[-2:]) == renderer.prepared[template.digest].template.changing_parts
    assert "word/header1.xml" in names[-2:] and "word/header2.xml" in names[:-2]
