/**
 * The embeddable page's UI (embed.html): the editor and the console around the runtime embed/main.ts has already
 * started, configured by the URL query (see config.ts), with the code in the URL fragment (`#code=`, as share links),
 * commanded by its host through the postMessage API (EmbedApi.ts, documented in README.md).
 */
import type { RuntimeClient } from '../client/RuntimeClient';
import { ConsoleController } from '../console/ConsoleController';
import { Workbench } from '../editor/Workbench';
import { errorLocation } from '../editor/tracebacks';
import { whenConsoleStarted } from '../editor/whenConsoleStarted';
import type { IDisposable } from '../lifecycle/Disposable';
import { codeFromHash, UNREADABLE_LINK_NOTICE } from '../share/codec';
import { createTerminal } from '../terminal/createTerminal';
import { ConsoleSettings } from '../ui/ConsoleSettings';
import { FileDownload } from '../ui/FileDownload';
import { FileUpload } from '../ui/FileUpload';
import { StatusIndicator, type ConsoleState } from '../ui/StatusIndicator';
import { StopButton } from '../ui/StopButton';
import { TouchKeyBar } from '../ui/TouchKeyBar';
import { parseEmbedConfig } from './config';
import { EmbedApi } from './EmbedApi';
import { OpenFullLink } from './OpenFullLink';
import { RequestQueue } from './RequestQueue';

const STORAGE_PREFIX = 'pyrite:embed:';

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} is missing from embed.html`);
  return found;
}

export async function buildEmbedPage(indexURL: string, started: RuntimeClient): Promise<void> {
  const config = parseEmbedConfig(location.search, location.origin, document.body.dataset.allowedOrigins);
  document.body.classList.toggle('auto-height', config.height === 'auto');
  if (config.height !== 'auto') document.body.style.height = `${config.height}px`;

  const status = new StatusIndicator(
    element('status', HTMLElement),
    element('load-progress', HTMLProgressElement),
    element('load-phase', HTMLElement),
  );
  const terminalElement = element('terminal', HTMLElement);
  const { terminal } = createTerminal(terminalElement);
  window.term = terminal;
  const settings = new ConsoleSettings(terminal, {
    store: null,
    storagePrefix: STORAGE_PREFIX,
    themeButton: null,
    screenReaderButton: null,
  });
  if (config.theme) settings.setTheme(config.theme);

  const controller = new ConsoleController(terminal, {
    indexURL,
    status,
    store: null,
    storagePrefix: STORAGE_PREFIX,
    started,
  });
  const linkCode = await codeFromHash(location.hash);
  if (linkCode.kind === 'unreadable') {
    // After Python's banner, as the app's notices (printed now, it came above the banner).
    void whenConsoleStarted(status).then(() => controller.noticeAbove(UNREADABLE_LINK_NOTICE));
  }
  const initialCode = linkCode.kind === 'code' ? linkCode.code : '';
  const workbench = new Workbench(terminalElement, terminal, controller, {
    store: null,
    storagePrefix: STORAGE_PREFIX,
    persistCode: false,
    initialCode,
    readOnly: config.readOnly,
    consoleState: status.onChange,
  });
  workbench.setLayout(config.layout);
  workbench.editorPane.style.flexBasis = 'auto'; // stacked above the console: sized by its height, not the split
  window.pyriteWorkbench = workbench;
  new TouchKeyBar(terminalElement.parentElement ?? document.body, terminal);

  // The host's requests are served one at a time, in arrival order; a reset (the host's, or the Reset button) stops
  // the run going and cancels those still waiting (RequestQueue.ts, README.md).
  const requests = new RequestQueue();

  /**
   * Stops what runs (as Stop does), cancels the host's runs still waiting, then puts the link's code back and empties
   * Python's namespace.
   */
  function reset(): Promise<void> {
    return requests.reset(
      (runEnded) => stopUntilEnded(controller, status, runEnded),
      async () => {
        await workbench.setCode(initialCode);
        await controller.resetNamespace();
      },
    );
  }

  const api = new EmbedApi(config, {
    run: (code) =>
      requests.serve('run', async () => {
        if (code !== undefined) await workbench.setCode(code);
        const outcome = await workbench.run();
        return { ok: outcome.ok };
      }),
    setCode: (code) => requests.serve('other', () => workbench.setCode(code)),
    getCode: () => requests.serve('other', () => workbench.code()),
    reset: () => reset(),
  });
  controller.onOutput(({ stream, text }) => api.emit({ type: 'output', stream, text }));
  workbench.onRunEnd((outcome) => {
    if (!outcome.ok && outcome.error) {
      const { error } = outcome;
      api.emit({
        type: 'error',
        error: {
          type: error.type,
          message: error.message,
          line: errorLocation(error)?.line ?? null,
          traceback: error.formatted,
        },
      });
    }
    api.emit({ type: 'done', ok: outcome.ok });
  });

  // Auto height: the editor grows with its text (within limits) and the host hears the page's height.
  let lastHeight = 0;
  const reportHeight = (): void => {
    const height = config.height === 'auto' ? Math.ceil(document.body.getBoundingClientRect().height) : config.height;
    if (height === lastHeight) return;
    lastHeight = height;
    api.emit({ type: 'resize', height });
  };
  new ResizeObserver(reportHeight).observe(document.body);
  if (config.layout === 'editor') {
    const editor = await workbench.editor();
    if (config.height === 'auto') {
      const fit = (height: number): void => {
        workbench.editorPane.style.height = `${Math.min(480, Math.max(96, height)) + 40}px`;
      };
      fit(editor.contentHeight);
      editor.onContentHeight(fit);
    }
  }

  // Files in and out of Python's working folder (a lesson's data file, a program's output), before the link out.
  const toolbar = element('status', HTMLElement).parentElement ?? document.body;
  const openFull = element('open-full', HTMLAnchorElement);
  new FileUpload(
    toolbar,
    terminalElement,
    (file) => controller.uploadFile(file),
    () => terminal.focus(),
    openFull,
  );
  new FileDownload(toolbar, controller, () => terminal.focus(), openFull);

  // A turtle animation still playing ends too.
  new StopButton(element('stop', HTMLButtonElement), status, () => controller.interrupt(), workbench.turtle.canvas);
  element('reset', HTMLButtonElement).addEventListener('click', () => void reset());
  new OpenFullLink(openFull, new URL('./', document.baseURI), () => workbench.code(), workbench.onCodeChange);

  controller.start();
  api.announceReady();
  reportHeight();
  if (config.autorun) void workbench.run();
}

/** How long Reset waits for the running code to take the interrupt before it restarts Python instead. */
const RESET_STOP_WAIT_MS = 3_000;
const RUNNING: ReadonlySet<ConsoleState> = new Set(['running', 'input']);

/**
 * Stops what runs until `runEnded` (the host's run being served) has resolved too: that run's program may start only
 * after Python has loaded or another run has ended, and is stopped then.
 */
async function stopUntilEnded(
  controller: ConsoleController,
  status: StatusIndicator,
  runEnded: Promise<void> | null,
): Promise<void> {
  let ended = runEnded === null;
  void runEnded?.then(() => (ended = true));
  await stopRunning(controller, status);
  while (!ended) {
    let subscription: IDisposable | undefined;
    const changed = new Promise<void>((resolve) => (subscription = status.onChange(() => resolve())));
    await Promise.race([runEnded, changed]);
    subscription?.dispose();
    if (!ended) await stopRunning(controller, status);
  }
}

/**
 * Interrupts the code that runs (and a run queued behind it) and resolves once none runs. Code that does not stop
 * (it catches KeyboardInterrupt) is ended by restarting Python, so a reset always finishes.
 */
async function stopRunning(controller: ConsoleController, status: StatusIndicator): Promise<void> {
  const stopped = (): Promise<boolean> =>
    new Promise((resolve) => {
      const done = (result: boolean): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(result);
      };
      const timer = setTimeout(() => done(false), RESET_STOP_WAIT_MS);
      const subscription = status.onChange((state) => {
        if (!RUNNING.has(state)) done(true);
      });
      if (!RUNNING.has(status.state)) done(true);
    });
  for (let attempt = 0; attempt < 3 && RUNNING.has(status.state); attempt++) {
    controller.interrupt();
    if (!(await stopped()) && RUNNING.has(status.state)) {
      controller.restart('Reset: the program did not stop, so Python was restarted; variables are lost.');
    }
  }
}
