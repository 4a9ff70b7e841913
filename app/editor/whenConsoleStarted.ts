import type { Event } from '../lifecycle/Disposable';
import type { ConsoleState } from '../ui/StatusIndicator';

/**
 * Resolves once the console has started Python and printed its banner (or said why Python did not start). A notice
 * of the page's own, such as a share link's, is printed after it: before, it came out above the banner.
 */
export function whenConsoleStarted(status: {
  readonly state: ConsoleState;
  readonly onChange: Event<ConsoleState>;
}): Promise<void> {
  const starting = (state: ConsoleState): boolean => state === 'loading' || state === 'restarting';
  return new Promise((resolve) => {
    if (!starting(status.state)) {
      resolve();
      return;
    }
    const subscription = status.onChange((state) => {
      if (starting(state)) return;
      subscription.dispose();
      resolve();
    });
  });
}
