/**
 * `/recordings` routes: live recordings (control while recording) and stored recordings
 * (the WAV files, fetched raw with `GET /recordings/stored/{name}/file`).
 */
import { recordingJson } from '../events.js';
import type { SimRecording } from '../model.js';
import type { SimCore } from '../sim-core.js';
import { fail, noContent, ok, str, type RestRequest, type RestResult, type Router } from './router.js';

const notFound = (): RestResult => fail(404, 'Recording not found');

function withLive(core: SimCore, fn: (rec: SimRecording) => RestResult) {
  return (req: RestRequest): RestResult => {
    const rec = core.rec.getLive(req.params.recordingName ?? '');
    return rec ? fn(rec) : notFound();
  };
}

export function recordingRoutes(r: Router, core: SimCore): void {
  const stored = core.stored;
  r.add('GET', '/recordings/stored', () => ok(stored.list()));
  r.add('GET', '/recordings/stored/{recordingName}', (req) => {
    const name = req.params.recordingName ?? '';
    return stored.exists(name) ? ok({ name, format: 'wav' }) : notFound();
  });
  r.add('DELETE', '/recordings/stored/{recordingName}', (req) =>
    stored.delete(req.params.recordingName ?? '') ? noContent() : notFound(),
  );
  r.add('GET', '/recordings/stored/{recordingName}/file', (req) => {
    const name = req.params.recordingName ?? '';
    const data = stored.read(name);
    if (!data) return notFound();
    // Header values must be plain ASCII; a name with anything else is sanitised for the header only.
    const base = (name.split('/').pop() ?? name).replace(/[^\x20-\x7e]|"/g, '_');
    return {
      status: 200,
      raw: { data, contentType: 'audio/wav' },
      headers: { 'Content-Disposition': `attachment; filename="${base}.wav"` },
    };
  });
  r.add('POST', '/recordings/stored/{recordingName}/copy', (req) => {
    const from = req.params.recordingName ?? '';
    const to = str(req, 'destinationRecordingName');
    if (!to) return fail(400, 'Missing parameter destinationRecordingName');
    if (!stored.exists(from)) return notFound();
    if (stored.exists(to)) return fail(409, 'A recording with the same name already exists on the system');
    return stored.copy(from, to) ? ok({ name: to, format: 'wav' }) : fail(400, 'Recording name invalid');
  });

  r.add('GET', '/recordings/live/{recordingName}', withLive(core, (rec) => ok(recordingJson(rec))));
  r.add(
    'POST',
    '/recordings/live/{recordingName}/stop',
    withLive(core, (rec) => {
      core.rec.stop(rec);
      return noContent();
    }),
  );
  r.add(
    'DELETE',
    '/recordings/live/{recordingName}',
    withLive(core, (rec) => {
      core.rec.cancel(rec);
      return noContent();
    }),
  );
  r.add('POST', '/recordings/live/{recordingName}/pause', withLive(core, (rec) => core.rec.setPaused(rec, true)));
  r.add('DELETE', '/recordings/live/{recordingName}/pause', withLive(core, (rec) => core.rec.setPaused(rec, false)));
  r.add('POST', '/recordings/live/{recordingName}/mute', withLive(core, (rec) => core.rec.setMuted(rec, true)));
  r.add('DELETE', '/recordings/live/{recordingName}/mute', withLive(core, (rec) => core.rec.setMuted(rec, false)));
}
