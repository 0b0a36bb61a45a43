import { describe, expect, it } from 'vitest';
import { CommandLanes } from '../../src/support/command-lanes.js';

type Cmd = { name: string; lane: 'media' | 'agent' | '*'; fail?: boolean };

/** Each command is a step the test releases by hand, so the order of starts is what the lanes allow. */
function harness() {
  const started: string[] = [];
  const finished: string[] = [];
  const errors: string[] = [];
  const release = new Map<string, () => void>();
  const lanes = new CommandLanes<Cmd, 'media' | 'agent'>(
    ['media', 'agent'],
    (c) => c.lane,
    (c) => {
      started.push(c.name);
      return new Promise<void>((resolve, reject) => {
        release.set(c.name, () => {
          finished.push(c.name);
          if (c.fail) reject(new Error(`${c.name} failed`));
          else resolve();
        });
      });
    },
    (err) => errors.push((err as Error).message),
  );
  const settle = () => new Promise((r) => setImmediate(r));
  const done = async (name: string) => {
    release.get(name)!();
    await settle();
  };
  return { lanes, started, finished, errors, done, settle };
}

describe('CommandLanes', () => {
  it('runs one lane in order, one at a time, and the other lane beside it', async () => {
    const h = harness();
    h.lanes.push({ name: 'record', lane: 'media' }, { name: 'play', lane: 'media' }, { name: 'connect', lane: 'agent' });
    await h.settle();
    expect(h.started).toEqual(['record', 'connect']);
    await h.done('connect');
    expect(h.started).toEqual(['record', 'connect']);
    await h.done('record');
    expect(h.started).toEqual(['record', 'connect', 'play']);
  });

  it('a barrier waits for every lane, and everything after it waits for the barrier', async () => {
    const h = harness();
    h.lanes.push({ name: 'play', lane: 'media' }, { name: 'release', lane: 'agent' }, { name: 'destroy', lane: '*' }, { name: 'hangup', lane: 'media' }, { name: 'late', lane: 'agent' });
    await h.settle();
    expect(h.started).toEqual(['play', 'release']);
    await h.done('play');
    expect(h.started).toEqual(['play', 'release']);
    await h.done('release');
    expect(h.started).toEqual(['play', 'release', 'destroy']);
    await h.done('destroy');
    expect(h.started.slice(3).sort()).toEqual(['hangup', 'late']);
  });

  it('a failing command is reported and its lane goes on', async () => {
    const h = harness();
    h.lanes.push({ name: 'record', lane: 'media', fail: true }, { name: 'play', lane: 'media' });
    await h.settle();
    await h.done('record');
    expect(h.errors).toEqual(['record failed']);
    expect(h.started).toEqual(['record', 'play']);
    await h.done('play');
    await h.lanes.idle();
    expect(h.finished).toEqual(['record', 'play']);
  });
});
