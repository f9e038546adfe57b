"""Vietnamese text helpers: normalisation, official dates, ASCII names, sorting, amounts in words.

Every rule about how Vietnamese is written in an official document lives here, so that the
templates and the rest of the package never format a date or a number by themselves.
Sources: Nghị định 30/2020/NĐ-CP, Phụ lục I (date line, leading zeros, ``Số:``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

__all__ = [
    "nfc",
    "clean_text",
    "strip_diacritics",
    "ascii_slug",
    "upper",
    "official_date",
    "date_line",
    "month_year",
    "document_number",
    "two_digits",
    "sort_key",
    "format_amount",
    "amount_in_words",
]

# Characters that XML 1.0 forbids, plus the C1 controls that Excel users paste from other
# programs. Tab and newline are kept: they carry meaning inside a cell.
# U+E000–E002 are the markers of fill-in fields (fields.py): no cell may forge one.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\ue002\ufffe\uffff"
"""The characters :func:`clean_text` removes, as the inside of a regular expression's class."""
_CONTROL_CHARS = re.compile(f"[{CONTROL_CHARACTERS}]")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form Word and every font expect for Vietnamese."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> tuple[str, bool]:
    """Normalise a cell's text: NFC, unified line ends, no control characters, trimmed.

    Returns the cleaned text and whether control characters had to be removed, so that the
    caller can warn about the cell they came from.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _CONTROL_CHARS.sub("", text)
    return cleaned.strip(), cleaned != text


def strip_diacritics(text: str) -> str:
    """Vietnamese without tone and vowel marks: ``Đức Chính`` → ``Duc Chinh``.

    ``đ``/``Đ`` are letters of their own, not a ``d`` with a combining mark, so NFD does not
    split them; they are mapped by hand.
    """
    return text.translate(_STRIPPED)


class _Stripped(dict[int, str]):
    """For :meth:`str.translate`: each character without its marks, worked out the first
    time it is met (the file name of every place of a national plan is made from its name).

    Character by character is the same as the whole text: NFD decomposes each character on
    its own and only reorders marks, and every mark is dropped.
    """

    _LIMIT = 4096
    """Characters remembered at most (a hostile cell may hold thousands of distinct ones)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            stripped = "d" if char == "đ" else "D"
        else:
            stripped = "".join(ch for ch in unicodedata.normalize("NFD", char)
                               if not unicodedata.combining(ch))
        if len(self) < self._LIMIT:
            self[code] = stripped
        return stripped


_STRIPPED = _Stripped()


# The five tone marks (as combining characters); the vowel-shape marks (circumflex, breve,
# horn) are not tones and stay part of the letter.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@functools.lru_cache(maxsize=65536)  # a pure function of its text: asked for every row and unit
def name_key(text: str, *, fold_case: bool = True) -> str:
    """A name as compared, not shown: ``Hoè``, ``Hòe`` and `` hoè `` give the same key.

    Vietnamese has two habits of placing the tone mark in a syllable (``hoà``/``hòa``,
    ``thuỷ``/``thủy``); both mean the same name. The key keeps each syllable's letters with
    their vowel shapes, then its tone, in one place; spacing and the Unicode form (NFC/NFD) do
    not count, nor case unless ``fold_case`` is false.
    """
    words = []
    text = nfc(text)
    for word in (text.casefold() if fold_case else text).split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = [ch for ch in decomposed if ch in _TONE_MARKS]
        letters = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        words.append(nfc(letters) + "".join(tones[:1]))
    return " ".join(words)


_DATE_NUMBERS = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm\s*|/\s*)(\d{4})",
                         re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """A date as staff type it: ``29/6/2017``, ``29-06-2017``, ``29.6.2017`` or ``ngày 29
    tháng 6 năm 2017``; ``None`` when the text is not one date."""
    text = nfc(text)
    match = _DATE_NUMBERS.match(text) or _DATE_WORDS.search(text)
    if match is None:
        return None
    day, month, year = (int(group) for group in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


def ascii_slug(text: str, *, max_length: int = 60) -> str:
    """A file-name-safe ASCII form: ``Thanh Miện`` → ``thanh_mien``.

    Only ``a-z``, ``0-9`` and ``_`` survive, so the result can never hold a path separator,
    a drive letter or ``..``; Windows device names get a suffix. May return ``""``.
    """
    ascii_text = strip_diacritics(nfc(text)).lower()
    slug = _NOT_SLUG.sub("_", ascii_text).strip("_")
    slug = slug[:max_length].rstrip("_")
    if slug in _WINDOWS_RESERVED:
        slug += "_"
    return slug


def upper(text: str) -> str:
    """Upper-case with diacritics kept (``Hải Dương`` → ``HẢI DƯƠNG``), in NFC."""
    return nfc(nfc(text).upper())


def two_digits(number: int) -> str:
    """Numbers below 10 take a leading zero in official documents: 5 → ``05``."""
    return f"{number:02d}"


def _month(month: int) -> str:
    # NĐ30 Phụ lục I, II.4: only January and February take a leading zero ("tháng 01"),
    # so that "tháng 1" cannot be extended to "tháng 12" by hand.
    return f"{month:02d}" if month <= 2 else str(month)


def official_date(date: dt.date | None, *, year: int | None = None, blank: str = "…") -> str:
    """``ngày 05 tháng 3 năm 2017``; with no date, blanks to fill: ``ngày … tháng … năm 2017``."""
    if date is None:
        year_text = str(year) if year else blank
        return f"ngày {blank} tháng {blank} năm {year_text}"
    return f"ngày {two_digits(date.day)} tháng {_month(date.month)} năm {date.year}"


def date_line(place: str, date: dt.date | None, *, year: int | None = None, blank: str = "…") -> str:
    """The place and date line under the motto: ``Hải Dương, ngày 05 tháng 3 năm 2017``."""
    return f"{place}, {official_date(date, year=year, blank=blank)}"


def month_year(date: dt.date) -> str:
    """``8/2017``: the short month form used in running text ("trong tháng 8/2017")."""
    return f"{date.month}/{date.year}"


def document_number(number: str | int | None, symbol: str, *, blank: str = "…") -> str:
    """The ``Số:`` value: ``15/KH-MTTQ-BTT``; numbers below 10 get a leading zero.

    ``number`` may already carry its symbol (``"5/KH-MTTQ-BTT"``): the symbol given then
    wins only when the cell has none. An empty number leaves a blank for the clerk.
    """
    if number is None or str(number).strip() == "":
        return f"{blank}/{symbol}"
    text = str(number).strip()
    head, sep, tail = text.partition("/")
    if head.isdigit():
        head = two_digits(int(head))
    return f"{head}/{tail}" if sep else f"{head}/{symbol}"


# Vietnamese alphabetical order; tones are a secondary key (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_key(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, marks = decomposed[0], decomposed[1:]
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    letter = base
    for mark in marks:
        if mark == "\u0306":
            letter = "ă"
        elif mark == "\u0302":
            letter = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
        elif mark == "\u031b":
            letter = {"o": "ơ", "u": "ư"}.get(base, base)
    if letter in _ALPHABET:
        return _ALPHABET.index(letter), tone
    return len(_ALPHABET) + ord(letter), tone


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Key for sorting names in Vietnamese order (``Đ`` after ``D``, ``Â`` after ``Ă``)."""
    keys = [_letter_key(ch) for ch in nfc(text)]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def format_amount(amount: int) -> str:
    """Amounts with a dot between thousands, as Vietnamese documents write them: ``50.000.000``."""
    return f"{amount:,}".replace(",", ".")


def parse_count(text: str) -> int | None:
    """A whole number as people type it in a report: ``1.250``, ``1 250``, ``320 hộ``;
    ``None`` when the text holds no number or two (``300 - 320``)."""
    numbers = re.findall(r"\d{1,3}(?:[.\s]\d{3})+(?!\d)|\d+", text)
    if len(numbers) != 1:
        return None
    return int(re.sub(r"\D", "", numbers[0]))


def format_percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage with one decimal and a decimal comma: ``85,3``."""
    return f"{100 * part / whole:.1f}".replace(".", ",") if whole else ""


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _read_triple(number: int, *, leading: bool) -> list[str]:
    """Read 0–999. ``leading`` is true for the first group, which drops "không trăm"/"linh"."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _read_below_billion(number: int, *, leading: bool) -> list[str]:
    groups = [(number // 1_000_000, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, "")]
    words: list[str] = []
    for value, unit in groups:
        if value == 0:
            continue
        words += _read_triple(value, leading=leading and not words)
        if unit:
            words.append(unit)
    return words


def _read(number: int, *, leading: bool = True) -> list[str]:
    billions, rest = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _read(billions, leading=leading) + ["tỷ"]
    words += _read_below_billion(rest, leading=leading and not words)
    return words


def amount_in_words(amount: int, *, currency: str = "đồng") -> str:
    """Read an amount in words, capitalised: 50000000 → ``Năm mươi triệu đồng``.

    Follows the common reading of accounting documents: ``linh`` for a zero ten
    (``một trăm linh năm``), ``mốt`` and ``lăm`` after a ten, ``không trăm`` inside a
    number (``một triệu không trăm linh năm nghìn``), groups of ``nghìn``/``triệu``/``tỷ``.
    """
    if amount < 0:
        raise ValueError("amount_in_words: amount must not be negative")
    words = _read(amount) if amount else [_DIGITS[0]]
    text = " ".join(words + ([currency] if currency else []))
    return text[0].upper() + text[1:]
