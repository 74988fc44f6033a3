/**
 * Bolt's HTTP receiver as a route of Penny's own HTTP server (`POST /slack/events`), so Slack,
 * the GitHub webhook, /healthz and /metrics share one port. It does what Bolt's HTTPReceiver does
 * with Bolt's own helpers: a body over Slack's 4 MB refused with 413 (announced or streamed), the
 * signature and timestamp check (401 when wrong or older than 5 minutes), url_verification and
 * ssl_check, then hands the event to the app, answering Slack when a listener calls ack(). Events API retries of an event already taken, by this replica or another, are
 * acknowledged and dropped (the event id is claimed in Postgres), so a slow network never makes
 * Penny answer a question twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as httpFunc, HTTPResponseAck, type App, type Logger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { BodyTooLarge } from '../server/body.ts';
import type { Deliveries } from '../server/deliveries.ts';
import type { Route } from '../server/http.ts';

/** Slack's own limit on request bodies (Bolt's HTTPReceiver default). */
const MAX_BODY = httpFunc.defaultBodyLimit;

export class RouteReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: { signingSecret: string; logger: Logger; deliveries: Deliveries }) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  readonly route: Route = { maxBodyBytes: MAX_BODY, handle: (req, res) => this.handle(req, res) };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    let buffered;
    try {
      // Bolt reads the body with raw-body under this limit: the length is checked as it streams.
      buffered = await httpFunc.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret, logger, bodyLimit: MAX_BODY }, req);
    } catch (err) {
      if (httpFunc.isRawBodyError(err) && err.statusCode === 413) throw new BodyTooLarge(MAX_BODY);
      logger.warn(`Slack request refused: ${(err as Error).message}`);
      return httpFunc.buildNoBodyResponse(res, 401);
    }
    let body;
    try {
      body = httpFunc.parseHTTPRequestBody(buffered);
    } catch (err) {
      logger.warn(`malformed Slack request body: ${(err as Error).message}`);
      return httpFunc.buildNoBodyResponse(res, 400);
    }
    if (body.ssl_check === '1') return httpFunc.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return httpFunc.buildUrlVerificationResponse(res, body);
    if (!this.app) throw new Error('the Slack receiver was not given to an App');
    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    if (eventId !== null && !(await this.options.deliveries.claim('slack', eventId))) return httpFunc.buildNoBodyResponse(res, 200);
    const ack = new HTTPResponseAck({ logger, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: res });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
      retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
    };
    // The listener answers Slack through ack() and carries on after; the request does not wait for it.
    this.app.processEvent(event).catch(async (error: Error) => {
      // Not acknowledged: Slack will retry, and the retry must not be dropped as taken.
      if (eventId !== null && !res.headersSent) await this.options.deliveries.release('slack', eventId).catch(() => undefined);
      const acked = await httpFunc.defaultProcessEventErrorHandler({ error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      if (acked) ack.ack();
    });
  }
}
