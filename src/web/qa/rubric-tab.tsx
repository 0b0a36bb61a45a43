/**
 * The rubric in force: its categories and items (read only here), the pass mark and the bonus
 * items (manual 000's 特别加分项: points added, the total capped at 100). A manager saves
 * changes as a new version (scores keep the version they were made with); QA reads it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RubricBonusItem } from '../../qa/scoring/rubric.js';
import type { Me } from '../shared/api.js';
import { post } from '../shared/api.js';
import { useAction, useResource } from '../shared/hooks.js';
import { Card, Field, Message } from '../shared/ui.js';
import { bilingual } from '../shared/words.js';
import { t } from '../i18n/i18n.js';
import { qaApi, type RubricRow } from './qa-api.js';
import { TableHead } from './table-head.js';

/** Roles the service lets save a rubric version (manager; admin passes every role check). */
const EDITING_ROLES: ReadonlyArray<Me['role']> = ['manager', 'admin'];

type BonusDraft = { code: string; nameZh: string; nameEn: string; maxPoints: string };

const draftOf = (b: RubricBonusItem): BonusDraft => ({ code: b.code, nameZh: b.nameZh, nameEn: b.nameEn, maxPoints: String(b.maxPoints) });

export function RubricTab({ me }: { me: Me }) {
  const rubric = useResource(qaApi.rubric);
  const [saved, setSaved] = useState<number | null>(null);
  const r = rubric.data;
  return (
    <>
      <Message kind="error">{rubric.error}</Message>
      {r && (
        <RubricView
          key={r.version}
          rubric={r}
          editable={EDITING_ROLES.includes(me.role)}
          onSaved={(version) => {
            setSaved(version);
            void rubric.reload();
          }}
        />
      )}
      {saved !== null && (
        <Message kind="ok">
          <span data-testid="rubric-saved">{t('qaRubric.saved', { version: saved })}</span>
        </Message>
      )}
    </>
  );
}

function RubricView({ rubric, editable, onSaved }: { rubric: RubricRow; editable: boolean; onSaved: (version: number) => void }) {
  const def = rubric.definition;
  const [name, setName] = useState(rubric.name);
  const [passScore, setPassScore] = useState(String(def.passScore));
  const [bonuses, setBonuses] = useState<BonusDraft[]>((def.bonusItems ?? []).map(draftOf));
  const action = useAction();
  useEffect(() => action.clear(), [name, passScore, bonuses]);
  const setBonus = (i: number, patch: Partial<BonusDraft>) => setBonuses((rows) => rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const save = () =>
    void action.run(async () => {
      const definition = {
        ...def,
        passScore: Number(passScore),
        bonusItems: bonuses.map((b) => ({ code: b.code.trim(), nameZh: b.nameZh.trim(), nameEn: b.nameEn.trim(), maxPoints: Number(b.maxPoints) })),
      };
      const row = await post<RubricRow>('/api/qa/rubrics', { name: name.trim(), definition });
      onSaved(row.version);
    });
  return (
    <Card title={t('qa.rubric.title', { name: rubric.name, version: String(rubric.version) })} testId="rubric-tab">
      <table class="rubric-items">
        <TableHead columns={[t('qa.deduct.item'), `#${t('qa.items.max')}`]} />
        {def.categories.map((cat) => (
          <tbody>
            <tr class="rubric-category">
              <th>{bilingual(cat.nameEn, cat.nameZh)}</th>
              <th class="num">{cat.maxPoints}</th>
            </tr>
            {cat.items.map((item) => (
              <tr>
                <td>{bilingual(item.nameEn, item.nameZh)}</td>
                <td class="num">{item.maxPoints}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <h3>{t('qaBonus.title')}</h3>
      <p class="muted">{t('qaBonus.intro')}</p>
      <table data-testid="rubric-bonus-items">
        <TableHead columns={[t('qaBonus.code'), t('qaBonus.nameZh'), t('qaBonus.nameEn'), `#${t('qa.items.max')}`, '']} />
        <tbody>
          {bonuses.map((b, i) => (
            <tr data-bonus-row={i}>
              <td>{editable ? <input name={`bonusCode${i}`} aria-label={t('qaBonus.code')} value={b.code} onInput={(e) => setBonus(i, { code: e.currentTarget.value })} /> : <code>{b.code}</code>}</td>
              <td>{editable ? <input name={`bonusNameZh${i}`} aria-label={t('qaBonus.nameZh')} value={b.nameZh} onInput={(e) => setBonus(i, { nameZh: e.currentTarget.value })} /> : b.nameZh}</td>
              <td>{editable ? <input name={`bonusNameEn${i}`} aria-label={t('qaBonus.nameEn')} value={b.nameEn} onInput={(e) => setBonus(i, { nameEn: e.currentTarget.value })} /> : b.nameEn}</td>
              <td class="num">
                {editable ? <input type="number" min={1} max={100} name={`bonusMax${i}`} aria-label={t('qa.items.max')} value={b.maxPoints} onInput={(e) => setBonus(i, { maxPoints: e.currentTarget.value })} /> : b.maxPoints}
              </td>
              <td>
                {editable && (
                  <button type="button" onClick={() => setBonuses((rows) => rows.filter((_, j) => j !== i))}>
                    {t('qaBonus.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {bonuses.length === 0 && (
            <tr>
              <td colSpan={5} class="muted">
                {t('qaBonus.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {editable ? (
        <>
          <div class="row">
            <button type="button" onClick={() => setBonuses((rows) => [...rows, { code: '', nameZh: '', nameEn: '', maxPoints: '2' }])}>
              {t('qaBonus.add')}
            </button>
          </div>
          <div class="row">
            <Field label={t('qaRubric.passScore')}>
              <input type="number" min={0} max={100} name="passScore" value={passScore} onInput={(e) => setPassScore(e.currentTarget.value)} />
            </Field>
            <Field label={t('qaRubric.versionName')}>
              <input name="rubricName" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
            <button type="button" class="primary" disabled={action.busy} onClick={save}>
              {t('qaRubric.save')}
            </button>
          </div>
          <p class="muted">{t('qaRubric.versionHint')}</p>
        </>
      ) : (
        <p class="muted">
          {t('qaRubric.passLine', { pass: def.passScore })} {t('qaRubric.managersEdit')}
        </p>
      )}
      <Message kind="error">{action.error}</Message>
    </Card>
  );
}
