"""Python workloads for scripts/bench.sh, run unchanged by native CPython and by
the wasm build in a browser worker.

Each workload is a pair: setup() builds the input (not timed) and run(state)
does the work (timed with time.perf_counter, so process or runtime start-up is
never counted) and returns a small checksum. The checksums must agree between
native and wasm; the benchmark reports a mismatch as an error.

Native use (what bench/run.js calls):
    python3.11 bench/workloads.py --passes 2
prints one JSON object: {"python": ..., "results": {name: [{"seconds", "checksum"}, ...]}}.
In the worker, the file is executed in its own namespace and run_one(name) is
called from JS; it returns a JSON string.
"""

import gc
import hashlib
import json
import re
import sys
import time

# ---------------------------------------------------------------- pure Python


def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


def fib_setup():
    return 30


def fib_run(n):
    return _fib(n)


def nbody_setup():
    # Sun, Jupiter, Saturn, Uranus, Neptune (the classic n-body constants).
    pi = 3.141592653589793
    solar_mass = 4 * pi * pi
    dpy = 365.24
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar_mass],
        [4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * dpy, 7.69901118419740425e-03 * dpy,
         -6.90460016972063023e-05 * dpy, 9.54791938424326609e-04 * solar_mass],
        [8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * dpy, 4.99852801234917238e-03 * dpy,
         2.30417297573763929e-05 * dpy, 2.85885980666130812e-04 * solar_mass],
        [1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * dpy, 2.37847173959480950e-03 * dpy,
         -2.96589568540237556e-05 * dpy, 4.36624404335156298e-05 * solar_mass],
        [1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * dpy, 1.62824170038242295e-03 * dpy,
         -9.51592254519715870e-05 * dpy, 5.15138902046611451e-05 * solar_mass],
    ]
    return bodies, 30000


def _energy(bodies):
    e = 0.0
    for i, (x, y, z, vx, vy, vz, m) in enumerate(bodies):
        e += 0.5 * m * (vx * vx + vy * vy + vz * vz)
        for (x2, y2, z2, _, _, _, m2) in bodies[i + 1:]:
            dx, dy, dz = x - x2, y - y2, z - z2
            e -= m * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def nbody_run(state):
    bodies, steps = state
    bodies = [list(b) for b in bodies]
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    dt = 0.01
    for _ in range(steps):
        for b1, b2 in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            m1 = b1[6] * mag
            m2 = b2[6] * mag
            b1[3] -= dx * m2
            b1[4] -= dy * m2
            b1[5] -= dz * m2
            b2[3] += dx * m1
            b2[4] += dy * m1
            b2[5] += dz * m1
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]
    return round(_energy(bodies), 9)


_WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
          "nu xi omicron pi rho sigma tau upsilon phi chi psi omega").split()


def strings_setup():
    return 4000


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


class Particle:
    def __init__(self, x, y, vx, vy):
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.hits = 0

    def step(self, dt):
        self.x += self.vx * dt
        self.y += self.vy * dt
        if self.x < 0 or self.x > 100:
            self.vx = -self.vx
            self.hits += 1
        if self.y < 0 or self.y > 100:
            self.vy = -self.vy
            self.hits += 1

    @property
    def speed2(self):
        return self.vx * self.vx + self.vy * self.vy


class Tracked(Particle):
    def __init__(self, x, y, vx, vy, name):
        super().__init__(x, y, vx, vy)
        self.name = name
        self.log = []

    def step(self, dt):
        super().step(dt)
        if self.hits and not self.hits % 5:
            self.log.append((self.name, self.hits))


def objects_setup():
    return 60, 6000


def objects_run(state):
    count, steps = state
    items = []
    for i in range(count):
        cls = Tracked if i % 4 == 0 else Particle
        args = (i % 100, (i * 7) % 100, (i % 13) - 6.5, (i % 7) - 3.25)
        items.append(cls(*args, f"p{i}") if cls is Tracked else cls(*args))
    by_name = {}
    for t in range(steps):
        for p in items:
            p.step(0.5)
        if t % 100 == 0:
            fresh = [Particle(t % 100, 50, 1.0, -1.0) for _ in range(50)]
            by_name[t] = sum(f.speed2 for f in fresh)
    hits = sum(p.hits for p in items)
    logs = sum(len(p.log) for p in items if isinstance(p, Tracked))
    return hits * 1000 + logs + int(sum(by_name.values()))


# ---------------------------------------------------------------- C-heavy


def _lcg_ints(n, seed):
    # Deterministic pseudo-random ints without the random module's Python-level cost.
    out = []
    x = seed
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out.append(x >> 33)
    return out


def sort_setup():
    return _lcg_ints(250000, 12345)


def sort_run(data):
    a = sorted(data)
    b = sorted(data, reverse=True)
    s = sorted(str(v) for v in data[:100000])
    return a[len(a) // 2] ^ b[7] ^ len(s[0])


def bigint_setup():
    # A 2048-bit modulus-sized exponentiation (RSA-like) and a few huge products.
    m = (1 << 2048) - 1942289
    return m, [(0x1234567 * (k + 3)) ** 40 % m for k in range(6)]


def bigint_run(state):
    m, bases = state
    acc = 0
    e = m - 2
    for b in bases:
        acc ^= pow(b, e, m)
    big = 7 ** 200000
    prod = big * (big + 1)
    fact = 1
    for k in range(2, 3000):
        fact *= k
    return (acc ^ (prod % m) ^ (fact % m)) & 0xFFFFFFFF


def sha256_setup():
    return bytes(range(256)) * (32 * 4096)  # 32 MiB


def sha256_run(data):
    h = hashlib.sha256(data).hexdigest()
    view = memoryview(data)
    for k in range(64):
        d = hashlib.sha256(view[k * 4096:(k + 16) * 4096])
        d.update(h.encode())
        h = d.hexdigest()
    return h[:16]


# ---------------------------------------------------------------- driver

# name -> (group, setup, run). "pure" counts towards the pure-Python target.
WORKLOADS = {
    "fib": ("pure", fib_setup, fib_run),
    "nbody": ("pure", nbody_setup, nbody_run),
    "strings": ("pure", strings_setup, strings_run),
    "objects": ("pure", objects_setup, objects_run),
    "sort": ("c", sort_setup, sort_run),
    "bigint": ("c", bigint_setup, bigint_run),
    "sha256": ("c", sha256_setup, sha256_run),
}

DESCRIPTIONS = {
    "fib": "recursive fib(30)",
    "nbody": "5-body float loop, 30k steps",
    "strings": "f-strings, split/join, re.findall/sub, json dumps/loads (4000 records)",
    "objects": "class instances, attribute access, methods, super(), properties",
    "sort": "sorted() of 250k ints (twice) + 100k strs",
    "bigint": "6 modexps (2048-bit), 7**200000 squared, 3000!",
    "sha256": "hashlib.sha256 over 32 MiB + 64 slices",
}


def run_one(name):
    """Runs one workload once; returns JSON {"seconds", "checksum"}."""
    _, setup, run = WORKLOADS[name]
    state = setup()
    gc.collect()
    t0 = time.perf_counter()
    checksum = run(state)
    seconds = time.perf_counter() - t0
    return json.dumps({"seconds": seconds, "checksum": str(checksum)})


def describe():
    return json.dumps({name: {"group": group, "description": DESCRIPTIONS[name]}
                       for name, (group, _, _) in WORKLOADS.items()})


def main(argv):
    passes = 2
    names = list(WORKLOADS)
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--passes":
            passes = int(args.pop(0))
        elif a == "--only":
            names = args.pop(0).split(",")
        else:
            raise SystemExit(f"unknown argument {a!r}")
    results = {name: [] for name in names}
    # Same order as in the worker: every workload once (first pass), then again.
    for _ in range(passes):
        for name in names:
            results[name].append(json.loads(run_one(name)))
    print(json.dumps({"python": sys.version, "results": results}))


if __name__ == "__main__" and sys.platform != "emscripten":
    main(sys.argv[1:])
