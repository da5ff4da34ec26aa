import type { Locale } from '../core/config';

/** Fixed strings of the guidance capability, Swedish and English. */
export const guidanceMessages = {
  sv: {
    sourceLabel: 'Källa',
    closestPoint: 'Närmast din fråga',
    section: 'avsnitt',
    // Decided acute: one firm line, no "if". The card under it starts with the next thing to do.
    acuteNow: 'Ring 112 nu.',
    // The card's first action is Bilaga 1's "Ta inga personliga risker i onödan": not said twice.
    acuteCardPreface: 'Gör så här medan du väntar på hjälp:',
    firstActions: 'Gör det här först',
    showMore: 'Visa mer',
    draftSaved:
      'Din påbörjade rapport är sparad. Skriv "rapportera incident" när du är i säkerhet, så fortsätter du där du slutade.',
    alarm: (role: string) => `Larma ${role}`,
    alarmNote: (role: string) =>
      `"Larma ${role}" skickar ditt namn och klockslaget till ${role} och ditt partis säkerhetsansvariga. Det ersätter aldrig 112.`,
    possibleDanger: 'Är du eller någon annan i fara just nu? Ring 112.',
    afterSafe: 'Jag är i säkerhet – vad gör jag nu?',
    report: 'Rapportera incident',
    policeReport: 'Förbered polisanmälan',
    startChecklist: 'Starta checklistan',
    menu: 'Alla ämnen',
    askChief: (role: string) => `Fråga ${role}`,
    uncertain: 'Jag är inte säker på vad du menar. Gäller det något av det här?',
    empty: 'Skriv med egna ord vad som har hänt eller vad du undrar, eller välj ett ämne.',
    menuTitle: 'Vad vill du veta?',
    situationsIntro: 'Välj det som liknar din situation, eller skriv med egna ord vad som har hänt.',
    situations: {
      socialMedia: 'Hot i sociala medier',
      letterOrParcel: 'Hotbrev eller misstänkt paket',
      stalking: 'Någon förföljer mig',
      meeting: 'Inför ett sammanträde',
      report: 'Rapportera',
      more: 'Fler ämnen',
    },
    allTopicsTitle: 'Alla ämnen',
    menuIntro: 'Tryck på ett ämne. Du kan också skriva din fråga med egna ord.',
    triageTitle: 'Vad gör jag nu?',
    triageNow: 'Pågår det just nu – är du eller någon annan i fara?',
    triageHurt: 'Är någon skadad?',
    triageChannel: 'Hur kom hotet eller trakasserierna?',
    yes: 'Ja',
    no: 'Nej',
    hurtPreface: 'Någon är skadad: sök alltid vård, så att skadorna tas om hand och dokumenteras (Bilaga 1).',
    triageDone:
      'Rapportera gärna händelsen till kommunen – även om du inte polisanmäler. Det hjälper kommunen att stödja dig.',
    channels: {
      'social-media': 'Sociala medier',
      'phone-threat': 'Telefon eller sms',
      'internet-threat': 'E-post eller internet',
      'threat-letter': 'Brev',
      'suspicious-parcel': 'Paket eller försändelse',
      'in-person': 'Öga mot öga',
      stalking: 'Upprepat – någon förföljer mig',
    },
    groups: {
      now: 'Efter eller under en händelse',
      channels: 'Hot via olika kanaler',
      meetings: 'Sammanträden',
      roles: 'Vem gör vad',
      definitions: 'Vad räknas som…',
    },
  },
  en: {
    sourceLabel: 'Source',
    closestPoint: 'Closest to your question',
    section: 'section',
    acuteNow: 'Call 112 now.',
    acuteCardPreface: 'Do this while you wait for help:',
    firstActions: 'Do this first',
    showMore: 'Show more',
    draftSaved:
      'Your unfinished report is saved. Write "report an incident" when you are safe and you continue where you left off.',
    alarm: (role: string) => `Alert ${role}`,
    alarmNote: (role: string) =>
      `"Alert ${role}" sends your name and the time to ${role} and your party's security contact. It never replaces 112.`,
    possibleDanger: 'Are you or someone else in danger right now? Call 112.',
    afterSafe: 'I am safe – what do I do now?',
    report: 'Report an incident',
    policeReport: 'Prepare a police report',
    startChecklist: 'Start the checklist',
    menu: 'All topics',
    askChief: (role: string) => `Ask ${role}`,
    uncertain: "I'm not sure what you mean. Is it one of these?",
    empty: 'Write in your own words what happened or what you want to know, or pick a topic.',
    menuTitle: 'What do you want to know?',
    situationsIntro: 'Pick what is closest to your situation, or write in your own words what happened.',
    situations: {
      socialMedia: 'Threats on social media',
      letterOrParcel: 'Threatening letter or suspicious parcel',
      stalking: 'Someone is following me',
      meeting: 'Before a meeting',
      report: 'Report',
      more: 'More topics',
    },
    allTopicsTitle: 'All topics',
    menuIntro: 'Tap a topic. You can also type your question in your own words.',
    triageTitle: 'What do I do now?',
    triageNow: 'Is it happening right now – are you or someone else in danger?',
    triageHurt: 'Is anyone hurt?',
    triageChannel: 'How did the threat or harassment come?',
    yes: 'Yes',
    no: 'No',
    hurtPreface:
      'Someone is hurt: always seek medical care, so injuries are treated and documented (Bilaga 1).',
    triageDone:
      "Please report the incident to the municipality – even if you don't report it to the police. It helps the municipality support you.",
    channels: {
      'social-media': 'Social media',
      'phone-threat': 'Phone or text message',
      'internet-threat': 'E-mail or internet',
      'threat-letter': 'Letter',
      'suspicious-parcel': 'Parcel or package',
      'in-person': 'Face to face',
      stalking: 'Repeatedly – someone is following me',
    },
    groups: {
      now: 'After or during an incident',
      channels: 'Threats through different channels',
      meetings: 'Meetings',
      roles: 'Who does what',
      definitions: 'What counts as…',
    },
  },
} as const;

export type GuidanceMessages = (typeof guidanceMessages)['sv'];

export function guidanceText(locale: Locale): GuidanceMessages {
  return guidanceMessages[locale] as GuidanceMessages;
}
