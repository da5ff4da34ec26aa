import type { Locale } from '../../core/config';
import { withOrganisation, type Organisation } from '../../core/organisation';
import type { ReportValues } from './validation';

/** One point to tell the police: a heading and text (the user's own words where they exist). */
export interface PolicePoint {
  heading: string;
  text: string;
}

export interface PoliceSheet {
  how: string[];
  tell: PolicePoint[];
}

const has = (values: ReportValues, field: string, code: string): boolean =>
  (values[field] ?? '')
    .split(',')
    .map((v) => v.trim())
    .includes(code);

const TEXT = {
  sv: {
    how: [
      'Pågår det, eller kan gärningspersonen vara kvar: ring 112 (SOS Alarm).',
      'Annars: Polisens kontaktcenter 114 14, eller en skriftlig anmälan på polisen.se.',
      'Vem som helst kan göra anmälan – det behöver inte vara den som blev utsatt.',
    ],
    what: 'Berätta vad som har hänt',
    role: 'Att det är en förtroendevald som utsatts',
    roleText: (body: string, party: string) =>
      `Påpeka att det är en förtroendevald i {organisation} (${body}, ${party}) som blivit utsatt och att händelsen kan kopplas till det politiska uppdraget.`,
    trigger: 'Möjlig utlösande faktor',
    perpetrator: 'Om gärningspersonen',
    evidence: 'Vittnen och bevis att lämna över',
    evidenceDigital:
      'Lämna skärmdumpar av inlägg och användarprofil. Radera inte hoten – polisen behöver dem i digital form.',
    evidenceLetter:
      'Lämna över brevet eller försändelsen, förvarat skyddat. Spara eventuella oöppnade försändelser från samma avsändare.',
    evidencePhone:
      'Berätta tid, bakgrundsljud, kön, ålder och dialekt. Spara sms och listor över inkommande samtal.',
    witnesses: 'Vittnen',
    injuries: 'Skador',
    injuriesText:
      'Berätta om skadorna är dokumenterade hos sjukvården. Dokumentationen ska ske över tid, eftersom skador kan bli synligare.',
    protection: 'Be om åtkomstskydd',
    protectionText:
      'Påtala behovet av åtkomstskydd, så att personuppgifterna är skyddade under förundersökningen.',
    hate: 'Misstänkt hatbrottsmotiv',
    hateText: 'Ange i anmälan att du misstänker ett hatbrottsmotiv (4.7). Det kan leda till straffskärpning.',
    feedback: 'Be om återkoppling',
    feedbackText: 'Be om kontinuerlig återkoppling från ansvarig utredare om den fortsatta hanteringen.',
    contact: 'Kontaktuppgifter',
    contactText:
      'Ha namn, personnummer och kontaktuppgifter till den utsatte till hands, och arbetsplatsens adress och telefonnummer. (Personnummer lämnas bara till polisen, inte i den här rapporten.)',
    when: (date: string, place: string) => `Datum: ${date}. Plats: ${place}.`,
  },
  en: {
    how: [
      'If it is ongoing, or the perpetrator may still be there: call 112 (SOS Alarm).',
      'Otherwise: the police contact centre on 114 14, or a written report at polisen.se.',
      'Anyone can make the report – it does not have to be the person exposed.',
    ],
    what: 'Tell them what happened',
    role: 'That an elected official was targeted',
    roleText: (body: string, party: string) =>
      `Point out that an elected official in {organisation} (${body}, ${party}) was targeted and that the incident can be linked to the political assignment.`,
    trigger: 'Possible trigger',
    perpetrator: 'About the perpetrator',
    evidence: 'Witnesses and evidence to hand over',
    evidenceDigital:
      'Hand over screenshots of the posts and the user profile. Do not delete the threats – the police need them in digital form.',
    evidenceLetter:
      'Hand over the letter or parcel, kept protected. Keep any unopened items from the same sender.',
    evidencePhone:
      'Tell them the time, background sounds, gender, age and dialect. Keep text messages and lists of incoming calls.',
    witnesses: 'Witnesses',
    injuries: 'Injuries',
    injuriesText:
      'Say whether injuries are documented by healthcare. Document them over time, since injuries can become more visible.',
    protection: 'Ask for access protection',
    protectionText:
      'Point out the need for åtkomstskydd, so personal data is protected during the preliminary investigation.',
    hate: 'Suspected hate-crime motive',
    hateText:
      'State in the report that you suspect a hate-crime motive (4.7). It can aggravate the sentence.',
    feedback: 'Ask for feedback',
    feedbackText: 'Ask the investigator for continuous feedback on how the case is handled.',
    contact: 'Contact details',
    contactText:
      "Have the exposed person's name, personal identity number and contact details ready, and the workplace's address and phone number. (The identity number goes to the police only, not into this report.)",
    when: (date: string, place: string) => `Date: ${date}. Place: ${place}.`,
  },
} as const;

/**
 * Bilaga 3's police-report preparation, filled in from the incident report's answers: what to say, the
 * political link, evidence by channel, injuries, åtkomstskydd (Bilaga 1), a hate-crime motive, feedback.
 */
export function policeSheet(values: ReportValues, locale: Locale, organisation: Organisation): PoliceSheet {
  const t = TEXT[locale];
  const tell: PolicePoint[] = [
    {
      heading: t.what,
      text: `${values.description ?? ''}\n${t.when(values.date ?? '', values.place ?? '')}`,
    },
    {
      heading: t.role,
      text: withOrganisation(
        t.roleText(values.victimBody ?? '', values.victimParty ?? ''),
        organisation,
        locale,
      ),
    },
  ];
  if (values.triggerDetails) tell.push({ heading: t.trigger, text: values.triggerDetails });
  const perpetrator = ['gender', 'approximateAge', 'build', 'dialect', 'distinguishingMarks']
    .map((field) => values[field])
    .filter(Boolean)
    .join('; ');
  if (perpetrator) tell.push({ heading: t.perpetrator, text: perpetrator });
  const evidence: string[] = [];
  if (['sociala-medier', 'epost'].some((c) => has(values, 'channel', c))) evidence.push(t.evidenceDigital);
  if (has(values, 'channel', 'brev')) evidence.push(t.evidenceLetter);
  if (['telefon', 'sms'].some((c) => has(values, 'channel', c))) evidence.push(t.evidencePhone);
  if (values.witnesses) evidence.push(`${t.witnesses}: ${values.witnesses}`);
  if (evidence.length > 0) tell.push({ heading: t.evidence, text: evidence.join('\n') });
  if (has(values, 'kinds', 'vald')) tell.push({ heading: t.injuries, text: t.injuriesText });
  tell.push({ heading: t.protection, text: t.protectionText });
  if (values.hateCrimeMotive === 'yes') tell.push({ heading: t.hate, text: t.hateText });
  tell.push({ heading: t.feedback, text: t.feedbackText }, { heading: t.contact, text: t.contactText });
  return { how: [...t.how], tell };
}
