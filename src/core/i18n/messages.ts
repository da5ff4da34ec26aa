/**
 * Every fixed string the bot says, in Swedish (default) and English. Capabilities add their own
 * dictionaries beside their code; this one holds the shared core's.
 */
export const coreMessages = {
  sv: {
    turnError:
      'Något gick fel hos mig. Ditt sparade arbete finns kvar – försök igen om en stund. Vid akut fara: ring 112.',
    acuteLine: 'Vid akut fara eller pågående händelse: ring 112.',
    policeLine: 'Annars: polisen på 114 14 eller polisen.se.',
    acuteFooter: 'Vid akut fara: ring 112. Annars polisen på 114 14 eller polisen.se.',
    welcomeTitle: 'Trygg förtroendevald',
    welcomeIntro:
      'Jag hjälper dig som är förtroendevald i {organisation} att agera vid hot, våld och trakasserier – utifrån kommunens riktlinje "{guidelineTitle}".',
    welcomeCanDo: 'Det här kan du göra:',
    welcomeAsk: 'Fråga vad du ska göra nu – skriv med egna ord.',
    welcomeReport: 'Rapportera en incident till kommunens {securityChief}.',
    welcomeChecklist: 'Få checklistan inför ett sammanträde.',
    actionWhatNow: 'Vad gör jag nu?',
    actionReport: 'Rapportera incident',
    actionChecklist: 'Checklista inför sammanträde',
    actionMenu: 'Visa ämnen',
    source: 'Källa',
  },
  en: {
    turnError:
      'Something went wrong on my side. Your saved work is kept – please try again shortly. In acute danger: call 112.',
    acuteLine: 'In acute danger or an ongoing incident: call 112.',
    policeLine: 'Otherwise: the police on 114 14 or polisen.se.',
    acuteFooter: 'In acute danger: call 112. Otherwise the police on 114 14 or polisen.se.',
    welcomeTitle: 'Trygg förtroendevald',
    welcomeIntro:
      'I help elected officials in {organisation} act on threats, violence and harassment – based on the municipality\'s guideline "{guidelineTitle}".',
    welcomeCanDo: 'What you can do:',
    welcomeAsk: 'Ask what to do now – in your own words.',
    welcomeReport: "Report an incident to the municipality's {securityChief}.",
    welcomeChecklist: 'Get the checklist before a council meeting.',
    actionWhatNow: 'What do I do now?',
    actionReport: 'Report an incident',
    actionChecklist: 'Meeting checklist',
    actionMenu: 'Show topics',
    source: 'Source',
  },
} as const;

export type CoreMessages = { [K in keyof (typeof coreMessages)['sv']]: string };
