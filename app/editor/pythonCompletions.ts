/**
 * The editor's suggestions for Python (Ctrl+Space, and as the user types): names and attributes the document uses,
 * Python's keywords and builtins. Monaco's own word-based suggestions are turned off for the editor: they would
 * offer words of comments and strings, and a provider for the language outranks them anyway.
 */
import type { editor, languages, Position } from 'monaco-editor/editor/editor.api';
import type { IDisposable } from '../lifecycle/Disposable';
import type { monaco as MonacoApi } from './monaco';
import { PYTHON_BUILTINS, PYTHON_KEYWORDS, attributeWanted, contextAt, documentWords } from './pythonWords';

type Monaco = typeof MonacoApi;

/** Sorted before one another when they match equally well: the program's own names first. */
const ORDER = { document: '0', builtin: '1', keyword: '2' } as const;

/** Registers the suggestions for `model` (one editor's); dispose() takes them away. */
export function registerPythonCompletions(monaco: Monaco, model: editor.ITextModel): IDisposable {
  const { CompletionItemKind: Kind, CompletionTriggerKind } = monaco.languages;
  const provider: languages.CompletionItemProvider = {
    triggerCharacters: ['.'],
    provideCompletionItems(
      target: editor.ITextModel,
      position: Position,
      context: languages.CompletionContext,
    ): languages.CompletionList | undefined {
      if (target !== model) return undefined;
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      // A dot typed in a sentence ("Hello." in a string or comment) is no attribute access; Ctrl+Space still works.
      if (context.triggerKind === CompletionTriggerKind.TriggerCharacter && contextAt(text, offset) !== 'code') {
        return undefined;
      }
      const word = model.getWordUntilPosition(position);
      const wordEnd = model.getWordAtPosition(position)?.endColumn ?? position.column;
      const range = {
        insert: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, position.column),
        replace: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, wordEnd),
      };
      const typed = { start: offset - (position.column - word.startColumn), end: offset };
      const words = documentWords(text, typed);
      const linePrefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const suggestions: languages.CompletionItem[] = [];
      const seen = new Set<string>();
      const add = (label: string, kind: languages.CompletionItemKind, order: string): void => {
        if (seen.has(label)) return;
        seen.add(label);
        suggestions.push({ label, kind, insertText: label, range, sortText: `${order}${label}` });
      };
      if (attributeWanted(linePrefix)) {
        for (const name of words.attributes) add(name, Kind.Field, ORDER.document);
      } else {
        for (const name of words.names) add(name, Kind.Variable, ORDER.document);
        for (const name of words.attributes) add(name, Kind.Field, ORDER.document);
        for (const name of PYTHON_BUILTINS) add(name, builtinKind(Kind, name), ORDER.builtin);
        for (const name of PYTHON_KEYWORDS) add(name, Kind.Keyword, ORDER.keyword);
      }
      return { suggestions };
    },
  };
  return monaco.languages.registerCompletionItemProvider('python', provider);
}

function builtinKind(kind: Monaco['languages']['CompletionItemKind'], name: string): languages.CompletionItemKind {
  if (name === 'Ellipsis' || name === 'NotImplemented') return kind.Constant;
  return /^[A-Z]/u.test(name) ? kind.Class : kind.Function;
}
