import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LISTED_FILES } from '../../webworker/protocol';
import { baseName, filesToShow, formatBytes } from './files';

test('a file in a subfolder is saved under its own name', () => {
  assert.equal(baseName('output/results.csv'), 'results.csv');
  assert.equal(baseName('sub/dir/deep.csv'), 'deep.csv');
  assert.equal(baseName('out.txt'), 'out.txt');
});

test('the Download menu shows every file of a listing within the cap, and says nothing is left out', () => {
  const files = [
    { name: 'a.txt', bytes: 1 },
    { name: 'output/results.csv', bytes: 2 },
  ];
  assert.deepEqual(filesToShow(files), { shown: files, more: false });
  const full = Array.from({ length: MAX_LISTED_FILES }, (_, i) => ({ name: `f${i}`, bytes: i }));
  assert.deepEqual(filesToShow(full), { shown: full, more: false });
});

test('a listing with one file past the cap shows the capped files and says more were left out', () => {
  const files = Array.from({ length: MAX_LISTED_FILES + 1 }, (_, i) => ({ name: `f${i}`, bytes: i }));
  const { shown, more } = filesToShow(files);
  assert.equal(shown.length, MAX_LISTED_FILES);
  assert.equal(shown.at(-1)?.name, `f${MAX_LISTED_FILES - 1}`);
  assert.equal(more, true);
  assert.deepEqual(filesToShow(files.slice(0, 3), 2), { shown: files.slice(0, 2), more: true });
});

test('sizes read as a file browser shows them', () => {
  assert.equal(formatBytes(1), '1 byte');
  assert.equal(formatBytes(12), '12 bytes');
  assert.equal(formatBytes(2300), '2.3 kB');
  assert.equal(formatBytes(41_000_000), '41 MB');
});
