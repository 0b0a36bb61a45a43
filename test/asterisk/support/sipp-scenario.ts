/**
 * Writes SIPp's UAS scenario for the carrier's customers. Every customer number names its
 * behaviour: `+86 139 0000 BB NN`, where BB picks a behaviour of the table and NN tells
 * customers of the same behaviour apart. SIPp matches BB on the INVITE's Request-URI
 * (`ereg` + `nop test`) and runs that branch: reject with a SIP status, ring forever, or
 * answer after a ring, talk (RTP voice) or stay silent, press RFC 2833 keys at given times,
 * and hang up after a while or wait for Asterisk's BYE.
 */

/** One key, pressed `atMs` after the call was answered. */
export interface TimedKey {
  atMs: number;
  digit: string;
}

export type CustomerBehaviour =
  /** Refuses before answering with this SIP status (486 busy, 603 decline, 404 unallocated, 503 …), after ringing `ringMs`. */
  | { kind: 'reject'; status: number; ringMs?: number }
  /** Rings until Asterisk gives up (CANCEL). */
  | { kind: 'no-answer' }
  | {
      kind: 'answer';
      /** Ringing before the 200 OK. */
      ringMs: number;
      /** Sends RTP voice the whole call (false: silence, no RTP at all). */
      talk: boolean;
      keys?: TimedKey[];
      /** Presses `digit` every `everyMs` from `fromMs` until the call ends (capped at 3 minutes). */
      repeatKey?: { digit: string; everyMs: number; fromMs?: number };
      /** The customer hangs up this long after answering; absent: waits for Asterisk's BYE (up to 5 minutes). */
      hangupAfterMs?: number;
    };

export type BehaviourTable = Record<string, CustomerBehaviour>;

/** The customer number for behaviour `code` (two digits) and index `n` (0–99), in E.164. */
export function customerNumber(code: string, n = 0): string {
  if (!/^\d{2}$/.test(code)) throw new Error(`behaviour code must be two digits, not ${code}`);
  return `+86139${'0000'}${code}${String(n).padStart(2, '0')}`;
}

const MAX_CALL_MS = 300_000;
const REPEAT_CAP_MS = 180_000;

const dtmfPcap = (digit: string): string => {
  const name = digit === '*' ? 'star' : digit === '#' ? 'pound' : digit;
  if (!/^(\d|star|pound)$/.test(name)) throw new Error(`no RFC 2833 capture for key ${digit}`);
  return `/usr/share/sip-tester/dtmf_2833_${name}.pcap`;
};

/** The scenario XML for `table`; `voiceFile` is raw A-law audio for talking customers. */
export function carrierScenario(table: BehaviourTable, voiceFile: string): string {
  const codes = Object.keys(table).sort();
  const out: string[] = [];
  // Every answered call may end with our BYE (a timeout at worst); every ringing one with a CANCEL.
  const anyBye = codes.some((c) => table[c]!.kind === 'answer');
  const anyCancel = codes.some((c) => {
    const b = table[c]!;
    return b.kind !== 'reject' || Boolean(b.ringMs);
  });
  out.push('<?xml version="1.0" encoding="ISO-8859-1" ?>', '<!DOCTYPE scenario SYSTEM "sipp.dtd">', '<scenario name="customers">');
  out.push('  <recv request="INVITE">', '    <action>');
  if (anyBye) {
    out.push('      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="remote_from"/>');
    out.push('      <ereg regexp=".*" search_in="hdr" header="To:" assign_to="local_to"/>');
    out.push('      <ereg regexp="sip:[^&gt;]*" search_in="hdr" header="Contact:" assign_to="remote_contact"/>');
  }
  if (anyCancel) out.push('      <ereg regexp=".*" search_in="hdr" header="CSeq:" assign_to="invite_cseq"/>');
  for (const c of codes) {
    out.push(`      <ereg regexp="^INVITE sip:\\+?[0-9]*1390000${c}[0-9]{2}@" search_in="msg" check_it="false" assign_to="c${c}"/>`);
  }
  out.push('    </action>', '  </recv>');
  for (const c of codes) out.push(`  <nop next="b${c}" test="c${c}"/>`);
  // A number of no behaviour: unallocated.
  out.push(final(404, 'Not Found'), '  <recv request="ACK" next="end"/>');
  for (const c of codes) out.push(...branch(c, table[c]!, voiceFile));
  if (anyCancel) out.push(...cancelled());
  if (anyBye) out.push(...hangUp());
  out.push(...gotBye(), '  <label id="end"/>', '</scenario>', '');
  return out.join('\n');
}

function branch(code: string, b: CustomerBehaviour, voiceFile: string): string[] {
  const l = (s: string): string => `b${code}_${s}`;
  const out = [`  <label id="b${code}"/>`];
  if (b.kind === 'reject') {
    if (b.ringMs) out.push(ringing(), `  <recv request="CANCEL" timeout="${b.ringMs}" ontimeout="${l('refuse')}" next="cancelled"/>`, `  <label id="${l('refuse')}"/>`);
    out.push(final(b.status, reason(b.status)), '  <recv request="ACK" next="end"/>');
    return out;
  }
  if (b.kind === 'no-answer') {
    out.push(ringing(), `  <recv request="CANCEL" timeout="${MAX_CALL_MS}" ontimeout="${l('give_up')}" next="cancelled"/>`, `  <label id="${l('give_up')}"/>`);
    out.push(final(480, 'Temporarily Unavailable'), '  <recv request="ACK" next="end"/>');
    return out;
  }
  out.push(ringing());
  if (b.ringMs > 0) out.push(`  <recv request="CANCEL" timeout="${b.ringMs}" ontimeout="${l('answer')}" next="cancelled"/>`, `  <label id="${l('answer')}"/>`);
  out.push(answer());
  const rtp = b.talk ? `<action><exec rtp_stream="${voiceFile},-1,8"/></action>` : '';
  out.push(`  <recv request="ACK">${rtp}</recv>`);
  const keys = [...(b.keys ?? [])];
  if (b.repeatKey) {
    const stop = Math.min(b.hangupAfterMs ?? REPEAT_CAP_MS, REPEAT_CAP_MS);
    for (let t = b.repeatKey.fromMs ?? b.repeatKey.everyMs; t < stop; t += b.repeatKey.everyMs) keys.push({ atMs: t, digit: b.repeatKey.digit });
  }
  keys.sort((x, y) => x.atMs - y.atMs);
  let now = 0;
  keys.forEach((k, i) => {
    // A recv timeout of 0 would mean "no timeout" to SIPp.
    out.push(`  <recv request="BYE" timeout="${Math.max(1, k.atMs - now)}" ontimeout="${l(`k${i}`)}" next="got_bye"/>`);
    out.push(`  <label id="${l(`k${i}`)}"/>`, `  <nop><action><exec play_pcap_audio="${dtmfPcap(k.digit)}"/></action></nop>`);
    now = k.atMs;
  });
  if (b.hangupAfterMs !== undefined) {
    out.push(`  <recv request="BYE" timeout="${Math.max(1, b.hangupAfterMs - now)}" ontimeout="hang_up" next="got_bye"/>`);
  } else {
    out.push(`  <recv request="BYE" timeout="${MAX_CALL_MS}" ontimeout="hang_up" next="got_bye"/>`);
  }
  return out;
}

const reason = (status: number): string =>
  ({ 404: 'Not Found', 408: 'Request Timeout', 480: 'Temporarily Unavailable', 486: 'Busy Here', 503: 'Service Unavailable', 603: 'Decline' })[status] ??
  'Refused';

const TAG = '[pid]SIPpTag01[call_number]';

/** A response to the last request; `tagged` adds our To tag (a new dialog), `cseq` overrides it. */
function response(status: string, opts: { tagged?: boolean; contact?: boolean; cseq?: string; next?: string } = {}): string {
  const lines = [
    `SIP/2.0 ${status}`,
    '[last_Via:]',
    '[last_From:]',
    opts.tagged ? `[last_To:];tag=${TAG}` : '[last_To:]',
    '[last_Call-ID:]',
    opts.cseq ? `CSeq: ${opts.cseq}` : '[last_CSeq:]',
    ...(opts.contact ? ['Contact: <sip:[local_ip]:[local_port];transport=[transport]>'] : []),
    'Content-Length: 0',
  ];
  return `  <send${opts.next ? ` next="${opts.next}"` : ''}>\n    <![CDATA[\n${lines.join('\n')}\n\n    ]]>\n  </send>`;
}

const ringing = (): string => response('180 Ringing', { tagged: true, contact: true });
const final = (status: number, text: string): string => response(`${status} ${text}`, { tagged: true });

/** The SDP body of a SIPp leg offering G.711 A-law and RFC 2833 keys (with its Content headers); `origin` names the o= line. */
export function pcmaSdp(origin: string): string {
  return `Content-Type: application/sdp
Content-Length: [len]

v=0
o=${origin} 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=ptime:20
a=sendrecv
`;
}

function answer(): string {
  return `  <send retrans="500">
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=${TAG}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:[local_ip]:[local_port];transport=[transport]>
${pcmaSdp('customer')}
    ]]>
  </send>`;
}

/** CANCEL while ringing: 200 for the CANCEL, 487 for the INVITE, then its ACK. */
function cancelled(): string[] {
  return [
    '  <label id="cancelled"/>',
    response('200 OK'),
    response('487 Request Terminated', { tagged: true, cseq: '[$invite_cseq]' }),
    '  <recv request="ACK" next="end"/>',
  ];
}

/** The customer hangs up: BYE to Asterisk's Contact, From/To swapped. */
function hangUp(): string[] {
  return [
    '  <label id="hang_up"/>',
    `  <send retrans="500">
    <![CDATA[
BYE [$remote_contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [$local_to];tag=${TAG}
To: [$remote_from]
[last_Call-ID:]
CSeq: 1 BYE
Contact: <sip:[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>`,
    '  <recv response="200" next="end"/>',
  ];
}

/** Asterisk hung up: 200 for its BYE. */
function gotBye(): string[] {
  return ['  <label id="got_bye"/>', response('200 OK', { next: 'end' })];
}
