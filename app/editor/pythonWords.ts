/**
 * What the editor's suggestions know of Python without asking the runtime: its keywords and builtins, the names
 * and attributes a program's text uses (outside comments and strings), and whether a position is in code, a
 * comment or a string. A light scan, not a parser: it only has to be right about tokens, which it is for any
 * text, finished or not.
 */

export const PYTHON_KEYWORDS: readonly string[] = [
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'case',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'match',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
];

/** Python 3.11's builtins (`dir(builtins)`), less the private ones and `copyright`/`credits`/`license`. */
export const PYTHON_BUILTINS: readonly string[] = [
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BaseException',
  'BaseExceptionGroup',
  'BlockingIOError',
  'BrokenPipeError',
  'BufferError',
  'BytesWarning',
  'ChildProcessError',
  'ConnectionAbortedError',
  'ConnectionError',
  'ConnectionRefusedError',
  'ConnectionResetError',
  'DeprecationWarning',
  'EOFError',
  'Ellipsis',
  'EncodingWarning',
  'EnvironmentError',
  'Exception',
  'ExceptionGroup',
  'FileExistsError',
  'FileNotFoundError',
  'FloatingPointError',
  'FutureWarning',
  'GeneratorExit',
  'IOError',
  'ImportError',
  'ImportWarning',
  'IndentationError',
  'IndexError',
  'InterruptedError',
  'IsADirectoryError',
  'KeyError',
  'KeyboardInterrupt',
  'LookupError',
  'MemoryError',
  'ModuleNotFoundError',
  'NameError',
  'NotADirectoryError',
  'NotImplemented',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'PendingDeprecationWarning',
  'PermissionError',
  'ProcessLookupError',
  'RecursionError',
  'ReferenceError',
  'ResourceWarning',
  'RuntimeError',
  'RuntimeWarning',
  'StopAsyncIteration',
  'StopIteration',
  'SyntaxError',
  'SyntaxWarning',
  'SystemError',
  'SystemExit',
  'TabError',
  'TimeoutError',
  'TypeError',
  'UnboundLocalError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'UnicodeError',
  'UnicodeTranslateError',
  'UnicodeWarning',
  'UserWarning',
  'ValueError',
  'Warning',
  'ZeroDivisionError',
  'abs',
  'aiter',
  'all',
  'anext',
  'any',
  'ascii',
  'bin',
  'bool',
  'breakpoint',
  'bytearray',
  'bytes',
  'callable',
  'chr',
  'classmethod',
  'compile',
  'complex',
  'delattr',
  'dict',
  'dir',
  'divmod',
  'enumerate',
  'eval',
  'exec',
  'exit',
  'filter',
  'float',
  'format',
  'frozenset',
  'getattr',
  'globals',
  'hasattr',
  'hash',
  'help',
  'hex',
  'id',
  'input',
  'int',
  'isinstance',
  'issubclass',
  'iter',
  'len',
  'list',
  'locals',
  'map',
  'max',
  'memoryview',
  'min',
  'next',
  'object',
  'oct',
  'open',
  'ord',
  'pow',
  'print',
  'property',
  'quit',
  'range',
  'repr',
  'reversed',
  'round',
  'set',
  'setattr',
  'slice',
  'sorted',
  'staticmethod',
  'str',
  'sum',
  'super',
  'tuple',
  'type',
  'vars',
  'zip',
];

const KEYWORDS: ReadonlySet<string> = new Set(PYTHON_KEYWORDS);

export type TokenKind = 'comment' | 'string' | 'number' | 'name' | 'attribute';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** For a string or comment: whether it ended before the end of the text scanned (a comment ends at its line). */
  readonly closed: boolean;
}

const IDENTIFIER = String.raw`[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*`;
// One alternative per token kind, tried in this order at each position; what none matches (operators, spaces)
// is skipped. A string's prefix (r, b, f, rb...) is taken with it, so it is not read as a name. A string without
// its closing quote runs to the end of its line (the end of the text for a triple-quoted one), as Python reads it.
const TOKEN = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    String.raw`(?<string>[rRbBuUfF]{0,2}(?:"""(?:\\[\s\S]|(?!""")[^\\])*(?:"""|$)|'''(?:\\[\s\S]|(?!''')[^\\])*(?:'''|$)|"(?:\\[\s\S]|[^\\\n"])*"?|'(?:\\[\s\S]|[^\\\n'])*'?))`,
    String.raw`(?<number>(?:\d|\.\d)[\p{L}\p{N}_]*(?:\.[\p{N}_]*(?:[eE][+-]?[\p{N}_]*)?[jJ]?)?)`,
    String.raw`(?<dot>\.[ \t]*)?(?<name>${IDENTIFIER})`,
  ].join('|'),
  'gu',
);

/** The tokens of `text` that matter to completion, in order. */
export function* pythonTokens(text: string): Generator<Token> {
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    const groups = match.groups ?? {};
    if (groups.comment !== undefined) {
      yield { kind: 'comment', start, end, closed: end < text.length };
    } else if (groups.string !== undefined) {
      yield { kind: 'string', start, end, closed: stringClosed(groups.string) };
    } else if (groups.number !== undefined) {
      yield { kind: 'number', start, end, closed: true };
    } else if (groups.name !== undefined) {
      const nameStart = end - groups.name.length;
      yield { kind: groups.dot === undefined ? 'name' : 'attribute', start: nameStart, end, closed: true };
    }
  }
}

/** Whether a string token (prefix and quotes included) has its closing quote. */
function stringClosed(token: string): boolean {
  const body = token.replace(/^[rRbBuUfF]*/u, '');
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  if (body.length < quote.length * 2 || !body.endsWith(quote)) return false;
  // The last quote must not be escaped: count the backslashes before it.
  const beforeQuote = body.slice(quote.length, body.length - quote.length);
  const backslashes = /\\*$/u.exec(beforeQuote)?.[0].length ?? 0;
  return backslashes % 2 === 0;
}

export interface DocumentWords {
  /** Names used in code (variables, functions, classes, modules), keywords left out. */
  readonly names: ReadonlySet<string>;
  /** Names used after a dot (`obj.attr`). */
  readonly attributes: ReadonlySet<string>;
}

/**
 * The names and attributes `text` uses in its code, leaving out the characters from `skip.start` to `skip.end`
 * (the word being typed, which is not a suggestion for itself).
 */
export function documentWords(text: string, skip?: { readonly start: number; readonly end: number }): DocumentWords {
  const scanned = skip ? `${text.slice(0, skip.start)} ${text.slice(skip.end)}` : text;
  const names = new Set<string>();
  const attributes = new Set<string>();
  for (const token of pythonTokens(scanned)) {
    if (token.kind !== 'name' && token.kind !== 'attribute') continue;
    const word = scanned.slice(token.start, token.end);
    if (KEYWORDS.has(word)) continue;
    (token.kind === 'name' ? names : attributes).add(word);
  }
  return { names, attributes };
}

export type PositionContext = 'code' | 'comment' | 'string';

/** Whether the position `offset` of `text` is in code, in a comment or in a string. */
export function contextAt(text: string, offset: number): PositionContext {
  let last: Token | null = null;
  for (const token of pythonTokens(text.slice(0, offset))) last = token;
  if (last && last.end === offset && !last.closed && (last.kind === 'comment' || last.kind === 'string')) {
    return last.kind;
  }
  return 'code';
}

/**
 * Whether the line before the cursor ends in `something.` (and what is typed after the dot): an attribute is
 * wanted. The dot must follow a name, a closing bracket or a string; a number's decimal point (`3.`), `...` and
 * `from . import` are not attribute access.
 */
export function attributeWanted(linePrefix: string): boolean {
  const match = new RegExp(String.raw`\.(?:${IDENTIFIER})?$`, 'u').exec(linePrefix);
  if (!match) return false;
  const before = linePrefix.slice(0, match.index);
  if (!/[\p{L}\p{N}_)\]}"']$/u.test(before)) return false;
  return !/(?:^|[^\p{L}\p{N}_])\p{N}[\p{N}_]*$/u.test(before);
}
