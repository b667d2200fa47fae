import { useEffect, useState } from 'react';

/** The plot palette (from plot.css) and the chart chrome, as the current theme defines them. */
export interface PlotColors {
  series: string[];
  axis: string;
  grid: string;
  text: string;
}

export const PALETTE_SIZE = 8;

function readColors(): PlotColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    series: Array.from({ length: PALETTE_SIZE }, (_, index) => read(`--plot-${index + 1}`)),
    axis: read('--text-muted'),
    grid: read('--border'),
    text: read('--text'),
  };
}

/**
 * Canvas colours cannot follow CSS on their own, so they are read from the CSS variables and read
 * again when the theme attribute changes. Watching the attribute, not the store, matters: the App
 * sets it in an effect that runs after this component's effects.
 */
export function usePlotColors(): PlotColors {
  const [colors, setColors] = useState(readColors);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(readColors()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const query = window.matchMedia?.('(prefers-color-scheme: light)');
    const onScheme = () => setColors(readColors());
    query?.addEventListener('change', onScheme);
    return () => {
      observer.disconnect();
      query?.removeEventListener('change', onScheme);
    };
  }, []);
  return colors;
}
