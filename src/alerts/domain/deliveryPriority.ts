import { severityOf } from './alertSummary';
import type { DeliveryPayload } from './deliveryPayload';

/**
 * Which delivery goes first when several are due (lower first): an urgent alarm from the acute reply and
 * report alerts about violence, then other
 * report alerts, their escalations and the notices that one of them could not be delivered (the way
 * someone else hears in time), then meeting-risk alerts and notices to reporters about their case, then questions, answers and other notices.
 */
export function priorityOf(payload: DeliveryPayload): number {
  switch (payload.kind) {
    case 'urgent':
      return 0;
    case 'report':
      return severityOf(payload.event.kinds) === 'high' ? 0 : 1;
    case 'unreachable':
      return payload.notice.about === 'report' ? 1 : 3;
    case 'meetingRisk':
    case 'reporterNotice':
      return 2;
    case 'question':
    case 'answer':
      return 3;
  }
}

/** Urgent deliveries may use the sending slots kept free of ordinary traffic. */
export const isUrgent = (priority: number): boolean => priority <= 1;
