"""What a caller other than the command line (a web page) relies on: errors with codes and no
click, progress for every phase, a cancel token, one lock held for a whole run."""

from __future__ import annotations

import os

import click
import pytest
from click.testing import CliRunner

from mttq_docs import api
from mttq_docs.cli import main
from mttq_docs.errors import (
    Cancelled, ErrorCode, FolderBusy, MttqError, OutsideFolder, WorkbookFileError,
)
from mttq_docs.manifest import Manifest
from mttq_docs.output import OutputFolder
from mttq_docs.progress import CancelToken, Phase

from .helpers import small_workbook
from .test_render import edited_templates


def test_library_errors_are_not_click_errors_and_carry_a_code(tmp_path):
    assert not issubclass(MttqError, click.ClickException)
    with pytest.raises(WorkbookFileError) as caught:
        api.validate(tmp_path / "khong_co.xlsx")
    assert caught.value.code is ErrorCode.UNREADABLE_WORKBOOK
    assert "--" not in caught.value.message  # no command-line option named by the library


def test_the_command_line_adds_its_own_advice_by_code(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    again = runner.invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 1
    assert "đã có" in again.output and "--force" in again.output
    assert "Traceback" not in again.output


def test_every_phase_reports_progress(tmp_path):
    workbook = small_workbook(tmp_path / "v.xlsx")
    events = []
    generation = api.prepare(workbook, progress=events.append)
    result = generation.write(tmp_path / "out", events.append, zips=True, jobs=1)
    phases = [e.phase for e in events]
    assert phases[0] is Phase.CHECK and Phase.RENDER in phases and Phase.ZIP in phases
    writes = [e for e in events if e.phase is Phase.WRITE]
    assert [e.done for e in writes] == list(range(1, generation.job_count + 1))
    assert all(e.total == generation.job_count for e in writes)
    assert {e.detail.status for e in writes} == {"create"}
    zips = [e for e in events if e.phase is Phase.ZIP]
    assert [e.item for e in zips] == [str(p) for p in sorted(result.packets.zip_made)]
    collected = []
    api.collect(tmp_path / "out", workbook, progress=collected.append)
    assert collected and {e.phase for e in collected} == {Phase.COLLECT}


def test_a_cancelled_run_stops_at_the_next_file_and_keeps_what_it_wrote(tmp_path):
    workbook, out = small_workbook(tmp_path / "v.xlsx"), tmp_path / "out"
    token = CancelToken()

    def stop_after_five(event):
        if event.phase is Phase.WRITE and event.done == 5:
            token.cancel()

    with pytest.raises(Cancelled) as caught:
        api.generate(workbook, out, progress=stop_after_five, cancel=token, jobs=1)
    assert caught.value.code is ErrorCode.CANCELLED
    assert len(list(out.rglob("*.docx"))) == 5
    again = api.generate(workbook, out, jobs=1)
    assert again.counts()["unchanged"] == 5 and "beside" not in again.counts()


def test_the_record_is_held_for_the_whole_run_packets_and_collect_included(tmp_path):
    workbook, out = small_workbook(tmp_path / "v.xlsx"), tmp_path / "out"
    refused = []

    def try_to_enter(event):
        if event.phase in (Phase.ZIP, Phase.COLLECT) and event.done == 1:
            with pytest.raises(FolderBusy) as caught:
                Manifest.open(out)
            refused.append(caught.value.code)

    api.generate(workbook, out, progress=try_to_enter, zips=True, jobs=1)
    api.collect(out, workbook, progress=try_to_enter)
    assert refused == [ErrorCode.FOLDER_BUSY, ErrorCode.FOLDER_BUSY]
    with Manifest.open(out):  # and let go when the run ends
        pass


def test_a_folder_replaced_by_a_link_is_refused_by_the_next_run(tmp_path):
    root, outside = tmp_path / "out", tmp_path / "elsewhere"
    (root / "thanh_ha").mkdir(parents=True)
    outside.mkdir()
    first = OutputFolder(root)
    assert first.path("thanh_ha/a.docx").parent == (root / "thanh_ha").resolve()
    (root / "thanh_ha").rmdir()
    os.symlink(outside, root / "thanh_ha")
    with pytest.raises(OutsideFolder) as caught:
        OutputFolder(root).path("thanh_ha/a.docx")
    assert caught.value.code is ErrorCode.OUTSIDE_FOLDER
    for bad in ("../a.docx", "/etc/passwd", "thanh_ha/..", "a/../../b.docx"):
        with pytest.raises(OutsideFolder):
            OutputFolder(root).path(bad)


def test_templates_check_checks_the_summary_report_too(tmp_path):
    templates = edited_templates(tmp_path, "bao_cao_tong_hop.docx", "{{ bien_khong_co }}")
    problems = api.check_templates(templates)
    assert any(p.template == "bao_cao_tong_hop.docx" and "bien_khong_co" in str(p)
               for p in problems)
    assert not [p for p in api.check_templates() if p.level == "error"]
