import codecs

import pytest

from copylint.files import BinaryFile, UnreadableFile, decode, discover, read_bytes


def test_utf8_bom_is_stripped_and_crlf_kept():
    decoded = decode(codecs.BOM_UTF8 + b"a\r\nb")
    assert decoded.text == "a\r\nb"
    assert decoded.encoding == "utf-8-sig"
    assert decoded.warning is None


def test_utf16_with_bom_is_decoded():
    decoded = decode(codecs.BOM_UTF16_LE + "FDA-approved".encode("utf-16-le"))
    assert decoded.text == "FDA-approved"


def test_nul_bytes_mean_binary():
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_invalid_utf8_falls_back_with_a_warning():
    decoded = decode("Caf\u00e9 \u2013 miracle".encode("cp1252"))
    assert decoded.text == "Caf\u00e9 \u2013 miracle"
    assert decoded.encoding == "cp1252"
    assert "not valid UTF-8" in decoded.warning and "0xe9" in decoded.warning


def test_bytes_cp1252_cannot_decode_fall_back_to_iso8859_15():
    decoded = decode(b"\x81\x8d miracle")
    assert decoded.encoding == "iso8859-15"


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="no such file"):
        read_bytes(str(tmp_path / "nope.txt"))


def test_discover_walks_known_suffixes_and_skips_hidden_dirs(tmp_path):
    (tmp_path / "site" / ".git").mkdir(parents=True)
    (tmp_path / "site" / "node_modules").mkdir()
    (tmp_path / "site" / "a.txt").write_text("x")
    (tmp_path / "site" / "b.md").write_text("x")
    (tmp_path / "site" / "c.png").write_bytes(b"\x00")
    (tmp_path / "site" / ".git" / "d.txt").write_text("x")
    (tmp_path / "site" / "node_modules" / "e.md").write_text("x")
    explicit = tmp_path / "notes.draft"
    explicit.write_text("x")
    found = discover([str(tmp_path / "site"), str(explicit), str(tmp_path / "missing")])
    names = sorted(p.rsplit("/", 1)[-1] for p in found.files)
    assert names == ["a.txt", "b.md", "notes.draft"]
    assert found.missing == [str(tmp_path / "missing")]
