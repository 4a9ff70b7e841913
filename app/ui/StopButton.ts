/**
 * The Stop button: enabled only while there is something to stop (Python running or waiting in input(), or a
 * turtle animation still playing after Python finished), so a press always does something and the button tells
 * whether code runs.
 */
import { Disposable, listen, type Event } from '../lifecycle/Disposable';
import type { ConsoleState, StatusIndicator } from './StatusIndicator';

const STOPPABLE: ReadonlySet<ConsoleState> = new Set(['running', 'input']);

/** Something else Stop ends (the turtle canvas: its animation). */
export interface StoppableWork {
  readonly busy: boolean;
  /** Fires when `busy` may have changed. */
  readonly onChange: Event<void>;
  /** Ends the work at once (the animation jumps to where Python's turtle already is). */
  finish(): void;
}

export class StopButton extends Disposable {
  constructor(
    private readonly _element: HTMLButtonElement,
    private readonly _status: StatusIndicator,
    interrupt: () => void,
    private readonly _work: StoppableWork | null = null,
    afterStop: () => void = () => {},
  ) {
    super();
    this._register(
      listen(_element, 'click', () => {
        interrupt();
        _work?.finish();
        afterStop();
      }),
    );
    this._register(_status.onChange(() => this._update()));
    if (_work) this._register(_work.onChange(() => this._update()));
    this._update();
  }

  private _update(): void {
    this._element.disabled = !STOPPABLE.has(this._status.state) && !(this._work?.busy ?? false);
  }
}
