import Anthropic from '@anthropic-ai/sdk';
import { expect, it } from 'vitest';
import { credentialsOf } from './resolve-client.ts';

it("names a client's key, token and the credentials among its headers, not other headers", () => {
  const client = new Anthropic({
    baseURL: 'http://127.0.0.1:9',
    apiKey: null,
    authToken: 'gw-token-0002',
    defaultHeaders: {
      'cf-aig-authorization': 'Bearer cf-token-0003',
      'x-portkey-api-key': 'pk-0004-abcdef',
      'x-api-key': 'sk-ant-key-0001',
      // Not credentials, and short values would be redacted from every message.
      'x-max-tokens': '4096',
      'x-use-auth-cache': 'true',
      'x-request-source': 'support-widget',
    },
  });
  expect(credentialsOf(client).toSorted()).toEqual(
    [
      'sk-ant-key-0001',
      'gw-token-0002',
      'Bearer cf-token-0003',
      'cf-token-0003',
      'pk-0004-abcdef',
    ].toSorted(),
  );
});
