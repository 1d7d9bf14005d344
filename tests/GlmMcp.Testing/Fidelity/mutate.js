// Applies one mutation to the loaded page, chosen by a deterministic seed, and returns what it did as JSON:
// { ok, element, before: [x,y,w,h], after: [x,y,w,h], detail, from, to }. Run by the renderer just before the screenshot.
(arg) => {
  let state = arg.seed >>> 0;
  const random = () => { state = (state + 0x6D2B79F5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const vw = innerWidth, vh = innerHeight;
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const inView = (el) => { const r = el.getBoundingClientRect(); return r.width >= 6 && r.height >= 6 && r.x >= 0 && r.y >= 0 && r.right <= vw && r.bottom <= vh; };
  const visible = (el) => { const s = getComputedStyle(el); return s.visibility === 'visible' && s.display !== 'none' && parseFloat(s.opacity) > 0.5; };
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const opaque = (c) => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] > 0.9); };
  const ownText = (el) => [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim().length >= 2);
  const all = [...document.body.querySelectorAll('*')].filter(el => !(el instanceof SVGElement && el.tagName !== 'svg') && visible(el) && inView(el));
  const area = (el) => { const r = el.getBoundingClientRect(); return r.width * r.height; };
  const texts = all.filter(el => ownText(el).length > 0);
  const boxes = all.filter(el => opaque(getComputedStyle(el).backgroundColor) && el.getBoundingClientRect().width >= 24 && el.getBoundingClientRect().height >= 16 && area(el) < vw * vh * 0.6);
  const leaves = all.filter(el => area(el) >= 120 && area(el) < vw * vh * 0.2 && (ownText(el).length > 0 || el.tagName === 'svg' || el.children.length === 0 || opaque(getComputedStyle(el).backgroundColor)));
  const palette = [[220, 38, 38], [22, 163, 74], [37, 99, 235], [234, 88, 12], [147, 51, 234], [8, 145, 178], [250, 204, 21], [0, 0, 0], [255, 255, 255]];
  const farthest = (c) => { let best = palette[0], d = -1; for (const p of palette) { const e = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2; if (e > d) { d = e; best = p; } } return best; };
  const css = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
  const nudge = (c) => { const v = c.slice(0, 3); const i = Math.floor(random() * 3); v[i] = v[i] >= 128 ? v[i] - 1 : v[i] + 1; return v; };
  const result = (el, before, detail, from, to) => JSON.stringify({ ok: true, element: el.tagName.toLowerCase(), before, after: box(el), detail, from: from || null, to: to || null });
  const none = (why) => JSON.stringify({ ok: false, detail: why });
  // Inline boxes ignore translate, so static elements move by relative offsets.
  const move = (el, dx, dy) => {
    if (getComputedStyle(el).position === 'static') { el.style.setProperty('position', 'relative', 'important'); el.style.setProperty('left', dx + 'px', 'important'); el.style.setProperty('top', dy + 'px', 'important'); }
    else el.style.setProperty('translate', `${dx}px ${dy}px`, 'important');
  };
  const words = ['harbor', 'granite', 'meadow', 'copper', 'lantern', 'velvet', 'orbit', 'prism', 'saddle', 'thistle'];

  switch (arg.kind) {
    case 'identical': return JSON.stringify({ ok: true, element: 'body', before: [0, 0, 0, 0], after: [0, 0, 0, 0], detail: 'no change' });
    case 'color': {
      if (!texts.length) return none('no text');
      const el = pick(texts), from = rgb(getComputedStyle(el).color), to = farthest(from), before = box(el);
      el.style.setProperty('color', css(to), 'important');
      return result(el, before, 'text colour', css(from), css(to));
    }
    case 'background': {
      if (!boxes.length) return none('no filled box');
      const el = pick(boxes), from = rgb(getComputedStyle(el).backgroundColor), to = farthest(from), before = box(el);
      el.style.setProperty('background', css(to), 'important');
      return result(el, before, 'background colour', css(from), css(to));
    }
    case 'font-size': {
      if (!texts.length) return none('no text');
      const el = pick(texts), size = parseFloat(getComputedStyle(el).fontSize), factor = random() < 0.5 ? 0.85 : 1.15, before = box(el);
      el.style.setProperty('font-size', (size * factor).toFixed(2) + 'px', 'important');
      return result(el, before, `font size ×${factor}`, size + 'px', (size * factor).toFixed(2) + 'px');
    }
    case 'font-weight': {
      if (!texts.length) return none('no text');
      const el = pick(texts), weight = parseInt(getComputedStyle(el).fontWeight, 10), to = weight >= 600 ? 400 : 700, before = box(el);
      el.style.setProperty('font-weight', String(to), 'important');
      return result(el, before, 'font weight', String(weight), String(to));
    }
    case 'shift': {
      const el = pick(leaves), before = box(el), dx = Math.round((random() < 0.5 ? -1 : 1) * (8 + random() * 8)), dy = Math.round((random() < 0.5 ? -1 : 1) * (random() * 8));
      move(el, dx, dy);
      return result(el, before, `moved ${dx},${dy} px`);
    }
    case 'spacing': {
      const el = pick(leaves), before = box(el), s = getComputedStyle(el), add = 10 + Math.floor(random() * 8);
      el.style.setProperty('margin-top', (parseFloat(s.marginTop) + add) + 'px', 'important');
      return result(el, before, `margin-top +${add} px`);
    }
    case 'missing': {
      const el = pick(leaves), before = box(el);
      el.style.setProperty('visibility', 'hidden', 'important');
      return result(el, before, 'hidden');
    }
    case 'extra': {
      const el = pick(leaves.filter(e => !['td', 'th', 'tr', 'li'].includes(e.tagName.toLowerCase()) && !['absolute', 'fixed'].includes(getComputedStyle(e).position)));
      const copy = el.cloneNode(true);
      el.after(copy);
      return result(copy, box(copy), 'duplicated after itself');
    }
    case 'text': {
      if (!texts.length) return none('no text');
      const el = pick(texts), node = ownText(el)[0], from = node.textContent, before = box(el);
      const parts = from.trim().split(/\s+/);
      const to = parts.length >= 2 ? parts.slice(1).concat(parts[0]).join(' ') : pick(words).slice(0, Math.max(2, from.trim().length)).padEnd(from.trim().length, 'x');
      node.textContent = to === from.trim() ? pick(words) : to;
      return result(el, before, 'text changed', from.trim(), node.textContent);
    }
    case 'swap': {
      const pairs = all.filter(el => el.nextElementSibling && inView(el.nextElementSibling) && visible(el.nextElementSibling) && el.tagName === el.nextElementSibling.tagName && el.outerHTML !== el.nextElementSibling.outerHTML && area(el) >= 120 && el.textContent.trim().length !== 1);
      if (!pairs.length) return none('no sibling pair');
      const a = pick(pairs), b = a.nextElementSibling, ra = box(a), rb = box(b);
      const before = [Math.min(ra[0], rb[0]), Math.min(ra[1], rb[1]), 0, 0];
      before[2] = Math.max(ra[0] + ra[2], rb[0] + rb[2]) - before[0];
      before[3] = Math.max(ra[1] + ra[3], rb[1] + rb[3]) - before[1];
      a.before(b);
      return JSON.stringify({ ok: true, element: a.tagName.toLowerCase(), before, after: before, detail: 'swapped with next sibling' });
    }
    case 'radius': {
      // Only boxes that stand out from what is behind them, so their corners can be seen at all.
      const behind = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const c = getComputedStyle(p).backgroundColor; if (opaque(c)) return rgb(c); } return [255, 255, 255]; };
      const standsOut = (el) => { const a = rgb(getComputedStyle(el).backgroundColor), b = behind(el); return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) >= 60; };
      const cands = boxes.filter(el => el.getBoundingClientRect().width >= 32 && el.getBoundingClientRect().height >= 28 && standsOut(el));
      if (!cands.length) return none('no filled box that stands out');
      const el = pick(cands), r = parseFloat(getComputedStyle(el).borderTopLeftRadius) || 0, h = el.getBoundingClientRect().height, to = r >= 12 ? 0 : Math.min(r + 14, h / 2), before = box(el);
      el.style.setProperty('border-radius', to + 'px', 'important');
      return result(el, before, 'border radius', r + 'px', to + 'px');
    }
    case 'subpixel': {
      const el = pick(texts.length ? texts : leaves), before = box(el);
      move(el, 0.3, 0.2);
      return result(el, before, 'moved 0.3,0.2 px');
    }
    case 'tiny-color': {
      const useText = random() < 0.5 || !boxes.length;
      const el = useText ? pick(texts) : pick(boxes), prop = useText ? 'color' : 'background-color';
      const from = rgb(getComputedStyle(el).getPropertyValue(prop)), to = nudge(from), before = box(el);
      el.style.setProperty(prop, css(to), 'important');
      return result(el, before, prop + ' nudged by one level', css(from), css(to));
    }
    default: return none('unknown kind ' + arg.kind);
  }
}
