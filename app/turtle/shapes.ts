/**
 * The cursor shapes of CPython's turtle module, as polygons in turtle units with the nose pointing up (+y);
 * the canvas turns them to the turtle's heading.
 */
export type Polygon = readonly (readonly [number, number])[];

function circlePolygon(radius: number, sides: number): Polygon {
  return Array.from({ length: sides }, (_, i) => {
    const angle = (2 * Math.PI * i) / sides;
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
  });
}

export const BUILTIN_SHAPES: ReadonlyMap<string, Polygon> = new Map<string, Polygon>([
  [
    'arrow',
    [
      [-10, 0],
      [10, 0],
      [0, 10],
    ],
  ],
  [
    'turtle',
    [
      [0, 16],
      [-2, 14],
      [-1, 10],
      [-4, 7],
      [-7, 9],
      [-9, 8],
      [-6, 5],
      [-7, 1],
      [-5, -3],
      [-8, -6],
      [-6, -8],
      [-4, -5],
      [0, -7],
      [4, -5],
      [6, -8],
      [8, -6],
      [5, -3],
      [7, 1],
      [6, 5],
      [9, 8],
      [7, 9],
      [4, 7],
      [1, 10],
      [2, 14],
    ],
  ],
  ['circle', circlePolygon(10, 20)],
  [
    'square',
    [
      [10, -10],
      [10, 10],
      [-10, 10],
      [-10, -10],
    ],
  ],
  [
    'triangle',
    [
      [10, -5.77],
      [0, 11.55],
      [-10, -5.77],
    ],
  ],
  [
    'classic',
    [
      [0, 0],
      [-5, -9],
      [0, -7],
      [5, -9],
    ],
  ],
  ['blank', []],
]);

/** Pairs of a flattened point list (x0, y0, x1, y1, …). */
export function toPolygon(flat: readonly number[]): Polygon {
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) points.push([flat[i] ?? 0, flat[i + 1] ?? 0]);
  return points;
}
