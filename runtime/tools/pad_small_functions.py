"""Adds empty functions to a linked wasm module so that V8 gives it its full
inlining budget.

Why: V8 (as in Chromium 156, measured here) sizes the inlining budget of every
optimised function by the module's share of "small" functions (bodies under 50
bytes). At 25% or less it assumes the toolchain has inlined already and allows
a tenth of the budget (600 bytes per function) and 2x growth instead of 5x; at
50% or more, the full budget. Emscripten's CPython has about 18% small
functions, yet most of its hot calls are indirect (type slots, vectorcall),
which no C compiler can inline and V8's speculative inlining can. With the full
budget, string- and object-heavy Python runs 8-11% faster and sorted() 24%
(bench/LEVERS.md).

The functions are `() -> ()` bodies of two bytes (no locals, `end`) appended
after every existing one, so no function index changes; nothing calls them, so
V8 never compiles them (it compiles lazily). The module grows by about 4 bytes
per function before compression and by almost nothing after it. Other engines
ignore them.

    python3 pad_small_functions.py MODULE.wasm [--share 0.52]

rewrites MODULE.wasm in place; it is a no-op on a module that already has the
share (so running it twice adds nothing).
"""

import argparse
import math
import sys

SMALL_BODY_BYTES = 50  # V8's kSmallFunctionThreshold: a body shorter than this is "small"
EMPTY_BODY = bytes([0x00, 0x0B])  # no local declarations, end


def read_leb(data, at):
    """An unsigned LEB128 at `at`: (value, offset after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def leb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sections(data):
    """The module's sections as [id, payload] pairs, in order."""
    if data[:8] != b"\0asm\x01\0\0\0":
        raise SystemExit("not a wasm module (version 1)")
    out, at = [], 8
    while at < len(data):
        section_id = data[at]
        size, at = read_leb(data, at + 1)
        out.append([section_id, data[at:at + size]])
        at += size
    return out


def empty_signature(type_payload):
    """The index of the first `() -> ()` function type, or None."""
    count, at = read_leb(type_payload, 0)
    for index in range(count):
        if type_payload[at] != 0x60:
            raise SystemExit(f"type {index} is not a plain function type")
        params, at = read_leb(type_payload, at + 1)
        at += params  # numeric and reference value types are one byte each
        results, at = read_leb(type_payload, at)
        at += results
        if params == 0 and results == 0:
            return index
    return None


def body_sizes(code_payload):
    count, at = read_leb(code_payload, 0)
    sizes = []
    for _ in range(count):
        size, at = read_leb(code_payload, at)
        sizes.append(size)
        at += size
    return sizes


def pad(data, share):
    parts = sections(data)
    by_id = {part[0]: part for part in parts if part[0] != 0}  # custom sections (0) may repeat
    if not {1, 3, 10} <= by_id.keys():
        raise SystemExit("module lacks a type, function or code section")
    signature = empty_signature(by_id[1][1])
    if signature is None:
        raise SystemExit("module has no () -> () type to give the functions")
    sizes = body_sizes(by_id[10][1])
    small = sum(size < SMALL_BODY_BYTES for size in sizes)
    # smallest n with (small + n) / (len + n) >= share
    needed = max(0, math.ceil((share * len(sizes) - small) / (1 - share)))
    if needed == 0:
        return data, 0, small, len(sizes)

    declared, at = read_leb(by_id[3][1], 0)
    by_id[3][1] = leb(declared + needed) + by_id[3][1][at:] + leb(signature) * needed
    bodies, at = read_leb(by_id[10][1], 0)
    by_id[10][1] = leb(bodies + needed) + by_id[10][1][at:] + (leb(len(EMPTY_BODY)) + EMPTY_BODY) * needed

    out = bytearray(data[:8])
    for section_id, payload in parts:
        out.append(section_id)
        out += leb(len(payload))
        out += payload
    return bytes(out), needed, small, len(sizes)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module")
    parser.add_argument("--share", type=float, default=0.52,
                        help="share of small functions to reach (V8's full budget starts at 0.50)")
    args = parser.parse_args(argv)
    if not 0 < args.share < 1:
        raise SystemExit("--share must be between 0 and 1")
    with open(args.module, "rb") as f:
        data = f.read()
    padded, added, small, total = pad(data, args.share)
    if added:
        with open(args.module, "wb") as f:
            f.write(padded)
    print(f"{args.module}: {small} of {total} functions small; added {added} empty functions "
          f"({len(padded) - len(data)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
