/**
 * Monaco, trimmed: the editor API, Python's basic language (syntax colouring, brackets, indentation rules) and the
 * editing features people expect, instead of the full `monaco-editor` bundle with its 80 languages. Python needs
 * only the base editor worker (there is no Python language worker). Loaded lazily, when the editor is first shown.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/suggest/register';
// The suggestion list itself (Ctrl+Space, suggestions while typing): features/suggest/register brings only the
// inline-completion adapter, so without this import no list ever showed.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
// Ctrl+M (Ctrl+Shift+M on macOS): Tab moves the focus instead of indenting, so keyboard users can leave the editor.
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';

globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
};

export { monaco };
