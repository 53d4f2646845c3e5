/**
 * Which edge of its element a line of text sits against: `left`, `right`, or `both` when it fills
 * the line. Tells a right-to-left paragraph from a left-to-right one by what a person sees.
 */
export function textSide(element: Element): 'left' | 'right' | 'both' {
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const left = text.left - box.left < 2;
  const right = box.right - text.right < 2;
  return left && right ? 'both' : right ? 'right' : 'left';
}
