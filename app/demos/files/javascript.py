# Calling JavaScript from Python: `js` is the JavaScript global scope (here, the worker's).
from js import JSON, Date, Math, Object, navigator
from pyodide import to_js

print("Math.PI =", Math.PI)
print("A random number from JavaScript:", Math.random())
print("Now:", Date.new().toISOString())
print("Browser:", navigator.userAgent)

# Python dicts become JavaScript objects with to_js; JSON.stringify then sees them.
person = to_js({"name": "Ada", "languages": ["Python", "JS"]}, dict_converter=Object.fromEntries)
print("As JSON:", JSON.stringify(person))
