/** The cases capability's card verbs; other capabilities' cards import them from here (never a bare string). */
export const CASE_VERBS = {
  menu: 'cases.menu',
  list: 'cases.list',
  open: 'cases.open',
  status: 'cases.status',
  measures: 'cases.measures',
  note: 'cases.note',
  link: 'cases.link',
  stats: 'cases.stats',
  export: 'cases.export',
} as const;
