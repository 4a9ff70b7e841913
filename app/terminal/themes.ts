/**
 * The console's light and dark terminal themes. Both keep the ANSI palette readable on their background, so
 * tracebacks (red), notices (yellow) and the syntax colours work in either.
 */
import type { ITheme } from '@xterm/xterm';

export type ThemeName = 'dark' | 'light';

export const THEMES: Readonly<Record<ThemeName, ITheme>> = {
  dark: {
    background: '#1e1f22',
    foreground: '#e6e6e6',
    cursor: '#e6e6e6',
    selectionBackground: '#3d5a80',
    red: '#f26d6d',
    green: '#8cc570',
    yellow: '#e5c07b',
    blue: '#6cb6ff',
    magenta: '#d59ef7',
    brightBlack: '#8a8f98',
  },
  light: {
    background: '#fbfbfa',
    foreground: '#1f2328',
    cursor: '#1f2328',
    selectionBackground: '#b6d7ff',
    black: '#1f2328',
    red: '#c4211b',
    green: '#1a7f37',
    yellow: '#8a5a00',
    blue: '#0550ae',
    magenta: '#8250df',
    cyan: '#0a7b83',
    white: '#6e7781',
    brightBlack: '#6e7781',
    brightWhite: '#8c959f',
  },
};
