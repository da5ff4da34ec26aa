/**
 * The guideline's Bilaga 4 ("Mall för incidentrapport") as data: every field, grouped into steps that fit a
 * phone screen. Follow-up fields carry `showIf` and count only when their answer makes them relevant; one
 * whose question is on the same step is on the card from the start, its label saying when ("Om ja, när?"),
 * so no second press of Nästa is needed to see it. No personnummer field and no field for the victim's ethnicity, religion or orientation: a
 * suspected hate-crime motive is recorded as a category only.
 */
import type { Locale } from '../../core/config';

export type FieldKind = 'text' | 'textarea' | 'choice' | 'multichoice' | 'date' | 'time';

/** Choice lists: fixed codes with labels, or the configurable lists (bodies, parties) by name. */
export type ChoiceSource =
  { fixed: Array<{ value: string; sv: string; en: string }> } | { configured: 'bodies' | 'parties' };

export interface FieldDef {
  id: string;
  kind: FieldKind;
  label: { sv: string; en: string };
  /** The wording when she reports for herself ("du"), where `label` speaks of "den utsatte". */
  selfLabel?: { sv: string; en: string };
  required?: boolean;
  maxLength?: number;
  choices?: ChoiceSource;
  /** Asked only when another field has one of these values. */
  showIf?: { field: string; equals: string[] };
  /** Dates: may not lie in the future. */
  notFuture?: boolean;
}

export interface StepDef {
  id: string;
  title: { sv: string; en: string };
  fields: FieldDef[];
}

const yesNo = {
  fixed: [
    { value: 'yes', sv: 'Ja', en: 'Yes' },
    { value: 'no', sv: 'Nej', en: 'No' },
  ],
};
const yesNoUnknown = {
  fixed: [...yesNo.fixed, { value: 'unknown', sv: 'Vet inte', en: "Don't know" }],
};
const SHORT = 200;
const LONG = 4000;

export const REPORT_STEPS: StepDef[] = [
  {
    id: 'reporter',
    title: { sv: 'Vem rapporterar?', en: 'Who is reporting?' },
    fields: [
      {
        id: 'reporterName',
        kind: 'text',
        label: { sv: 'Ditt namn', en: 'Your name' },
        required: true,
        maxLength: SHORT,
      },
      {
        id: 'reporterFunction',
        kind: 'text',
        label: { sv: 'Din funktion eller ditt uppdrag', en: 'Your role or assignment' },
        maxLength: SHORT,
      },
      {
        id: 'reportingFor',
        kind: 'choice',
        label: {
          sv: 'Gäller rapporten dig själv eller någon annan?',
          en: 'Is the report about you or someone else?',
        },
        required: true,
        choices: {
          fixed: [
            { value: 'self', sv: 'Mig själv', en: 'Myself' },
            { value: 'other', sv: 'Någon annan', en: 'Someone else' },
          ],
        },
      },
      {
        id: 'relationToVictim',
        kind: 'text',
        label: {
          sv: 'Om någon annan: din relation till den utsatte',
          en: 'If someone else: your relation to the person exposed',
        },
        required: true,
        maxLength: SHORT,
        showIf: { field: 'reportingFor', equals: ['other'] },
      },
    ],
  },
  {
    id: 'victim',
    title: { sv: 'Vem utsattes?', en: 'Who was exposed?' },
    fields: [
      {
        id: 'victimName',
        kind: 'text',
        label: { sv: 'Den utsattes namn', en: "The exposed person's name" },
        required: true,
        maxLength: SHORT,
        showIf: { field: 'reportingFor', equals: ['other'] },
      },
      {
        id: 'victimBody',
        kind: 'choice',
        label: { sv: 'Nämnd eller styrelse', en: 'Committee or board' },
        required: true,
        choices: { configured: 'bodies' },
      },
      {
        id: 'victimParty',
        kind: 'choice',
        label: { sv: 'Parti', en: 'Party' },
        required: true,
        choices: { configured: 'parties' },
      },
    ],
  },
  {
    id: 'incident',
    title: { sv: 'Vad hände?', en: 'What happened?' },
    fields: [
      {
        id: 'kinds',
        kind: 'multichoice',
        label: {
          sv: 'Vad utsattes personen för? (flera val går)',
          en: 'What was the person exposed to? (several allowed)',
        },
        selfLabel: {
          sv: 'Vad utsattes du för? (flera val går)',
          en: 'What were you exposed to? (several allowed)',
        },
        required: true,
        choices: {
          fixed: [
            { value: 'hot', sv: 'Hot', en: 'Threat' },
            { value: 'vald', sv: 'Våld', en: 'Violence' },
            { value: 'trakasserier', sv: 'Trakasserier', en: 'Harassment' },
            { value: 'skadegorelse', sv: 'Skadegörelse', en: 'Vandalism' },
            { value: 'korruption', sv: 'Korruption', en: 'Corruption' },
            { value: 'annat', sv: 'Annat', en: 'Other' },
          ],
        },
      },
      {
        id: 'channel',
        kind: 'choice',
        label: { sv: 'Hur framfördes det?', en: 'How did it come?' },
        required: true,
        choices: {
          fixed: [
            { value: 'brev', sv: 'Brev', en: 'Letter' },
            { value: 'telefon', sv: 'Telefonsamtal', en: 'Phone call' },
            { value: 'sms', sv: 'Sms', en: 'Text message' },
            { value: 'epost', sv: 'E-post', en: 'E-mail' },
            { value: 'sociala-medier', sv: 'Sociala medier', en: 'Social media' },
            { value: 'personligen', sv: 'Personligen', en: 'In person' },
            { value: 'annat', sv: 'Annat', en: 'Other' },
          ],
        },
      },
      {
        id: 'description',
        kind: 'textarea',
        label: {
          sv: 'Beskriv händelsen så detaljerat som möjligt',
          en: 'Describe the incident in as much detail as possible',
        },
        required: true,
        maxLength: LONG,
      },
      {
        id: 'hateCrimeMotive',
        kind: 'choice',
        label: {
          sv: 'Misstänker du ett hatbrottsmotiv (hudfärg, ursprung, religion, trosbekännelse eller sexuell läggning)?',
          en: 'Do you suspect a hate-crime motive (skin colour, origin, religion, belief or sexual orientation)?',
        },
        required: true,
        choices: yesNoUnknown,
      },
    ],
  },
  {
    id: 'when',
    title: { sv: 'När och var?', en: 'When and where?' },
    fields: [
      { id: 'date', kind: 'date', label: { sv: 'Datum', en: 'Date' }, required: true, notFuture: true },
      { id: 'time', kind: 'time', label: { sv: 'Ungefärlig tid', en: 'Approximate time' } },
      { id: 'place', kind: 'text', label: { sv: 'Plats', en: 'Place' }, required: true, maxLength: SHORT },
      {
        id: 'witnesses',
        kind: 'textarea',
        label: {
          sv: 'Såg någon annan händelsen? (t.ex. annan förtroendevald, familjemedlem)',
          en: 'Did anyone else see it? (e.g. another official, a family member)',
        },
        maxLength: LONG,
      },
      {
        id: 'reachedRecipient',
        kind: 'choice',
        label: {
          sv: 'Nådde hotet fram till den tänkta mottagaren?',
          en: 'Did the threat reach its intended recipient?',
        },
        choices: yesNoUnknown,
      },
    ],
  },
  {
    id: 'perpetrator',
    title: { sv: 'Vem eller vilka var det?', en: 'Who did it?' },
    fields: [
      {
        id: 'perpetratorKnown',
        kind: 'choice',
        label: { sv: 'Är förövaren känd?', en: 'Is the perpetrator known?' },
        required: true,
        choices: {
          fixed: [
            { value: 'known', sv: 'Känd', en: 'Known' },
            { value: 'unknown', sv: 'Okänd', en: 'Unknown' },
          ],
        },
      },
      {
        id: 'perpetratorCount',
        kind: 'choice',
        label: { sv: 'En eller flera personer?', en: 'One or several people?' },
        choices: {
          fixed: [
            { value: 'one', sv: 'En', en: 'One' },
            { value: 'several', sv: 'Flera', en: 'Several' },
            { value: 'unknown', sv: 'Vet inte', en: "Don't know" },
          ],
        },
      },
      { id: 'gender', kind: 'text', label: { sv: 'Kön', en: 'Gender' }, maxLength: SHORT },
      {
        id: 'approximateAge',
        kind: 'text',
        label: { sv: 'Ungefärlig ålder', en: 'Approximate age' },
        maxLength: SHORT,
      },
      {
        id: 'build',
        kind: 'text',
        label: { sv: 'Kroppsbyggnad och längd', en: 'Build and height' },
        maxLength: SHORT,
      },
      { id: 'dialect', kind: 'text', label: { sv: 'Dialekt', en: 'Dialect' }, maxLength: SHORT },
      {
        id: 'distinguishingMarks',
        kind: 'textarea',
        label: {
          sv: 'Utmärkande drag, t.ex. ärr och kläder som skor',
          en: 'Distinguishing marks, e.g. scars and clothes such as shoes',
        },
        maxLength: LONG,
      },
      {
        id: 'targetedOthers',
        kind: 'choice',
        label: {
          sv: 'Har förövaren utsatt andra förtroendevalda?',
          en: 'Has the perpetrator targeted other elected officials?',
        },
        choices: yesNoUnknown,
      },
    ],
  },
  {
    id: 'background',
    title: { sv: 'Bakgrund', en: 'Background' },
    fields: [
      {
        id: 'groupAffiliation',
        kind: 'choice',
        label: {
          sv: 'Antas förövaren tillhöra en gruppering av något slag?',
          en: 'Is the perpetrator thought to belong to a group of some kind?',
        },
        choices: yesNoUnknown,
      },
      {
        id: 'groupWhich',
        kind: 'text',
        label: { sv: 'Om ja, vilken gruppering?', en: 'If yes, which group?' },
        maxLength: SHORT,
        showIf: { field: 'groupAffiliation', equals: ['yes'] },
      },
      {
        id: 'trigger',
        kind: 'choice',
        label: { sv: 'Finns någon känd utlösande faktor?', en: 'Is there a known trigger?' },
        choices: {
          fixed: [
            {
              value: 'political-issue',
              sv: 'En särskild politisk fråga',
              en: 'A particular political issue',
            },
            { value: 'decision', sv: 'Ett beslut', en: 'A decision' },
            { value: 'other', sv: 'Annat', en: 'Other' },
            { value: 'none', sv: 'Ingen känd', en: 'None known' },
          ],
        },
      },
      {
        id: 'triggerDetails',
        kind: 'text',
        label: {
          sv: 'Om en fråga, ett beslut eller annat: vilken fråga, vilket beslut eller vad?',
          en: 'If an issue, a decision or other: which issue, decision or what?',
        },
        maxLength: SHORT,
        showIf: { field: 'trigger', equals: ['political-issue', 'decision', 'other'] },
      },
      {
        id: 'decidedMeasures',
        kind: 'textarea',
        label: {
          sv: 'Beslut om eventuella åtgärder (t.ex. polisanmälan, skyddsåtgärder)',
          en: 'Decided measures (e.g. police report, protective measures)',
        },
        maxLength: LONG,
      },
      {
        id: 'experience',
        kind: 'textarea',
        label: {
          sv: 'Hur upplevde den utsatte incidenten? (skrämmande, allvarligt menad, andra känslor)',
          en: 'How did the person experience it? (frightening, seriously meant, other feelings)',
        },
        selfLabel: {
          sv: 'Hur upplevde du incidenten? (skrämmande, allvarligt menad, andra känslor)',
          en: 'How did you experience it? (frightening, seriously meant, other feelings)',
        },
        maxLength: LONG,
      },
    ],
  },
  {
    id: 'police',
    title: { sv: 'Polis och stöd', en: 'Police and support' },
    fields: [
      {
        id: 'policeContacted',
        kind: 'choice',
        label: { sv: 'Har polisen kontaktats?', en: 'Have the police been contacted?' },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'policeContactedDate',
        kind: 'date',
        label: { sv: 'Om ja, när?', en: 'If yes, when?' },
        required: true,
        notFuture: true,
        showIf: { field: 'policeContacted', equals: ['yes'] },
      },
      {
        id: 'policeReported',
        kind: 'choice',
        label: { sv: 'Har incidenten polisanmälts?', en: 'Has the incident been reported to the police?' },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'wantsPoliceReport',
        kind: 'choice',
        label: {
          sv: 'Om inte, vill den utsatte att incidenten polisanmäls?',
          en: 'If not, does the person want it reported to the police?',
        },
        selfLabel: {
          sv: 'Om inte, vill du att incidenten polisanmäls?',
          en: 'If not, do you want it reported to the police?',
        },
        required: true,
        choices: yesNoUnknown,
        showIf: { field: 'policeReported', equals: ['no'] },
      },
      {
        id: 'needsSupport',
        kind: 'choice',
        label: {
          sv: 'Har den utsatte uttryckt behov av stöd eller hjälp?',
          en: 'Has the person expressed a need for support or help?',
        },
        selfLabel: { sv: 'Behöver du stöd eller hjälp?', en: 'Do you need support or help?' },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'supportNeeds',
        kind: 'textarea',
        label: { sv: 'Om ja, vilka behov?', en: 'If yes, which needs?' },
        required: true,
        maxLength: LONG,
        showIf: { field: 'needsSupport', equals: ['yes'] },
      },
    ],
  },
  {
    id: 'informed',
    title: { sv: 'Stöd och information', en: 'Support and information' },
    fields: [
      {
        id: 'receivedSupport',
        kind: 'choice',
        label: {
          sv: 'Har den utsatte fått stöd eller hjälp?',
          en: 'Has the person received support or help?',
        },
        selfLabel: { sv: 'Har du fått stöd eller hjälp?', en: 'Have you received support or help?' },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'supportDescription',
        kind: 'textarea',
        label: {
          sv: 'Om ja, beskriv stöd, hjälp eller andra åtgärder',
          en: 'If yes, describe the support, help or other measures',
        },
        required: true,
        maxLength: LONG,
        showIf: { field: 'receivedSupport', equals: ['yes'] },
      },
      {
        id: 'relativesInformed',
        kind: 'choice',
        label: { sv: 'Har anhöriga informerats?', en: 'Have relatives been informed?' },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'relativesWho',
        kind: 'text',
        label: { sv: 'Om ja, vilka anhöriga?', en: 'If yes, which relatives?' },
        required: true,
        maxLength: SHORT,
        showIf: { field: 'relativesInformed', equals: ['yes'] },
      },
      {
        id: 'partyInformed',
        kind: 'choice',
        label: {
          sv: 'Har säkerhetsansvarig i partiet eller annan ledande förtroendevald i partiet informerats?',
          en: "Has the party's security contact or another leading party representative been informed?",
        },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'municipalServicesInformed',
        kind: 'choice',
        label: {
          sv: 'Har kommunala verksamheter informerats?',
          en: 'Have municipal services been informed?',
        },
        required: true,
        choices: yesNoUnknown,
      },
      {
        id: 'municipalServicesWho',
        kind: 'text',
        label: { sv: 'Om ja, vilka verksamheter?', en: 'If yes, which services?' },
        required: true,
        maxLength: SHORT,
        showIf: { field: 'municipalServicesInformed', equals: ['yes'] },
      },
    ],
  },
];

/**
 * The quick report's single card: what happened, what kind, how, when and where, and the body and party the
 * alert is routed by. Every other Bilaga 4 question stays available as "Komplettera" steps.
 */
export const QUICK_STEP_INDEX = -1;
export const QUICK_FIELD_IDS = [
  'description',
  'kinds',
  'channel',
  'date',
  'place',
  'victimBody',
  'victimParty',
] as const;
/** What a quick report needs before "Skicka nu": who it is about, what happened, how and when, and the routing. */
export const QUICK_REQUIRED = new Set<string>([
  'reporterName',
  'reportingFor',
  'relationToVictim',
  'victimName',
  'victimBody',
  'victimParty',
  'kinds',
  'channel',
  'description',
  'date',
]);
const allFields = (): FieldDef[] => REPORT_STEPS.flatMap((step) => step.fields);
export const QUICK_STEP: StepDef = {
  id: 'quick',
  title: { sv: 'Rapportera det som hänt', en: 'Report what happened' },
  fields: QUICK_FIELD_IDS.map((id) => {
    const field = allFields().find((f) => f.id === id)!;
    // In the quick card only the quick-required answers are required; the place may be left for later.
    return { ...field, required: QUICK_REQUIRED.has(id) };
  }),
};

/** A step by its index in the draft: the quick card, or one of Bilaga 4's steps. */
export function stepAt(index: number): StepDef | undefined {
  return index === QUICK_STEP_INDEX ? QUICK_STEP : REPORT_STEPS[index];
}

/** The field's label, in "du" form when she reports for herself. */
export function labelFor(field: FieldDef, values: Record<string, string>, locale: Locale): string {
  const self = values.reportingFor === 'self' && field.selfLabel;
  return (self ? field.selfLabel! : field.label)[locale];
}

export const FIELD_IDS = REPORT_STEPS.flatMap((step) => step.fields.map((field) => field.id));

export function fieldLabel(field: FieldDef, locale: Locale): string {
  return field.label[locale];
}

/** The titles of a fixed-choice field's codes ("hot,vald" → "Hot, Våld"); unknown codes are shown as they are. */
export function choiceTitles(fieldId: string, codes: string, locale: Locale): string {
  const field = REPORT_STEPS.flatMap((step) => step.fields).find((f) => f.id === fieldId);
  const fixed = field?.choices && 'fixed' in field.choices ? field.choices.fixed : [];
  return codes
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => fixed.find((choice) => choice.value === code)?.[locale] ?? code)
    .join(', ');
}
