/**
 * Swagger models the simulator documents, in a compact notation: `'type'`, `'type!'` for a
 * required property. ari-client promotes event properties whose type is a known resource
 * (Channel, Bridge, Playback, LiveRecording, …) to objects, and throws on an event type it
 * cannot find among the models of `events.json` — so every event Asterisk 22 can send is listed
 * here, not only those the simulator emits.
 */

export type CompactModel = Record<string, string>;

/** Models of the resource documents, keyed by document. */
export const RESOURCE_MODELS: Record<string, Record<string, CompactModel>> = {
  asterisk: {
    AsteriskInfo: { build: 'BuildInfo', system: 'SystemInfo', config: 'ConfigInfo', status: 'StatusInfo' },
    AsteriskPing: { asterisk_id: 'string!', ping: 'string!', timestamp: 'string!' },
    BuildInfo: { os: 'string!', kernel: 'string!', options: 'string!', machine: 'string!', date: 'string!', user: 'string!' },
    SystemInfo: { version: 'string!', entity_id: 'string!' },
    SetId: { user: 'string!', group: 'string!' },
    ConfigInfo: { name: 'string!', default_language: 'string!', max_channels: 'int', max_open_files: 'int', max_load: 'double', setid: 'SetId!' },
    StatusInfo: { startup_time: 'Date!', last_reload_time: 'Date!' },
    Variable: { value: 'string!' },
  },
  endpoints: {
    Endpoint: { technology: 'string!', resource: 'string!', state: 'string', channel_ids: 'List[string]!' },
    TextMessage: { from: 'string!', to: 'string!', body: 'string!', variables: 'object' },
  },
  channels: {
    CallerID: { name: 'string!', number: 'string!' },
    DialplanCEP: { context: 'string!', exten: 'string!', priority: 'long!', app_name: 'string!', app_data: 'string!' },
    Channel: {
      id: 'string!',
      protocol_id: 'string!',
      name: 'string!',
      state: 'string!',
      caller: 'CallerID!',
      connected: 'CallerID!',
      accountcode: 'string!',
      dialplan: 'DialplanCEP!',
      creationtime: 'Date!',
      language: 'string!',
      channelvars: 'object',
      caller_rdnis: 'string',
      tenantid: 'string',
    },
    Variable: { value: 'string!' },
  },
  bridges: {
    Bridge: {
      id: 'string!',
      technology: 'string!',
      bridge_type: 'string!',
      bridge_class: 'string!',
      creator: 'string!',
      name: 'string!',
      channels: 'List[string]!',
      video_mode: 'string',
      video_source_id: 'string',
      creationtime: 'Date!',
    },
  },
  recordings: {
    StoredRecording: { name: 'string!', format: 'string!' },
    LiveRecording: {
      name: 'string!',
      format: 'string!',
      target_uri: 'string!',
      state: 'string!',
      duration: 'int',
      talking_duration: 'int',
      silence_duration: 'int',
      cause: 'string',
    },
  },
  sounds: {
    FormatLangPair: { language: 'string!', format: 'string!' },
    Sound: { id: 'string!', text: 'string', formats: 'List[FormatLangPair]!' },
  },
  playbacks: {
    Playback: {
      id: 'string!',
      media_uri: 'string!',
      next_media_uri: 'string',
      target_uri: 'string!',
      language: 'string',
      state: 'string!',
    },
  },
  deviceStates: { DeviceState: { name: 'string!', state: 'string!' } },
  mailboxes: { Mailbox: { name: 'string!', old_messages: 'int!', new_messages: 'int!' } },
  applications: {
    Application: {
      name: 'string!',
      channel_ids: 'List[string]!',
      bridge_ids: 'List[string]!',
      endpoint_ids: 'List[string]!',
      device_names: 'List[string]!',
      events_allowed: 'List[object]!',
      events_disallowed: 'List[object]!',
    },
  },
};

const ch = 'Channel!';

/** Models of `events.json`: base types plus every event type. */
export const EVENT_MODELS: Record<string, CompactModel> = {
  Message: { type: 'string!', asterisk_id: 'string' },
  MissingParams: { params: 'List[string]!' },
  Event: { application: 'string!', timestamp: 'Date!' },
  ContactInfo: { uri: 'string!', contact_status: 'string!', aor: 'string!', roundtrip_usec: 'string' },
  Peer: { peer_status: 'string!', cause: 'string', address: 'string', port: 'string', time: 'string' },
  DeviceStateChanged: { device_state: 'DeviceState!' },
  PlaybackStarted: { playback: 'Playback!' },
  PlaybackContinuing: { playback: 'Playback!' },
  PlaybackFinished: { playback: 'Playback!' },
  RecordingStarted: { recording: 'LiveRecording!' },
  RecordingFinished: { recording: 'LiveRecording!' },
  RecordingFailed: { recording: 'LiveRecording!' },
  ApplicationMoveFailed: { channel: ch, destination: 'string!', args: 'List[string]!' },
  ApplicationReplaced: {},
  ApplicationRegistered: {},
  ApplicationUnregistered: {},
  BridgeCreated: { bridge: 'Bridge!' },
  BridgeDestroyed: { bridge: 'Bridge!' },
  BridgeMerged: { bridge: 'Bridge!', bridge_from: 'Bridge!' },
  BridgeVideoSourceChanged: { bridge: 'Bridge!', old_video_source_id: 'string' },
  BridgeBlindTransfer: {
    channel: ch,
    replace_channel: 'Channel',
    transferee: 'Channel',
    exten: 'string!',
    context: 'string!',
    result: 'string!',
    is_external: 'boolean!',
    bridge: 'Bridge',
  },
  BridgeAttendedTransfer: {
    transferer_first_leg: ch,
    transferer_second_leg: ch,
    replace_channel: 'Channel',
    transferee: 'Channel',
    transfer_target: 'Channel',
    result: 'string!',
    is_external: 'boolean!',
    transferer_first_leg_bridge: 'Bridge',
    transferer_second_leg_bridge: 'Bridge',
    destination_type: 'string!',
    destination_bridge: 'string',
    destination_application: 'string',
    destination_link_first_leg: 'Channel',
    destination_link_second_leg: 'Channel',
    destination_threeway_channel: 'Channel',
    destination_threeway_bridge: 'Bridge',
  },
  ChannelCreated: { channel: ch },
  ChannelDestroyed: { cause: 'int!', cause_txt: 'string!', tech_cause: 'int', channel: ch },
  ChannelEnteredBridge: { bridge: 'Bridge!', channel: 'Channel' },
  ChannelLeftBridge: { bridge: 'Bridge!', channel: ch },
  ChannelStateChange: { channel: ch },
  ChannelDtmfReceived: { digit: 'string!', duration_ms: 'int!', channel: ch },
  ChannelDialplan: { channel: ch, dialplan_app: 'string!', dialplan_app_data: 'string!' },
  ChannelCallerId: { caller_presentation: 'int!', caller_presentation_txt: 'string!', channel: ch },
  ChannelUserevent: { eventname: 'string!', channel: 'Channel', bridge: 'Bridge', endpoint: 'Endpoint', userevent: 'object!' },
  ChannelHangupRequest: { cause: 'int', tech_cause: 'int', soft: 'boolean', channel: ch },
  ChannelVarset: { variable: 'string!', value: 'string!', channel: 'Channel' },
  ChannelHold: { channel: ch, musicclass: 'string' },
  ChannelUnhold: { channel: ch },
  ChannelTalkingStarted: { channel: ch },
  ChannelTalkingFinished: { channel: ch, duration: 'int!' },
  ChannelToneDetected: { channel: ch },
  ChannelConnectedLine: { channel: ch },
  ChannelTransfer: { state: 'string', refer_to: 'object!', referred_by: 'object!' },
  ContactStatusChange: { endpoint: 'Endpoint!', contact_info: 'ContactInfo!' },
  EndpointStateChange: { endpoint: 'Endpoint!' },
  PeerStatusChange: { endpoint: 'Endpoint!', peer: 'Peer!' },
  Dial: {
    caller: 'Channel',
    peer: 'Channel!',
    forward: 'string',
    forwarded: 'Channel',
    dialstring: 'string',
    dialstatus: 'string!',
  },
  StasisEnd: { channel: ch },
  StasisStart: { args: 'List[string]!', channel: ch, replace_channel: 'Channel' },
  TextMessageReceived: { message: 'TextMessage!', endpoint: 'Endpoint' },
};

/** Expands the compact notation into Swagger 1.x `properties`. */
export function expandModels(models: Record<string, CompactModel>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, props] of Object.entries(models)) {
    const properties: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(props)) {
      const required = spec.endsWith('!');
      properties[name] = { type: required ? spec.slice(0, -1) : spec, required };
    }
    out[id] = { id, description: `${id} (ARI simulator)`, properties };
  }
  return out;
}
