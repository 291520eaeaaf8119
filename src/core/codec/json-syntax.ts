import { characterAt, describeCharacter } from './describe-character';

/** Where a text stops being JSON (RFC 8259, as `JSON.parse` reads it) and why. */
export interface JsonProblem {
  /** UTF-16 index of the first character that cannot be part of the JSON text. */
  offset: number;
  /** What was expected and what was found, without the position: the caller knows how to show it. */
  message: string;
}

type Container = 'object' | 'array';
/** What the scanner reads next; 'done' once a whole value ends the text. */
type Step = 'value' | 'member' | 'after-value' | 'done';

/**
 * The first syntax error in `text` as JSON, or null when `JSON.parse` accepts it. Valid text costs one native
 * parse; only invalid text is scanned, by a loop over an explicit stack, so deep nesting cannot overflow.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch {
    return new JsonScanner(text).firstProblem();
  }
}

class JsonScanner {
  private i = 0;
  private readonly stack: Container[] = [];

  constructor(private readonly text: string) {}

  firstProblem(): JsonProblem | null {
    let step: Step | JsonProblem = 'value';
    while (typeof step === 'string') {
      this.skipWhitespace();
      if (step === 'done') return null;
      step = step === 'value' ? this.value() : step === 'member' ? this.member() : this.afterValue();
    }
    return step;
  }

  /** A value; an object or array is only opened here and its contents are further steps. */
  private value(): Step | JsonProblem {
    const unit = this.text.charCodeAt(this.i);
    if (unit === 0x7b || unit === 0x5b) {
      this.i++;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.i) === (unit === 0x7b ? 0x7d : 0x5d)) {
        this.i++;
        return 'after-value';
      }
      this.stack.push(unit === 0x7b ? 'object' : 'array');
      return unit === 0x7b ? 'member' : 'value';
    }
    if (unit === 0x22) return this.string() ?? 'after-value';
    if (unit === 0x2d || isDigit(unit)) return this.number() ?? 'after-value';
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return 'after-value';
      }
    }
    return this.unexpected('a value');
  }

  /** `"name":` inside an object; its value is the next step. */
  private member(): Step | JsonProblem {
    if (this.text.charCodeAt(this.i) !== 0x22) return this.unexpected('a property name in double quotes');
    const name = this.string();
    if (name) return name;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== 0x3a) return this.unexpected('":"');
    this.i++;
    return 'value';
  }

  /** After a value: a comma, the end of its container, or the end of the text. */
  private afterValue(): Step | JsonProblem {
    const container = this.stack[this.stack.length - 1];
    if (container === undefined) {
      return this.i < this.text.length ? this.unexpected('the end of the text after the JSON value') : 'done';
    }
    const unit = this.text.charCodeAt(this.i);
    if (unit === (container === 'object' ? 0x7d : 0x5d)) {
      this.i++;
      this.stack.pop();
      return 'after-value';
    }
    if (unit !== 0x2c) return this.unexpected(container === 'object' ? '"," or "}"' : '"," or "]"');
    this.i++;
    return container === 'object' ? 'member' : 'value';
  }

  private string(): JsonProblem | null {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length) {
      const unit = this.text.charCodeAt(this.i);
      if (unit === 0x22) {
        this.i++;
        return null;
      }
      if (unit < 0x20)
        return this.problem(
          `${describeCharacter(characterAt(this.text, this.i))} inside a string: escape it`,
        );
      if (unit === 0x5c) {
        if (this.i + 1 >= this.text.length) break;
        const escaped = this.text[this.i + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)))
            return this.problem('"\\u" must be followed by four hex digits');
          this.i += 6;
          continue;
        }
        this.i++;
        if (!'"\\/bfnrt'.includes(escaped)) return this.unexpected('one of " \\ / b f n r t u after "\\"');
        this.i++;
        continue;
      }
      this.i++;
    }
    this.i = start;
    return this.problem('This string is never closed: a closing " is missing');
  }

  private number(): JsonProblem | null {
    if (this.text.charCodeAt(this.i) === 0x2d) this.i++;
    if (this.text.charCodeAt(this.i) === 0x30) {
      this.i++;
      if (isDigit(this.text.charCodeAt(this.i))) return this.problem('A number cannot start with 0');
    } else if (!this.digits()) {
      return this.unexpected('a digit');
    }
    if (this.text.charCodeAt(this.i) === 0x2e) {
      this.i++;
      if (!this.digits()) return this.unexpected('a digit after "."');
    }
    const exponent = this.text.charCodeAt(this.i);
    if (exponent === 0x65 || exponent === 0x45) {
      this.i++;
      const sign = this.text.charCodeAt(this.i);
      if (sign === 0x2b || sign === 0x2d) this.i++;
      if (!this.digits()) return this.unexpected('a digit in the exponent');
    }
    return null;
  }

  private digits(): boolean {
    const start = this.i;
    while (isDigit(this.text.charCodeAt(this.i))) this.i++;
    return this.i > start;
  }

  private skipWhitespace(): void {
    for (;;) {
      const unit = this.text.charCodeAt(this.i);
      if (unit !== 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return;
      this.i++;
    }
  }

  private unexpected(expected: string): JsonProblem {
    const found =
      this.i < this.text.length ? describeCharacter(characterAt(this.text, this.i)) : 'the end of the text';
    return this.problem(`Expected ${expected}, found ${found}`);
  }

  private problem(message: string): JsonProblem {
    return { offset: this.i, message };
  }
}

function isDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}
