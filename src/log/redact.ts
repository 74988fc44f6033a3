/**
 * Secrets out of text that leaves the process, a log line or a message to a person: an error from
 * a model endpoint may echo the API key it was sent, or a base URL with credentials in it. The
 * known secret values are replaced wherever they appear, and so is anything shaped like a key, a
 * bearer token or URL credentials, since a proxy may echo a key Penny was not told is one.
 */

const CENSOR = '[redacted]';
/** OpenAI/Anthropic-style keys (sk-…), Slack tokens (xoxb-…, xapp-…), GitHub tokens (ghp_…, github_pat_…). */
const KEY_SHAPED = /\b(?:sk|rk|pk|xox[abpre]|xapp|gh[opsur]|github_pat)[-_][A-Za-z0-9_-]{6,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+(?::[^\s/@]*)?@/gi;
/** Shorter "secrets" (an unset key read as "", a test's "x") would censor ordinary words. */
const MIN_SECRET = 6;

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  const known = secrets.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const out = known.reduce((t, s) => t.replaceAll(s, CENSOR), text);
  return out.replace(URL_CREDENTIALS, `$1${CENSOR}@`).replace(BEARER, `$1 ${CENSOR}`).replace(KEY_SHAPED, CENSOR);
}
