import type { ImageBlock } from '@chatstream/reader';
import type { SimulatedWeather } from './simulated-weather.ts';

const WIDTH = 480;
const HEIGHT = 240;
const PAD = { top: 44, right: 28, bottom: 40, left: 28 };

/**
 * The forecast as a line chart (a PNG `image` block), which `get_forecast` returns beside the
 * figures: the chat draws it in the tool's card, and the model receives it as a tool result image.
 */
export function forecastChart(location: string, days: readonly SimulatedWeather[]): ImageBlock {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the forecast chart (no 2D canvas)');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = '#1f1e1d';
  context.font = '600 17px system-ui, sans-serif';
  context.fillText(`${location} · °C`, PAD.left - 8, 28);

  const temperatures = days.map((day) => day.temperature);
  const low = Math.min(...temperatures) - 2;
  const high = Math.max(...temperatures) + 2;
  const step = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length - 1);
  const points = temperatures.map((temperature, index) => ({
    x: PAD.left + index * step,
    y: PAD.top + ((high - temperature) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom),
  }));

  context.strokeStyle = '#c96442';
  context.lineWidth = 3;
  context.beginPath();
  for (const [index, { x, y }] of points.entries()) {
    if (index === 0) context.moveTo(x, y);
    else context.lineTo(x, y);
  }
  context.stroke();

  context.font = '15px system-ui, sans-serif';
  context.textAlign = 'center';
  for (const [index, { x, y }] of points.entries()) {
    context.fillStyle = '#c96442';
    context.beginPath();
    context.arc(x, y, 5, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = '#1f1e1d';
    context.fillText(`${temperatures[index]}°`, Math.min(Math.max(x, 20), WIDTH - 20), y - 12);
    context.fillStyle = '#6b6a66';
    context.fillText(`Day ${index + 1}`, Math.min(Math.max(x, 24), WIDTH - 24), HEIGHT - 14);
  }

  const data = canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  return { type: 'image', source: { type: 'base64', media_type: 'image/png', data } };
}
