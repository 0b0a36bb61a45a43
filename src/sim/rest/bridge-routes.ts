/**
 * `/bridges` routes (res/ari/resource_bridges.c): 404 "Bridge not found"; channel lists are
 * checked before anything changes (400 "Channel not found", 422 "Channel not in Stasis
 * application", 422 "Channel not in this bridge").
 */
import { bridgeJson } from '../events.js';
import type { SimBridge } from '../model.js';
import type { SimCore } from '../sim-core.js';
import { recordParams } from './channel-routes.js';
import { fail, int, list, noContent, ok, str, type RestRequest, type RestResult, type Router } from './router.js';

function withBridge(core: SimCore, fn: (b: SimBridge, req: RestRequest) => RestResult) {
  return (req: RestRequest): RestResult => {
    const b = core.bridges.get(req.params.bridgeId ?? '');
    return b ? fn(b, req) : fail(404, 'Bridge not found');
  };
}

function play(core: SimCore, b: SimBridge, req: RestRequest): RestResult {
  if (int(req, 'skipms', 0) < 0) return fail(400, 'skipms cannot be negative');
  if (int(req, 'offsetms', 0) < 0) return fail(400, 'offsetms cannot be negative');
  return core.play.play({ kind: 'bridge', id: b.id }, list(req, 'media'), str(req, 'lang'), req.params.playbackId ?? str(req, 'playbackId'));
}

export function bridgeRoutes(r: Router, core: SimCore): void {
  r.add('GET', '/bridges', () => ok([...core.bridges.values()].map(bridgeJson)));
  r.add('POST', '/bridges', (req) => core.bridge.create(str(req, 'bridgeId'), str(req, 'type'), str(req, 'name')));
  r.add('POST', '/bridges/{bridgeId}', (req) => core.bridge.create(req.params.bridgeId, str(req, 'type'), str(req, 'name'), true));
  r.add('GET', '/bridges/{bridgeId}', withBridge(core, (b) => ok(bridgeJson(b))));
  r.add(
    'DELETE',
    '/bridges/{bridgeId}',
    withBridge(core, (b) => {
      core.bridge.destroy(b);
      return noContent();
    }),
  );
  r.add(
    'POST',
    '/bridges/{bridgeId}/addChannel',
    withBridge(core, (b, req) => {
      const resolved = core.bridge.resolveChannels(str(req, 'channel'));
      return resolved.ok ? core.bridge.addChannels(b, resolved.channels) : resolved.result;
    }),
  );
  r.add(
    'POST',
    '/bridges/{bridgeId}/removeChannel',
    withBridge(core, (b, req) => {
      const resolved = core.bridge.resolveChannels(str(req, 'channel'));
      return resolved.ok ? core.bridge.removeChannels(b, resolved.channels) : resolved.result;
    }),
  );
  r.add(
    'POST',
    '/bridges/{bridgeId}/moh',
    withBridge(core, (b) => {
      core.bridge.startMoh(b);
      return noContent();
    }),
  );
  r.add(
    'DELETE',
    '/bridges/{bridgeId}/moh',
    withBridge(core, (b) => {
      core.bridge.stopMoh(b);
      return noContent();
    }),
  );
  r.add('POST', '/bridges/{bridgeId}/play', withBridge(core, (b, req) => play(core, b, req)));
  r.add('POST', '/bridges/{bridgeId}/play/{playbackId}', withBridge(core, (b, req) => play(core, b, req)));
  r.add(
    'POST',
    '/bridges/{bridgeId}/record',
    withBridge(core, (b, req) => core.rec.record({ kind: 'bridge', id: b.id }, recordParams(req))),
  );
}
