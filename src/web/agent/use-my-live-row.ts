/**
 * The agent's own row of the live view, pushed by the service (GET /api/live/agents/stream,
 * scoped to the agent themself): state, call, talk today against the target. Also the
 * service's clock as seen from here, so "time in state" is right even when this computer's
 * clock is not.
 */
import { useState } from 'preact/hooks';
import { useEventStream } from '../shared/hooks.js';
import type { LiveAgentRow, LiveSnapshot } from './agent-api.js';

export interface MyLiveRow {
  /** Null until the first snapshot. */
  row: LiveAgentRow | null;
  /** The stream is open (EventSource reconnects by itself when it is not). */
  connected: boolean;
  /** The service's clock now, ms (this computer's clock corrected by the last snapshot). */
  serviceNow: () => number;
}

const EVENTS = ['snapshot'];

export function useMyLiveRow(agentId: number): MyLiveRow {
  const [row, setRow] = useState<LiveAgentRow | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const { connected } = useEventStream('/api/live/agents/stream', EVENTS, (_name, data) => {
    const snapshot = data as LiveSnapshot;
    setOffsetMs(snapshot.at - Date.now());
    setRow(snapshot.agents.find((a) => a.agentId === agentId) ?? null);
  });
  return { row, connected, serviceNow: () => Date.now() + offsetMs };
}
