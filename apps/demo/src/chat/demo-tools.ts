import type { ChatTool } from '@chatstream/reader';
import type { AllowedTool } from '@chatstream/server';
import { abortableDelay } from './abortable-delay.ts';
import { forecastChart } from './forecast-chart.ts';
import { simulateWeather } from './simulated-weather.ts';

interface WeatherInput {
  location?: string;
  unit?: 'celsius' | 'fahrenheit';
}

interface ForecastInput {
  location?: string;
  days?: number;
}

interface TimeInput {
  timezone?: string;
}

interface TranslateInput {
  text?: string;
  target?: string;
}

const locationSchema = { type: 'string', description: 'City and country, e.g. "Paris, France"' };

/**
 * The demo's client tools; they run in the browser. The catalogue's tool scenarios call them
 * (`toolUse` → `get_weather`; `multiTool` → all three weather tools; `unicode` → `translate`), so the
 * tool loop really runs. `get_forecast` asks the user first (`needsApproval`) and returns a chart
 * image beside its figures.
 */
export const demoTools: Record<string, ChatTool> = {
  get_weather: {
    description: 'Current weather for a place. Runs in the browser, no approval needed.',
    inputSchema: {
      type: 'object',
      properties: { location: locationSchema, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
    execute: async (input, { signal }) => {
      const { location = 'Paris, France', unit = 'celsius' } = input as WeatherInput;
      await abortableDelay(700, signal);
      return simulateWeather(location, unit);
    },
  },
  get_time: {
    description: 'The current local time in an IANA time zone.',
    inputSchema: {
      type: 'object',
      properties: { timezone: { type: 'string', description: 'IANA zone, e.g. "Asia/Tokyo"' } },
      required: ['timezone'],
    },
    execute: (input) => {
      const { timezone = 'UTC' } = input as TimeInput;
      const time = new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date());
      return { timezone, local_time: time };
    },
  },
  get_forecast: {
    description:
      'A multi-day forecast from a metered provider, so it asks the user before running. Returns the figures and a chart of them.',
    inputSchema: {
      type: 'object',
      properties: {
        location: locationSchema,
        days: { type: 'integer', minimum: 1, maximum: 7 },
        options: { type: 'object' },
      },
      required: ['location'],
    },
    needsApproval: true,
    execute: async (input, { signal }) => {
      const { location = 'Tokyo, Japan', days = 3 } = input as ForecastInput;
      await abortableDelay(900, signal);
      const forecast = Array.from({ length: Math.min(7, Math.max(1, days)) }, (_, day) =>
        simulateWeather(location, 'celsius', day + 1),
      );
      const figures = forecast.map((weather, day) => ({ day: day + 1, ...weather }));
      // The figures for the model, and a chart that the card draws (attachmentRenderers) and the model sees too.
      return [{ type: 'text', text: JSON.stringify(figures, null, 2) }, forecastChart(location, forecast)];
    },
  },
  translate: {
    description: 'Translates a short text (simulated in the demo).',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string' }, target: { type: 'string' }, note: { type: 'string' } },
      required: ['text', 'target'],
    },
    execute: async (input, { signal }) => {
      const { text = '', target = 'en' } = input as TranslateInput;
      await abortableDelay(500, signal);
      return { target, translation: `[${target}] ${text}`, simulated: true };
    },
  },
};

/**
 * The tools the relay accepts: the client tools above by name, and Anthropic's web search pinned by
 * the relay (it bills each search: the page cannot raise `max_uses`).
 */
export const demoAllowedTools: readonly AllowedTool[] = [
  ...Object.keys(demoTools),
  { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
];
