"""canonical() returns a text that needs no change as it is (its quick answer for the usual
cell, issue 20), and any other text as its full treatment does: both compared with the full
treatment alone, as it was before the quick answer, on drawn and hand-picked texts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mttq_docs.cells import canonical
from mttq_docs.vietnamese import clean_text, nfc

_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile("[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def full_treatment(text: str) -> tuple[str, bool]:
    """canonical() as it was before its quick answer."""
    text, had_controls = clean_text(text)
    if text.isascii() and "  " not in text and " \n" not in text and "\n " not in text:
        return text, had_controls
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    text = "\n".join(line.strip(" ") for line in text.split("\n")).strip()
    return nfc(text), had_controls


# Letters of Vietnamese in both Unicode forms, every kind of space and line end, controls,
# invisible characters, markers of fill-in fields.
TRICKY = ("aăâeêioôơuưyđAĐ Hà Nội Tứ Kỳ Hoà Hòa \u0301\u0300\u0323 \t\n\r\x0b\x0c\x1c\x1f"
          "\x7f\x85\x9f\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\u00ad\u200b"
          "\u200d\u2060\ufeff\ue000\ue001\ufffe#/.-0123456789")


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=30) | st.text(max_size=30))
def test_canonical_gives_what_the_full_treatment_gives(text):
    assert canonical(text) == full_treatment(text)


def test_canonical_on_hand_picked_texts():
    for text in ["", " ", "Hải Dương", "Hai\u0309 Dương", "Tứ\u200bKỳ", "Tứ  Kỳ", "a \nb",
                 "a\n b", "a\r\nb", " a", "a ", "\ta", "a\t", "a\u2028", "\u3000a", "x\x7fy",
                 "Nhà văn hóa thôn Đông", "12/08/2017", "a\tb", "a\u2028b", "ĐỨC"]:
        assert canonical(text) == full_treatment(text), repr(text)
