"""The `strings` workload's parts (bench/workloads.py, strings_run), each in a loop of its own, timed per iteration
(ns): which part makes its ratio. `whole` is the workload itself, per record.

Native use: python3.11 bench/micro_strings.py. In the browser: node bench/micro.js --file bench/micro_strings.py DIR...
"""
import json
import re
import time

# The workload's words.
_WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
          "nu xi omicron pi rho sigma tau upsilon phi chi psi omega").split()
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



# The workload's own loop, for `whole`.

def strings_run(n):
    word_re = re.compile(r"\b([a-z]+)-(\d+)\b")
    total = 0
    for i in range(n):
        words = [f"{_WORDS[(i + k) % len(_WORDS)]}-{i * k}" for k in range(12)]
        line = " ".join(words).upper().lower()
        pairs = word_re.findall(line)
        record = {"id": i, "words": [w for w, _ in pairs], "nums": [int(d) for _, d in pairs],
                  "title": line[:20].title(), "ok": i % 3 == 0}
        text = json.dumps(record, sort_keys=True)
        back = json.loads(text)
        total += len(text) + sum(back["nums"]) % 97 + len(back["title"].split("-"))
        total += len(word_re.sub(r"\2:\1", line)) + line.count("a")
    return total



def op_whole(n):
    strings_run(n)


OPERATIONS = [(name[3:], fn) for name, fn in list(globals().items()) if name.startswith("op_")]


def run(n0=20_000, repeats=7):
    """{name: median ns per iteration} after one shorter warm-up call of each.

    n0 as micro.py's run() takes it (micro.js warms up with run(100_000, 3)); the longer operations run a tenth of it.
    """
    out = {}
    for name, fn in OPERATIONS:
        n = n0 if name in ("fstring_words", "join_upper_lower", "count_split") else max(n0 // 10, 1)
        fn(n // 10)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn(n)
            times.append(time.perf_counter() - start)
        times.sort()
        out[name] = times[len(times) // 2] / n * 1e9
    return out


if __name__ == "__main__":
    run(20_000, 1)
    print(json.dumps(run()))
