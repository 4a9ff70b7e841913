// The turtle module's event handlers, driven through its dispatcher as the worker does with page events.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime, tick } from "./harness.mjs";

const ctx = useRuntime();

describe("turtle events", () => {
  test("clicks reach the screen's handler for their button, and a turtle's handler when they hit it", async () => {
    ctx.py.runPython(`
import turtle
log = []
t = turtle.Turtle()
t.penup(); t.goto(50, 50)
turtle.Screen().onclick(lambda x, y: log.append(("screen", x, y)))
turtle.Screen().onclick(lambda x, y: log.append("right"), btn=3)
t.onclick(lambda x, y: log.append("turtle"))`);
    const dispatch = ctx.py.runPython("turtle._dispatch");
    dispatch({ type: "click", x: 52, y: 48, button: 1 });
    dispatch({ type: "click", x: -200, y: 0, button: 3 });
    dispatch.destroy();
    assert.equal(ctx.py.runPython("len(log)"), 0, "handlers run on the loop, not inside the dispatch");
    await tick(0);
    assert.equal(ctx.py.runPython("repr(log)"), "['turtle', ('screen', 52.0, 48.0), 'right']");
  });

  test("key handlers run for their key and phase; None catches every key press; fun=None unbinds", async () => {
    ctx.py.runPython(`
import turtle
keys = []
s = turtle.Screen()
s.onkeypress(lambda: keys.append("Up pressed"), "Up")
s.onkey(lambda: keys.append("space released"), "space")
s.onkeypress(lambda: keys.append("any"))
s.onkeypress(None, "Up")`);
    const dispatch = ctx.py.runPython("turtle._dispatch");
    dispatch({ type: "key", key: "Up", pressed: true });
    dispatch({ type: "key", key: "space", pressed: true });
    dispatch({ type: "key", key: "space", pressed: false });
    dispatch.destroy();
    await tick(0);
    assert.equal(ctx.py.runPython("repr(keys)"), "['any', 'any', 'space released']");
  });

  test("ontimer calls back from the event loop after the delay", async () => {
    ctx.py.runPython("import turtle\nfired = []\nturtle.ontimer(lambda: fired.append(1), 20)");
    assert.equal(ctx.py.runPython("len(fired)"), 0);
    await tick(60);
    assert.equal(ctx.py.runPython("len(fired)"), 1);
    ctx.py.runPython("turtle._pyrite_restart()");
  });
});

describe("turtle colours", () => {
  test("a colour name the stdlib's turtle would refuse raises TurtleGraphicsError instead of drawing in no colour", () => {
    ctx.py.runPython("import turtle\nt = turtle.Turtle()");
    assert.throws(() => ctx.py.runPython("t.pencolor('organe')"), (e) => /TurtleGraphicsError: bad color string: organe/.test(e.message));
    assert.throws(() => ctx.py.runPython("t.fillcolor('#12')"), (e) => /bad color string: #12/.test(e.message));
    ctx.py.runPython("turtle._pyrite_restart()");
  });

  test("Tk's colour names are drawn as their CSS colours: spaces and case ignored, grey levels, numbered shades", () => {
    const colours = ctx.py.runPython(`
import turtle
turtle.colormode(255)
t = turtle.Turtle()
shown = []
for name in ("Light Sea Green", "ORANGE", "grey50", "gray100", "SteelBlue3", "navy blue", "#ABC"):
    t.pencolor(name)
    shown.append(t.pencolor())
repr(shown)`);
    assert.equal(
      colours,
      "['lightseagreen', 'orange', (127, 127, 127), (255, 255, 255), 'steelblue', 'navy', (170, 187, 204)]",
    );
    ctx.py.runPython("turtle._pyrite_restart()\ndel t, shown, name");
  });
});

describe("turtle modes and polygons", () => {
  test("logo mode: heading 0 is north and angles go clockwise; a new mode resets the turtles", () => {
    const seen = ctx.py.runPython(`
import turtle
t = turtle.Turtle()
t.forward(10)
turtle.mode("logo")
seen = [turtle.mode(), t.position(), t.heading()]
t.forward(10)
seen.append(t.position())
t.setheading(90)
seen.append(t.towards(0, 0))
t.right(90)
seen.append(t.heading())
turtle.mode("standard")
repr(seen)`);
    assert.equal(seen, "['logo', (0.00,0.00), 0.0, (0.00,10.00), 180.0, 180.0]");
    ctx.py.runPython("turtle._pyrite_restart()\ndel t, seen");
  });

  test("begin_poly, end_poly and get_poly record the vertices for register_shape", () => {
    const poly = ctx.py.runPython(`
import turtle
t = turtle.Turtle()
t.begin_poly()
for _ in range(3):
    t.forward(10)
    t.left(120)
t.end_poly()
t.forward(50)
turtle.register_shape("tri", t.get_poly())
repr([len(t.get_poly()), t.get_poly()[1], "tri" in turtle.getshapes()])`);
    assert.equal(poly, "[4, (10.00,0.00), True]");
    ctx.py.runPython("turtle._pyrite_restart()\ndel t");
  });

  test("features the browser cannot draw warn once and are ignored, so the program goes on", () => {
    ctx.py.runPython(`
import turtle
t = turtle.Turtle()
answers = [turtle.bgpic(), t.tiltangle(), t.shearfactor(), t.resizemode(), t.undobufferentries()]
turtle.bgpic("sky.gif")
t.tilt(30)
t.tilt(30)
t.clearstamps()`);
    assert.equal(ctx.py.runPython("repr(answers)"), "['nopic', 0.0, 0.0, 'noresize', 0]");
    assert.equal(ctx.err.join("").match(/tilt\(\) is not supported/g)?.length, 1);
    assert.match(ctx.err.join(""), /bgpic\(\) is not supported/);
    ctx.py.runPython("turtle._pyrite_restart()\ndel t, answers");
  });
});
