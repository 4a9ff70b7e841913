import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine } from './support/consolePage';
import './support/workbench';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('./?layout=editor');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
});

test.afterAll(async () => {
  await page.close();
});

/** The RGBA colour of the drawing canvas at turtle coordinates (x, y) (origin in the centre, y up). */
function pixel(x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ({ wx, wy }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.turtle-canvas');
      if (!canvas) return [];
      const r = canvas.width / 640;
      const data = canvas.getContext('2d')?.getImageData(Math.round((320 + wx) * r), Math.round((240 - wy) * r), 1, 1);
      return data ? [...data.data] : [];
    },
    { wx: x, wy: y },
  );
}

/** Counts canvas pixels that differ from the background colour `rgb`. */
function drawnPixels(rgb: [number, number, number]): Promise<number> {
  return page.evaluate((bg) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.turtle-canvas');
    const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return 0;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== bg[0] || data[i + 1] !== bg[1] || data[i + 2] !== bg[2]) count++;
    }
    return count;
  }, rgb);
}

async function runInEditor(code: string): Promise<void> {
  await page.evaluate((text) => window.pyriteWorkbench?.setCode(text), code);
  await page.evaluate(() => window.pyriteWorkbench?.run());
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy)).toBe(false);
}

test('Run again while a drawing still animates starts the new drawing at once, without playing the rest of the old one', async () => {
  // At speed 1, 400 segments take minutes to animate, far longer than a poll waits.
  await page.evaluate(
    (text) => window.pyriteWorkbench?.setCode(text),
    'from turtle import *\nspeed(1)\nfor i in range(400):\n    fd(30)\n    rt(90)\n',
  );
  await page.evaluate(() => window.pyriteWorkbench?.run());
  expect(await page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy)).toBe(true);
  await runInEditor('from turtle import *\nspeed(0)\nfd(10)\n');
});

test('turtle draws lines where the turtle went, in its colour', async () => {
  await runInEditor(
    'import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.pencolor("red")\nt.width(5)\nt.forward(100)\n' +
      't.left(90)\nt.pencolor(0, 0, 1)\nt.forward(80)\n',
  );
  await expect(page.locator('.turtle-pane')).toBeVisible();
  expect((await pixel(50, 0)).slice(0, 3)).toEqual([255, 0, 0]);
  expect((await pixel(100, 40)).slice(0, 3)).toEqual([0, 0, 255]);
  expect((await pixel(-50, -50)).slice(0, 3)).toEqual([255, 255, 255]); // untouched background
});

test('an animated turtle at speed 1 still arrives, and Python knows where it is', async () => {
  await runInEditor(
    'from turtle import *\nspeed(1)\npensize(4)\ncolor("green")\npenup()\ngoto(-100, 100)\npendown()\nfd(60)\n' +
      'print("at", pos(), heading())\n',
  );
  expect((await pixel(-70, 100)).slice(0, 3)).toEqual([0, 128, 0]);
  expect((await readLines(page)).join('')).toContain('at (-40.00,100.00) 0.0');
});

test('fills, dots, circles, background colour and clear work', async () => {
  await runInEditor(
    'import turtle\nturtle.Screen().bgcolor("black")\nt = turtle.Turtle()\nt.speed(0)\nt.hideturtle()\n' +
      't.color("yellow", "blue")\nt.begin_fill()\nfor _ in range(4):\n    t.forward(100)\n    t.left(90)\nt.end_fill()\n' +
      't.penup()\nt.goto(-150, -150)\nt.dot(30, "white")\nt.goto(150, -150)\nt.pendown()\nt.circle(40)\n' +
      't.write("hello")\n',
  );
  expect((await pixel(50, 50)).slice(0, 3)).toEqual([0, 0, 255]); // inside the filled square
  expect((await pixel(-150, -150)).slice(0, 3)).toEqual([255, 255, 255]); // the dot
  expect((await pixel(-250, 200)).slice(0, 3)).toEqual([0, 0, 0]); // background
  expect(await drawnPixels([0, 0, 0])).toBeGreaterThan(10_000);
  await runLine(page, 'turtle.clearscreen()');
  await expect.poll(() => drawnPixels([255, 255, 255])).toBe(0);
});

test('module-level functions, shapes and done() behave as in the stdlib', async () => {
  expect(await runLine(page, 'import turtle as T; T.shape("turtle"); T.done()')).toEqual([]);
  expect(await runLine(page, 'sorted(T.shapes())[:2], T.shape(), T.isvisible()')).toEqual([
    "(['arrow', 'blank'], 'turtle', True)",
  ]);
});

/** Clicks the drawing at turtle coordinates (x, y). */
async function clickAt(x: number, y: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const box = await page.locator('.turtle-stage').boundingBox();
  if (!box) throw new Error('no turtle stage');
  await page.mouse.click(box.x + ((x + 320) / 640) * box.width, box.y + ((240 - y) / 480) * box.height, { button });
}

test('onscreenclick handlers get the clicked point in turtle coordinates, after the program has finished', async () => {
  await runInEditor(
    'import turtle\nclicks = []\nscreen = turtle.Screen()\n' +
      'screen.onclick(lambda x, y: clicks.append((round(x / 10), round(y / 10))))\n' +
      'screen.onclick(lambda x, y: clicks.append("right"), btn=3)\n',
  );
  await clickAt(100, 50);
  await clickAt(-200, -100, 'right');
  await expect.poll(async () => (await runLine(page, 'clicks')).at(-1)).toBe("[(10, 5), 'right']");
});

test('a turtle onclick handler fires for a click on the turtle only', async () => {
  await runInEditor(
    'import turtle\nhits = []\nt = turtle.Turtle()\nt.speed(0)\nt.penup()\nt.goto(-100, 100)\n' +
      't.onclick(lambda x, y: hits.append("turtle"))\n',
  );
  await clickAt(150, -150);
  await clickAt(-100, 100);
  await expect.poll(async () => (await runLine(page, 'hits')).at(-1)).toBe("['turtle']");
});

test('onkey handlers run for keys pressed on the drawing, which listen() focuses; ontimer runs later', async () => {
  await runInEditor(
    'import turtle\nkeys = []\nscreen = turtle.Screen()\n' +
      'screen.onkeypress(lambda: keys.append("up"), "Up")\nscreen.onkey(lambda: keys.append("space released"), "space")\n' +
      'screen.onkeypress(lambda: keys.append("a"), "a")\nscreen.ontimer(lambda: keys.append("timer"), 50)\nscreen.listen()\n',
  );
  await expect(page.locator('.turtle-stage')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await page.keyboard.press('a');
  await expect
    .poll(async () => (await runLine(page, 'sorted(keys)')).at(-1))
    .toBe("['a', 'space released', 'timer', 'up']");
});

test("an error in a key or timer handler shows the user's frames only, as any error does", async () => {
  const start = (await readLines(page)).length;
  await runInEditor(
    'import turtle\ns = turtle.Screen()\n\ndef boom():\n    return 1 / 0\n\n' +
      'def later():\n    [][1]\n\ns.onkey(boom, "space")\ns.ontimer(later, 10)\ns.listen()\n',
  );
  await expect(page.locator('.turtle-stage')).toBeFocused();
  await page.keyboard.press('Space');
  const shown = async (): Promise<string> => (await readLines(page, start)).join('\n');
  await expect.poll(shown).toContain('ZeroDivisionError: division by zero');
  await expect.poll(shown).toContain('IndexError: list index out of range');
  const text = await shown();
  expect(text).toContain(
    'Traceback (most recent call last):\n  File "<editor>", line 5, in boom\n    return 1 / 0\n' +
      '           ~~^~~\nZeroDivisionError: division by zero',
  );
  expect(text).toContain('Traceback (most recent call last):\n  File "<editor>", line 8, in later\n    [][1]');
  expect(text).not.toContain('asyncio');
  expect(text).not.toContain('Exception in callback');
  expect(text).not.toContain('turtle.py');
  // The handlers still run on the next key.
  await page.locator('.turtle-stage').focus();
  await page.keyboard.press('Space');
  await expect.poll(async () => (await shown()).split('ZeroDivisionError').length - 1).toBe(2);
});
