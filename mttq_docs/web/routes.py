"""The page and its API: one function per button, each calling :mod:`mttq_docs.api`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request, send_file

from .. import api
from ..errors import WorkFolderError
from ..progress import CancelToken
from ..provenance import plan_of
from ..workfolder import WorkFolder
from . import downloads, present, workbooks
from .app import error, site
from .returned import Drafts
from .workbooks import MAX_WORKBOOK


def register(app: Flask) -> None:
    app.add_url_rule("/", view_func=index)
    app.add_url_rule("/api/trang-thai", view_func=status)
    app.add_url_rule("/api/kiem-tra", view_func=check, methods=["POST"])
    app.add_url_rule("/api/bang-tinh", view_func=upload_workbook, methods=["POST"])
    app.add_url_rule("/api/tao-van-ban", view_func=generate, methods=["POST"])
    app.add_url_rule("/api/thu-thap", view_func=collect, methods=["POST"])
    app.add_url_rule("/api/viec/<int:number>", view_func=job)
    app.add_url_rule("/api/viec/<int:number>/dung", view_func=stop, methods=["POST"])
    app.add_url_rule("/tai-ve/<path:relative>", view_func=download)
    app.add_url_rule("/tai-ve-tat-ca.zip", view_func=download_all)


def index() -> Response:
    from flask import current_app

    return current_app.send_static_file("index.html")


def status() -> Response:
    folder = site().folder()
    running = site().jobs.running()
    out = folder.documents
    made = plan_of(out) is not None
    return jsonify({"thu_muc": str(folder.root), "bang_tinh": _shown(folder, folder.workbook),
                    "thu_muc_van_ban": str(out), "da_tao": made,
                    "viec_dang_chay": running.snapshot() if running else None,
                    "goi": downloads.packets(out, {}) if made else []})


def _shown(folder: WorkFolder, path: Path) -> str:
    try:
        return path.relative_to(folder.root).as_posix()
    except ValueError:
        return str(path)


def check() -> Response:
    folder = site().folder()
    checked = workbooks.check(folder.workbook, _shown(folder, folder.workbook))
    return jsonify(checked.view())


def upload_workbook() -> tuple[Response, int] | Response:
    sent = request.files.get("tep")
    if sent is None or not sent.filename:
        return error("Chưa chọn bảng tính nào.", 400)
    data = sent.stream.read(MAX_WORKBOOK + 1)
    if len(data) > MAX_WORKBOOK:
        return error(f"Bảng tính quá lớn (tối đa {MAX_WORKBOOK // (1024 * 1024)} MB).", 413)
    if site().jobs.running() is not None:
        return error("Đang tạo văn bản hoặc thu thập; hãy đợi xong rồi chọn bảng tính.", 409)
    folder = site().folder()
    checked, kept = workbooks.take_upload(folder, sent.filename, data)
    view = checked.view()
    view["da_luu"] = _shown(folder, kept) if kept else ""
    view["bang_tinh_cu"] = _shown(folder, folder.workbook)
    return jsonify(view)


def _flag(name: str, default: bool) -> bool:
    value = request.form.get(name)
    return default if value is None else value in ("1", "true", "on")


def generate() -> tuple[Response, int]:
    folder = site().folder()
    pdf, zips = _flag("pdf", False), _flag("zip", True)

    def work(progress: Any, cancel: CancelToken) -> dict[str, Any]:
        loaded = api.validate(folder.workbook)
        generation = api.prepare(folder.workbook, templates=folder.templates_or_shipped(),
                                 out=folder.documents, progress=progress, cancel=cancel,
                                 loaded=loaded)
        result = generation.write(folder.documents, progress, pdf=pdf, zips=zips, cancel=cancel)
        titles = {place.folder: place.title for place in generation.layout.folders}
        return present.generation_view(result, titles)

    started = site().jobs.start("tao_van_ban", work)
    return jsonify(started.snapshot()), 202


def collect() -> tuple[Response, int]:
    folder = site().folder()
    out = folder.documents
    if plan_of(out) is None:
        raise WorkFolderError("Chưa có văn bản nào được tạo trong thư mục này: hãy bấm «Tạo văn "
                              "bản» trước, gửi cho các xã, rồi thu thập bản các xã gửi lại.")
    sent = [(f.filename or "", f.stream.read()) for f in request.files.getlist("tep")]

    def work(progress: Any, cancel: CancelToken) -> dict[str, Any]:
        drafts = Drafts(out)
        for name, data in sent:
            drafts.take(name, data)
        result = api.collect(out, None, folder.templates_or_shipped(), progress=progress,
                             cancel=cancel)
        return present.collect_view(result, out, drafts.result.view())

    started = site().jobs.start("thu_thap", work)
    return jsonify(started.snapshot()), 202


def job(number: int) -> tuple[Response, int] | Response:
    found = site().jobs.get(number)
    if found is None:
        return error("Không có việc này (có thể trang đã được mở lại).", 404)
    return jsonify(found.snapshot())


def stop(number: int) -> tuple[Response, int] | Response:
    found = site().jobs.get(number)
    if found is None:
        return error("Không có việc này.", 404)
    found.cancel.cancel()
    return jsonify(found.snapshot())


def download(relative: str) -> tuple[Response, int] | Response:
    path = downloads.allowed(site().folder().documents, relative)
    if path is None:
        return error("Không tìm thấy tệp này (hoặc không được phép tải).", 404)
    return send_file(path, as_attachment=True, download_name=path.name)


def download_all() -> Response:
    out = site().folder().documents
    return send_file(downloads.everything(out), as_attachment=True,
                     download_name="van_ban_tat_ca.zip", mimetype="application/zip")


