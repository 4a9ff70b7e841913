"""sqlite3 operations, each in a loop of its own, timed per iteration (ns): what compiling SQLite for size instead
of speed costs (bench/LEVERS.md, session 14).

Native use: python3.11 bench/micro_sqlite.py. In the browser: node bench/micro.js --file bench/micro_sqlite.py DIR...
"""
import json
import sqlite3

from micro import time_operations


def _row(i):
    return i, f"name-{i % 97}", i * 0.5


def _empty_table():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value REAL)")
    return db


def _indexed_table():
    db = _empty_table()
    db.executemany("INSERT INTO t VALUES (?, ?, ?)", map(_row, range(2000)))
    db.execute("CREATE INDEX t_name ON t (name)")
    return db


DB = _indexed_table()


def op_insert_row(n):
    # Per row, in transactions of 1,000 rows.
    db = _empty_table()
    for start in range(0, n, 1000):
        db.executemany("INSERT INTO t VALUES (?, ?, ?)", map(_row, range(start, start + 1000)))
        db.commit()
    db.close()


def op_lookup_by_key(n):
    for i in range(n):
        DB.execute("SELECT name, value FROM t WHERE id = ?", (i % 2000,)).fetchone()


def op_lookup_by_index(n):
    for i in range(n):
        DB.execute("SELECT count(*) FROM t WHERE name = ?", (f"name-{i % 97}",)).fetchone()


def op_group_by_scan(n):
    # Per row scanned: a whole-table aggregate over 2,000 rows.
    for _ in range(max(n // 2000, 1)):
        DB.execute("SELECT name, count(*), sum(value) FROM t GROUP BY name ORDER BY 3 DESC").fetchall()


def op_like_scan(n):
    # Per row scanned.
    for _ in range(max(n // 2000, 1)):
        DB.execute("SELECT count(*) FROM t WHERE name LIKE '%-4%'").fetchone()


OPERATIONS = [(name[3:], fn) for name, fn in list(globals().items()) if name.startswith("op_")]


def run(n0=20_000, repeats=7):
    """{name: median ns per iteration}, each operation looped n0 times (micro.py's interface)."""
    return time_operations([(name, fn, n0) for name, fn in OPERATIONS], repeats)


if __name__ == "__main__":
    run(20_000, 1)
    print(json.dumps(run()))
