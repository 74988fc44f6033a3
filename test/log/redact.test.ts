import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/log/redact.ts';

describe('redactSecrets', () => {
  it('replaces the known secrets wherever they appear, the longest first', () => {
    expect(redactSecrets('key abc123def456 then abc123def456-more', ['abc123def456', 'abc123def456-more'])).toBe('key [redacted] then [redacted]');
  });

  it('replaces key-shaped strings, bearer tokens and URL credentials it was not told about', () => {
    expect(redactSecrets('401 Incorrect API key provided: sk-proj-AbC_123-xyz789.')).toBe('401 Incorrect API key provided: [redacted].');
    expect(redactSecrets('slack xoxb-1234-5678-abcdef and github ghp_abcdefghij1234')).toBe('slack [redacted] and github [redacted]');
    expect(redactSecrets('sent Authorization: Bearer eyJhbGciOi.payload.sig')).toBe('sent Authorization: Bearer [redacted]');
    expect(redactSecrets('connect ECONNREFUSED https://user:hunter2@llm.internal:8443/v1')).toBe('connect ECONNREFUSED https://[redacted]@llm.internal:8443/v1');
  });

  it('leaves ordinary text alone, and ignores short or missing "secrets"', () => {
    const text = 'Request timed out after 60000 ms: task-runner skipped';
    expect(redactSecrets(text, [undefined, '', 'x', 'time'])).toBe(text);
  });
});
