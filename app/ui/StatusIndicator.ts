/**
 * The status pill and load progress bar in the page header. Tests and styles read `data-state` on the pill; the
 * page follows `onChange` (Stop is enabled while something runs, the console takes the focus for input()).
 */
import { Disposable, Emitter } from '../lifecycle/Disposable';

export type ConsoleState = 'loading' | 'ready' | 'running' | 'input' | 'restarting' | 'crashed';

const LABELS: Readonly<Record<ConsoleState, string>> = {
  loading: 'Loading…',
  ready: 'Ready',
  running: 'Running…',
  input: 'Waiting for input',
  restarting: 'Restarting…',
  crashed: 'Crashed',
};

export class StatusIndicator extends Disposable {
  private _state: ConsoleState = 'loading';
  private readonly _onChange = this._register(new Emitter<ConsoleState>());
  /** The state changed (not fired when it is set again to the same). */
  readonly onChange = this._onChange.event;

  constructor(
    private readonly _pill: HTMLElement,
    private readonly _progress: HTMLProgressElement,
    private readonly _phase: HTMLElement,
  ) {
    super();
  }

  get state(): ConsoleState {
    return this._state;
  }

  set(state: ConsoleState, detail?: string): void {
    const changed = state !== this._state;
    this._state = state;
    this._pill.dataset.state = state;
    this._pill.textContent = LABELS[state];
    this._pill.title = detail ?? LABELS[state];
    const loading = state === 'loading' || state === 'restarting';
    this._progress.hidden = !loading;
    this._phase.hidden = !loading;
    if (loading) {
      this._progress.removeAttribute('value'); // indeterminate until the first progress report
      this._phase.textContent = '';
    }
    if (changed) this._onChange.fire(state);
  }

  /** `total` 0 means unknown: the bar stays indeterminate. */
  progress(phase: string, loaded: number, total: number): void {
    if (total > 0) {
      this._progress.max = total;
      this._progress.value = Math.min(loaded, total);
    } else {
      this._progress.removeAttribute('value');
    }
    const percent = total > 0 ? ` ${Math.round((100 * loaded) / total)}%` : '';
    this._phase.textContent = `${phase}${percent}`;
  }
}
