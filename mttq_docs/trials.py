"""The result of the trial documents, kept in the output folder between runs.

Before writing anything, a run renders one document of each kind from a small sample of the
plan and checks it against the official format (:func:`mttq_docs.api.prepare`). The result (the
format warnings) comes from the template; whether it renders at all, from the template, the
program and what the plan's documents share. So it is kept, by a key of those
(:func:`mttq_docs.api.trial_key`), and a later run renders again only the trials whose key
changed: not after a changed row (a second of every re-run, whatever the plan's size).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .output import write_atomic

logger = logging.getLogger(__name__)

TRIALS_NAME = ".mttq-docs-trials.json"

Trials = dict[str, tuple[str, list[str]]]
"""Kind code → (key of the trial, its format warnings)."""


def load_trials(out: Path | None) -> Trials:
    """What earlier runs found; nothing when there is no such file or it cannot be read (the
    trials are then simply made again)."""
    if out is None:
        return {}
    try:
        raw = json.loads((out / TRIALS_NAME).read_bytes())
        return {code: (entry["inputs"], list(entry["warnings"])) for code, entry in raw.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # a folder of that name…
        logger.info("ignoring an unreadable %s", out / TRIALS_NAME)
        return {}


def save_trials(out: Path, trials: Trials) -> None:
    """Keep ``trials`` in ``out``, unless the file already says the same."""
    if load_trials(out) == trials:
        return
    text = json.dumps({code: {"inputs": key, "warnings": warnings}
                       for code, (key, warnings) in trials.items()}, ensure_ascii=False, indent=1)
    write_atomic(out / TRIALS_NAME, text.encode("utf-8"))
