import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputSink, type OutputTarget } from './OutputSink';

/** A terminal that parses only when told to, so a test can make it fall behind. */
class SlowTerminal implements OutputTarget {
  readonly written: string[] = [];
  private readonly _pending: (() => void)[] = [];

  write(data: string, done?: () => void): void {
    this.written.push(data);
    this._pending.push(done ?? (() => undefined));
  }

  /** Parses everything written so far. */
  catchUp(): void {
    while (this._pending.length > 0) this._pending.shift()?.();
  }

  get text(): string {
    return this.written.join('');
  }
}

const CUT = /\[… output cut: ([\d,]+) characters were not shown …\]/u;

test('output beyond the high water mark is dropped, then counted in a notice once the terminal caught up', () => {
  const terminal = new SlowTerminal();
  const sink = new OutputSink(terminal, { highWater: 10, lowWater: 5 });
  sink.write('stdout', 'x'.repeat(20));
  sink.write('stdout', 'dropped');
  sink.write('stdout', 'also');
  assert.doesNotMatch(terminal.text, /dropped|also/u);
  terminal.catchUp();
  assert.equal(CUT.exec(terminal.text)?.[1], '11');
});

test('the error that ended a run is shown after the cut notice, even while output is being dropped', () => {
  const terminal = new SlowTerminal();
  const sink = new OutputSink(terminal, { highWater: 10, lowWater: 5 });
  sink.write('stdout', 'x'.repeat(20));
  sink.write('stdout', 'flood');
  sink.writeError('Traceback\nValueError: the end\n');
  const text = terminal.text;
  assert.match(text, /ValueError: the end/u);
  assert.ok(text.search(CUT) < text.indexOf('Traceback'), 'the cut notice comes before the traceback');
  assert.equal(CUT.exec(text)?.[1], '5');
});

test('a notice written while output is being dropped comes after the cut notice', () => {
  const terminal = new SlowTerminal();
  const sink = new OutputSink(terminal, { highWater: 10, lowWater: 5 });
  sink.write('stdout', 'x'.repeat(20));
  sink.write('stdout', 'flood');
  sink.writeNotice('Stopped.');
  const text = terminal.text;
  assert.ok(CUT.test(text) && text.search(CUT) < text.indexOf('Stopped.'));
});

test('flushed reports a drop at once and resolves once the terminal has parsed it', async () => {
  const terminal = new SlowTerminal();
  const sink = new OutputSink(terminal, { highWater: 10, lowWater: 5 });
  sink.write('stdout', 'x'.repeat(20));
  sink.write('stdout', 'flood');
  let done = false;
  const flushed = sink.flushed().then(() => (done = true));
  assert.match(terminal.text, CUT);
  await Promise.resolve();
  assert.equal(done, false);
  terminal.catchUp();
  await flushed;
  assert.equal(done, true);
});

test('output flows again after the error was shown, under the same flow control', () => {
  const terminal = new SlowTerminal();
  const sink = new OutputSink(terminal, { highWater: 10, lowWater: 5 });
  sink.write('stdout', 'x'.repeat(20));
  sink.write('stdout', 'flood');
  sink.writeError('boom\n');
  terminal.catchUp();
  sink.write('stdout', 'after');
  assert.match(terminal.text, /after$/u);
});
