import type { Locale } from '../core/config';
import { capitalise, type RoleNames } from '../core/i18n';
import type { SectionId } from './domain/checklist';

/** Fixed strings of the meeting capability, Swedish and English. */
export const meetingMessages = {
  sv: {
    formTitle: 'Checklista inför sammanträde',
    formIntro:
      'Ange vilket sammanträde det gäller. Checklistan följer riktlinjens Bilaga 2 och kan bockas av av alla i chatten.',
    body: 'Organ',
    date: 'Datum',
    place: 'Plats',
    placePlaceholder: 'Till exempel Sessionssalen, stadshuset',
    datePlaceholder: 'ÅÅÅÅ-MM-DD',
    errorSummary: 'Kontrollera de markerade fälten.',
    start: 'Starta checklistan',
    personalPrep: 'Personlig förberedelse (Bilaga 1)',
    pastMeetings: 'Tidigare sammanträden',
    checklistTitle: (body: string) => `Checklista: ${body}`,
    progress: (done: number, total: number, requiredOpen: number) =>
      `${done} av ${total} punkter klara` + (requiredOpen > 0 ? ` · ${requiredOpen} obligatoriska kvar` : ''),
    phases: { before: 'Före sammanträdet', during: 'Under sammanträdet', after: 'Efter sammanträdet' },
    requirement: {
      always: 'ska göras',
      ifElevatedRisk: 'vid förhöjd risk',
      ifElevatedRiskOn: 'ska göras – förhöjd risk',
      ifDisturbance: 'vid ordningsstörning',
    },
    sections: {
      kontrollera: 'Kontrollera',
      forhojdRisk: 'Förhöjd risk',
      ordningsstorning: 'Ordningsstörning',
      efterkontroll: 'Efterkontroll',
      folje: 'Följe',
    } satisfies Record<SectionId, string>,
    done: 'Klar',
    undo: 'Ångra',
    doneBy: (name: string, at: string) => `Klar – ${name}, ${at}`,
    undoneBy: (name: string, at: string) => `Ångrad av ${name}, ${at}`,
    riskQuestion: 'Finns det förhöjd risk?',
    riskUnanswered: 'Inte besvarat ännu.',
    riskYes: 'Ja',
    riskNo: 'Nej',
    riskAnswer: (elevated: boolean, name: string, at: string) =>
      `${elevated ? 'Ja, förhöjd risk' : 'Nej'} – ${name}, ${at}`,
    riskAlerted: (role: RoleNames, name: string, at: string) =>
      `${capitalise(role.definite)} har larmats (${name}, ${at}).`,
    riskAlertPending: (role: RoleNames) =>
      `Larmet till ${role.definite} skickas. Står det inte "har larmats" inom en minut: tryck Ja igen, eller ring ${role.definite}.`,
    riskRequired: 'Punkterna under Förhöjd risk ska nu göras.',
    screeningTitle: 'Säkerhetskontroll (SFS 2010:294)',
    orderTitle: 'Ordningen under sammanträdet',
    finish: 'Avsluta och spara sammanfattning',
    refresh: 'Uppdatera',
    finished: (name: string, at: string) => `Avslutad av ${name}, ${at}. Sammanfattningen är sparad.`,
    recordTitle: (body: string) => `Sammanfattning: ${body}`,
    recordDone: 'Gjort',
    recordNotDone: 'Inte gjort',
    recordRequiredOpen: (n: number) =>
      n === 0 ? 'Alla obligatoriska punkter är gjorda.' : `${n} obligatoriska punkter gjordes inte.`,
    recordElevated: (elevated: boolean) => (elevated ? 'Förhöjd risk: ja' : 'Förhöjd risk: nej'),
    recordOpenItem: (required: boolean) => (required ? 'inte gjord (obligatorisk)' : 'inte gjord'),
    listTitle: 'Tidigare sammanträden',
    listEmpty: 'Det finns inga sparade sammanträden som du kan se.',
    listLine: (done: number, total: number, finished: boolean) =>
      `${done}/${total} klara · ${finished ? 'avslutad' : 'pågår'}`,
    show: 'Visa',
    notFound: 'Checklistan finns inte längre, eller så hör den till en annan chatt.',
    closed: 'Sammanträdet är avslutat: checklistan kan inte ändras längre.',
    riskNotSent: (role: RoleNames) =>
      `Förhöjd risk är markerad och punkterna för förhöjd risk gäller. Du har markerat flera sammanträden i dag, så ${role.definite} larmades inte igen: kontakta ${role.definite} direkt. Vid akut fara: ring 112.`,
  },
  en: {
    formTitle: 'Meeting checklist',
    formIntro:
      "Say which meeting it is. The checklist follows the guideline's Annex 2 and everyone in the chat can tick it off.",
    body: 'Body',
    date: 'Date',
    place: 'Place',
    placePlaceholder: 'For example the council chamber, city hall',
    datePlaceholder: 'YYYY-MM-DD',
    errorSummary: 'Please check the marked fields.',
    start: 'Start the checklist',
    personalPrep: 'Personal preparation (Annex 1)',
    pastMeetings: 'Past meetings',
    checklistTitle: (body: string) => `Checklist: ${body}`,
    progress: (done: number, total: number, requiredOpen: number) =>
      `${done} of ${total} items done` + (requiredOpen > 0 ? ` · ${requiredOpen} required left` : ''),
    phases: { before: 'Before the meeting', during: 'During the meeting', after: 'After the meeting' },
    requirement: {
      always: 'required',
      ifElevatedRisk: 'if the risk is heightened',
      ifElevatedRiskOn: 'required – heightened risk',
      ifDisturbance: 'if there is a disturbance',
    },
    sections: {
      kontrollera: 'Check',
      forhojdRisk: 'Heightened risk',
      ordningsstorning: 'Disturbance',
      efterkontroll: 'Final check',
      folje: 'Accompany',
    } satisfies Record<SectionId, string>,
    done: 'Done',
    undo: 'Undo',
    doneBy: (name: string, at: string) => `Done – ${name}, ${at}`,
    undoneBy: (name: string, at: string) => `Undone by ${name}, ${at}`,
    riskQuestion: 'Is the risk heightened?',
    riskUnanswered: 'Not answered yet.',
    riskYes: 'Yes',
    riskNo: 'No',
    riskAnswer: (elevated: boolean, name: string, at: string) =>
      `${elevated ? 'Yes, heightened risk' : 'No'} – ${name}, ${at}`,
    riskAlerted: (role: RoleNames, name: string, at: string) =>
      `${capitalise(role.definite)} has been alerted (${name}, ${at}).`,
    riskAlertPending: (role: RoleNames) =>
      `The alert to ${role.definite} is being sent. If this does not say "has been alerted" within a minute: press Yes again, or call ${role.definite}.`,
    riskRequired: 'The Heightened risk items are now required.',
    screeningTitle: 'Security screening (SFS 2010:294)',
    orderTitle: 'Order during the meeting',
    finish: 'Finish and save the summary',
    refresh: 'Refresh',
    finished: (name: string, at: string) => `Finished by ${name}, ${at}. The summary is saved.`,
    recordTitle: (body: string) => `Summary: ${body}`,
    recordDone: 'Done',
    recordNotDone: 'Not done',
    recordRequiredOpen: (n: number) =>
      n === 0 ? 'All required items were done.' : `${n} required items were not done.`,
    recordElevated: (elevated: boolean) => (elevated ? 'Heightened risk: yes' : 'Heightened risk: no'),
    recordOpenItem: (required: boolean) => (required ? 'not done (required)' : 'not done'),
    listTitle: 'Past meetings',
    listEmpty: 'There are no saved meetings you can see.',
    listLine: (done: number, total: number, finished: boolean) =>
      `${done}/${total} done · ${finished ? 'finished' : 'in progress'}`,
    show: 'Show',
    notFound: 'That checklist no longer exists, or it belongs to another chat.',
    closed: 'The meeting is finished: the checklist can no longer be changed.',
    riskNotSent: (role: RoleNames) =>
      `Elevated risk is marked and its items apply. You have marked several meetings today, so ${role.definite} was not alerted again: contact ${role.definite} directly. In acute danger: call 112.`,
  },
} as const;

export type MeetingText = (typeof meetingMessages)[Locale];

export const meetingText = (locale: Locale): MeetingText => meetingMessages[locale];
