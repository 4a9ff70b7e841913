# Steer the turtle: click the drawing, then use the arrow keys.
# Click anywhere to send the turtle there. Handlers run after the
# program has finished, on the browser's event loop (as in IDLE).
import turtle

screen = turtle.Screen()
pen = turtle.Turtle()
pen.shape("turtle")
pen.color("seagreen")
pen.speed(0)
moves = 0


def step(angle):
    def move():
        global moves
        pen.setheading(angle)
        pen.forward(20)
        moves += 1
    return move


def go_to(x, y):
    pen.goto(x, y)


for key, angle in (("Up", 90), ("Down", 270), ("Left", 180), ("Right", 0)):
    screen.onkeypress(step(angle), key)
screen.onclick(go_to)
screen.onkey(pen.clear, "c")
screen.listen()
print("Arrow keys move the turtle, a click sends it there, c clears.")
