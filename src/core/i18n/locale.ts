import type { Locale } from '../config';
import { coreMessages, type CoreMessages } from './messages';

/** Teams sends the client's locale ("sv-SE", "en-US"); anything that is not English gets Swedish. */
export function localeFrom(activityLocale: string | undefined, fallback: Locale): Locale {
  if (!activityLocale) return fallback;
  const language = activityLocale.toLowerCase().split(/[-_]/)[0];
  if (language === 'en') return 'en';
  if (language === 'sv') return 'sv';
  return fallback;
}

export function messagesFor(locale: Locale): CoreMessages {
  return coreMessages[locale];
}
