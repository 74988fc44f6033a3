/**
 * The modal behind the feedback buttons of an alert ("Not an anomaly", "Expected", "Planned"):
 * it asks why, since feedback silences the same pattern on later runs and whoever reviews what
 * feedback silenced (`penny scan anomaly --suppressed`) needs the reason. The clicked finding,
 * the feedback and the alert message to redraw travel in the view's private_metadata.
 */
import { z } from 'zod';
import { FEEDBACK, type Feedback } from '../../findings/finding.ts';
import { escapeText, section } from '../blocks.ts';

export const FEEDBACK_VIEW = 'penny_feedback_reason';
export const REASON_MAX = 2000;

const LABELS: Record<Feedback, string> = { not_an_anomaly: 'Not an anomaly', expected: 'Expected', planned: 'Planned' };

export const FeedbackMetadata = z.object({
  fingerprint: z.string().min(1),
  feedback: z.enum(FEEDBACK),
  channel: z.string().optional(),
  ts: z.string().optional(),
});
export type FeedbackMetadata = z.infer<typeof FeedbackMetadata>;

export function feedbackModal(m: FeedbackMetadata, title: string) {
  return {
    type: 'modal' as const,
    callback_id: FEEDBACK_VIEW,
    private_metadata: JSON.stringify(m),
    title: { type: 'plain_text' as const, text: LABELS[m.feedback] },
    submit: { type: 'plain_text' as const, text: 'Save' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      section(`*${escapeText(title)}*\nSimilar changes in this scope will not be alerted again.`.slice(0, 2900)),
      {
        type: 'input' as const,
        block_id: 'reason',
        label: { type: 'plain_text' as const, text: 'Why? (kept with the feedback)' },
        element: { type: 'plain_text_input' as const, action_id: 'reason', multiline: true, min_length: 3, max_length: REASON_MAX },
      },
    ],
  };
}
