/**
 * JSON parsing that says where the text is wrong. The runtime's JSON.parse message
 * gives at most a character offset, and its wording differs between Node versions;
 * people fixing a file need a line and a column, so on failure a small strict
 * scanner finds the first offending character.
 */

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; reason: string };

interface SyntaxProblem {
  offset: number;
  reason: string;
}

const whitespace = new Set([' ', '\t', '\n', '\r']);

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the text ends too early';
  const ch = text[offset] ?? '';
  return `unexpected ${JSON.stringify(ch)}`;
}

/** Finds the first syntax error of text that JSON.parse rejected; iterative, so deep nesting is safe. */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  let pos = 0;
  const stack: ('{' | '[')[] = [];
  const skip = (): void => {
    while (pos < text.length && whitespace.has(text[pos] ?? '')) pos++;
  };
  const fail = (reason?: string): SyntaxProblem => ({ offset: pos, reason: reason ?? describe(text, pos) });

  const scanString = (): SyntaxProblem | null => {
    pos++; // opening quote
    while (pos < text.length) {
      const ch = text[pos] ?? '';
      if (ch === '"') {
        pos++;
        return null;
      }
      if (ch === '\\') {
        const next = text[pos + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') pos += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else return fail('invalid escape sequence in a string');
      } else if (ch.charCodeAt(0) < 0x20) {
        return fail('a control character (such as a line break) inside a string');
      } else {
        pos++;
      }
    }
    return fail('a string is not closed');
  };

  const scanNumber = (): SyntaxProblem | null => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (match === null || match[0] === '-') return fail('invalid number');
    pos += match[0].length;
    return null;
  };

  const scanKey = (): SyntaxProblem | null => {
    skip();
    if (text[pos] !== '"') return fail(pos >= text.length ? undefined : `expected a property name in double quotes, found ${JSON.stringify(text[pos])}`);
    const problem = scanString();
    if (problem !== null) return problem;
    skip();
    if (text[pos] !== ':') return fail(pos >= text.length ? undefined : `expected ":" after the property name, found ${JSON.stringify(text[pos])}`);
    pos++;
    return null;
  };

  for (;;) {
    // Expect a value.
    skip();
    const ch = text[pos];
    if (ch === undefined) return fail();
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      pos++;
      skip();
      const close = ch === '{' ? '}' : ']';
      if (text[pos] === close) {
        stack.pop();
        pos++;
      } else {
        if (ch === '{') {
          const problem = scanKey();
          if (problem !== null) return problem;
        }
        continue;
      }
    } else if (ch === '"') {
      const problem = scanString();
      if (problem !== null) return problem;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      const problem = scanNumber();
      if (problem !== null) return problem;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, pos));
      if (literal === undefined) return fail();
      pos += literal.length;
    }

    // After a value: close containers or move to the next element.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return pos < text.length ? fail(`unexpected text after the end of the JSON value (${describe(text, pos)})`) : null;
      }
      const next = text[pos];
      const close = top === '{' ? '}' : ']';
      if (next === close) {
        stack.pop();
        pos++;
        continue;
      }
      if (next === ',') {
        pos++;
        if (top === '{') {
          const problem = scanKey();
          if (problem !== null) return problem;
        }
        break;
      }
      return fail(next === undefined ? undefined : `expected "," or "${close}", found ${JSON.stringify(next)}`);
    }
  }
}

/** 1-based line and column of an offset; a column counts characters. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found !== null) return { ok: false, ...lineAndColumn(text, found.offset), reason: found.reason };
    // The scanner accepts something JSON.parse refused: fall back to the runtime's offset.
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const offset = at?.[1] !== undefined ? Number(at[1]) : text.length;
    return { ok: false, ...lineAndColumn(text, offset), reason: message.replace(/ in JSON at position \d+.*$/, '') };
  }
}
