import { displayedToImage, isMeaningfulDrag, type Point, type Rect, rectFromDrag } from '../core/geometry';
import { parseVisualEditToWebview, type Shape, type VisualEditToExtension } from '../core/messages';
import { element, vscodeApi } from './vscodeApi';

const vscode = vscodeApi();
const title = element<HTMLHeadingElement>('title');
const stage = element<HTMLDivElement>('stage');
const shot = element<HTMLImageElement>('shot');
const mark = element<HTMLDivElement>('mark');
const form = element<HTMLFormElement>('instructionForm');
const instruction = element<HTMLTextAreaElement>('instruction');
const send = element<HTMLButtonElement>('send');
const proposal = element<HTMLElement>('proposal');
const proposalMessage = element<HTMLParagraphElement>('proposalMessage');
const after = element<HTMLImageElement>('after');
const apply = element<HTMLButtonElement>('apply');
const discard = element<HTMLButtonElement>('discard');
const refresh = element<HTMLButtonElement>('refresh');
const status = element<HTMLParagraphElement>('status');

let imageSize: { width: number; height: number } | undefined;
let dragStart: Point | undefined;
/** The mark in displayed pixels, kept so it can be redrawn when the panel is resized. */
let drawn: Rect | undefined;
let busy = false;

function post(message: VisualEditToExtension): void {
    vscode.postMessage(message);
}

function shape(): Shape {
    const checked = document.querySelector<HTMLInputElement>('input[name="shape"]:checked');
    return checked?.value === 'ellipse' ? 'ellipse' : 'box';
}

function pointIn(event: PointerEvent): Point {
    const bounds = shot.getBoundingClientRect();
    return {
        x: Math.min(Math.max(event.clientX - bounds.left, 0), bounds.width),
        y: Math.min(Math.max(event.clientY - bounds.top, 0), bounds.height),
    };
}

function drawMark(rect: Rect | undefined): void {
    mark.hidden = rect === undefined;
    if (!rect) {
        return;
    }
    mark.classList.toggle('ellipse', shape() === 'ellipse');
    mark.style.left = `${shot.offsetLeft + rect.x}px`;
    mark.style.top = `${shot.offsetTop + rect.y}px`;
    mark.style.width = `${rect.width}px`;
    mark.style.height = `${rect.height}px`;
}

/** The drawn mark in image pixels: the image is usually shown smaller than the screenshot it is. */
function region(): Rect | undefined {
    if (!drawn || !imageSize || !isMeaningfulDrag(drawn)) {
        return undefined;
    }
    const r = displayedToImage(drawn, { width: shot.clientWidth, height: shot.clientHeight }, imageSize);
    return r.width >= 1 && r.height >= 1 ? r : undefined;
}

function updateSend(): void {
    send.disabled = busy || region() === undefined || instruction.value.trim() === '';
}

function setBusy(value: boolean, message: string): void {
    busy = value;
    status.textContent = message;
    stage.classList.toggle('busy', value);
    updateSend();
}

shot.addEventListener('dragstart', (e) => e.preventDefault());

stage.addEventListener('pointerdown', (event) => {
    if (!imageSize || busy || event.button !== 0) {
        return;
    }
    event.preventDefault();
    stage.setPointerCapture(event.pointerId);
    dragStart = pointIn(event);
    drawn = undefined;
    drawMark(undefined);
});

stage.addEventListener('pointermove', (event) => {
    if (!dragStart) {
        return;
    }
    drawn = rectFromDrag(dragStart, pointIn(event));
    drawMark(drawn);
});

stage.addEventListener('pointerup', (event) => {
    if (!dragStart) {
        return;
    }
    drawn = rectFromDrag(dragStart, pointIn(event));
    dragStart = undefined;
    if (!isMeaningfulDrag(drawn)) {
        drawn = undefined;
    }
    drawMark(drawn);
    updateSend();
    if (drawn) {
        instruction.focus();
    }
});

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="shape"]')) {
    radio.addEventListener('change', () => drawMark(drawn));
}

instruction.addEventListener('input', updateSend);

form.addEventListener('submit', (event) => {
    event.preventDefault();
    const r = region();
    const text = instruction.value.trim();
    if (!r || text === '' || busy) {
        return;
    }
    proposal.hidden = true;
    setBusy(true, 'Editing…');
    post({ type: 'edit', shape: shape(), region: r, instruction: text });
});

apply.addEventListener('click', () => {
    proposal.hidden = true;
    post({ type: 'apply' });
});

discard.addEventListener('click', () => {
    proposal.hidden = true;
    post({ type: 'discard' });
});

refresh.addEventListener('click', () => post({ type: 'refresh' }));

window.addEventListener('resize', () => {
    // The image was rescaled: a mark in displayed pixels no longer covers the same content, so start over.
    drawn = undefined;
    drawMark(undefined);
    updateSend();
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseVisualEditToWebview(event.data);
    if (!message) {
        return;
    }
    switch (message.type) {
        case 'show':
            imageSize = { width: message.width, height: message.height };
            title.textContent = message.title;
            shot.src = message.image;
            drawn = undefined;
            drawMark(undefined);
            setBusy(false, `${message.width}×${message.height} render. Drag a box on it.`);
            break;
        case 'busy':
            setBusy(true, message.message);
            break;
        case 'proposal':
            setBusy(false, '');
            proposalMessage.textContent = message.message;
            after.hidden = message.after === undefined;
            if (message.after) {
                after.src = message.after;
            }
            proposal.hidden = false;
            break;
        case 'done':
            setBusy(false, message.message);
            break;
        case 'error':
            setBusy(false, message.message);
            status.classList.add('error');
            setTimeout(() => status.classList.remove('error'), 4000);
            break;
    }
});

post({ type: 'ready' });
