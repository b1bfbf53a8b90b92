/**
 * The page's only script. It never writes markup: it clones the escaped <template> of the marker
 * under the pointer or focus into the tooltip, and opens every rule's <details> before printing.
 */
export const PAGE_SCRIPT = `(function () {
  function parts(target) {
    var marker = target && target.closest ? target.closest('[data-event]') : null;
    var wrap = marker ? marker.closest('.chart-wrap') : null;
    var tip = wrap ? wrap.querySelector('.tip') : null;
    return marker && tip ? { marker: marker, wrap: wrap, tip: tip } : null;
  }
  function show(event) {
    var p = parts(event.target);
    var template = p ? document.getElementById('detail-' + p.marker.getAttribute('data-event')) : null;
    if (!template) return;
    p.tip.replaceChildren(template.content.cloneNode(true));
    p.tip.hidden = false;
    var m = p.marker.getBoundingClientRect();
    var w = p.wrap.getBoundingClientRect();
    var left = Math.max(0, Math.min(m.left - w.left + m.width / 2 - p.tip.offsetWidth / 2, w.width - p.tip.offsetWidth));
    p.tip.style.left = left + 'px';
    p.tip.style.top = (m.bottom - w.top + 6) + 'px';
  }
  function hide(event) {
    var p = parts(event.target);
    if (p) p.tip.hidden = true;
  }
  document.addEventListener('mouseover', show);
  document.addEventListener('focusin', show);
  document.addEventListener('mouseout', hide);
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    document.querySelectorAll('.tip').forEach(function (tip) { tip.hidden = true; });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();`;
