"""The intake refuses bad files with a stable code and detects the encoding of good CSVs."""

import io

import pytest

from casestudy_xblock.datasets import intake
from casestudy_xblock.datasets.errors import MESSAGES, DatasetError, render
from tests.casestudy_xblock.datasets.builders import JAPANESE_ROWS, csv_bytes

LIMITS = intake.Limits()


def inspect(data, limits=LIMITS):
    return intake.inspect(io.BytesIO(data), len(data), limits)


def code_of(data, limits=LIMITS):
    with pytest.raises(DatasetError) as caught:
        inspect(data, limits)
    return caught.value


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932")],
)
def test_japanese_csv_encodings_are_detected(encoding, expected):
    result = inspect(csv_bytes(encoding=encoding))
    assert (result.kind, result.encoding, result.delimiter) == ("csv", expected, ",")


def test_ascii_only_csv_is_utf8_and_tab_delimiter_is_found():
    result = inspect(b"a\tb\n1\t2\n")
    assert (result.encoding, result.delimiter) == ("utf-8", "\t")


def test_empty_and_blank_files_are_refused():
    assert code_of(b"").code == "empty"
    assert code_of(b"  \r\n\n").code == "empty"


def test_size_limit_is_checked_before_reading():
    error = code_of(b"a,b\n" * 100, intake.Limits(max_bytes=100))
    assert error.code == "too_large"
    assert error.params == {"size": "400 bytes", "limit": "100 bytes"}
    big = DatasetError("too_large", size="62.0 MB", limit="50.0 MB")
    assert "62.0 MB" in str(big)
    assert "50.0 MB" in str(big)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "binary"),
        (b"a,b\n1,\x00\x01\x02\n", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "xls_legacy"),
        ("a,b\n1,2\n".encode("utf-16"), "utf16"),
        ("a,b\n1,2\n".encode("utf-16-le"), "utf16"),
    ],
)
def test_binary_disguised_as_csv_is_refused(data, code):
    assert code_of(data).code == code


def test_mixed_encodings_are_refused_with_the_line_number():
    data = csv_bytes(JAPANESE_ROWS[:3]) + csv_bytes(JAPANESE_ROWS[3:], encoding="cp932")
    error = code_of(data)
    assert error.code == "mixed_encoding"
    assert error.params == {"line": 4, "found": "cp932", "first": "utf-8"}
    assert "line 4 is Shift_JIS (CP932), but earlier lines are UTF-8" in render(
        error.code, error.params
    )


def test_utf8_line_in_a_cp932_file_is_mixed_too():
    data = csv_bytes(JAPANESE_ROWS[:2], encoding="cp932") + csv_bytes(JAPANESE_ROWS[2:])
    error = code_of(data)
    assert (error.code, error.params["line"], error.params["found"]) == (
        "mixed_encoding",
        3,
        "utf-8",
    )


def test_bom_file_with_a_cp932_line_is_mixed():
    data = csv_bytes(JAPANESE_ROWS[:2], encoding="utf-8-sig") + csv_bytes(
        JAPANESE_ROWS[2:3], encoding="cp932"
    )
    assert code_of(data).params["line"] == 3


def test_undecodable_line_is_reported():
    error = code_of(b"a,b\n1,2\n3,\x81\x7f\x85\x40\n")  # invalid in UTF-8 and in CP932
    assert (error.code, error.params) == ("unknown_encoding", {"line": 3})


def test_encoding_scan_runs_over_chunks_and_counts_lines_across_them():
    data = b"h1,h2\n" + b"1,2\n" * 5000 + "漢,字\n".encode("cp932")
    chunks = [data[i : i + 1000] for i in range(0, len(data), 1000)]
    assert intake.scan_encoding(chunks) == "cp932"
    mixed = data + "ひらがな,x\n".encode()
    chunks = [mixed[i : i + 999] for i in range(0, len(mixed), 999)]
    with pytest.raises(DatasetError) as caught:
        intake.scan_encoding(chunks)
    assert caught.value.params["line"] == 5003


def test_bounded_check_ignores_a_character_cut_at_the_end_of_the_prefix():
    data = csv_bytes([["名前", "値"]] + [["あいうえお", str(i)] for i in range(3000)])
    limits = intake.Limits(sniff_bytes=10_001)  # cuts a 3-byte character
    assert inspect(data, limits).encoding == "utf-8"


def test_ragged_rows_are_reported_with_their_line():
    error = code_of(b"a,b,c\n1,2,3\n4,5\n6,7,8\n")
    assert (error.code, error.params) == ("ragged", {"line": 3, "found": 2, "expected": 3})
    error = code_of(b'a,b\n1,"two\nlines"\n3,4,5\n')
    assert error.params == {"line": 4, "found": 3, "expected": 2}


def test_unterminated_quote_is_malformed():
    error = code_of(b'a,b\n1,2\n3,"open\n4,5\n')
    assert (error.code, error.params) == ("malformed", {"line": 3})  # where the quote opens


def test_header_is_required():
    assert code_of(b",,\n1,2,3\n").code == "no_header"
    assert code_of(b"\n\n,\n").code == "no_header"


def test_too_many_columns():
    error = code_of(b",".join(b"c%d" % i for i in range(11)) + b"\n", intake.Limits(max_columns=10))
    assert (error.code, error.params) == ("too_many_columns", {"count": 11, "limit": 10})


def test_every_code_has_a_message_with_matching_placeholders():
    error = DatasetError("ragged", line=3, found=2, expected=3)
    assert error.as_dict() == {"code": "ragged", "params": {"line": 3, "found": 2, "expected": 3}}
    assert (
        str(error)
        == "Line 3 has 2 fields, but the header has 3. Check that line for extra or missing commas."
    )
    with pytest.raises(ValueError, match="unknown"):
        DatasetError("no_such_code")
    assert all(isinstance(text, str) and text for text in MESSAGES.values())
