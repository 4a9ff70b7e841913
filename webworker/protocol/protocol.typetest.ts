/**
 * Compile-time tests of the protocol types: `tsc` fails if any `@ts-expect-error` below stops being an error,
 * or if a valid use stops compiling. Never executed.
 */
import type { Channel } from './Channel';
import type { FromWorker, ReplyFor, ToWorker, WorkerEvent } from './messages';

declare const channel: Channel;

export async function requestsAreTypedByKind(): Promise<void> {
  const ready = await channel.request({
    kind: 'init',
    protocolVersion: 1,
    indexURL: '/pyrite/',
    interruptBuffer: null,
    stdinURL: null,
    jspi: true,
    stdinBuffer: null,
  });
  const restored = await channel.request({ kind: 'restore', sitePackages: null, files: [], watchFiles: false });
  const restoredPackages: readonly string[] = restored.packages;
  void restoredPackages;
  const version: string = ready.pythonVersion;
  const completions = await channel.request({ kind: 'complete', line: 'pri', cursor: 3 });
  const matches: readonly string[] = completions.matches;
  void version;
  void matches;

  // @ts-expect-error a run request needs its code
  await channel.request({ kind: 'run', mode: 'single' });
  // @ts-expect-error mode is a closed set
  await channel.request({ kind: 'run', code: '1', mode: 'eval' });
  // @ts-expect-error the channel assigns ids
  await channel.request({ kind: 'reset', id: 3 });
  // @ts-expect-error replies are not requests
  await channel.request({ kind: 'ready' });
}

export function repliesMatchRequests(reply: ReplyFor['check']): void {
  const status: 'complete' | 'incomplete' | 'error' = reply.status;
  void status;
  // @ts-expect-error a check reply carries no matches
  void reply.matches;
}

export function unionsAreClosed(message: ToWorker, event: WorkerEvent, incoming: FromWorker): void {
  // @ts-expect-error unknown kinds are not part of the union
  const bogus: ToWorker = { kind: 'eval', id: 1 };
  void bogus;
  switch (event.kind) {
    case 'progress':
    case 'stream':
    case 'input-request':
    case 'fatal':
    case 'graphics':
    case 'site-packages':
    case 'working-files':
    case 'prompts':
      break;
    default: {
      const unreachable: never = event;
      void unreachable;
    }
  }
  void message;
  void incoming;
}
