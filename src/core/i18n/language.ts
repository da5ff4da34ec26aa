import type { Locale } from '../config';
import { words } from '../text/normalize';

// Function words that tell the two languages apart in short, sloppy messages (folded: no å/ä/ö).
const ENGLISH = new Set(
  'i me my you the a an is are was what how who when where why do does did can should could would someone somebody it this that to of and or with at in on for if police help threat threatened have has got hi hello hey thanks please'.split(
    ' ',
  ),
);
const SWEDISH = new Set(
  'jag mig min mitt du dig han hon den det de vi ni en ett ar var vad hur vem nar varfor gor kan ska och att som pa med for om till inte nagon nagot har fick blev polisen hjalp hot hotad hotar hej hejsan tja tjena halla tack meny rapportera anmala mina rapporter checklista sammantrade fullmaktige namnd ar brott arenden statistik'.split(
    ' ',
  ),
);

/**
 * The language to answer in: English when the Teams locale is English or the message is clearly English,
 * otherwise the locale's (Swedish by default).
 */
export function answerLanguage(text: string | undefined, locale: Locale): Locale {
  if (!text) return locale;
  let english = 0;
  let swedish = 0;
  for (const word of words(text)) {
    if (ENGLISH.has(word)) english++;
    if (SWEDISH.has(word)) swedish++;
  }
  if (english >= 2 && english > swedish * 2) return 'en';
  if (swedish >= 1 && swedish >= english) return 'sv';
  return locale;
}
