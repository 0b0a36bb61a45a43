/**
 * REST operations beyond the call basics of ari-rest.ts, kept apart so that file stays small:
 * snoop channels (a supervisor listening to or whispering into a call).
 */
import { AriRest } from './ari-rest.js';
import type { SnoopRequest } from './telephony.js';

export class AriRestMedia extends AriRest {
  async snoopChannel(req: SnoopRequest): Promise<void> {
    await this.call('channels', 'snoopChannelWithId', {
      channelId: req.channelId,
      snoopId: req.snoopId,
      app: this.rest.app,
      appArgs: req.appArgs.join(','),
      spy: req.spy,
      whisper: req.whisper,
    });
  }
}
