import { useCallback, useEffect, useState } from 'react';

/** The colour scheme, set as `data-theme` on `<html>`. */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'chatstream-demo-theme';

function initialTheme(): Theme {
  const current = document.documentElement.dataset['theme'];
  if (current === 'dark' || current === 'light') return current;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * The page theme: starts from the saved choice or the system preference (index.html applies it
 * before the first paint), and `toggle` switches and remembers it.
 */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Private browsing may refuse storage: the theme still applies for this visit.
    }
  }, [theme]);
  const toggle = useCallback(() => setTheme((value) => (value === 'dark' ? 'light' : 'dark')), []);
  return { theme, toggle };
}
