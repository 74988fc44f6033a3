/**
 * Asking Penny in Slack what feedback has silenced: "suppressed", "show suppressed alerts", "what
 * did feedback silence?", "silenced anomalies". Matched by words, never by a model, so the list is
 * read from the store exactly as `penny scan anomaly --suppressed` reads it.
 */

const REQUEST = [
  /^(?:please\s+)?(?:show|list|see)?\s*(?:me\s+)?(?:the\s+|all\s+)?(?:suppressed|silenced|muted)(?:\s+(?:alerts?|anomal(?:y|ies)|findings?))?$/i,
  /^what\s+(?:did|has|have)\s+(?:the\s+|our\s+|my\s+)?feedback\s+(?:silenced?|suppress(?:ed)?|hidden|hide|muted?)$/i,
  /^what\s+(?:alerts?|anomal(?:y|ies)|findings?)\s+(?:are|were|got|have\s+been)\s+(?:suppressed|silenced|muted)$/i,
];

/** Whether a question asks for the anomalies feedback has suppressed. */
export function isSuppressedRequest(text: string): boolean {
  const t = text
    .trim()
    .replace(/[?.!]+$/, '')
    .replace(/\s+/g, ' ');
  return REQUEST.some((re) => re.test(t));
}
