/** Display helpers of the QA console. */
import type { TimelineMarker } from '../../qa/call-timeline.js';

// Shared with the manager console's subscription evidence.
export { playTime } from '../shared/format.js';

/** A short glyph for a marker on the timeline (its label says the rest). */
export function markerGlyph(m: TimelineMarker): string {
  switch (m.kind) {
    case 'keypress':
      return m.digit ?? '#';
    case 'disclosure-start':
    case 'disclosure-end':
      return 'T';
    case 'identity-question':
    case 'confirm-question':
      return '?';
    case 'refusal':
      return '✕';
    case 'speaker-changed':
      return '⇄';
    case 'identity-confirmed':
      return '✓';
    case 'opening':
      return 'O';
    case 'agent-connected':
      return 'A';
    default:
      return '•';
  }
}

/** Who did it, in words. */
export const BY_WORDS: Record<TimelineMarker['by'], string> = { system: 'System', agent: 'Agent', customer: 'Customer' };

/** The short id of a call for tables (the full id is in the title). */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

/** The label of the cycle `back` cycles before `label` ('YYYY-MM': cycles are named by month, one a month). */
export function previousCycle(label: string, back: number): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const months = y * 12 + (m - 1) - back;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
}
