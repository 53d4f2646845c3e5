export { createFakeAnthropicServer } from './server/fake-anthropic-server.ts';
export type { FakeAnthropicServer, FakeAnthropicServerOptions } from './server/fake-anthropic-server.ts';
export type { RequestRecord } from './request-log.ts';
