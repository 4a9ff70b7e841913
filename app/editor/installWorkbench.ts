/**
 * Adds the editor, the demos and sharing to the console page: the Workbench, toolbar buttons (Editor, Demos,
 * Share), and the page URL's options: `?layout=editor|console`, `?demo=<id>`, code in `#code=…` (a share link)
 * and `?autorun=1` (run that code once Python is ready). A link's code is opened once, then taken out of the URL.
 */
import type { Terminal } from '@xterm/xterm';
import { DemoGallery } from '../demos/DemoGallery';
import { DEMOS, findDemo, type Demo } from '../demos/demos';
import { listen, toDisposable, type Event, type IDisposable } from '../lifecycle/Disposable';
import { codeFromHash, UNREADABLE_LINK_NOTICE } from '../share/codec';
import { ShareDialog } from '../share/ShareDialog';
import { Workbench, type ConsoleHost } from './Workbench';
import type { CodeEditorStore } from './CodeEditor';
import { button } from '../ui/button';
import type { ConsoleState } from '../ui/StatusIndicator';

export interface InstallOptions {
  readonly terminalElement: HTMLElement;
  readonly terminal: Terminal;
  readonly console: ConsoleHost;
  readonly store: CodeEditorStore | null;
  /** Where the buttons go (the page's tool bar). */
  readonly toolbar: HTMLElement | null;
  readonly storagePrefix?: string;
  /**
   * Tells the user something in the console (a share link that cannot be read, code kept). The page prints it after
   * Python's banner (whenConsoleStarted.ts): a link's notice comes while Python still loads.
   */
  readonly notify?: (text: string) => void;
  /** The console's state, for the workbench to follow (focus for input()). */
  readonly consoleState?: Event<ConsoleState>;
}

/** Said when a link's code replaced the user's own in the editor. */
export const PREVIOUS_CODE_KEPT_NOTICE =
  "The editor now shows the link's code. Your previous code was kept: Undo (Ctrl+Z) in the editor brings it back.";

/** Said when a demo replaced the user's own code in the editor. */
export const DEMO_REPLACED_CODE_NOTICE =
  'The editor now shows the demo. Your previous code was kept: Undo (Ctrl+Z) in the editor brings it back.';

export interface InstalledWorkbench extends IDisposable {
  readonly workbench: Workbench;
}

export function installWorkbench(options: InstallOptions): InstalledWorkbench {
  const workbench = new Workbench(options.terminalElement, options.terminal, options.console, {
    store: options.store,
    storagePrefix: options.storagePrefix ?? 'pyrite:editor:',
    consoleState: options.consoleState,
  });
  const params = new URLSearchParams(location.search);
  const notify = options.notify ?? ((): void => undefined);

  const toggle = button('Editor', { id: 'toggle-editor', title: 'Show or hide the Python editor beside the console' });
  const demos = button('Demos', { id: 'demos', title: 'Open a demo program in the editor' });
  const share = button('Share', { id: 'share', title: 'Make a link that opens this code' });
  const gallery = new DemoGallery((demo) => void openDemo(demo));
  const shareDialog = new ShareDialog(() => location.href);
  options.toolbar?.querySelector('.spacer')?.before(toggle, demos, share);

  const reflect = (): void => {
    const shown = workbench.layout === 'editor';
    toggle.setAttribute('aria-pressed', String(shown));
  };
  const onLayout = workbench.split.onLayout(reflect);
  toggle.addEventListener('click', () => {
    workbench.setLayout(workbench.layout === 'editor' ? 'console' : 'editor', true);
    if (workbench.layout === 'editor') void workbench.editor().then((editor) => editor.focus());
    else options.terminal.focus();
  });
  demos.addEventListener('click', () => gallery.open());
  share.addEventListener('click', () => void workbench.code().then((code) => shareDialog.open(code)));

  /** Puts the demo in the editor; the user's own code it replaces stays one Undo away, and the console says so. */
  async function openDemo(demo: Demo): Promise<void> {
    workbench.setLayout('editor');
    const previous = await workbench.code();
    await workbench.setCode(demo.code);
    // A demo as it comes (or the starter code) is nothing of the user's: no need to say it can come back.
    const own = !workbench.isStarterCode(previous) && !DEMOS.some((other) => other.code === previous);
    if (own) notify(DEMO_REPLACED_CODE_NOTICE);
    (await workbench.editor()).focus();
  }

  const layoutParam = params.get('layout');
  const layout = layoutParam === 'editor' || layoutParam === 'console' ? layoutParam : workbench.savedLayout();
  workbench.setLayout(layout ?? 'console');
  reflect();

  /**
   * Opens the code the URL carries (a share link's `#code=`, or `?demo=`), then takes it out of the URL: a reload
   * keeps the edits made since and does not run the code again. The user's previous text stays one Undo away.
   */
  async function openLinkCode(): Promise<void> {
    const query = new URLSearchParams(location.search);
    const shared = await codeFromHash(location.hash);
    if (shared.kind === 'unreadable') notify(`${UNREADABLE_LINK_NOTICE} The editor keeps your own code.`);
    const demo = findDemo(query.get('demo') ?? '');
    const code = shared.kind === 'code' ? shared.code : (demo?.code ?? null);
    if (code === null) return;
    forgetLinkCode();
    workbench.setLayout('editor');
    const previous = await workbench.code();
    await workbench.setCode(code);
    if (previous !== code && !workbench.isStarterCode(previous)) notify(PREVIOUS_CODE_KEPT_NOTICE);
    if (query.get('autorun') === '1') await workbench.run();
  }
  // One link at a time: a link followed while the last one still loads waits for it.
  let opening = Promise.resolve();
  const openLink = (): void => {
    opening = opening.then(openLinkCode).catch(() => undefined);
  };
  openLink();
  // A share link followed in the same tab changes only the fragment: the page is not loaded again.
  const onHashChange = listen(window, 'hashchange', openLink);

  window.pyriteWorkbench = workbench;
  const cleanup = toDisposable(() => {
    onLayout.dispose();
    onHashChange.dispose();
    gallery.dispose();
    shareDialog.dispose();
    for (const element of [toggle, demos, share]) element.remove();
    workbench.dispose();
  });
  return { workbench, dispose: () => cleanup.dispose() };
}

/** Removes a link's code (and its `autorun`, `demo`) from the address, without loading the page again. */
function forgetLinkCode(): void {
  const url = new URL(location.href);
  url.hash = '';
  url.searchParams.delete('autorun');
  url.searchParams.delete('demo');
  history.replaceState(history.state, '', url.href);
}
