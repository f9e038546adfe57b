"""``python -m mttq_docs``: the same as the ``mttq-docs`` command."""

from .cli import main

main(prog_name="mttq-docs")
