/**
 * What a channel (Slack today; email or Teams later) does for notifications: find where a
 * recipient's messages go, post a rendered message there, follow it up (charts in its thread), and
 * say whether a message of a claim was posted after all when the post's answer was lost. The
 * notification logic (who is told, when, once) is written against this and never imports a channel.
 */
import type { Message } from './message.ts';

/** Where a message landed: the channel's address and the message's reference in it. */
export interface Posted {
  address: string;
  ref: string;
}

export interface Deliverer {
  /** Where `recipient`'s messages go: a channel as is, a person's direct messages. */
  address(recipient: string): Promise<string>;
  /** Posts `message` at `address`; `claim` marks the post so findPosted can find it. */
  post(address: string, message: Message, claim?: string): Promise<Posted>;
  /** Follow-ups in the posted message's thread (charts); the number posted. */
  followUp(posted: Posted, message: Message): Promise<number>;
  /** The ref of claim `claim`'s message at `address` since `since`; null when absent or unknowable. */
  findPosted(address: string, claim: string, since: Date): Promise<string | null>;
  /** True when a failed post may have been taken all the same (no answer came). */
  outcomeUnknown(err: unknown): boolean;
  /** The channel's reason for a failed post, for a run's error. */
  reason(err: unknown): string;
}

/** The deliverer of the channel that is connected, opened for one run; null when none is. */
export type Connect = () => Promise<Deliverer | null>;
