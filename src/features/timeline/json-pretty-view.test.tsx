// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor, SECRET_MASK } from '@/core/template/secret-redaction';
import { JsonPrettyView } from './json-pretty-view';

afterEach(cleanup);

const big = JSON.stringify({
  token: 's3cr3t-value',
  records: Array.from({ length: 20_000 }, (_, id) => ({ id, name: `item ${id}` })),
});
const redactor = createRedactor([{ name: 'token', value: 's3cr3t-value' }]);

async function settle() {
  // No worker here: the formatter falls back to a task on the page.
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}

describe('JsonPrettyView', () => {
  it('puts only the first screenful of a large document in the page, secrets masked', async () => {
    render(<JsonPrettyView text={big} redactor={redactor} reveal={false} fallback={<p>raw</p>} />);
    await settle();
    const content = screen.getByLabelText('Message content');
    const lines = content.querySelectorAll('.json-pretty-line');
    expect(lines[0]?.textContent).toBe('{');
    expect(lines[1]?.textContent).toBe(`  "token": "${SECRET_MASK}",`);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(200);
    expect(content.textContent).not.toContain('s3cr3t-value');
  });

  it('shows the secret when revealed, and marks highlighted ranges', async () => {
    render(
      <JsonPrettyView
        text={big}
        redactor={redactor}
        reveal
        fallback={<p>raw</p>}
        highlight={(line) => {
          const at = line.indexOf('item 3');
          return at < 0 ? [] : [{ start: at, end: at + 6 }];
        }}
      />,
    );
    await settle();
    const content = screen.getByLabelText('Message content');
    expect(content.textContent).toContain('"token": "s3cr3t-value"');
    expect([...content.querySelectorAll('mark')].map((mark) => mark.textContent)).toContain('item 3');
  });

  it('shows the fallback when the text does not parse', async () => {
    render(
      <JsonPrettyView
        text={`{"a": ${'1'.repeat(10)}`}
        redactor={redactor}
        reveal={false}
        fallback={<p>raw text</p>}
      />,
    );
    await settle();
    expect(screen.getByText('raw text')).toBeTruthy();
  });
});
