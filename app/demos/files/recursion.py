# Functions and recursion: factorial, Fibonacci with a cache, and the Towers of Hanoi.
from functools import lru_cache


def factorial(n):
    """n! = n × (n-1) × … × 1"""
    return 1 if n <= 1 else n * factorial(n - 1)


@lru_cache(maxsize=None)
def fibonacci(n):
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)


def hanoi(disks, source="A", target="C", spare="B"):
    """Prints the moves that carry `disks` disks from source to target."""
    if disks == 0:
        return 0
    moves = hanoi(disks - 1, source, spare, target)
    print(f"move disk {disks} from {source} to {target}")
    return moves + 1 + hanoi(disks - 1, spare, target, source)


print("10! =", factorial(10))
print("fibonacci(80) =", fibonacci(80))
print("Hanoi with 3 disks takes", hanoi(3), "moves")
