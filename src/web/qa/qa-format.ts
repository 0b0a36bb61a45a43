/** Display helpers of the QA console. */
import type { TimelineMarker } from '../../qa/call-timeline.js';
import { t } from '../i18n/i18n.js';

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
export function byWords(by: TimelineMarker['by']): string {
  return t(`markerBy.${by}`);
}

/** Markers whose words depend only on their kind (the others carry the service's own label, with its details). */
const FIXED_MARKERS = ['identity-confirmed', 'speaker-changed', 'verification-start', 'disclosure-start', 'disclosure-end', 'no-input', 'opening', 'agent-connected'] as const;
type FixedMarker = (typeof FIXED_MARKERS)[number];
const isFixed = (kind: string): kind is FixedMarker => (FIXED_MARKERS as readonly string[]).includes(kind);

/** A timeline marker in words: the catalogue's for the fixed kinds, the service's label for the rest. */
export function markerLabel(m: TimelineMarker): string {
  return isFixed(m.kind) ? t(`marker.${m.kind}`) : m.label;
}

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
