/** Shared by the file upload and download units: sizes, names and failures as the console shows them. */
import { MAX_LISTED_FILES, PythonError, type FileEntry } from '../../webworker/protocol';

/** A size as people read it: 512 bytes, 2.3 kB, 4.1 MB (powers of 1000, as file browsers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Why a request failed, in a line: a Python error as Python prints its last line. */
export function describeFailure(error: unknown): string {
  if (error instanceof PythonError) return `${error.type}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The name a file is saved under: the last component of its path in the working folder (`output/a.csv` → `a.csv`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * What the Download menu shows of a `files-listed` reply: its first `max` files, and whether it had more (the worker
 * lists one more than it lets the page show when some were left out).
 */
export function filesToShow(
  files: readonly FileEntry[],
  max: number = MAX_LISTED_FILES,
): { readonly shown: readonly FileEntry[]; readonly more: boolean } {
  return { shown: files.slice(0, max), more: files.length > max };
}
