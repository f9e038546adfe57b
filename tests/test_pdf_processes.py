"""--pdf on every core: the files shared among LibreOffice processes, each with its own
profile; a few files take one process (issue 20)."""

from __future__ import annotations

import subprocess

from mttq_docs import api, pdf

from .helpers import small_workbook
from .test_packets import needs_libreoffice


def _counting(monkeypatch):
    started = []
    real = subprocess.Popen

    def popen(command, *args, **kwargs):
        started.append(command)
        return real(command, *args, **kwargs)
    monkeypatch.setattr(pdf.subprocess, "Popen", popen)
    return started


@needs_libreoffice
def test_many_files_are_shared_among_processes_with_their_own_profiles(tmp_path, monkeypatch):
    out = tmp_path / "out"
    api.generate(small_workbook(tmp_path / "v.xlsx"), out, jobs=1)
    documents = sorted(out.rglob("*.docx"))[:2 * pdf.FILES_PER_PROCESS]
    started = _counting(monkeypatch)
    made = pdf.convert_to_pdf(documents, processes=2)
    assert len(started) == 2
    profiles = {part for command in started for part in command if "UserInstallation" in part}
    assert len(profiles) == 2
    assert sorted(made) == sorted(d.with_suffix(".pdf") for d in documents)
    assert all(p.read_bytes().startswith(b"%PDF") for p in made)


@needs_libreoffice
def test_a_few_files_take_one_process(tmp_path, monkeypatch):
    out = tmp_path / "out"
    api.generate(small_workbook(tmp_path / "v.xlsx"), out, jobs=1)
    documents = sorted(out.rglob("*.docx"))[:3]
    started = _counting(monkeypatch)
    assert len(pdf.convert_to_pdf(documents, processes=4)) == 3
    assert len(started) == 1


def test_a_long_share_is_converted_by_successive_processes(tmp_path, monkeypatch):
    """LibreOffice 7.4 converts the first 246 files of a longer list and ends without an
    error: no process is given more than FILES_PER_RUN files."""
    commands = []

    class Done:
        returncode = 0

        def __init__(self, command, *args, **kwargs):
            commands.append(command)

        def communicate(self, timeout=None):
            return b"", b""

        def poll(self):
            return 0

    monkeypatch.setattr(pdf.subprocess, "Popen", Done)
    shares = [[tmp_path / f"{i}.docx" for i in range(start, 450, 2)] for start in (0, 1)]
    pdf._run_all("soffice", shares, tmp_path, tmp_path / "out", 10)
    sizes = [sum(part.endswith(".docx") for part in command) for command in commands]
    assert sizes == [200, 200, 25, 25] and len(commands) == 4
    profiles = [next(p for p in command if "UserInstallation" in p) for command in commands]
    assert profiles[0] == profiles[2] != profiles[1] == profiles[3]
