"""The `strings` workload's parts (bench/workloads.py, strings_run), each in a loop of its own, timed per iteration
(ns): which part makes its ratio. `whole` is the workload itself, per record.

Native use: python3.11 bench/micro_strings.py. In the browser: node bench/micro.js --file bench/micro_strings.py DIR...
(micro.js makes micro.py and workloads.py importable there, as they are natively from bench/).
"""
import json
import re

from micro import time_operations
from workloads import _WORDS, strings_run

WORD_RE = re.compile(r"\b([a-z]+)-(\d+)\b")
LINE = " ".join(f"{_WORDS[k % len(_WORDS)]}-{7 * k}" for k in range(12))
PAIRS = WORD_RE.findall(LINE)
RECORD = {"id": 7, "words": [w for w, _ in PAIRS], "nums": [int(d) for _, d in PAIRS], "title": LINE[:20].title(), "ok": False}
TEXT = json.dumps(RECORD, sort_keys=True)


def op_fstring_words(n):
    # Per word: twelve to a record.
    for i in range(n // 12):
        [f"{_WORDS[(i + k) % len(_WORDS)]}-{i * k}" for k in range(12)]


def op_join_upper_lower(n):
    words = LINE.split(" ")
    for i in range(n):
        " ".join(words).upper().lower()


def op_findall(n):
    for i in range(n):
        WORD_RE.findall(LINE)


def op_record_build(n):
    for i in range(n):
        {"id": i, "words": [w for w, _ in PAIRS], "nums": [int(d) for _, d in PAIRS], "title": LINE[:20].title(), "ok": i % 3 == 0}


def op_dumps_sorted(n):
    for i in range(n):
        json.dumps(RECORD, sort_keys=True)


def op_loads(n):
    for i in range(n):
        json.loads(TEXT)


def op_sub_template(n):
    for i in range(n):
        WORD_RE.sub(r"\2:\1", LINE)


def op_count_split(n):
    for i in range(n):
        LINE.count("a") + len(LINE[:20].title().split("-"))




def op_whole(n):
    strings_run(n)


OPERATIONS = [(name[3:], fn) for name, fn in list(globals().items()) if name.startswith("op_")]


def run(n0=20_000, repeats=7):
    """{name: median ns per iteration}.

    n0 as micro.py's run() takes it (micro.js warms up with run(100_000, 3)); the longer operations run a tenth of it.
    """
    short = ("fstring_words", "join_upper_lower", "count_split")
    return time_operations([(name, fn, n0 if name in short else max(n0 // 10, 1)) for name, fn in OPERATIONS], repeats)


if __name__ == "__main__":
    run(20_000, 1)
    print(json.dumps(run()))
