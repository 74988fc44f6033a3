// Slack's side of a burst, in its own process as Slack is: reads {url, secret, bodies} on stdin,
// sends every body at once as a signed Slack request over node:http, and prints each
// response's status, milliseconds and the time it arrived (Date.now()) as JSON.
import { createHmac } from 'node:crypto';
import http from 'node:http';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, secret, bodies } = JSON.parse(input);

function send(body) {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: Math.round(performance.now() - started), at: Date.now() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

process.stdout.write(JSON.stringify(await Promise.all(bodies.map(send))));
