"""Two runs in two threads of one process (as a web server would run them) share nothing:
each gives exactly the documents it gives alone."""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from pathlib import Path

import pytest

from mttq_docs import api
from mttq_docs.context import ContextBuilder
from mttq_docs.render import Renderer, Template

from .factory import make_plan
from .helpers import SHIPPED, edited_workbook

DIGESTS = Path(__file__).resolve().parent / "fixtures" / "shipped_digests.json"


@pytest.fixture
def fast_switching():
    """Threads switch every 10 µs instead of 5 ms: interleavings that would be rare."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(previous)


def _in_threads(*workers):
    errors: list[BaseException] = []

    def guarded(work):
        try:
            work()
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            errors.append(err)

    threads = [threading.Thread(target=guarded, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def test_contexts_and_renders_of_two_plans_in_two_threads_do_not_mix(fast_switching):
    plans = [make_plan(), make_plan(province="Bắc Ninh", points=[
        ("Từ Sơn", "Đình Bảng", "GSDT"), ("Từ Sơn", "Tân Hồng", "ANTT"), ("Quế Võ", "Phù Lãng",
                                                                         "ANTT")])]
    templates = {code: Template.load(api.DEFAULT_TEMPLATES / f"{code}.docx")
                 for code in ("ke_hoach", "giay_moi", "ke_hoach_tinh")}
    expected = []
    for plan in plans:  # each plan alone, first
        builder, renderer = ContextBuilder(plan), Renderer()
        jobs = [j for j in builder.layout.jobs() if j.kind.code in templates]
        expected.append([(job, builder.context(job), renderer.render(
            templates[job.kind.code], builder.context(job))) for job in jobs])

    def run(index: int) -> None:
        plan, builder, renderer = plans[index], ContextBuilder(plans[index]), Renderer()
        province = plan.settings.province
        jobs = list(builder.layout.jobs())
        for _ in range(400):  # thousands of contexts
            for job in jobs:
                assert builder.context(job)["ten_tinh"] == province
        for _ in range(60):  # hundreds of renders
            for job, context, data in expected[index]:
                assert builder.context(job) == context
                assert renderer.render(templates[job.kind.code], context) == data

    _in_threads(lambda: run(0), lambda: run(1))


def _digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.docx"))}


def test_two_generations_in_two_threads_give_what_each_gives_alone(tmp_path):
    other = edited_workbook(tmp_path, ("Kế hoạch", "Tỉnh", "Giá trị", "Bắc Ninh"),
                            ("Kế hoạch", "Địa danh", "Giá trị", "Bắc Ninh"))
    alone = tmp_path / "alone"
    api.generate(other, alone, jobs=1)
    expected = [json.loads(DIGESTS.read_text(encoding="utf-8")), _digests(alone)]
    assert expected[0] != expected[1]
    for round_ in range(2):
        outs = [tmp_path / f"a{round_}", tmp_path / f"b{round_}"]
        _in_threads(lambda: api.generate(SHIPPED, outs[0], jobs=1),
                    lambda: api.generate(other, outs[1], jobs=1))
        assert [_digests(out) for out in outs] == expected
