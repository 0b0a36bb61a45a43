/**
 * The Swagger 1.1 documents ari-client loads at connect: `GET /ari/api-docs/resources.json`
 * and one document per resource (`/ari/api-docs/channels.json`, …), each with an absolute
 * `basePath` of `http://<Host header>/ari` because swagger-client builds request URLs from it.
 */
import { ASTERISK_VERSION } from '../asterisk-facts.js';
import { EVENT_MODELS, RESOURCE_MODELS, expandModels } from './models.js';
import { OPERATIONS, RESOURCES } from './operations.js';

const API_VERSION = '10.0.0';

/** `resources.json`. */
export function resourceListing(host: string): Record<string, unknown> {
  return {
    _copyright: 'ARI simulator (subset of the Asterisk REST Interface)',
    _asterisk_version: ASTERISK_VERSION,
    apiVersion: API_VERSION,
    swaggerVersion: '1.1',
    basePath: `http://${host}/ari`,
    apis: RESOURCES.map(([name, description]) => ({ path: `/api-docs/${name}.{format}`, description })),
  };
}

/** One resource document, or undefined for an unknown name. */
export function resourceDoc(name: string, host: string): Record<string, unknown> | undefined {
  const apis = OPERATIONS[name];
  if (!apis) return undefined;
  const models = name === 'events' ? EVENT_MODELS : (RESOURCE_MODELS[name] ?? {});
  return {
    apiVersion: API_VERSION,
    swaggerVersion: '1.2',
    basePath: `http://${host}/ari`,
    resourcePath: `/api-docs/${name}.{format}`,
    apis: apis.map((api) => ({
      path: api.path,
      description: api.path,
      operations: api.operations.map((op) => ({
        httpMethod: op.httpMethod,
        summary: op.summary,
        nickname: op.nickname,
        responseClass: op.responseClass,
        parameters: op.parameters.map((p) => ({
          name: p.name,
          description: p.name,
          paramType: p.paramType,
          required: p.required,
          allowMultiple: p.allowMultiple,
          dataType: p.dataType,
          ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
          ...(p.values ? { allowableValues: { valueType: 'LIST', values: p.values } } : {}),
        })),
      })),
    })),
    models: expandModels(models),
  };
}

/** Every event type the served `events.json` declares (ari-client throws on any other). */
export function declaredEventTypes(): string[] {
  return Object.keys(EVENT_MODELS).filter((k) => !['Message', 'MissingParams', 'Event', 'ContactInfo', 'Peer'].includes(k));
}
