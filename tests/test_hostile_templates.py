"""Items 10 and 11 of "Hardening after a hostile review": runaway templates (memory, time,
zip bombs) and templates that link outside themselves."""

import io
import time
import zipfile

import docx
import pytest

from mttq_docs.checker import check_document
from mttq_docs.errors import TemplateError
from mttq_docs.render import Renderer, Template
from mttq_docs.template_lint import lint_template


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _edited(data: bytes, edit) -> bytes:
    """``data`` with ``edit(name, bytes) -> bytes`` applied to every part (and maybe more
    parts: ``edit(None, None)`` returns a list of ``(name, bytes)`` to add)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, edit(item.filename, source.read(item)))
        for name, content in edit(None, None) or []:
            target.writestr(name, content)
    return buffer.getvalue()


def _render(data: bytes, seconds: float | None = None) -> bytes:
    renderer = Renderer()
    if seconds is not None:
        renderer.deadline.seconds = seconds
    return renderer.render(Template("mau_thu.docx", data), {"x": "a"})


# --- 10. Runaway templates ---------------------------------------------------------------

@pytest.mark.parametrize("tag,reason", [
    ("{{ 'a' * 10**9 }}", "chuỗi quá dài"),
    ("{{ [1] * 10**9 }}", "chuỗi quá dài"),
    ("{{ 'a'.center(10**9) }}", "chuỗi quá dài"),
    ("{{ x|center(10**9) }}", "chuỗi quá dài"),
    ("{{ '%1000000000s' % x }}", "chuỗi quá dài"),
    ("{{ '{:>1000000000}'.format(x) }}", "chuỗi quá dài"),
    ("{{ lipsum(10**6) }}", "chuỗi quá dài"),
    ("{{ 10**(10**8) }}", "số quá lớn"),
    ("{{ 10**5000 }}", "số quá lớn"),
    ("{{ 10.0**5000 }}", "số quá lớn"),
    ("{% for i in range(10**9) %}{% endfor %}", "vòng lặp quá lớn"),
])
def test_a_runaway_tag_is_a_template_error_naming_the_template(tag, reason):
    started = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        _render(_docx("Mở đầu", tag))
    assert time.monotonic() - started < 10
    assert "mau_thu.docx" in str(raised.value) and reason in str(raised.value)
    assert "không phải tệp Word" not in str(raised.value)


def test_nested_loops_without_end_are_stopped_by_the_time_limit():
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateError, match="mau_thu.docx.*chạy quá lâu"):
        _render(_docx(loops), seconds=1.0)
    assert time.monotonic() - started < 5


def test_the_time_limit_leaves_the_renderer_usable():
    renderer = Renderer()
    renderer.deadline.seconds = 0.5
    slow = Template("cham.docx", _docx("{% for a in range(100000) %}{% for b in range(1000) %}"
                                       "{% endfor %}{% endfor %}"))
    with pytest.raises(TemplateError, match="chạy quá lâu"):
        renderer.render(slow, {})
    fine = Template("tot.docx", _docx("Xin chào {{ x }}"))
    for _ in range(3):
        assert renderer.render(fine, {"x": "xã"})
    time.sleep(0.7)  # a deadline of a finished document fires on nothing


def test_ordinary_arithmetic_and_formatting_still_work():
    data = _render(_docx("{{ 2**10 }} {{ '-' * 20 }} {{ '%05d' % 42 }} {{ x|center(9) }} "
                         "{{ range(3)|list|length }}"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "1024 -------------------- 00042     a     3" in text


@pytest.mark.parametrize("tag", ["{{ 'a' * 10**9 }}", "{{ 10**(10**8) }}",
                                 "{{ x|center(10**9) }}", "{{ 'a'.ljust(10**9) }}",
                                 "{% for i in range(10**9) %}{% endfor %}",
                                 "{% for a in range(10**5) %}{% for b in range(10**5) %}"
                                 "{% endfor %}{% endfor %}"])
def test_templates_check_reports_runaway_constants(tmp_path, tag):
    path = tmp_path / "mau_thu.docx"
    path.write_bytes(_docx(tag))
    problems = [p for p in lint_template(path, {"x": "a"}) if p.level == "error"]
    assert problems, tag
    assert any(word in str(p) for p in problems for word in ("quá dài", "quá lớn"))


def _bomb(data: bytes) -> bytes:
    def add(name, content):
        if name is None:
            return []
        return content
    buffer = io.BytesIO(_edited(data, add))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        with package.open("word/media/zeros.bin", "w", force_zip64=True) as part:
            for _ in range(14):
                part.write(b"\0" * (16 * 1024 * 1024))
    return buffer.getvalue()


def test_a_template_that_is_a_zip_bomb_is_refused(tmp_path):
    data = _bomb(_docx("{{ x }}"))
    assert len(data) < 5 * 1024 * 1024
    with pytest.raises(TemplateError, match="mau_thu.docx.*bom nén"):
        _render(data)
    path = tmp_path / "mau_thu.docx"
    path.write_bytes(data)
    assert any("bom nén" in str(p) for p in lint_template(path, {"x": "a"}))


# --- 11. External links ------------------------------------------------------------------

_IMAGE = ('<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
          'relationships/image" Target="http://theo-doi.example/anh.png" TargetMode="External"/>')
_ATTACHED = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
             'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'attachedTemplate" Target="https://mau.example/Normal.dotm" TargetMode="External"/>'
             '</Relationships>')


def _remote_image(name, content):
    if name == "word/_rels/document.xml.rels":
        return content.replace(b"</Relationships>", _IMAGE.encode() + b"</Relationships>")
    return content if name else []


def _attached_template(name, content):
    if name is None:
        return [("word/_rels/settings.xml.rels", _ATTACHED.encode())]
    return content


def _field(instruction):
    run = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
           f'"preserve"> {instruction} </w:instrText></w:r><w:r><w:fldChar '
           f'w:fldCharType="end"/></w:r>')

    def edit(name, content):
        if name == "word/document.xml":
            return content.replace(b"</w:p>", run.encode() + b"</w:p>", 1)
        return content if name else []
    return edit


LINKED = {
    "anh_tu_xa": (_remote_image, "ảnh http://theo-doi.example/anh.png"),
    "mau_dinh_kem": (_attached_template, "mẫu đính kèm https://mau.example/Normal.dotm"),
    "includepicture": (_field('INCLUDEPICTURE "http://theo-doi.example/p.png" \\d'),
                       "trường INCLUDEPICTURE \"http://theo-doi.example/p.png\""),
    "includetext": (_field('INCLUDETEXT "\\\\\\\\may-chu\\\\chia-se\\\\a.docx"'),
                    "trường INCLUDETEXT"),
    "hyperlink": (_field('HYPERLINK "https://lua-dao.example/"'),
                  "trường HYPERLINK \"https://lua-dao.example/\""),
}


@pytest.mark.parametrize("case", sorted(LINKED))
def test_a_template_linking_outside_is_refused_naming_the_link(case):
    edit, described = LINKED[case]
    with pytest.raises(TemplateError) as raised:
        _render(_edited(_docx("Xin chào {{ x }}"), edit))
    message = str(raised.value)
    assert message.startswith("Mẫu mau_thu.docx: mẫu có liên kết tới bên ngoài (")
    assert described in message and "Word sẽ tải về khi mở văn bản" in message


@pytest.mark.parametrize("case", sorted(LINKED))
def test_templates_check_and_check_report_the_link(tmp_path, case):
    edit, described = LINKED[case]
    path = tmp_path / "mau_thu.docx"
    path.write_bytes(_edited(_docx("Xin chào {{ x }}"), edit))
    lint = [str(p) for p in lint_template(path, {"x": "a"}) if p.level == "error"]
    assert any(described in line for line in lint), lint
    report = check_document(path)
    assert any(v.rule == "lien_ket_ngoai" and described in v.message
               for v in report.violations), report.violations


def test_a_local_hyperlink_field_is_not_a_link_outside():
    data = _edited(_docx("Xin chào {{ x }}"), _field('HYPERLINK \\l "muc_2"'))
    assert _render(data)


def test_the_check_is_made_once_per_template_not_per_document(monkeypatch):
    from mttq_docs import render, template_guard
    calls = []
    real = template_guard.refuse_unsafe_package
    monkeypatch.setattr(render, "refuse_unsafe_package",
                        lambda *args: calls.append(1) or real(*args))
    renderer = Renderer()
    template = Template("mau_thu.docx", _docx("Xin chào {{ x }}"))
    for _ in range(5):
        renderer.render(template, {"x": "a"})
    assert len(calls) == 1
