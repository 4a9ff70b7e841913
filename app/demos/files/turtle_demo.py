# Turtle graphics: a spiral of coloured squares and a filled star.
import turtle

t = turtle.Turtle()
t.shape("turtle")
t.speed(0)
turtle.Screen().bgcolor("white")

colors = ["red", "orange", "gold", "green", "blue", "purple"]
for i in range(36):
    t.pencolor(colors[i % len(colors)])
    for _ in range(4):
        t.forward(60)
        t.left(90)
    t.left(10)

t.penup()
t.goto(120, -150)
t.pendown()
t.speed(6)
t.color("black", "yellow")
t.begin_fill()
for _ in range(5):
    t.forward(100)
    t.right(144)
t.end_fill()
t.penup()
t.goto(0, 190)
t.write("Hello, turtle!", align="center", font=("Arial", 16, "bold"))
turtle.done()
