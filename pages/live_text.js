// Rédaction's live text box (pages/live_text.py mounts it with st.components.v2).
// st.text_area reports its value only on Ctrl+Entrée or when the field loses focus; this
// box sends it 350 ms after the last keystroke, so the score follows the typing. Python
// rewrites the box only when it changed the text itself (a fix, another post): data.rev.
export default function(component) {
  const { data, setStateValue, parentElement } = component;
  let box = parentElement.querySelector('textarea');
  if (!box) {
    const label = document.createElement('label');
    label.textContent = data.label;
    label.style.cssText = 'display:block;font-size:14px;margin-bottom:.25rem;';
    box = document.createElement('textarea');
    box.setAttribute('aria-label', data.label);
    box.spellcheck = true;
    box.lang = data.lang;
    box.style.cssText = 'width:100%;box-sizing:border-box;font:inherit;font-size:15px;line-height:1.5;'
      + 'padding:.6rem .75rem;border-radius:.5rem;border:1px solid rgba(49,51,63,.2);'
      + 'background:#f9f9fb;resize:vertical;min-height:' + data.height + 'px;';
    parentElement.appendChild(label);
    parentElement.appendChild(box);
    const send = () => { clearTimeout(box._timer); if (box.value !== box._sent) { box._sent = box.value; box._set('text', box.value); } };
    box.addEventListener('input', () => { clearTimeout(box._timer); box._timer = setTimeout(send, 350); });
    box.addEventListener('blur', send);
  }
  const label = parentElement.querySelector('label');
  if (label.textContent !== data.label) {  // the language changed: the box and its text stay
    label.textContent = data.label;
    box.setAttribute('aria-label', data.label);
    box.lang = data.lang;
  }
  box._set = setStateValue;
  if (box._rev !== data.rev) { box.value = data.text; box._sent = data.text; box._rev = data.rev; }
}
