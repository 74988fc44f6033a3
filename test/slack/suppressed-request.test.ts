/** Which questions ask Penny in Slack for what feedback has silenced, and which are cost questions. */
import { describe, expect, it } from 'vitest';
import { isSuppressedRequest } from '../../src/slack/suppressed/request.ts';

describe('isSuppressedRequest', () => {
  it.each([
    'suppressed',
    'Suppressed alerts',
    'show suppressed anomalies',
    'list the silenced findings',
    'show me all muted alerts',
    'what did feedback silence?',
    'What has our feedback suppressed',
    'what alerts were suppressed?',
    'what anomalies have been silenced',
  ])('"%s" asks for them', (text) => {
    expect(isSuppressedRequest(text)).toBe(true);
  });

  it.each([
    'what did search spend last week?',
    'suppressed spend of team search',
    'propose a fix for the idle GPU',
    'show spend by team',
    'why was the alert suppressed on EC2 spend last month by team',
  ])('"%s" does not', (text) => {
    expect(isSuppressedRequest(text)).toBe(false);
  });
});
