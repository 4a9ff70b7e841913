import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleNamesWanted, modulesWanted, runtimeMatches } from './runtimeMatches';

const KEYWORDS: ReadonlySet<string> = new Set(['True', 'else', 'import', 'while']);

test("attribute matches ('k.value') become the words after the dot, callables without their parenthesis", () => {
  const line = 'print(k.va';
  const matches = runtimeMatches(line, 8, { matches: ['k.value', 'k.validate('], start: 6 }, KEYWORDS);
  assert.deepEqual(matches, [
    { word: 'value', kind: 'name' },
    { word: 'validate', kind: 'callable' },
  ]);
});

test('keywords lose the space or colon the completer adds, and are told apart from names', () => {
  const matches = runtimeMatches('x = Tr', 4, { matches: ['True', 'else:', 'while ', 'tree'], start: 4 }, KEYWORDS);
  assert.deepEqual(matches, [
    { word: 'True', kind: 'keyword' },
    { word: 'else', kind: 'keyword' },
    { word: 'while', kind: 'keyword' },
    { word: 'tree', kind: 'name' },
  ]);
});

test('modules after import, dotted ones as the part after the last dot', () => {
  assert.deepEqual(runtimeMatches('import ma', 7, { matches: ['math', 'mailbox'], start: 7 }, KEYWORDS), [
    { word: 'math', kind: 'module' },
    { word: 'mailbox', kind: 'module' },
  ]);
  assert.deepEqual(runtimeMatches('import xml.d', 11, { matches: ['xml.dom'], start: 7 }, KEYWORDS), [
    { word: 'dom', kind: 'module' },
  ]);
});

test('a match that does not continue what is typed before the word is dropped', () => {
  assert.deepEqual(runtimeMatches('a.b', 2, { matches: ['c.b'], start: 0 }, KEYWORDS), []);
  assert.deepEqual(runtimeMatches('ab', 0, { matches: ['abc'], start: 9 }, KEYWORDS), []);
});

test('import and from want modules; from-imports then want names the module has', () => {
  assert.equal(modulesWanted('import ma'), true);
  assert.equal(modulesWanted('import os, sy'), true);
  assert.equal(modulesWanted('from xml.d'), true);
  assert.equal(modulesWanted('    from '), true);
  assert.equal(modulesWanted('x = imp'), false);
  assert.equal(modulesWanted('from json import du'), false);
  assert.equal(moduleNamesWanted('from json import du'), true);
  assert.equal(moduleNamesWanted('    from os.path import join, spl'), true);
  assert.equal(moduleNamesWanted('from json imp'), false);
  assert.equal(moduleNamesWanted('print(json.du'), false);
});

test("names after 'from module import' replace the word as they are", () => {
  assert.deepEqual(runtimeMatches('from json import du', 17, { matches: ['dump', 'dumps'], start: 17 }, KEYWORDS), [
    { word: 'dump', kind: 'name' },
    { word: 'dumps', kind: 'name' },
  ]);
});
