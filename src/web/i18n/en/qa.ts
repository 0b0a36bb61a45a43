export const qa = {
  'qaScoreKind.review': 'review',
  'qaScoreKind.re-review': 're-review',
  'qaResult.fatal': 'fatal',
  'qaResult.passed': 'passed',
  'qaResult.failed': 'below pass mark',
  'severity.general': 'general',
  'severity.serious': 'serious',
  'severity.minor': 'minor',
  'disputeStatus.open': 'dispute open',
  'disputeStatus.upheld': 'dispute upheld',
  'disputeStatus.amended': 'dispute amended',
} as const;
