/**
 * The embed page's options, from its URL query (and `<body data-allowed-origins>`):
 *
 * | parameter | values                          | default             |
 * | --------- | ------------------------------- | ------------------- |
 * | `layout`  | `editor` (editor + console), `console` | `editor`     |
 * | `theme`   | `light`, `dark`                 | the reader's system |
 * | `autorun` | `1` runs the code once loaded   | off                 |
 * | `readonly`| `1` makes the editor read-only  | off                 |
 * | `height`  | `auto` (report the content height) or pixels | `auto` |
 * | `origins` | comma-separated origins allowed to command the embed | the embed's own origin |
 */
export interface EmbedConfig {
  readonly layout: 'editor' | 'console';
  readonly theme: 'light' | 'dark' | null;
  readonly autorun: boolean;
  readonly readOnly: boolean;
  /** `auto`, or a fixed height in CSS pixels. */
  readonly height: 'auto' | number;
  /** Origins whose messages are obeyed (`*` = any); replies always go to the asking origin only. */
  readonly allowedOrigins: readonly string[];
}

const TRUE = new Set(['1', 'true', 'yes', '']);

export function parseEmbedConfig(search: string, ownOrigin: string, dataOrigins?: string): EmbedConfig {
  const params = new URLSearchParams(search);
  const flag = (name: string): boolean => params.has(name) && TRUE.has((params.get(name) ?? '').toLowerCase());
  const theme = params.get('theme');
  const heightParam = params.get('height');
  const height = heightParam && /^\d+$/u.test(heightParam) ? Math.max(120, Number(heightParam)) : 'auto';
  const listed = [params.get('origins'), dataOrigins]
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(/[\s,]+/u))
    .map(normalizeOrigin)
    .filter((origin): origin is string => origin !== null);
  return {
    layout: params.get('layout') === 'console' ? 'console' : 'editor',
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    autorun: flag('autorun'),
    readOnly: flag('readonly'),
    height,
    allowedOrigins: [...new Set([ownOrigin, ...listed])],
  };
}

/** `https://Example.org:443/path` → `https://example.org`; `*` stays; anything unparsable is dropped. */
export function normalizeOrigin(value: string): string | null {
  if (value === '*') return value;
  if (value === '') return null;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(config: EmbedConfig, origin: string): boolean {
  return config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin);
}
