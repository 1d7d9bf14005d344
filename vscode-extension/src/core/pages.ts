/**
 * The webviews' fixed markup. Everything the user or the server supplies reaches the page as a validated message and
 * is set with `textContent` / `src`, never spliced into this HTML.
 */

export const visualEditBody = `
    <header class="bar">
        <h1 id="title">Visual Edit</h1>
        <fieldset class="shapes" aria-label="Mark shape">
            <label><input type="radio" name="shape" value="box" checked> Box</label>
            <label><input type="radio" name="shape" value="ellipse"> Ellipse</label>
        </fieldset>
        <button id="refresh" type="button" class="secondary">Refresh</button>
    </header>
    <p class="hint">Drag on the render to mark what to change, then say what to do with it.</p>
    <div id="stage" class="stage">
        <img id="shot" alt="Render of the page" draggable="false">
        <div id="mark" class="mark" hidden></div>
    </div>
    <form id="instructionForm" class="instruction">
        <textarea id="instruction" rows="3" maxlength="2000" placeholder="e.g. make this button dark blue and move it a bit left"></textarea>
        <button id="send" type="submit" disabled>Edit</button>
    </form>
    <section id="proposal" class="proposal" hidden>
        <p id="proposalMessage"></p>
        <img id="after" alt="Render after the proposed edit" hidden>
        <div class="actions">
            <button id="apply" type="button">Apply</button>
            <button id="discard" type="button" class="secondary">Discard</button>
        </div>
    </section>
    <p id="status" class="status" role="status"></p>`;

export const compareBody = `
    <header class="bar">
        <h1 id="summary">Comparing…</h1>
        <fieldset class="views" aria-label="Show">
            <label id="diffChoice"><input type="radio" name="view" value="diff" checked> Diff</label>
            <label><input type="radio" name="view" value="before"> <span id="beforeLabel">Before</span></label>
            <label><input type="radio" name="view" value="after"> <span id="afterLabel">After</span></label>
        </fieldset>
    </header>
    <div class="layout">
        <div id="stage" class="stage">
            <img id="picture" alt="Diff overlay">
            <div id="boxes"></div>
        </div>
        <aside id="regionPanel">
            <h2>Changed regions</h2>
            <ol id="regions"></ol>
            <p id="explanation" class="explanation" hidden></p>
        </aside>
    </div>`;
