"""A worker task that kills its own process on specs named ``die-*``, as an out-of-memory
kill or a native crash would; any other spec is analysed as usual. Importable by spawned
worker processes, unlike a function defined in a test module."""

from __future__ import annotations

import os

from analyser.batch.store import SpecRecord
from analyser.batch.workers import Task, analyse_task


def analyse_or_die(task: Task) -> SpecRecord:
    if task.name.startswith("die-"):
        os._exit(70)
    return analyse_task(task)
