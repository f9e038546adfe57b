"""A re-run passes over the folders whose documents cannot have changed, and only those.

The key of a folder (:mod:`mttq_docs.folder_memo`) stands for its documents' inputs without
building their contexts. These tests check, on whole plans, that it is sound (two plans giving
a folder the same key give its documents the same fingerprints) and that a run passes over a
folder only when its key, its records and its files are all as the last run left them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3

import pytest

from mttq_docs import api, context, folder_memo, lookahead
from mttq_docs.manifest import RECORD_NAME, sha256
from mttq_docs.plan import Plan

from .helpers import small_workbook, watch_passed

TODAY = dt.date(2017, 8, 1)


def generation_of(plan: Plan, like: api.Generation) -> api.Generation:
    loaded = dataclasses.replace(like.loaded, plan=plan)
    return api.Generation(loaded, like.sources)


def keys_and_fingerprints(generation: api.Generation) -> dict[str, tuple[str, list[str]]]:
    """Per folder: its key, and the fingerprints of its documents (built in full)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for folder in generation.layout.folders:
        found[folder.folder] = (generation.folder_key(folder), [])
    for item in generation.planned():
        found[item.path.parts[0]][1].append(item.inputs)
    return found


def changed_point(plan: Plan, index: int, **changes: object) -> Plan:
    points = list(plan.points)
    points[index] = dataclasses.replace(points[index], **changes)
    return dataclasses.replace(plan, points=tuple(points))


@pytest.mark.parametrize("example", ["2017", "2026"])
@pytest.mark.parametrize("changes", [
    {"venue": "Nhà văn hóa thôn Đông"},
    {"conference_date": dt.date(2017, 9, 9)},
    {"commune": "Tân Mới"},
])
def test_a_folder_with_the_same_key_has_the_same_fingerprints(example, changes):
    before = api.prepare(api.sample_workbook(example))
    plan = before.loaded.plan
    index = len(plan.points) // 2
    after = generation_of(changed_point(plan, index, **changes), before)
    old, new = keys_and_fingerprints(before), keys_and_fingerprints(after)
    same = [folder for folder in old if folder in new and old[folder][0] == new[folder][0]]
    for folder in same:
        assert old[folder][1] == new[folder][1], folder
    # Only the changed point's folder (renamed with its commune in a plan without districts)
    # and the province's, which lists every point, have another key.
    point_folder = before.layout.places.communes()[index].folder
    renamed = after.layout.places.communes()[index].folder
    assert (set(old) | set(new)) - set(same) == {"tinh", point_folder, renamed}
    assert old["tinh"][1] != new["tinh"][1] or point_folder != renamed or \
        old[point_folder][1] != new[point_folder][1]


@pytest.mark.parametrize("change", [
    lambda plan: dataclasses.replace(plan, settings=dataclasses.replace(
        plan.settings, signer="Nguyễn Văn Khác")),
    lambda plan: dataclasses.replace(plan, models=(dataclasses.replace(
        plan.models[0], name=plan.models[0].name + " mới"),) + plan.models[1:]),
    lambda plan: dataclasses.replace(plan, recipients=plan.recipients[:-1]),
    # One point fewer: how many points the plan has is in every commune's plan.
    lambda plan: dataclasses.replace(plan, points=plan.points[:-1]),
    # Any field of the last unit of the list (units are digested a few hundred at a time).
    *(lambda plan, name=name: dataclasses.replace(plan, units=plan.units[:-1] + (
        dataclasses.replace(plan.units[-1], **{name: getattr(plan.units[-1], name) + "x"}),))
      for name in ("district", "name", "unit_type", "code")),
])
def test_what_every_document_shares_is_in_every_key(change):
    before = api.prepare(api.SHIPPED_WORKBOOK)
    after = generation_of(change(before.loaded.plan), before)
    old, new = keys_and_fingerprints(before), keys_and_fingerprints(after)
    for folder in set(old) & set(new):
        assert old[folder][0] != new[folder][0], folder


def test_points_moved_between_districts_change_both_folders_and_the_province():
    """The province's key is made from the other folders' keys: two points that swap
    districts (the plan's points otherwise the same) change it too."""
    before = api.prepare(api.SHIPPED_WORKBOOK)
    plan = before.loaded.plan
    first, second = before.layout.folders[1:3]
    one, other = (plan.points.index(before.layout.points_of(f)[0]) for f in (first, second))
    swapped = changed_point(changed_point(plan, one, district=second.name), other,
                            district=first.name)
    after = generation_of(swapped, before)
    old, new = keys_and_fingerprints(before), keys_and_fingerprints(after)
    moved = {"tinh", first.folder, second.folder}
    assert {folder for folder in old if old[folder][0] != new[folder][0]} == moved
    assert old["tinh"][1] != new["tinh"][1]


@pytest.mark.parametrize("example", ["2017", "2026"])
def test_every_place_is_in_a_folders_key(example):
    """The province's key covers the places through the other folders' keys: every place
    is a folder or written into one (there is no place the province's key would miss)."""
    generation = api.prepare(api.sample_workbook(example))
    places = generation.layout.places
    members = [*places.folders, *(p for f in places.folders for p in places.points[f.folder])]
    tree = [up for place in places.communes() for up in (place, place.parent,
                                                         place.parent and place.parent.parent)]
    assert {id(up) for up in tree if up} <= {id(place) for place in members}
    assert len(places.communes()) == len(generation.loaded.plan.points)
    assert places.folders[0] is places.province and not places.points[places.province.folder]


def test_the_shared_key_covers_every_field_of_a_point():
    """A field added to :class:`~mttq_docs.plan.Point` is in the key without a change."""
    generation = api.prepare(api.SHIPPED_WORKBOOK)
    plan = generation.loaded.plan
    folder = generation.layout.folders[1]
    key = generation.folder_key(folder)
    point = generation.layout.points_of(folder)[0]
    for field in dataclasses.fields(point):
        if field.name in ("model", "district", "commune", "unit_type"):
            continue  # change the folder's or the place's name, checked above
        value = getattr(point, field.name)
        other = {int: value + 1 if isinstance(value, int) else None,
                 str: f"{value} khác"}.get(type(value), dt.date(2017, 10, 10))
        index = plan.points.index(point)
        changed = generation_of(changed_point(plan, index, **{field.name: other}), generation)
        assert changed.folder_key(changed.layout.folders[1]) != key, field.name


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "outputs"
    api.generate(small_workbook(tmp_path / "v1.xlsx"), folder, today=TODAY)
    return folder


@pytest.fixture(params=["here", "by_another_process"])
def looking(request):
    """Each re-run looks at the folder's record and files itself, or has another process
    look while it reads the workbook (:mod:`mttq_docs.lookahead`, for large records: here
    for every record)."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "by_another_process":
            patch.setattr(lookahead, "LARGE_RECORD", 0)
        yield request.param


def contexts_built(monkeypatch) -> list[str]:
    built: list[str] = []
    parts = context.ContextBuilder.parts

    def counting(self, job):
        built.append(str(job.path))
        return parts(self, job)

    monkeypatch.setattr(context.ContextBuilder, "parts", counting)
    return built


def rerun(workbook, out, monkeypatch) -> tuple[api.GenerateResult, list[str], list[str]]:
    """Generate again; what it did, the documents whose contexts it built, the folders it
    passed over."""
    generation = api.prepare(workbook, out=out)
    built = contexts_built(monkeypatch)
    passed = watch_passed(generation, monkeypatch)
    result = generation.write(out, today=TODAY)
    monkeypatch.undo()
    return result, built, passed


def test_an_unchanged_plan_is_passed_over_folder_by_folder(tmp_path, out, monkeypatch, looking):
    result, built, passed = rerun(small_workbook(tmp_path / "v1b.xlsx"), out, monkeypatch)
    assert result.counts() == {"unchanged": 23}
    assert built == [] and passed == ["tinh", "cam_giang", "kinh_mon"]


def test_one_changed_row_opens_its_folder_and_the_provinces_only(tmp_path, out, monkeypatch, looking):
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Địa điểm": "Nhà văn hóa thôn Đông"})
    result, built, passed = rerun(workbook, out, monkeypatch)
    assert passed == ["cam_giang"]
    assert {path.split("/")[0] for path in built} == {"tinh", "kinh_mon"}
    assert result.counts()["update"] >= 1
    fresh = tmp_path / "fresh"
    api.generate(workbook, fresh, today=TODAY)
    for path in fresh.rglob("*.docx"):
        assert (out / path.relative_to(fresh)).read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize("in_folder", [True, False], ids=["by_name_in_folder", "by_path"])
def test_an_edited_deleted_or_touched_file_opens_its_folder(tmp_path, out, monkeypatch,
                                                            in_folder, looking):
    """Files are looked at by name in their opened folder, or by whole path where the
    system cannot (Windows): the same findings."""
    monkeypatch.setattr(folder_memo, "_STAT_IN_FOLDER", in_folder and folder_memo._STAT_IN_FOLDER)
    workbook = small_workbook(tmp_path / "v1b.xlsx")
    edited = sorted((out / "kinh_mon").glob("01_*.docx"))[0]
    edited.write_bytes(edited.read_bytes() + b"\0")
    deleted = sorted((out / "cam_giang").glob("02_*.docx"))[0]
    deleted.unlink()
    touched = sorted((out / "tinh").glob("*.docx"))[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    result, _, passed = rerun(workbook, out, monkeypatch)
    assert passed == []
    assert result.counts()["edited"] == 1 and result.counts()["recreate"] == 1
    # The edited file's folder is looked into at every run, so each run tells of it again.
    result, _, passed = rerun(workbook, out, monkeypatch)
    assert passed == ["tinh", "cam_giang"] and result.counts()["edited"] == 1


def test_a_file_written_by_another_program_opens_its_folder(tmp_path, out, monkeypatch, looking):
    """Another version of mttq-docs rewrote a document and its record: the folder is looked
    into, and the document made again."""
    target = sorted((out / "kinh_mon").glob("01_*.docx"))[0]
    original = target.read_bytes()
    target.write_bytes(original + b"\0")
    stat = target.stat()
    key = f"kinh_mon/{target.name}"
    with sqlite3.connect(out / RECORD_NAME) as db:
        db.execute("UPDATE files SET inputs = 'khac', output = ?, size = ?, mtime_ns = ? "
                   "WHERE path = ?", (sha256(target.read_bytes()), stat.st_size,
                                      stat.st_mtime_ns, key))
    result, _, passed = rerun(small_workbook(tmp_path / "v1b.xlsx"), out, monkeypatch)
    assert passed == ["tinh", "cam_giang"] and result.counts()["update"] == 1
    assert target.read_bytes() == original
    result, _, passed = rerun(small_workbook(tmp_path / "v1b.xlsx"), out, monkeypatch)
    assert passed == ["tinh", "cam_giang", "kinh_mon"]


def test_a_fingerprint_changed_alone_leaves_the_folder_passed_over(tmp_path, out, monkeypatch):
    """The files are what this version makes: a record's fingerprint written by another
    version, its file untouched, changes nothing (the next look into the folder mends it)."""
    with sqlite3.connect(out / RECORD_NAME) as db:
        db.execute("UPDATE files SET inputs = 'khac' WHERE path LIKE 'kinh_mon/01_%'")
    result, _, passed = rerun(small_workbook(tmp_path / "v1b.xlsx"), out, monkeypatch)
    assert passed == ["tinh", "cam_giang", "kinh_mon"] and result.counts() == {"unchanged": 23}


def test_other_templates_open_every_folder(tmp_path, out, monkeypatch):
    templates = tmp_path / "mau"
    templates.mkdir()
    for source in api.DEFAULT_TEMPLATES.glob("*.docx"):
        (templates / source.name).write_bytes(source.read_bytes())
    plan_template = templates / "ke_hoach.docx"
    import docx
    document = docx.Document(str(plan_template))
    document.add_paragraph("Một đoạn thêm.")
    document.save(str(plan_template))
    generation = api.prepare(small_workbook(tmp_path / "v1b.xlsx"), templates=templates,
                             out=out)
    result = generation.write(out, today=TODAY)
    assert result.counts()["update"] == 2  # the plan of each of the two communes


def test_a_dry_run_notes_nothing(tmp_path, out, monkeypatch):
    workbook = small_workbook(tmp_path / "v2.xlsx", **{"Địa điểm": "Nhà văn hóa thôn Đông"})
    api.generate(workbook, out, today=TODAY, dry_run=True)
    _, _, passed = rerun(workbook, out, monkeypatch)
    assert passed == ["cam_giang"]
