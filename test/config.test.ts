import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('applies defaults with only the ARI password given', () => {
    const c = loadConfig({ ARI_PASSWORD: 'secret' });
    expect(c).toMatchObject({
      ARI_URL: 'http://127.0.0.1:8088',
      ARI_APP: 'dialer',
      CUSTOMER_ENDPOINT_TEMPLATE: 'PJSIP/{number}@carrier',
      AGENT_ENDPOINT_TEMPLATE: 'PJSIP/{ext}',
      HTTP_PORT: 3000,
      AGENT_WAIT_MS: 2000,
      DEMO_MODE: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad setting', () => {
    let err: unknown;
    try {
      loadConfig({ ARI_URL: 'ftp://x', HTTP_PORT: 'abc', CUSTOMER_ENDPOINT_TEMPLATE: 'Local/foo@customers', ARI_APP: 'bad app' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['ARI_URL', 'ARI_PASSWORD', 'HTTP_PORT', 'CUSTOMER_ENDPOINT_TEMPLATE', 'ARI_APP']) expect(problems).toContain(name);
    expect(problems).toMatch(/must contain \{number\}/);
  });

  it('accepts the Local templates used against a real Asterisk', () => {
    const c = loadConfig({ ARI_PASSWORD: 'x', CUSTOMER_ENDPOINT_TEMPLATE: 'Local/{number}@customers', AGENT_ENDPOINT_TEMPLATE: 'Local/{ext}@agents', DEMO_MODE: '1' });
    expect(c.CUSTOMER_ENDPOINT_TEMPLATE).toBe('Local/{number}@customers');
    expect(c.DEMO_MODE).toBe(true);
  });
});
