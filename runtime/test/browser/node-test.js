// A small stand-in for node:test in the browser: describe/test with before/after
// hooks, run in order; results go to window.testResults.
const root = { name: "", tests: [], hooks: { before: [], after: [], beforeEach: [], afterEach: [] }, parent: null };
let current = root;

export function describe(name, body) {
  const suite = { name, tests: [], hooks: { before: [], after: [], beforeEach: [], afterEach: [] }, parent: current };
  current.tests.push({ suite });
  const outer = current;
  current = suite;
  try {
    body();
  } finally {
    current = outer;
  }
}
export function test(name, body) {
  current.tests.push({ name, body });
}
export const it = test;
export const before = (f) => current.hooks.before.push(f);
export const after = (f) => current.hooks.after.push(f);
export const beforeEach = (f) => current.hooks.beforeEach.push(f);
export const afterEach = (f) => current.hooks.afterEach.push(f);

function eachHooks(suite, kind) {
  const chain = [];
  for (let s = suite; s; s = s.parent) chain.unshift(...s.hooks[kind]);
  return kind === "afterEach" ? chain.reverse() : chain;
}

async function runSuite(suite, prefix, results) {
  for (const hook of suite.hooks.before) await hook();
  for (const entry of suite.tests) {
    if (entry.suite) {
      await runSuite(entry.suite, prefix + entry.suite.name + " > ", results);
      continue;
    }
    const name = prefix + entry.name;
    try {
      for (const hook of eachHooks(suite, "beforeEach")) await hook();
      await entry.body();
      for (const hook of eachHooks(suite, "afterEach")) await hook();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: String((e && e.stack) || e) });
    }
  }
  for (const hook of suite.hooks.after) await hook();
}

/** Runs everything registered so far (called by index.html after the imports). */
export async function runAll(file) {
  const results = [];
  const suite = { ...root, tests: root.tests.splice(0), hooks: { ...root.hooks } };
  root.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
  await runSuite(suite, file + ": ", results);
  return results;
}
