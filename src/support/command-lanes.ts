/**
 * Runs commands in ordered lanes: within a lane one at a time, in the order pushed, each
 * awaited before the next (like {@link SerialQueue}); different lanes run side by side. A
 * command for every lane (`'*'`) is a barrier: it waits for everything pushed before it in
 * every lane, and everything pushed after it in any lane waits for it.
 *
 * Why: a call's media (bridge, record, play) and its agent (move the softphone into the
 * call) are independent requests to Asterisk; one queue made the agent wait behind the
 * recording and the opening's play. Tearing down (destroying the bridge, closing the call)
 * is a barrier, so it never overtakes a half-done move of the agent. A failing command is
 * reported and its lane goes on.
 */
export class CommandLanes<C, L extends string> {
  private readonly tails = new Map<L, Promise<void>>();

  constructor(
    private readonly lanes: readonly L[],
    private readonly laneOf: (cmd: C) => L | '*',
    private readonly run: (cmd: C) => Promise<void>,
    private readonly onError: (err: unknown, cmd: C) => void,
  ) {
    for (const l of lanes) this.tails.set(l, Promise.resolve());
  }

  push(...cmds: C[]): void {
    for (const cmd of cmds) {
      const lane = this.laneOf(cmd);
      if (lane === '*') {
        const all = Promise.all([...this.tails.values()]).then(() => this.runOne(cmd));
        for (const l of this.lanes) this.tails.set(l, all);
      } else {
        const next = this.tails.get(lane)!.then(() => this.runOne(cmd));
        this.tails.set(lane, next);
      }
    }
  }

  /** Settles once everything pushed so far has run (tests, shutdown). */
  idle(): Promise<void> {
    return Promise.all([...this.tails.values()]).then(() => undefined);
  }

  private async runOne(cmd: C): Promise<void> {
    try {
      await this.run(cmd);
    } catch (err) {
      this.onError(err, cmd);
    }
  }
}
