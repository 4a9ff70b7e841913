/** Options of {@link button}: what a toolbar or dialog button needs besides its label. */
export interface ButtonOptions {
  readonly id?: string;
  /** The tooltip. */
  readonly title?: string;
  /** For buttons whose label is a symbol (×). */
  readonly ariaLabel?: string;
  readonly className?: string;
  /** Listens for as long as the button exists: owners remove the element, which releases the listener. */
  readonly onClick?: (event: MouseEvent) => void;
}

/** A `type="button"` button (it never submits a form), built the same way everywhere in the app. */
export function button(label: string, options: ButtonOptions = {}): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (options.id !== undefined) element.id = options.id;
  if (options.title !== undefined) element.title = options.title;
  if (options.ariaLabel !== undefined) element.setAttribute('aria-label', options.ariaLabel);
  if (options.className !== undefined) element.className = options.className;
  if (options.onClick) element.addEventListener('click', options.onClick);
  return element;
}
