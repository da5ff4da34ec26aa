import { isGuid } from '../core/config/lists';
import { z } from 'zod';
import type { MeetingRiskAlert } from '../meeting/domain/meetingRisk';

// eslint-disable-next-line no-control-regex -- ids and names with control characters are refused
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_CONTROL_CHARS);

/** The meeting capability is a caller in this process, but what it passes on comes from a chair's card. */
export const meetingRiskSchema: z.ZodType<MeetingRiskAlert> = z.object({
  meetingId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'meetingId: letters, digits and . _ : - only'),
  body: text(200),
  date: z.iso.date(),
  place: text(200),
  raisedBy: z.object({
    name: text(200),
    aadObjectId: z.string().refine(isGuid, 'aadObjectId: a GUID').optional(),
  }),
  raisedAt: z.iso.datetime({ offset: true }),
}) as z.ZodType<MeetingRiskAlert>;
