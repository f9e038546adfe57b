"""What `generate` writes from the shipped workbook, opened again with python-docx."""

import re
import unicodedata

import pytest
from docx import Document

from mttq_docs import api
from mttq_docs.documents import Layout
from mttq_docs.errors import WorkbookError
from mttq_docs.fields import DOTS
from mttq_docs.validation import load_plan

from .helpers import (
    LUMP_SUM, NO_ITEMS,
    SHIPPED, district_row, docx_lines, docx_text, edited_workbook, normalise, seed_lines,
)

DISTRICT_FOLDERS = ["binh_giang", "cam_giang", "gia_loc", "kim_thanh", "kinh_mon", "nam_sach",
                    "ninh_giang", "thanh_ha", "thanh_mien", "tu_ky"]
REGULATION = {"cam_giang": "quy_che", "nam_sach": "quy_che", "gia_loc": "quy_che"}


def packet(folder: str, point: str) -> list[str]:
    """The files of a district folder: its plan, then the eight documents of its point."""
    kinds = ["ke_hoach", "bao_cao", "khanh_tiet", "giay_moi", "chuong_trinh", "quyet_dinh_bcd",
             REGULATION.get(folder, "quy_uoc"), "cam_ket"]
    return ["00_danh_muc.docx", f"00_ke_hoach_huyen_{folder}.docx"] + [
        f"{i:02d}_{kind}_{point}.docx" for i, kind in enumerate(kinds, 1)]


def province_plan(out):
    return out / "tinh" / "01_ke_hoach_tinh_2017.docx"


def test_layout_province_and_ten_district_packets(shipped_output):
    folders = sorted(p.name for p in shipped_output.iterdir() if p.is_dir())
    assert folders == sorted(["tinh"] + DISTRICT_FOLDERS)
    assert sorted(p.name for p in (shipped_output / "tinh").iterdir()) == [
        "00_danh_muc.docx", "01_ke_hoach_tinh_2017.docx", "02_du_toan_2017.docx"]
    for folder in DISTRICT_FOLDERS:
        names = sorted(p.name for p in (shipped_output / folder).iterdir())
        assert names == packet(folder, "chua_chon_xa")


def test_documents_are_counted_without_being_made_and_a_folder_at_a_time(tmp_path):
    # A second point in one district.
    workbook = edited_workbook(tmp_path, append={"Phân công": [{
        "STT": 11, "Huyện": "Cẩm Giàng", "Xã/Thị trấn": "Tân Trường", "Mã mô hình": "NTM"}]})
    layout = Layout(load_plan(workbook).plan)
    every = list(layout.jobs())
    assert layout.count() == len(every) == 103 + 8
    folders = {place.name: place for place in layout.folders}
    assert [j.path for j in layout.folder_jobs(folders["Cẩm Giàng"])] == [
        j.path for j in every if j.path.parts[0] == "cam_giang"]
    assert [j.path for j in layout.folder_jobs(layout.places.province)] == [
        j.path for j in every if j.path.parts[0] == "tinh"]


def test_every_file_name_is_ascii_and_every_file_opens(shipped_output):
    files = list(shipped_output.rglob("*"))
    assert all(p.name.isascii() and " " not in p.name for p in files)
    docs = [p for p in files if p.suffix == ".docx"]
    assert len(docs) == 103
    for path in docs:
        assert Document(str(path)).paragraphs, path


def test_no_none_nan_or_template_code_left_in_any_document(shipped_output):
    for path in shipped_output.rglob("*.docx"):
        text = docx_text(path)
        for bad in ("None", "nan", "{{", "{%", "}}", "%}"):
            assert not re.search(rf"(?<!\w){re.escape(bad)}(?!\w)", text), (path, bad)


# --- The province plan against the seed -------------------------------------------------

# The 2017 seed's typing slips, corrected in the regenerated plan (README, "Những lỗi đánh máy
# của văn bản gốc đã được sửa"): (seed text, corrected text), applied in this order to each seed
# line before it is looked for in the plan. They are slips, not the authors' wording; everything
# else is word for word (spaces compared normalised: the seed's double space is one).
SEED_SLIPS = [
    ("điểu chỉnh", "điều chỉnh"),  # II.2.3.đ
    ("thực hiện. Chương trình", "thực hiện Chương trình"),  # II.2, the NTM model's name
    ("nhân ra diện rộng, (đánh giá", "nhân ra diện rộng (đánh giá"),  # II.2.3.b: ", (" …
    ("triển khai, thực hiện mô hình.", "triển khai, thực hiện mô hình)."),  # … never closed
    ("tỉnh qua (Ban Phong trào)", "tỉnh (qua Ban Phong trào)"),  # III.5: bracket misplaced
    ("Ban Thường trực uỷ ban", "Ban Thường trực Ủy ban"),  # III.3: lower-case name
    ("; Phát động", "; phát động"),  # II.2.3.c: capital after ";"
    ("; Phối hợp", "; phối hợp"),  # III.2: capital after ";"
    ("cấp uỷ Đảng, Chính quyền", "cấp ủy Đảng, chính quyền"),  # I: capital mid-sentence
    ("của Cấp ủy Đảng, Chính quyền", "của cấp ủy Đảng, chính quyền"),  # II.2.3.b
    ("báo cáo Cấp uỷ", "báo cáo cấp ủy"),  # III.2
    ("Uỷ", "Ủy"), ("uỷ", "ủy"),  # one spelling: the seed mixes both (21 to 3)
    ("a. Ban Thường trực", "a) Ban Thường trực"),  # points: "a)" … "đ)" (NĐ 30)
    ("b. Xây dựng", "b) Xây dựng"),
    ("c. Công tác", "c) Công tác"),
    ("d. Tổ chức hội nghị", "d) Tổ chức hội nghị"),
    ("đ. MTTQ các cấp", "đ) MTTQ các cấp"),
    ("-Ban Thường trực", "- Ban Thường trực"),  # Nơi nhận: no space after the dash
]

# Where the plan differs from the seed on purpose, by a rule of the official format
# (NĐ 30/2020) that the 2017 file did not follow.
FORMAT_DIFFERENCES = {
    "- Lưu.": "- Lưu: VT, BPT.",  # "Lưu: VT, <drafting unit>."
    "để thống nhất thực hiện.": "để thống nhất thực hiện./.",  # the end mark
}


def corrected_seed_lines() -> list[str]:
    """The seed's lines with its slips corrected and the format's differences made."""
    lines = []
    for line in seed_lines():
        for slip, correction in SEED_SLIPS:
            line = line.replace(slip, correction)
        for old, new in FORMAT_DIFFERENCES.items():
            if line.endswith(old):
                line = line[:-len(old)] + new
        lines.append(normalise(line))
    return lines


# Capitalised words that may follow "; " (proper nouns); none does in the plan today.
PROPER_AFTER_SEMICOLON = ("Ban", "Ủy", "MTTQ", "Mặt", "Đảng", "Nhà", "UBND", "HĐND")
# Common nouns the seed capitalised mid-sentence.
LOWER_MID_SENTENCE = ("Cấp ủy", "Cấp uỷ", "Chính quyền", "Phối hợp", "Phát động")


def slips(lines: list[str]) -> list[str]:
    """The typing slips of the 2017 seed found in ``lines``, one message each."""
    found = []
    for line in lines:
        line = unicodedata.normalize("NFC", line)
        if re.search(r"(?i)(?<!q)u[ỳýỷỹỵ](?!\w)|o[àáảãạèéẻẽẹ](?!\w)", line):
            found.append(f"old place of the tone mark (Uỷ, hoà): {line!r}")
        if re.search(r"\b(?:ủy|uỷ) ban MTTQ", line):
            found.append(f"lower-case 'ủy ban MTTQ': {line!r}")
        if "điểu" in line:
            found.append(f"'điểu': {line!r}")
        if re.search(r"\w\. Chương trình", line):
            found.append(f"full stop inside a name ('. Chương trình'): {line!r}")
        depth = 0
        for char in re.sub(r"^[a-eđ]\) ", "", line):  # a point's letter "a)" opens nothing
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                break
        if depth:
            found.append(f"unbalanced parentheses: {line!r}")
        if ", (" in line:
            found.append(f"comma before a parenthesis: {line!r}")
        if "qua (" in line:
            found.append(f"'qua' outside its parenthesis: {line!r}")
        for word in re.findall(r"; (\w+)", line):
            if word[0].isupper() and word not in PROPER_AFTER_SEMICOLON:
                found.append(f"capital after ';' ({word}): {line!r}")
        for noun in LOWER_MID_SENTENCE:
            if re.search(rf"[\w,] {noun}", line):
                found.append(f"capital mid-sentence ({noun}): {line!r}")
        if re.match(r"[a-eđ]\. ", line):
            found.append(f"point lettered '{line[0]}.' (NĐ 30: '{line[0]})'): {line!r}")
        if re.match(r"[-+]\S", line):
            found.append(f"no space after the dash: {line!r}")
        if "  " in line.strip():
            found.append(f"double space: {line!r}")
    return found


def test_the_slip_list_is_needed_and_complete():
    """Each correction changes a seed line, and the corrected seed has no slip left."""
    seed = seed_lines()
    for slip, _ in SEED_SLIPS:
        assert any(slip in line for line in seed), f"not in the seed: {slip!r}"
    assert len(slips(seed)) >= 30  # the checker sees the seed's slips
    assert slips(corrected_seed_lines()) == []


def test_province_plan_has_none_of_the_seeds_slips(shipped_output):
    lines = docx_lines(province_plan(shipped_output))
    assert slips(lines) == []
    text = "\n".join(lines)
    assert "Uỷ" not in text and "uỷ" not in text and text.count("Ủy ban") >= 20
    points = [line[:3] for line in lines if re.match(r"[a-eđ]\) ", line)]
    assert points == ["a) ", "b) ", "c) ", "d) ", "đ) "]


def test_province_plan_contains_every_seed_line_in_order(shipped_output):
    """Section by section: every line of the seed, its slips corrected, in the seed's order."""
    generated = [normalise(line) for line in docx_lines(province_plan(shipped_output))]
    position = -1
    for wanted in corrected_seed_lines():
        matches = [i for i, line in enumerate(generated) if line == wanted and i > position]
        assert matches, f"seed line missing or out of order: {wanted!r}"
        position = matches[0]


def test_province_plan_assignment_lines_are_the_seeds(shipped_output):
    generated = [normalise(l) for l in docx_lines(province_plan(shipped_output))
                 if l.startswith("- MTTQ huyện")]
    seed = [l for l in corrected_seed_lines() if l.startswith("- MTTQ huyện")]
    assert generated == seed
    assert len(generated) == 5


def test_province_plan_header_block_and_signature(shipped_output):
    lines = docx_lines(province_plan(shipped_output))
    assert lines[:7] == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH HẢI DƯƠNG", "BAN THƯỜNG TRỰC", "",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    assert "Số: ……/KH-MTTQ-BTT" in lines
    assert "Hải Dương, ngày …… tháng …… năm 2017" in lines
    recipients = lines[lines.index("Nơi nhận:") + 1:]
    assert recipients[:5] == ["- Ban TT Ủy ban TW MTTQ Việt Nam;",
                              "- Ban Thường trực Ủy ban MTTQ tỉnh;",
                              "- Ban Phong trào Ủy ban MTTQ tỉnh;",
                              "- Ban Thường trực Ủy ban MTTQ 10 huyện theo kế hoạch;",
                              "- Lưu: VT, BPT."]
    assert "TM. BAN THƯỜNG TRỰC" in recipients and "PHÓ CHỦ TỊCH" in recipients


def test_plan_number_date_and_signer_from_the_workbook(tmp_path):
    book = edited_workbook(tmp_path, ("Kế hoạch", "Số kế hoạch", "Giá trị", 5),
                           ("Kế hoạch", "Ngày ban hành", "Giá trị", "06/02/2017"),
                           ("Kế hoạch", "Người ký", "Giá trị", "Nguyễn Văn An"))
    out = tmp_path / "out"
    api.generate(book, out)
    lines = docx_lines(province_plan(out))
    assert "Số: 05/KH-MTTQ-BTT" in lines
    assert "Hải Dương, ngày 06 tháng 02 năm 2017" in lines
    assert lines[-1] == "Nguyễn Văn An"
    commune_plan = docx_text(out / "kim_thanh" / "01_ke_hoach_chua_chon_xa.docx")
    assert "Thực hiện Kế hoạch số 05/KH-MTTQ-BTT ngày 06 tháng 02 năm 2017 của Ban Thường trực" \
           " Ủy ban MTTQ tỉnh Hải Dương" in commune_plan


def test_changing_a_districts_model_moves_its_assignment_line(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", district_row("Kinh Môn"), "Mã mô hình", "BVMT"))
    out = tmp_path / "out"
    api.generate(book, out)
    lines = [normalise(l) for l in docx_lines(province_plan(out)) if l.startswith("- MTTQ huyện")]
    assert lines == [
        '- MTTQ huyện Cẩm Giàng phối hợp triển khai nhân rộng mô hình "Ban thanh tra nhân dân '
        'thực hiện giám sát đầu tư của cộng đồng".',
        '- MTTQ huyện Kinh Môn, Kim Thành, Thanh Miện phối hợp nhân rộng mô hình "Khu dân cư '
        'tự quản BVMT".',
        '- MTTQ huyện Bình Giang phối hợp triển khai nhân rộng mô hình "Khu dân cư tự quản đảm '
        'bảo ANTT".',
        '- MTTQ huyện Ninh Giang, Thanh Hà, Tứ Kỳ phối hợp nhân rộng mô hình "Thực hiện nếp '
        'sống văn minh trong việc tang".',
        '- MTTQ huyện Nam Sách, Gia Lộc phối hợp triển khai nhân rộng mô hình "Ban công tác '
        'Mặt trận tham gia vận động nhân dân thực hiện Chương trình mục tiêu quốc gia xây dựng '
        'nông thôn mới".',
    ]
    kinh_mon = docx_text(out / "kinh_mon" / "01_ke_hoach_chua_chon_xa.docx")
    assert "Khu dân cư tự quản bảo vệ môi trường" in kinh_mon
    assert "an ninh trật tự" not in kinh_mon


def test_counts_in_the_plan_follow_the_workbook(tmp_path):
    book = edited_workbook(tmp_path, append={"Phân công": [
        {"Huyện": "Kim Thành", "Xã/Thị trấn": "Cổ Dũng", "Mã mô hình": "ANTT"}]})
    out = tmp_path / "out"
    api.generate(book, out)
    text = docx_text(province_plan(out))
    assert "2.1. Số lượng: 11 điểm (của 05 mô hình)." in text
    assert "Tại 10 huyện" in text
    assert sorted(p.name for p in (out / "kim_thanh").iterdir())[2:4] == [
        "01_ke_hoach_diem_04.docx", "01_ke_hoach_xa_co_dung.docx"]


# --- Commune documents -----------------------------------------------------------------

MODEL_OF_FOLDER = {"cam_giang": "GSDT", "kinh_mon": "ANTT", "kim_thanh": "BVMT",
                   "ninh_giang": "VIECTANG", "nam_sach": "NTM"}
MODEL_MARKERS = {
    "BVMT": ("Khu dân cư tự quản bảo vệ môi trường", "Phân loại rác thải sinh hoạt tại nguồn",
             "Luật Bảo vệ môi trường số 55/2014/QH13", "Tổ tự quản bảo vệ môi trường"),
    "ANTT": ("Khu dân cư tự quản đảm bảo an ninh trật tự", "Đăng ký tạm trú, tạm vắng",
             "Thông tư số 23/2012/TT-BCA", "Công an xã"),
    "NTM": ("Chương trình mục tiêu quốc gia xây dựng nông thôn mới", "hiến đất",
            "Quyết định số 1980/QĐ-TTg", "Quy chế"),
    "GSDT": ("Ban thanh tra nhân dân thực hiện giám sát đầu tư của cộng đồng",
             "Bảo vệ, giữ gìn các công trình", "Nghị định số 159/2016/NĐ-CP", "Quy chế"),
    "VIECTANG": ("Thực hiện nếp sống văn minh trong việc tang", "quá 48 giờ",
                 "Quyết định số 308/2005/QĐ-TTg", "Ban vận động"),
}


@pytest.mark.parametrize("folder", sorted(MODEL_OF_FOLDER))
def test_commune_plan_content_comes_from_its_model(shipped_output, folder):
    code = MODEL_OF_FOLDER[folder]
    text = docx_text(shipped_output / folder / "01_ke_hoach_chua_chon_xa.docx")
    for marker in MODEL_MARKERS[code]:
        assert marker in text, (folder, marker)
    for other, markers in MODEL_MARKERS.items():
        if other != code:
            assert markers[2] not in text, (folder, other)


def test_commune_plan_structure_and_blanks(shipped_output):
    lines = docx_lines(shipped_output / "kim_thanh" / "01_ke_hoach_chua_chon_xa.docx")
    assert lines[:3] == ["ỦY BAN MTTQ VIỆT NAM", "XÃ/THỊ TRẤN ………………", "BAN THƯỜNG TRỰC"]
    assert "Số: ……/KH-MTTQ-BTT" in lines
    assert "………………, ngày …… tháng …… năm 2017" in lines
    assert "tại xã/thị trấn ………………, huyện Kim Thành năm 2017" in lines
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THỰC HIỆN", "III. THỜI GIAN THỰC HIỆN",
                    "IV. KINH PHÍ", "V. TỔ CHỨC THỰC HIỆN"):
        assert heading in lines
    assert "Hoàn thành các nội dung của kế hoạch trong tháng 8/2017; báo cáo kết quả về Ban " \
           "Thường trực Ủy ban MTTQ huyện Kim Thành." in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- Ban Thường trực Ủy ban MTTQ huyện (để b/c);"
    assert "- Lưu: VT." in lines
    assert lines[-1] == "………………"  # signer's name, to type


def test_commune_documents_with_a_chosen_commune_and_date(tmp_path):
    row = district_row("Thanh Miện")
    book = edited_workbook(tmp_path, ("Phân công", row, "Xã/Thị trấn", "Ngô Quyền"),
                           ("Phân công", row, "Ngày hội nghị", "05/08/2017"),
                           ("Phân công", row, "Địa điểm", "Nhà văn hóa thôn Đông"),
                           LUMP_SUM, drop=NO_ITEMS)
    out = tmp_path / "out"
    api.generate(book, out)
    folder = out / "thanh_mien"
    assert sorted(p.name for p in folder.iterdir()) == packet("thanh_mien", "xa_ngo_quyen")
    plan = docx_lines(folder / "01_ke_hoach_xa_ngo_quyen.docx")
    assert plan[1] == "XÃ NGÔ QUYỀN"
    assert "Ngô Quyền, ngày …… tháng …… năm 2017" in plan
    assert "- Thời gian: ngày 05 tháng 8 năm 2017." in plan
    assert "- Địa điểm: Nhà văn hóa thôn Đông." in plan
    assert any("(5.000.000 đồng/hội nghị)" in line for line in plan)
    banner = docx_lines(folder / "03_khanh_tiet_xa_ngo_quyen.docx")
    # The emblem's box holds a picture control (no printed instruction); the model's name
    # has typographic quotes and its last two words joined by a no-break space.
    assert banner == ["ỦY BAN MTTQ VIỆT NAM XÃ NGÔ QUYỀN", "BIỂU TRƯNG MẶT TRẬN",
                      "", "HỘI NGHỊ", "Triển khai nhân rộng mô hình",
                      "“Khu dân cư tự quản bảo vệ môi\u00a0trường”",
                      "Ngô Quyền, ngày 05 tháng 8 năm 2017"]
    invitation = docx_lines(folder / "04_giay_moi_xa_ngo_quyen.docx")
    assert "Ban Thường trực Ủy ban MTTQ xã Ngô Quyền trân trọng kính mời:" in invitation
    assert "Thời gian: ……, ngày 05 tháng 8 năm 2017." in invitation
    assert "Địa điểm: Nhà văn hóa thôn Đông." in invitation


def test_report_outline_follows_seed_section_II_2_3_b(shipped_output):
    lines = docx_lines(shipped_output / "gia_loc" / "02_bao_cao_chua_chon_xa.docx")
    assert "BÁO CÁO" in lines
    assert "Kính gửi: Ban Thường trực Ủy ban MTTQ huyện Gia Lộc." in lines
    # Seed II.2.3.b (directives, steering committee, regulations, assessment: fit,
    # feasibility, funding, difficulties), in a full report's frame (domain notes §2.4).
    for item in ("I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN",
                 "a) Văn bản lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền địa phương",
                 "b) Kiện toàn, thành lập Ban Chỉ đạo xây dựng mô hình",
                 "c) Xây dựng Quy chế và việc lấy ý kiến nhân dân",
                 "2. Công tác tuyên truyền, vận động", "3. Kết quả cụ thể", "4. Đánh giá chung",
                 "a) Ưu điểm; tính phù hợp với điều kiện thực tế của địa phương",
                 "b) Tính khả thi để nhân ra diện rộng", "c) Tình hình kinh phí thực hiện",
                 "d) Hạn chế, khó khăn, vướng mắc và nguyên nhân", "5. Bài học kinh nghiệm",
                 "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert item in lines
    assert "Số: ……/BC-MTTQ-BTT" in lines
    # The addressee is "Như trên", not named again.
    recipients = lines[lines.index("Nơi nhận:") + 1:]
    assert recipients[0] == "- Như trên;"
    assert not any("MTTQ huyện" in line for line in recipients[:4])


def test_invitation_guest_list_and_recipients(shipped_output):
    lines = docx_lines(shipped_output / "tu_ky" / "04_giay_moi_chua_chon_xa.docx")
    assert "GIẤY MỜI" in lines and "Số: ……/GM-MTTQ-BTT" in lines
    guests = Document(str(shipped_output / "tu_ky" / "04_giay_moi_chua_chon_xa.docx")).tables[-1]
    rows = [[c.text for c in row.cells] for row in guests.rows]
    assert rows[0] == ["STT", "Thành phần", "Số lượng"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 9)]
    assert rows[5][1] == ("Bí thư chi bộ, Trưởng thôn, Trưởng ban công tác Mặt trận các thôn, "
                          "khu dân cư")
    # Every model's guests, then the funeral model's own.
    assert rows[8][1].startswith("Công chức Văn hóa - Xã hội xã")
    recipients = lines[lines.index("Nơi nhận:") + 1:lines.index("Nơi nhận:") + 3]
    assert recipients == ["- Như thành phần mời;", "- Lưu: VT."]


def test_page_setup_and_fonts(shipped_output):
    for path in shipped_output.rglob("*.docx"):
        document = Document(str(path))
        section = document.sections[0]
        landscape = "khanh_tiet" in path.name
        size = (round(section.page_width.mm), round(section.page_height.mm))
        assert size == ((297, 210) if landscape else (210, 297)), path
        if not landscape:
            margins = [section.top_margin, section.bottom_margin, section.left_margin,
                       section.right_margin]
            assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
            one_page = "cam_ket" in path.name
            assert section.different_first_page_header_footer or one_page, path
        assert document.styles["Normal"].font.name == "Times New Roman"
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                assert run.font.name in (None, "Times New Roman"), (path, run.text)


def test_cells_are_data_not_template_code(tmp_path):
    hostile = '{{ 7*7 }} {% if x %} & <b>"q"</b> \'s\' <w:p> 😀'
    row = district_row("Gia Lộc")
    book = edited_workbook(tmp_path, ("Phân công", row, "Địa điểm", hostile))
    out = tmp_path / "out"
    api.generate(book, out)
    lines = docx_lines(out / "gia_loc" / "01_ke_hoach_chua_chon_xa.docx")
    assert f"- Thời gian: {DOTS}." in lines and f"- Địa điểm: {hostile}." in lines


def test_a_workbook_with_errors_writes_nothing(tmp_path):
    book = edited_workbook(tmp_path, ("Phân công", 4, "Mã mô hình", "BVTM"))
    out = tmp_path / "out"
    with pytest.raises(WorkbookError):
        api.generate(book, out)
    assert not out.exists()


def test_init_copies_the_shipped_workbook(tmp_path):
    target = api.init(tmp_path / "moi").workbook
    assert target.name == "moi.xlsx"
    assert target.read_bytes() == SHIPPED.read_bytes()
    with pytest.raises(Exception, match="đã có"):
        api.init(tmp_path / "moi")
