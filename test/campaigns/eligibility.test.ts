/** Who may take a campaign's calls (requirements §1): assignments, teams, priorities, qualifications. */
import { describe, expect, it } from 'vitest';
import { grantValid, OPEN_CAMPAIGN_PRIORITY, Roster, type RosterFacts } from '../../src/campaigns/eligibility.js';

const DAY = 86_400_000;
const ANN = 1;
const BO = 2;
const CY = 3;
const VP15 = 10; // needs VP15-trained, assigned to Ann and team B
const OPEN = 11; // no assignments
const SHARED = 12; // Ann at 2, team B at 7, Bo directly at 3
const OPEN_QUAL = 13; // no assignments but needs a qualification

function facts(patch: Partial<RosterFacts> = {}): RosterFacts {
  return {
    assignments: [
      { campaignId: VP15, agentId: ANN, team: null, priority: 5 },
      { campaignId: VP15, agentId: null, team: 'B', priority: 4 },
      { campaignId: SHARED, agentId: ANN, team: null, priority: 2 },
      { campaignId: SHARED, agentId: null, team: 'B', priority: 7 },
      { campaignId: SHARED, agentId: BO, team: null, priority: 3 },
    ],
    grants: [
      { agentId: ANN, code: 'VP15-trained', grantedAt: 10 * DAY, expiresAt: null },
      { agentId: BO, code: 'VP15-trained', grantedAt: 10 * DAY, expiresAt: 20 * DAY },
    ],
    required: new Map([
      [VP15, 'VP15-trained'],
      [OPEN, null],
      [SHARED, null],
      [OPEN_QUAL, 'VP15-trained'],
    ]),
    teams: new Map([
      [ANN, 'A'],
      [BO, 'B'],
      [CY, 'B'],
    ]),
    ...patch,
  };
}

describe('campaign eligibility', () => {
  const roster = new Roster(facts());
  const at = 15 * DAY;

  it('an open campaign takes every agent, below any assignment; an assigned one only its agents and teams', () => {
    expect([ANN, BO, CY].map((a) => roster.priority(a, OPEN, at))).toEqual([OPEN_CAMPAIGN_PRIORITY, OPEN_CAMPAIGN_PRIORITY, OPEN_CAMPAIGN_PRIORITY]);
    expect(roster.priority(ANN, SHARED, at)).toBe(2);
    // A direct assignment wins over the team's, either way.
    expect(roster.priority(BO, SHARED, at)).toBe(3);
    expect(roster.priority(CY, SHARED, at)).toBe(7);
    expect(new Roster(facts({ teams: new Map([[CY, '']]) })).priority(CY, SHARED, at)).toBeNull();
  });

  it('a required qualification must be held: granted by then, not expired', () => {
    expect(roster.priority(ANN, VP15, at)).toBe(5);
    expect(roster.priority(BO, VP15, at)).toBe(4);
    expect(roster.priority(CY, VP15, at)).toBeNull();
    expect(roster.refusal(CY, VP15, at)).toBe('lacks the qualification VP15-trained');
    // Before the grant's date, and from its expiry on, it does not count.
    expect(roster.priority(ANN, VP15, 9 * DAY)).toBeNull();
    expect(roster.priority(BO, VP15, 20 * DAY - 1)).toBe(4);
    expect(roster.priority(BO, VP15, 20 * DAY)).toBeNull();
    // An open campaign that needs a qualification takes only the qualified.
    expect([ANN, BO, CY].map((a) => roster.priority(a, OPEN_QUAL, at))).toEqual([0, 0, null]);
    expect(roster.refusal(ANN, 999, at)).toBeNull();
    expect(new Roster(facts()).refusal(CY, VP15, at)).toMatch(/qualification/);
  });

  it('says why an agent may not take a campaign', () => {
    const r = new Roster(facts({ assignments: [{ campaignId: VP15, agentId: ANN, team: null, priority: 5 }] }));
    expect(r.refusal(CY, VP15, at)).toBe('not assigned to the campaign');
    expect(r.refusal(ANN, VP15, at)).toBeNull();
  });

  it('grant validity is [grantedAt, expiresAt)', () => {
    expect(grantValid({ grantedAt: 5, expiresAt: null }, 5)).toBe(true);
    expect(grantValid({ grantedAt: 5, expiresAt: 6 }, 6)).toBe(false);
    expect(grantValid({ grantedAt: 5, expiresAt: 6 }, 4)).toBe(false);
  });
});
