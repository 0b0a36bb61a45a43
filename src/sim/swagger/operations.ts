/**
 * The ARI operations the simulator implements, with Asterisk's nicknames and parameter names
 * (ari-client turns each nickname into a method: `client.channels.originate(...)`,
 * `bridge.addChannel(...)`). Every parameter is a query parameter except path parameters and
 * the originate `variables` body — exactly how ari-client/swagger-client send them.
 */

export interface ParamSpec {
  name: string;
  paramType: 'path' | 'query' | 'body';
  dataType: string;
  required: boolean;
  allowMultiple: boolean;
  defaultValue?: unknown;
  values?: string[];
}

export interface OperationSpec {
  httpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  responseClass: string;
  summary: string;
  parameters: ParamSpec[];
}

export interface ApiSpec {
  path: string;
  operations: OperationSpec[];
}

type Opt = { required?: boolean; multiple?: boolean; def?: unknown; values?: string[] };

const q = (name: string, dataType = 'string', o: Opt = {}): ParamSpec => ({
  name,
  paramType: 'query',
  dataType,
  required: o.required ?? false,
  allowMultiple: o.multiple ?? false,
  ...(o.def !== undefined ? { defaultValue: o.def } : {}),
  ...(o.values ? { values: o.values } : {}),
});
const path = (name: string): ParamSpec => ({ name, paramType: 'path', dataType: 'string', required: true, allowMultiple: false });
const body = (name: string): ParamSpec => ({ name, paramType: 'body', dataType: 'containers', required: false, allowMultiple: false });
const op = (httpMethod: OperationSpec['httpMethod'], nickname: string, responseClass: string, summary: string, parameters: ParamSpec[] = []): OperationSpec => ({
  httpMethod,
  nickname,
  responseClass,
  summary,
  parameters,
});

const originateParams = (withId: boolean): ParamSpec[] => [
  q('endpoint', 'string', { required: true }),
  q('extension'),
  q('context'),
  q('priority', 'long'),
  q('label'),
  q('app'),
  q('appArgs'),
  q('callerId'),
  q('timeout', 'int', { def: 30 }),
  body('variables'),
  ...(withId ? [path('channelId')] : [q('channelId')]),
  q('otherChannelId'),
  q('originator'),
  q('formats'),
];
const playParams = (idInPath: boolean): ParamSpec[] => [
  q('media', 'string', { required: true, multiple: true }),
  q('lang'),
  q('offsetms', 'int'),
  q('skipms', 'int', { def: 3000 }),
  ...(idInPath ? [path('playbackId')] : [q('playbackId')]),
];
const recordParams: ParamSpec[] = [
  q('name', 'string', { required: true }),
  q('format', 'string', { required: true }),
  q('maxDurationSeconds', 'int', { def: 0 }),
  q('maxSilenceSeconds', 'int', { def: 0 }),
  q('ifExists', 'string', { def: 'fail', values: ['fail', 'overwrite', 'append'] }),
  q('beep', 'boolean', { def: false }),
  q('terminateOn', 'string', { def: 'none', values: ['none', 'any', '*', '#'] }),
];
const snoopDirection = (name: string) => q(name, 'string', { def: 'none', values: ['none', 'both', 'out', 'in'] });
const snoopParams: ParamSpec[] = [snoopDirection('spy'), snoopDirection('whisper'), q('app', 'string', { required: true }), q('appArgs')];
const cid = path('channelId');
const bid = path('bridgeId');
const rname = path('recordingName');
const channelOnly = (m: OperationSpec['httpMethod'], nick: string, summary: string, extra: ParamSpec[] = []) =>
  op(m, nick, 'void', summary, [cid, ...extra]);

/** Operations per resource document. */
export const OPERATIONS: Record<string, ApiSpec[]> = {
  asterisk: [
    { path: '/asterisk/info', operations: [op('GET', 'getInfo', 'AsteriskInfo', 'Asterisk system information.', [q('only', 'string', { multiple: true })])] },
    { path: '/asterisk/ping', operations: [op('GET', 'ping', 'AsteriskPing', 'Response pong message.')] },
    {
      path: '/asterisk/variable',
      operations: [
        op('GET', 'getGlobalVar', 'Variable', 'Get the value of a global variable.', [q('variable', 'string', { required: true })]),
        op('POST', 'setGlobalVar', 'void', 'Set the value of a global variable.', [q('variable', 'string', { required: true }), q('value')]),
      ],
    },
  ],
  endpoints: [
    { path: '/endpoints', operations: [op('GET', 'list', 'List[Endpoint]', 'List all endpoints.')] },
    { path: '/endpoints/{tech}', operations: [op('GET', 'listByTech', 'List[Endpoint]', 'List endpoints of a technology.', [path('tech')])] },
    { path: '/endpoints/{tech}/{resource}', operations: [op('GET', 'get', 'Endpoint', 'Details for an endpoint.', [path('tech'), path('resource')])] },
  ],
  channels: [
    {
      path: '/channels',
      operations: [op('GET', 'list', 'List[Channel]', 'List all active channels.'), op('POST', 'originate', 'Channel', 'Create a new channel (originate).', originateParams(false))],
    },
    {
      path: '/channels/{channelId}',
      operations: [
        op('GET', 'get', 'Channel', 'Channel details.', [cid]),
        op('POST', 'originateWithId', 'Channel', 'Create a new channel (originate with id).', originateParams(true)),
        channelOnly('DELETE', 'hangup', 'Delete (i.e. hangup) a channel.', [
          q('reason_code'),
          q('reason', 'string', { values: ['normal', 'busy', 'congestion', 'no_answer', 'timeout', 'rejected', 'unallocated', 'normal_unspecified', 'number_incomplete', 'codec_mismatch', 'interworking', 'failure', 'answered_elsewhere'] }),
        ]),
      ],
    },
    { path: '/channels/{channelId}/answer', operations: [channelOnly('POST', 'answer', 'Answer a channel.')] },
    { path: '/channels/{channelId}/ring', operations: [channelOnly('POST', 'ring', 'Indicate ringing.'), channelOnly('DELETE', 'ringStop', 'Stop ringing indication.')] },
    {
      path: '/channels/{channelId}/dtmf',
      operations: [
        channelOnly('POST', 'sendDTMF', 'Send DTMF to a channel.', [q('dtmf'), q('before', 'int'), q('between', 'int', { def: 100 }), q('duration', 'int', { def: 100 }), q('after', 'int')]),
      ],
    },
    {
      path: '/channels/{channelId}/mute',
      operations: [
        channelOnly('POST', 'mute', 'Mute a channel.', [q('direction', 'string', { def: 'both', values: ['both', 'in', 'out'] })]),
        channelOnly('DELETE', 'unmute', 'Unmute a channel.', [q('direction', 'string', { def: 'both', values: ['both', 'in', 'out'] })]),
      ],
    },
    { path: '/channels/{channelId}/hold', operations: [channelOnly('POST', 'hold', 'Hold a channel.'), channelOnly('DELETE', 'unhold', 'Remove a channel from hold.')] },
    { path: '/channels/{channelId}/moh', operations: [channelOnly('POST', 'startMoh', 'Play music on hold.', [q('mohClass')]), channelOnly('DELETE', 'stopMoh', 'Stop music on hold.')] },
    { path: '/channels/{channelId}/silence', operations: [channelOnly('POST', 'startSilence', 'Play silence.'), channelOnly('DELETE', 'stopSilence', 'Stop playing silence.')] },
    { path: '/channels/{channelId}/play', operations: [op('POST', 'play', 'Playback', 'Start playback of media.', [cid, ...playParams(false)])] },
    { path: '/channels/{channelId}/play/{playbackId}', operations: [op('POST', 'playWithId', 'Playback', 'Start playback of media with an id.', [cid, ...playParams(true)])] },
    { path: '/channels/{channelId}/record', operations: [op('POST', 'record', 'LiveRecording', 'Start a recording.', [cid, ...recordParams])] },
    {
      path: '/channels/{channelId}/variable',
      operations: [
        op('GET', 'getChannelVar', 'Variable', 'Get the value of a channel variable.', [cid, q('variable', 'string', { required: true })]),
        channelOnly('POST', 'setChannelVar', 'Set the value of a channel variable.', [q('variable', 'string', { required: true }), q('value')]),
      ],
    },
    // Snoop (supervisors): spy/whisper directions as Asterisk's resource_channels.c takes them.
    { path: '/channels/{channelId}/snoop', operations: [op('POST', 'snoopChannel', 'Channel', 'Start snooping.', [cid, ...snoopParams, q('snoopId')])] },
    { path: '/channels/{channelId}/snoop/{snoopId}', operations: [op('POST', 'snoopChannelWithId', 'Channel', 'Start snooping (with id).', [cid, ...snoopParams, path('snoopId')])] },
  ],
  bridges: [
    {
      path: '/bridges',
      operations: [op('GET', 'list', 'List[Bridge]', 'List all active bridges.'), op('POST', 'create', 'Bridge', 'Create a new bridge.', [q('type'), q('bridgeId'), q('name')])],
    },
    {
      path: '/bridges/{bridgeId}',
      operations: [
        op('POST', 'createWithId', 'Bridge', 'Create a new bridge with an id.', [q('type'), bid, q('name')]),
        op('GET', 'get', 'Bridge', 'Get bridge details.', [bid]),
        op('DELETE', 'destroy', 'void', 'Shut down a bridge.', [bid]),
      ],
    },
    {
      path: '/bridges/{bridgeId}/addChannel',
      operations: [
        op('POST', 'addChannel', 'void', 'Add a channel to a bridge.', [
          bid,
          q('channel', 'string', { required: true, multiple: true }),
          q('role'),
          q('absorbDTMF', 'boolean', { def: false }),
          q('mute', 'boolean', { def: false }),
          q('inhibitConnectedLineUpdates', 'boolean', { def: false }),
        ]),
      ],
    },
    { path: '/bridges/{bridgeId}/removeChannel', operations: [op('POST', 'removeChannel', 'void', 'Remove a channel from a bridge.', [bid, q('channel', 'string', { required: true, multiple: true })])] },
    { path: '/bridges/{bridgeId}/moh', operations: [op('POST', 'startMoh', 'void', 'Play music on hold to a bridge.', [bid, q('mohClass')]), op('DELETE', 'stopMoh', 'void', 'Stop music on hold.', [bid])] },
    { path: '/bridges/{bridgeId}/play', operations: [op('POST', 'play', 'Playback', 'Start playback of media on a bridge.', [bid, ...playParams(false)])] },
    { path: '/bridges/{bridgeId}/play/{playbackId}', operations: [op('POST', 'playWithId', 'Playback', 'Start playback of media on a bridge with an id.', [bid, ...playParams(true)])] },
    { path: '/bridges/{bridgeId}/record', operations: [op('POST', 'record', 'LiveRecording', 'Start a recording of a bridge.', [bid, ...recordParams])] },
  ],
  recordings: [
    { path: '/recordings/stored', operations: [op('GET', 'listStored', 'List[StoredRecording]', 'List recordings that are complete.')] },
    {
      path: '/recordings/stored/{recordingName}',
      operations: [op('GET', 'getStored', 'StoredRecording', 'Get a stored recording.', [rname]), op('DELETE', 'deleteStored', 'void', 'Delete a stored recording.', [rname])],
    },
    { path: '/recordings/stored/{recordingName}/file', operations: [op('GET', 'getStoredFile', 'binary', 'Get the file of a stored recording.', [rname])] },
    {
      path: '/recordings/stored/{recordingName}/copy',
      operations: [op('POST', 'copyStored', 'StoredRecording', 'Copy a stored recording.', [rname, q('destinationRecordingName', 'string', { required: true })])],
    },
    {
      path: '/recordings/live/{recordingName}',
      operations: [op('GET', 'getLive', 'LiveRecording', 'List live recordings.', [rname]), op('DELETE', 'cancel', 'void', 'Stop a live recording and discard it.', [rname])],
    },
    { path: '/recordings/live/{recordingName}/stop', operations: [op('POST', 'stop', 'void', 'Stop a live recording and store it.', [rname])] },
    { path: '/recordings/live/{recordingName}/pause', operations: [op('POST', 'pause', 'void', 'Pause a live recording.', [rname]), op('DELETE', 'unpause', 'void', 'Unpause a live recording.', [rname])] },
    { path: '/recordings/live/{recordingName}/mute', operations: [op('POST', 'mute', 'void', 'Mute a live recording.', [rname]), op('DELETE', 'unmute', 'void', 'Unmute a live recording.', [rname])] },
  ],
  sounds: [
    { path: '/sounds', operations: [op('GET', 'list', 'List[Sound]', 'List all sounds.', [q('lang'), q('format')])] },
    { path: '/sounds/{soundId}', operations: [op('GET', 'get', 'Sound', "Get a sound's details.", [path('soundId')])] },
  ],
  playbacks: [
    {
      path: '/playbacks/{playbackId}',
      operations: [op('GET', 'get', 'Playback', "Get a playback's details.", [path('playbackId')]), op('DELETE', 'stop', 'void', 'Stop a playback.', [path('playbackId')])],
    },
    {
      path: '/playbacks/{playbackId}/control',
      operations: [
        op('POST', 'control', 'void', 'Control a playback.', [
          path('playbackId'),
          q('operation', 'string', { required: true, values: ['restart', 'pause', 'unpause', 'reverse', 'forward'] }),
        ]),
      ],
    },
  ],
  deviceStates: [
    { path: '/deviceStates', operations: [op('GET', 'list', 'List[DeviceState]', 'List all ARI controlled device states.')] },
    { path: '/deviceStates/{deviceName}', operations: [op('GET', 'get', 'DeviceState', 'Retrieve the current state of a device.', [path('deviceName')])] },
  ],
  mailboxes: [
    { path: '/mailboxes', operations: [op('GET', 'list', 'List[Mailbox]', 'List all mailboxes.')] },
    { path: '/mailboxes/{mailboxName}', operations: [op('GET', 'get', 'Mailbox', "Retrieve the current state of a mailbox.", [path('mailboxName')])] },
  ],
  events: [
    {
      path: '/events',
      operations: [op('GET', 'eventWebsocket', 'Message', 'WebSocket connection for events.', [q('app', 'string', { required: true, multiple: true }), q('subscribeAll', 'boolean')])],
    },
  ],
  applications: [
    { path: '/applications', operations: [op('GET', 'list', 'List[Application]', 'List all applications.')] },
    { path: '/applications/{applicationName}', operations: [op('GET', 'get', 'Application', 'Get details of an application.', [path('applicationName')])] },
    {
      path: '/applications/{applicationName}/subscription',
      operations: [
        op('POST', 'subscribe', 'Application', 'Subscribe an application to an event source.', [path('applicationName'), q('eventSource', 'string', { required: true, multiple: true })]),
        op('DELETE', 'unsubscribe', 'Application', 'Unsubscribe an application from an event source.', [path('applicationName'), q('eventSource', 'string', { required: true, multiple: true })]),
      ],
    },
  ],
};

/** Resource documents in the order of Asterisk's resources.json, with their descriptions. */
export const RESOURCES: Array<[name: string, description: string]> = [
  ['asterisk', 'Asterisk resources'],
  ['endpoints', 'Endpoint resources'],
  ['channels', 'Channel resources'],
  ['bridges', 'Bridge resources'],
  ['recordings', 'Recording resources'],
  ['sounds', 'Sound resources'],
  ['playbacks', 'Playback control resources'],
  ['deviceStates', 'Device state resources'],
  ['mailboxes', 'Mailboxes resources'],
  ['events', 'WebSocket resource'],
  ['applications', 'Stasis application resources'],
];
