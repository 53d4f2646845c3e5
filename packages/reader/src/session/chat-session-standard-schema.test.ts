import { setupChatServer } from '@chatstream/mocks/node';
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions, ChatTool } from './chat-session-options.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';
import { defineTool } from './define-tool.ts';
import type { StandardToolSchema } from './standard-schema.ts';

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

// The `toolUse` scenario calls get_weather with { location: 'Paris, France', unit: 'celsius' }.
function session(tool: ChatTool, options: ChatSessionOptions = {}): ChatSession {
  return createChatSession({
    api: API,
    throttle: false,
    retry: false,
    tools: { get_weather: tool },
    ...options,
  });
}

const sentTools = (index: number): unknown =>
  (chat.requests[index]?.body as { tools?: unknown } | undefined)?.tools;
const callsOf = (message: ChatMessage | undefined): unknown[] => Object.values(message?.toolCalls ?? {});
const resultsSent = (target: ChatSession): unknown => target.getSnapshot().messages[2]?.content;

/** A session whose tool takes a date, which JSON Schema cannot say. */
const withDateInput = (): unknown => session({ inputSchema: z.object({ when: z.date() }) });

/** A Standard Schema written by hand, whose check answers with a promise (as async refinements do). */
function asyncSchema(
  check: (input: { location?: unknown }) => string | undefined,
): StandardToolSchema<string> {
  return {
    '~standard': {
      validate: async (input) => {
        const problem = check(input as { location?: unknown });
        return problem
          ? { issues: [{ message: problem, path: [{ key: 'location' }] }] }
          : { value: 'checked' };
      },
      jsonSchema: { input: () => ({ type: 'object', properties: { location: { type: 'string' } } }) },
    },
  };
}

describe('ChatSession: tools with a Standard Schema (zod, ArkType, Valibot)', () => {
  it('sends a zod schema as JSON Schema and runs the tool with what the schema returns', async () => {
    const execute = vi.fn<(input: { city: string; unit: string; days: number }) => string>(
      (input) => `${input.city}: 18°`,
    );
    const target = session(
      defineTool({
        description: 'Current weather',
        inputSchema: z
          .object({
            location: z.string().describe('City and country'),
            unit: z.enum(['celsius', 'fahrenheit']),
            days: z.number().int().default(1),
          })
          .transform(({ location, unit, days }) => ({
            city: location.split(',')[0] ?? location,
            unit,
            days,
          })),
        execute,
      }),
    );
    await target.send('Weather in Paris? [scenario:toolUse]');

    expect(sentTools(0)).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather',
        input_schema: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'City and country' },
            unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
            days: {
              type: 'integer',
              default: 1,
              minimum: Number.MIN_SAFE_INTEGER,
              maximum: Number.MAX_SAFE_INTEGER,
            },
          },
          required: ['location', 'unit'],
        },
      },
    ]);
    expect(execute).toHaveBeenCalledExactlyOnceWith(
      { city: 'Paris', unit: 'celsius', days: 1 },
      expect.objectContaining({ toolUseId: expect.any(String) }),
    );
    expect(resultsSent(target)).toMatchObject([{ type: 'tool_result', content: 'Paris: 18°' }]);
    // The model's own input stays in the conversation as it sent it: it is what the API gets back.
    expect(target.getSnapshot().messages[1]?.content).toContainEqual(
      expect.objectContaining({ type: 'tool_use', input: { location: 'Paris, France', unit: 'celsius' } }),
    );
  });

  it('sends an input the schema refuses back to the model, saying why, without running or asking', async () => {
    const execute = vi.fn<() => string>();
    const needsApproval = vi.fn<() => boolean>(() => true);
    const target = session(
      defineTool({
        inputSchema: z.object({ location: z.string(), unit: z.literal('kelvin'), days: z.number() }),
        execute,
        needsApproval,
      }),
    );
    await target.send('Weather in Paris? [scenario:toolUse]');

    const rejected =
      'Invalid input for this tool (unit: Invalid input: expected "kelvin"; days: Invalid input: expected number, received undefined). Call it again with a valid input.';
    expect(callsOf(target.getSnapshot().messages[1])).toEqual([{ status: 'error', result: rejected }]);
    expect(resultsSent(target)).toMatchObject([{ type: 'tool_result', is_error: true, content: rejected }]);
    expect(chat.requests).toHaveLength(2);
    expect(execute).not.toHaveBeenCalled();
    expect(needsApproval).not.toHaveBeenCalled();
  });

  it('refuses an input before the page sees it when the tool has no execute', async () => {
    const target = session({ inputSchema: z.object({ location: z.number() }) });
    await target.send('Weather in Paris? [scenario:toolUse]');
    expect(callsOf(target.getSnapshot().messages[1])).toEqual([
      {
        status: 'error',
        result: expect.stringContaining('location: Invalid input: expected number, received string'),
      },
    ]);
    expect(target.getSnapshot().status).toBe('ready');
  });

  it('asks needsApproval with the checked input', async () => {
    const needsApproval = vi.fn<(input: { unit: string }) => boolean>(({ unit }) => unit === 'CELSIUS');
    const target = session(
      defineTool({
        inputSchema: z.object({ unit: z.string().toUpperCase() }),
        needsApproval,
        execute: () => 18,
      }),
    );
    await target.send('Weather in Paris? [scenario:toolUse]');
    expect(needsApproval).toHaveBeenCalledWith({ unit: 'CELSIUS' });
    expect(callsOf(target.getSnapshot().messages[1])).toEqual([{ status: 'awaiting-approval' }]);
  });

  it('checks with a schema that answers asynchronously before the tool runs', async () => {
    const execute = vi.fn<(value: string) => string>((value) => value);
    const passing = session({ inputSchema: asyncSchema(() => undefined), execute });
    await passing.send('[scenario:toolUse]');
    expect(execute).toHaveBeenCalledWith('checked', expect.anything());
    expect(resultsSent(passing)).toMatchObject([{ content: 'checked' }]);

    const refusing = session({ inputSchema: asyncSchema(() => 'no cities today'), execute: () => 'ran' });
    await refusing.send('[scenario:toolUse]');
    expect(resultsSent(refusing)).toMatchObject([
      {
        is_error: true,
        content: 'Invalid input for this tool (location: no cities today). Call it again with a valid input.',
      },
    ]);
  });

  it('sends a schema that throws while checking as an error result', async () => {
    const broken: StandardToolSchema = {
      '~standard': {
        validate: () => {
          throw new Error('validator crashed');
        },
        jsonSchema: { input: () => ({ type: 'object' }) },
      },
    };
    const target = session({ inputSchema: broken, execute: () => 'ran' });
    await target.send('[scenario:toolUse]');
    expect(resultsSent(target)).toMatchObject([
      {
        is_error: true,
        content: 'Invalid input for this tool (validator crashed). Call it again with a valid input.',
      },
    ]);
  });

  it('takes ArkType and Valibot schemas', async () => {
    const arkExecute = vi.fn<(input: unknown) => void>();
    await session({ inputSchema: type({ location: 'string' }), execute: arkExecute }).send(
      '[scenario:toolUse]',
    );
    expect(arkExecute).toHaveBeenCalledWith(
      { location: 'Paris, France', unit: 'celsius' },
      expect.anything(),
    );
    expect(sentTools(0)).toMatchObject([
      {
        input_schema: {
          type: 'object',
          properties: { location: { type: 'string' } },
          required: ['location'],
        },
      },
    ]);

    const valibotExecute = vi.fn<(input: unknown) => void>();
    const valibot = toStandardJsonSchema(v.object({ location: v.string() }));
    await session({ inputSchema: valibot, execute: valibotExecute }).send('[scenario:toolUse]');
    // Valibot's object drops the keys it does not name.
    expect(valibotExecute).toHaveBeenCalledWith({ location: 'Paris, France' }, expect.anything());
    expect(sentTools(2)).toMatchObject([{ input_schema: { type: 'object', required: ['location'] } }]);
  });

  it('refuses, at creation, a schema the model could not be told', () => {
    expect(() => session({ inputSchema: v.object({ location: v.string() }) })).toThrow(
      new TypeError(
        'tools.get_weather.inputSchema is a Standard Schema without a JSON Schema for the model (~standard.jsonSchema): use zod 4.2+ or ArkType, wrap a Valibot schema in toStandardJsonSchema, or pass a JSON Schema',
      ),
    );
    expect(withDateInput).toThrow(
      new TypeError(
        'tools.get_weather.inputSchema cannot be written as JSON Schema: Date cannot be represented in JSON Schema',
      ),
    );
    expect(withDateInput).toThrow(expect.objectContaining({ cause: expect.any(Error) }));
    expect(() =>
      session({ inputSchema: z.union([z.object({ city: z.string() }), z.object({ lat: z.number() })]) }),
    ).toThrow(
      new TypeError(
        'tools.get_weather.inputSchema must describe an object, not a union (anyOf): make the union a field of an object',
      ),
    );
    expect(() => session({ inputSchema: z.string() })).toThrow(
      new TypeError('tools.get_weather.inputSchema.type must be "object", got "string"'),
    );
  });

  it('checks each call once, however many ask (its state, approval, execute)', async () => {
    let checks = 0;
    const counting: StandardToolSchema<{ location: string }> = {
      '~standard': {
        validate: (input) => {
          checks += 1;
          return { value: input as { location: string } };
        },
        jsonSchema: { input: () => ({ type: 'object' }) },
      },
    };
    const target = session(
      defineTool({ inputSchema: counting, needsApproval: () => false, execute: () => 18 }),
    );
    await target.send('[scenario:toolUse]');
    expect(resultsSent(target)).toMatchObject([{ content: '18' }]);
    expect(checks).toBe(1);
  });

  it('sends an object schema a library put behind a root $ref, and takes a converter of older drafts', async () => {
    const named: StandardToolSchema = {
      '~standard': {
        validate: (input) => ({ value: input }),
        jsonSchema: {
          input: () => ({
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            $ref: '#/$defs/Place',
            $defs: {
              Place: {
                type: 'object',
                properties: { location: { type: 'string' }, near: { $ref: '#/$defs/Place' } },
              },
            },
          }),
        },
      },
    };
    const olderDrafts: StandardToolSchema = {
      '~standard': {
        validate: (input) => ({ value: input }),
        jsonSchema: {
          input: ({ target }) => {
            if (target !== ('draft-07' as never)) throw new Error(`Unsupported target: ${target}`);
            return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' };
          },
        },
      },
    };
    await session({ inputSchema: named, execute: () => 'ok' }).send('[scenario:basic]');
    await session({ inputSchema: olderDrafts, execute: () => 'ok' }).send('[scenario:basic]');
    expect(sentTools(0)).toMatchObject([
      {
        input_schema: {
          type: 'object',
          properties: { location: { type: 'string' }, near: { $ref: '#/$defs/Place' } },
          $defs: { Place: { type: 'object' } },
        },
      },
    ]);
    expect(sentTools(1)).toMatchObject([{ input_schema: { type: 'object' } }]);
    expect((sentTools(1) as [{ input_schema: object }])[0].input_schema).not.toHaveProperty('$schema');
  });

  it('answers an approved call of a tool without execute as refused when its input fails the schema', async () => {
    const target = session({ inputSchema: asyncSchema(() => 'no cities today'), needsApproval: true });
    await target.send('[scenario:toolUse]');
    const [id] = Object.keys(target.getSnapshot().messages[1]?.toolCalls ?? {});
    target.approveToolCall(id!, true);
    await vi.waitFor(() =>
      expect(callsOf(target.getSnapshot().messages[1])).toEqual([
        {
          status: 'error',
          result:
            'Invalid input for this tool (location: no cities today). Call it again with a valid input.',
        },
      ]),
    );
  });
});
