"""Rendering edited templates: unknown variables, syntax errors and unsafe code are refused."""

import shutil

import docx
import pytest

from mttq_docs import api
from mttq_docs.errors import TemplateError
from mttq_docs.render import Renderer, Template, render

from .helpers import SHIPPED, small_workbook


def edited_templates(tmp_path, name, text):
    folder = tmp_path / "mau"
    shutil.copytree(api.DEFAULT_TEMPLATES, folder)
    document = docx.Document(str(folder / name))
    document.add_paragraph(text)
    document.save(str(folder / name))
    return folder


def generation_fails(tmp_path, name, text) -> str:
    """Generate with ``text`` added to template ``name``; the error's message. Nothing may
    have been written."""
    templates = edited_templates(tmp_path, name, text)
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        api.generate(SHIPPED, out, templates=templates)
    assert not out.exists()
    assert f"Mẫu {name}" in caught.value.message
    return caught.value.message


def test_unknown_variable_names_template_and_variable_and_writes_nothing(tmp_path):
    message = generation_fails(tmp_path, "giay_moi.docx", "Kính gửi {{ nguoi_nhan_thu }}")
    assert "nguoi_nhan_thu" in message


def test_sandbox_refuses_python_internals_and_runs_nothing(tmp_path):
    marker = tmp_path / "da_chay"
    payload = "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"
    assert "bị chặn" in generation_fails(tmp_path, "bao_cao.docx", payload)
    assert not marker.exists()


def test_markup_a_template_breaks_is_an_error_not_silently_repaired(tmp_path):
    """docxtpl parses the body with recover=True; the body is parsed strictly first."""
    assert "XML hỏng" in generation_fails(tmp_path, "khanh_tiet.docx", '{{ "<w:r>" | safe }}')


def test_syntax_error_names_the_template_and_nearby_text(tmp_path):
    templates = edited_templates(tmp_path, "ke_hoach.docx", "Địa điểm: {{ hoi_nghi.dia_diem ")
    with pytest.raises(TemplateError) as caught:
        api.generate(SHIPPED, tmp_path / "out", templates=templates)
    message = caught.value.message
    assert message.startswith("Mẫu ke_hoach.docx: lỗi cú pháp")
    assert "Địa điểm" in message


def test_word_curly_quotes_inside_a_tag_still_render(tmp_path):
    templates = edited_templates(tmp_path, "ke_hoach.docx", "{{ “Có” if nam else “Không” }}")
    out = tmp_path / "out"
    api.generate(SHIPPED, out, templates=templates)
    text = "\n".join(p.text for p in docx.Document(
        str(out / "kim_thanh" / "01_ke_hoach_chua_chon_xa.docx")).paragraphs)
    assert "Có" in text


def test_missing_template_is_named(tmp_path):
    folder = tmp_path / "mau"
    shutil.copytree(api.DEFAULT_TEMPLATES, folder)
    (folder / "khanh_tiet.docx").unlink()
    with pytest.raises(TemplateError, match="khanh_tiet.docx"):
        api.generate(SHIPPED, tmp_path / "out", templates=folder)


def test_a_template_object_is_never_reused_between_documents():
    template = Template.load(api.DEFAULT_TEMPLATES / "khanh_tiet.docx")
    context = {"co_quan_chu_quan": "A", "co_quan_cap": "B", "mo_hinh": {"ten": "M1"},
               "hoi_nghi": {"dia_danh_ngay": "D"}}
    first = render(template, context)
    second = render(template, {**context, "mo_hinh": {"ten": "M2"}})
    import io
    texts = ["\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
             for data in (first, second)]
    assert "“M1”" in texts[0] and "“M2”" in texts[1] and "M1" not in texts[1]


def test_a_rerun_makes_again_only_the_trials_whose_template_changed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = api.generate(SHIPPED, out)
    assert (out / ".mttq-docs-trials.json").exists()
    rendered = []
    real_render = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda self, t, c: rendered.append(t.name)
                        or real_render(self, t, c))
    again = api.prepare(SHIPPED, out=out)
    assert rendered == []
    assert again.format_warnings == first.format_warnings
    # A clerk edits one template: its trial is made again, and its new fault reported.
    templates = edited_templates(tmp_path, "giay_moi.docx", "Kính gửi {{ ten_xa }}")
    document = docx.Document(str(templates / "giay_moi.docx"))
    document.sections[0].left_margin = docx.shared.Mm(10)
    document.save(str(templates / "giay_moi.docx"))
    edited = api.prepare(SHIPPED, templates=templates, out=out)
    assert rendered == ["giay_moi.docx"]
    assert any("giay_moi.docx" in w and "lề trái" in w.lower() for w in edited.format_warnings)


def test_a_changed_row_calls_for_no_new_trial(tmp_path, monkeypatch):
    """The trials stand for the templates: the first point of each model is their sample,
    and a change of its venue or date (a re-run's usual case) renders no trial again."""
    out = tmp_path / "out"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), out)
    rendered = []
    real_render = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda self, t, c: rendered.append(t.name)
                        or real_render(self, t, c))
    changed = small_workbook(tmp_path / "v2.xlsx", **{"Địa điểm": "Nhà văn hóa thôn Đông",
                                                       "Ngày hội nghị": "20/09/2017"})
    api.prepare(changed, out=out)
    assert rendered == []


def test_an_unreadable_trials_file_only_means_the_trials_are_made_again(tmp_path):
    out = tmp_path / "out"
    first = api.generate(SHIPPED, out)
    (out / ".mttq-docs-trials.json").write_text("{hỏng", encoding="utf-8")
    again = api.generate(SHIPPED, out)
    assert again.format_warnings == first.format_warnings
    assert again.counts() == {"unchanged": 103}
    assert "hỏng" not in (out / ".mttq-docs-trials.json").read_text(encoding="utf-8")
