"""The command line: wiring, messages and exit codes (the library is tested elsewhere)."""

from click.testing import CliRunner

from mttq_docs.cli import main

from .helpers import SHIPPED, edited_workbook


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_help_on_every_command():
    for command in ([], ["generate"], ["validate"], ["init"]):
        result = run(*command, "--help")
        assert result.exit_code == 0
        assert "Cách dùng" in result.output


def test_validate_shipped_workbook_passes_with_warnings():
    result = run("validate", "--input", SHIPPED)
    assert result.exit_code == 0, result.output
    assert "Bảng tính hợp lệ: 5 mô hình, 10 điểm ở 10 huyện (kế hoạch ba cấp" in result.output
    assert "chưa chọn xã/thị trấn" in result.output


def test_unknown_model_code_is_refused_by_validate_and_generate(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 5, "Mã mô hình", "BVTM"))
    expected = ("Phân công, dòng 5, cột Mã mô hình: 'BVTM' không có trong sheet Mô hình — "
                "có phải 'BVMT'?")
    result = run("validate", "--input", book)
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out"
    result = run("generate", "--input", book, "--out", out)
    assert result.exit_code == 1
    assert expected in result.output
    assert not out.exists()


def test_not_a_workbook_gets_one_line(tmp_path):
    fake = tmp_path / "ke_hoach.xlsx"
    fake.write_text("xin chào", encoding="utf-8")
    result = run("generate", "--input", fake, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "không phải bảng tính Excel .xlsx hợp lệ" in result.output
    assert not (tmp_path / "out").exists()


def test_generate_prints_a_summary(tmp_path):
    out = tmp_path / "out"
    result = run("generate", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Đã xử lý 103 văn bản trong {out}: 103 tạo mới." in result.output
    assert len(list(out.rglob("*.docx"))) == 103


def test_init_writes_a_starter_workbook_and_will_not_overwrite(tmp_path):
    folder = tmp_path / "ke_hoach_2018"
    result = run("init", folder)
    assert result.exit_code == 0
    assert (folder / "ke_hoach_2018.xlsx").read_bytes() == SHIPPED.read_bytes()
    again = run("init", folder)
    assert again.exit_code == 1
    assert "đã có" in again.output
    assert run("init", folder, "--force").exit_code == 0
