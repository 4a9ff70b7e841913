/**
 * What the console says after SystemExit (exit(), quit(), sys.exit(...), raise SystemExit) ended the session and a
 * fresh Python started. `message` is the exception's message: empty without a code, the number or the text given.
 * The page cannot tell which call raised it, so the notice names the exception, not a call.
 */
const LONGEST_SHOWN = 40;

export function exitNotice(message: string): string {
  const fresh = 'started a fresh Python (variables are lost).';
  if (message === '' || message === 'None') return `The session ended (SystemExit); ${fresh}`;
  if (/^-?\d+$/u.test(message)) return `The session ended (SystemExit, exit status ${message}); ${fresh}`;
  // A text code: CPython prints it (it is above) and exits with status 1.
  const line = message.split('\n', 1)[0] ?? '';
  const shown = line.length > LONGEST_SHOWN || line !== message ? `${line.slice(0, LONGEST_SHOWN - 1)}…` : line;
  return `The session ended (SystemExit(${pythonString(shown)}), exit status 1); ${fresh}`;
}

/** As Python's repr() writes a str: single quotes, unless the text has some and no double ones. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
}
