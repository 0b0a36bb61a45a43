/**
 * Runs commands one at a time, in the order they were pushed, each awaited before the next:
 * how a call session or a verification executes what its pure state machine decided. A
 * failing command is reported and the queue goes on.
 */
export class SerialQueue<C> {
  private readonly pending: C[] = [];
  private draining = false;

  constructor(
    private readonly run: (cmd: C) => Promise<void>,
    private readonly onError: (err: unknown, cmd: C) => void,
  ) {}

  push(...cmds: C[]): void {
    if (cmds.length === 0) return;
    this.pending.push(...cmds);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let cmd = this.pending.shift(); cmd !== undefined; cmd = this.pending.shift()) {
        try {
          await this.run(cmd);
        } catch (err) {
          this.onError(err, cmd);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
