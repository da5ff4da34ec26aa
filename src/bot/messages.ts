import type { Locale } from '../core/config';

/** What the bot itself says (outside any capability): Swedish first, English too. */
const sv = {
  notUnderstood: 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:',
  /** For the security chief, the deputy and party contacts: alerts arrive in this chat. */
  roleNotice: 'Du har en säkerhetsroll: larm om nya incidentrapporter kommer i den här chatten.',
  /** Reports, cases, questions and contacts are personal data: they are shown only in the 1:1 chat. */
  personalOnly:
    'Det här gör jag bara i en privat chatt (1:1) med mig, så att ingen annan ser det. Öppna chatten med Trygg förtroendevald (klicka på mitt namn och välj Chatt) och skriv eller tryck där. Vid akut fara: ring 112.',
  /** Stored data is keyed on the Entra object id, which only an authenticated Teams client carries. */
  needsIdentity:
    'Det här fungerar bara i Teams, inloggad med ditt konto i kommunen. Vid akut fara: ring 112.',
  staleButton: 'Den knappen går inte att använda längre. Välj här i stället:',
};

const en: typeof sv = {
  notUnderstood: "I didn't quite understand. This is what I can help with:",
  roleNotice: 'You have a security role: alerts about new incident reports arrive in this chat.',
  personalOnly:
    'I only do this in a private (1:1) chat with me, so nobody else sees it. Open the chat with Trygg förtroendevald (select my name, then Chat) and write or press there. In acute danger: call 112.',
  needsIdentity:
    'This only works in Teams, signed in with your municipal account. In acute danger: call 112.',
  staleButton: 'That button can no longer be used. Choose here instead:',
};

export const botText = (locale: Locale): typeof sv => (locale === 'en' ? en : sv);
