"""Fill-in fields for commune staff, and collecting the filled drafts back."""

import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from mttq_docs import api, pdf
from mttq_docs.cli import main
from mttq_docs.fields import DOTS, read_fields

from .helpers import SHIPPED, docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TODAY = None


def fields_of(path):
    with zipfile.ZipFile(path) as package:
        return read_fields(package.read("word/document.xml"))


def type_into(path, values, target=None):
    """Type ``values`` ({tag: text}) into the fields of ``path`` as Word stores them: the
    control's content becomes one run with the text, and it no longer shows its placeholder."""
    with zipfile.ZipFile(path) as package:
        parts = {info: package.read(info) for info in package.infolist()}
    name = next(i for i in parts if i.filename == "word/document.xml")
    root = etree.fromstring(parts[name])
    for sdt in root.iter(f"{W}sdt"):
        pr = sdt.find(f"{W}sdtPr")
        if pr.find(f"{W}tag") is None:  # a control that is no field (the banner's picture)
            continue
        tag = pr.find(f"{W}tag").get(f"{W}val")
        if tag not in values:
            continue
        if pr.find(f"{W}showingPlcHdr") is not None:
            pr.remove(pr.find(f"{W}showingPlcHdr"))
        texts = list(sdt.find(f"{W}sdtContent").iter(f"{W}t"))
        texts[0].text = values[tag]
        for extra in texts[1:]:
            extra.text = ""
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts.items():
            package.writestr(info, data)
    (target or path).write_bytes(buffer.getvalue())


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "outputs"
    api.generate(SHIPPED, folder)
    return folder


def tracking_rows(out):
    book = openpyxl.load_workbook(out / "tinh" / "theo_doi_tien_do.xlsx")
    sheet = book["Tiến độ"]
    headers = [c.value for c in sheet[1]]
    return {row[0]: dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_kim_thanh_packet_has_at_least_eight_fields_with_tags_titles_placeholders(out):
    found = {}
    for path in (out / "kim_thanh").glob("0*.docx"):
        for value in fields_of(path):
            found[value.tag] = value
    assert len(found) >= 8
    assert {"dia_ban.thon", "hoi_nghi.ngay", "hoi_nghi.dia_diem", "bao_cao.kho_khan",
            "khach.ho_ten"} <= set(found)
    assert any(tag.startswith("bcd.ho_ten.chu_tich") for tag in found)  # named by position
    assert found["dia_ban.thon"].title == "Thôn được chọn"
    assert not any(v.filled for v in found.values())
    plan = docx_text(out / "kim_thanh" / "01_ke_hoach_chua_chon_xa.docx")
    # An empty field prints a dotted line to write on, not its prompt (print-ready drafts).
    assert f"Chọn thôn (khu dân cư) {DOTS} để xây dựng điểm mô hình" in plan
    assert "Nhập" not in plan


def test_known_values_are_filled_in_and_stay_editable(tmp_path):
    from .helpers import district_row, edited_workbook
    row = district_row("Kim Thành")
    book = edited_workbook(tmp_path, ("Phân công", row, "Ngày hội nghị", "05/08/2017"),
                           ("Phân công", row, "Địa điểm", "Nhà văn hóa thôn Đông"))
    api.generate(book, tmp_path / "o")
    values = {v.tag: v for v in fields_of(tmp_path / "o" / "kim_thanh" /
                                          "04_giay_moi_chua_chon_xa.docx")}
    assert values["hoi_nghi.ngay"].text == "ngày 05 tháng 8 năm 2017"
    assert values["hoi_nghi.dia_diem"].filled


def test_typed_values_land_in_the_tracking_workbook_against_district_and_field(out):
    typed = {}
    for path in sorted((out / "kim_thanh").glob("0*.docx")):
        values = {v.tag: f"Giá trị {v.tag} & <đã điền>" for v in fields_of(path)}
        type_into(path, values)
        typed.update(values)
    result = CliRunner().invoke(main, ["collect", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1/10 điểm đã gửi lại văn bản" in result.output
    assert "1/10 điểm điền đủ" in result.output
    rows = tracking_rows(out)
    kim_thanh = rows["Kim Thành"]
    assert kim_thanh["Hoàn thành (%)"] == 100
    titles = {v.tag: v.title for p in (out / "kim_thanh").glob("0*.docx") for v in fields_of(p)}
    for tag, text in typed.items():
        assert kim_thanh[titles[tag]] == text
    assert rows["Gia Lộc"]["Hoàn thành (%)"] == 0
    report = docx_text(out / "tinh" / "bao_cao_tong_hop.docx")
    assert "Giá trị bao_cao.kho_khan & <đã điền>" in report
    assert "Huyện Gia Lộc, (chưa chọn xã) (hoàn thành 0%): hội nghị (chưa báo cáo)" in report


def test_an_untouched_packet_is_zero_and_a_half_filled_one_has_its_share(out):
    path = out / "nam_sach" / "02_bao_cao_chua_chon_xa.docx"
    tags = [v.tag for v in fields_of(path)]
    all_tags = {v.tag for p in (out / "nam_sach").glob("0*.docx") for v in fields_of(p)}
    type_into(path, {tag: "Đã có" for tag in tags})
    result = api.collect(out)
    share = {p.point.district: p.percent for p in result.points}
    assert share["Nam Sách"] == round(100 * len(tags) / len(all_tags))
    assert 0 < share["Nam Sách"] < 100
    assert share["Tứ Kỳ"] == 0
    empty = openpyxl.load_workbook(out / "tinh" / "theo_doi_tien_do.xlsx")["Còn trống"]
    listed = {(r[0], r[3]) for r in empty.iter_rows(min_row=2, values_only=True)}
    assert ("Nam Sách", "dia_ban.thon") in listed
    assert ("Nam Sách", "bao_cao.kho_khan") not in listed


def test_copies_sent_back_are_read_and_broken_files_listed(out):
    folder = out / "thanh_ha"
    type_into(folder / "01_ke_hoach_chua_chon_xa.docx", {"dia_ban.thon": "Thôn Cũ"},
              target=folder / "01_ke_hoach_chua_chon_xa (ban xa gui).docx")
    (folder / "02_bao_cao_chua_chon_xa (2).docx").write_bytes(b"khong phai docx")
    result = api.collect(out)
    point = next(p for p in result.points if p.point.district == "Thanh Hà")
    assert point.value("dia_ban.thon") == "Thôn Cũ"
    assert [path for path, _ in result.unreadable] == ["thanh_ha/02_bao_cao_chua_chon_xa (2).docx"]


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice is not installed")
def test_values_survive_a_libreoffice_round_trip(out, tmp_path):
    source = out / "cam_giang" / "01_ke_hoach_chua_chon_xa.docx"
    filled = tmp_path / "01_ke_hoach_chua_chon_xa.docx"
    type_into(source, {"dia_ban.thon": "Thôn Lai Cách", "dia_ban.so_ho": "312"}, target=filled)
    converted = tmp_path / "lo"
    subprocess.run([pdf.find_soffice(), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "docx", "--outdir", str(converted),
                    str(filled)], check=True, capture_output=True, timeout=300)
    shutil.copyfile(converted / filled.name, source)
    point = {p.point.district: p for p in api.collect(out).points}["Cẩm Giàng"]
    assert point.value("dia_ban.thon") == "Thôn Lai Cách"
    assert point.value("dia_ban.so_ho") == "312"
    assert point.value("dia_ban.so_khau") == ""  # still showing its placeholder
    assert "dia_ban.so_khau" in point.empty
