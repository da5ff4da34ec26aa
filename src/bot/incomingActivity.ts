import { z } from 'zod';

/**
 * Shape check of a POSTed activity before the SDK sees it: a body that is not a usable activity gets a 400
 * with a short reason instead of an SDK error (and a failed error reply) deep inside the turn.
 */
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const id = z.string().min(1).max(1024).regex(NO_CONTROL_CHARS, 'contains control characters');

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64).regex(NO_CONTROL_CHARS, 'contains control characters'),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id }),
  from: z.looseObject({ id }).optional(),
  recipient: z.looseObject({ id }).optional(),
  text: z.string().max(40_000).optional(),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * Teams only: Web Chat and Direct Line are on by default on an Azure Bot resource, and their clients choose
 * `from.id` themselves. Local mode (loopback only) also takes the channels the Agents Playground can send.
 */
const CLOUD_CHANNELS = new Set(['msteams']);
const LOCAL_CHANNELS = new Set(['msteams', 'emulator', 'webchat', 'directline']);

/** Returns a one-line reason the body cannot be processed, or undefined when it looks like an activity. */
export function rejectReason(
  body: unknown,
  options: { loopbackServiceUrlOnly: boolean },
): string | undefined {
  const result = activitySchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `invalid activity: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim();
  }
  const channels = options.loopbackServiceUrlOnly ? LOCAL_CHANNELS : CLOUD_CHANNELS;
  if (!channels.has(result.data.channelId)) return 'invalid activity: channelId is not an accepted channel';
  // Local mode is unauthenticated: only ever answer to a connector on this machine.
  if (options.loopbackServiceUrlOnly && !LOOPBACK.has(new URL(result.data.serviceUrl).hostname)) {
    return 'invalid activity: serviceUrl must be on loopback in local mode';
  }
  return undefined;
}
