/**
 * The turtle graphics panel: a titled box around a TurtleCanvas with Clear and Hide buttons. It is hidden until
 * the first drawing command arrives, then shows itself (Hide puts it away until the next drawing).
 */
import type { GraphicsCommand } from '../../webworker/protocol';
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { TurtleCanvas } from './TurtleCanvas';
import { button } from '../ui/button';

export class TurtlePanel extends Disposable {
  readonly element: HTMLElement;
  readonly canvas: TurtleCanvas;
  private _used = false;

  constructor() {
    super();
    this.element = document.createElement('aside');
    this.element.className = 'turtle-pane';
    this.element.hidden = true;
    this.element.setAttribute('aria-label', 'Turtle graphics');
    const header = document.createElement('div');
    header.className = 'pane-header';
    const title = document.createElement('span');
    title.textContent = 'Turtle';
    title.className = 'pane-title';
    const clear = button('Clear', {
      title: 'Delete the drawing (the turtles stay)',
      onClick: () => this.canvas.clearDrawing(),
    });
    const hide = button('Hide', {
      title: 'Hide the panel; it comes back with the next drawing',
      onClick: () => (this.element.hidden = true),
    });
    header.append(title, clear, hide);
    this.canvas = this._register(new TurtleCanvas());
    this.element.append(header, this.canvas.element);
    this._register(toDisposable(() => this.element.remove()));
  }

  /** Whether the turtle module has drawn anything since the page loaded. */
  get used(): boolean {
    return this._used;
  }

  draw(commands: readonly GraphicsCommand[]): void {
    this._used = true;
    this.element.hidden = false;
    this.canvas.enqueue(commands);
  }
}
