/**
 * Prepares pasted text for the console: line breaks become `\n`, and a pasted console transcript (lines that
 * start with `>>> ` and `... `, mixed with the output they printed) keeps only its code, so copying an example
 * from documentation or from another console runs as-is.
 */
const PROMPT = /^(?:>>>|\.\.\.)(?: |$)/u;

export function cleanPaste(text: string): string {
  const normalized = text.replace(/\r\n?/gu, '\n');
  const lines = normalized.split('\n');
  const firstCode = lines.find((line) => line.trim() !== '');
  if (firstCode === undefined || !/^>>>(?: |$)/u.test(firstCode.trimStart())) return normalized;
  const code: string[] = [];
  let endsInOutput = false;
  for (const raw of lines) {
    const line = raw.trimStart();
    if (PROMPT.test(line)) {
      code.push(line.slice(4));
      endsInOutput = false;
    } else if (line !== '') {
      endsInOutput = true; // the output of the line above: dropped
    }
  }
  const trailingNewline = normalized.endsWith('\n') || endsInOutput;
  // A `>>>` line after a block starts a new statement: CPython's transcript shows the `...` that ended it.
  return code.join('\n').replace(/\n+$/u, '') + (trailingNewline ? '\n' : '');
}
