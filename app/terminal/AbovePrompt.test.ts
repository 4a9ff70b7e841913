import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { AbovePromptWriter } from './AbovePrompt';

function recorder(): { printed: string[]; print: (text: string) => Promise<void> } {
  const printed: string[] = [];
  return { printed, print: (text) => (printed.push(text), Promise.resolve()) };
}

test('output arriving within one moment is printed above the prompt once, stdout and stderr together', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { printed, print } = recorder();
    const writer = new AbovePromptWriter(print, 16);
    for (const char of 'BG-') writer.write(char);
    writer.write('\x1b[31merr\x1b[0m');
    writer.write('OUT\n');
    assert.deepEqual(printed, []);
    mock.timers.tick(16);
    assert.deepEqual(printed, ['BG-\x1b[31merr\x1b[0mOUT\n']);
    writer.write('later\n');
    mock.timers.tick(16);
    assert.deepEqual(printed, ['BG-\x1b[31merr\x1b[0mOUT\n', 'later\n']);
    writer.dispose();
  } finally {
    mock.timers.reset();
  }
});

test('flush prints what waits at once, and the writes are reported done once it is on screen', async () => {
  const { printed, print } = recorder();
  const writer = new AbovePromptWriter(print, 10_000);
  let done = 0;
  writer.write('a\n', () => done++);
  writer.write('b\n', () => done++);
  writer.flush();
  assert.deepEqual(printed, ['a\nb\n']);
  await Promise.resolve();
  assert.equal(done, 2);
  writer.flush();
  assert.deepEqual(printed, ['a\nb\n'], 'nothing waits: nothing is printed');
  writer.dispose();
});

test('after dispose nothing is printed, even what was waiting', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { printed, print } = recorder();
    const writer = new AbovePromptWriter(print, 16);
    writer.write('lost\n');
    writer.dispose();
    writer.write('also lost\n');
    mock.timers.tick(100);
    assert.deepEqual(printed, []);
  } finally {
    mock.timers.reset();
  }
});
