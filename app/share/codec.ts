/**
 * Code in links: `#code=<base64url of the UTF-8 text, deflate-raw compressed>`. The fragment never reaches the
 * server, so shared programs stay out of its logs, and compression keeps links short.
 */

/** The fragment parameter that carries the code. */
export const CODE_PARAM = 'code';

export async function encodeCode(code: string): Promise<string> {
  const compressed = await pipe(new TextEncoder().encode(code), new CompressionStream('deflate-raw'));
  return toBase64Url(compressed);
}

/** The code of an `encodeCode` string; throws on corrupt input. */
export async function decodeCode(encoded: string): Promise<string> {
  const bytes = await pipe(fromBase64Url(encoded), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** What a URL fragment carries: no code, code, or code that cannot be read (a link cut short when copied, say). */
export type LinkCode =
  { readonly kind: 'none' } | { readonly kind: 'code'; readonly code: string } | { readonly kind: 'unreadable' };

/** What to tell the reader of a link whose code cannot be read. */
export const UNREADABLE_LINK_NOTICE =
  'The code in this link could not be read: the link may have been cut short when it was copied.';

/** The code carried by a URL fragment such as `#code=…`. */
export async function codeFromHash(hash: string): Promise<LinkCode> {
  const encoded = new URLSearchParams(hash.replace(/^#/u, '')).get(CODE_PARAM);
  if (!encoded) return { kind: 'none' }; // `#code=` alone starts empty, as a hand-written embed link may
  try {
    return { kind: 'code', code: await decodeCode(encoded) };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** A link to `page` that opens `code` (in the editor) and, with `autorun`, runs it once loaded. */
export async function shareLink(
  page: string | URL,
  code: string,
  options: { autorun?: boolean } = {},
): Promise<string> {
  const url = new URL(page);
  url.search = '';
  url.searchParams.set('layout', 'editor');
  if (options.autorun) url.searchParams.set('autorun', '1');
  url.hash = `${CODE_PARAM}=${await encodeCode(code)}`;
  return url.href;
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/u, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/u.test(text)) throw new Error('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
