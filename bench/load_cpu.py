"""CPU used while the load script runs, read from /proc: by the server process, its compute
workers, the script itself, and the whole machine (what is left is other programs' work)."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path


def server_cpu_seconds(root: int) -> tuple[float, float]:
    """User + system CPU of the server process, and of all its live descendants (the compute
    workers, forked by multiprocessing's forkserver, are its grandchildren)."""
    children: dict[int, list[int]] = defaultdict(list)
    used: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited while we looked
        pid = int(entry.name)
        children[int(fields[1])].append(pid)
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    descendants, todo = 0.0, list(children[root])
    while todo:
        pid = todo.pop()
        descendants += used.get(pid, 0.0)
        todo += children[pid]
    return used.get(root, 0.0), descendants


def client_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def machine_cpu_seconds() -> float:
    """Busy CPU of the whole machine, all cores: what is left after the server and this script
    is other work (other programs), which a reader should know about before trusting a figure."""
    ticks = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, ticks)
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """CPU seconds used since it was made: by the server process, by its compute workers, by
    this script, and by the whole machine."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.started = self._now()

    def _now(self) -> tuple[float, float, float, float]:
        server, workers = server_cpu_seconds(self.server)
        return server, workers, client_cpu_seconds(), machine_cpu_seconds()

    def used(self) -> tuple[float, float, float, float]:
        pairs = zip(self._now(), self.started, strict=True)
        server, workers, client, machine = (now - then for now, then in pairs)
        return server, workers, client, machine
