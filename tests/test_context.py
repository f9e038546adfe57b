"""Contexts built by level, their shared parts digested once, and kept per builder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from mttq_docs.context import BLANK, ContextBuilder, build_context, json_digest
from mttq_docs.documents import plan_jobs
from mttq_docs.plan import Level

from .factory import make_plan


def _job(jobs, code, index=0):
    return [j for j in jobs if j.kind.code == code][index]


def test_each_level_gets_its_own_header_and_place_values():
    plan = make_plan()
    builder = ContextBuilder(plan)
    jobs = list(builder.layout.jobs())
    province = builder.context(_job(jobs, "ke_hoach_tinh"))
    district = builder.context(_job(jobs, "ke_hoach_huyen"))
    commune = builder.context(_job(jobs, "ke_hoach"))
    assert province["co_quan_cap"] == "TỈNH HẢI DƯƠNG"
    assert district["co_quan_cap"] == "HUYỆN THANH HÀ" and district["ten_huyen"] == "Thanh Hà"
    assert commune["co_quan_cap"] == "XÃ THANH BÍNH" and commune["ten_huyen"] == "Thanh Hà"
    assert commune["mo_hinh"]["ma"] == "ANTT"
    assert commune["khach_moi"] == ["Đại diện Công an xã"]
    assert commune["noi_nhan"] == ["Ban Thường trực Ủy ban MTTQ tỉnh"]
    assert district["noi_nhan"] == ["Các xã được chọn"]
    assert province["nam"] == 2017 and province["so_diem"] == "03"


def test_a_commune_not_chosen_shows_a_blank_to_fill():
    jobs = plan_jobs(make_plan())
    context = build_context(make_plan(), _job(jobs, "ke_hoach", 2))
    assert context["ten_xa"] == BLANK


def test_the_contents_list_of_a_folder_lists_that_folder_only():
    plan = make_plan()
    builder = ContextBuilder(plan)
    jobs = list(builder.layout.jobs())
    contents = [j for j in jobs if j.kind.code == "danh_muc"]
    thanh_ha = builder.context(contents[1])
    assert thanh_ha["don_vi"] == "huyện Thanh Hà"
    files = [item["tep"] for item in thanh_ha["van_ban"]]
    assert files == [j.path.name for j in jobs
                     if j.path.parts[0] == "thanh_ha" and not j.kind.per_folder]
    assert [d["xa"] for d in thanh_ha["diem"]] == ["xã Thanh Bính", "xã Thanh Cường"]
    assert builder.context(contents[0])["don_vi"] == "tỉnh Hải Dương"


def test_equal_contexts_have_equal_digests_and_a_changed_value_changes_them():
    plan = make_plan()
    first, second = ContextBuilder(plan), ContextBuilder(dataclasses.replace(plan))
    job_a = _job(list(first.layout.jobs()), "giay_moi")
    job_b = _job(list(second.layout.jobs()), "giay_moi")
    assert first.parts(job_a).shared_digest == second.parts(job_b).shared_digest
    moved = make_plan(points=[("Thanh Hà", "Thanh Bính", "GSDT"), ("Thanh Hà", "Thanh Cường",
                                                                   "GSDT"), ("Kim Thành", None, "ANTT")])
    third = ContextBuilder(moved)
    job_c = _job(list(third.layout.jobs()), "giay_moi")
    assert third.parts(job_c).shared_digest != first.parts(job_a).shared_digest


def test_two_builders_never_serve_each_others_values():
    """The caches are the builder's own: a plan of another province gets its own names."""
    one, other = make_plan(), make_plan(province="Bắc Ninh")
    builders = [ContextBuilder(one), ContextBuilder(other)]
    jobs = [list(b.layout.jobs()) for b in builders]
    for round_ in range(3):
        for builder, own_jobs, name in zip(builders, jobs, ["Hải Dương", "Bắc Ninh"]):
            for job in own_jobs:
                assert builder.context(job)["ten_tinh"] == name


def test_a_two_level_plan_builds_a_context_for_every_document():
    builder = ContextBuilder(make_plan(levels=2))
    for job in builder.layout.jobs():
        context = builder.context(job)
        assert context["tinh"] == "thành phố Hải Phòng"
        if job.place.level is Level.COMMUNE and not job.kind.per_folder:
            assert context["co_quan_cap"] == f"XÃ {job.place.name.upper()}"


def test_a_value_holding_a_long_list_is_digested_as_its_whole_json():
    """The province's values (a budget line per point) are hashed in pieces: the digest is the
    one of the whole canonical JSON text, as for any other value (records depend on it)."""
    def whole(value):
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    plan = make_plan()
    plan = dataclasses.replace(plan, points=plan.points * 400)
    builder = ContextBuilder(plan)
    province = builder.context(_job(list(builder.layout.jobs()), "du_toan"))
    assert len(province["du_toan"]["dong"]) == 1200
    values = [province, {"a": list(range(1000)), "b": ()}, tuple(range(1000)), list(range(999)),
              {"k": {"l": [{"ngày": dt.date(2017, 6, 1), "x": None}] * 1500, "m": 1.5}},
              {"é": "\n\"\\", "t": True, "n": {1: list(range(2000))}}, [[1, 2]] * 1200, {}, []]
    for value in values:
        assert json_digest(value) == whole(value)
