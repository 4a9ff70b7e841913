/**
 * Files out of Python: a Download button that lists the files in Python's working folder, subfolders included (by
 * their paths in it: `output/results.csv`); choosing one saves it, under its own name (`results.csv`), through the
 * browser's own download (what a program wrote with `open("out.csv", "w")`, say).
 */
import type { FileEntry } from '../../webworker/protocol';
import { Disposable, listen, toDisposable } from '../lifecycle/Disposable';
import { button } from './button';
import { baseName, describeFailure, filesToShow, formatBytes } from './files';

/** What the unit needs of the console: the files, and a way to say something. */
export interface FileSource {
  listFiles(): Promise<{ readonly folder: string; readonly files: readonly FileEntry[] }>;
  /** A file by its path in the working folder, as `listFiles` gave it. */
  readFile(name: string): Promise<ArrayBuffer>;
  noticeAbove(text: string): Promise<void>;
}

export class FileDownload extends Disposable {
  private _menu: HTMLElement | null = null;
  private readonly _button: HTMLButtonElement;

  constructor(
    toolbar: HTMLElement,
    private readonly _files: FileSource,
    private readonly _afterChoice: () => void = () => undefined,
    /** The toolbar item the button goes before (at the end when null). */
    before: Element | null = toolbar.querySelector('#theme'),
  ) {
    super();
    this._button = button('Download', {
      id: 'download',
      title: "Save a file from Python's working folder",
      onClick: () => void this._toggle(),
    });
    this._button.setAttribute('aria-haspopup', 'menu');
    this._button.setAttribute('aria-expanded', 'false');
    toolbar.insertBefore(this._button, before);
    this._register(
      toDisposable(() => {
        this._close();
        this._button.remove();
      }),
    );
    this._register(
      listen(document, 'keydown', (event) => {
        if ((event as KeyboardEvent).key === 'Escape' && this._menu) {
          this._close();
          this._afterChoice();
        }
      }),
    );
    this._register(
      listen(document, 'pointerdown', (event) => {
        const target = event.target as Node | null;
        if (this._menu && target && !this._menu.contains(target) && !this._button.contains(target)) this._close();
      }),
    );
  }

  private async _toggle(): Promise<void> {
    if (this._menu) {
      this._close();
      return;
    }
    let listing: { readonly folder: string; readonly files: readonly FileEntry[] };
    try {
      listing = await this._files.listFiles();
    } catch (error) {
      await this._files.noticeAbove(`Could not list Python's files: ${describeFailure(error)}`);
      return;
    }
    if (listing.files.length === 0) {
      await this._files.noticeAbove(`No files in ${listing.folder} yet: what Python writes there can be downloaded.`);
      this._afterChoice();
      return;
    }
    const menu = document.createElement('div');
    menu.className = 'file-menu';
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-label', `Files in ${listing.folder}`);
    const { shown, more } = filesToShow(listing.files);
    for (const file of shown) {
      const label = `${file.name} (${formatBytes(file.bytes)})`;
      const item = button('', {
        className: 'file-menu-item',
        title: label,
        onClick: () => void this._save(file.name),
      });
      // The menu is narrow: a long path is cut at its start ("…/name/results.csv (8 bytes)"), where folders that
      // files share are, so the file's own name and size stay in sight; the tooltip shows it whole. The label is
      // isolated left to right inside the right-to-left button, so only the side that is cut changes.
      const text = document.createElement('bdi');
      text.textContent = label;
      item.append(text);
      item.dir = 'rtl';
      item.setAttribute('role', 'menuitem');
      item.dataset.name = file.name;
      menu.append(item);
    }
    if (more) {
      const note = document.createElement('div');
      note.className = 'file-menu-note';
      note.setAttribute('role', 'menuitem');
      note.setAttribute('aria-disabled', 'true');
      note.textContent = `Only the first ${shown.length} files are listed: more were left out.`;
      menu.append(note);
    }
    const anchor = this._button.getBoundingClientRect();
    menu.style.top = `${anchor.bottom + 4}px`;
    menu.style.left = `${Math.max(4, Math.min(anchor.left, window.innerWidth - 260))}px`;
    document.body.append(menu);
    this._menu = menu;
    this._button.setAttribute('aria-expanded', 'true');
    menu.querySelector('button')?.focus();
  }

  private async _save(name: string): Promise<void> {
    this._close();
    try {
      const url = URL.createObjectURL(new Blob([await this._files.readFile(name)]));
      const link = document.createElement('a');
      link.href = url;
      link.download = baseName(name);
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the URL by the time this runs.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      await this._files.noticeAbove(`${name} could not be downloaded: ${describeFailure(error)}`);
    }
    this._afterChoice();
  }

  private _close(): void {
    this._menu?.remove();
    this._menu = null;
    this._button.setAttribute('aria-expanded', 'false');
  }
}
