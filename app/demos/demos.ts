/**
 * The teaching demos: short programs, each showing one thing. The gallery opens one in the editor.
 */
import asyncDemo from './files/async_demo.py?raw';
import basics from './files/basics.py?raw';
import classes from './files/classes.py?raw';
import errors from './files/errors.py?raw';
import javascript from './files/javascript.py?raw';
import quiz from './files/quiz.py?raw';
import recursion from './files/recursion.py?raw';
import sqliteDemo from './files/sqlite_demo.py?raw';
import turtleDemo from './files/turtle_demo.py?raw';
import turtleKeys from './files/turtle_keys.py?raw';

export interface Demo {
  /** Stable identifier (`?demo=<id>` opens it). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly code: string;
}

export const DEMOS: readonly Demo[] = [
  {
    id: 'basics',
    title: 'Python basics',
    description: 'Values, lists, loops, dictionaries and f-strings.',
    code: basics,
  },
  {
    id: 'recursion',
    title: 'Functions and recursion',
    description: 'Factorial, a cached Fibonacci and the Towers of Hanoi.',
    code: recursion,
  },
  { id: 'quiz', title: 'A quiz with input()', description: 'Answers are typed in the console.', code: quiz },
  {
    id: 'classes',
    title: 'Classes',
    description: 'A bank account, a subclass, properties and __repr__.',
    code: classes,
  },
  {
    id: 'asyncio',
    title: 'asyncio and await',
    description: 'Coroutines that wait together, with top-level await.',
    code: asyncDemo,
  },
  {
    id: 'javascript',
    title: 'Calling JavaScript',
    description: 'from js import Math, Date, JSON: JavaScript objects used from Python.',
    code: javascript,
  },
  { id: 'turtle', title: 'Turtle graphics', description: 'A spiral of squares and a filled star.', code: turtleDemo },
  {
    id: 'turtle-keys',
    title: 'Steer a turtle',
    description: 'Arrow keys and mouse clicks call Python functions (onkeypress, onclick).',
    code: turtleKeys,
  },
  { id: 'sqlite', title: 'SQLite', description: 'An in-memory SQL database with sqlite3.', code: sqliteDemo },
  {
    id: 'errors',
    title: 'Finding a bug',
    description: 'An error marks its line; click the traceback to jump there.',
    code: errors,
  },
];

export function findDemo(id: string): Demo | undefined {
  return DEMOS.find((demo) => demo.id === id);
}
