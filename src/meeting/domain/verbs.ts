/** The meeting capability's card verbs; other capabilities' cards import them from here (never a bare string). */
export const MEETING_VERBS = {
  form: 'meeting.form',
  create: 'meeting.create',
  tick: 'meeting.tick',
  risk: 'meeting.risk',
  finish: 'meeting.finish',
  refresh: 'meeting.refresh',
  list: 'meeting.list',
  record: 'meeting.record',
} as const;
