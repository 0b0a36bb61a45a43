/** Fills a dial-string template: `PJSIP/{number}@carrier` + `+8613800138000` → `PJSIP/8613800138000@carrier`. */
export function customerEndpoint(template: string, e164: string): string {
  return template.replaceAll('{number}', e164.replace(/^\+/, ''));
}

export function agentEndpoint(template: string, extension: string): string {
  return template.replaceAll('{ext}', extension);
}

/** Ids the dialer gives Asterisk objects; the prefixes tell our objects from others at reconcile. */
export const AriIds = {
  customerChannel: (callId: string) => `cust-${callId}`,
  callBridge: (callId: string) => `br-${callId}`,
  agentChannel: (agentId: number, nonce: string) => `agent-${agentId}-${nonce}`,
  holdingBridge: (agentId: number) => `hold-${agentId}`,
  recording: (callId: string, segment: number) => `rec-${callId}-${segment}`,
  playback: (callId: string, what: string) => `pb-${callId}-${what}`,
  /** A phone called for a transfer, and an agent's consultation bridge (src/transfers). */
  transferLeg: (transferId: string) => `xfer-${transferId}`,
  transferBridge: (transferId: string) => `xbr-${transferId}`,
  isOurs: (id: string) => /^(cust|br|agent|hold)-/.test(id),
  /**
   * Ours too, owned by a module that tells the tracker what is still live: a supervisor's
   * phone, snoop or private bridge (src/supervision), a transfer's phone or consultation
   * bridge (src/transfers). The reconciler removes those no owner claims.
   */
  isModuleOwned: (id: string) => /^(sup|snoop|mon)-\d+-?|^(xfer|xbr)-[0-9a-f]+$/.test(id),
} as const;
