import { z } from 'zod';

/**
 * Card data of the alert verbs, parsed at the edge. The report id is only a pointer (the report must exist and
 * the presser's role, from the activity, must cover it — `Acknowledgement` checks both); anything that is not
 * a string becomes '' here, which no report has, so a forged or malformed id gets "finns inte".
 */
const pointer = z.string().max(200).catch('');

export const reportData = z.object({ reportId: pointer });
/** "Ge till …": `to` is a security staff member's key, checked against the configured chiefs and deputies. */
export const reassignData = z.object({ reportId: pointer, to: pointer });
export const meetingSeenData = z.object({ meetingId: pointer });
