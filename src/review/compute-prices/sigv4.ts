/**
 * AWS Signature Version 4 for one JSON POST, enough for the Price List Query API without the AWS
 * SDK: the canonical request, the string to sign and the derived key, as AWS documents them.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/** Headers to send with `body` to `url`, signed for `service` in `region` at `now`. */
export function signedHeaders(o: { url: URL; body: string; headers: Record<string, string>; service: string; region: string; credentials: AwsCredentials; now: Date }): Record<string, string> {
  const amzDate = o.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...o.headers, host: o.url.host, 'x-amz-date': amzDate, ...(o.credentials.sessionToken ? { 'x-amz-security-token': o.credentials.sessionToken } : {}) };
  const names = Object.keys(headers)
    .map((k) => k.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const canonical = ['POST', o.url.pathname || '/', '', ...names.map((n) => `${n}:${lower[n]}`), '', names.join(';'), sha256(o.body)].join('\n');
  const scope = `${day}/${o.region}/${o.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${o.credentials.secretAccessKey}`, day), o.region), o.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${o.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}
