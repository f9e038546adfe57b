"""Which documents a plan calls for, folder by folder, for plans of three and two levels."""

from __future__ import annotations

from collections import Counter

import pytest

from mttq_docs.documents import Layout, plan_jobs
from mttq_docs.kinds import ALL_KINDS, KINDS, REPORT_KIND
from mttq_docs.plan import Level

from .factory import make_plan


@pytest.mark.parametrize("levels", [3, 2])
def test_counted_documents_equal_those_made(levels):
    layout = Layout(make_plan(levels=levels))
    jobs = list(layout.jobs())
    assert layout.count() == len(jobs)
    assert len({job.path for job in jobs}) == len(jobs)
    for folder in layout.folders:
        assert [j.path for j in layout.folder_jobs(folder)] == [
            j.path for j in jobs if j.path.parts[0] == folder.folder]


def test_a_three_level_plan_has_province_district_and_commune_documents():
    jobs = plan_jobs(make_plan())
    kinds = Counter(job.kind.code for job in jobs)
    assert kinds["danh_muc"] == 3  # one per folder: province and two districts
    assert kinds["ke_hoach_tinh"] == kinds["du_toan"] == 1
    assert kinds["ke_hoach_huyen"] == 2
    assert kinds["ke_hoach"] == 3  # one per point
    assert kinds["quy_uoc"] == 2 and kinds["quy_che"] == 1  # by the model's regulation
    for job in jobs:
        if not job.kind.per_folder:
            assert job.place.level is job.kind.level
        assert (job.point is not None) == (job.place.level is Level.COMMUNE)
    district_plan = next(j for j in jobs if j.kind.code == "ke_hoach_huyen")
    assert str(district_plan.path) == "thanh_ha/00_ke_hoach_huyen_thanh_ha.docx"
    commune_plan = next(j for j in jobs if j.kind.code == "ke_hoach")
    assert str(commune_plan.path) == "thanh_ha/01_ke_hoach_xa_thanh_binh.docx"
    assert str(next(j for j in jobs if j.kind.code == "ke_hoach_tinh").path) == \
        "tinh/01_ke_hoach_tinh_2017.docx"


def test_a_two_level_plan_has_no_district_document_and_a_folder_per_commune():
    jobs = plan_jobs(make_plan(levels=2))
    assert not any(job.kind.level is Level.DISTRICT for job in jobs)
    folders = {job.path.parts[0] for job in jobs}
    assert folders == {"tinh", "xa_mao_dien", "xa_kinh_mon", "xa_cat_hai"}
    assert Counter(job.kind.code for job in jobs)["danh_muc"] == 4


def test_the_catalogue_holds_the_summary_report_and_each_kind_once():
    assert REPORT_KIND in ALL_KINDS and REPORT_KIND not in KINDS
    assert len({k.code for k in ALL_KINDS}) == len(ALL_KINDS)
    assert REPORT_KIND.level is Level.PROVINCE


def test_a_layout_keeps_only_the_last_folder_asked_for():
    layout = Layout(make_plan())
    first, second = layout.folders[1], layout.folders[2]
    jobs = layout.folder_jobs(first)
    assert layout.folder_jobs(first) is jobs  # kept while the run is in that folder
    layout.folder_jobs(second)
    assert layout.folder_jobs(first) is not jobs
