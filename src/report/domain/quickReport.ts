/**
 * The quick report: a frightened person writes what happened in her own words ("jag blev hotad efter mötet
 * igår", "någon skrev hot på min facebook"); the bot recognises that she is telling about an incident, reads
 * what the words already say (kind, channel, day, place) and starts a draft prefilled with it. Only
 * recognition and reading live here: plain functions of the text and today's date, no storage.
 */
import { anyPattern } from '../../core/text/anyPattern';
import { swedishDate } from '../../core/i18n/time';
import { normalizeText } from '../../core/text/normalize';
import type { ReportValues } from './validation';

/** Questions and hypotheticals are for the guidance ("vad gör jag om jag blir hotad?"), never a report. */
const QUESTION_START =
  /^(vad|hur|vem|vilka|vilken|vilket|nar|var|varfor|ska|skall|bor|kan|maste|far|om|ar det|what|how|who|which|when|where|why|should|can|could|must|do|does|is|are|if)\b/;

/** Asking about it, anywhere in the message ("jag blev hotad igår, vad gör jag nu", "han slog mig, räknas det"). */
const QUESTION_WORDS =
  /\b(vad|hur|vem|vilka|vilken|varfor|vart|raknas|ar det|galler|omfattas|ersatter|behover|kan (jag|man|han|hon|de|ni)|ska (jag|man|hon|han)|bor (jag|man)|maste (jag|man)|nasta steg|stammer det|what|how|who|which|why|does|do i|should|is (it|this|that)|can (i|he|she|they)|apply|covered|count|counts)\b/;

/** Telling about something that happened to oneself (normalised text: lower case, no å/ä/ö, slang mapped). */
export const INCIDENT_STATEMENTS: readonly RegExp[] = [
  /\bjag (blev|har blivit|har varit|var) (hotad|hotat|trakasserad|misshandlad|slagen|attackerad|angripen|forfoljd|uthangd|knuffad|spottad|overfallen|nedslagen|utsatt for)\b/,
  /\b(nagon|en man|en kvinna|en person|en kille|en tjej|han|hon|de|nagra|en okand|en anonym)( har)? (hotade|hotat|slog|slagit|trakasserade|trakasserat|klottrade|klottrat|vandaliserade|forstorde|forstort|spottade|knuffade|attackerade|forfoljde|forfoljt|hangde ut|hangt ut|skrev hot|skrivit hot|skickade hot|skickat hot|skrev hotfulla|ringde och hotade|kastade)\b/,
  /\bjag (har )?(fatt|fick) (ett |en |flera |nagra )?(hot|hotbrev|hotfullt|hotfulla|hatbrev|dodshot|hotelser|hotsamtal|hot mejl|hatmejl)\b/,
  /\bi (was|have been|got|received) (threatened|harassed|attacked|assaulted|hit|a threat|threats|a threatening|death threats)\b/,
  /\b(someone|somebody|a man|a woman|he|she|they) (threatened|harassed|attacked|assaulted|hit|wrote threats|posted threats|sent threats|sent me threats|vandalised|vandalized)\b/,
];

const ANY_INCIDENT_STATEMENT = anyPattern(INCIDENT_STATEMENTS);

/** Whether the message tells about an incident that happened to the writer (not a question about one). */
export function isIncidentStatement(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 1_000 || trimmed.endsWith('?')) return false;
  const plain = normalizeText(trimmed);
  if (QUESTION_START.test(plain) || QUESTION_WORDS.test(plain)) return false;
  return ANY_INCIDENT_STATEMENT.test(plain);
}

const KIND_WORDS: ReadonlyArray<[string, RegExp]> = [
  ['hot', /\b(hot\w*|dodshot\w*|threat\w*)\b/],
  [
    'vald',
    /\b(slog|slagit|slagen|misshandla\w*|knuffa\w*|sparka\w*|overfall\w*|nedslagen|attacker\w*|hit|assault\w*|attacked)\b/,
  ],
  ['trakasserier', /\b(trakasser\w*|forfolj\w*|uthangd|hangde ut|hangt ut|spotta\w*|harass\w*|stalk\w*)\b/],
  ['skadegorelse', /\b(klottr\w*|vandalis\w*|forstor\w*|sonder\w*|krossa\w*|vandaliz\w*)\b/],
];

/** Checked in order: the first match decides (a threatening letter is a letter, even if it says "hot"). */
const CHANNEL_WORDS: ReadonlyArray<[string, RegExp]> = [
  [
    'sociala-medier',
    /\b(facebook|instagram|twitter|tiktok|snapchat|linkedin|youtube|sociala medier|inlagg\w*|kommentar\w*|social media|post|comment\w*)\b/,
  ],
  ['epost', /\b(mejl\w*|e post|email\w*|e mail)\b/],
  ['sms', /\b(sms\w*|textmeddelande\w*|text message\w*|whatsapp|messenger)\b/],
  ['brev', /\b(brev\w*|hotbrev|vykort|paket\w*|letter\w*|parcel)\b/],
  ['telefon', /\b(ringde|ringt|samtal\w*|telefon\w*|hotsamtal|phone\w*|called|call)\b/],
  [
    'personligen',
    /\b(efter motet|pa motet|under motet|fore motet|pa stan|i affaren|pa gatan|utanfor|hemma|fram till mig|i ansiktet|personligen|in person|after the meeting|at the meeting|outside|slog|knuffade|spottade)\b/,
  ],
];

/** The guidance topic with the first advice for the way it came (the quick card's "Vad gör jag nu?"). */
export function adviceTopicFor(channel: string | undefined): string {
  const topics: Record<string, string> = {
    'sociala-medier': 'social-media',
    telefon: 'phone-threat',
    sms: 'phone-threat',
    epost: 'internet-threat',
    brev: 'threat-letter',
  };
  return topics[channel ?? ''] ?? 'after-incident';
}

/** Place words: a short phrase of the message, kept as she wrote it ("efter mötet", "utanför stadshuset"). */
const PLACE_PHRASE =
  /\b((efter|pa|under|fore|vid|utanfor|i|after|at|outside|near) (motet|sammantradet|fullmaktige|kommunhuset|stadshuset|radhuset|stan|centrum|torget|affaren|butiken|gatan|parkeringen|skolan|jobbet|tag\w*|bussen|bibliotek\w*|the meeting|the council|the town hall|the station|the shop|work)|hemma|at home|utanfor (mitt|vart) (hus|hem)\w*)\b/;

const WEEKDAYS: ReadonlyArray<RegExp> = [
  /\b(i |pa |last |on )?(sondag|sondags|sunday)\b/,
  /\b(i |pa |last |on )?(mandag|mandags|monday)\b/,
  /\b(i |pa |last |on )?(tisdag|tisdags|tuesday)\b/,
  /\b(i |pa |last |on )?(onsdag|onsdags|wednesday)\b/,
  /\b(i |pa |last |on )?(torsdag|torsdags|thursday)\b/,
  /\b(i |pa |last |on )?(fredag|fredags|friday)\b/,
  /\b(i |pa |last |on )?(lordag|lordags|saturday)\b/,
];

/** The day the words name, in Swedish time: "igår", "i morse", "i förrgår", "i tisdags" (the last one before today). */
export function dateFrom(plain: string, now: Date): string | undefined {
  const today = swedishDate(now);
  const back = (days: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  if (/\b(i forrgar|forrgar|day before yesterday)\b/.test(plain)) return back(2);
  if (/\b(i gar|igar|yesterday|last night)\b/.test(plain)) return back(1);
  if (
    /\b(i dag|idag|i morse|imorse|i eftermiddag|i kvall|ikvall|i natt|inatt|nyss|today|this morning|tonight|just now)\b/.test(
      plain,
    )
  )
    return today;
  const weekdayToday = new Date(`${today}T12:00:00Z`).getUTCDay();
  for (const [day, pattern] of WEEKDAYS.entries()) {
    if (!pattern.test(plain)) continue;
    const daysAgo = (weekdayToday - day + 7) % 7 || 7; // "i tisdags" on a Tuesday is a week ago
    return back(daysAgo);
  }
  return undefined;
}

/** What the text already says, as Bilaga 4 answers; the text itself becomes the description. */
export function factsFrom(text: string, now: Date): ReportValues {
  const plain = normalizeText(text);
  const values: ReportValues = { description: text.trim(), reportingFor: 'self' };
  const kinds = KIND_WORDS.filter(([, pattern]) => pattern.test(plain)).map(([kind]) => kind);
  if (kinds.length > 0) values.kinds = kinds.join(',');
  const channel = CHANNEL_WORDS.find(([, pattern]) => pattern.test(plain))?.[0];
  if (channel) values.channel = channel;
  const date = dateFrom(plain, now);
  if (date) values.date = date;
  const place = placeFrom(text);
  if (place) values.place = place;
  return values;
}

/** The place phrase in her own spelling: found on the folded text, cut from the original at the same words. */
function placeFrom(text: string): string | undefined {
  const original = text.trim().split(/\s+/);
  const folded = original.map((word) => normalizeText(word));
  for (let start = 0; start < folded.length; start++) {
    for (let length = 1; length <= 3 && start + length <= folded.length; length++) {
      const phrase = folded.slice(start, start + length).join(' ');
      const match = PLACE_PHRASE.exec(phrase);
      if (match && match[0] === phrase)
        return original
          .slice(start, start + length)
          .join(' ')
          .replace(/[.,!;:]+$/, '');
    }
  }
  return undefined;
}
