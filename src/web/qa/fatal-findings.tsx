/** The fraudulent-order kinds (诈单, requirements §3): finding any one is a fatal error and the total is 0. */
import type { FatalKind, FatalKindCode } from '../../qa/scoring/fatal.js';
import type { ScoreDraft } from './score-draft.js';
import { t } from '../i18n/i18n.js';
import { bilingual } from '../shared/words.js';

export function FatalFindings({ kinds, found, onChange }: { kinds: FatalKind[]; found: ScoreDraft['fatal']; onChange: (found: ScoreDraft['fatal']) => void }) {
  const toggle = (code: FatalKindCode, on: boolean) => {
    const next = { ...found };
    if (on) next[code] = { note: '' };
    else delete next[code];
    onChange(next);
  };
  return (
    <div class="fatal-kinds" data-testid="fatal-kinds">
      {kinds.map((k) => {
        const f = found[k.code];
        return (
          <div class={`fatal-kind${f ? ' found' : ''}`}>
            <label class="check">
              <input type="checkbox" checked={f !== undefined} onChange={(e) => toggle(k.code, e.currentTarget.checked)} />
              <span>
                {bilingual(k.nameEn, k.nameZh)}
              </span>
            </label>
            {f && <input aria-label={t('qa.fatal.noteOn', { kind: bilingual(k.nameEn, k.nameZh) })} placeholder={t('qa.fatal.placeholder')} value={f.note} maxLength={2000} onInput={(e) => onChange({ ...found, [k.code]: { note: e.currentTarget.value } })} />}
          </div>
        );
      })}
    </div>
  );
}
