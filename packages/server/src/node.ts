export { createNodeHandler } from './create-node-handler.ts';
export type { NodeHandler } from './create-node-handler.ts';
