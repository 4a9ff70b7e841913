/**
 * The Stop button: enabled only while there is something to stop (Python running, or waiting in input()), so a
 * press always does something and the button tells whether code runs.
 */
import { Disposable, listen } from '../lifecycle/Disposable';
import type { ConsoleState, StatusIndicator } from './StatusIndicator';

const STOPPABLE: ReadonlySet<ConsoleState> = new Set(['running', 'input']);

export class StopButton extends Disposable {
  constructor(
    private readonly _element: HTMLButtonElement,
    private readonly _status: StatusIndicator,
    stop: () => void,
  ) {
    super();
    this._register(listen(_element, 'click', stop));
    this._register(_status.onChange(() => this._update()));
    this._update();
  }

  private _update(): void {
    this._element.disabled = !STOPPABLE.has(this._status.state);
  }
}
