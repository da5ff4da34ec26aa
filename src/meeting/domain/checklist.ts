import type { Locale } from '../../core/config';

/**
 * The guideline's Bilaga 2 ("Vid sammanträden med kommunfullmäktige") as data: its five headings and their
 * items in the guideline's order and wording. The English texts are the knowledge base's English for the
 * same lines (topic `meeting-checklist`), so the two never drift apart; a test checks both.
 */
export type SectionId = 'kontrollera' | 'forhojdRisk' | 'ordningsstorning' | 'efterkontroll' | 'folje';

/** When a section's items must be done before the meeting's record counts as complete. */
export type Requirement = 'always' | 'ifElevatedRisk' | 'ifDisturbance';

export interface ChecklistItem {
  /** Short ASCII code, stable: stored per meeting and posted back by the card. */
  id: string;
  text: Record<Locale, string>;
  /** Where the item comes from, for the trace test and the card's "Källa". */
  source: { section: 'Bilaga 2'; heading: string; kbTopic: 'meeting-checklist'; kbStep: number };
}

export interface ChecklistSection {
  id: SectionId;
  heading: Record<Locale, string>;
  /** When in the meeting the section applies; the card groups by it. */
  phase: 'before' | 'during' | 'after';
  requirement: Requirement;
  items: ChecklistItem[];
}

const item = (id: string, heading: string, kbStep: number, sv: string, en: string): ChecklistItem => ({
  id,
  text: { sv, en },
  source: { section: 'Bilaga 2', heading, kbTopic: 'meeting-checklist', kbStep },
});

export const CHECKLIST: readonly ChecklistSection[] = [
  {
    id: 'kontrollera',
    heading: { sv: 'Kontrollera', en: 'Check' },
    phase: 'before',
    requirement: 'always',
    items: [
      item('entre', 'Kontrollera', 0, 'Entrén', 'The entrance'),
      item(
        'nodutgangar',
        'Kontrollera',
        0,
        'Nödutgångar/utrymningsvägar',
        'Emergency exits/evacuation routes',
      ),
      item('skyltar', 'Kontrollera', 0, 'Utrymningsskyltar', 'Exit signs'),
      item('brandslackare', 'Kontrollera', 0, 'Brandsläckare', 'Fire extinguishers'),
      item(
        'lokalen',
        'Kontrollera',
        0,
        'Lokalen (avvikande föremål etcetera)',
        'The room (unusual objects etc.)',
      ),
      item('toaletter', 'Kontrollera', 0, 'Toaletter', 'Toilets'),
    ],
  },
  {
    id: 'forhojdRisk',
    heading: { sv: 'Förhöjd risk', en: 'Heightened risk' },
    phase: 'before',
    requirement: 'ifElevatedRisk',
    items: [
      item(
        'polisen',
        'Förhöjd risk',
        1,
        'Kontakta polisen (kommunpolisen)',
        'Contact the police (the community police officer, kommunpolisen)',
      ),
      item(
        'partikontakt',
        'Förhöjd risk',
        2,
        'Kontakt mellan kommunen och partiernas säkerhetsansvariga',
        "Contact between the municipality and the parties' security contacts",
      ),
      item(
        'altingang',
        'Förhöjd risk',
        3,
        'Alternativ ingång till sammanträdet',
        'An alternative entrance to the meeting',
      ),
      item(
        'vaktare',
        'Förhöjd risk',
        3,
        'Bedöm behov av väktare och eventuell placering',
        'Assess the need for security guards and where to place them',
      ),
    ],
  },
  {
    id: 'ordningsstorning',
    heading: { sv: 'Ordningsstörning', en: 'Disturbance' },
    phase: 'during',
    requirement: 'ifDisturbance',
    items: [
      item(
        'lamnasalen',
        'Ordningsstörning',
        4,
        'Be vänligen men bestämt personen att lämna salen',
        'Kindly but firmly ask the person to leave the chamber',
      ),
      item(
        'polisstorning',
        'Ordningsstörning',
        5,
        'Kontakta polis vid fortsatt störning i salen eller utanför (som påverkar sammanträdet)',
        'Contact the police if the disturbance continues in the chamber or outside (affecting the meeting)',
      ),
    ],
  },
  {
    id: 'efterkontroll',
    heading: { sv: 'Efterkontroll', en: 'Final check' },
    phase: 'after',
    requirement: 'always',
    items: [
      item('eftertoaletter', 'Efterkontroll', 6, 'Toaletter', 'Toilets'),
      item(
        'altutrymning',
        'Efterkontroll',
        6,
        'Alternativa utrymningsvägar',
        'Alternative evacuation routes',
      ),
      item(
        'lastdorrar',
        'Efterkontroll',
        7,
        'Se till att fönster och dörrar är låsta',
        'Make sure windows and doors are locked',
      ),
      item(
        'larmar',
        'Efterkontroll',
        7,
        'Ansvarig låser och larmar',
        'The person responsible locks up and sets the alarm',
      ),
    ],
  },
  {
    id: 'folje',
    heading: { sv: 'Följe', en: 'Accompany' },
    phase: 'after',
    requirement: 'always',
    items: [
      item(
        'folje',
        'Följe',
        8,
        'Gör varandra sällskap efter mötet, exempelvis till parkerade bilar eller cyklar',
        'Keep each other company after the meeting, for example to parked cars or bikes',
      ),
    ],
  },
];

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = CHECKLIST.flatMap((section) => section.items);

export const ITEM_IDS: readonly string[] = CHECKLIST_ITEMS.map((i) => i.id);

export function sectionOf(itemId: string): ChecklistSection | undefined {
  return CHECKLIST.find((section) => section.items.some((i) => i.id === itemId));
}

/**
 * Whether an item must be done for the record to be complete: Kontrollera, Efterkontroll and Följe always;
 * Förhöjd risk only when the meeting has elevated risk; Ordningsstörning only if a disturbance happened,
 * which the checklist cannot know, so those are never counted as missing.
 */
export function isRequired(section: ChecklistSection, elevatedRisk: boolean): boolean {
  return section.requirement === 'always' || (section.requirement === 'ifElevatedRisk' && elevatedRisk);
}
