import { imageToDisplayed } from '../core/geometry';
import { type CompareToWebview, parseCompareToWebview } from '../core/messages';
import { element, vscodeApi } from './vscodeApi';

const vscode = vscodeApi();
const summary = element<HTMLHeadingElement>('summary');
const picture = element<HTMLImageElement>('picture');
const boxes = element<HTMLDivElement>('boxes');
const regions = element<HTMLOListElement>('regions');
const explanation = element<HTMLParagraphElement>('explanation');
const diffChoice = element<HTMLLabelElement>('diffChoice');
const beforeLabel = element<HTMLSpanElement>('beforeLabel');
const afterLabel = element<HTMLSpanElement>('afterLabel');
const regionPanel = element<HTMLElement>('regionPanel');

let current: CompareToWebview | undefined;

function view(): 'diff' | 'before' | 'after' {
    const value = document.querySelector<HTMLInputElement>('input[name="view"]:checked')?.value;
    return value === 'before' || value === 'after' ? value : 'diff';
}

function show(): void {
    if (!current) {
        return;
    }
    const v = view();
    picture.src = v === 'diff' ? (current.diffImage ?? current.after) : current[v];
    picture.alt = v === 'diff' ? 'Diff overlay' : `${v} image`;
    drawBoxes();
}

function drawBoxes(selected?: number): void {
    boxes.replaceChildren();
    if (!current || picture.clientWidth === 0) {
        return;
    }
    const displayed = { width: picture.clientWidth, height: picture.clientHeight };
    current.regions.forEach((region, index) => {
        const r = imageToDisplayed(region, displayed, current!);
        const box = document.createElement('div');
        box.className = index === selected ? 'region selected' : 'region';
        box.style.left = `${picture.offsetLeft + r.x}px`;
        box.style.top = `${picture.offsetTop + r.y}px`;
        box.style.width = `${Math.max(r.width, 2)}px`;
        box.style.height = `${Math.max(r.height, 2)}px`;
        boxes.appendChild(box);
    });
}

function choose(value: 'diff' | 'before' | 'after'): void {
    const radio = document.querySelector<HTMLInputElement>(`input[name="view"][value="${value}"]`);
    if (radio) {
        radio.checked = true;
    }
}

function render(message: CompareToWebview): void {
    current = message;
    summary.textContent = message.summary;
    const rendering = message.mode === 'render';
    diffChoice.hidden = rendering;
    regionPanel.hidden = rendering;
    beforeLabel.textContent = rendering ? 'Target' : 'Before';
    afterLabel.textContent = rendering ? 'Render' : 'After';
    if (rendering && view() === 'diff') {
        choose('after');
    }
    regions.replaceChildren(
        ...message.regions.map((r, index) => {
            const item = document.createElement('li');
            const pixels = r.pixels === undefined ? '' : ` — ${r.pixels.toLocaleString('en-US')} px`;
            item.textContent = `${r.width}×${r.height} at (${r.x}, ${r.y})${pixels}`;
            item.tabIndex = 0;
            item.addEventListener('click', () => drawBoxes(index));
            return item;
        }),
    );
    explanation.hidden = message.explanation === undefined;
    explanation.textContent = message.explanation ?? '';
    show();
}

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="view"]')) {
    radio.addEventListener('change', show);
}
picture.addEventListener('load', () => drawBoxes());
window.addEventListener('resize', () => drawBoxes());

window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseCompareToWebview(event.data);
    if (message) {
        render(message);
    }
});

vscode.postMessage({ type: 'ready' });
