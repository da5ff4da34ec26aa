/** The guidance capability's card verbs; other capabilities' cards import them from here (never a bare string). */
export const GUIDANCE_VERBS = {
  topic: 'guidance.topic',
  triage: 'guidance.triage',
  menu: 'guidance.menu',
  allTopics: 'guidance.topics',
} as const;
