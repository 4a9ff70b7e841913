/* global process, console */
// The comparison target of `scripts/bench.sh --pyodide`: the npm package
// pyodide@0.25.1, fetched once into a cache folder outside the work tree
// (${PYRITE_CACHE:-$HOME/.cache/pyrite}/pyodide-0.25.1/, the package's
// `package/` folder) and served by the bench server at /pyodide/.
//
//   node bench/pyodide-package.js   # fetches it if needed, prints the folder
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ROOT, log, run } from './common.js';

export const PYODIDE_VERSION = '0.25.1';
// The registry's integrity of pyodide-0.25.1.tgz; npm checks it too, this pins
// the exact tarball the reference numbers in the report were measured with.
const TARBALL_INTEGRITY =
  'sha512-y0nJ/fLA3bxD2iZRzvVTbP2O+wp4Ewm2wThfV4HF0BytQ6hsoqTJFLNY4usLOcCVBrK8TTWqFqrmsVPzHe4rsw==';
// What loadPyodide() fetches before `1+1` (pyodide.mjs imports pyodide.asm.js).
export const PYODIDE_LOAD_FILES = [
  'pyodide.mjs',
  'pyodide.asm.js',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];

export function pyodideCacheDir() {
  const base = process.env.PYRITE_CACHE || join(os.homedir(), '.cache', 'pyrite');
  return resolve(base, `pyodide-${PYODIDE_VERSION}`);
}

const isInside = (dir, parent) => {
  const rel = relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

/** The package folder, fetched with `npm pack` first if it is not cached. Throws with a readable message. */
export async function ensurePyodidePackage() {
  const dir = pyodideCacheDir();
  if (isInside(dir, ROOT)) {
    throw new Error(`the Pyodide cache ${dir} is inside the repository; set PYRITE_CACHE to a folder outside it`);
  }
  if (PYODIDE_LOAD_FILES.every((f) => existsSync(join(dir, f)))) return dir;

  const parent = resolve(dir, '..');
  await mkdir(parent, { recursive: true });
  // Next to the final folder, so that the last step is an atomic rename on the same file system.
  const work = await mkdtemp(join(parent, `.pyodide-${PYODIDE_VERSION}-`));
  try {
    log(`fetching pyodide@${PYODIDE_VERSION} from npm into ${dir} (once)...`);
    const pack = await run('npm', ['pack', `pyodide@${PYODIDE_VERSION}`, '--json', '--pack-destination', work], {
      timeoutMs: 300_000,
      cwd: work,
    }).catch((e) => ({ code: -1, stderr: e.message, stdout: '' }));
    if (pack.code !== 0) throw new Error(`npm pack pyodide@${PYODIDE_VERSION} failed:\n${pack.stderr}`);
    const tarballs = (await readdir(work)).filter((f) => f.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${work}`);
    const tarball = join(work, tarballs[0]);
    const integrity =
      'sha512-' +
      createHash('sha512')
        .update(await readFile(tarball))
        .digest('base64');
    if (integrity !== TARBALL_INTEGRITY) {
      throw new Error(`${tarballs[0]} has integrity ${integrity}, expected ${TARBALL_INTEGRITY}`);
    }
    const untar = await run('tar', ['-xzf', tarball, '-C', work]);
    if (untar.code !== 0) throw new Error(`extracting ${tarballs[0]} failed: ${untar.stderr}`);
    const missing = PYODIDE_LOAD_FILES.filter((f) => !existsSync(join(work, 'package', f)));
    if (missing.length) throw new Error(`the package lacks ${missing.join(', ')}`);
    await rm(dir, { recursive: true, force: true }); // an incomplete earlier copy
    await rename(join(work, 'package'), dir);
    return dir;
  } catch (e) {
    throw new Error(`could not fetch Pyodide ${PYODIDE_VERSION}: ${e.message}`, { cause: e });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensurePyodidePackage().then(
    (dir) => console.log(dir),
    (e) => {
      console.error(`bench: ${e.message}`);
      process.exit(1);
    },
  );
}
