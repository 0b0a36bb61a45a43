/**
 * Staff accounts (admin only, as GET/POST/PATCH /api/users are): create, change role,
 * disable or enable (signs them out everywhere), reset a password.
 */
import { useState } from 'preact/hooks';
import { get, patch, post } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import { USER_ROLES, type PublicUser, type UserRole } from '../types.js';
import { t } from '../../i18n/i18n.js';

export function StaffSection({ meId }: { meId: number }) {
  const users = useResource(async () => (await get<{ users: PublicUser[] }>('/api/users')).users);
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [passwords, setPasswords] = useState<Record<number, string>>({});

  const run = async (fn: () => Promise<unknown>, message: string) => {
    setDone(null);
    if (await act.run(fn)) {
      setDone(message);
      await users.reload();
    }
  };

  return (
    <Card title={t('people.staff.title')} testId="staff-section">
      <Message kind="error">{users.error ?? act.error}</Message>
      <Message kind="ok">{done}</Message>
      <table>
        <thead>
          <tr>
            <th>{t('login.username')}</th>
            <th>{t('people.staff.name')}</th>
            <th>{t('people.role')}</th>
            <th>{t('campaigns.col.status')}</th>
            <th>{t('people.staff.newPassword')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr data-testid={`user-${u.username}`}>
              <td>
                {u.username} {u.id === meId && <span class="muted">({t('people.staff.you')})</span>}
              </td>
              <td>{u.displayName}</td>
              <td>
                <select
                  aria-label={t('people.staff.roleOf', { user: u.username })}
                  value={u.role}
                  disabled={act.busy}
                  onChange={(e) => {
                    const role = e.currentTarget.value as UserRole;
                    void run(() => patch(`/api/users/${u.id}`, { role }), t('people.staff.roleChanged', { user: u.username, role: t(`role.${role}`) }));
                  }}
                >
                  {USER_ROLES.map((v) => (
                    <option value={v}>{t(`role.${v}`)}</option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" disabled={act.busy} onClick={() => void run(() => patch(`/api/users/${u.id}`, { disabled: !u.disabled }), u.disabled ? t('people.staff.enabled', { user: u.username }) : t('people.staff.disabledOut', { user: u.username }))}>
                  {u.disabled ? t('people.staff.enable') : t('people.staff.disable')}
                </button>{' '}
                {u.disabled && <span class="badge bad">{t('people.disabled')}</span>}
              </td>
              <td>
                <div class="row nowrap">
                  <input
                    type="password"
                    aria-label={t('people.staff.newPasswordFor', { user: u.username })}
                    autocomplete="new-password"
                    value={passwords[u.id] ?? ''}
                    onInput={(e) => setPasswords({ ...passwords, [u.id]: e.currentTarget.value })}
                  />
                  <button
                    type="button"
                    disabled={act.busy || !passwords[u.id]}
                    onClick={() =>
                      void run(async () => {
                        await post(`/api/users/${u.id}/password`, { password: passwords[u.id] });
                        setPasswords({ ...passwords, [u.id]: '' });
                      }, t('people.staff.passwordReset', { user: u.username }))
                    }
                  >
                    {t('people.staff.reset')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewUser onCreated={(name) => void users.reload().then(() => setDone(t('people.staff.created', { user: name })))} />
    </Card>
  );
}

function NewUser({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<UserRole>('agent');
  const [password, setPassword] = useState('');
  const create = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    if (await create.run(() => post('/api/users', { username, password, role, ...(displayName ? { displayName } : {}) }))) {
      onCreated(username);
      setUsername('');
      setDisplayName('');
      setPassword('');
    }
  }
  return (
    <form class="row" onSubmit={submit} aria-label={t('people.staff.new')}>
      <Field label={t('login.username')}>
        <input name="newUsername" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
      </Field>
      <Field label={t('people.staff.displayName')}>
        <input name="newDisplayName" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </Field>
      <Field label={t('people.role')}>
        <select name="newRole" value={role} onChange={(e) => setRole(e.currentTarget.value as UserRole)}>
          {USER_ROLES.map((v) => (
            <option value={v}>{t(`role.${v}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('login.password')} hint={t('people.staff.passwordHint')}>
        <input name="newPassword" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
      </Field>
      <button class="primary" type="submit" disabled={create.busy}>
        {t('people.staff.create')}
      </button>
      <Message kind="error">{create.error}</Message>
    </form>
  );
}
