/**
 * Hand-written sample data for the incident-report card templates (cards/report-*.json), in Swedish and
 * English, with the edge cases the templates must survive: every field kind, errors on some fields, hostile
 * and long user text, a full review, an empty and a long report list. Used to expand and validate the
 * templates until the report dialog's card builders supply recorded samples.
 */
import { asUserText } from '../../src/core/cards';
import { GUIDANCE_VERBS } from '../../src/guidance/domain/verbs';
import { REPORT_VERBS } from '../../src/report/domain/verbs';
import type {
  ChoiceOption,
  ConfirmationCardData,
  MessageCardData,
  PoliceSheetCardData,
  ReportButton,
  ReportListCardData,
  ReviewCardData,
  StepCardData,
  StepFieldData,
} from '../../src/report/reportCardData';

/** User text that must stay text: a template expression, a Teams date macro, a Markdown link, emoji. */
export const HOSTILE_TEXT =
  'Han skrev ${title} och {{DATE(2020-01-01T00:00:00Z)}} samt [klicka här](https://evil.example) 😡 — åäö ÅÄÖ';
export const HOSTILE_EN =
  'He wrote ${title}, {{DATE(2020-01-01T00:00:00Z)}} and [click](https://evil.example) 😱';

/**
 * The user values these samples contain on purpose, raw (kept in inputs) and as shown (asUserText): a test
 * that looks for unexpanded `${` in a rendered card should remove these first.
 */
export const INTENTIONAL_USER_TEXTS: string[] = [HOSTILE_TEXT, HOSTILE_EN].flatMap((text) => [
  text,
  asUserText(text),
]);

const SV_ACUTE = 'Är du i fara nu? Ring 112.';
const EN_ACUTE = 'In danger right now? Call 112.';

/** A description of exactly 4 000 characters (the textarea's maxLength). */
const LONG_DESCRIPTION = (() => {
  const sentence =
    'Mannen ställde sig utanför mitt hus på Ågatan vid halv tio på kvällen och ropade att jag skulle ' +
    '"få ångra" beslutet om förskolan i Ätran. Han återkom nästa dag och följde efter mig till bussen. ';
  return sentence.repeat(Math.ceil(4000 / sentence.length)).slice(0, 4000);
})();

/** What each sample button does, as the real verb it posts (moves of a step card go with `move`). */
const SAMPLE_VERBS: Record<string, string> = {
  next: REPORT_VERBS.step,
  review: REPORT_VERBS.step,
  back: REPORT_VERBS.step,
  save: REPORT_VERBS.step,
  cancel: REPORT_VERBS.askCancel,
  'cancel-confirm': REPORT_VERBS.cancel,
  discard: REPORT_VERBS.cancel,
  resume: REPORT_VERBS.resume,
  restart: REPORT_VERBS.restart,
  start: REPORT_VERBS.start,
  submit: REPORT_VERBS.submit,
  edit: REPORT_VERBS.edit,
  list: REPORT_VERBS.mine,
  menu: GUIDANCE_VERBS.menu,
};

function button(
  title: string,
  action: keyof typeof SAMPLE_VERBS,
  style: ReportButton['style'] = 'default',
  associatedInputs: ReportButton['associatedInputs'] = 'auto',
  extra: Record<string, unknown> = {},
): ReportButton {
  const verb = SAMPLE_VERBS[action]!;
  const move = verb === REPORT_VERBS.step ? { move: action === 'review' ? 'next' : action } : {};
  return { title, payload: { verb, draftId: 'd1', ...move, lang: 'sv', ...extra }, associatedInputs, style };
}

function stepActions(locale: 'sv' | 'en', primary: 'next' | 'review' = 'next'): ReportButton[] {
  const sv = locale === 'sv';
  return [
    button(primary === 'next' ? (sv ? 'Nästa' : 'Next') : sv ? 'Granska' : 'Review', primary, 'positive'),
    button(sv ? 'Tillbaka' : 'Back', 'back'),
    button(sv ? 'Spara och fortsätt senare' : 'Save and continue later', 'save'),
    button(sv ? 'Avbryt' : 'Cancel', 'cancel', 'destructive', 'none'),
  ];
}

function options(pairs: Array<[string, string]>): ChoiceOption[] {
  return pairs.map(([value, title]) => ({ value, title }));
}

const YES_NO_SV = options([
  ['yes', 'Ja'],
  ['no', 'Nej'],
]);
const YES_NO_EN = options([
  ['yes', 'Yes'],
  ['no', 'No'],
]);
const YES_NO_UNKNOWN_SV = [...YES_NO_SV, { value: 'unknown', title: 'Vet inte' }];
const YES_NO_UNKNOWN_EN = [...YES_NO_EN, { value: 'unknown', title: "Don't know" }];

/** Twelve bodies: a compact (drop-down) choice list. */
const BODIES_SV = options([
  ['kf', 'Kommunfullmäktige'],
  ['ks', 'Kommunstyrelsen'],
  ['bun', 'Barn- och utbildningsnämnden'],
  ['bmn', 'Bygg- och miljönämnden'],
  ['kfn', 'Kultur- och fritidsnämnden'],
  ['son', 'Socialnämnden'],
  ['tn', 'Tekniska nämnden'],
  ['vn', 'Valnämnden'],
  ['ofn', 'Överförmyndarnämnden'],
  ['rev', 'Kommunrevisionen'],
  ['fbab', 'Falkenbergs Bostads AB'],
  ['annat', 'Annat uppdrag'],
]);
const BODIES_EN = options([
  ['kf', 'Municipal Council'],
  ['ks', 'Municipal Executive Board'],
  ['bun', 'Children and Education Committee'],
  ['bmn', 'Building and Environment Committee'],
  ['kfn', 'Culture and Leisure Committee'],
  ['son', 'Social Services Committee'],
  ['tn', 'Technical Services Committee'],
  ['vn', 'Election Committee'],
  ['ofn', 'Chief Guardian Committee'],
  ['rev', 'Municipal Audit'],
  ['fbab', 'Falkenbergs Bostads AB'],
  ['annat', 'Another assignment'],
]);

const PARTIES = options([
  ['s', 'Socialdemokraterna'],
  ['m', 'Moderaterna'],
  ['c', 'Centerpartiet'],
  ['sd', 'Sverigedemokraterna'],
  ['kd', 'Kristdemokraterna'],
  ['l', 'Liberalerna'],
  ['v', 'Vänsterpartiet'],
  ['mp', 'Miljöpartiet'],
  ['other', 'Annat / Other'],
]);

const KINDS_SV = options([
  ['hot', 'Hot'],
  ['vald', 'Våld'],
  ['trakasserier', 'Trakasserier'],
  ['skadegorelse', 'Skadegörelse'],
  ['korruption', 'Korruption'],
  ['annat', 'Annat'],
]);
const KINDS_EN = options([
  ['hot', 'Threat'],
  ['vald', 'Violence'],
  ['trakasserier', 'Harassment'],
  ['skadegorelse', 'Vandalism'],
  ['korruption', 'Corruption'],
  ['annat', 'Other'],
]);
const CHANNELS_SV = options([
  ['brev', 'Brev'],
  ['telefon', 'Telefonsamtal'],
  ['sms', 'Sms'],
  ['epost', 'E-post'],
  ['sociala-medier', 'Sociala medier'],
  ['personligen', 'Personligen'],
  ['annat', 'Annat'],
]);

type Kind = 'text' | 'textarea' | 'choice' | 'multichoice' | 'date' | 'time';

function field(
  kind: Kind,
  id: string,
  label: string,
  value = '',
  extra: Partial<Pick<StepFieldData, 'isRequired' | 'choices' | 'error' | 'maxLength'>> = {},
): StepFieldData {
  return {
    id,
    label,
    value,
    isRequired: extra.isRequired ?? false,
    isText: kind === 'text',
    isTextarea: kind === 'textarea',
    isChoice: kind === 'choice',
    isMultiChoice: kind === 'multichoice',
    isDate: kind === 'date',
    isTime: kind === 'time',
    maxLength: extra.maxLength ?? (kind === 'textarea' ? 4000 : kind === 'text' ? 200 : 0),
    choices: extra.choices ?? [],
    error: extra.error ?? null,
  };
}

const stepSamples: StepCardData[] = [
  // First step, nothing entered yet: text fields and a two-option choice.
  {
    progress: 'Steg 1 av 8',
    title: 'Vem rapporterar?',
    notice: null,
    errorSummary: null,
    fields: [
      field('text', 'reporterName', 'Ditt namn', '', { isRequired: true }),
      field('text', 'reporterFunction', 'Din funktion eller ditt uppdrag'),
      field('choice', 'reportingFor', 'Gäller rapporten dig själv eller någon annan?', '', {
        isRequired: true,
        choices: options([
          ['self', 'Mig själv'],
          ['other', 'Någon annan'],
        ]),
      }),
    ],
    actions: stepActions('sv').filter((action) => action.payload.report !== 'back'),
    acuteFooter: SV_ACUTE,
  },
  // After an invalid submit: errors on some fields, hostile text kept in the inputs.
  {
    progress: 'Steg 3 av 8',
    title: 'Vad hände?',
    notice: null,
    errorSummary: 'Kontrollera de markerade fälten.',
    fields: [
      field('multichoice', 'kinds', 'Vad utsattes personen för? (flera val går)', 'hot,trakasserier', {
        isRequired: true,
        choices: KINDS_SV,
      }),
      field('choice', 'channel', 'Hur framfördes det?', '', {
        isRequired: true,
        choices: CHANNELS_SV,
        error: 'Välj hur det framfördes.',
      }),
      field('textarea', 'description', 'Beskriv händelsen så detaljerat som möjligt', HOSTILE_TEXT, {
        isRequired: true,
      }),
      field(
        'choice',
        'hateCrimeMotive',
        'Misstänker du ett hatbrottsmotiv (hudfärg, ursprung, religion, trosbekännelse eller sexuell läggning)?',
        '',
        { isRequired: true, choices: YES_NO_UNKNOWN_SV, error: 'Svara på frågan, eller välj "Vet inte".' },
      ),
    ],
    actions: stepActions('sv'),
    acuteFooter: SV_ACUTE,
  },
  // Date, time and a 4 000-character textarea, with a notice.
  {
    progress: 'Steg 4 av 8',
    title: 'När och var?',
    notice: 'Några följdfrågor till ditt svar:',
    errorSummary: null,
    fields: [
      field('date', 'date', 'Datum', '2025-03-14', { isRequired: true }),
      field('time', 'time', 'Ungefärlig tid', '21:30'),
      field('text', 'place', 'Plats', 'Utanför mitt hus, Ågatan 12 🏠', { isRequired: true }),
      field(
        'textarea',
        'witnesses',
        'Såg någon annan händelsen? (t.ex. annan förtroendevald, familjemedlem)',
        LONG_DESCRIPTION,
      ),
      field('choice', 'reachedRecipient', 'Nådde hotet fram till den tänkta mottagaren?', 'unknown', {
        choices: YES_NO_UNKNOWN_SV,
      }),
    ],
    actions: stepActions('sv'),
    acuteFooter: SV_ACUTE,
  },
  // English, twelve-option and nine-option choices (compact), an error on one of them.
  {
    progress: 'Step 2 of 8',
    title: 'Who was exposed?',
    notice: null,
    errorSummary: 'Please check the marked fields.',
    fields: [
      field('text', 'victimName', "The exposed person's name", 'Åsa Öberg-Nyström 👩‍💼', { isRequired: true }),
      field('choice', 'victimBody', 'Committee or board', 'bmn', { isRequired: true, choices: BODIES_EN }),
      field('choice', 'victimParty', 'Party', '', {
        isRequired: true,
        choices: PARTIES,
        error: 'Choose a party.',
      }),
    ],
    actions: stepActions('en'),
    acuteFooter: EN_ACUTE,
  },
  // Swedish, twelve bodies in a drop-down, a value already chosen.
  {
    progress: 'Steg 2 av 8',
    title: 'Vem utsattes?',
    notice: null,
    errorSummary: null,
    fields: [
      field('choice', 'victimBody', 'Nämnd eller styrelse', 'ofn', { isRequired: true, choices: BODIES_SV }),
      field('choice', 'victimParty', 'Parti', 'c', { isRequired: true, choices: PARTIES }),
    ],
    actions: stepActions('sv'),
    acuteFooter: SV_ACUTE,
  },
  // English perpetrator step: short texts, a textarea and a three-option choice.
  {
    progress: 'Step 5 of 8',
    title: 'Who did it?',
    notice: null,
    errorSummary: null,
    fields: [
      field('text', 'gender', 'Gender', 'Man'),
      field('text', 'approximateAge', 'Approximate age', '≈ 50'),
      field(
        'textarea',
        'distinguishingMarks',
        'Distinguishing marks, e.g. scars and clothes such as shoes',
        '',
      ),
      field('choice', 'targetedOthers', 'Has the perpetrator targeted other elected officials?', 'unknown', {
        choices: YES_NO_UNKNOWN_EN,
      }),
    ],
    actions: stepActions('en'),
    acuteFooter: EN_ACUTE,
  },
  // English: every field kind on one card, errors on half of them, hostile values everywhere.
  {
    progress: 'Step 8 of 8',
    title: 'Support and information',
    notice: 'A few follow-up questions to your answer:',
    errorSummary: 'Please check the marked fields.',
    fields: [
      field('text', 'relativesWho', 'Who?', HOSTILE_EN, {
        isRequired: true,
        error: 'Keep it under 200 characters.',
      }),
      field('textarea', 'supportDescription', 'Describe the support, help or other measures', HOSTILE_EN, {
        isRequired: true,
      }),
      field('choice', 'receivedSupport', 'Has the person received support or help?', 'yes', {
        isRequired: true,
        choices: YES_NO_EN,
      }),
      field('choice', 'victimBody', 'Committee or board', '', {
        isRequired: true,
        choices: BODIES_EN,
        error: 'Choose a committee or board.',
      }),
      field('multichoice', 'kinds', 'What was the person exposed to? (several allowed)', 'vald,annat', {
        choices: KINDS_EN,
      }),
      field('date', 'policeContactedDate', 'If yes, when?', '2999-01-01', {
        isRequired: true,
        error: 'The date cannot be in the future.',
      }),
      field('time', 'time', 'Approximate time', ''),
    ],
    actions: stepActions('en', 'review'),
    acuteFooter: EN_ACUTE,
  },
];

/** A long answer, clipped to 300 characters as the review builder does. */
function long(text: string): string {
  return asUserText(`${text} `.repeat(Math.ceil(320 / (text.length + 1))), 300);
}

function section(
  title: string,
  step: string,
  answers: Array<[string, string]>,
  editTitle = 'Ändra',
): ReviewCardData['sections'][number] {
  return {
    title,
    answers: answers.map(([label, value]) => ({ label, value })),
    edit: button(`${editTitle}: ${title}`, 'edit', 'default', 'none', { step }),
  };
}

const reviewSv: ReviewCardData = {
  title: 'Granska din rapport',
  intro: 'Kontrollera uppgifterna innan du skickar. Tryck på Ändra för att rätta något.',
  sections: [
    section('Vem rapporterar?', 'reporter', [
      ['Ditt namn', 'Åsa Öberg-Nyström'],
      ['Din funktion eller ditt uppdrag', 'Ledamot i bygg- och miljönämnden, ersättare i kommunfullmäktige'],
      ['Gäller rapporten dig själv eller någon annan?', 'Mig själv'],
    ]),
    section('Vem utsattes?', 'victim', [
      ['Nämnd eller styrelse', 'Bygg- och miljönämnden'],
      ['Parti', 'Centerpartiet'],
    ]),
    section('Vad hände?', 'incident', [
      ['Vad utsattes personen för?', 'Hot, Trakasserier'],
      ['Hur framfördes det?', 'Personligen'],
      ['Beskriv händelsen så detaljerat som möjligt', asUserText(LONG_DESCRIPTION, 300)],
      ['Misstänker du ett hatbrottsmotiv?', 'Vet inte'],
      ['Citat ur meddelandet', asUserText(HOSTILE_TEXT, 300)],
    ]),
    section('När och var?', 'when', [
      ['Datum', '14 mars 2025'],
      ['Ungefärlig tid', '21:30'],
      ['Plats', 'Utanför mitt hus, Ågatan 12 🏠'],
      [
        'Såg någon annan händelsen?',
        long('Min granne Örjan såg honom från balkongen och filmade en del med mobilen.'),
      ],
      ['Nådde hotet fram till den tänkta mottagaren?', 'Ja'],
    ]),
    section('Vem eller vilka var det?', 'perpetrator', [
      ['Är förövaren känd?', 'Känd'],
      ['En eller flera personer?', 'En'],
      ['Kön', 'Man'],
      ['Ungefärlig ålder', 'Cirka 50 år'],
      ['Kroppsbyggnad och längd', 'Kraftig, ungefär 185 cm'],
      ['Dialekt', 'Halländska'],
      [
        'Utmärkande drag',
        long('Grå täckjacka med reflexer, svarta kängor, ärr på vänster kind, keps med texten "ÅÄÖ".'),
      ],
      ['Har förövaren utsatt andra förtroendevalda?', 'Vet inte'],
    ]),
    section('Bakgrund', 'background', [
      ['Antas förövaren tillhöra en gruppering?', 'Nej'],
      ['Finns någon känd utlösande faktor?', 'Ett beslut'],
      ['Vilken fråga, vilket beslut eller vad?', 'Detaljplanen för Ätrastranden'],
      [
        'Beslut om eventuella åtgärder',
        long('Polisanmälan görs i dag. Säkerhetssamordnaren har erbjudit larm till bostaden.'),
      ],
      [
        'Hur upplevde den utsatte incidenten?',
        long('Mycket skrämmande, jag sover dåligt och vågar inte gå ut ensam på kvällarna. 😔'),
      ],
    ]),
    section('Polis och stöd', 'police', [
      ['Har polisen kontaktats?', 'Ja'],
      ['Om ja, när?', '15 mars 2025'],
      ['Har incidenten polisanmälts?', 'Nej'],
      ['Om inte, vill den utsatte att incidenten polisanmäls?', 'Ja'],
      ['Har den utsatte uttryckt behov av stöd eller hjälp?', 'Ja'],
      [
        'Om ja, vilka behov?',
        long('Samtalsstöd via företagshälsovården och hjälp att se över säkerheten i hemmet.'),
      ],
    ]),
    section('Stöd och information', 'informed', [
      ['Har den utsatte fått stöd eller hjälp?', 'Ja'],
      [
        'Beskriv stöd, hjälp eller andra åtgärder',
        long('Samtal med säkerhetssamordnaren och kommundirektören samma kväll.'),
      ],
      ['Har anhöriga informerats?', 'Ja'],
      ['Vem eller vilka?', 'Min make och våra barn'],
      ['Har säkerhetsansvarig i partiet informerats?', 'Ja'],
      ['Har kommunala verksamheter informerats?', 'Nej'],
    ]),
  ],
  unanswered: null,
  actions: [
    button('Skicka rapporten', 'submit', 'positive', 'none'),
    button('Spara och fortsätt senare', 'save', 'default', 'none'),
    button('Avbryt', 'cancel', 'destructive', 'none'),
  ],
  acuteFooter: SV_ACUTE,
};

const reviewEn: ReviewCardData = {
  title: 'Review your report',
  intro: 'Check the details before you send. Tap Edit to correct something.',
  sections: [
    section(
      'What happened?',
      'incident',
      [
        ['What was the person exposed to?', 'Threat'],
        ['How did it come?', 'Social media'],
        ['Describe the incident', asUserText(HOSTILE_EN, 300)],
      ],
      'Edit',
    ),
    section(
      'When and where?',
      'when',
      [
        ['Date', '14 March 2025'],
        ['Place', 'Facebook'],
      ],
      'Edit',
    ),
  ],
  unanswered: {
    text: 'Not filled in (optional): Background, Police and support.',
    rows: [
      {
        edits: [
          button('Fill in: Background', 'edit', 'default', 'none'),
          button('Fill in: Police and support', 'edit', 'default', 'none'),
        ],
      },
    ],
  },
  actions: [
    button('Send the report', 'submit', 'positive', 'none'),
    button('Cancel', 'cancel', 'destructive', 'none'),
  ],
  acuteFooter: EN_ACUTE,
};

const messageSamples: MessageCardData[] = [
  {
    title: 'Vill du avbryta rapporten?',
    lines: ['Det du har skrivit hittills raderas.', 'Du kan i stället spara och fortsätta senare.'],
    actions: [
      button('Ja, avbryt', 'cancel-confirm', 'destructive', 'none'),
      button('Spara och fortsätt senare', 'save', 'default', 'none'),
      button('Nej, fortsätt', 'resume', 'positive', 'none'),
    ],
  },
  {
    title: 'You have an unfinished report',
    lines: ['You started a report on 14 March 2025 at 21:30 and stopped at step 3 of 8.'],
    actions: [
      button('Continue', 'resume', 'positive', 'none'),
      button('Start over', 'restart', 'default', 'none'),
      button('Delete it', 'discard', 'destructive', 'none'),
    ],
  },
  {
    title: 'Utkastet är sparat',
    lines: ['Skriv "rapport" när du vill fortsätta.', 'Utkast raderas automatiskt efter 30 dagar.'],
    actions: [],
  },
  {
    title: 'The report was cancelled',
    lines: [],
    actions: [button('Start a new report', 'start', 'default', 'none')],
  },
];

const confirmationSamples: ConfirmationCardData[] = [
  {
    title: 'Tack – din rapport är skickad',
    referenceLabel: 'Referensnummer',
    reference: 'FBG-2025-0042',
    statusLabel: 'Status',
    status: 'Mottagen',
    submittedLabel: 'Skickad',
    submitted: '14 mars 2025 kl. 22:05',
    nextStepsTitle: 'Vad händer nu?',
    nextSteps: [
      'Säkerhetssamordnaren läser rapporten inom en arbetsdag och kontaktar dig.',
      'Har du inte polisanmält? Vi hjälper dig – se förberedelsebladet nedan.',
      'Spara bevis: skärmdumpar, brev och sms.',
    ],
    acuteFooter: SV_ACUTE,
    actions: [
      button('Vad gör jag nu?', 'menu', 'positive', 'none'),
      button('Mina rapporter', 'list', 'default', 'none'),
    ],
  },
  {
    title: 'Thank you – your report has been sent',
    referenceLabel: 'Reference number',
    reference: 'FBG-2025-0043',
    statusLabel: 'Status',
    status: 'Received',
    submittedLabel: 'Submitted',
    submitted: '14 March 2025, 10:05 pm',
    nextStepsTitle: 'What happens next?',
    nextSteps: ['The security coordinator reads it within one working day and contacts you.'],
    acuteFooter: EN_ACUTE,
    actions: [],
  },
];

const policeSheetSamples: PoliceSheetCardData[] = [
  {
    title: 'Inför polisanmälan',
    intro: 'Det här kan du ha framför dig när du ringer eller går till polisen.',
    howTitle: 'Så gör du',
    how: [
      'Ring 114 14 eller gå till en polisstation. Akut fara: ring 112.',
      'Säg att du är förtroendevald och att det gäller ditt uppdrag.',
      'Be om diarienumret och skriv upp det.',
    ],
    tellTitle: 'Berätta för polisen',
    tell: [
      { heading: 'Vad hände?', text: asUserText(LONG_DESCRIPTION, 500) },
      { heading: 'När och var?', text: '14 mars 2025, cirka 21:30. Utanför mitt hus, Ågatan 12 🏠' },
      { heading: 'Hur framfördes det?', text: asUserText(HOSTILE_TEXT) },
      { heading: 'Vem var det?', text: 'Man, cirka 50 år, kraftig, ungefär 185 cm, halländsk dialekt.' },
      { heading: 'Vittnen', text: 'Beskriv om någon annan såg eller hörde något.' },
    ],
    source: 'Källa: Riktlinje för förtroendevaldas säkerhet, Falkenbergs kommun, bilaga 3.',
  },
  {
    title: 'Preparing a police report',
    intro: 'Keep this in front of you when you call or visit the police.',
    howTitle: 'How to do it',
    how: ['Call 114 14 or visit a police station. In immediate danger: call 112.'],
    tellTitle: 'Tell the police',
    tell: [{ heading: 'What happened?', text: asUserText(HOSTILE_EN) }],
    source: "Source: Falkenbergs kommun's guideline on the safety of elected officials, appendix 3.",
  },
];

const STATUSES_EN = ['Received', 'In progress', 'Closed'];
const listSamples: ReportListCardData[] = [
  {
    title: 'Mina rapporter',
    empty: 'Du har inte skickat några rapporter ännu.',
    contact: [],
    reports: [],
    actions: [button('Ny rapport', 'start', 'positive', 'none')],
  },
  {
    title: 'My reports',
    empty: null,
    contact: [
      "You can reach the municipality's security coordinator by phone on +46 346 00 00 00 (weekdays 8–16).",
    ],
    reports: Array.from({ length: 20 }, (_, index) => ({
      reference: `FBG-2025-${String(42 - index).padStart(4, '0')}`,
      date: `${20 - index} March 2025`,
      status: STATUSES_EN[index % 3]!,
      handler: index % 3 === 0 ? null : `Handled by ${'Sara Säkerhetssamordnare '.repeat(4)}`,
      summary:
        index === 0
          ? asUserText(HOSTILE_EN, 120)
          : asUserText(`Threat, harassment · In person · Ågatan ${index} — ${LONG_DESCRIPTION}`, 120),
    })),
    actions: [
      button('New report', 'start', 'positive', 'none'),
      button('Back to menu', 'menu', 'default', 'none'),
    ],
  },
];

export const reportCardSamples: Record<string, object[]> = {
  'report-step': stepSamples,
  'report-review': [reviewSv, reviewEn],
  'report-message': messageSamples,
  'report-confirmation': confirmationSamples,
  'report-police-sheet': policeSheetSamples,
  'report-list': listSamples,
};
