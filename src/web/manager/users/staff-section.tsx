/**
 * Staff accounts (admin only, as GET/POST/PATCH /api/users are): create, change role,
 * disable or enable (signs them out everywhere), reset a password.
 */
import { useState } from 'preact/hooks';
import { get, patch, post } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import { USER_ROLE_LABELS, type PublicUser, type UserRole } from '../types.js';

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
    <Card title="Staff accounts" testId="staff-section">
      <Message kind="error">{users.error ?? act.error}</Message>
      <Message kind="ok">{done}</Message>
      <table>
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>New password</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr data-testid={`user-${u.username}`}>
              <td>
                {u.username} {u.id === meId && <span class="muted">(you)</span>}
              </td>
              <td>{u.displayName}</td>
              <td>
                <select aria-label={`Role of ${u.username}`} value={u.role} disabled={act.busy} onChange={(e) => void run(() => patch(`/api/users/${u.id}`, { role: e.currentTarget.value }), `${u.username} is now ${e.currentTarget.value}.`)}>
                  {Object.entries(USER_ROLE_LABELS).map(([v, label]) => (
                    <option value={v}>{label}</option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" disabled={act.busy} onClick={() => void run(() => patch(`/api/users/${u.id}`, { disabled: !u.disabled }), `${u.username} ${u.disabled ? 'enabled' : 'disabled and signed out'}.`)}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>{' '}
                {u.disabled && <span class="badge bad">disabled</span>}
              </td>
              <td>
                <div class="row nowrap">
                  <input
                    type="password"
                    aria-label={`New password for ${u.username}`}
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
                      }, `Password of ${u.username} reset; their sessions were ended.`)
                    }
                  >
                    Reset
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewUser onCreated={(name) => void users.reload().then(() => setDone(`${name} created.`))} />
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
    <form class="row" onSubmit={submit} aria-label="New staff account">
      <Field label="Username">
        <input name="newUsername" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
      </Field>
      <Field label="Display name">
        <input name="newDisplayName" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </Field>
      <Field label="Role">
        <select name="newRole" value={role} onChange={(e) => setRole(e.currentTarget.value as UserRole)}>
          {Object.entries(USER_ROLE_LABELS).map(([v, label]) => (
            <option value={v}>{label}</option>
          ))}
        </select>
      </Field>
      <Field label="Password" hint="at least 10 characters">
        <input name="newPassword" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
      </Field>
      <button class="primary" type="submit" disabled={create.busy}>
        Create account
      </button>
      <Message kind="error">{create.error}</Message>
    </form>
  );
}
