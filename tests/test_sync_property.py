"""Property: no sequence of workbook edits and hand edits ever loses a hand edit.

The synchroniser is driven with stand-in documents (bytes made from their inputs) so that
hypothesis can try many sequences quickly; the real documents go through the same code.
"""

import datetime as dt
import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mttq_docs.manifest import sha256
from mttq_docs.sync import Planned, synchronise

NAMES = [PurePosixPath("huyen_a", f"0{i}_van_ban.docx") for i in range(1, 4)]

operations = st.lists(st.one_of(
    st.tuples(st.just("change_inputs"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("hand_edit"), st.integers(0, 2), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("drop_from_plan"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("add_to_plan"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("run"), st.just(0), st.sampled_from([1, 2])),
), min_size=1, max_size=25)


def render_of(version: int, index: int) -> bytes:
    return f"generated {index} v{version}".encode()


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_no_sequence_of_edits_loses_a_hand_edit(ops):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        versions = [0, 0, 0]
        in_plan = [True, True, True]
        edits: list[bytes] = []  # every hand edit that a person did not later delete

        def run(day: int) -> None:
            planned = [Planned(NAMES[i], sha256(str(versions[i]).encode()),
                               lambda i=i: render_of(versions[i], i))
                       for i in range(3) if in_plan[i]]
            synchronise(out, planned, today=dt.date(2017, 8, day))

        run(1)
        for op, index, value in ops:
            target = out / NAMES[index]
            if op == "change_inputs":
                versions[index] = value
            elif op == "hand_edit" and target.exists():
                content = b"person:" + value
                if target.read_bytes() in edits:
                    edits.remove(target.read_bytes())  # replaced by the person themself
                target.write_bytes(content)
                edits.append(content)
            elif op == "delete" and target.exists():
                if target.read_bytes() in edits:
                    edits.remove(target.read_bytes())
                target.unlink()
            elif op == "drop_from_plan":
                in_plan[index] = False
            elif op == "add_to_plan":
                in_plan[index] = True
            elif op == "run":
                run(value)
            present = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
            for edit in edits:
                assert edit in present, (op, index, edit)
        # After a final run every planned document is in place, and its latest version exists
        # unless a person's edit stands there and nothing changed since they made it.
        run(2)
        present = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
        for i in range(3):
            if in_plan[i]:
                current = (out / NAMES[i]).read_bytes()
                assert current == render_of(versions[i], i) or current in edits
