"""Watches SQLite's WAL write lock from outside a process, and plays a pipeline process against the same file.

watch SECONDS PID DB...     how long PID holds the write lock of each DB: one JSON line per DB
claims SECONDS MODE DB GROUP a pipeline worker's queue claim in a loop (MODE deferred: BEGIN, SELECT, UPDATE, COMMIT as
                            the pipeline's code does it; immediate: BEGIN IMMEDIATE), 30 s busy timeout: one JSON line

The write lock is byte 120 of the -shm file (os_unix.c: UNIX_SHM_BASE, WAL_WRITE_LOCK), a POSIX record lock that
F_GETLK can see without taking it, so watching never disturbs the hub or the pipeline.
"""
import fcntl
import json
import os
import sqlite3
import struct
import sys
import time

WAL_WRITE_LOCK = 120
FLOCK = "@hhqqi"


def holder(fd):
    """The pid holding the write lock of the file, or 0."""
    request = struct.pack(FLOCK + "4x", fcntl.F_WRLCK, os.SEEK_SET, WAL_WRITE_LOCK, 1, 0)
    answer = fcntl.fcntl(fd, fcntl.F_GETLK, request)
    l_type, _, _, _, l_pid = struct.unpack(FLOCK, answer[:struct.calcsize(FLOCK)])
    return 0 if l_type == fcntl.F_UNLCK else l_pid


def watch(seconds, pid, databases):
    fds = [os.open(db + "-shm", os.O_RDONLY) for db in databases]
    started = [None] * len(fds)
    holds = [[] for _ in fds]
    samples = 0
    end = time.monotonic() + seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        samples += 1
        for i, fd in enumerate(fds):
            held = holder(fd) == pid
            if held and started[i] is None:
                started[i] = now
            elif not held and started[i] is not None:
                holds[i].append((now - started[i]) * 1000.0)
                started[i] = None
        time.sleep(0.00005)
    for db, h in zip(databases, holds):
        h.sort()
        print(json.dumps({"file": os.path.basename(db), "holds": len(h), "max_ms": h[-1] if h else 0.0,
                          "p99_ms": h[int(len(h) * 0.99)] if h else 0.0, "median_ms": h[len(h) // 2] if h else 0.0,
                          "held_ms": sum(h), "seconds": seconds, "samples": samples}))


def claims(seconds, mode, database, group):
    connection = sqlite3.connect(database, timeout=30.0, isolation_level=None)
    done = immediate = waited = 0
    longest_wait = 0.0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            connection.execute("BEGIN IMMEDIATE" if mode == "immediate" else "BEGIN")
            connection.execute("SELECT group_id, state FROM ingest_queue WHERE group_id = ?", (group,)).fetchall()
            connection.execute("UPDATE ingest_queue SET last_update = last_update WHERE group_id = ?", (group,))
            connection.execute("COMMIT")
            done += 1
        except sqlite3.OperationalError as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() - started < 1.0:
                immediate += 1
            else:
                waited += 1
        longest_wait = max(longest_wait, time.monotonic() - started)
        time.sleep(0.001)
    print(json.dumps({"mode": mode, "claims": done, "locked_at_once": immediate, "locked_after_waiting": waited,
                      "longest_ms": longest_wait * 1000.0}))


if __name__ == "__main__":
    if sys.argv[1] == "watch":
        watch(float(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
    else:
        claims(float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
