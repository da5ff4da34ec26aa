import { normalizeText } from '../../core/text/normalize';

/**
 * Free text that starts the meeting checklist or lists past meetings. Whole-message patterns over the
 * normalised text (lower case, no å/ä/ö): the meeting capability is asked before guidance, so anything
 * looser would take questions such as "vem låser efter mötet" away from the guideline's answers.
 */
const MEETING =
  '(fullmaktige|fullmaktigemote|fullmaktigesammantrade|kf|kommunfullmaktige|sammantrade|sammantradet|sammantradena|mote|motet|namndmote|namndsammantrade|council meeting|council|meeting|the meeting|the council meeting)';
/** "på torsdag", "i morgon", "den 12 december" after the meeting: the day is read, not required. */
const DAY =
  '( (pa |i |on |this |next |nu pa )?(mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morgon|imorgon|idag|dag|tomorrow|today)| (den )?\\d{4} \\d{2} \\d{2})?';
const START = new RegExp(
  `^(starta |visa |oppna |ge mig |start |show |open )?(en |ett |the |a )?` +
    `(checklista|checklistan|checklist|sakerhetschecklista|safety checklist)` +
    `( for| infor| fore| before| for the| for a)?( ett| en| a| the)? ${MEETING}${DAY}$`,
);
const PREPARE = new RegExp(
  `^(forbered|forbereda|forberedelse|forberedelser|prepare|prepare for)( ett| en| a| the)? ${MEETING}$`,
);
const NAMED_FIRST = new RegExp(`^${MEETING} (checklista|checklist|safety checklist)$`);
const LIST =
  /^(visa )?(tidigare|mina|gamla|avslutade) (sammantraden|moten|checklistor)$|^(show )?(past|my|previous) (meetings|meeting checklists|checklists)$/;

export function isStartRequest(text: string): boolean {
  const normalized = normalizeText(text);
  return START.test(normalized) || PREPARE.test(normalized) || NAMED_FIRST.test(normalized);
}

const WEEKDAY_NUMBERS: Record<string, number> = {
  sondag: 0,
  sunday: 0,
  mandag: 1,
  monday: 1,
  tisdag: 2,
  tuesday: 2,
  onsdag: 3,
  wednesday: 3,
  torsdag: 4,
  thursday: 4,
  fredag: 5,
  friday: 5,
  lordag: 6,
  saturday: 6,
};

/**
 * What a start request already says: the body ("fullmäktige" → Kommunfullmäktige, when it is in the list) and
 * the day ("på torsdag" = the coming Thursday, today included; "i morgon"; an ISO date), in Swedish time.
 */
export function startPrefill(
  text: string,
  today: string,
  bodies: readonly string[],
): { body: string; date: string } {
  const normalized = normalizeText(text);
  const council =
    /\b(fullmaktige|fullmaktigemote|fullmaktigesammantrade|kf|kommunfullmaktige|council)\b/.test(normalized);
  const body = council ? (bodies.find((b) => normalizeText(b) === 'kommunfullmaktige') ?? '') : '';
  const ahead = (days: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const iso = /\b(\d{4}) (\d{2}) (\d{2})$/.exec(normalized);
  if (iso) return { body, date: `${iso[1]}-${iso[2]}-${iso[3]}` };
  if (/\b(i morgon|imorgon|tomorrow)$/.test(normalized)) return { body, date: ahead(1) };
  if (/\b(i dag|idag|today)$/.test(normalized)) return { body, date: today };
  const weekday = /\b(\w+)$/.exec(normalized)?.[1] ?? '';
  if (weekday in WEEKDAY_NUMBERS) {
    const todayNumber = new Date(`${today}T12:00:00Z`).getUTCDay();
    return { body, date: ahead((WEEKDAY_NUMBERS[weekday]! - todayNumber + 7) % 7) };
  }
  return { body, date: '' };
}

export function isListRequest(text: string): boolean {
  return LIST.test(normalizeText(text));
}
