import datetime as dt
import unicodedata

import pytest

from mttq_docs.vietnamese import (
    amount_in_words, ascii_slug, clean_text, date_line, document_number, format_amount,
    month_year, official_date, sort_key, strip_diacritics, upper,
)


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2017, 3, 5), "ngày 05 tháng 3 năm 2017"),
    (dt.date(2017, 1, 15), "ngày 15 tháng 01 năm 2017"),
    (dt.date(2017, 2, 9), "ngày 09 tháng 02 năm 2017"),
    (dt.date(2017, 12, 31), "ngày 31 tháng 12 năm 2017"),
    (dt.date(2017, 10, 1), "ngày 01 tháng 10 năm 2017"),
])
def test_official_date_leading_zeros(date, expected):
    assert official_date(date) == expected


def test_missing_date_leaves_blanks_with_the_year():
    assert official_date(None, year=2017, blank="…") == "ngày … tháng … năm 2017"
    assert date_line("Hải Dương", None, year=2017, blank="…") == "Hải Dương, ngày … tháng … năm 2017"


def test_date_line():
    assert date_line("Hải Dương", dt.date(2017, 8, 5)) == "Hải Dương, ngày 05 tháng 8 năm 2017"
    assert month_year(dt.date(2017, 8, 31)) == "8/2017"


@pytest.mark.parametrize(("number", "expected"), [
    (5, "05/KH-MTTQ-BTT"), ("15", "15/KH-MTTQ-BTT"), ("7/KH-MTTQ-BTT", "07/KH-MTTQ-BTT"),
    (None, "…/KH-MTTQ-BTT"), ("", "…/KH-MTTQ-BTT"),
])
def test_document_number(number, expected):
    assert document_number(number, "KH-MTTQ-BTT", blank="…") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thanh Miện", "thanh_mien"), ("Tứ Kỳ", "tu_ky"), ("Đức Chính", "duc_chinh"),
    ("Ứng Hoè", "ung_hoe"), ("../../etc/passwd", "etc_passwd"), ("C:\\Windows", "c_windows"),
    ("CON", "con_"), ("nul", "nul_"), ("   ", ""), ("Phúc Thành B", "phuc_thanh_b"),
])
def test_ascii_slug_is_safe_ascii(text, expected):
    assert ascii_slug(text) == expected


def test_slug_of_decomposed_text_equals_slug_of_composed():
    composed = "Cẩm Giàng"
    assert ascii_slug(unicodedata.normalize("NFD", composed)) == ascii_slug(composed) == "cam_giang"
    assert strip_diacritics("Đường Đông") == "Duong Dong"


def test_upper_keeps_diacritics():
    assert upper("tỉnh Hải Dương") == "TỈNH HẢI DƯƠNG"
    assert upper("xã đoàn tùng") == "XÃ ĐOÀN TÙNG"


@pytest.mark.parametrize("seed", range(4))
def test_strip_diacritics_character_by_character_is_nfd_of_the_whole_text(seed):
    """Characters are stripped one at a time from a table filled as they are met: the same
    as decomposing the whole text (NFD, decomposed input, marks in any order, other
    scripts) and dropping every mark."""
    import random

    rng = random.Random(seed)
    alphabet = ("aăâeêioôơuưyđĐAĂÂEÊIOÔƠUƯYĐ \u0300\u0301\u0303\u0309\u0323\u0302\u0306"
                "\u031bﬁÅΩǅ한국Ⅻ²😀\u0345")
    for _ in range(500):
        text = unicodedata.normalize(rng.choice(["NFC", "NFD"]), "".join(
            rng.choice(alphabet) for _ in range(rng.randrange(12))))
        decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        assert strip_diacritics(text) == "".join(
            ch for ch in decomposed if not unicodedata.combining(ch))


def test_clean_text_normalises_and_reports_control_characters():
    nfd = unicodedata.normalize("NFD", "Kim Thành")
    assert clean_text(f"  {nfd}\r\n") == ("Kim Thành", False)
    assert clean_text("a\x0bb\x01") == ("ab", True)


def test_vietnamese_sort_order():
    names = ["Đức Chính", "Dân Chủ", "Ân Thi", "An Bình", "Yết Kiêu", "Ứng Hòe", "Uy Nỗ", "Bình Lăng"]
    assert sorted(names, key=sort_key) == [
        "An Bình", "Ân Thi", "Bình Lăng", "Dân Chủ", "Đức Chính", "Uy Nỗ", "Ứng Hòe", "Yết Kiêu"]


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1000, "Một nghìn đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1015, "Một nghìn không trăm mười lăm đồng"),
    (1100, "Một nghìn một trăm đồng"),
    (15000, "Mười lăm nghìn đồng"),
    (250000, "Hai trăm năm mươi nghìn đồng"),
    (1000005, "Một triệu không trăm linh năm đồng"),
    (2000500, "Hai triệu năm trăm đồng"),
    (5000000, "Năm triệu đồng"),
    (50000000, "Năm mươi triệu đồng"),
    (105000000, "Một trăm linh năm triệu đồng"),
    (1000000000, "Một tỷ đồng"),
    (1234567891, "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng"),
    (2000000005, "Hai tỷ không trăm linh năm đồng"),
    (1001000000000, "Một nghìn không trăm linh một tỷ đồng"),
    (10**12, "Một nghìn tỷ đồng"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_amount_in_words_has_no_doubled_spaces_anywhere():
    for amount in list(range(0, 2000)) + [10**k + d for k in range(3, 13) for d in (0, 1, 5, 10, 15, 21)]:
        text = amount_in_words(amount)
        assert "  " not in text and text == text.strip()


def test_amount_in_words_rejects_negative():
    with pytest.raises(ValueError, match="negative"):
        amount_in_words(-1)


def test_format_amount():
    assert format_amount(50_000_000) == "50.000.000"
    assert format_amount(0) == "0"


@pytest.mark.parametrize(("typed", "number"), [
    ("320", 320), ("1.250", 1250), ("1 250", 1250), ("320 hộ", 320), ("khoảng 85", 85),
    ("300 - 320", None), ("", None), ("chưa có", None), ("12,5", None),
])
def test_a_count_as_people_type_it(typed, number):
    from mttq_docs.vietnamese import parse_count
    assert parse_count(typed) == number


def test_a_percentage_has_one_decimal_and_a_decimal_comma():
    from mttq_docs.vietnamese import format_percent
    assert format_percent(272, 320) == "85,0"
    assert format_percent(1272, 1570) == "81,0"
    assert format_percent(1, 3) == "33,3"
    assert format_percent(5, 0) == ""
