"""Build step: the wheel carries the templates and the sample workbook.

Everything else is declared in ``pyproject.toml``. The project keeps its templates in
``templates_docx/`` and its sample workbook in ``inputs/`` (the folders staff and developers
edit); building the package copies them into ``mttq_docs/_data/`` inside the build, so the
installed package finds them with :mod:`importlib.resources` (``mttq_docs/resources.py``).
Nothing is copied into the source tree: there is one source of each file.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        data = Path(self.build_lib) / "mttq_docs" / "_data"
        (data / "templates").mkdir(parents=True, exist_ok=True)
        for template in sorted((ROOT / "templates_docx").glob("*.docx")):
            shutil.copyfile(template, data / "templates" / template.name)
        for workbook in sorted((ROOT / "inputs").glob("*.xlsx")):
            shutil.copyfile(workbook, data / workbook.name)


setup(cmdclass={"build_py": BuildWithData})
