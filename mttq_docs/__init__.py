"""mttq-docs: the documents of an MTTQ plan, generated from one workbook.

The public API is :mod:`mttq_docs.api`; the command line (:mod:`mttq_docs.cli`) is a thin
layer over it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mttq-docs")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
