/**
 * Files into Python: an Upload button (a hidden file input behind it) and files dropped on the console. Each chosen
 * file goes to `upload`, which writes it into Python's working directory (ConsoleController.uploadFile), so that
 * `open("data.csv")` reads it.
 */
import { Disposable, listen, toDisposable } from '../lifecycle/Disposable';
import { button } from './button';

export class FileUpload extends Disposable {
  /** The hidden `<input type="file">` the button opens (tests set files on it directly). */
  readonly input: HTMLInputElement;

  constructor(
    toolbar: HTMLElement,
    dropTarget: HTMLElement,
    private readonly _upload: (file: File) => Promise<void>,
    private readonly _afterUpload: () => void = () => undefined,
    /** The toolbar item the button goes before (at the end when null). */
    before: Element | null = toolbar.querySelector('#theme'),
  ) {
    super();
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.hidden = true;
    input.id = 'upload-input';
    const open = button('Upload', {
      id: 'upload',
      title: "Put files into Python's working folder, for open() (or drop them on the console)",
      onClick: () => input.click(),
    });
    // By default before the theme button, with the actions on the console.
    toolbar.insertBefore(open, before);
    toolbar.append(input);
    this.input = input;
    this._register(toDisposable(() => [open, input].forEach((element) => element.remove())));

    this._register(
      listen(input, 'change', () => {
        const files = [...(input.files ?? [])];
        input.value = ''; // choosing the same file again is a change too
        void this._uploadAll(files);
      }),
    );
    this._register(
      listen(dropTarget, 'dragover', (event) => {
        const transfer = (event as DragEvent).dataTransfer;
        if (!transfer?.types.includes('Files')) return;
        event.preventDefault(); // allows the drop
        transfer.dropEffect = 'copy';
      }),
    );
    this._register(
      listen(dropTarget, 'drop', (event) => {
        const files = [...((event as DragEvent).dataTransfer?.files ?? [])];
        if (files.length === 0) return;
        event.preventDefault(); // the browser would open the file instead
        void this._uploadAll(files);
      }),
    );
  }

  private async _uploadAll(files: readonly File[]): Promise<void> {
    for (const file of files) await this._upload(file);
    this._afterUpload();
  }
}
