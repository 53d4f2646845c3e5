import { describe, expect, it } from 'vitest';
import type { ContentBlock } from '../types.ts';
import { DENIED_RESULT, finishedCall, toolCallsOf, toolResultBlocks } from './tool-results.ts';

const call = (id: string, name: string): ContentBlock => ({ type: 'tool_use', id, name, input: {} });
const content: ContentBlock[] = [
  { type: 'text', text: 'Let me check.' },
  call('t1', 'run'),
  call('t2', 'ask'),
  call('t3', 'confirm'),
  call('t4', 'missing'),
  { type: 'server_tool_use', id: 's1', name: 'web_search', input: {} },
];
const tools = {
  run: { inputSchema: { type: 'object' }, execute: () => 1 },
  ask: { inputSchema: { type: 'object' } },
  confirm: { inputSchema: { type: 'object' }, execute: () => 1, needsApproval: true },
};

describe('toolCallsOf', () => {
  it('sets up the client calls of a tool_use turn (server tools are not client calls)', () => {
    expect(toolCallsOf(content, tools, 'tool_use')).toEqual({
      t1: { status: 'running' },
      t2: { status: 'awaiting-result' },
      t3: { status: 'awaiting-approval' },
      t4: { status: 'error', result: 'Unknown tool "missing"' },
    });
  });

  it('marks calls input-streaming while streaming, error when the turn ended otherwise, none without calls', () => {
    expect(toolCallsOf(content, tools, 'streaming')?.['t1']).toEqual({ status: 'input-streaming' });
    expect(toolCallsOf(content, tools, 'ended')?.['t2']).toEqual({ status: 'error' });
    expect(toolCallsOf([{ type: 'text', text: 'Hi' }], tools, 'tool_use')).toBeUndefined();
    expect(toolCallsOf([call('t5', 'toString')], tools, 'tool_use')?.['t5']?.status).toBe('error');
  });
});

describe('toolResultBlocks', () => {
  it('answers every call in order; errors and denials carry is_error; values other than text go as JSON', () => {
    const blocks = toolResultBlocks(content, {
      t1: { status: 'done', result: { temperature: 18 } },
      t2: { status: 'done', result: [{ type: 'text', text: 'as blocks' }] },
      t3: { status: 'denied', result: DENIED_RESULT },
      t4: { status: 'error', result: 'Unknown tool "missing"' },
    });
    expect(blocks).toEqual([
      { type: 'tool_result', tool_use_id: 't1', content: '{"temperature":18}' },
      { type: 'tool_result', tool_use_id: 't2', content: [{ type: 'text', text: 'as blocks' }] },
      { type: 'tool_result', tool_use_id: 't3', content: DENIED_RESULT, is_error: true },
      { type: 'tool_result', tool_use_id: 't4', content: 'Unknown tool "missing"', is_error: true },
    ]);
  });

  it('sends arrays of data as JSON, even rows that have a type; only the blocks a result may hold as blocks', () => {
    const files = [
      { type: 'file', name: 'README.md' },
      { type: 'dir', name: 'src' },
    ];
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    };
    const [rows, empty, notText, blocks] = toolResultBlocks(content, {
      t1: { status: 'done', result: files },
      t2: { status: 'done', result: [] },
      t3: { status: 'done', result: [{ type: 'text', text: 42 }] },
      t4: { status: 'done', result: [{ type: 'text', text: 'Chart:' }, image] },
    });
    expect(rows?.content).toBe(JSON.stringify(files));
    expect(empty?.content).toBe('[]');
    expect(notText?.content).toBe('[{"type":"text","text":42}]');
    expect(blocks?.content).toEqual([{ type: 'text', text: 'Chart:' }, image]);
    // A tool search of the app's own names the tools to load: blocks the API takes there too.
    const found = [{ type: 'tool_reference', tool_name: 'get_weather' }];
    const listed = [{ type: 'document', id: 'd1', title: 'Q3 report' }];
    const [references, documents] = toolResultBlocks(content, {
      t1: { status: 'done', result: found },
      t2: { status: 'done', result: listed },
    });
    expect(references?.content).toEqual(found);
    expect(documents?.content).toBe(JSON.stringify(listed));
  });

  it('sends a result JSON cannot hold (a BigInt, a cycle) as an error saying so', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle['self'] = cycle;
    const [big, looped] = toolResultBlocks(content, {
      t1: { status: 'done', result: { rows: 10n } },
      t2: { status: 'done', result: cycle },
    });
    expect(big).toMatchObject({ tool_use_id: 't1', is_error: true });
    expect(big?.content).toMatch(/^The tool's result could not be sent as JSON: .*BigInt/);
    expect(looped).toMatchObject({ tool_use_id: 't2', is_error: true });
    expect(looped?.content).toMatch(/^The tool's result could not be sent as JSON: .*circular/i);
  });
});

describe('finishedCall', () => {
  it('fails a result JSON would turn into {} (a Blob, a Map), saying so, instead of sending {}', () => {
    expect(finishedCall(new Blob(['screenshot bytes'], { type: 'image/png' }))).toEqual({
      status: 'error',
      result:
        "The tool's result (a Blob) cannot be sent as JSON: return text, JSON or content blocks (fileToContentBlock makes one of a file).",
    });
    expect(finishedCall(new Map([['Paris', 18]]))).toEqual({
      status: 'error',
      result: "The tool's result (a Map) cannot be sent as JSON: return text, JSON or content blocks.",
    });
    expect(finishedCall({ rows: 10n })).toMatchObject({
      status: 'error',
      result: expect.stringMatching(/^The tool's result could not be sent as JSON: .*BigInt/),
    });
  });

  it('keeps every result JSON can carry, and the error flag it was given', () => {
    const dated = Object.assign(Object.create(null) as object, { at: new Date(0) });
    for (const result of [{}, dated, 'Sunny', [{ type: 'text', text: 'Sunny' }], 18, null, undefined]) {
      expect(finishedCall(result)).toEqual({ status: 'done', result });
    }
    expect(finishedCall('Service unavailable', true)).toEqual({
      status: 'error',
      result: 'Service unavailable',
    });
  });
});
