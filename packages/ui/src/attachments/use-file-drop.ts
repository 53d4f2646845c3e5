import { type RefObject, useEffect, useState } from 'react';

/**
 * Takes files dropped anywhere on the chat around `anchor` (its `[data-slot="chat-stream"]`, or its
 * form when it has none): a person drops a file on the conversation at least as often as on the
 * message box, and a drop the page does not take makes the browser leave it to open the file.
 * Returns whether files are being dragged over it.
 *
 * @example
 * const dragging = useFileDrop(picker, add, disabled);
 */
export function useFileDrop(
  anchor: RefObject<HTMLElement | null>,
  onFiles: (files: FileList) => void,
  disabled = false,
): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const element = anchor.current;
    const zone = element?.closest('[data-slot="chat-stream"]') ?? element?.closest('form');
    if (!zone || disabled) return;
    const over = (event: DragEvent): void => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      // Without this the drop never comes: the browser takes the file itself.
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent): void => {
      if (!zone.contains(event.relatedTarget as Node | null)) setDragging(false);
    };
    const drop = (event: DragEvent): void => {
      setDragging(false);
      const files = event.dataTransfer?.files;
      if (!files?.length) return;
      event.preventDefault();
      onFiles(files);
    };
    const listeners = { dragenter: over, dragover: over, dragleave: leave, drop } as const;
    for (const [type, listener] of Object.entries(listeners))
      zone.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of Object.entries(listeners))
        zone.removeEventListener(type, listener as EventListener);
      setDragging(false);
    };
  }, [anchor, onFiles, disabled]);
  return dragging;
}
