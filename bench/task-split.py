#!/usr/bin/python3
"""Where a run's wall time went, from its --events file (used by bench/fanout-1000.sh; not a test).

  bench/task-split.py EVENTS STARTED_EPOCH ENDED_EPOCH FORKS

Prints, in seconds from the process start: start-up (until the playbook starts), then per task the time from its start
to its last host's result, when the first, median and last host finished, the hosts finished per second, and what
that means per host with FORKS hosts at once (mean seconds a host held a fork), and for secret_delete with
wait_regenerated the seconds each token took to come back (min/median/max); then the time after the last task (recap,
shutdown).
"""
import json
import statistics
import sys
from datetime import datetime


def seconds(stamp):
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def main():
    events_file, started, ended, forks = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    tasks = []
    playbook_start = None
    for line in open(events_file, encoding="utf-8"):
        e = json.loads(line)
        t = seconds(e["time"]) - started
        if e["event"] == "playbook_start":
            playbook_start = t
        elif e["event"] == "task_start":
            tasks.append({"name": e["task"], "start": t, "done": [], "regenerated": []})
        elif e["event"] == "host_result" and tasks:
            tasks[-1]["done"].append(t)
            regenerated = (e.get("result") or {}).get("regenerated") or {}
            tasks[-1]["regenerated"].extend(float(v) for v in regenerated.values())
    print(f"  start-up until the playbook starts: {playbook_start:.2f} s")
    last = playbook_start
    for task in tasks:
        done = sorted(task["done"])
        if not done:
            continue
        span = done[-1] - task["start"]
        per_host = span * min(forks, len(done)) / len(done)
        print(f"  task '{task['name']}': {span:.2f} s (starts at {task['start']:.2f} s; hosts done after"
              f" {done[0] - task['start']:.2f} / {statistics.median(done) - task['start']:.2f} /"
              f" {span:.2f} s (first/median/last); {len(done) / span if span > 0 else 0:.0f} hosts/s;"
              f" {per_host:.2f} s per host with {min(forks, len(done))} at once)")
        if task["regenerated"]:
            r = sorted(task["regenerated"])
            print(f"    tokens back after their delete: {r[0]:.2f} / {statistics.median(r):.2f} / {r[-1]:.2f} s"
                  f" (min/median/max of {len(r)})")
        last = done[-1]
    print(f"  after the last result (recap, exit): {ended - started - last:.2f} s")


if __name__ == "__main__":
    main()
