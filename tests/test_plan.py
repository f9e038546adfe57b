"""The model of places and levels: the tree a plan's documents are organised by."""

from __future__ import annotations

import dataclasses

from mttq_docs.plan import PROVINCE_FOLDER, THREE_LEVELS, TWO_LEVELS, Level, Places

from .factory import make_plan


def test_a_three_level_plan_has_a_folder_per_district_and_its_points_under_it():
    places = Places.of(make_plan())
    assert [(p.level, p.name, p.folder) for p in places.folders] == [
        (Level.PROVINCE, "Hải Dương", PROVINCE_FOLDER),
        (Level.DISTRICT, "Thanh Hà", "thanh_ha"),
        (Level.DISTRICT, "Kim Thành", "kim_thanh")]
    communes = places.communes()
    assert [(c.title, c.folder, c.slug) for c in communes] == [
        ("xã Thanh Bính", "thanh_ha", "xa_thanh_binh"),
        ("xã Thanh Cường", "thanh_ha", "xa_thanh_cuong"),
        ("xã/thị trấn", "kim_thanh", "chua_chon_xa")]
    assert communes[0].up(Level.DISTRICT) is places.folders[1]
    assert communes[0].up(Level.PROVINCE) is places.province
    assert places.province.up(Level.DISTRICT) is None
    assert all(c.point is not None and c.level is Level.COMMUNE for c in communes)


def test_a_two_level_plan_has_a_folder_per_commune_and_no_district():
    plan = make_plan(levels=2)
    assert plan.levels == TWO_LEVELS and plan.districts == ()
    places = Places.of(plan)
    assert [p.folder for p in places.folders] == [PROVINCE_FOLDER, "xa_mao_dien",
                                                  "xa_kinh_mon", "xa_cat_hai"]
    assert all(p.level is not Level.DISTRICT for p in places.folders + tuple(places.communes()))
    assert all(c.parent is places.province for c in places.communes())
    assert places.province.title == "thành phố Hải Phòng"


def test_folder_names_are_distinct_even_when_names_fold_to_the_same_ascii():
    plan = make_plan(points=[("Thanh Hà", "A", "ANTT"), ("Thạnh Hà", "B", "ANTT"),
                             ("Tỉnh", "C", "ANTT")])
    folders = [p.folder for p in Places.of(plan).folders]
    assert folders == ["tinh", "thanh_ha", "thanh_ha_2", "tinh_2"]


def test_places_are_compared_by_identity_so_two_plans_never_share_one():
    plan = make_plan()
    same_values = dataclasses.replace(plan)
    first, second = Places.of(plan), Places.of(same_values)
    assert first.folders[1] != second.folders[1]  # equal names, different trees
    assert first.folders[1] == first.folders[1]
    assert plan.levels == THREE_LEVELS


def test_recipients_are_chosen_by_level_and_document():
    plan = make_plan()
    assert plan.recipients_for(Level.COMMUNE, "ke_hoach") == ["Ban Thường trực Ủy ban MTTQ tỉnh"]
    assert plan.recipients_for(Level.PROVINCE, "giay_moi") == ["Lưu VT"]
    assert plan.recipients_for(Level.DISTRICT, "ke_hoach") == ["Các xã được chọn"]
