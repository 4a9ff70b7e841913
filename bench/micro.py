"""Single Python operations, each in a loop of its own, timed per iteration (ns), for bench/micro.js.

Where the workloads give one ratio per program, these show which kinds of operation wasm makes slow: calls out of
the interpreter loop, iteration, attribute access, allocation. Every loop but `while` includes the cost of its own
`for i in range(n)`, which `empty` measures alone.

Native use: python3.11 bench/micro.py prints {name: ns per iteration} as JSON. In the browser the file is executed
in a namespace of its own and run() is called.
"""

import json
import time

SMALL_DICT = {"a": 1}
GLOBAL_VALUE = 5


class Plain:
    def __init__(self, a):
        self.a = a

    def method(self):
        return self.a


def identity(x):
    return x


def op_empty(n):
    for i in range(n):
        pass


def op_while(n):
    i = 0
    while i < n:
        i += 1


def op_int_add(n):
    x = 0
    for i in range(n):
        x = x + i


def op_float_arith(n):
    x = 1.0
    for i in range(n):
        x = x * 1.0000001 + 0.5


def op_compare(n):
    for i in range(n):
        i < 5


def op_py_call(n):
    for i in range(n):
        identity(i)


def op_call_from_c(n):
    # A Python function called from C code (map), as re.sub calls its template filter, sorted its key: each call
    # enters the interpreter loop anew.
    for _ in map(identity, range(n)):
        pass


def op_kw_call(n):
    def callee(a, b=1):
        return a

    for i in range(n):
        callee(i, b=2)


def op_closure_call(n):
    k = 3

    def inner():
        return k

    for i in range(n):
        inner()


def op_method_call(n):
    o = Plain(1)
    for i in range(n):
        o.method()


def op_attr_read(n):
    o = Plain(1)
    for i in range(n):
        o.a


def op_attr_write(n):
    o = Plain(1)
    for i in range(n):
        o.a = i


def op_global_read(n):
    for i in range(n):
        GLOBAL_VALUE


def op_builtin_call(n):
    for i in range(n):
        isinstance(i, int)


def op_len(n):
    seq = [1]
    for i in range(n):
        len(seq)


def op_list_index(n):
    seq = [1, 2, 3]
    for i in range(n):
        seq[1]


def op_list_append(n):
    seq = []
    for i in range(n):
        seq.append(i)


def op_list_iter(n):
    seq = list(range(100))
    for i in range(n // 100):
        for x in seq:
            pass


def op_dict_read(n):
    d = SMALL_DICT
    for i in range(n):
        d["a"]


def op_dict_write(n):
    d = {}
    for i in range(n):
        d[i & 1023] = i


def op_tuple_build(n):
    for i in range(n):
        (i, i)


def op_str_concat(n):
    s = "ab"
    for i in range(n):
        s + "cd"


def op_fstring(n):
    for i in range(n):
        f"{i}"


def op_new_object(n):
    for i in range(n):
        Plain(i)


def op_list_comprehension(n):
    for i in range(n // 10):
        [j for j in range(10)]


def op_generator(n):
    def numbers(k):
        for j in range(k):
            yield j

    for i in range(n // 10):
        for _ in numbers(10):
            pass


def op_try_block(n):
    for i in range(n):
        try:
            pass
        except Exception:
            pass


def op_float_int_compare(n):
    x = 0.5
    for i in range(n):
        x < 0


def op_float_int_branch(n):
    x = 0.5
    for i in range(n):
        if x < 0:
            pass


def op_int_mod(n):
    for i in range(n):
        i % 5


def op_float_divide(n):
    x = 0.5
    for i in range(n):
        x / 1.5


def op_attr_float_update(n):
    o = Plain(1.0)
    for i in range(n):
        o.a += 0.5 * 0.25


class Child(Plain):
    def method(self):
        return super().method()


def op_super_call(n):
    o = Child(1)
    for i in range(n):
        o.method()


class WithProperty(Plain):
    @property
    def double(self):
        return self.a


def op_property_read(n):
    o = WithProperty(1)
    for i in range(n):
        o.double


def op_str_join_split(n):
    words = ["alpha", "beta", "gamma", "delta"]
    for i in range(n // 10):
        " ".join(words).upper().split()


def op_regex_findall(n):
    import re

    pattern = re.compile(r"\b([a-z]+)-(\d+)\b")
    line = "alpha-1 beta-22 gamma-333"
    for i in range(n // 10):
        pattern.findall(line)


def op_json_roundtrip(n):
    import json as json_module

    record = {"id": 1, "words": ["a", "b"], "ok": True}
    for i in range(n // 10):
        json_module.loads(json_module.dumps(record))


def op_dict_build(n):
    for i in range(n):
        {"id": i, "ok": True}


OPERATIONS = [(name[3:], fn) for name, fn in list(globals().items()) if name.startswith("op_")]


def time_operations(operations, repeats):
    """{name: median ns per iteration} for (name, fn, n) triples, after one shorter warm-up call of each."""
    out = {}
    for name, fn, n in operations:
        fn(n // 10)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn(n)
            times.append(time.perf_counter() - start)
        times.sort()
        out[name] = times[len(times) // 2] / n * 1e9
    return out


def run(n=200_000, repeats=7):
    """{name: median ns per iteration}, each operation looped n times."""
    return time_operations([(name, fn, n) for name, fn in OPERATIONS], repeats)


if __name__ == "__main__":
    run(20_000, 1)
    print(json.dumps(run()))
