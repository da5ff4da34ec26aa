import { normalizeText } from '../../core/text/normalize';

/**
 * Free text that starts the meeting checklist or lists past meetings. Whole-message patterns over the
 * normalised text (lower case, no å/ä/ö): the meeting capability is asked before guidance, so anything
 * looser would take questions such as "vem låser efter mötet" away from the guideline's answers.
 */
const MEETING =
  '(fullmaktige|fullmaktigemote|fullmaktigesammantrade|kf|kommunfullmaktige|sammantrade|sammantradet|sammantradena|mote|motet|namndmote|namndsammantrade|council meeting|council|meeting|the meeting|the council meeting)';
const START = new RegExp(
  `^(starta |visa |oppna |ge mig |start |show |open )?(en |ett |the |a )?` +
    `(checklista|checklistan|checklist|sakerhetschecklista|safety checklist)` +
    `( for| infor| fore| before| for the| for a)?( ett| en| a| the)? ${MEETING}$`,
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

export function isListRequest(text: string): boolean {
  return LIST.test(normalizeText(text));
}
