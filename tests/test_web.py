"""The web page's server, through Flask's test client: each endpoint, and hostile requests."""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mttq_docs import api
from mttq_docs.cli import main
from mttq_docs.manifest import Manifest
from mttq_docs.web import create_app
from mttq_docs.web.messages import UNEXPECTED
from mttq_docs.web.returned import MAX_DRAFT
from mttq_docs.workfolder import MARKER, WorkFolder

from .helpers import SHIPPED, edited_workbook, small_workbook
from .test_collect import type_into

POST = {"X-Mttq": "1"}


def work_folder(tmp_path: Path, workbook: Path | None = None) -> Path:
    root = tmp_path / "Kế hoạch 2018"
    api.init(root)
    if workbook is not None:
        shutil.copyfile(workbook, WorkFolder.read(root).workbook)
    return root


def finish(client, answer, timeout: float = 180) -> dict:
    assert answer.status_code == 202, answer.get_json()
    number = answer.get_json()["viec"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/viec/{number}").get_json()
        if job["trang_thai"] != "running":
            return job
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def upload(name: str, data: bytes) -> dict:
    return {"tep": (io.BytesIO(data), name)}


@pytest.fixture
def small(tmp_path):
    return work_folder(tmp_path, small_workbook(tmp_path / "nho.xlsx"))


@pytest.fixture
def client(small):
    return create_app(small).test_client()


@pytest.fixture
def generated(small, client):
    job = finish(client, client.post("/api/tao-van-ban", headers=POST, data={"zip": "1"}))
    assert job["trang_thai"] == "done", job
    return job["ket_qua"]


# ---- the page --------------------------------------------------------------------------------

def test_the_page_and_its_files_come_from_the_package_in_vietnamese(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="vi">' in html and "Tạo văn bản" in html and "Thu thập" in html
    assert 'accept=".xlsx' in html and 'accept=".docx,.zip"' in html
    for asset in ("/tep/trang.css", "/tep/trang.js"):
        body = client.get(asset).get_data(as_text=True)
        assert body and "http://" not in body and "https://" not in body  # works offline
    assert "https://" not in html and "http://" not in html


def test_status_names_the_work_folder_and_its_workbook(client, small):
    status = client.get("/api/trang-thai").get_json()
    assert status["thu_muc"] == str(small)
    assert status["bang_tinh"] == WorkFolder.read(small).workbook.name
    assert status["da_tao"] is False and status["viec_dang_chay"] is None


# ---- the workbook ----------------------------------------------------------------------------

def test_check_shows_the_plan_as_districts_communes_and_models(client):
    checked = client.post("/api/kiem-tra", headers=POST).get_json()
    assert checked["hop_le"] is True and checked["loi"] == []
    plan = checked["ke_hoach"]
    assert plan["nam"] == 2017 and plan["so_diem"] == 2
    assert [d["ten"] for d in plan["huyen"]] == ["Cẩm Giàng", "Kinh Môn"]
    assert plan["huyen"][0]["diem"][0]["mo_hinh"]
    assert checked["luu_y"]  # the shipped plan leaves some settings to fill by hand


def test_an_uploaded_workbook_with_errors_is_listed_in_validate_s_words_and_not_kept(
        tmp_path, client, small):
    bad = edited_workbook(tmp_path, ("Phân công", 3, "Mã mô hình", "BVTM"), name="co loi.xlsx")
    marker = (small / MARKER).read_text(encoding="utf-8")
    before = sorted(p.name for p in small.iterdir())
    checked = client.post("/api/bang-tinh", headers=POST,
                          data=upload("co loi.xlsx", bad.read_bytes())).get_json()
    assert checked["hop_le"] is False and checked["da_luu"] == ""
    row = checked["loi"][0]
    assert (row["sheet"], row["dong"], row["cot"], row["gia_tri"]) == (
        "Phân công", 3, "Mã mô hình", "BVTM")
    assert row["van_ban"] == ("Phân công, dòng 3, cột Mã mô hình: 'BVTM' không có trong sheet Mô "
                              "hình — có phải 'BVMT'?")
    cli = CliRunner().invoke(main, ["validate", "--input", str(bad)])
    assert row["van_ban"] in cli.output
    assert (small / MARKER).read_text(encoding="utf-8") == marker
    assert sorted(p.name for p in small.iterdir()) == before  # no temporary file left


def test_a_valid_upload_is_kept_under_a_safe_name_and_never_over_another(client, small):
    previous = WorkFolder.read(small).workbook
    old_bytes = previous.read_bytes()
    first = client.post("/api/bang-tinh", headers=POST,
                        data=upload("../Kế hoạch mới.xlsx", SHIPPED.read_bytes())).get_json()
    assert first["hop_le"] and first["da_luu"] == "ke_hoach_moi.xlsx"
    assert WorkFolder.read(small).workbook == small / "ke_hoach_moi.xlsx"
    assert previous.read_bytes() == old_bytes  # the previous workbook is kept
    again = client.post("/api/bang-tinh", headers=POST,
                        data=upload("Kế hoạch mới.xlsx", SHIPPED.read_bytes())).get_json()
    assert again["da_luu"] == "ke_hoach_moi.xlsx"  # the same bytes: the same file
    other = client.post("/api/bang-tinh", headers=POST,
                        data=upload("Kế hoạch mới.xlsx", previous.read_bytes())).get_json()
    assert other["da_luu"] == "ke_hoach_moi_2.xlsx"
    assert (small / "ke_hoach_moi.xlsx").read_bytes() == SHIPPED.read_bytes()
    marker = (small / MARKER).read_text(encoding="utf-8")
    assert 'bang_tinh = "ke_hoach_moi_2.xlsx"' in marker and "thu_muc_van_ban" in marker


def test_a_file_that_is_no_workbook_gets_a_vietnamese_sentence(client):
    checked = client.post("/api/bang-tinh", headers=POST,
                          data=upload("ghi chu.txt", b"xin chao")).get_json()
    assert not checked["hop_le"] and "không phải bảng tính Excel (.xlsx)" in checked["khong_doc_duoc"]
    broken = client.post("/api/bang-tinh", headers=POST,
                         data=upload("hong.xlsx", b"PK\x03\x04 hong")).get_json()
    assert broken["khong_doc_duoc"].startswith("Không đọc được bảng tính hong.xlsx")
    assert client.post("/api/bang-tinh", headers=POST).get_json()["loi"] == \
        "Chưa chọn bảng tính nào."


# ---- generation ------------------------------------------------------------------------------

def test_generate_reports_counts_and_a_zip_per_district_and_province(client, generated):
    assert generated["dem"] == [{"chu": "tạo mới", "so": generated["so_van_ban"],
                                 "trang_thai": "create"}]
    assert [g["ten"] for g in generated["goi"]] == ["tinh.zip", "cam_giang.zip", "kinh_mon.zip"]
    assert [g["noi"] for g in generated["goi"]] == ["Tỉnh Hải Dương", "Huyện Cẩm Giàng",
                                                    "Huyện Kinh Môn"]
    for packet in generated["goi"]:
        answer = client.get(packet["url"])
        assert answer.status_code == 200 and packet["url"].endswith(".zip")
        assert zipfile.ZipFile(io.BytesIO(answer.data)).namelist()
    everything = client.get("/tai-ve-tat-ca.zip")
    names = zipfile.ZipFile(io.BytesIO(everything.data)).namelist()
    assert any(n.startswith("kinh_mon/") and n.endswith(".docx") for n in names)
    assert not any(n.endswith(".zip") or "/." in n or n.startswith(".") for n in names)


def test_an_edited_document_is_a_conflict_with_a_link_to_each_version(tmp_path, small, client,
                                                                     generated):
    out = WorkFolder.read(small).documents
    edited = next((out / "kinh_mon").glob("01_*.docx"))
    type_into(edited, {"dia_ban.thon": "Thôn do cán bộ gõ"})
    moved = small_workbook(tmp_path / "doi.xlsx", **{"Ngày hội nghị": "20/08/2017"})
    assert client.post("/api/bang-tinh", headers=POST,
                       data=upload("doi.xlsx", moved.read_bytes())).get_json()["hop_le"]
    result = finish(client, client.post("/api/tao-van-ban", headers=POST))["ket_qua"]
    conflict = next(c for c in result["xung_dot"] if c["tep"]["ten"].endswith(edited.name))
    assert ".moi-" in conflict["ban_moi"]["ten"]
    assert client.get(conflict["tep"]["url"]).data == edited.read_bytes()
    assert client.get(conflict["ban_moi"]["url"]).status_code == 200


def test_one_job_at_a_time_with_a_clear_message(client):
    site = client.application.extensions["mttq_docs"]
    release = threading.Event()
    site.jobs.start("thu", lambda progress, cancel: release.wait(10) and {})
    try:
        busy = client.post("/api/tao-van-ban", headers=POST)
        assert busy.status_code == 409
        assert "Đang có một việc khác chạy" in busy.get_json()["loi"]
        assert client.get("/api/trang-thai").get_json()["viec_dang_chay"]["loai"] == "thu"
    finally:
        release.set()


def test_a_job_is_stopped_from_the_page(client):
    site = client.application.extensions["mttq_docs"]

    def work(progress, cancel):
        for _ in range(200):
            cancel.check()  # as the library does between two files
            time.sleep(0.05)
        return {}

    number = site.jobs.start("thu", work).number
    assert client.post(f"/api/viec/{number}/dung", headers=POST).status_code == 200
    job = finish(client, type("Started", (), {"status_code": 202,
                                              "get_json": lambda self: {"viec": number}})())
    assert job["trang_thai"] == "error" and job["ma_loi"] == "cancelled"
    assert job["loi"].startswith("Đã dừng theo yêu cầu")
    assert client.post("/api/viec/999/dung", headers=POST).status_code == 404
    assert client.get("/api/viec/999").status_code == 404


def test_a_folder_held_by_another_run_shows_the_library_s_message(client, generated, small):
    with Manifest.open(WorkFolder.read(small).documents):
        job = finish(client, client.post("/api/tao-van-ban", headers=POST))
    assert job["trang_thai"] == "error" and job["ma_loi"] == "folder_busy"
    assert "đang được một lần chạy khác ghi" in job["loi"]


# ---- collection ------------------------------------------------------------------------------

def test_a_returned_draft_is_put_beside_its_original_and_its_value_shown(tmp_path, small,
                                                                        client, generated):
    out = WorkFolder.read(small).documents
    original = next((out / "kinh_mon").glob("01_ke_hoach_*.docx"))
    before = original.read_bytes()
    filled = tmp_path / original.name
    type_into(original, {"dia_ban.thon": "Thôn Đông Hưng"}, target=filled)
    job = finish(client, client.post("/api/thu-thap", headers=POST,
                                     data=upload(original.name, filled.read_bytes())))
    result = job["ket_qua"]
    written = f"kinh_mon/{original.stem} (gui lai 1).docx"
    assert result["nhan_tep"]["da_nhan"] == [{"ten": original.name, "ghi_vao": written}]
    assert original.read_bytes() == before and (out / written).read_bytes() == filled.read_bytes()
    point = next(p for p in result["diem"] if p["huyen"] == "Kinh Môn")
    assert {"truong": "Thôn được chọn", "gia_tri": "Thôn Đông Hưng"} in point["gia_tri"]
    assert point["da_gui"] and point["trong"]
    assert result["da_gui"] == 1 and [g["ten"] for g in result["theo_huyen"]] == [
        "Cẩm Giàng", "Kinh Môn"]
    assert result["theo_mo_hinh"]
    assert client.get(result["theo_doi"]["url"]).status_code == 200
    assert result["theo_doi"]["url"].endswith(".xlsx")
    assert client.get(result["bao_cao"]["url"]).status_code == 200
    again = finish(client, client.post("/api/thu-thap", headers=POST,
                                       data=upload(original.name, filled.read_bytes())))
    assert again["ket_qua"]["nhan_tep"]["khong_nhan"][0]["ly_do"].startswith(
        "trong thư mục đã có tệp giống hệt")


def test_drafts_in_a_zip_and_files_that_match_nothing(tmp_path, small, client, generated):
    out = WorkFolder.read(small).documents
    original = next((out / "cam_giang").glob("02_bao_cao_*.docx"))
    filled = tmp_path / "filled.docx"
    type_into(original, {"bao_cao.kho_khan": "Thiếu kinh phí"}, target=filled)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(f"cam_giang/{original.stem} (ban xa).docx", filled.read_bytes())
        package.writestr("ghi chu.txt", "x")
    data = {"tep": [(io.BytesIO(buffer.getvalue()), "xa gui.zip"),
                    (io.BytesIO(filled.read_bytes()), "tai lieu khac.docx")]}
    result = finish(client, client.post("/api/thu-thap", headers=POST, data=data))["ket_qua"]
    assert result["nhan_tep"]["da_nhan"] == [{"ten": f"cam_giang/{original.stem} (ban xa).docx",
                                             "ghi_vao": f"cam_giang/{original.stem} (ban xa).docx"}]
    assert "không khớp văn bản nào" in result["nhan_tep"]["khong_nhan"][0]["ly_do"]
    point = next(p for p in result["diem"] if p["huyen"] == "Cẩm Giàng")
    assert any(v["gia_tri"] == "Thiếu kinh phí" for v in point["gia_tri"])


def _zip_with(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        member = zipfile.ZipInfo(name)
        member.compress_type = zipfile.ZIP_DEFLATED
        package.writestr(member, data)
    return buffer.getvalue()


@pytest.mark.parametrize("member", ["../../ngoai.docx", "/etc/ngoai.docx", "C:/ngoai.docx",
                                    "a/../../ngoai.docx", "..\\ngoai.docx"])
def test_a_zip_with_paths_that_escape_is_refused_whole(tmp_path, small, client, generated,
                                                       member):
    data = _zip_with(member, b"PK\x03\x04")
    result = finish(client, client.post("/api/thu-thap", headers=POST,
                                        data=upload("xa.zip", data)))["ket_qua"]
    assert "đường dẫn ra ngoài" in result["nhan_tep"]["khong_nhan"][0]["ly_do"]
    assert not (tmp_path / "ngoai.docx").exists() and not list(small.parent.glob("ngoai*"))


def test_a_zip_bomb_is_refused_from_its_central_directory(small, client, generated):
    bomb = _zip_with("kinh_mon/01_ke_hoach_chua_chon_xa (x).docx", b"\0" * (MAX_DRAFT + 10))
    result = finish(client, client.post("/api/thu-thap", headers=POST,
                                        data=upload("bom.zip", bomb)))["ket_qua"]
    assert "quá lớn khi giải nén" in result["nhan_tep"]["khong_nhan"][0]["ly_do"]
    dense = _zip_with("kinh_mon/01_ke_hoach_chua_chon_xa (y).docx", b"PK" + b"\0" * 5_000_000)
    result = finish(client, client.post("/api/thu-thap", headers=POST,
                                        data=upload("bom2.zip", dense)))["ket_qua"]
    assert "quá lớn khi giải nén" in result["nhan_tep"]["khong_nhan"][0]["ly_do"]


def test_collect_before_any_generation_says_what_to_do(client):
    answer = client.post("/api/thu-thap", headers=POST, data=upload("a.docx", b"PK"))
    assert answer.status_code == 400 and "Tạo văn bản" in answer.get_json()["loi"]


# ---- hostile requests ------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/tai-ve/../mttq-docs.toml", "/tai-ve/%2e%2e/mttq-docs.toml", "/tai-ve/%2E%2E%2Fmttq-docs.toml",
    "/tai-ve/..%2f..%2fetc%2fpasswd", "/tai-ve//etc/passwd", "/tai-ve/%2Fetc%2Fpasswd",
    "/tai-ve/C:%5CWindows%5Cwin.ini", "/tai-ve/.mttq-docs-record.sqlite",
    "/tai-ve/.mttq-docs-plan.json", "/tai-ve/kinh_mon/..%5C..%5Cmttq-docs.toml",
    "/tai-ve/_luu_tru/x.docx", "/tai-ve/kinh_mon/%2e%2e/%2e%2e/mttq-docs.toml",
    "/tai-ve/tinh/%00.docx", "/tai-ve/khong_co.zip", "/tai-ve/kinh_mon",
])
def test_nothing_outside_the_allow_list_is_served(client, generated, path):
    answer = client.get(path)
    assert 400 <= answer.status_code < 500
    assert b"bang_tinh" not in answer.data and b"root:" not in answer.data


def test_links_leading_outside_are_not_followed(tmp_path, small, client, generated):
    out = WorkFolder.read(small).documents
    secret = tmp_path / "bi_mat.docx"
    secret.write_bytes(b"PK secret")
    try:
        (out / "kinh_mon" / "lien_ket.docx").symlink_to(secret)
        (out / "lien_ket.zip").symlink_to(secret)
        (out / "thu_muc_ngoai").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("this system cannot make links")
    for path in ("/tai-ve/kinh_mon/lien_ket.docx", "/tai-ve/lien_ket.zip",
                 "/tai-ve/thu_muc_ngoai/bi_mat.docx"):
        answer = client.get(path)
        assert answer.status_code == 404 and b"secret" not in answer.data
    assert b"secret" not in client.get("/tai-ve-tat-ca.zip").data


def test_a_request_from_another_site_changes_nothing(client):
    assert client.post("/api/kiem-tra").status_code == 403  # no X-Mttq header
    rebound = client.get("/api/trang-thai", headers={"Host": "evil.example:8000"})
    assert rebound.status_code == 403 and "chính máy" in rebound.get_json()["loi"]
    assert client.get("/api/trang-thai", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_errors_are_vietnamese_json_never_a_traceback(client, monkeypatch):
    missing = client.get("/khong-co")
    assert missing.status_code == 404 and missing.get_json()["loi"].startswith("Không tìm thấy")
    assert client.get("/api/tao-van-ban").status_code == 405

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(api, "validate", broken)
    answer = client.post("/api/kiem-tra", headers=POST)
    assert answer.status_code == 500 and answer.get_json() == {"loi": UNEXPECTED}
    job = finish(client, client.post("/api/tao-van-ban", headers=POST))
    assert job["loi"] == UNEXPECTED and "secret" not in str(job)


def test_a_too_large_upload_is_refused_with_a_vietnamese_sentence(client):
    client.application.config["MAX_CONTENT_LENGTH"] = 1000
    answer = client.post("/api/bang-tinh", headers=POST, data=upload("a.xlsx", b"PK" * 1000))
    assert answer.status_code == 413 and answer.get_json()["loi"].startswith("Tệp gửi lên quá lớn")


# ---- the server and the command ----------------------------------------------------------------

def test_the_server_listens_on_127_0_0_1_only(small):
    from mttq_docs.web.server import address, make_server

    server = make_server(small)
    try:
        assert server.effective_host == "127.0.0.1" and int(server.effective_port) > 0
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        with urllib.request.urlopen(address(server) + "api/trang-thai", timeout=10) as answer:
            assert b"thu_muc" in answer.read()
    finally:
        server.close()


def test_serve_command_defaults_and_the_warning_for_another_host(small, monkeypatch):
    import mttq_docs.web.server as server

    calls = []
    monkeypatch.setattr(server, "serve", lambda root, **kw: calls.append((root, kw)))
    runner = CliRunner()
    assert runner.invoke(main, ["serve", "--folder", str(small), "--no-browser"]).exit_code == 0
    assert calls[-1] == (small.resolve(), {"host": "127.0.0.1", "port": 0, "browser": False})
    result = runner.invoke(main, ["serve", "--folder", str(small), "--host", "0.0.0.0"])
    assert "CẢNH BÁO" in result.output and calls[-1][1]["host"] == "0.0.0.0"
    missing = runner.invoke(main, ["serve", "--folder", str(small / "khong_co")])
    assert missing.exit_code == 1 and "Không có thư mục" in missing.output
    outside = runner.invoke(main, ["serve", "--folder", str(small.parent)])
    assert outside.exit_code == 1 and "không phải thư mục làm việc" in outside.output
    assert "Traceback" not in outside.output


def test_serve_stops_cleanly_on_ctrl_c(small, monkeypatch):
    from mttq_docs.web import server

    said = []

    class Interrupted:
        effective_host, effective_port = "127.0.0.1", 1

        def __init__(self):
            self.mttq_app = create_app(small)
            self.closed = False

        def run(self):
            raise KeyboardInterrupt

        def close(self):
            self.closed = True

    fake = Interrupted()
    monkeypatch.setattr(server, "make_server", lambda *a: fake)
    server.serve(small, browser=False, say=said.append)
    assert fake.closed and said[0] == "Trang mttq-docs đang chạy tại http://127.0.0.1:1/"
    assert said[-1] == "Đã dừng trang mttq-docs."


def test_help_stays_fast_without_the_web_libraries():
    code = ("import sys; from mttq_docs.cli import main\n"
            "assert 'flask' not in sys.modules and 'waitress' not in sys.modules")
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_a_two_level_plan_is_shown_and_collected_without_districts(tmp_path):
    """A plan of the two-level local government (since 2025): no district on the page."""
    from mttq_docs.resources import sample_workbook

    root = tmp_path / "kh2026"
    api.init(root, example="2026")
    client = create_app(root).test_client()
    checked = client.post("/api/bang-tinh", headers=POST,
                          data=upload("ke_hoach_2026.xlsx", sample_workbook("2026").read_bytes()))
    plan = checked.get_json()["ke_hoach"]
    assert plan["hai_cap"] is True and plan["so_diem"] == 10
    job = finish(client, client.post("/api/tao-van-ban", headers=POST, data={"zip": "1"}))
    assert job["trang_thai"] == "done", job
    collected = finish(client, client.post("/api/thu-thap", headers=POST, data={}))
    assert collected["trang_thai"] == "done", collected
    result = collected["ket_qua"]
    assert result["hai_cap"] is True
    assert {group["ten"] for group in result["theo_huyen"]} >= {"xã Mao Điền", "đặc khu Cát Hải"}
