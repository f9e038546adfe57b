"""The Flask application of one work folder: its state, its guards and its error pages.

Every answer of the API is JSON; every error a Vietnamese sentence in ``{"loi": …}``, never a
traceback (an unexpected exception is logged with its traceback, the page gets a generic
sentence). Two guards keep other web sites out of a server on 127.0.0.1: a request must name
this server in its ``Host`` header (a hostile page reaching it under another name, by DNS
rebinding, is refused), and a request that changes anything must carry the ``X-Mttq`` header,
which a page of another site cannot send without the server's consent (CORS).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..errors import ErrorCode, MttqError
from ..workfolder import WorkFolder
from .jobs import Jobs
from .messages import HTTP, UNEXPECTED, system_error

logger = logging.getLogger(__name__)

MAX_REQUEST = 400 * 1024 * 1024
"""The largest request (all the drafts of one upload together)."""
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
STATUS = {ErrorCode.FOLDER_BUSY: 409, ErrorCode.OUTSIDE_FOLDER: 403,
          ErrorCode.NO_WORK_FOLDER: 400, ErrorCode.PERMISSION: 409}


@dataclass
class Site:
    """What the application keeps: the work folder's root and its jobs."""

    root: Path
    jobs: Jobs = field(default_factory=Jobs)
    hosts: tuple[str, ...] | None = LOCAL_NAMES
    """Host names the server answers to; ``None``: any (listening elsewhere on purpose)."""

    def folder(self) -> WorkFolder:
        """The work folder as its marker says now (the page may have changed the workbook)."""
        return WorkFolder.read(self.root)


def create_app(root: Path, *, any_host: bool = False) -> Flask:
    """The application of the work folder at ``root`` (its marker is read at each request);
    ``any_host``: answer to any host name (the server listens beyond this computer)."""
    WorkFolder.read(root)  # a wrong marker is said at start, not at the first click
    app = Flask(__name__, static_folder="static", static_url_path="/tep")
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.url_map.merge_slashes = False  # "//etc/passwd" must be refused, not redirected
    app.extensions["mttq_docs"] = Site(root, hosts=None if any_host else LOCAL_NAMES)
    app.before_request(_guard)
    app.register_error_handler(MttqError, _library_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OSError, _system_error)
    app.register_error_handler(Exception, _unexpected)
    from .routes import register

    register(app)
    return app


def site() -> Site:
    from flask import current_app

    found: Site = current_app.extensions["mttq_docs"]
    return found


def error(message: str, status: int, **extra: Any) -> tuple[Response, int]:
    return jsonify({"loi": message, **extra}), status


def _guard() -> tuple[Response, int] | None:
    hosts = site().hosts
    if hosts is not None and _host_name(request.host or "") not in hosts:
        return error("Trang này chỉ mở được từ chính máy đang chạy mttq-docs.", 403)
    if request.method == "POST" and request.headers.get("X-Mttq") != "1":
        return error("Yêu cầu không đến từ trang của mttq-docs; không làm gì.", 403)
    return None


def _host_name(host: str) -> str:
    """``127.0.0.1:8765`` → ``127.0.0.1``; ``[::1]:8765`` → ``[::1]``."""
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0]


def _library_error(err: MttqError) -> tuple[Response, int]:
    logger.info("lỗi: %s", err.message, exc_info=True)
    return error(err.message, STATUS.get(err.code, 400), ma_loi=err.code.value)


def _http_error(err: HTTPException) -> tuple[Response, int]:
    status = err.code or 500
    message = HTTP.get(status, UNEXPECTED)
    if status == 413:
        message += f" Tối đa {MAX_REQUEST // (1024 * 1024)} MB mỗi lần gửi."
    return error(message, status)


def _system_error(err: OSError) -> tuple[Response, int]:
    logger.info("lỗi tệp", exc_info=True)
    return error(system_error(err), 500)


def _unexpected(err: Exception) -> tuple[Response, int]:
    if isinstance(err, HTTPException):
        return _http_error(err)
    logger.exception("lỗi ngoài dự kiến")
    return error(UNEXPECTED, 500)
