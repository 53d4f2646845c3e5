/** A real PNG drawn on a canvas (a sunset over hills), as the base64 a user attachment holds. */
export function scenePng(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const sky = context.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#f5b38a');
  sky.addColorStop(1, '#c96442');
  context.fillStyle = sky;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#faf3d8';
  context.beginPath();
  context.arc(width * 0.68, height * 0.58, height * 0.16, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = '#3d3a35';
  context.beginPath();
  context.moveTo(0, height);
  context.quadraticCurveTo(width * 0.3, height * 0.45, width * 0.6, height * 0.8);
  context.quadraticCurveTo(width * 0.8, height * 0.62, width, height * 0.75);
  context.lineTo(width, height);
  context.fill();
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}

/** {@link scenePng} as a file a user picks, pastes or drops. */
export function scenePngFile(width: number, height: number, name = 'sunset.png'): File {
  const bytes = Uint8Array.from(atob(scenePng(width, height)), (char) => char.charCodeAt(0));
  return new File([bytes], name, { type: 'image/png' });
}
