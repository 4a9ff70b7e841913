// The app's page with its editor: opening it (alone or shared by the tests of a file), and what the pages expose for
// the editor, embed, demo and turtle tests (see app/editor/Workbench.ts; only the members the tests use). Code inside
// page.evaluate() runs in the page.
import { expect, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, sharedPageHooks } from './consolePage';

interface EditorHandle {
  readonly position: { readonly lineNumber: number; readonly column: number } | null;
  markers(): { line: number; message: string }[];
  goToLine(line: number): void;
}

interface WorkbenchHandle {
  readonly layout: 'console' | 'editor';
  readonly editorIfLoaded: EditorHandle | null;
  readonly turtle: { readonly canvas: { readonly busy: boolean } };
  code(): Promise<string>;
  setCode(code: string): Promise<void>;
  run(): Promise<unknown>;
}

declare global {
  interface Window {
    pyriteWorkbench?: WorkbenchHandle;
  }
}

/** Opens `path` (the app with its editor; a share link, the embed) and waits until Python and the editor are ready. */
export async function openWorkbench(page: Page, path = './?layout=editor'): Promise<void> {
  await page.goto(path);
  await workbenchReady(page);
}

/** Waits until the page's Python and editor are ready (after a load or a reload). */
export async function workbenchReady(page: Page): Promise<void> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
}

/**
 * One booted page with the editor, shared by the tests of a file or a `describe`, in order (booting Python is the
 * slow part); as `useSharedConsole`: `use` receives it once ready, `prepare` runs before it loads.
 */
export const useSharedWorkbench = sharedPageHooks(openWorkbench, './?layout=editor');

/** The editor's text. */
export function editorCode(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.pyriteWorkbench?.code());
}

/** Replaces the editor's text. */
export async function setEditorCode(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => window.pyriteWorkbench?.setCode(text), code);
}
