/**
 * The demo gallery: a dialog listing the demos; choosing one hands it to `onOpen` (the page puts it in the
 * editor) and closes the dialog. Escape or the Close button dismiss it.
 */
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { DEMOS, type Demo } from './demos';
import { button } from '../ui/button';

export class DemoGallery extends Disposable {
  private readonly _dialog: HTMLDialogElement;

  constructor(onOpen: (demo: Demo) => void, demos: readonly Demo[] = DEMOS) {
    super();
    this._dialog = document.createElement('dialog');
    this._dialog.className = 'demo-gallery';
    this._dialog.setAttribute('aria-labelledby', 'demo-gallery-title');
    const heading = document.createElement('h2');
    heading.id = 'demo-gallery-title';
    heading.textContent = 'Demos';
    const list = document.createElement('ul');
    for (const demo of demos) {
      const item = document.createElement('li');
      const open = button('', { className: 'demo-card' });
      open.dataset.demo = demo.id;
      const title = document.createElement('strong');
      title.textContent = demo.title;
      const description = document.createElement('span');
      description.textContent = demo.description;
      open.append(title, description);
      open.addEventListener('click', () => {
        this._dialog.close();
        onOpen(demo);
      });
      item.append(open);
      list.append(item);
    }
    const close = button('Close', { onClick: () => this._dialog.close() });
    this._dialog.append(heading, list, close);
    document.body.append(this._dialog);
    this._register(toDisposable(() => this._dialog.remove()));
  }

  open(): void {
    if (!this._dialog.open) this._dialog.showModal();
  }
}
