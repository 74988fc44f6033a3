/**
 * A channel that records what Penny tells people: it implements the notifier interface (what the
 * Slack app implements), not a Penny module. `sendDelayMs` holds each card send, so two processes
 * sending at once overlap.
 */
import type { Notifier } from '../../src/remediation/notifier.ts';
import type { Proposal } from '../../src/remediation/store.ts';

export class RecordingNotifier implements Notifier {
  cards: Array<{ id: string; to: readonly string[] }> = [];
  updates: Array<{ id: string; status: string }> = [];
  thread: Array<{ id: string; text: string }> = [];
  constructor(private readonly sendDelayMs = 0) {}
  async sendCard(p: Proposal, to: readonly string[]) {
    if (this.sendDelayMs) await new Promise((r) => setTimeout(r, this.sendDelayMs));
    this.cards.push({ id: p.id, to });
    return { channel: 'CAPPROVALS', ts: `1700000000.${String(this.cards.length).padStart(6, '0')}` };
  }
  async updateCard(p: Proposal) {
    this.updates.push({ id: p.id, status: p.status });
  }
  async postInThread(p: Proposal, text: string) {
    this.thread.push({ id: p.id, text });
  }
}
