"""bench/load.py with tiny bounds: it starts its own server, drives every phase, and reports."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LOAD_SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "load.py"
FLOOD_TIMEOUT_S = 0.5
PHASES = [
    "static gzip",
    "page gzip",
    "static plain",
    "page plain",
    "answer checks",
    "equivalence",
    "learners",
]


def test_the_load_script_drives_every_phase_and_reports_its_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    command = [sys.executable, str(LOAD_SCRIPT), "--learners", "4", "--seconds", "0.3"]
    finished = subprocess.run(
        [*command, "--max-requests", "12", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # A short time limit, so that the flood's queued calls are answered soon after each round.
        env={**os.environ, "STEEPEST_TIMEOUT": str(FLOOD_TIMEOUT_S)},
    )
    assert finished.returncode == 0, finished.stderr
    figures = json.loads(finished.stdout)

    assert list(figures["phases"]) == PHASES
    for name, phase in figures["phases"].items():
        # Every request of every phase was answered 200, and within the count bound.
        assert phase["statuses"] == {"200": phase["ok"]}, name
        assert 0 < phase["ok"] <= 12, name
        assert phase["per_s"] > 0 and 0 < phase["p50_ms"] <= phase["p99_ms"], name
    assert set(figures["phases"]["learners"]["kinds"]) == {"page", "answer", "progress"}
    for name, phase in figures["fairness"].items():
        # The other client always got its page and preview; the flooder's gradients ran to
        # their limit (422), its previews were answered (200) or its calls were refused beyond
        # its share (429), in the flooded phase only.
        assert set(phase["statuses"]) == {"200"}, name
        for kind in ("page", "preview"):
            assert phase["kinds"][kind]["p99_ms"] > 0, name
    assert figures["fairness"]["alone"]["flood_statuses"] == {}
    assert set(figures["fairness"]["flooded"]["flood_statuses"]) <= {"200", "422", "429"}
    assert "422" in figures["fairness"]["flooded"]["flood_statuses"]
    assert [target["name"] for target in figures["targets"]] == [
        "page p99",
        "page vs static",
        "answer checks",
        "flooded page",
        "flooded preview",
    ]

    monkeypatch.syspath_prepend(LOAD_SCRIPT.parent)
    load = importlib.import_module("load")
    table = "\n".join(load.report_lines(figures))
    for name in PHASES:
        assert f"\n{name} " in table
    for target in figures["targets"]:
        assert target["figure"] in table
    for name in ("alone", "flooded"):
        assert f"\n{name} " in table
    verdicts = [line.endswith(("ok", "MISSED TARGET")) for line in table.splitlines()[-5:]]
    assert verdicts == [True] * 5
