import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../lib/config.ts';

describe('configuration', () => {
  it('starts with defaults for every setting when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://callplatform:callplatform@127.0.0.1:5432/callplatform');
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'callplatform',
    });
    expect(config.gateway.port).toBe(4000);
    expect(config.gateway.publicUrl).toBe('http://127.0.0.1:4000');
  });

  it('lists every invalid variable in one error, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://nope',
        GATEWAY_PORT: '70000',
        TEMPORAL_ADDRESS: 'no-port',
        LOG_LEVEL: 'loud',
        CORS_ORIGINS: 'http://a.example,http://b.example',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'GATEWAY_PORT',
      'LOG_LEVEL',
      'TEMPORAL_ADDRESS',
    ]);
    expect((error as ConfigError).message).toContain('GATEWAY_PORT');
  });

  it('never echoes secrets or database passwords in its errors', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'postgres://app:s3cret@db:5432/x',
        DATABASE_POOL_MAX: '0',
        WEAVIATE_URL: 'ftp://s3cret',
      });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toHaveLength(2);
    expect((error as Error).message).not.toContain('s3cret@');
  });

  it('treats an empty variable as unset and parses lists', () => {
    const config = loadConfig({ GATEWAY_PORT: '', CORS_ORIGINS: 'http://a.example, http://b.example' });
    expect(config.gateway.port).toBe(4000);
    expect(config.gateway.corsOrigins).toEqual(['http://a.example', 'http://b.example']);
  });
});
