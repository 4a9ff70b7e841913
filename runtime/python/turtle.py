"""Turtle graphics for the browser: the API of CPython's ``turtle`` module, drawn on the page's canvas panel.

Python keeps the turtles' state (position, heading, pen), so queries such as ``pos()`` and ``heading()`` answer at
once. Every visible change becomes a drawing command (see ``webworker/protocol/graphics.ts``) sent through the JS
module ``_pyrite_graphics``, which the worker batches to the page; the page animates moves and turns at the
turtle's ``speed()``. Module-level functions act on one default turtle and screen, as in the stdlib.

Events: ``ontimer`` runs on the browser's event loop; clicks on the drawing and keys pressed while it has the
keyboard focus (click it, or call ``listen()``) come back from the page and call the ``onclick``/``onkey``/
``onkeypress`` handlers, also from the event loop, so they run after the program has finished, as in IDLE. An
error in a handler is shown as any error is, a traceback of the user's frames, and the next event calls it again.
``done()``/``mainloop()`` return at once: the browser's loop is always running. Not supported (each warns once and
is ignored, so programs that use them still run): ``undo``, ``stamp``, ``ondrag``/``onrelease``, background pictures,
world coordinates, and tilting, shearing or resizing the cursor.
"""

import json
import math
import sys

__all__ = [
    "Screen", "Turtle", "RawTurtle", "Pen", "RawPen", "TurtleScreen", "Vec2D", "Terminator", "TurtleGraphicsError",
    "done", "mainloop", "bye", "exitonclick",
]

_DEFAULT_SHAPES = ("arrow", "turtle", "circle", "square", "triangle", "classic", "blank")
_SPEEDS = {"fastest": 0, "fast": 10, "normal": 6, "slow": 3, "slowest": 1}
_CANVAS_WIDTH = 640
_CANVAS_HEIGHT = 480


# The colour names a canvas knows (CSS). Tk knows these too, with the same meaning except a few (Tk's "green" is
# CSS's "lime"); a name neither knows is an error, as in the stdlib, instead of a colour the canvas ignores.
_CSS_COLOR_NAMES = frozenset("""
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
    cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
    darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
    firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
    hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
    lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
    mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
    midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
    rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
    slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
    whitesmoke yellow yellowgreen
""".split())
# Tk's names that CSS lacks, but for its numbered ones.
_TK_ONLY_COLORS = {"navyblue": "navy", "lightslateblue": "#8470ff", "violetred": "#d02090", "lightgoldenrod": "#eedd82"}


def _css_color(name):
    """The CSS colour for a Tk colour name (lower case, without spaces), or None when Tk would not know it either."""
    if name in _CSS_COLOR_NAMES:
        return name
    base = name.rstrip("0123456789")
    number = name[len(base):]
    if base in ("gray", "grey") and number and int(number) <= 100:
        level = round(int(number) * 2.55)
        return f"#{level:02x}{level:02x}{level:02x}"
    if number in ("1", "2", "3", "4") and (base in _CSS_COLOR_NAMES or base in _TK_ONLY_COLORS):
        return _css_color(base)  # Tk's shades 1-4 of a colour are drawn as the colour itself
    return _TK_ONLY_COLORS.get(name)


class TurtleGraphicsError(Exception):
    """Raised for bad arguments (an unknown colour format or shape)."""


class Terminator(Exception):
    """Kept for compatibility: the stdlib raises it when the window is closed. Never raised here."""


class Vec2D(tuple):
    """A 2-D vector, as the stdlib's: ``pos()`` returns one; it prints with two decimals."""

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    def __add__(self, other):
        return Vec2D(self[0] + other[0], self[1] + other[1])

    def __mul__(self, other):
        if isinstance(other, Vec2D):
            return self[0] * other[0] + self[1] * other[1]
        return Vec2D(self[0] * other, self[1] * other)

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return Vec2D(self[0] * other, self[1] * other)
        return NotImplemented

    def __sub__(self, other):
        return Vec2D(self[0] - other[0], self[1] - other[1])

    def __neg__(self):
        return Vec2D(-self[0], -self[1])

    def __abs__(self):
        return math.hypot(*self)

    def rotate(self, angle):
        perp = Vec2D(-self[1], self[0])
        angle = math.radians(angle)
        c, s = math.cos(angle), math.sin(angle)
        return Vec2D(self[0] * c + perp[0] * s, self[1] * c + perp[1] * s)

    def __getnewargs__(self):
        return (self[0], self[1])

    def __repr__(self):
        return "(%.2f,%.2f)" % self


# ----------------------------------------------------------------------------------------------------------------
# Sending commands


def _send(command):
    try:
        import _pyrite_graphics
    except ImportError:  # Not in the worker (plain CPython, tests): keep the commands for inspection.
        _sent.append(command)
        return
    _pyrite_graphics.post(json.dumps(command, separators=(",", ":")))


_sent = []


# Event handlers, keyed by ("click", button, turtle id or None) and ("key", key or None, "press"/"release").
_handlers = {}
_listening = False


def _ensure_listening():
    """Asks the worker to pass the page's clicks and keys to ``_dispatch`` (once)."""
    global _listening
    if _listening:
        return
    try:
        import _pyrite_graphics
        from pyodide import create_proxy
    except ImportError:  # Not in the worker: handlers can only be called by tests, through _dispatch.
        _listening = True
        return
    _pyrite_graphics.set_event_handler(create_proxy(_dispatch))
    _listening = True


def _bind(key, fun, add=False):
    if fun is None:
        _handlers.pop(key, None)
        return
    _handlers.setdefault(key, [])
    if not add:
        _handlers[key].clear()
    _handlers[key].append(fun)
    _ensure_listening()


def _dispatch(event):
    """Called by the worker with a page event (a JS object): runs the matching handlers soon, on the loop."""
    import asyncio

    kind = str(event.type)
    calls = []
    if kind == "click":
        x, y, button = float(event.x), float(event.y), int(event.button)
        for turtle in reversed(_screen._turtles if _screen else []):
            if turtle.isvisible() and turtle.distance(x, y) <= _CLICK_RADIUS:
                calls += [(f, (x, y)) for f in _handlers.get(("click", button, id(turtle)), [])]
                break
        calls += [(f, (x, y)) for f in _handlers.get(("click", button, None), [])]
    elif kind == "key":
        phase = "press" if event.pressed else "release"
        key = str(event.key)
        calls += [(f, ()) for f in _handlers.get(("key", key, phase), []) + _handlers.get(("key", None, phase), [])]
    loop = asyncio.get_event_loop()
    for fun, args in calls:
        loop.call_soon(_call_handler, fun, *args)


def _call_handler(fun, *args):
    """Runs an event handler (a click, a key, a timer) on the loop. An error in it is shown as the console shows any
    error, the user's frames only, instead of the loop's "Exception in callback" report with asyncio's frames."""
    try:
        fun(*args)
    except Exception as exc:  # noqa: BLE001 - reported as an uncaught error is; the other handlers go on
        # This function's own frame is plumbing, not the user's.
        exc.__traceback__ = exc.__traceback__.tb_next
        try:
            from _pyrite.errors import format_exception
        except ImportError:  # Not in the runtime (plain CPython, tests).
            import traceback

            traceback.print_exception(exc)
            return
        sys.stderr.write(format_exception(exc))


# A click this close to a turtle (in turtle units) is a click on it.
_CLICK_RADIUS = 10


def _number(value):
    """Finite floats only (JSON has no NaN); rounded, so commands stay short."""
    value = float(value)
    if not math.isfinite(value):
        raise TurtleGraphicsError(f"bad coordinate: {value!r}")
    return round(value, 3)


# ----------------------------------------------------------------------------------------------------------------
# The screen


class TurtleScreen:
    """The drawing area: one per page. ``Screen()`` returns it."""

    def __init__(self):
        self._turtles = []
        self._bgcolor = "white"
        self._colormode = 1.0
        self._tracing = 1
        self._delay = 10
        self._shapes = {name: None for name in _DEFAULT_SHAPES}
        self._next_id = 0
        self._warned = set()
        self._mode = "standard"

    # Colours -------------------------------------------------------------------------------------------------

    def colormode(self, cmode=None):
        """Whether (r, g, b) colours range over 0..1.0 (default) or 0..255."""
        if cmode is None:
            return self._colormode
        if cmode == 1.0:
            self._colormode = float(cmode)
        elif cmode == 255:
            self._colormode = int(cmode)
        else:
            raise TurtleGraphicsError(f"colormode must be 1.0 or 255, not {cmode!r}")

    def _colorstr(self, args):
        """A CSS colour from the stdlib's forms: a name, '#rgb'/'#rrggbb', (r, g, b) or r, g, b."""
        if len(args) == 1:
            args = args[0]
        if isinstance(args, str):
            if args.startswith("#"):
                if len(args) in (4, 7) and all(c in "0123456789abcdefABCDEF" for c in args[1:]):
                    return args.lower()
                raise TurtleGraphicsError(f"bad color string: {args}")
            css = _css_color(args.replace(" ", "").lower())
            if css is None:
                raise TurtleGraphicsError(f"bad color string: {args}")
            return css
        try:
            r, g, b = args
        except (TypeError, ValueError):
            raise TurtleGraphicsError(f"bad color arguments: {args!r}") from None
        if self._colormode == 1.0:
            r, g, b = (round(255.0 * c) for c in (r, g, b))
        if not all(0 <= c <= 255 for c in (r, g, b)):
            raise TurtleGraphicsError(f"bad color sequence: {args!r}")
        return "#%02x%02x%02x" % (int(r), int(g), int(b))

    def _color_out(self, css):
        """What pencolor()/bgcolor() return: the name, or an (r, g, b) tuple in the current colormode."""
        if not css.startswith("#"):
            return css
        digits = css[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        rgb = tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
        if self._colormode == 1.0:
            return tuple(c / 255.0 for c in rgb)
        return rgb

    def bgcolor(self, *args):
        """Sets the background colour, or returns it without arguments."""
        if not args:
            return self._color_out(self._bgcolor)
        self._bgcolor = self._colorstr(args)
        _send({"op": "bgcolor", "color": self._bgcolor})

    # Animation -----------------------------------------------------------------------------------------------

    def tracer(self, n=None, delay=None):
        """``tracer(0)`` turns animation off (everything appears at once); ``tracer(1)`` turns it back on."""
        if n is None:
            return self._tracing
        self._tracing = int(n)
        if delay is not None:
            self._delay = int(delay)

    def delay(self, delay=None):
        if delay is None:
            return self._delay
        self._delay = int(delay)

    def update(self):
        """Nothing to do: commands are drawn as they arrive."""

    # Turtles and shapes --------------------------------------------------------------------------------------

    def turtles(self):
        return list(self._turtles)

    def register_shape(self, name, shape=None):
        """Adds a polygon cursor shape: ``register_shape("tri", ((0, 10), (-5, -5), (5, -5)))``."""
        if shape is None:
            raise TurtleGraphicsError("image shapes (gif files) are not supported here; give a polygon")
        points = []
        for x, y in shape:
            points += [_number(x), _number(y)]
        self._shapes[name] = points
        _send({"op": "shape", "name": name, "points": points})

    addshape = register_shape

    def getshapes(self):
        return sorted(self._shapes)

    # Size ----------------------------------------------------------------------------------------------------

    def window_width(self):
        return _CANVAS_WIDTH

    def window_height(self):
        return _CANVAS_HEIGHT

    def screensize(self, canvwidth=None, canvheight=None, bg=None):
        """The canvas is a fixed 640×480 here (it scales to fit the panel); ``bg`` sets the background."""
        if bg is not None:
            self.bgcolor(bg)
        if canvwidth is None and canvheight is None:
            return (_CANVAS_WIDTH, _CANVAS_HEIGHT)

    def setup(self, width=None, height=None, startx=None, starty=None):
        """Accepted for compatibility; the canvas keeps its size."""

    def setworldcoordinates(self, *args):
        self._warn("setworldcoordinates")

    def mode(self, mode=None):
        """'standard' (heading 0 is east, angles counter-clockwise) or 'logo' (0 is north, clockwise). Setting it
        resets the turtles; without an argument, the current mode."""
        if mode is None:
            return self._mode
        mode = mode.lower()
        if mode == "world":
            self._warn("mode('world')")
            return None
        if mode not in ("standard", "logo"):
            raise TurtleGraphicsError(f"No turtle-graphics-mode {mode}")
        self._mode = mode
        self.reset()
        return None

    def bgpic(self, picname=None):
        """Background pictures are not supported: without an argument 'nopic', and a picture is ignored."""
        if picname is None:
            return "nopic"
        if picname != "nopic":
            self._warn("bgpic")
        return None

    def title(self, titlestring):
        """Accepted for compatibility (there is no window title)."""

    # Clearing ------------------------------------------------------------------------------------------------

    def clear(self):
        """Deletes all drawings, resets the background to white and every turtle to its initial state."""
        self._bgcolor = "white"
        self._tracing = 1
        _send({"op": "reset"})
        for turtle in self._turtles:
            turtle._init_state()
            turtle._send_state()

    clearscreen = clear

    def reset(self):
        """Resets every turtle (its drawings are deleted) to its initial state."""
        for turtle in self._turtles:
            turtle.reset()

    resetscreen = reset

    # The event loop: nothing to wait for here ----------------------------------------------------------------

    def mainloop(self):
        """Returns at once: the drawing is already on the page."""

    done = mainloop

    def exitonclick(self):
        """Returns at once; a click on the drawing then does nothing more (there is no window to close)."""

    def bye(self):
        """Returns at once (there is no window to close)."""

    def listen(self, xdummy=None, ydummy=None):
        """Gives the drawing the keyboard focus, so that ``onkey`` handlers get the keys."""
        _ensure_listening()
        _send({"op": "listen"})

    def _warn(self, what):
        if what not in self._warned:
            self._warned.add(what)
            print(f"turtle: {what}() is not supported in the browser; ignored.", file=sys.stderr)

    def onclick(self, fun, btn=1, add=None):
        """Calls ``fun(x, y)`` when the drawing is clicked with mouse button ``btn``; ``fun=None`` removes."""
        _bind(("click", btn, None), fun, add)

    onscreenclick = onclick

    def onkeyrelease(self, fun, key):
        """Calls ``fun()`` when ``key`` (a Tk key name: ``"a"``, ``"space"``, ``"Up"``, ...) is released."""
        _bind(("key", key, "release"), fun)

    onkey = onkeyrelease

    def onkeypress(self, fun, key=None):
        """Calls ``fun()`` when ``key`` is pressed (any key if ``key`` is None)."""
        _bind(("key", key, "press"), fun)

    def ontimer(self, fun, t=0):
        """Calls ``fun()`` after ``t`` milliseconds, from the browser's event loop."""
        import asyncio

        asyncio.get_event_loop().call_later(max(0, t) / 1000, _call_handler, fun)

    def textinput(self, title, prompt):
        """Asks in the console (``input()``) instead of a dialog; None at end of input."""
        try:
            return input(f"{prompt} ")
        except EOFError:
            return None

    def numinput(self, title, prompt, default=None, minval=None, maxval=None):
        """Asks for a number in the console until one in range is given; None at end of input."""
        while True:
            answer = self.textinput(title, prompt)
            if answer is None:
                return None
            if not answer.strip() and default is not None:
                return default
            try:
                value = float(answer)
            except ValueError:
                print("Please enter a number.")
                continue
            if (minval is not None and value < minval) or (maxval is not None and value > maxval):
                print(f"Please enter a number between {minval} and {maxval}.")
                continue
            return value

    def _new_id(self):
        self._next_id += 1
        return self._next_id


_screen = None


def Screen():
    """The one screen (created on first use)."""
    global _screen
    if _screen is None:
        _screen = TurtleScreen()
    return _screen


# ----------------------------------------------------------------------------------------------------------------
# Turtles


class RawTurtle:
    """A turtle: a pen with a position and a heading (degrees, 0 = east, counter-clockwise)."""

    def __init__(self, canvas=None, shape="classic", undobuffersize=1000, visible=True):
        self.screen = canvas if isinstance(canvas, TurtleScreen) else Screen()
        self._id = self.screen._new_id()
        self._initial_shape = shape
        self._initial_visible = visible
        self._init_state()
        self.screen._turtles.append(self)
        self._send_state()

    def _init_state(self):
        self._x = 0.0
        self._y = 0.0
        self._heading = 90.0 if self.screen._mode == "logo" else 0.0
        self._pendown = True
        self._pencolor = "black"
        self._fillcolor = "black"
        self._pensize = 1.0
        self._speed = 3
        self._visible = self._initial_visible
        self._shape = self._initial_shape
        self._fill_points = None
        self._fullcircle = 360.0
        self._poly = None
        self._recording_poly = False

    def _send_state(self):
        _send({
            "op": "state", "t": self._id, "x": _number(self._x), "y": _number(self._y),
            "heading": _number(self._heading), "visible": self._visible, "shape": self._shape,
            "pencolor": self._pencolor, "fillcolor": self._fillcolor, "pensize": _number(self._pensize),
        })

    def _pace(self):
        return self._speed if self.screen._tracing else 0

    # Moving ----------------------------------------------------------------------------------------------------

    def _goto(self, x, y):
        x, y = float(x), float(y)
        _send({
            "op": "move", "t": self._id, "x": _number(x), "y": _number(y), "pen": self._pendown,
            "color": self._pencolor, "width": _number(self._pensize), "speed": self._pace(),
        })
        self._x, self._y = x, y
        if self._fill_points is not None:
            self._fill_points.append((x, y))
        if self._recording_poly:
            self._poly.append(Vec2D(x, y))

    def _rotate(self, angle):
        self._heading = (self._heading + angle * 360.0 / self._fullcircle) % 360.0
        _send({"op": "turn", "t": self._id, "heading": _number(self._heading), "speed": self._pace()})

    def forward(self, distance):
        """Moves forward by ``distance`` in the direction the turtle is heading."""
        angle = math.radians(self._heading)
        self._goto(self._x + distance * math.cos(angle), self._y + distance * math.sin(angle))

    fd = forward

    def back(self, distance):
        """Moves backward by ``distance``; the heading stays."""
        self.forward(-distance)

    bk = backward = back

    def left(self, angle):
        """Turns left (counter-clockwise) by ``angle`` degrees."""
        self._rotate(angle)

    lt = left

    def right(self, angle):
        """Turns right (clockwise) by ``angle`` degrees."""
        self._rotate(-angle)

    rt = right

    def goto(self, x, y=None):
        """Moves to an absolute position: ``goto(x, y)`` or ``goto((x, y))``; draws a line if the pen is down."""
        if y is None:
            x, y = x
        self._goto(x, y)

    setpos = setposition = goto

    def teleport(self, x=None, y=None, *, fill_gap=False):
        """Moves without drawing (and, unless ``fill_gap``, without adding to a fill)."""
        pendown = self._pendown
        self._pendown = False
        self._goto(self._x if x is None else x, self._y if y is None else y)
        self._pendown = pendown

    def setx(self, x):
        self._goto(x, self._y)

    def sety(self, y):
        self._goto(self._x, y)

    def _from_mode(self, angle):
        """A heading in the screen's mode (logo: 0 north, clockwise) as a standard one, in the angle unit."""
        return (self._fullcircle / 4 - angle) % self._fullcircle if self.screen._mode == "logo" else angle

    def setheading(self, to_angle):
        """Points the turtle at ``to_angle`` degrees (0 east, 90 north, 180 west, 270 south; in logo mode 0 north,
        90 east)."""
        current = self._heading * self._fullcircle / 360.0
        delta = (self._from_mode(to_angle) - current) % self._fullcircle
        if delta > self._fullcircle / 2:
            delta -= self._fullcircle
        self._rotate(delta)

    seth = setheading

    def home(self):
        """Moves to the origin and faces east."""
        self.goto(0, 0)
        self.setheading(0)

    def circle(self, radius, extent=None, steps=None):
        """Draws a circle (a polygon of ``steps`` sides) of ``radius``; centre on the turtle's left. ``extent``
        draws an arc (degrees); a negative radius goes clockwise."""
        if extent is None:
            extent = self._fullcircle
        if steps is None:
            frac = abs(extent) / self._fullcircle
            steps = 1 + int(min(11 + abs(radius) / 6.0, 59.0) * frac)
        w = 1.0 * extent / steps
        w2 = 0.5 * w
        length = 2.0 * radius * math.sin(math.radians(w2) * 360.0 / self._fullcircle)
        if radius < 0:
            length, w, w2 = -length, -w, -w2
        self._rotate(w2)
        for _ in range(steps):
            self.forward(length)
            self._rotate(w)
        self._rotate(-w2)

    def speed(self, speed=None):
        """0 (fastest: no animation), 1 (slowest) … 10 (fast), or 'fastest', 'fast', 'normal', 'slow', 'slowest'.
        Returns the speed without arguments."""
        if speed is None:
            return self._speed
        speed = _SPEEDS.get(speed, speed)
        self._speed = int(round(speed)) if 0.5 < speed < 10.5 else 0

    def degrees(self, fullcircle=360.0):
        self._fullcircle = float(fullcircle)

    def radians(self):
        self._fullcircle = 2 * math.pi

    # Where am I ------------------------------------------------------------------------------------------------

    def position(self):
        return Vec2D(self._x, self._y)

    pos = position

    def xcor(self):
        return self._x

    def ycor(self):
        return self._y

    def heading(self):
        return self._from_mode(self._heading * self._fullcircle / 360.0)

    def towards(self, x, y=None):
        """The heading from the turtle to (x, y) (or to another turtle)."""
        if y is None:
            x, y = x.pos() if isinstance(x, RawTurtle) else x
        angle = math.degrees(math.atan2(y - self._y, x - self._x)) % 360.0
        return self._from_mode(angle * self._fullcircle / 360.0)

    def distance(self, x, y=None):
        if y is None:
            x, y = x.pos() if isinstance(x, RawTurtle) else x
        return math.hypot(x - self._x, y - self._y)

    # The pen ---------------------------------------------------------------------------------------------------

    def penup(self):
        """Lifts the pen: moving no longer draws."""
        self._pendown = False

    pu = up = penup

    def pendown(self):
        """Puts the pen down: moving draws."""
        self._pendown = True

    pd = down = pendown

    def isdown(self):
        return self._pendown

    def pensize(self, width=None):
        """The line width, in pixels."""
        if width is None:
            return self._pensize
        self._pensize = float(width)
        self._send_state()

    width = pensize

    def pencolor(self, *args):
        """The line colour: a name ('red'), '#ff0000' or (r, g, b). Returns it without arguments."""
        if not args:
            return self.screen._color_out(self._pencolor)
        self._pencolor = self.screen._colorstr(args)
        self._send_state()

    def fillcolor(self, *args):
        """The colour ``end_fill()`` fills with; returns it without arguments."""
        if not args:
            return self.screen._color_out(self._fillcolor)
        self._fillcolor = self.screen._colorstr(args)
        self._send_state()

    def color(self, *args):
        """``color(c)`` sets both colours, ``color(pen, fill)`` each; returns (pencolor, fillcolor) without."""
        if not args:
            return self.pencolor(), self.fillcolor()
        if len(args) == 1:
            self._pencolor = self._fillcolor = self.screen._colorstr(args)
        elif len(args) == 2:
            self._pencolor = self.screen._colorstr((args[0],))
            self._fillcolor = self.screen._colorstr((args[1],))
        elif len(args) == 3:
            self._pencolor = self._fillcolor = self.screen._colorstr(args)
        else:
            raise TurtleGraphicsError(f"bad color arguments: {args!r}")
        self._send_state()

    def pen(self, pen=None, **pendict):
        """The pen's attributes as a dictionary, or sets some of them."""
        if pen is None and not pendict:
            return {
                "shown": self._visible, "pendown": self._pendown, "pencolor": self.pencolor(),
                "fillcolor": self.fillcolor(), "pensize": self._pensize, "speed": self._speed,
            }
        settings = dict(pen or {}, **pendict)
        if "shown" in settings:
            self._visible = bool(settings["shown"])
        if "pendown" in settings:
            self._pendown = bool(settings["pendown"])
        if "pencolor" in settings:
            self._pencolor = self.screen._colorstr((settings["pencolor"],))
        if "fillcolor" in settings:
            self._fillcolor = self.screen._colorstr((settings["fillcolor"],))
        if "pensize" in settings:
            self._pensize = float(settings["pensize"])
        if "speed" in settings:
            self.speed(settings["speed"])
        self._send_state()

    # Filling ---------------------------------------------------------------------------------------------------

    def filling(self):
        return self._fill_points is not None

    def begin_fill(self):
        """Starts a shape to fill: ``end_fill()`` fills the path drawn since."""
        self._fill_points = [(self._x, self._y)]
        _send({"op": "begin_fill", "t": self._id})

    def end_fill(self):
        """Fills the shape drawn since ``begin_fill()`` with the fill colour."""
        if self._fill_points is None:
            return
        points = []
        for x, y in self._fill_points:
            points += [_number(x), _number(y)]
        self._fill_points = None
        _send({"op": "end_fill", "t": self._id, "points": points, "color": self._fillcolor})

    # Drawing ---------------------------------------------------------------------------------------------------

    def dot(self, size=None, *color):
        """A filled circle of diameter ``size`` (default: max(pensize + 4, 2 * pensize)) at the turtle."""
        if size is not None and not isinstance(size, (int, float)):
            color, size = (size, *color), None
        if size is None:
            size = max(self._pensize + 4, 2 * self._pensize)
        css = self.screen._colorstr(color) if color else self._pencolor
        _send({"op": "dot", "t": self._id, "x": _number(self._x), "y": _number(self._y),
               "size": _number(size), "color": css})

    def write(self, arg, move=False, align="left", font=("Arial", 8, "normal")):
        """Writes ``str(arg)`` at the turtle; ``align`` is 'left', 'center' or 'right'."""
        text = str(arg)
        align = align.lower()
        if align not in ("left", "center", "right"):
            raise TurtleGraphicsError(f"bad align: {align!r}")
        family, size, style = (tuple(font) + ("Arial", 8, "normal")[len(font):])[:3]
        css_font = f"{style} {int(size) * 4 // 3}px {family}"
        _send({"op": "write", "t": self._id, "x": _number(self._x), "y": _number(self._y), "text": text,
               "align": align, "font": css_font, "color": self._pencolor})
        if move:
            # The browser measures the text; this estimate keeps Python's position close to it.
            self._goto(self._x + len(text) * int(size) * 0.8, self._y)

    def clear(self):
        """Deletes this turtle's drawings; the turtle stays where it is."""
        _send({"op": "clear", "t": self._id})

    def reset(self):
        """Deletes this turtle's drawings and puts it back home with its initial settings."""
        _send({"op": "clear", "t": self._id})
        self._init_state()
        self._send_state()

    def stamp(self):
        self.screen._warn("stamp")
        return 0

    def undo(self):
        self.screen._warn("undo")

    def clearstamp(self, stampid):
        """Stamps are not drawn here, so there is none to clear."""

    def clearstamps(self, n=None):
        """Stamps are not drawn here, so there are none to clear."""

    def setundobuffer(self, size):
        """Accepted for compatibility (``undo`` is not supported)."""

    def undobufferentries(self):
        return 0

    # Recording a polygon (for ``register_shape``) ----------------------------------------------------------------

    def begin_poly(self):
        """Starts recording the turtle's positions as the vertices of a polygon."""
        self._poly = [Vec2D(self._x, self._y)]
        self._recording_poly = True

    def end_poly(self):
        """Stops recording; ``get_poly()`` returns the polygon."""
        self._recording_poly = False

    def get_poly(self):
        """The polygon recorded between ``begin_poly()`` and ``end_poly()``, as a tuple of vertices."""
        return tuple(self._poly) if self._poly is not None else None

    # Shape transforms: not supported (the cursor keeps its shape) -------------------------------------------------

    def resizemode(self, rmode=None):
        if rmode is None:
            return "noresize"
        self.screen._warn("resizemode")
        return None

    def tilt(self, angle):
        self.screen._warn("tilt")

    def settiltangle(self, angle):
        self.screen._warn("settiltangle")

    def tiltangle(self, angle=None):
        if angle is None:
            return 0.0
        self.screen._warn("tiltangle")
        return None

    def shearfactor(self, shear=None):
        if shear is None:
            return 0.0
        self.screen._warn("shearfactor")
        return None

    def shapetransform(self, t11=None, t12=None, t21=None, t22=None):
        if t11 is None and t12 is None and t21 is None and t22 is None:
            return (1.0, 0.0, 0.0, 1.0)
        self.screen._warn("shapetransform")
        return None

    def get_shapepoly(self):
        self.screen._warn("get_shapepoly")

    # The cursor ------------------------------------------------------------------------------------------------

    def hideturtle(self):
        self._visible = False
        self._send_state()

    ht = hideturtle

    def showturtle(self):
        self._visible = True
        self._send_state()

    st = showturtle

    def isvisible(self):
        return self._visible

    def shape(self, name=None):
        """The cursor: 'arrow', 'turtle', 'circle', 'square', 'triangle', 'classic' or a registered shape."""
        if name is None:
            return self._shape
        if name not in self.screen._shapes:
            raise TurtleGraphicsError(f"There is no shape named {name}")
        self._shape = name
        self._send_state()

    def shapesize(self, stretch_wid=None, stretch_len=None, outline=None):
        """Accepted for compatibility; cursors keep their size."""
        return (1.0, 1.0, 1)

    turtlesize = shapesize

    def getscreen(self):
        return self.screen

    def getturtle(self):
        return self

    getpen = getturtle

    def clone(self):
        twin = type(self)(self.screen, self._shape, visible=self._visible)
        for name in ("_pendown", "_pencolor", "_fillcolor", "_pensize", "_speed", "_fullcircle"):
            setattr(twin, name, getattr(self, name))
        twin._x, twin._y, twin._heading = self._x, self._y, self._heading
        twin._send_state()
        return twin

    # Events --------------------------------------------------------------------------------------------------

    def onclick(self, fun, btn=1, add=None):
        """Calls ``fun(x, y)`` when this turtle is clicked (within a few units of its position)."""
        _bind(("click", btn, id(self)), fun, add)

    def onrelease(self, fun, btn=1, add=None):
        self.screen._warn("onrelease")

    def ondrag(self, fun, btn=1, add=None):
        self.screen._warn("ondrag")

    def __repr__(self):
        return f"<turtle.Turtle object at ({self._x:.2f},{self._y:.2f}), heading {self.heading():.2f}>"


class Turtle(RawTurtle):
    """A turtle on the one screen."""

    def __init__(self, shape="classic", undobuffersize=1000, visible=True):
        super().__init__(Screen(), shape=shape, undobuffersize=undobuffersize, visible=visible)


Pen = Turtle
RawPen = RawTurtle

# ----------------------------------------------------------------------------------------------------------------
# Module-level functions: the default turtle and the screen


_pen = None


def getturtle():
    """The default turtle that module-level functions move (created on first use)."""
    global _pen
    if _pen is None:
        _pen = Turtle()
    return _pen


getpen = getturtle


def _pyrite_restart():
    """Called by the page before the editor runs a file again: a clean screen and a fresh default turtle."""
    global _pen, _screen
    if _screen is not None:
        _send({"op": "reset"})
    _pen = None
    _screen = None
    _handlers.clear()


_SCREEN_FUNCTIONS = [
    "bgcolor", "colormode", "tracer", "delay", "update", "turtles", "register_shape", "addshape", "getshapes",
    "window_width", "window_height", "screensize", "setup", "title", "clearscreen", "resetscreen", "mainloop",
    "done", "exitonclick", "bye", "listen", "onkey", "onkeypress", "onkeyrelease", "onscreenclick", "ontimer",
    "textinput", "numinput", "setworldcoordinates", "mode", "bgpic",
]
_TURTLE_FUNCTIONS = [
    "forward", "fd", "back", "bk", "backward", "left", "lt", "right", "rt", "goto", "setpos", "setposition",
    "teleport", "setx", "sety", "setheading", "seth", "home", "circle", "speed", "degrees", "radians", "position",
    "pos", "xcor", "ycor", "heading", "towards", "distance", "penup", "pu", "up", "pendown", "pd", "down",
    "isdown", "pensize", "width", "pencolor", "fillcolor", "color", "pen", "filling", "begin_fill", "end_fill",
    "dot", "write", "clear", "reset", "stamp", "undo", "hideturtle", "ht", "showturtle", "st", "isvisible",
    "shape", "shapesize", "turtlesize", "clone", "onclick", "onrelease", "ondrag", "clearstamp", "clearstamps",
    "setundobuffer", "undobufferentries", "begin_poly", "end_poly", "get_poly", "resizemode", "tilt", "settiltangle",
    "tiltangle", "shearfactor", "shapetransform", "get_shapepoly",
]


def _screen_function(name):
    method = getattr(TurtleScreen, name)

    def function(*args, **kwargs):
        return getattr(Screen(), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = method.__doc__
    return function


def _turtle_function(name):
    method = getattr(RawTurtle, name)

    def function(*args, **kwargs):
        return getattr(getturtle(), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = method.__doc__
    return function


for _name in _SCREEN_FUNCTIONS:
    globals()[_name] = _screen_function(_name)
for _name in _TURTLE_FUNCTIONS:
    globals()[_name] = _turtle_function(_name)
del _name

# The stdlib's `clear`/`reset` at module level act on the turtle, `shapes` lists the screen's shapes.
shapes = _screen_function("getshapes")
__all__ += _SCREEN_FUNCTIONS + _TURTLE_FUNCTIONS + ["shapes", "getturtle", "getpen"]
