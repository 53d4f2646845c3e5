import css from '../styles.css?inline';

/** Adds the package stylesheet to the page once: layout, scrolling and colour checks depend on it. */
export function installStyles(): void {
  if (document.querySelector('style[data-chatstream-test]')) return;
  const style = document.createElement('style');
  style.dataset['chatstreamTest'] = '';
  style.textContent = css;
  document.head.append(style);
}
