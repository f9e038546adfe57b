"""The web page of the Movement Board: the whole job (check the workbook, make the documents,
collect what the communes sent back) in a browser on the office computer.

A small Flask application (:mod:`.app`) served by waitress (:mod:`.server`) on 127.0.0.1. It
calls the same library as the command line (:mod:`mttq_docs.api`); it implements nothing of
generation, validation or collection itself. Its state (the running job) lives in the
application object, never in a module.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
