/**
 * Adds the editor, the demos and sharing to the console page: the Workbench, toolbar buttons (Editor, Demos,
 * Share), and the page URL's options: `?layout=editor|console`, `?demo=<id>`, code in `#code=…` (a share link)
 * and `?autorun=1` (run that code once Python is ready).
 */
import type { Terminal } from '@xterm/xterm';
import { DemoGallery } from '../demos/DemoGallery';
import { findDemo, type Demo } from '../demos/demos';
import { toDisposable, type IDisposable } from '../lifecycle/Disposable';
import { codeFromHash, UNREADABLE_LINK_NOTICE } from '../share/codec';
import { ShareDialog } from '../share/ShareDialog';
import { Workbench, type ConsoleHost } from './Workbench';
import type { CodeEditorStore } from './CodeEditor';
import { button } from '../ui/button';

export interface InstallOptions {
  readonly terminalElement: HTMLElement;
  readonly terminal: Terminal;
  readonly console: ConsoleHost;
  readonly store: CodeEditorStore | null;
  /** Where the buttons go (the page's tool bar). */
  readonly toolbar: HTMLElement | null;
  readonly storagePrefix?: string;
  /** Tells the user something in the console (a share link that cannot be read). */
  readonly notify?: (text: string) => void;
}

export interface InstalledWorkbench extends IDisposable {
  readonly workbench: Workbench;
}

export function installWorkbench(options: InstallOptions): InstalledWorkbench {
  const workbench = new Workbench(options.terminalElement, options.terminal, options.console, {
    store: options.store,
    storagePrefix: options.storagePrefix ?? 'pyrite:editor:',
  });
  const params = new URLSearchParams(location.search);

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

  async function openDemo(demo: Demo): Promise<void> {
    workbench.setLayout('editor');
    await workbench.setCode(demo.code);
    (await workbench.editor()).focus();
  }

  const layoutParam = params.get('layout');
  const layout = layoutParam === 'editor' || layoutParam === 'console' ? layoutParam : workbench.savedLayout();
  workbench.setLayout(layout ?? 'console');
  reflect();
  void (async () => {
    const shared = await codeFromHash(location.hash);
    if (shared.kind === 'unreadable') options.notify?.(`${UNREADABLE_LINK_NOTICE} The editor keeps your own code.`);
    const demo = findDemo(params.get('demo') ?? '');
    const code = shared.kind === 'code' ? shared.code : (demo?.code ?? null);
    if (code === null) return;
    workbench.setLayout('editor');
    await workbench.setCode(code);
    if (params.get('autorun') === '1') await workbench.run();
  })();

  window.pyriteWorkbench = workbench;
  const cleanup = toDisposable(() => {
    onLayout.dispose();
    gallery.dispose();
    shareDialog.dispose();
    for (const element of [toggle, demos, share]) element.remove();
    workbench.dispose();
  });
  return { workbench, dispose: () => cleanup.dispose() };
}
