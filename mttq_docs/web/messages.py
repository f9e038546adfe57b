"""The page's words for errors that are not the library's own (:class:`MttqError` messages
are shown as they are)."""

from __future__ import annotations

from ..errors import system_message

UNEXPECTED = ("Lỗi ngoài dự kiến; không có gì bị mất. Chi tiết đã được ghi trong cửa sổ "
              "đang chạy trang này; hãy chụp lại và gửi cho người bảo trì.")

HTTP = {
    400: "Yêu cầu không hợp lệ.",
    403: "Không được phép.",
    404: "Không tìm thấy (hoặc không được phép tải tệp này).",
    405: "Thao tác này không được hỗ trợ.",
    409: "Đang có việc khác chạy; hãy đợi việc đó xong.",
    413: "Tệp gửi lên quá lớn.",
}


def system_error(err: OSError) -> str:
    """An error of the system about a file: the library's sentence, with the page's verb."""
    return system_message(err).replace("chạy lại", "bấm lại")
