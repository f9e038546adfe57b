"""Installed like any tool: a wheel with its templates, a work folder of the user's own, a
command line that starts at once, LibreOffice found where Windows puts it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from mttq_docs.cli import main
from mttq_docs.libreoffice import find_soffice
from mttq_docs.workfolder import MARKER, WorkFolder

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("openpyxl", "numpy", "docx", "docxtpl", "jinja2", "lxml", "pandas", "python_calamine")


def test_help_imports_none_of_the_heavy_libraries():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "mttq_docs", "--help"],
                          capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert imported.isdisjoint(HEAVY), imported & set(HEAVY)


def test_bare_commands_work_inside_a_work_folder_and_write_only_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(main, ["init", "ke_hoach 2018 Hải Dương"])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "ke_hoach 2018 Hải Dương"
    assert (folder / "ke_hoach_2018_hai_duong.xlsx").is_file()
    assert (folder / "HUONG_DAN.txt").read_text(encoding="utf-8").startswith("THƯ MỤC")
    monkeypatch.chdir(folder / "..")
    before = set(tmp_path.rglob("*"))
    monkeypatch.chdir(folder)
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert "Đã xử lý 103 văn bản" in result.output
    written = set(tmp_path.rglob("*")) - before
    documents = folder / "van_ban"
    assert written and all(path == documents or documents in path.parents for path in written)
    collected = runner.invoke(main, ["collect"])
    assert collected.exit_code == 0, collected.output
    assert (folder / "van_ban" / "tinh" / "theo_doi_tien_do.xlsx").is_file()
    # From a folder below it too.
    monkeypatch.chdir(folder / "van_ban" / "tinh")
    assert runner.invoke(main, ["validate"]).exit_code == 0


def test_a_work_folder_may_have_its_own_templates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "--mau"]).exit_code == 0
    folder = WorkFolder.find(tmp_path)
    assert folder is not None and folder.templates == tmp_path / "mau"
    assert (tmp_path / "mau" / "giay_moi.docx").is_file()
    assert (tmp_path / "mau" / "bao_cao_tong_hop.docx").is_file()
    checked = CliRunner().invoke(main, ["templates", "check"])
    assert checked.exit_code == 0 and str(tmp_path / "mau") in checked.output


def test_init_replaces_a_link_instead_of_writing_through_it(tmp_path):
    outside = tmp_path / "ngoai.xlsx"
    outside.write_bytes(b"giu nguyen")
    folder = tmp_path / "kh"
    folder.mkdir()
    os.symlink(outside, folder / "kh.xlsx")
    assert CliRunner().invoke(main, ["init", str(folder), "--force"]).exit_code == 0
    assert outside.read_bytes() == b"giu nguyen"
    assert not (folder / "kh.xlsx").is_symlink()


def test_a_damaged_marker_is_one_vietnamese_line(tmp_path, monkeypatch):
    (tmp_path / MARKER).write_text("bang_tinh = [", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1 and "Không đọc được" in result.output
    assert "Traceback" not in result.output


def test_the_project_root_is_a_work_folder_of_the_sample():
    folder = WorkFolder.find(ROOT)
    assert folder is not None
    assert folder.workbook == ROOT / "inputs" / "ke_hoach_2017.xlsx"
    assert folder.documents == ROOT / "outputs"


class TestWindowsLibreOffice:
    """The discovery rules, with the system faked (they were not run on a real Windows)."""

    @staticmethod
    def find(existing, environ=None, registry=()):
        return find_soffice(environ=environ or {}, which=lambda name: None,
                            registry=lambda: list(registry),
                            exists=lambda path: str(path) in existing, windows=True)

    def test_the_registry_install_path_comes_first(self):
        installed = r"D:\Ứng dụng\LibreOffice\program\soffice.exe"
        assert self.find({installed}, registry=[r"D:\Ứng dụng\LibreOffice\program"]) == \
            installed

    def test_program_files_from_the_environment(self):
        x86 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
        assert self.find({x86}, {"ProgramFiles(x86)": r"C:\Program Files (x86)"}) == x86

    def test_path_wins_and_nothing_found_is_none(self):
        assert find_soffice(which=lambda name: "/usr/bin/soffice") == "/usr/bin/soffice"
        assert self.find(set()) is None


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built once (with the setuptools already installed: no download)."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "--no-build-isolation", "-w", str(dist), "-q"], check=True,
                   capture_output=True)
    return next(dist.glob("mttq_docs-*.whl"))


def test_the_wheel_carries_its_templates_and_sample(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "mttq_docs/_data/ke_hoach_2017.xlsx" in names
    templates = {n.rsplit("/", 1)[-1] for n in names if n.startswith("mttq_docs/_data/templates/")}
    assert templates == {p.name for p in (ROOT / "templates_docx").glob("*.docx")}
    assert any(n.endswith("LICENSE") for n in names)


def test_the_installed_wheel_works_from_an_empty_folder(wheel, tmp_path):
    """A fresh environment (the heavy dependencies taken from this one, not downloaded):
    init, generate and collect write only under the work folder, nothing in the package."""
    env_dir = tmp_path / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "--no-index", "-q", str(wheel)], check=True,
                   capture_output=True)
    located = subprocess.run([str(python), "-c", "import mttq_docs, pathlib; print(pathlib.Path("
                              "mttq_docs.__file__).parent)"], capture_output=True, text=True,
                             check=True, cwd=tmp_path).stdout.strip()
    package = Path(located)
    assert env_dir in package.parents, package
    snapshot = {p: p.stat().st_mtime_ns for p in package.rglob("*")
                if "__pycache__" not in p.parts}
    command = env_dir / ("Scripts" if os.name == "nt" else "bin") / "mttq-docs"
    work = tmp_path / "trong"
    work.mkdir()
    for args, cwd in ([["init", "ke_hoach"], work], [["generate"], work / "ke_hoach"],
                      [["collect"], work / "ke_hoach"]):
        done = subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((work / "ke_hoach" / "van_ban").rglob("*.docx"))) >= 103
    assert {p: p.stat().st_mtime_ns for p in package.rglob("*")
            if "__pycache__" not in p.parts} == snapshot
