"""The command-line library's own words, in Vietnamese.

click writes its usage lines, option lists and error messages through :mod:`gettext`
(``_("Usage:")`` in each of its modules). :func:`install` hands those modules a translation
from :data:`CATALOGUE` instead of the process-wide gettext, so every word the command line
prints is Vietnamese, whatever the system's language. A message missing here stays English;
``tests/test_cli_vietnamese.py`` runs every command's help and wrong invocations and fails on
any English word of click's, so a new click version cannot slip one in.
"""

from __future__ import annotations

import importlib
from typing import Any

CATALOGUE: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Missing command.": "Thiếu lệnh.",
    "Aborted!": "Đã dừng.",
    "deprecated": "không còn dùng",
    "required": "bắt buộc",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args}).",
    "Got unexpected extra arguments ({args})": "Thừa các đối số ({args}).",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Lưu ý: lệnh {name!r} không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Lưu ý: {param_type} {name!r} không còn dùng.{extra_message}",
    "Did you mean {possibility}?": "Có phải ý là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý là một trong: {possibilities}?)",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "unknown error": "lỗi không rõ",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng dạng nào trong "
                                                       "{formats}.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải đúng/sai. Các giá trị được hiểu: {states}",
    "{len_type} values are required, but {len_value} was given.":
        "Cần {len_type} giá trị, nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.":
        "Cần {len_type} giá trị, nhưng có {len_value}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "integer": "số nguyên",
    "float": "số",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{name} {filename!r} does not exist.": "Không có {name} {filename!r}.",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Đồng ý mà không hỏi lại.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Invalid start character for option ({option})": "Tùy chọn bắt đầu sai ký tự ({option})",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} nhận {nargs} giá trị.",
    "Press any key to continue...": "Nhấn một phím để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không giống nhau.",
    "Error: invalid input": "Lỗi: nhập không hợp lệ",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
            "utils")


def translate(message: str) -> str:
    return CATALOGUE.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Make click speak Vietnamese (in this process)."""
    for name in _MODULES:
        module: Any = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
