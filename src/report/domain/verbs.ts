/** The report capability's card verbs; other capabilities' cards import them from here (never a bare string). */
export const REPORT_VERBS = {
  start: 'report.start',
  resume: 'report.resume',
  restart: 'report.restart',
  step: 'report.step',
  edit: 'report.edit',
  askCancel: 'report.askCancel',
  cancel: 'report.cancel',
  submit: 'report.submit',
  mine: 'report.mine',
} as const;
