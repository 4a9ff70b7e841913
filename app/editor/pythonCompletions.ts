/**
 * The editor's suggestions for Python (Ctrl+Space, and as the user types): names and attributes the document uses,
 * Python's keywords and builtins, and what the running Python knows (the console's Tab completion: names the last
 * run defined, modules after `import` and `from`, attributes after `obj.`, names of an imported module after
 * `from module import`). Monaco's own word-based suggestions are turned off for the editor: they would offer words of
 * comments and strings, and a provider for the language outranks them.
 */
import type { CancellationToken, editor, languages, Position } from 'monaco-editor/editor/editor.api';
import type { IDisposable } from '../lifecycle/Disposable';
import type { monaco as MonacoApi } from './monaco';
import { PYTHON_BUILTINS, PYTHON_KEYWORDS, attributeWanted, contextAt, documentWords } from './pythonWords';
import {
  moduleNamesWanted,
  modulesWanted,
  runtimeMatches,
  type RuntimeCompleter,
  type RuntimeMatch,
  type RuntimeMatchKind,
} from './runtimeMatches';

type Monaco = typeof MonacoApi;
type Kinds = Monaco['languages']['CompletionItemKind'];

/** Sorted before one another when they match equally well: the program's own names first. */
const ORDER = { own: '0', builtin: '1', keyword: '2' } as const;
/** How long the list waits for the running Python: past this it shows without its names. */
export const RUNTIME_WAIT_MS = 500;

const KEYWORDS: ReadonlySet<string> = new Set(PYTHON_KEYWORDS);
/** The builtins, and those the list leaves out but the running Python offers (sorted with the builtins). */
const BUILTINS: ReadonlySet<string> = new Set([...PYTHON_BUILTINS, 'copyright', 'credits', 'license']);

/**
 * Registers the suggestions for `model` (one editor's); dispose() takes them away. `complete` asks the running
 * Python (absent: the suggestions come from the text alone).
 */
export function registerPythonCompletions(
  monaco: Monaco,
  model: editor.ITextModel,
  complete?: RuntimeCompleter,
): IDisposable {
  const { CompletionItemKind: Kind, CompletionTriggerKind } = monaco.languages;
  const provider: languages.CompletionItemProvider = {
    triggerCharacters: ['.'],
    async provideCompletionItems(
      target: editor.ITextModel,
      position: Position,
      context: languages.CompletionContext,
      token: CancellationToken,
    ): Promise<languages.CompletionList | undefined> {
      if (target !== model) return undefined;
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const inCode = contextAt(text, offset) === 'code';
      // A dot typed in a sentence ("Hello." in a string or comment) is no attribute access; Ctrl+Space still works.
      if (context.triggerKind === CompletionTriggerKind.TriggerCharacter && !inCode) return undefined;
      const word = model.getWordUntilPosition(position);
      const wordEnd = model.getWordAtPosition(position)?.endColumn ?? position.column;
      const range = {
        insert: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, position.column),
        replace: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, wordEnd),
      };
      const linePrefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const wordStart = word.startColumn - 1;
      // Asked first, so that Python works while the text is scanned.
      const asked = complete && inCode ? askRuntime(complete, linePrefix, token) : Promise.resolve(null);
      const words = documentWords(text, { start: offset - (position.column - 1 - wordStart), end: offset });

      const suggestions: languages.CompletionItem[] = [];
      const seen = new Set<string>();
      const add = (label: string, kind: languages.CompletionItemKind, order: string): void => {
        if (seen.has(label)) return;
        seen.add(label);
        suggestions.push({ label, kind, insertText: label, range, sortText: `${order}${label}` });
      };
      const attribute = attributeWanted(linePrefix);
      const running = await asked;
      if (token.isCancellationRequested) return undefined;
      const known = runtimeMatches(linePrefix, wordStart, running ?? { matches: [], start: 0 }, KEYWORDS);
      for (const match of known) add(match.word, runtimeKind(Kind, match, attribute), orderOf(match));
      if (modulesWanted(linePrefix)) return { suggestions };
      // `from module import`: the names Python lists are the module's; the text's words are the best guess only
      // when it lists none (a module not imported yet).
      if (moduleNamesWanted(linePrefix) && known.length > 0) return { suggestions };
      if (attribute) {
        // Python knows the object: its attributes, not those the text uses on other objects. Otherwise (`self.`
        // in a method, an object not made yet) the text's attributes are the best guess.
        if (known.length === 0) for (const name of words.attributes) add(name, Kind.Field, ORDER.own);
      } else {
        for (const name of words.names) add(name, Kind.Variable, ORDER.own);
        for (const name of words.attributes) add(name, Kind.Field, ORDER.own);
        for (const name of PYTHON_BUILTINS) add(name, builtinKind(Kind, name), ORDER.builtin);
        for (const name of PYTHON_KEYWORDS) add(name, Kind.Keyword, ORDER.keyword);
      }
      return { suggestions };
    },
  };
  return monaco.languages.registerCompletionItemProvider('python', provider);
}

/**
 * The running Python's completions for the line up to the cursor, or null: when Monaco cancels the request (the
 * user typed on), after RUNTIME_WAIT_MS, or when Python is busy. Giving up only drops the answer; it does not
 * interrupt Python.
 */
async function askRuntime(
  complete: RuntimeCompleter,
  linePrefix: string,
  token: CancellationToken,
): ReturnType<RuntimeCompleter> {
  const controller = new AbortController();
  const cancelled = token.onCancellationRequested(() => controller.abort());
  const timer = setTimeout(() => controller.abort(), RUNTIME_WAIT_MS);
  const gaveUp = new Promise<null>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve(null), { once: true }),
  );
  try {
    return await Promise.race([complete(linePrefix, linePrefix.length, controller.signal).catch(() => null), gaveUp]);
  } finally {
    clearTimeout(timer);
    cancelled.dispose();
    controller.abort(); // settles gaveUp
  }
}

function orderOf(match: RuntimeMatch): string {
  if (match.kind === 'keyword') return ORDER.keyword;
  return BUILTINS.has(match.word) ? ORDER.builtin : ORDER.own;
}

function runtimeKind(kind: Kinds, match: RuntimeMatch, attribute: boolean): languages.CompletionItemKind {
  const kinds: Record<RuntimeMatchKind, languages.CompletionItemKind> = {
    callable: attribute ? kind.Method : /^[A-Z]/u.test(match.word) ? kind.Class : kind.Function,
    keyword: kind.Keyword,
    module: kind.Module,
    name: attribute ? kind.Field : kind.Variable,
  };
  return kinds[match.kind];
}

function builtinKind(kind: Kinds, name: string): languages.CompletionItemKind {
  if (name === 'Ellipsis' || name === 'NotImplemented') return kind.Constant;
  return /^[A-Z]/u.test(name) ? kind.Class : kind.Function;
}
