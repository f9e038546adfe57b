"""Bounds on what a template may cost: size of what it builds, length of its loops, time.

Jinja's sandbox stops a template from reaching Python's insides, not from asking for a
gigabyte (``{{ 'a' * 10**9 }}``, ``center(10**9)``) or a loop without end (``10**(10**8)``,
nested ranges). A template is a user's file, so these are refused too, each as a
:class:`Runaway` the renderer turns into a Vietnamese :class:`~mttq_docs.errors.TemplateError`
naming the template:

* sizes: the sandbox's hooks for operators (``*``, ``**``, ``%``) and calls check the size of
  the result before it is made; the filters that take a width or a count are wrapped;
* loops: ``range`` is bounded (Jinja's own bound, 100 000 items, raised ``OverflowError``);
* time: :class:`Deadline` ends a document's rendering after :data:`TIME_LIMIT` seconds from
  another thread (an exception set asynchronously in the rendering thread): no signal, so it
  works in any thread and on Windows; a loop of template code cannot escape it.

The limits are far above what a real template does: the largest document (the budget of a
national plan, 10 000 lines) renders in a few seconds and builds no string over 10 MB.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

LENGTH_LIMIT = 10_000_000
"""Characters (or items) one operation of a template may build."""
WIDTH_LIMIT = 10_000
"""A width or count given to ``center``, ``indent``, ``%10000s``…"""
NUMBER_BITS = 10_000
"""Bits of the largest whole number a template may compute (about 3 000 digits)."""
TIME_LIMIT = 30.0
"""Seconds rendering one document may take."""

TOO_LONG_TEXT = "tạo ra chuỗi quá dài"
TOO_BIG_NUMBER = "tính ra một số quá lớn"
TOO_BIG_LOOP = "có vòng lặp quá lớn"
TOO_SLOW = f"chạy quá lâu (quá {TIME_LIMIT:.0f} giây cho một văn bản)"


class Runaway(Exception):
    """A template asked for more than the limits allow; ``reason`` says what, in Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Timeout(BaseException):
    """Set in a rendering thread by :class:`Deadline`; a BaseException so that no ``except
    Exception`` of a library on the way swallows it."""


_DICT_ATTRIBUTES = frozenset(dir(dict))
"""Every attribute a plain ``dict`` has: those of its class (an instance has no others)."""
_LOOP_PROPERTIES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                              "length", "depth", "depth0", "previtem", "nextitem"})
"""Attributes of Jinja's ``loop``: the sandbox lets a template read every one (their names
are public, their values no method, ``LoopContext`` no type it guards)."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with the size of results checked before they are made."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        """The sandbox's ``getattr``, with its outcome for a plain ``dict`` (every context
        is one, ``{{ mo_hinh.ten }}`` the usual tag) told at once: for a name that is not an
        attribute of ``dict``, Python's ``getattr`` fails there and the sandbox returns the
        item, or undefined; raising and catching that failure was most of its cost."""
        if type(obj) is dict and type(attribute) is str and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if type(obj) is LoopContext and attribute in _LOOP_PROPERTIES:  # loop.index, .last
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        check_binop(operator, left, right)
        try:
            return super().call_binop(context, operator, left, right)
        except OverflowError as err:  # a float power out of range
            raise Runaway(TOO_BIG_NUMBER) from err

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805 - Jinja's names
             *args: Any, **kwargs: Any) -> Any:
        check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def bound(env: jinja2.Environment) -> None:
    """Bound ``env``'s globals and filters that take a size."""
    env.globals["range"] = bounded_range
    env.globals["lipsum"] = bounded_lipsum
    for name in ("center", "indent", "wordwrap", "truncate", "slice", "batch", "format",
                 "join", "replace"):
        env.filters[name] = _checked_filter(name, env.filters[name])


def bounded_range(*args: int) -> range:
    """``range`` of at most :data:`~jinja2.sandbox.MAX_RANGE` items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Runaway(f"{TOO_BIG_LOOP} (range của {len(numbers)} số; tối đa {MAX_RANGE})")
    return numbers


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20,  # noqa: A002 - Jinja's names
                   max: int = 100) -> str:  # noqa: A002
    if n > 100 or max > 1000:
        raise Runaway(TOO_LONG_TEXT)
    return str(generate_lorem_ipsum(n, html, min, max))


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``left operator right`` when its result would exceed the limits."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                    and len(sequence) * times > LENGTH_LIMIT:
                raise Runaway(TOO_LONG_TEXT)
        if isinstance(left, int) and isinstance(right, int) \
                and left.bit_length() + right.bit_length() > NUMBER_BITS:
            raise Runaway(TOO_BIG_NUMBER)
    elif operator == "**":
        if isinstance(left, (int, float)) and isinstance(right, (int, float)) and \
                abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > NUMBER_BITS:
            raise Runaway(TOO_BIG_NUMBER)
    elif operator == "%" and isinstance(left, str):
        check_format(left, right if isinstance(right, tuple) else (right,))


_PERCENT = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACES = re.compile(r"\{[^{}]*?:([^{}]*)\}")


def check_format(text: str, args: tuple[Any, ...] = ()) -> None:
    """Refuse a format string asking for a width or precision above :data:`WIDTH_LIMIT`
    (``%1000000000s``, ``{:>1000000000}``, or ``%*s`` given a huge number)."""
    widths = [group for match in _PERCENT.finditer(text) for group in match.groups() if group]
    widths += [number for match in _BRACES.finditer(text)
               for number in re.findall(r"\d+", match.group(1))]
    if "*" in widths:
        widths += [str(arg) for arg in args if isinstance(arg, int)]
    if any(width.isdigit() and int(width) > WIDTH_LIMIT for width in widths):
        raise Runaway(TOO_LONG_TEXT)


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def check_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of a ``str`` method whose result would exceed the limits."""
    # The sandbox hands out str.format wrapped (functools.wraps): the method is __wrapped__.
    method = getattr(function, "__wrapped__", function)
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(method, "__name__", "")
    values = [*args, *kwargs.values()]
    if name in _WIDTH_METHODS and any(isinstance(v, int) and v > WIDTH_LIMIT for v in values):
        raise Runaway(TOO_LONG_TEXT)
    if name in ("format", "format_map"):
        check_format(owner, tuple(values))
    elif name == "replace" and len(args) >= 2 and isinstance(args[1], str) \
            and len(owner) * max(1, len(args[1])) > LENGTH_LIMIT:
        raise Runaway(TOO_LONG_TEXT)
    elif name == "join" and args and hasattr(args[0], "__len__") \
            and len(owner) * len(args[0]) > LENGTH_LIMIT:
        raise Runaway(TOO_LONG_TEXT)


def _checked_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter refusing a width or count above :data:`WIDTH_LIMIT` (``center(10**9)``,
    ``slice(10**9)``) or, for ``format``/``join``/``replace``, a result too long."""
    def checked(*args: Any, **kwargs: Any) -> Any:
        values = [*args[1:], *kwargs.values()]
        widths = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if name in ("center", "indent", "wordwrap", "truncate", "slice", "batch") and \
                any(v > WIDTH_LIMIT for v in widths):
            raise Runaway(TOO_LONG_TEXT)
        text = next((v for v in args if isinstance(v, str)), None)
        if name == "format" and text is not None:
            check_format(text, tuple(values))
        elif name == "replace" and len(args) >= 3 and isinstance(args[-1], str):
            check_call(str(args[-3]).replace, (args[-2], args[-1]), {})
        elif name == "join":
            value = next((v for v in args if hasattr(v, "__len__") and not isinstance(v, str)
                          and not isinstance(v, jinja2.nodes.EvalContext)), None)
            separator = next((v for v in values if isinstance(v, str)), "")
            if value is not None and len(separator) * len(value) > LENGTH_LIMIT:
                raise Runaway(TOO_LONG_TEXT)
        return function(*args, **kwargs)
    for attribute in ("jinja_pass_arg",):  # keep how Jinja passes the context/environment
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    return checked


class Deadline:
    """A time limit for rendering one document, kept by a watching thread.

    :meth:`limit` arms it for the calling thread; when the time is up while still armed, the
    watching thread sets :class:`_Timeout` in the rendering thread
    (``PyThreadState_SetAsyncExc``): it is raised there at the next Python instruction, so a
    loop of template code ends; a single C operation would not be interrupted, which is why
    sizes are bounded before any is started. One watching thread per renderer, started with
    its first document and ended with the renderer.

    Arming does not wake the watching thread when it will wake before the new time limit
    anyway (it then looks again and waits for the rest): waking it for every document, two
    switches between threads, cost a tenth of a document's rendering on a busy machine.
    """

    def __init__(self, seconds: float = TIME_LIMIT) -> None:
        self.seconds = seconds
        self._condition = threading.Condition()
        self._armed: tuple[int, float] | None = None
        self._fired = False
        self._closed = False
        self._watching = False
        self._wakes_at: float | None = None
        """When the watching thread wakes next by itself; ``None``: only when notified."""

    @contextlib.contextmanager
    def limit(self) -> Iterator[None]:
        """The block, ended with :class:`Runaway` after :attr:`seconds`."""
        self._arm()
        try:
            yield
        except BaseException as err:
            if self._disarm():
                raise Runaway(TOO_SLOW) from err
            raise
        if self._disarm():
            raise Runaway(TOO_SLOW)

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def _arm(self) -> None:
        with self._condition:
            self._armed = (threading.get_ident(), time.monotonic() + self.seconds)
            self._fired = False
            if not self._watching:
                self._watching = True
                threading.Thread(target=self._watch, name="mttq-docs-deadline",
                                 daemon=True).start()
            if self._wakes_at is None or self._armed[1] < self._wakes_at:
                self._condition.notify_all()

    def _disarm(self) -> bool:
        """Disarm; whether the time ran out (a late :class:`_Timeout` is cleared)."""
        while True:
            try:
                with self._condition:
                    self._armed = None
                    if self._fired:
                        _set_async(threading.get_ident(), None)
                    return self._fired
            except _Timeout:  # delivered while disarming: the time had run out
                continue

    def _watch(self) -> None:
        with self._condition:
            while not self._closed:
                if self._armed is None:
                    self._wakes_at = None
                    self._condition.wait()
                    continue
                thread, until = self._armed
                left = until - time.monotonic()
                if left > 0:
                    self._wakes_at = until
                    self._condition.wait(left)
                    continue
                self._armed, self._fired = None, True
                _set_async(thread, _Timeout)


def _set_async(thread: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception else ctypes.c_void_p())


def ends_with(owner: object, deadline: Deadline) -> None:
    """Stop ``deadline``'s watching thread when ``owner`` is collected."""
    weakref.finalize(owner, deadline.close)
