/**
 * Drawing commands of the `turtle` module (runtime/python/turtle.py), sent from the worker to the page in
 * `graphics` events and drawn by the page's canvas panel (app/turtle/). Coordinates are turtle coordinates:
 * the origin is the centre of the canvas, y grows upwards, headings are degrees counter-clockwise from east.
 * `t` names a turtle (a small integer chosen by Python). Python keeps the authoritative state (position,
 * heading), so the page only animates and draws; `speed` 0 means "no animation", 1 (slow) … 10 (fast) pace it.
 */

export type GraphicsCommand =
  /** Clears the canvas and forgets every turtle (Screen.reset/clear, a fresh run). */
  | { readonly op: 'reset' }
  | { readonly op: 'bgcolor'; readonly color: string }
  /** Creates or updates a turtle without animation (shape, colours, visibility, a jump). */
  | {
      readonly op: 'state';
      readonly t: number;
      readonly x: number;
      readonly y: number;
      readonly heading: number;
      readonly visible: boolean;
      readonly shape: string;
      readonly pencolor: string;
      readonly fillcolor: string;
      readonly pensize: number;
    }
  /** Moves turtle `t` in a straight line to (x, y), drawing with the pen when `pen` is true. */
  | {
      readonly op: 'move';
      readonly t: number;
      readonly x: number;
      readonly y: number;
      readonly pen: boolean;
      readonly color: string;
      readonly width: number;
      readonly speed: number;
    }
  | { readonly op: 'turn'; readonly t: number; readonly heading: number; readonly speed: number }
  /** Marks where a fill starts, so the filled shape is drawn below the lines drawn after it. */
  | { readonly op: 'begin_fill'; readonly t: number }
  /** `points` are flattened: x0, y0, x1, y1, … */
  | { readonly op: 'end_fill'; readonly t: number; readonly points: readonly number[]; readonly color: string }
  | {
      readonly op: 'dot';
      readonly t: number;
      readonly x: number;
      readonly y: number;
      readonly size: number;
      readonly color: string;
    }
  | {
      readonly op: 'write';
      readonly t: number;
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly align: 'left' | 'center' | 'right';
      /** A CSS font, e.g. `normal 8px Arial`. */
      readonly font: string;
      readonly color: string;
    }
  /** Deletes what turtle `t` drew (Turtle.clear). */
  | { readonly op: 'clear'; readonly t: number }
  /** Registers a polygon cursor shape (Screen.register_shape); flattened points as in `end_fill`. */
  | { readonly op: 'shape'; readonly name: string; readonly points: readonly number[] }
  /** Gives the drawing the keyboard focus (Screen.listen), so that key handlers get the keys. */
  | { readonly op: 'listen' };

/**
 * What the user did to the drawing, sent back to Python's `turtle` handlers (`turtle-event` notice): a click in
 * turtle coordinates (button 1 left, 2 middle, 3 right), or a key pressed/released while the drawing has the focus,
 * named as Tk names keys (`a`, `space`, `Up`, `Return`, ...).
 */
export type TurtleEvent =
  | { readonly type: 'click'; readonly x: number; readonly y: number; readonly button: number }
  | { readonly type: 'key'; readonly key: string; readonly pressed: boolean };

export type GraphicsOp = GraphicsCommand['op'];

type Check = (value: unknown) => boolean;
type CommandShapes = {
  readonly [K in GraphicsOp]: { readonly [F in Exclude<keyof Extract<GraphicsCommand, { op: K }>, 'op'>]-?: Check };
};

const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isTurtle: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isString: Check = (v) => typeof v === 'string';
const isBoolean: Check = (v) => typeof v === 'boolean';
const isPoints: Check = (v) => Array.isArray(v) && v.length % 2 === 0 && v.every(isNumber);

const SHAPES: CommandShapes = {
  reset: {},
  bgcolor: { color: isString },
  state: {
    t: isTurtle,
    x: isNumber,
    y: isNumber,
    heading: isNumber,
    visible: isBoolean,
    shape: isString,
    pencolor: isString,
    fillcolor: isString,
    pensize: isNumber,
  },
  move: { t: isTurtle, x: isNumber, y: isNumber, pen: isBoolean, color: isString, width: isNumber, speed: isNumber },
  turn: { t: isTurtle, heading: isNumber, speed: isNumber },
  begin_fill: { t: isTurtle },
  end_fill: { t: isTurtle, points: isPoints, color: isString },
  dot: { t: isTurtle, x: isNumber, y: isNumber, size: isNumber, color: isString },
  write: {
    t: isTurtle,
    x: isNumber,
    y: isNumber,
    text: isString,
    align: (v) => v === 'left' || v === 'center' || v === 'right',
    font: isString,
    color: isString,
  },
  clear: { t: isTurtle },
  shape: { name: isString, points: isPoints },
  listen: {},
};

/** True when `value` is exactly a TurtleEvent. */
export function isTurtleEvent(value: unknown): value is TurtleEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (record.type === 'click') {
    return (
      keys === 'button,type,x,y' &&
      isNumber(record.x) &&
      isNumber(record.y) &&
      [1, 2, 3].includes(record.button as number)
    );
  }
  return (
    record.type === 'key' &&
    keys === 'key,pressed,type' &&
    typeof record.key === 'string' &&
    record.key.length > 0 &&
    record.key.length <= 32 &&
    isBoolean(record.pressed)
  );
}

/** True when `value` is exactly one of the commands above (no missing, mistyped or extra fields). */
export function isGraphicsCommand(value: unknown): value is GraphicsCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const op = record.op;
  if (typeof op !== 'string' || !Object.hasOwn(SHAPES, op)) return false;
  const shape = SHAPES[op as GraphicsOp] as Readonly<Record<string, Check>>;
  for (const key of Object.keys(record)) {
    if (key !== 'op' && !(key in shape)) return false;
  }
  return Object.entries(shape).every(([key, check]) => check(record[key]));
}
