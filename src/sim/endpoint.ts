/**
 * Dial strings: `Local/2001@customers`, `PJSIP/8613800138000@carrier`, `PJSIP/agent7`.
 * The simulator supports the two technologies the dialer uses; any other is refused the way
 * Asterisk refuses a technology it has no driver for (500 "Allocation failed").
 */

/** A parsed endpoint string. */
export interface ParsedEndpoint {
  tech: 'Local' | 'PJSIP';
  /** What follows `Tech/`, e.g. `2001@customers` (the Dial event's `dialstring`). */
  dialstring: string;
  /** Scripting key: between the technology and `@`, e.g. `2001`. */
  resource: string;
  /** After `@`, if any (`customers`, `carrier`). */
  domain: string | undefined;
}

export type EndpointParse =
  | { ok: true; endpoint: ParsedEndpoint }
  | { ok: false; status: 400 | 500; body: Record<string, string> };

/** Parses an originate `endpoint`, mirroring the checks of `ari_channels_handle_originate_with_id`. */
export function parseEndpoint(endpoint: string): EndpointParse {
  const slash = endpoint.indexOf('/');
  const tech = slash > 0 ? endpoint.slice(0, slash) : '';
  const device = slash > 0 ? endpoint.slice(slash + 1) : '';
  if (tech === '' || device === '') {
    return { ok: false, status: 400, body: { message: 'Invalid endpoint specified' } };
  }
  const known = tech.toLowerCase() === 'local' ? 'Local' : tech.toLowerCase() === 'pjsip' ? 'PJSIP' : undefined;
  if (!known) return { ok: false, status: 500, body: { error: 'Allocation failed' } };
  // Local channel options ("/n", "/j") are not part of the extension.
  const dialstring = known === 'Local' ? (device.split('/')[0] ?? device) : device;
  const at = dialstring.indexOf('@');
  const resource = at >= 0 ? dialstring.slice(0, at) : dialstring;
  const domain = at >= 0 ? dialstring.slice(at + 1) : undefined;
  if (resource === '') return { ok: false, status: 500, body: { error: 'Allocation failed' } };
  return { ok: true, endpoint: { tech: known, dialstring, resource, domain } };
}

/** The scripting key of an endpoint string, or undefined when it cannot be parsed. */
export function resourceOf(endpoint: string): string | undefined {
  const parsed = parseEndpoint(endpoint);
  return parsed.ok ? parsed.endpoint.resource : undefined;
}

/**
 * Channel names as Asterisk builds them: `Local/2001@customers-0000000f;1` and, for PJSIP,
 * `PJSIP/<endpoint>-00000002` where the endpoint is the part after `@` when dialling
 * `PJSIP/number@trunk`.
 */
export function channelNames(ep: ParsedEndpoint, seq: number): { name: string; peerName?: string } {
  const suffix = seq.toString(16).padStart(8, '0');
  if (ep.tech === 'Local') {
    const base = `Local/${ep.resource}@${ep.domain ?? 'default'}-${suffix}`;
    return { name: `${base};1`, peerName: `${base};2` };
  }
  return { name: `PJSIP/${ep.domain ?? ep.resource}-${suffix}` };
}

/** Parses an ARI `callerId` ("Name" <number> | number | name) like `ast_callerid_parse`. */
export function parseCallerId(callerId: string | undefined): { name: string; number: string } {
  if (!callerId) return { name: '', number: '' };
  const m = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(callerId);
  if (m) return { name: (m[1] ?? m[2] ?? '').trim(), number: (m[3] ?? '').trim() };
  const trimmed = callerId.trim();
  if (/^[+0-9*#()\-. ]+$/.test(trimmed)) return { name: '', number: trimmed.replace(/[()\-. ]/g, '') };
  return { name: trimmed, number: '' };
}
