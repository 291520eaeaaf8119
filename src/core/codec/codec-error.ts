/** Why text could not be decoded into bytes, located the way an editor shows positions. */
export interface CodecError {
  message: string;
  /** UTF-16 index into the text. */
  offset: number;
  /** 1-based; `\n`, `\r\n` and `\r` each end a line. */
  line: number;
  /** 1-based, in UTF-16 units like editor columns. */
  column: number;
}

/** Line and column of `offset`; only computed once an error is found, so parsing stays a single pass. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a || (unit === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A CodecError at `offset`; `describe` builds the message from the "line L, column C" phrase. */
export function codecError(text: string, offset: number, describe: (where: string) => string): CodecError {
  const { line, column } = lineAndColumn(text, offset);
  return { message: describe(`line ${line}, column ${column}`), offset, line, column };
}
