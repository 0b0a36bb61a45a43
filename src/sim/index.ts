/**
 * The ARI simulator: a stand-in for Asterisk 22 that unmodified ari-client talks to, used by
 * the service's integration tests and by the no-Asterisk demo. See `README.md` in this folder.
 */
export { AriSimulator } from './server.js';
export { carrierCall, type CarrierCall } from './inbound.js';
export type {
  AriSimulatorEvents,
  AriSimulatorOptions,
  FarEndScript,
  InboundCall,
  SimBridgeView,
  SimChannelView,
  SimEventLogEntry,
  SimLogEntry,
  SimLogger,
  SimRestLogEntry,
  SimTimers,
} from './types.js';
export { readWavInfo, readWavSamples, synthesizeAudio, writeWav, WavFormatError, WAV_SAMPLE_RATE } from './wav.js';
export type { WavInfo, AudioStretch } from './wav.js';
export { resourceOf } from './endpoint.js';
export { declaredEventTypes } from './swagger/docs.js';
export { asteriskTime, causeText, dialStatusForCause } from './asterisk-facts.js';
