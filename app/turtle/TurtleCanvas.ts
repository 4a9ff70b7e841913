/**
 * Draws the `turtle` module's commands on a canvas, animating moves and turns at each turtle's speed. Two stacked
 * canvases: the drawing (lines, fills, dots, text; kept as a display list so one turtle's drawings can be
 * deleted) and the cursors, repainted every frame. The world is 640×480 turtle units, origin in the centre, y up;
 * the canvases scale to fit their box.
 */
import type { GraphicsCommand, TurtleEvent } from '../../webworker/protocol';
import { Disposable, Emitter, toDisposable } from '../lifecycle/Disposable';
import { BUILTIN_SHAPES, toPolygon, type Polygon } from './shapes';

export const WORLD_WIDTH = 640;
export const WORLD_HEIGHT = 480;
/** Commands applied per frame at most, so a huge drawing cannot freeze the page. */
const MAX_COMMANDS_PER_FRAME = 20_000;

interface TurtleView {
  x: number;
  y: number;
  heading: number;
  visible: boolean;
  shape: string;
  pencolor: string;
  fillcolor: string;
  pensize: number;
  /** Display-list index where the current fill goes (below what was drawn since begin_fill). */
  fillStart: number | null;
}

type Item =
  | {
      readonly t: number;
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly color: string;
      readonly width: number;
    }
  | { readonly t: number; readonly kind: 'fill'; readonly points: Polygon; readonly color: string }
  | {
      readonly t: number;
      readonly kind: 'dot';
      readonly x: number;
      readonly y: number;
      readonly size: number;
      readonly color: string;
    }
  | {
      readonly t: number;
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly align: CanvasTextAlign;
      readonly font: string;
      readonly color: string;
    };

type Move = Extract<GraphicsCommand, { op: 'move' }>;
type Turn = Extract<GraphicsCommand, { op: 'turn' }>;

interface Animation {
  readonly command: Move | Turn;
  readonly frames: number;
  frame: number;
  readonly fromX: number;
  readonly fromY: number;
  readonly fromHeading: number;
}

/** Turtle units moved per frame at `speed` (1 slow … 10 fast), as CPython's turtle paces its hops. */
export function moveStep(speed: number): number {
  return 3 * 1.1 ** speed * speed;
}

/** Degrees turned per frame at `speed`. */
export function turnStep(speed: number): number {
  return 3 * speed;
}

export class TurtleCanvas extends Disposable {
  readonly element: HTMLElement;
  private readonly _drawing: HTMLCanvasElement;
  private readonly _cursors: HTMLCanvasElement;
  private readonly _turtles = new Map<number, TurtleView>();
  private readonly _shapes = new Map<string, Polygon>(BUILTIN_SHAPES);
  private _items: Item[] = [];
  private _background = 'white';
  private _queue: GraphicsCommand[] = [];
  private _animation: Animation | null = null;
  private _scheduled = false;
  private readonly _onChange = this._register(new Emitter<void>());
  /** Something was drawn or changed (the panel shows itself on the first one). */
  readonly onChange = this._onChange.event;
  private readonly _onEvent = this._register(new Emitter<TurtleEvent>());
  /** A click on the drawing (in turtle coordinates) or a key pressed/released while it has the focus. */
  readonly onEvent = this._onEvent.event;

  constructor(private readonly _pixelRatio = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1))) {
    super();
    this.element = document.createElement('div');
    this.element.className = 'turtle-stage';
    this._drawing = this._canvas('turtle-canvas');
    this._cursors = this._canvas('turtle-cursors');
    this._cursors.setAttribute('aria-hidden', 'true');
    this._drawing.setAttribute('role', 'img');
    this._drawing.setAttribute('aria-label', 'Turtle graphics');
    // Focusable, so that keys reach the turtle's key handlers (click it, or turtle.listen()).
    this.element.tabIndex = 0;
    this._listen('mousedown', (event) => this._click(event));
    this._listen('contextmenu', (event) => event.preventDefault());
    this._listen('keydown', (event) => this._key(event, true));
    this._listen('keyup', (event) => this._key(event, false));
    this._redraw();
    this._register(toDisposable(() => this.element.remove()));
  }

  private _listen<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (event: HTMLElementEventMap[K]) => void,
  ): void {
    this.element.addEventListener(type, listener);
    this._register(toDisposable(() => this.element.removeEventListener(type, listener)));
  }

  private _click(event: MouseEvent): void {
    this.element.focus();
    const box = this.element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = ((event.clientX - box.left) / box.width - 0.5) * WORLD_WIDTH;
    const y = (0.5 - (event.clientY - box.top) / box.height) * WORLD_HEIGHT;
    const button = event.button === 1 ? 2 : event.button === 2 ? 3 : 1;
    this._onEvent.fire({ type: 'click', x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, button });
  }

  private _key(event: KeyboardEvent, pressed: boolean): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return; // browser and console shortcuts stay theirs
    const key = tkKeyName(event.key);
    if (!key) return;
    if (key.length > 1 || key === ' ') event.preventDefault(); // arrows and space would scroll the page
    this._onEvent.fire({ type: 'key', key, pressed });
  }

  /** True while commands wait to be drawn or an animation runs. */
  get busy(): boolean {
    return this._animation !== null || this._queue.length > 0;
  }

  enqueue(commands: readonly GraphicsCommand[]): void {
    this._queue.push(...commands);
    this._schedule();
  }

  /** Deletes every drawing but keeps the turtles (the panel's Clear button). */
  clearDrawing(): void {
    this.finish();
    this._items = [];
    for (const view of this._turtles.values()) if (view.fillStart !== null) view.fillStart = 0;
    this._redraw();
  }

  /** Draws everything queued at once, skipping the animation. */
  finish(): void {
    this._step(Number.POSITIVE_INFINITY, true);
    this._paintCursors();
  }

  private _canvas(className: string): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.className = className;
    canvas.width = WORLD_WIDTH * this._pixelRatio;
    canvas.height = WORLD_HEIGHT * this._pixelRatio;
    this.element.append(canvas);
    return canvas;
  }

  private _schedule(): void {
    if (this._scheduled || this.isDisposed) return;
    this._scheduled = true;
    const run = (): void => {
      this._scheduled = false;
      if (this.isDisposed) return;
      // A hidden page gets no animation frames: draw everything at once instead.
      this._step(MAX_COMMANDS_PER_FRAME, document.hidden);
      this._paintCursors();
      this.element.dataset.busy = String(this.busy);
      if (this.busy) this._schedule();
    };
    if (document.hidden) setTimeout(run, 0);
    else requestAnimationFrame(run);
  }

  /** Applies commands until one frame of animation is used up (or everything, with `instant`). */
  private _step(budget: number, instant: boolean): void {
    let applied = 0;
    let changed = false;
    while (applied < budget) {
      if (this._animation) {
        changed = true;
        if (!this._advance(this._animation, instant)) break;
        this._animation = null;
        continue;
      }
      const command = this._queue.shift();
      if (!command) break;
      applied++;
      changed = true;
      if ((command.op === 'move' || command.op === 'turn') && command.speed > 0 && !instant) {
        this._animation = this._startAnimation(command);
      } else {
        this._apply(command);
      }
    }
    if (changed) this._onChange.fire();
  }

  private _view(t: number): TurtleView {
    let view = this._turtles.get(t);
    if (!view) {
      view = {
        x: 0,
        y: 0,
        heading: 0,
        visible: true,
        shape: 'classic',
        pencolor: 'black',
        fillcolor: 'black',
        pensize: 1,
        fillStart: null,
      };
      this._turtles.set(t, view);
    }
    return view;
  }

  private _startAnimation(command: Move | Turn): Animation {
    const view = this._view(command.t);
    let frames: number;
    if (command.op === 'move') {
      frames = Math.ceil(Math.hypot(command.x - view.x, command.y - view.y) / moveStep(command.speed));
    } else {
      frames = Math.ceil(Math.abs(headingDelta(view.heading, command.heading)) / turnStep(command.speed));
    }
    return { command, frames: Math.max(1, frames), frame: 0, fromX: view.x, fromY: view.y, fromHeading: view.heading };
  }

  /** One frame of an animation; true when it is complete (then its result is in the display list). */
  private _advance(animation: Animation, instant: boolean): boolean {
    const { command } = animation;
    animation.frame = instant ? animation.frames : animation.frame + 1;
    const done = animation.frame >= animation.frames;
    const k = done ? 1 : animation.frame / animation.frames;
    const view = this._view(command.t);
    if (command.op === 'turn') {
      view.heading = done
        ? command.heading
        : animation.fromHeading + headingDelta(animation.fromHeading, command.heading) * k;
      return done;
    }
    const x = animation.fromX + (command.x - animation.fromX) * k;
    const y = animation.fromY + (command.y - animation.fromY) * k;
    if (command.pen) {
      // Draw the piece of line covered this frame; the whole line joins the display list when complete.
      this._paint({
        t: command.t,
        kind: 'line',
        x1: view.x,
        y1: view.y,
        x2: x,
        y2: y,
        color: command.color,
        width: command.width,
      });
    }
    view.x = x;
    view.y = y;
    if (done && command.pen) this._items.push(this._line(command, animation.fromX, animation.fromY));
    return done;
  }

  private _line(command: Move, fromX: number, fromY: number): Item {
    return {
      t: command.t,
      kind: 'line',
      x1: fromX,
      y1: fromY,
      x2: command.x,
      y2: command.y,
      color: command.color,
      width: command.width,
    };
  }

  private _apply(command: GraphicsCommand): void {
    switch (command.op) {
      case 'reset':
        this._items = [];
        this._turtles.clear();
        this._background = 'white';
        this._redraw();
        return;
      case 'bgcolor':
        this._background = command.color;
        this._redraw();
        return;
      case 'state': {
        const view = this._view(command.t);
        Object.assign(view, {
          x: command.x,
          y: command.y,
          heading: command.heading,
          visible: command.visible,
          shape: command.shape,
          pencolor: command.pencolor,
          fillcolor: command.fillcolor,
          pensize: command.pensize,
        });
        return;
      }
      case 'move': {
        const view = this._view(command.t);
        if (command.pen) this._add(this._line(command, view.x, view.y));
        view.x = command.x;
        view.y = command.y;
        return;
      }
      case 'turn':
        this._view(command.t).heading = command.heading;
        return;
      case 'begin_fill':
        this._view(command.t).fillStart = this._items.length;
        return;
      case 'end_fill': {
        const view = this._view(command.t);
        const at = Math.min(view.fillStart ?? this._items.length, this._items.length);
        view.fillStart = null;
        this._items.splice(at, 0, {
          t: command.t,
          kind: 'fill',
          points: toPolygon(command.points),
          color: command.color,
        });
        for (const other of this._turtles.values()) {
          if (other.fillStart !== null && other.fillStart > at) other.fillStart++;
        }
        // The fill goes below what was drawn since begin_fill: paint it, then those items again.
        for (const item of this._items.slice(at)) this._paint(item);
        return;
      }
      case 'dot':
        this._add({ t: command.t, kind: 'dot', x: command.x, y: command.y, size: command.size, color: command.color });
        return;
      case 'write':
        this._add({
          t: command.t,
          kind: 'text',
          x: command.x,
          y: command.y,
          text: command.text,
          align: command.align,
          font: command.font,
          color: command.color,
        });
        return;
      case 'clear':
        this._items = this._items.filter((item) => item.t !== command.t);
        for (const view of this._turtles.values()) if (view.fillStart !== null) view.fillStart = this._items.length;
        this._redraw();
        return;
      case 'shape':
        this._shapes.set(command.name, toPolygon(command.points));
        return;
      case 'listen':
        this.element.focus();
        return;
      default:
        assertNever(command);
    }
  }

  private _add(item: Item): void {
    this._items.push(item);
    this._paint(item);
  }

  private _context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('TurtleCanvas: no 2d context');
    return context;
  }

  /** World coordinates: origin in the centre, y up, one unit per CSS pixel of the 640×480 world. */
  private _toWorld(context: CanvasRenderingContext2D): void {
    const r = this._pixelRatio;
    context.setTransform(r, 0, 0, -r, (WORLD_WIDTH * r) / 2, (WORLD_HEIGHT * r) / 2);
  }

  private _redraw(): void {
    const context = this._context(this._drawing);
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = this._background;
    context.fillRect(0, 0, this._drawing.width, this._drawing.height);
    for (const item of this._items) this._paint(item);
  }

  private _paint(item: Item): void {
    const context = this._context(this._drawing);
    this._toWorld(context);
    switch (item.kind) {
      case 'line':
        context.strokeStyle = item.color;
        context.lineWidth = item.width;
        context.lineCap = 'round';
        context.beginPath();
        context.moveTo(item.x1, item.y1);
        context.lineTo(item.x2, item.y2);
        context.stroke();
        return;
      case 'fill':
        if (item.points.length < 3) return;
        context.fillStyle = item.color;
        context.beginPath();
        for (const [x, y] of item.points) context.lineTo(x, y);
        context.closePath();
        context.fill('evenodd');
        return;
      case 'dot':
        context.fillStyle = item.color;
        context.beginPath();
        context.arc(item.x, item.y, item.size / 2, 0, 2 * Math.PI);
        context.fill();
        return;
      case 'text': {
        // Text must not be mirrored: flip back, so y grows downwards again at the text's position.
        const r = this._pixelRatio;
        context.setTransform(r, 0, 0, r, (WORLD_WIDTH * r) / 2, (WORLD_HEIGHT * r) / 2);
        context.fillStyle = item.color;
        context.font = item.font;
        context.textAlign = item.align;
        context.textBaseline = 'alphabetic';
        context.fillText(item.text, item.x, -item.y);
        return;
      }
      default:
        assertNever(item);
    }
  }

  private _paintCursors(): void {
    const context = this._context(this._cursors);
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this._cursors.width, this._cursors.height);
    this._toWorld(context);
    for (const view of this._turtles.values()) {
      if (!view.visible) continue;
      const polygon = this._shapes.get(view.shape) ?? BUILTIN_SHAPES.get('classic') ?? [];
      if (polygon.length === 0) continue;
      const angle = ((view.heading - 90) * Math.PI) / 180;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      context.beginPath();
      for (const [px, py] of polygon) context.lineTo(view.x + px * cos - py * sin, view.y + px * sin + py * cos);
      context.closePath();
      context.fillStyle = view.fillcolor;
      context.strokeStyle = view.pencolor;
      context.lineWidth = Math.max(1, Math.min(view.pensize, 3));
      context.fill();
      context.stroke();
    }
  }
}

/** The signed shortest turn from one heading to another, in degrees (-180, 180]. */
export function headingDelta(from: number, to: number): number {
  let delta = (((to - from) % 360) + 360) % 360;
  if (delta > 180) delta -= 360;
  return delta;
}

function assertNever(value: never): never {
  throw new Error(`TurtleCanvas: unhandled ${JSON.stringify(value)}`);
}

/** Tk's name for a key, as turtle's onkey() expects it (`a`, `space`, `Up`, `Return`), or null for modifiers. */
export function tkKeyName(key: string): string | null {
  const named: Record<string, string> = {
    ' ': 'space',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Enter: 'Return',
    Escape: 'Escape',
    Backspace: 'BackSpace',
    Delete: 'Delete',
    Home: 'Home',
    End: 'End',
    PageUp: 'Prior',
    PageDown: 'Next',
  };
  if (key in named) return named[key] ?? null;
  if ([...key].length === 1) return key;
  return /^F\d{1,2}$/.test(key) ? key : null;
}
