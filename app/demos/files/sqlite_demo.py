# sqlite3: a real SQL database, in memory, inside your browser.
import sqlite3

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE planets (name TEXT, moons INTEGER, au REAL)")
db.executemany(
    "INSERT INTO planets VALUES (?, ?, ?)",
    [("Mercury", 0, 0.39), ("Venus", 0, 0.72), ("Earth", 1, 1.0), ("Mars", 2, 1.52),
     ("Jupiter", 95, 5.2), ("Saturn", 146, 9.54), ("Uranus", 28, 19.2), ("Neptune", 16, 30.06)],
)

print("Planets with moons, by number of moons:")
for name, moons in db.execute("SELECT name, moons FROM planets WHERE moons > 0 ORDER BY moons DESC"):
    print(f"  {name:8} {moons:4}")

(total,) = db.execute("SELECT SUM(moons) FROM planets").fetchone()
print("Moons in all:", total, "| SQLite", sqlite3.sqlite_version)
