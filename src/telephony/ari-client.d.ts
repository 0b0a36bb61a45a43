// The slice of ari-client 2.2.0 the adapter uses (the package ships no types).
declare module 'ari-client' {
  import type { EventEmitter } from 'node:events';

  type Operation = (params?: Record<string, unknown>) => Promise<unknown>;

  export interface AriClient extends EventEmitter {
    channels: Record<string, Operation>;
    bridges: Record<string, Operation>;
    playbacks: Record<string, Operation>;
    recordings: Record<string, Operation>;
    asterisk: Record<string, Operation>;
    applications: Record<string, Operation>;
    sounds: Record<string, Operation>;
  }

  export function connect(url: string, user: string, pass: string): Promise<AriClient>;

  const ari: { connect: typeof connect };
  export default ari;
}
