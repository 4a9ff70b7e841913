// The part of node:assert/strict the runtime's tests use, for the browser.
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}
const show = (v) => {
  try {
    return typeof v === "bigint" ? `${v}n` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function deepEqual(a, b, seen = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (ArrayBuffer.isView(a)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k], seen));
}

function matches(error, expected) {
  if (expected === undefined) return true;
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected(error) === true;
  }
  if (expected instanceof RegExp) return expected.test(String((error && error.message) ?? error)) || expected.test(String(error));
  if (typeof expected === "object") return Object.keys(expected).every((k) => deepEqual(error[k], expected[k]));
  return false;
}

const assert = {
  AssertionError,
  ok(v, message) {
    if (!v) throw new AssertionError(message ?? `expected a truthy value, got ${show(v)}`);
  },
  equal(a, b, message) {
    if (!Object.is(a, b)) throw new AssertionError(message ?? `${show(a)} !== ${show(b)}`);
  },
  notEqual(a, b, message) {
    if (Object.is(a, b)) throw new AssertionError(message ?? `${show(a)} === ${show(b)}`);
  },
  deepEqual(a, b, message) {
    if (!deepEqual(a, b)) throw new AssertionError(message ?? `not deep-equal: ${show(a)} vs ${show(b)}`);
  },
  match(s, re, message) {
    if (!re.test(s)) throw new AssertionError(message ?? `${show(s)} does not match ${re}`);
  },
  doesNotMatch(s, re, message) {
    if (re.test(s)) throw new AssertionError(message ?? `${show(s)} matches ${re}`);
  },
  fail(message) {
    throw new AssertionError(message ?? "failed");
  },
  throws(fn, expected, message) {
    try {
      fn();
    } catch (e) {
      if (!matches(e, expected)) throw new AssertionError(message ?? `unexpected error: ${e && e.stack}`);
      return;
    }
    throw new AssertionError(message ?? "Missing expected exception.");
  },
  async rejects(promiseOrFn, expected, message) {
    try {
      await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
    } catch (e) {
      if (!matches(e, expected)) throw new AssertionError(message ?? `unexpected rejection: ${e && e.stack}`);
      return;
    }
    throw new AssertionError(message ?? "Missing expected rejection.");
  },
};
export default assert;
export const strict = assert;
