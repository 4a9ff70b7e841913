/**
 * The Share dialog: a link that opens the editor's code (carried, compressed, in the URL fragment), optionally
 * running it on open. Copy puts the link on the clipboard.
 */
import { Disposable, MutableDisposable, toDisposable } from '../lifecycle/Disposable';
import { shareLink } from './codec';
import { button } from '../ui/button';

const COPY_LABEL = 'Copy link';
const COPIED_MS = 2_000;

export class ShareDialog extends Disposable {
  private readonly _dialog: HTMLDialogElement;
  private readonly _link: HTMLInputElement;
  private readonly _autorun: HTMLInputElement;
  private readonly _copy: HTMLButtonElement;
  private readonly _copiedTimer = this._register(new MutableDisposable());
  private _code = '';

  constructor(private readonly _page: () => string) {
    super();
    this._dialog = document.createElement('dialog');
    this._dialog.className = 'share-dialog demo-gallery';
    this._dialog.setAttribute('aria-label', 'Share the code');
    const heading = document.createElement('h2');
    heading.textContent = 'Share';
    const explain = document.createElement('p');
    explain.textContent = 'This link opens the editor with your code (the code is inside the link itself).';
    this._link = document.createElement('input');
    this._link.type = 'url';
    this._link.readOnly = true;
    this._link.className = 'share-link';
    this._link.setAttribute('aria-label', 'Link to the code');
    const label = document.createElement('label');
    this._autorun = document.createElement('input');
    this._autorun.type = 'checkbox';
    this._autorun.className = 'share-autorun';
    this._autorun.addEventListener('change', () => void this._update());
    label.append(this._autorun, ' Run the code when the link is opened');
    this._copy = button(COPY_LABEL, {
      onClick: () => {
        this._link.select();
        void navigator.clipboard
          ?.writeText(this._link.value)
          .then(() => this._copied())
          .catch(() => undefined);
      },
    });
    const close = button('Close', { onClick: () => this._dialog.close() });
    const row = document.createElement('p');
    row.append(this._copy, ' ', close);
    this._dialog.append(heading, explain, this._link, document.createElement('br'), label, row);
    document.body.append(this._dialog);
    this._register(toDisposable(() => this._dialog.remove()));
  }

  async open(code: string): Promise<void> {
    this._code = code;
    await this._update();
    if (!this._dialog.open) this._dialog.showModal();
    this._link.select();
  }

  /** Says "Copied" for a moment: the button is for copying again, and the next link is not copied yet. */
  private _copied(): void {
    this._copy.textContent = 'Copied';
    const timer = setTimeout(() => (this._copy.textContent = COPY_LABEL), COPIED_MS);
    this._copiedTimer.value = toDisposable(() => clearTimeout(timer));
  }

  private async _update(): Promise<void> {
    this._copiedTimer.clear(); // "Copied" was about the link before
    this._copy.textContent = COPY_LABEL;
    this._link.value = await shareLink(this._page(), this._code, { autorun: this._autorun.checked });
  }
}
