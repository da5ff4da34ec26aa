import type { Locale } from '../core/config';
import type { FieldProblem } from './domain/validation';

/** Fixed strings of the incident-report capability, Swedish and English. */
export const reportMessages = {
  sv: {
    progress: (n: number, total: number) => `Steg ${n} av ${total}`,
    completeProgress: (progress: string) => `Komplettera (frivilligt) – ${progress.toLowerCase()}`,
    quickProgress: 'Snabbrapport',
    quickNotice:
      'Jag har fyllt i det du skrev. Stämmer det? Tryck på Skicka nu. Vill du berätta mer trycker du på Komplettera – det är frivilligt.',
    sendNow: 'Skicka nu',
    complete: 'Komplettera',
    advice: 'Vad gör jag nu?',
    next: 'Nästa',
    toReview: 'Granska',
    back: 'Tillbaka',
    saveLater: 'Spara och fortsätt senare',
    cancel: 'Avbryt',
    revealed: 'Tack. Några följdfrågor till ditt svar:',
    errorSummary: 'Kontrollera de markerade fälten.',
    reviewTitle: 'Granska din rapport',
    reviewIntro: (role: string) =>
      `Stämmer allt? Ändra det som behövs och tryck sedan på Skicka. Rapporten går till ${role}.`,
    edit: 'Ändra',
    unanswered: (titles: string) => `Inte ifyllt (frivilligt): ${titles}.`,
    fillIn: (title: string) => `Fyll i: ${title}`,
    send: 'Skicka',
    resumeTitle: 'Du har ett påbörjat utkast',
    resumeLine: (step: string, date: string) => `Senast ändrat ${date}, ${step.toLowerCase()}.`,
    resume: 'Fortsätt',
    restart: 'Börja om',
    savedTitle: 'Utkastet är sparat',
    savedLines: ['Skriv "rapportera incident" när du vill fortsätta.', 'Utkast sparas i {days} dagar.'],
    confirmCancelTitle: 'Vill du avbryta rapporten?',
    confirmCancelLine: 'Utkastet raderas och kan inte återställas.',
    confirmCancelYes: 'Ja, radera utkastet',
    confirmCancelNo: 'Nej, fortsätt',
    cancelledTitle: 'Rapporten är avbruten',
    cancelledLine: 'Utkastet är raderat. Du kan alltid börja om med "rapportera incident".',
    staleTitle: 'Den här knappen gäller inte längre',
    staleLine: 'Rapporten har ändrats sedan kortet visades. Här är läget nu.',
    newReport: 'Rapportera incident',
    confirmationTitle: 'Tack – din rapport är mottagen',
    referenceLabel: 'Referens',
    statusLabel: 'Status',
    submittedLabel: 'Skickad',
    nextStepsTitle: 'Vad händer nu?',
    /** After "who will contact you": what the security function offers (3.2) and the party contact (3.3). */
    nextSteps: [
      'Du kan få råd, stöd vid polisanmälan och hjälp med stödsamtal (3.2).',
      'Kontakta gärna också ditt partis säkerhetsansvariga (3.3).',
    ],
    takenBy: (name: string) => `Tas om hand av ${name}`,
    policeNotReported:
      'Har du inte polisanmält? Förberedelsen för polisanmälan kommer här nedanför (Bilaga 3).',
    policeReported:
      'Du har redan polisanmält. Underlaget nedanför hjälper om polisen hör av sig eller du vill komplettera (Bilaga 3).',
    myReports: 'Mina rapporter',
    listTitle: 'Mina rapporter',
    listEmpty: 'Du har inga skickade rapporter.',
    submitFailed:
      'Rapporten kunde inte skickas just nu. Ditt utkast finns kvar med allt du skrivit – tryck på "Skicka" igen om en stund. Är du i fara nu: ring 112.',
    submitting: 'Rapporten skickas just nu. Bekräftelsen med referensnumret kommer här strax.',
  },
  en: {
    progress: (n: number, total: number) => `Step ${n} of ${total}`,
    completeProgress: (progress: string) => `Add more (optional) – ${progress.toLowerCase()}`,
    quickProgress: 'Quick report',
    quickNotice:
      'I have filled in what you wrote. Is it right? Press Send now – you can add the rest of the report now or later.',
    sendNow: 'Send now',
    complete: 'Add more',
    advice: 'What do I do now?',
    next: 'Next',
    toReview: 'Review',
    back: 'Back',
    saveLater: 'Save and continue later',
    cancel: 'Cancel',
    revealed: 'Thank you. A few follow-up questions to your answer:',
    errorSummary: 'Please check the marked fields.',
    reviewTitle: 'Review your report',
    reviewIntro: (role: string) =>
      `Is everything right? Change what's needed, then press Send. The report goes to ${role}.`,
    edit: 'Change',
    unanswered: (titles: string) => `Not filled in (optional): ${titles}.`,
    fillIn: (title: string) => `Fill in: ${title}`,
    send: 'Send',
    resumeTitle: 'You have a report in progress',
    resumeLine: (step: string, date: string) => `Last changed ${date}, ${step.toLowerCase()}.`,
    resume: 'Continue',
    restart: 'Start over',
    savedTitle: 'The draft is saved',
    savedLines: ['Write "report an incident" when you want to continue.', 'Drafts are kept for {days} days.'],
    confirmCancelTitle: 'Do you want to cancel the report?',
    confirmCancelLine: 'The draft will be deleted and cannot be restored.',
    confirmCancelYes: 'Yes, delete the draft',
    confirmCancelNo: 'No, continue',
    cancelledTitle: 'The report is cancelled',
    cancelledLine: 'The draft is deleted. You can always start again with "report an incident".',
    staleTitle: 'This button no longer applies',
    staleLine: 'The report has changed since this card was shown. This is where it stands now.',
    newReport: 'Report an incident',
    confirmationTitle: 'Thank you – your report has been received',
    referenceLabel: 'Reference',
    statusLabel: 'Status',
    submittedLabel: 'Sent',
    nextStepsTitle: 'What happens now?',
    nextSteps: [
      'You can get advice, support with a police report and help with support conversations (3.2).',
      "Please also contact your party's security contact (3.3).",
    ],
    takenBy: (name: string) => `Handled by ${name}`,
    policeNotReported:
      'Not reported to the police yet? The preparation for a police report follows below (Bilaga 3).',
    policeReported:
      'You have already reported to the police. The notes below help if the police get in touch or you add to the report (Bilaga 3).',
    myReports: 'My reports',
    listTitle: 'My reports',
    listEmpty: 'You have no submitted reports.',
    submitFailed:
      'The report could not be sent just now. Your draft is kept with everything you wrote – press "Send" again in a moment. If you are in danger now: call 112.',
    submitting:
      'The report is being sent right now. The confirmation with its reference follows here shortly.',
  },
} as const;

export type ReportMessages = (typeof reportMessages)['sv'];

export function reportText(locale: Locale): ReportMessages {
  return reportMessages[locale] as unknown as ReportMessages;
}

/** The answers' validation messages (for domain/validation.ts's problems), shown beside the field on the step card. */
export const validationMessages = {
  sv: {
    required: 'Fyll i det här.',
    choose: 'Välj ett av alternativen.',
    chooseAtLeastOne: 'Välj minst ett alternativ.',
    tooLong: (max: number, got: number) => `Högst ${max} tecken – du har skrivit ${got}. Korta gärna texten.`,
    date: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
    future: 'Datumet kan inte ligga i framtiden.',
    time: 'Skriv tiden som TT:MM.',
    invalid: 'Det här värdet gick inte att läsa. Fyll i igen.',
    personalIdentityNumber:
      'Ta bort personnumret: rapporten ska inte innehålla personnummer. Skriv i stället namn eller "se kontakt".',
  },
  en: {
    required: 'Please fill this in.',
    choose: 'Choose one of the options.',
    chooseAtLeastOne: 'Choose at least one option.',
    tooLong: (max: number, got: number) => `At most ${max} characters – you wrote ${got}. Please shorten it.`,
    date: 'Write the date as YYYY-MM-DD.',
    future: 'The date cannot be in the future.',
    time: 'Write the time as HH:MM.',
    invalid: 'This value could not be read. Please fill it in again.',
    personalIdentityNumber:
      'Please remove the personal identity number: the report must not contain one. Write a name instead.',
  },
} as const;

export type ValidationMessages = (typeof validationMessages)[Locale];

/** The text beside each field for its problem (from validateStep), in the user's language. */
export function problemTexts(problems: Record<string, FieldProblem>, locale: Locale): Record<string, string> {
  const m: ValidationMessages = validationMessages[locale];
  return Object.fromEntries(
    Object.entries(problems).map(([id, problem]) => [
      id,
      problem.code === 'tooLong' ? m.tooLong(problem.max, problem.got) : m[problem.code],
    ]),
  );
}
