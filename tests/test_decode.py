"""converters/decode.py: UTF-8/UTF-16/CP1258 and the legacy Vietnamese font encodings
TCVN3 (ABC) and VNI, on byte strings written from the encoding tables and on real
sentences of the samples (round trip)."""
import re
import unicodedata

import pytest
from conftest import SAMPLES

from converters import errors
from converters.formats import decode

# "Cộng hoà xã hội chủ nghĩa Việt Nam / Độc lập - Tự do - Hạnh phúc / Người dân được thực hiện"
# written byte by byte from the TCVN3 (VN3) and VNI-Windows tables, not by our encoder.
TCVN3_BYTES = (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\n"
               b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c\n"
               b"Ng\xad\xeai d\xa9n \xae\xad\xeec th\xf9c hi\xd6n")
VNI_BYTES = (b"Co\xe4ng hoa\xf8 xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\n"
             b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c\n"
             b"Ng\xf6\xf4\xf8i da\xe2n \xf1\xf6\xf4\xefc th\xf6\xefc hie\xe4n")
EXPECTED = ("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
            "Người dân được thực hiện")


QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "…": "..."})


def legacy_safe(text):
    """Legacy font encodings hold ASCII and Vietnamese letters only (curly quotes were font glyphs)."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES)
    return "".join(c for c in text if c.isascii() or c in decode.VIETNAMESE_LETTERS)


def sample_sentences(limit=40):
    """Real sentences (one per line) from the five samples, NFC."""
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"<[^>]+>|\*+", "", line).strip()
            line = line.translate(QUOTES)
            if len(line) > 60 and any(ord(c) > 0x7F for c in line):
                out.append(legacy_safe(line))
    return out[::max(1, len(out) // limit)]


@pytest.mark.parametrize("data, encoding", [(TCVN3_BYTES, "tcvn3"), (VNI_BYTES, "vni"),
                                            (EXPECTED.encode("cp1258", "ignore") and None, "cp1258")])
def test_table_bytes_decode(data, encoding):
    if data is None:  # CP1258 from Python's own codec (Windows writes tones as combining bytes)
        data = decode.to_cp1258(EXPECTED)
        assert b"\xf2" in data  # the combining dot below of "ộ"
    got = decode.decode_text(data, "x.txt")
    assert got.encoding == encoding
    assert got.text == EXPECTED
    assert len(got.warnings) == 1 and "Unicode" in got.warnings[0]


def test_legacy_text_copied_into_unicode_is_converted():
    for raw, enc in ((TCVN3_BYTES, "tcvn3"), (VNI_BYTES, "vni")):
        got = decode.decode_text(raw.decode("latin-1").encode("utf-8"), "x.txt")
        assert got.encoding == f"{enc}-in-unicode"
        assert got.text == EXPECTED


@pytest.mark.parametrize("sentence", sample_sentences())
def test_round_trip_vni_and_cp1258_on_sample_sentences(sentence):
    assert decode.from_vni(decode.to_vni(sentence).decode("latin-1")) == sentence
    assert unicodedata.normalize("NFC", decode.to_cp1258(sentence).decode("cp1258")) == sentence


@pytest.mark.parametrize("sentence", sample_sentences())
def test_round_trip_tcvn3_on_sample_sentences(sentence):
    # TCVN3 has no capitals with tone marks: they come back lower case in mixed-case lines
    back = decode.from_tcvn3(decode.to_tcvn3(sentence, capitals="font").decode("latin-1"))
    assert back.lower() == sentence.lower()
    letters = [c for c in sentence if c.isascii() and c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        assert back == sentence  # heading lines (typed in .VnTimeH) keep their capitals


def test_whole_sample_decodes_in_every_encoding():
    text = (SAMPLES / "000_87248a225afa83c7.txt").read_text(encoding="utf-8")
    text = legacy_safe(text)
    for data, enc in ((decode.to_vni(text), "vni"), (decode.to_cp1258(text), "cp1258"),
                      (text.encode("utf-16"), "utf-16"), (text.encode("utf-16-le"), "utf-16-le")):
        got = decode.decode_text(data, "x.txt")
        assert got.encoding == enc
        assert got.text == unicodedata.normalize("NFC", text).lstrip("\ufeff")
    got = decode.decode_text(decode.to_tcvn3(text, capitals="font"), "x.txt")
    assert got.encoding == "tcvn3" and got.text.lower() == text.lower()
    assert "BÁO CÁO" in got.text  # the type line typed in capitals comes back in capitals


def test_utf8_samples_stay_as_they_are():
    for path in sorted(SAMPLES.glob("*.txt")):
        got = decode.decode_text(path.read_bytes(), str(path))
        assert got.encoding == "utf-8" and got.warnings == ()
        assert got.text == unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def test_nfd_becomes_nfc():
    got = decode.decode_text(unicodedata.normalize("NFD", EXPECTED).encode("utf-8"), "x.txt")
    assert got.text == EXPECTED and got.warnings == ()


def test_truncated_utf8_keeps_the_text_and_warns():
    data = EXPECTED.encode("utf-8") + "ệ".encode("utf-8")[:2]
    got = decode.decode_text(data, "x.txt")
    assert got.text == EXPECTED
    assert "cắt cụt" in got.warnings[0]


@pytest.mark.parametrize("data, detail", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "DOCX"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    (bytes((i * 7919 + 13) % 256 for i in range(5000)), None),
])
def test_binary_files_are_named_as_such(data, detail):
    with pytest.raises(errors.BinaryFile) as exc:
        decode.decode_text(data, "sources/anh.txt")
    msg = str(exc.value)
    assert msg.startswith("sources/anh.txt: ") and "\n" not in msg
    if detail:
        assert detail in msg


def test_unsure_legacy_text_is_reported_not_guessed():
    # Latin-1 French: not UTF-8, and no Vietnamese reading is convincing
    data = "Le café est très apprécié à Zürich; garçon, où est la fenêtre?".encode("latin-1")
    with pytest.raises(errors.UndecodableText) as exc:
        decode.decode_text(data, "sources/x.txt")
    assert "không chắc" in str(exc.value)


def test_empty_and_blank_files():
    for data in (b"", b"  \n\n\t"):
        with pytest.raises(errors.EmptyFile):
            decode.decode_text(data, "x.txt")


def test_syllable_scorer():
    assert decode.is_syllable("nghiêng") and decode.is_syllable("được") and decode.is_syllable("Đắk")
    assert not decode.is_syllable("hoàá") and not decode.is_syllable("nh©n")
    assert decode.vietnamese_ratio(EXPECTED)[0] == 1.0
    assert decode.vietnamese_ratio(TCVN3_BYTES.decode("latin-1"))[0] < 0.5
