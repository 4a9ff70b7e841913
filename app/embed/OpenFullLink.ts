/**
 * The embed's "Open in Pyrite" link: a real link (reached with Tab, announced as a link, its address can be copied)
 * to the full app with the code being edited, as a share link. Its address follows the edits (shortly after each:
 * making a link compresses the code); a click that comes before it caught up opens the current code all the same.
 */
import { Disposable, listen, toDisposable, type Event } from '../lifecycle/Disposable';
import { shareLink } from '../share/codec';

const UPDATE_DELAY_MS = 250;

export class OpenFullLink extends Disposable {
  /** Counts the edits: an address made for an older one is not shown. */
  private _version = 0;
  /** The version the address carries. */
  private _linked = -1;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly _anchor: HTMLAnchorElement,
    /** The full app's page. */
    private readonly _app: URL,
    private readonly _code: () => Promise<string>,
    onCodeChange: Event<void>,
  ) {
    super();
    this._register(
      onCodeChange(() => {
        this._version++;
        this._schedule();
      }),
    );
    this._register(listen(_anchor, 'click', (event) => this._onClick(event)));
    this._register(toDisposable(() => this._cancel()));
    void this.update();
  }

  /** Whether the address carries the code as it is now. */
  get current(): boolean {
    return this._linked === this._version;
  }

  /** Points the link at the current code. */
  async update(): Promise<void> {
    this._cancel();
    const version = this._version;
    const link = await this._link();
    if (version !== this._version || this.isDisposed) return; // edited meanwhile: a newer update follows
    this._anchor.href = link;
    this._linked = version;
  }

  private _schedule(): void {
    this._cancel();
    this._timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  private _cancel(): void {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  /** An address behind the edits is not followed: the page opens the current code itself. */
  private _onClick(event: globalThis.Event): void {
    if (this.current) return;
    event.preventDefault();
    void this._link().then((link) => open(link, '_blank', 'noopener'));
  }

  private async _link(): Promise<string> {
    return shareLink(this._app, await this._code());
  }
}
