// What the pages expose for the editor, embed, demo and turtle tests (see app/editor/Workbench.ts); only the
// members the tests use. Code inside page.evaluate() runs in the page.

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

export {};
