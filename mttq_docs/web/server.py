"""``mttq-docs serve``: the page served by waitress on this computer, until Ctrl-C.

waitress is a pure-Python WSGI server that runs the same on Windows and Linux; its threads
answer the page while a job runs in its own thread (:mod:`.jobs`).
"""

from __future__ import annotations

import logging
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .app import create_app, site

logger = logging.getLogger(__name__)

LOCAL = "127.0.0.1"


def make_server(root: Path, host: str = LOCAL, port: int = 0) -> Any:
    """A waitress server of the work folder at ``root``, bound but not yet running
    (``port`` 0: a free one, then in ``server.effective_port``)."""
    from waitress.server import create_server

    # Another address than this computer's own: the page is reached by that address's names.
    app = create_app(root, any_host=host not in (LOCAL, "localhost", "::1"))
    server = create_server(app, host=host, port=port, threads=8, ident="mttq-docs",
                           clear_untrusted_proxy_headers=True)
    server.mttq_app = app
    return server


def address(server: Any) -> str:
    host = server.effective_host if server.effective_host not in ("0.0.0.0", "::") else LOCAL
    return f"http://{host}:{server.effective_port}/"


def serve(root: Path, *, host: str = LOCAL, port: int = 0, browser: bool = True,
          say: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C; a running job is asked to stop and waited for."""
    server = make_server(root, host, port)
    url = address(server)
    say(f"Trang mttq-docs đang chạy tại {url}")
    say("Mở địa chỉ trên trong trình duyệt. Để dừng: bấm Ctrl-C trong cửa sổ này.")
    if browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        say("Đang dừng…")
    finally:
        with server.mttq_app.app_context():
            site().jobs.stop_all()
        server.close()
        say("Đã dừng trang mttq-docs.")
