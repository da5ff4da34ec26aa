/**
 * The data the guidance card templates (cards/guidance-*.json) are expanded with. Every string is already
 * localised; a question someone typed only travels as button data, clipped by `asUserText`.
 */

/** A card button: its title and the data the card posts back (a verb and its data). */
export interface CardButton {
  title: string;
  payload: Record<string, unknown>;
}

interface Numbered {
  number: number;
  text: string;
}

/** cards/guidance-answer.json: a topic of the guideline, first actions first, the whole section behind "Visa mer". */
export interface AnswerCardData {
  preface: string | null;
  title: string;
  first: { label: string; actions: Numbered[] } | null;
  more: { title: string } | null;
  summary: string;
  steps: Numbered[];
  point: { label: string; text: string } | null;
  closing: string | null;
  source: string;
  acuteFooter: string;
  actions: CardButton[];
  moreActions: CardButton[];
}

/** cards/guidance-choices.json: the closest topics when the question was not clear. */
export interface ChoicesCardData {
  message: string;
  choices: CardButton[];
  acuteFooter: string;
  actions: CardButton[];
}

/** cards/guidance-situations.json: "hjälp" / "meny", the situations people come with. */
export interface SituationsCardData {
  title: string;
  intro: string;
  acuteFooter: string;
  situations: CardButton[];
}

/** cards/guidance-menu.json: every topic, grouped. */
export interface TopicMenuCardData {
  title: string;
  intro: string;
  acuteFooter: string;
  groups: Array<{ heading: string; topics: CardButton[] }>;
}

/** cards/guidance-question.json: one triage question with its answers as buttons. */
export interface TriageQuestionCardData {
  title: string;
  question: string;
  choices: CardButton[];
  acuteFooter: string;
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'guidance-answer': AnswerCardData;
    'guidance-choices': ChoicesCardData;
    'guidance-situations': SituationsCardData;
    'guidance-menu': TopicMenuCardData;
    'guidance-question': TriageQuestionCardData;
  }
}
