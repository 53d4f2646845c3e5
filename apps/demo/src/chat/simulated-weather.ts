/** Weather the demo tools report: simulated, but stable per place so reruns agree. */
export interface SimulatedWeather {
  location: string;
  temperature: number;
  unit: 'celsius' | 'fahrenheit';
  conditions: string;
  humidity: number;
  wind_kph: number;
}

const CONDITIONS = ['sunny', 'partly cloudy', 'overcast', 'light rain', 'showers', 'clear', 'windy'];

/** A small string hash, so the same place always gets the same weather. */
function hash(text: string): number {
  let value = 2166136261;
  for (const char of text.toLowerCase()) {
    value ^= char.codePointAt(0)!;
    value = Math.imul(value, 16777619);
  }
  return value >>> 0;
}

/**
 * Simulated current weather for `location` (day offsets give a forecast).
 *
 * @example
 * simulateWeather('Paris, France').conditions; // always the same for Paris
 */
export function simulateWeather(
  location: string,
  unit: 'celsius' | 'fahrenheit' = 'celsius',
  dayOffset = 0,
): SimulatedWeather {
  const seed = hash(`${location}|${dayOffset}`);
  const celsius = 4 + (seed % 24);
  return {
    location,
    temperature: unit === 'celsius' ? celsius : Math.round((celsius * 9) / 5 + 32),
    unit,
    conditions: CONDITIONS[seed % CONDITIONS.length]!,
    humidity: 35 + ((seed >>> 8) % 55),
    wind_kph: 3 + ((seed >>> 16) % 30),
  };
}
