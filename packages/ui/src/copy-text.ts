/**
 * Puts `text` on the clipboard. The Clipboard API needs a secure context (HTTPS or localhost); an
 * app served over plain HTTP on a LAN has none, so there the selection of a hidden textarea is copied
 * instead, which browsers still allow during a click.
 *
 * @throws when the browser refuses both ways (a denied permission, no user gesture).
 * @example
 * button.onclick = () => copyText(answer).then(showCopied, showFailed);
 */
export async function copyText(text: string): Promise<void> {
  // Undefined outside a secure context, whatever the DOM types say.
  const clipboard = globalThis.navigator?.clipboard as Clipboard | undefined;
  if (clipboard) {
    try {
      return await clipboard.writeText(text);
    } catch (error) {
      if (!copyBySelection(text)) throw error;
      return;
    }
  }
  if (!copyBySelection(text)) throw new Error('The browser did not allow copying to the clipboard');
}

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off-screen, not hidden: a hidden element's selection cannot be copied.
  area.style.cssText = 'position:fixed;inset-block-start:0;opacity:0;pointer-events:none';
  // The element with the focus, also inside a shadow root (where the document reports its host).
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  document.body.append(area);
  area.select();
  try {
    // Deprecated but still the only way without the Clipboard API; it reports success.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    (focused as HTMLElement | null)?.focus({ preventScroll: true });
  }
}
