"""The regeneration record: written one file per line, read back the same, not rewritten
when nothing changed; records written by earlier versions (indented JSON) still read."""

import json

from mttq_docs.manifest import MANIFEST_NAME, Beside, Manifest, Record


def records():
    return {"cam_giang/01_ke_hoach_xa.docx": Record("i", "o", "huyện Cẩm Giàng: Kế hoạch \"xã\"",
                                                    Beside("a.moi.docx", "i2", "o2"), 15, 7),
            "tinh/02_du_toan_2017.docx": Record("j", "p")}


def test_the_record_round_trips_and_is_json_with_one_file_per_line(tmp_path):
    manifest = Manifest(tmp_path, records(), {"tinh/a.pdf": Record("s", "t")})
    manifest.save()
    text = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8")
    assert json.loads(text)["format"] == 1
    assert len([line for line in text.splitlines() if ".docx" in line]) == 2
    again = Manifest.load(tmp_path)
    assert dict(again.records) == records()
    assert dict(again.derived) == {"tinh/a.pdf": Record("s", "t")}


def test_an_unchanged_record_is_not_written_again(tmp_path):
    Manifest(tmp_path, records()).save()
    path = tmp_path / MANIFEST_NAME
    before = path.stat().st_mtime_ns
    again = Manifest.load(tmp_path)
    for name, record in records().items():
        again.records[name] = record  # equal records: no change
    again.save()
    assert path.stat().st_mtime_ns == before
    again.records["tinh/02_du_toan_2017.docx"] = Record("j", "changed")
    again.save()
    assert Manifest.load(tmp_path).records["tinh/02_du_toan_2017.docx"].output == "changed"


def test_a_record_written_with_indentation_by_an_earlier_version_is_read(tmp_path):
    entries = {name: {k: v for k, v in record.as_json().items()}
               for name, record in records().items()}
    (tmp_path / MANIFEST_NAME).write_text(
        json.dumps({"format": 1, "files": entries, "derived": {}}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    assert dict(Manifest.load(tmp_path).records) == records()


def test_an_empty_record_is_valid_json(tmp_path):
    Manifest(tmp_path).save()
    assert json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8")) == {
        "format": 1, "files": {}, "derived": {}}
