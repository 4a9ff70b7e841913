// A snapshot of the interpreter as pyrt_init leaves it, so that a load copies
// memory in instead of starting Python. Most of a start-up's time in a browser
// is V8 compiling, on first call, each of the ~1,250 functions start-up runs
// (bench/LEVERS.md, session 13); a restored interpreter runs almost none.
//
// Made at build time in Node (tools/make_snapshot.mjs): the pages of wasm
// memory that pyrt_init changed, each stored XORed with what the page held
// before it ran (mostly zero bytes, so it compresses well). Restoring XORs them
// back onto the same pages of a fresh instance of the same build, after the
// same steps before pyrt_init (index.ts). A snapshot that does not fit (another
// build, another stdlib zip, memory of another size) is refused and Python
// starts as usual.
import type { CoreModule } from "./module";

const MAGIC = "PYRTSNAP";
const VERSION = 1;
const PAGE = 4096;

interface Header {
  version: number;
  memoryBytes: number;
  /** Indices of the pages stored, in the order of their data. */
  pages: number[];
  /** hash32 of those pages before pyrt_init ran: the same build, the same steps before it. */
  before: number;
  /** The stdlib zip the interpreter was started with: zipimport keeps its table of contents. */
  zipBytes: number;
  zipTail: number;
}

/** FNV-1a over 32-bit words (the tail byte by byte): enough to tell builds apart, fast enough for megabytes. */
function hash32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  let i = 0;
  if (words) {
    for (; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
    i *= 4;
  }
  for (; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function hashPages(heap: Uint8Array, pages: number[]): number {
  let h = 0x811c9dc5;
  for (const p of pages) h = hash32(heap.subarray(p * PAGE, (p + 1) * PAGE), h);
  return h;
}

/** The last 64 KiB of the zip: its central directory, where the offsets zipimport caches come from. */
const zipTail = (zip: Uint8Array): number => hash32(zip.subarray(Math.max(0, zip.length - 65536)));

/** The snapshot of `core`'s memory now, against `before` (a copy taken just before pyrt_init). */
export function makeSnapshot(core: CoreModule, before: Uint8Array, zip: Uint8Array): Uint8Array {
  const heap = core.HEAPU8;
  if (heap.length !== before.length) throw new Error("snapshot: wasm memory grew during start-up");
  const pages: number[] = [];
  for (let p = 0; p < heap.length / PAGE; p++) {
    const a = new Uint32Array(heap.buffer, p * PAGE, PAGE / 4);
    const b = new Uint32Array(before.buffer, before.byteOffset + p * PAGE, PAGE / 4);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        pages.push(p);
        break;
      }
    }
  }
  const header: Header = {
    version: VERSION,
    memoryBytes: heap.length,
    pages,
    before: hashPages(before, pages),
    zipBytes: zip.length,
    zipTail: zipTail(zip),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(MAGIC.length + 4 + json.length);
  const out = new Uint8Array(dataStart + pages.length * PAGE);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  pages.forEach((p, k) => {
    const at = dataStart + k * PAGE;
    for (let i = 0; i < PAGE; i++) out[at + i] = heap[p * PAGE + i]! ^ before[p * PAGE + i]!;
  });
  return out;
}

/**
 * Puts the interpreter of `snapshot` into `core`'s memory if it was made from this build, with this zip; returns
 * whether it did (nothing is changed when it did not).
 */
export function restoreSnapshot(core: CoreModule, snapshot: Uint8Array, zip: Uint8Array): boolean {
  const header = readHeader(snapshot);
  const heap = core.HEAPU8;
  if (
    !header ||
    header.version !== VERSION ||
    header.memoryBytes !== heap.length ||
    header.zipBytes !== zip.length ||
    header.zipTail !== zipTail(zip) ||
    header.pages.some((p) => !(p >= 0 && (p + 1) * PAGE <= heap.length)) ||
    header.dataStart + header.pages.length * PAGE !== snapshot.length ||
    hashPages(heap, header.pages) !== header.before
  ) {
    return false;
  }
  // Word by word (dataStart is 4-aligned); the data is copied once if the snapshot's bytes are not.
  const data = snapshot.byteOffset % 4 === 0 ? snapshot : snapshot.slice();
  header.pages.forEach((p, k) => {
    const target = new Uint32Array(heap.buffer, p * PAGE, PAGE / 4);
    const delta = new Uint32Array(data.buffer, data.byteOffset + header.dataStart + k * PAGE, PAGE / 4);
    for (let i = 0; i < target.length; i++) target[i] ^= delta[i]!;
  });
  return true;
}

function readHeader(snapshot: Uint8Array): (Header & { dataStart: number }) | null {
  if (snapshot.length < MAGIC.length + 4) return null;
  if (new TextDecoder().decode(snapshot.subarray(0, MAGIC.length)) !== MAGIC) return null;
  const length = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + length > snapshot.length) return null;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(snapshot.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)));
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null) return null;
  const numbers = [header.version, header.memoryBytes, header.before, header.zipBytes, header.zipTail];
  if (!numbers.every(Number.isInteger) || !Array.isArray(header.pages) || !header.pages.every(Number.isInteger)) {
    return null;
  }
  return { ...header, dataStart: align4(MAGIC.length + 4 + length) };
}

const align4 = (n: number): number => (n + 3) & ~3;
